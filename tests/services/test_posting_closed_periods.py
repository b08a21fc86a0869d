"""Closed years, closed periods and VAT-settled periods: e-conomic refuses the voucher, the match
stays approved with the reason in plain words, and it posts once the date is open again."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from econdesk.connectors import eventloop
from econdesk.connectors.economic.client import EconomicClient
from econdesk.connectors.economic.models import PostResult
from econdesk.domain.model import MatchState
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.services.closed_periods import ClosedKind
from econdesk.services.posting import MatchOutcome, Outcome
from econdesk.storage import Database, PostingStatus
from tests.services.posting_world import World, agreement, check_exactly_once


def _dates(world: World, match_id: str) -> list[date]:
    with world.db.reader() as store:
        entry = store.bank_entries.get(store.matches.get(match_id).bank_refs[0])
    assert entry is not None
    return [entry.entry_date]


def _only(outcomes: list[MatchOutcome], match_id: str) -> MatchOutcome:
    (outcome,) = [o for o in outcomes if o.match_id == match_id]
    return outcome


def test_a_closed_period_leaves_the_match_approved_with_the_reason(sqlite_db: Database) -> None:
    with EconomicSandbox(agreement(61)) as sandbox:
        world = World.build(sqlite_db, sandbox, seed=61, count=3)
        shut = world.matches[1]
        (day,) = _dates(world, shut.id)
        sandbox.data.close_period(day)
        report = eventloop.run(world.service(batch_size=3).post())
        outcome = _only(report.outcomes, shut.id)
        assert outcome.outcome is Outcome.UNPOSTED
        assert outcome.closed is not None and outcome.closed.kind is ClosedKind.PERIOD
        assert outcome.closed.day == day
        assert outcome.reason == (
            f"The accounting period holding {day.isoformat()} is closed in e-conomic. Reopen "
            "the period in e-conomic, then post again."
        )
        for other in world.matches:
            (its_day,) = _dates(world, other.id)
            same_month = (its_day.year, its_day.month) == (day.year, day.month)
            expected = Outcome.UNPOSTED if same_month else Outcome.POSTED
            assert _only(report.outcomes, other.id).outcome is expected
        assert world.states()[shut.id].state is MatchState.APPROVED
        with sqlite_db.reader() as store:
            posting = store.postings.get(shut.id)
        assert posting is not None and posting.status is PostingStatus.FAILED
        assert posting.last_error == outcome.reason
        sandbox.data.closed_periods.clear()  # reopened in e-conomic
        again = eventloop.run(world.service().post())
        assert {o.outcome for o in again.outcomes} == {Outcome.POSTED}
        assert check_exactly_once(world) == {"posted": 3, "total": 3}


def test_a_vat_settled_period_refuses_entries_with_vat(sqlite_db: Database) -> None:
    with EconomicSandbox(agreement(62)) as sandbox:
        world = World.build(sqlite_db, sandbox, seed=62, count=2)
        last = max(d for m in world.matches for d in _dates(world, m.id))
        sandbox.data.settle_vat(last)
        with_vat = {
            v.match_id
            for v in eventloop.run(world.service().preview()).vouchers
            if any(line.vat_code or line.contra_vat_code for line in v.voucher.lines)
        }
        assert with_vat
        report = eventloop.run(world.service().post())
        for outcome in report.outcomes:
            if outcome.match_id in with_vat:
                assert outcome.outcome is Outcome.UNPOSTED
                assert outcome.closed is not None
                assert outcome.closed.kind is ClosedKind.VAT_SETTLED
                assert "VAT for the period holding" in (outcome.reason or "")
                assert world.states()[outcome.match_id].state is MatchState.APPROVED
            else:  # no VAT on any line: a settled VAT period does not stop it
                assert outcome.outcome is Outcome.POSTED


class ClosesTheYear:
    """e-conomic closes the year between reading the chart and the POST."""

    def __init__(self, inner: EconomicClient, sandbox: EconomicSandbox) -> None:
        self.inner, self.sandbox = inner, sandbox

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    async def post_vouchers(
        self, journal_number: int, vouchers: Sequence[Mapping[str, Any]], *, idempotency_key: str
    ) -> PostResult:
        data = self.sandbox.data
        with data.lock:
            data.years = [dataclasses.replace(y, closed=True) for y in data.years]
            data.version += 1  # cached listings expire
        return await self.inner.post_vouchers(
            journal_number, vouchers, idempotency_key=idempotency_key
        )


def test_a_year_closed_in_e_conomic_is_told_plainly(sqlite_db: Database) -> None:
    with EconomicSandbox(agreement(63)) as sandbox:
        world = World.build(sqlite_db, sandbox, seed=63, count=1)
        report = eventloop.run(world.service(wrap=lambda c: ClosesTheYear(c, sandbox)).post())
        (outcome,) = report.outcomes
        assert outcome.closed is not None and outcome.closed.kind is ClosedKind.YEAR
        assert outcome.reason is not None and outcome.reason.startswith("The accounting year ")
        # Known closed when the chart is read: refused before anything is sent, same words.
        before = len(sandbox.server.exchanges("POST", "/vouchers"))
        again = eventloop.run(world.service().post())
        (refused,) = again.outcomes
        assert refused.closed is not None and refused.closed.kind is ClosedKind.YEAR
        assert refused.reason == outcome.reason
        assert len(sandbox.server.exchanges("POST", "/vouchers")) == before
        assert world.states()[outcome.match_id].state is MatchState.APPROVED
