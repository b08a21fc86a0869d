"""Signing off a month: what is recorded, the lock it puts on the month's matches (decisions
and posting), reopening with a reason, a reviewer who is someone else, and a sign-off racing
approvals on both databases."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from econdesk.connectors import eventloop
from econdesk.domain import MatchState
from econdesk.domain.model import Match
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.services.matching import MatchingService
from econdesk.services.periods import PeriodService
from econdesk.services.posting import Outcome
from econdesk.services.report import Ledger, read_ledger
from econdesk.storage import (
    Database,
    InvalidTransitionError,
    PeriodLockedError,
    PeriodState,
    period_of,
)
from tests.services.posting_world import CLEARING, World, agreement

OFFLINE = Ledger.unknown("clearing balances not read from e-conomic: offline")


@pytest.fixture
def sandbox() -> Iterator[EconomicSandbox]:
    with EconomicSandbox(agreement(seed=21)) as running:
        yield running


def _month_of(db: Database, match: Match) -> str:
    with db.reader() as store:
        return period_of(store.bank_entries.get(match.bank_refs[0]).entry_date)


def _in_month(db: Database, world: World, month: str) -> tuple[list[Match], list[Match]]:
    inside = [m for m in world.matches if _month_of(db, m) == month]
    return inside, [m for m in world.matches if m not in inside]


def _propose_all(db: Database, world: World) -> list[Match]:
    with db.transaction() as store:
        return [
            store.matches.transition(m.id, MatchState.PROPOSED, expected_version=m.version)
            for m in world.matches
        ]


def _service(db: Database, ledger: Ledger = OFFLINE) -> PeriodService:
    return PeriodService(db, ledger=lambda: ledger, clearing_accounts=[("stripe", CLEARING)])


def test_a_signed_off_month_is_locked_until_reopened_with_a_reason(
    sqlite_db: Database, sandbox: EconomicSandbox
) -> None:
    world = World.build(sqlite_db, sandbox, seed=21, count=8)
    world.matches = _propose_all(sqlite_db, world)
    month = _month_of(sqlite_db, world.matches[0])
    inside, outside = _in_month(sqlite_db, world, month)
    periods = _service(sqlite_db)
    with sqlite_db.reader() as store:
        head = store.audit_events(limit=1)[0]
    signed = periods.sign_off(month)
    assert signed.state is PeriodState.SIGNED and signed.locked
    assert signed.audit_seq == head.seq and signed.audit_hash == head.hash
    assert len(signed.report_hash) == 64 and periods.verify(month)
    assert signed.balances["source"] == "econdesk"  # e-conomic was not reachable
    assert "offline" in signed.balances["note"]

    matching = MatchingService(sqlite_db)
    with pytest.raises(PeriodLockedError, match=f"{month}, which is signed off"):
        matching.approve([inside[0].id])
    with pytest.raises(PeriodLockedError):
        matching.reject([inside[0].id])
    if outside:  # other months are not locked
        assert matching.approve([outside[0].id])[0].state is MatchState.APPROVED
    with pytest.raises(InvalidTransitionError, match="already signed off"):
        periods.sign_off(month)
    with pytest.raises(InvalidTransitionError, match="needs a reason"):
        periods.reopen(month, "  ")

    reopened = periods.reopen(month, "a refund was booked on the wrong day")
    assert reopened.state is PeriodState.REOPENED and not reopened.locked
    assert matching.approve([inside[0].id])[0].state is MatchState.APPROVED
    assert not periods.verify(month)  # the month's data changed since it was signed
    with sqlite_db.reader() as store:
        (event,) = store.audit_events(action_prefix="period.reopened")
        assert event.payload["reason"] == "a refund was booked on the wrong day"
        assert event.subjects == (f"period:{month}",)
        assert store.verify_audit().ok
    listed = {p.period: p for p in periods.list()}
    assert listed[month].state is PeriodState.REOPENED
    assert listed[month].matches == len(inside)


def test_the_reviewer_must_be_someone_else(sqlite_db: Database, sandbox: EconomicSandbox) -> None:
    world = World.build(sqlite_db, sandbox, seed=22, count=2)
    month = _month_of(sqlite_db, world.matches[0])
    _service(sqlite_db).sign_off(month)
    with pytest.raises(InvalidTransitionError, match="a different person must approve it"):
        _service(sqlite_db).approve(month)
    reviewer = Database(sqlite_db.url, actor="Rita Reviewer")
    try:
        approved = _service(reviewer).approve(month)
    finally:
        reviewer.dispose()
    assert approved.state is PeriodState.APPROVED and approved.locked
    assert approved.reviewer == "Rita Reviewer" and approved.preparer == sqlite_db.actor


def test_the_balances_come_from_e_conomic_when_it_answers(
    sqlite_db: Database, sandbox: EconomicSandbox
) -> None:
    world = World.build(sqlite_db, sandbox, seed=23, count=3)
    month = _month_of(sqlite_db, world.matches[0])

    async def read() -> Ledger:
        async with world.client() as client:
            return await read_ledger(client, [("stripe", CLEARING)])

    ledger = eventloop.run(read())
    signed = _service(sqlite_db, ledger).sign_off(month)
    assert signed.balances["source"] == "economic"
    booked = signed.balances["accounts"][str(CLEARING)]["booked"]
    assert booked == {"amount": f"{sandbox.data.balance(CLEARING):.2f}", "currency": "DKK"}
    assert _service(sqlite_db, ledger).verify(month)


def test_posting_leaves_a_signed_off_months_matches_alone(
    db: Database, sandbox: EconomicSandbox
) -> None:
    world = World.build(db, sandbox, seed=24, count=6)
    month = _month_of(db, world.matches[0])
    inside, outside = _in_month(db, world, month)
    _service(db).sign_off(month)
    report = eventloop.run(world.service().post())
    refused = {o.match_id: o for o in report.by(Outcome.UNPOSTED)}
    assert set(refused) == {m.id for m in inside}
    assert all("signed off" in (o.reason or "") for o in refused.values())
    assert {o.match_id for o in report.by(Outcome.POSTED)} == {m.id for m in outside}
    sent = str([p.body for p in sandbox.data.posted])
    markers = world.markers()
    assert all(markers[m.id] not in sent for m in inside)
    assert all(markers[m.id] in sent for m in outside)
    with db.reader() as store:
        assert all(store.matches.get(m.id).state is MatchState.APPROVED for m in inside)


def test_a_sign_off_racing_approvals_lets_none_into_the_locked_month(
    db: Database, sandbox: EconomicSandbox
) -> None:
    world = World.build(db, sandbox, seed=25, count=12)
    world.matches = _propose_all(db, world)
    month = _month_of(db, world.matches[0])
    inside, _ = _in_month(db, world, month)
    start = threading.Barrier(len(inside) + 1)
    failures: list[BaseException] = []

    def approve(match: Match) -> None:
        start.wait()
        try:
            MatchingService(db).approve([match.id])
        except PeriodLockedError:
            pass  # refused: the sign-off came first
        except BaseException as exc:  # anything else fails the test
            failures.append(exc)

    def sign() -> None:
        start.wait()
        _service(db).sign_off(month)

    threads = [threading.Thread(target=approve, args=(m,)) for m in inside]
    threads.append(threading.Thread(target=sign))
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not failures
    with db.reader() as store:
        events = store.audit_events(newest_first=False)
    signed_at = next(e.seq for e in events if e.action == "period.signed_off")
    inside_ids = {m.id for m in inside}
    late = [
        e.seq
        for e in events
        if e.action == "match.approved"
        and inside_ids.intersection(e.subjects)
        and e.seq > signed_at
    ]
    assert late == []  # every approval of the month landed before the sign-off, or not at all
    assert _service(db).verify(month)  # and the hash covers exactly what was approved before


def test_a_month_is_named_yyyy_mm() -> None:
    from econdesk.storage import parse_period

    assert parse_period("2026-02") == (date(2026, 2, 1), date(2026, 2, 28))
    for wrong in ("2026-13", "2026/01", "26-01", "2026-1"):
        with pytest.raises(ValueError, match="use YYYY-MM"):
            parse_period(wrong)


def test_a_sign_off_between_building_and_claiming_stops_the_voucher(
    db: Database, sandbox: EconomicSandbox
) -> None:
    """The month is open when posting reads the matches, and signed off while their vouchers
    are checked against e-conomic: the claim refuses them, nothing is sent."""
    world = World.build(db, sandbox, seed=26, count=1)
    month = _month_of(db, world.matches[0])

    class SignsOffMidway:
        def __init__(self, inner: Any) -> None:
            self.inner = inner
            self.done = False

        def __getattr__(self, name: str) -> Any:
            return getattr(self.inner, name)

        async def year_entries_in(self, *args: Any) -> Any:
            if not self.done:  # a colleague signs the month off just now
                self.done = True
                _service(db).sign_off(month)
            return await self.inner.year_entries_in(*args)

    report = eventloop.run(world.service(wrap=SignsOffMidway).post())
    (outcome,) = report.outcomes
    assert outcome.outcome is Outcome.UNPOSTED and "signed off" in (outcome.reason or "")
    assert sandbox.data.posted == []
    with db.reader() as store:
        assert store.postings.find() == []  # never claimed
