"""A late commit is not a failure: a posting whose answer was lost stays in doubt until settled.

The e-conomic sandbox can store a request, lose its answer and commit it seconds later
(FaultKind.COMMIT_LATE); a repeat of its Idempotency-Key meanwhile is answered 409. A marker
search right after the lost answer finds nothing, which proves nothing: the posting stays sent
(in doubt), its match cannot be un-approved, and it is resent only under the same key within
the key's hour, or after the hour once a fresh search still finds nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from econdesk.connectors import eventloop
from econdesk.connectors.http import RetryPolicy
from econdesk.domain.model import Match, MatchMethod, MatchState
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.sandbox.faults import FaultKind
from econdesk.services.posting import Outcome
from econdesk.storage import Database, PostingStateError, PostingStatus
from tests.services.posting_world import World, agreement, check_exactly_once

ONE_TRY = RetryPolicy(attempts=1)


def _keys(sandbox: EconomicSandbox) -> list[str | None]:
    return [e.headers.get("idempotency-key") for e in sandbox.server.exchanges("POST", "/vouchers")]


def _status(db: Database, match_id: str) -> PostingStatus:
    with db.reader() as store:
        posting = store.postings.get(match_id)
    assert posting is not None
    return posting.status


def test_a_late_commit_stays_in_doubt_and_blocks_un_approval(sqlite_db: Database) -> None:
    with EconomicSandbox(agreement(41)) as sandbox:
        world = World.build(sqlite_db, sandbox, seed=41, count=1)
        match = world.matches[0]
        sandbox.faults.script(FaultKind.COMMIT_LATE, method="POST", path="/vouchers", delay=0.6)
        report = eventloop.run(world.service(retry=ONE_TRY).post())
        assert [o.outcome for o in report.outcomes] == [Outcome.IN_DOUBT]
        assert "may still be committing" in (report.outcomes[0].reason or "")
        assert _status(sqlite_db, match.id) is PostingStatus.SENT
        with pytest.raises(PostingStateError), sqlite_db.transaction() as store:
            current = store.matches.get(match.id)
            store.matches.transition(
                match.id, MatchState.PROPOSED, expected_version=current.version
            )
        sandbox.server.finish_deferred()  # e-conomic commits it now
        report = eventloop.run(world.service().post())
        assert [(o.outcome, o.recovered) for o in report.outcomes] == [(Outcome.POSTED, True)]
        assert check_exactly_once(world) == {"posted": 1, "total": 1}
        assert len(_keys(sandbox)) == 1  # found by its marker, never sent again


def test_a_repeat_while_e_conomic_still_commits_gets_409_and_stays_in_doubt(
    sqlite_db: Database,
) -> None:
    with EconomicSandbox(agreement(42)) as sandbox:
        world = World.build(sqlite_db, sandbox, seed=42, count=3)
        sandbox.faults.script(FaultKind.COMMIT_LATE, method="POST", path="/vouchers", delay=1.5)
        first = eventloop.run(world.service(batch_size=3, retry=ONE_TRY).post())
        assert {o.outcome for o in first.outcomes} == {Outcome.IN_DOUBT}
        second = eventloop.run(world.service(batch_size=3, retry=ONE_TRY).post())
        assert {o.outcome for o in second.outcomes} == {Outcome.IN_DOUBT}
        keys = _keys(sandbox)
        assert len(keys) == 2 and keys[0] == keys[1]  # resent once, whole, under its own key
        statuses = [e.status for e in sandbox.server.exchanges("POST", "/vouchers")]
        assert statuses == [None, 409]
        sandbox.server.finish_deferred()
        third = eventloop.run(world.service().post())
        assert {o.outcome for o in third.outcomes} == {Outcome.POSTED}
        assert check_exactly_once(world) == {"posted": 3, "total": 3}


def test_a_request_lost_before_e_conomic_saw_it_is_resent_under_the_same_key(
    sqlite_db: Database,
) -> None:
    with EconomicSandbox(agreement(43)) as sandbox:
        world = World.build(sqlite_db, sandbox, seed=43, count=2)
        sandbox.faults.script(FaultKind.DROP, method="POST", path="/vouchers")
        first = eventloop.run(world.service(batch_size=2, retry=ONE_TRY).post())
        assert {o.outcome for o in first.outcomes} == {Outcome.IN_DOUBT}
        second = eventloop.run(world.service(batch_size=2).post())
        assert {(o.outcome, o.recovered) for o in second.outcomes} == {(Outcome.POSTED, False)}
        keys = _keys(sandbox)
        assert len(keys) == 2 and keys[0] == keys[1]
        assert check_exactly_once(world) == {"posted": 2, "total": 2}


def test_after_the_key_s_hour_a_posting_still_not_found_is_posted_afresh(
    sqlite_db: Database,
) -> None:
    with EconomicSandbox(agreement(44)) as sandbox:
        world = World.build(sqlite_db, sandbox, seed=44, count=1)
        sandbox.faults.script(FaultKind.DROP, method="POST", path="/vouchers")
        eventloop.run(world.service(retry=ONE_TRY).post())
        later = datetime.now(UTC) + timedelta(hours=2)
        report = eventloop.run(world.service(clock=lambda: later).post())
        assert [o.outcome for o in report.outcomes] == [Outcome.POSTED]
        keys = _keys(sandbox)
        assert len(keys) == 2 and keys[0] != keys[1]  # the old key's hour is over
        with sqlite_db.reader() as store:
            failed = store.audit_events(action_prefix="posting.failed")
        assert "after its key's hour" in failed[-1].payload["reason"]
        assert check_exactly_once(world) == {"posted": 1, "total": 1}


def test_a_new_match_on_the_lines_of_an_earlier_attempt_looks_for_its_marker_first(
    sqlite_db: Database,
) -> None:
    """The first attempt failed (its answer was taken for a refusal), but e-conomic has it; the
    bookkeeper rejects that match and approves a new one on the same lines."""
    with EconomicSandbox(agreement(45)) as sandbox:
        world = World.build(sqlite_db, sandbox, seed=45, count=1)
        first = world.matches[0]
        preview = eventloop.run(world.service().preview())
        prepared = preview.vouchers[0]

        async def post_directly() -> None:
            async with world.client() as client:
                await client.post_vouchers(1, [prepared.body], idempotency_key="elsewhere")

        eventloop.run(post_directly())
        with sqlite_db.transaction() as store:
            store.postings.claim(prepared.voucher, "old:" + first.id)
            store.postings.mark_sent(first.id)
            store.postings.mark_failed(first.id, "taken for a refusal")
            store.matches.transition(first.id, MatchState.PROPOSED, expected_version=1)
            store.matches.transition(first.id, MatchState.REJECTED, expected_version=2)
            second = store.matches.create(
                Match(
                    id="", state=MatchState.APPROVED, method=MatchMethod.MANUAL, score=1.0,
                    auto=False, bank_refs=first.bank_refs, item_refs=first.item_refs,
                    amount=first.amount, difference=first.difference,
                )
            )  # fmt: skip
        report = eventloop.run(world.service().post())
        (outcome,) = report.outcomes
        assert outcome.match_id == second.id and outcome.outcome is Outcome.UNPOSTED
        assert f"earlier attempt {first.id}" in (outcome.reason or "")
        assert "not posted again" in (outcome.reason or "")
        assert len(_keys(sandbox)) == 1  # only the direct post: nothing sent for the new match
        with sqlite_db.reader() as store:
            assert store.matches.get(second.id).state is MatchState.APPROVED


def test_a_posting_marked_in_doubt_is_settled_by_the_next_run_at_once(
    sqlite_db: Database,
) -> None:
    """Claimed or sent postings of a live process are left alone for `stale_after`; one whose
    sender marked it in doubt is not on its way any more, so the next run settles it."""
    with EconomicSandbox(agreement(46)) as sandbox:
        world = World.build(sqlite_db, sandbox, seed=46, count=2)
        sandbox.faults.script(FaultKind.COMMIT_LATE, method="POST", path="/vouchers", delay=0.3)
        patient = timedelta(minutes=10)
        first = eventloop.run(
            world.service(batch_size=2, retry=ONE_TRY, stale_after=patient).post()
        )
        assert {o.outcome for o in first.outcomes} == {Outcome.IN_DOUBT}
        sandbox.server.finish_deferred()
        second = eventloop.run(world.service(batch_size=2, stale_after=patient).post())
        assert {(o.outcome, o.recovered) for o in second.outcomes} == {(Outcome.POSTED, True)}
        assert check_exactly_once(world) == {"posted": 2, "total": 2}
