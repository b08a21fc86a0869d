"""A reversal is posted exactly once: two runs at once (SQLite and PostgreSQL), a crash
between sending and recording, an answer lost and committed later. Each ends with one
reversal voucher in e-conomic and the match proposed."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from econdesk.connectors import eventloop
from econdesk.connectors.economic.client import EconomicClient
from econdesk.connectors.economic.models import PostResult
from econdesk.connectors.http import RetryPolicy
from econdesk.domain.model import MatchState
from econdesk.errors import EcondeskError
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.services.posting import EconomicPort, Outcome
from econdesk.services.reversal import ReversalError, ReversalOutcome, reverse_match
from econdesk.storage import Database, PostingStatus
from tests.services.late_economic import LateCommittingEconomic
from tests.services.posting_world import World, agreement
from tests.services.test_reversal import sent_vouchers

ONE_TRY = RetryPolicy(attempts=1)


class Killed(BaseException):
    """The process died here: nothing in econdesk catches it."""


class DiesAfterSending:
    """The real client, except that the process dies once e-conomic has taken the vouchers."""

    def __init__(self, inner: EconomicClient) -> None:
        self.inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    async def post_vouchers(
        self, journal_number: int, vouchers: Sequence[Mapping[str, Any]], *, idempotency_key: str
    ) -> PostResult:
        await self.inner.post_vouchers(journal_number, vouchers, idempotency_key=idempotency_key)
        raise Killed("after send, before record")


def posted_world(db: Database, sandbox: EconomicSandbox, seed: int) -> World:
    world = World.build(db, sandbox, seed=seed, count=1)
    assert eventloop.run(world.service().post()).ok
    return world


def reversal_marker_of(db: Database, match_id: str) -> str:
    with db.reader() as store:
        posting = store.postings.get("r-" + match_id.removeprefix("m-"))
    assert posting is not None
    return posting.voucher.marker


def test_a_crash_between_send_and_record_is_recovered_from_the_daybook(
    sqlite_db: Database,
) -> None:
    with EconomicSandbox(agreement(81)) as sandbox:
        world = posted_world(sqlite_db, sandbox, 81)
        (match,) = world.matches
        dying = world.service(wrap=DiesAfterSending)  # type: ignore[arg-type]
        with pytest.raises(Killed):
            eventloop.run(reverse_match(dying, match.id, reason="wrong"))
        assert world.states()[match.id].state is MatchState.POSTED  # not recorded yet
        marker = reversal_marker_of(sqlite_db, match.id)
        assert sent_vouchers(sandbox, marker) == 1
        again = eventloop.run(reverse_match(world.service(), match.id, reason="wrong"))
        assert again.outcome is Outcome.POSTED and again.recovered, again
        assert sent_vouchers(sandbox, marker) == 1  # found, not sent again
        assert world.states()[match.id].state is MatchState.PROPOSED
        with sqlite_db.reader() as store:
            assert store.verify_audit().ok
            assert len(store.audit_events(action_prefix="match.reversed")) == 1


class Clock:
    def __init__(self) -> None:
        self.moment = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.moment


def test_a_lost_answer_committed_later_is_found_not_sent_again(sqlite_db: Database) -> None:
    with EconomicSandbox(agreement(82)) as sandbox:
        world = posted_world(sqlite_db, sandbox, 82)
        (match,) = world.matches
        clock = Clock()
        fake = LateCommittingEconomic(inner=None, now=clock, lose=1, delay=timedelta(seconds=5))  # type: ignore[arg-type]

        def wrap(client: EconomicClient) -> EconomicPort:
            fake.inner = client
            return fake

        service = world.service(retry=ONE_TRY, wrap=wrap, clock=clock)
        first = eventloop.run(reverse_match(service, match.id, reason="wrong"))
        assert first.outcome is Outcome.IN_DOUBT, first
        assert world.states()[match.id].state is MatchState.POSTED
        # Still committing: resent under the same key, refused with 409, still in doubt.
        second = eventloop.run(reverse_match(service, match.id, reason="wrong"))
        assert second.outcome is Outcome.IN_DOUBT
        clock.moment += timedelta(seconds=10)
        third = eventloop.run(reverse_match(service, match.id, reason="wrong"))
        assert third.outcome is Outcome.POSTED and third.recovered, third
        marker = reversal_marker_of(sqlite_db, match.id)
        assert fake.vouchers_with(marker) == 1
        assert len(set(fake.requests)) == 1  # one key: never sent afresh while committing
        assert world.states()[match.id].state is MatchState.PROPOSED


def test_two_reversals_at_once_post_one_voucher(db: Database) -> None:
    with EconomicSandbox(agreement(83)) as sandbox:
        world = posted_world(db, sandbox, 83)
        (match,) = world.matches
        start = threading.Barrier(2)
        results: list[ReversalOutcome | Exception] = []

        def run() -> None:
            service = world.service(stale_after=timedelta(minutes=10))
            start.wait()
            try:
                results.append(asyncio.run(reverse_match(service, match.id, reason="twice")))
            except ReversalError as exc:  # the other one was done before this one looked
                results.append(exc)

        threads = [threading.Thread(target=run) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        posted = [
            r for r in results if isinstance(r, ReversalOutcome) and r.outcome is Outcome.POSTED
        ]
        others = [r for r in results if r not in posted]
        assert len(posted) == 1, results
        assert len(others) == 1
        other = others[0]
        assert isinstance(other, ReversalError) or other.outcome is Outcome.BUSY, other
        marker = reversal_marker_of(db, match.id)
        assert sent_vouchers(sandbox, marker) == 1
        with db.reader() as store:
            reversal = store.postings.get("r-" + match.id.removeprefix("m-"))
            assert store.verify_audit().ok
        assert reversal is not None and reversal.status is PostingStatus.POSTED
        assert world.states()[match.id].state is MatchState.PROPOSED


def test_a_month_is_not_signed_off_while_a_reversal_of_it_is_in_doubt(
    sqlite_db: Database,
) -> None:
    from econdesk.services.periods import PeriodService
    from econdesk.services.report import Ledger

    with EconomicSandbox(agreement(84)) as sandbox:
        world = posted_world(sqlite_db, sandbox, 84)
        (match,) = world.matches
        dying = world.service(wrap=DiesAfterSending)  # type: ignore[arg-type]
        with pytest.raises(Killed):
            eventloop.run(reverse_match(dying, match.id, reason="wrong"))
        with sqlite_db.reader() as store:
            entry = store.bank_entries.get(match.bank_refs[0])
        assert entry is not None
        period = f"{entry.entry_date:%Y-%m}"
        service = PeriodService(sqlite_db, ledger=lambda: Ledger.unknown("offline"))
        with pytest.raises(EcondeskError, match=f"{match.id} is being posted"):
            service.sign_off(period)
