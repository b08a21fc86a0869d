"""Daily sales summaries (`booking = "sales"`): each complete Copenhagen day's sales booked into
the clearing account once, in the day's period, before the payouts; later items of a summarised
day in a supplement for that day; a closed period leaves the summary failed, not moved."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from econdesk.accounting.marker import markers_in
from econdesk.accounting.sales_summary import sales_day
from econdesk.connectors import eventloop
from econdesk.domain import BookingMode, ItemKind, Money, PlatformItem, ProviderMapping
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.services.closed_periods import ClosedKind
from econdesk.services.posting import Outcome, PostReport
from econdesk.storage import Database, PostingStatus
from econdesk.storage.repos.postings import PostingRepository
from econdesk.storage.repos.rates import StoredRate
from tests.services.posting_world import (
    CLEARING,
    FEES,
    MAPPINGS,
    World,
    agreement,
    clearing_balance,
)
from tests.services.test_posting_kill_steps import Killed, Killer

SALES = dataclasses.replace(
    MAPPINGS, providers=(ProviderMapping("stripe", CLEARING, FEES, booking=BookingMode.SALES),)
)


def synced(db: Database, moment: datetime, *, done_until: date | None = None) -> None:
    """Stripe's stream was last synced completely at `moment`."""
    until = done_until or (moment.date() + timedelta(days=1))
    with db.transaction() as store:
        store.cursors.set(
            "stripe:balance_transactions",
            {"done_until": until.isoformat(), "synced_at": moment.isoformat()},
        )


def post(world: World, **kw: object) -> PostReport:
    return eventloop.run(world.service(mappings=SALES, book=True, **kw).post())  # type: ignore[arg-type]


def sales_items(world: World) -> list[PlatformItem]:
    with world.db.reader() as store:
        refs = [r for m in world.matches for r in m.item_refs]
        return list(store.items.get_many(refs).values())


def summary_entries(world: World) -> dict[str, list[tuple[int, date, Decimal]]]:
    """Summary marker -> its booked entries (account, date, base amount)."""
    found: dict[str, list[tuple[int, date, Decimal]]] = defaultdict(list)
    data = world.sandbox.data
    with data.lock:
        for entries in data.by_year.values():
            for b in entries:
                for marker in markers_in(b.text):
                    if marker.startswith("ED-s-"):
                        found[marker].append((b.account, b.day, b.amount_base))
    return found


def test_each_complete_day_is_summarised_once_and_posted_before_the_payouts(
    sqlite_db: Database,
) -> None:
    with EconomicSandbox(agreement(71)) as sandbox:
        world = World.build(sqlite_db, sandbox, seed=71, count=4)
        synced(sqlite_db, datetime(2026, 4, 2, 12, tzinfo=UTC))
        report = post(world)
        ids = [o.match_id for o in report.outcomes]
        assert report.summaries and all(o.outcome is Outcome.POSTED for o in report.outcomes)
        first_match = min(i for i, s in enumerate(ids) if s.startswith("m-"))
        assert all(s.startswith("s-") for s in ids[:first_match]), ids
        items = sales_items(world)
        days = {sales_day(i) for i in items}
        assert {n.day for n in report.summaries.values()} == days
        assert {n.sequence for n in report.summaries.values()} == {0}
        # Every item in one posted summary, dated its Copenhagen day; the clearing account
        # received exactly the items' amounts from the summaries.
        with sqlite_db.reader() as store:
            coverage = store.sales.coverage(i.ref for i in items)
        assert {r: done for r, (_, done) in coverage.items()} == {i.ref: True for i in items}
        entries = summary_entries(world)
        assert len(entries) == len(report.summaries)
        into_clearing = sum(a for es in entries.values() for acc, _, a in es if acc == CLEARING)
        assert into_clearing == sum(i.amount.amount for i in items)
        for es in entries.values():
            assert sum(a for _, _, a in es) == 0  # each summary balances
            assert len({d for _, d, _ in es}) == 1 and es[0][1] in days
        # The payouts' vouchers (sales mode: fees and differences, no sale lines) settle what
        # the summaries put on the clearing account: it nets to zero, øre for øre.
        assert clearing_balance(world) == 0
        # A second run makes and posts nothing.
        posts = len(sandbox.data.posted)
        again = post(world)
        assert again.summaries == {} and again.outcomes == []
        assert len(sandbox.data.posted) == posts


def test_an_incomplete_day_waits_and_its_payout_is_refused(sqlite_db: Database) -> None:
    with EconomicSandbox(agreement(72)) as sandbox:
        world = World.build(sqlite_db, sandbox, seed=72, count=3)
        items = sales_items(world)
        last = max(sales_day(i) for i in items)
        # Synced until noon of the last sale's day: that day is not over.
        synced(sqlite_db, datetime(last.year, last.month, last.day, 11, tzinfo=UTC))
        day_of = {i.ref: sales_day(i) for i in items}
        waiting = [m for m in world.matches if any(day_of[r] == last for r in m.item_refs)]
        assert waiting and len(waiting) < len(world.matches)
        # The dry run counts the complete days as summarised (post does that first).
        preview = eventloop.run(world.service(mappings=SALES).preview())
        assert {o.match_id for o in preview.refused} == {m.id for m in waiting}
        assert len(preview.vouchers) == len(world.matches) - len(waiting)
        report = post(world)
        assert {n.day for n in report.summaries.values()} == {
            sales_day(i) for i in items if sales_day(i) < last
        }
        for match in waiting:
            (outcome,) = [o for o in report.outcomes if o.match_id == match.id]
            assert outcome.outcome is Outcome.UNPOSTED
            assert outcome.reason is not None
            assert "in no posted daily sales summary" in outcome.reason
            assert "its day is not complete" in outcome.reason
        # Once synced past midnight, the day is summarised and the payout posts.
        synced(sqlite_db, datetime(last.year, last.month, last.day, 23, 5, tzinfo=UTC))
        later = post(world)
        assert [n.day for n in later.summaries.values()] == [last]
        assert {o.outcome for o in later.outcomes} == {Outcome.POSTED}


def test_a_late_item_of_a_summarised_day_goes_into_a_supplement_for_that_day(
    sqlite_db: Database,
) -> None:
    with EconomicSandbox(agreement(73)) as sandbox:
        world = World.build(sqlite_db, sandbox, seed=73, count=2)
        synced(sqlite_db, datetime(2026, 4, 2, tzinfo=UTC))
        first = post(world)
        day = min(n.day for n in first.summaries.values())
        late = PlatformItem(
            provider="stripe",
            external_id="txn_late",
            kind=ItemKind.PAYMENT,
            amount=Money.of("123.45", "DKK"),
            occurred_at=datetime(day.year, day.month, day.day, 22, 30, tzinfo=UTC)
            - timedelta(hours=1),  # 22:30 in Copenhagen (winter time): still that day
            plan="pro",
        )
        assert sales_day(late) == day
        with sqlite_db.transaction() as store:
            store.items.upsert(late)
        second = post(world)
        (note,) = second.summaries.values()
        assert (note.day, note.sequence, note.items) == (day, 1, 1)
        entries = summary_entries(world)
        (marker,) = [m for m in entries if m.startswith(f"ED-{next(iter(second.summaries))}-")]
        assert {d for _, d, _ in entries[marker]} == {day}
        assert sum(a for acc, _, a in entries[marker] if acc == CLEARING) == Decimal("123.45")


def test_a_closed_period_leaves_the_summary_failed_and_never_moves_it(
    sqlite_db: Database,
) -> None:
    with EconomicSandbox(agreement(74)) as sandbox:
        world = World.build(sqlite_db, sandbox, seed=74, count=3)
        synced(sqlite_db, datetime(2026, 4, 2, tzinfo=UTC))
        first_day = min(sales_day(i) for i in sales_items(world))
        sandbox.data.close_period(first_day)
        for _ in range(2):  # a second run does not move it either
            report = post(world)
            shut = [s for s, n in report.summaries.items() if n.day.month == first_day.month]
            assert shut
            for summary_id in shut:
                (outcome,) = [o for o in report.outcomes if o.match_id == summary_id]
                assert outcome.outcome is Outcome.UNPOSTED
                assert outcome.closed is not None and outcome.closed.kind is ClosedKind.PERIOD
                assert outcome.reason is not None and "period holding" in outcome.reason
                with sqlite_db.reader() as store:
                    posting = store.postings.get(summary_id)
                    summary = store.sales.get(summary_id)
                assert posting is not None and posting.status is PostingStatus.FAILED
                assert posting.voucher.lines[0].entry_date == summary.day
                assert summary.day.month == first_day.month
        entries = summary_entries(world)
        assert all(d.month != first_day.month for es in entries.values() for _, d, _ in es)
        sandbox.data.closed_periods.clear()  # reopened
        last = post(world)
        assert {o.outcome for o in last.outcomes} == {Outcome.POSTED}


@pytest.mark.parametrize("step", ["claimed", "marked_sent", "committed_unrecorded", "recording"])
def test_a_summary_posted_by_a_run_that_died_is_in_the_books_once(
    step: str, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    armed = [True]
    for name, at in (("mark_sent", "claimed"), ("mark_posted", "recording")):
        original = getattr(PostingRepository, name)

        def dying(self: object, *args: object, _o: object = original, _at: str = at) -> object:
            if step == _at and armed[0] and str(args[0]).startswith("s-"):
                armed[0] = False
                raise Killed(_at)
            return _o(self, *args)  # type: ignore[operator]

        monkeypatch.setattr(PostingRepository, name, dying)
    with EconomicSandbox(agreement(75)) as sandbox:
        world = World.build(sqlite_db, sandbox, seed=75, count=2)
        synced(sqlite_db, datetime(2026, 4, 2, tzinfo=UTC))
        with pytest.raises(Killed):
            post(world, batch_size=1, wrap=lambda client: Killer(client, step, armed))
        for _ in range(3):
            post(world, stale_after=timedelta(0))
        with sqlite_db.reader() as store:
            assert store.sales.unposted() == []
            assert store.postings.in_doubt() == []
            assert store.verify_audit().ok
        entries = summary_entries(world)
        items = sales_items(world)
        assert len(entries) == len({sales_day(i) for i in items})  # one voucher per day
        into_clearing = sum(a for es in entries.values() for acc, _, a in es if acc == CLEARING)
        assert into_clearing == sum(i.amount.amount for i in items)  # nothing twice


def test_foreign_sales_take_their_days_rate_and_the_payout_reads_it_back(
    sqlite_db: Database,
) -> None:
    with EconomicSandbox(agreement(76)) as sandbox:
        world = World.build(sqlite_db, sandbox, seed=76, count=2)
        day = date(2026, 2, 10)  # a Tuesday: its own publication day
        eur = [
            PlatformItem(
                provider="stripe",
                external_id=f"eur_{n}",
                kind=ItemKind.PAYMENT,
                amount=Money.of(amount, "EUR"),
                occurred_at=datetime(2026, 2, 10, 9 + n, tzinfo=UTC),
                plan="pro",
            )
            for n, amount in enumerate(["13.50", "19.90", "39.90"])
        ]
        with sqlite_db.transaction() as store:
            store.items.upsert_many(eur)
            store.rates.add([StoredRate("EUR", day, "nationalbanken", Decimal("746.05"))])
        synced(sqlite_db, datetime(2026, 4, 2, tzinfo=UTC))
        rates = {("EUR", day): Decimal("746.05")}
        report = post(world, sale_rate=lambda c, d: rates[(c, d)])
        assert all(o.outcome is Outcome.POSTED for o in report.outcomes), report.outcomes
        with sqlite_db.reader() as store:
            base = store.sales.sale_base(i.ref for i in eur)
        # Each item converted on its own, half up: 13.50 * 7.4605 = 100.71675 -> 100.72.
        assert base == {
            "stripe:eur_0": Money.of("100.72", "DKK"),
            "stripe:eur_1": Money.of("148.46", "DKK"),
            "stripe:eur_2": Money.of("297.67", "DKK"),
        }
        entries = summary_entries(world)
        into_clearing = sum(
            a for es in entries.values() for acc, d, a in es if acc == CLEARING and d == day
        )
        dkk = sum(i.amount.amount for i in sales_items(world) if sales_day(i) == day)
        assert into_clearing == sum(m.amount for m in base.values()) + dkk
