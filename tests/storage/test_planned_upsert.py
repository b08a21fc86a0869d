"""Upserts planned from a read without the writer lock, stored under it (`store_planned`).

Between the plan and the write a colleague may have stored the same refs: nothing is then
stored twice, counted as new twice, or overwritten with what the read saw.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from econdesk.domain import Money, Payout, PayoutKind, PlatformItem
from econdesk.storage import Database, UpsertCounts
from tests.storage.helpers import payment


def colleague_stores(db: Database, *items: PlatformItem) -> None:
    with db.transaction() as store:
        store.items.upsert_many(items)


def test_a_ref_a_colleague_inserted_after_the_plan_is_stored_once(db: Database) -> None:
    mine = [payment("a"), payment("b", "20.00")]
    with db.reader() as store:
        plan = store.items.plan(mine)
    colleague_stores(db, payment("a"), payment("b", "25.00"))
    with db.transaction() as store:
        counts = store.items.store_planned(plan)
    # a: the colleague stored it as it is; b: theirs differs, so this one is a change
    assert counts == UpsertCounts(inserted=0, updated=1, unchanged=1)
    with db.reader() as store:
        assert store.items.count() == 2
        assert store.items.get("stripe:b") == payment("b", "20.00")
        changes = store.audit_events(action_prefix="platform_item.changed")
    assert [e.subjects for e in changes] == [("stripe:b",)]
    assert changes[0].payload["changes"]["amount"][0]["amount"] == "25.00"


def test_a_row_changed_after_the_plan_is_compared_with_what_is_stored_then(db: Database) -> None:
    colleague_stores(db, payment("a", "10.00"))
    with db.reader() as store:
        plan = store.items.plan([payment("a", "11.00")])
    colleague_stores(db, payment("a", "12.00"))
    with db.transaction() as store:
        assert store.items.store_planned(plan) == UpsertCounts(updated=1)
    with db.reader() as store:
        assert store.items.get("stripe:a") == payment("a", "11.00")
        changes = store.audit_events(action_prefix="platform_item.changed", newest_first=False)
    amounts = [[side["amount"] for side in e.payload["changes"]["amount"]] for e in changes]
    assert amounts == [["10.00", "12.00"], ["12.00", "11.00"]]  # the audit names the real old


def test_what_the_plan_found_stored_as_it_is_is_not_written(db: Database) -> None:
    colleague_stores(db, payment("a"))
    with db.reader() as store:
        plan = store.items.plan([payment("a")])
    assert not plan.writes
    colleague_stores(db, payment("a", "30.00"))  # newer than the read: it stands
    with db.transaction() as store:
        assert store.items.store_planned(plan) == UpsertCounts(unchanged=1)
    with db.reader() as store:
        assert store.items.get("stripe:a") == payment("a", "30.00")


def test_adjust_sees_only_what_is_compared_again_under_the_lock(db: Database) -> None:
    colleague_stores(db, payment("same"), payment("changed"))
    with db.reader() as store:
        plan = store.items.plan([payment("same"), payment("changed", "5.00"), payment("new")])
    colleague_stores(db, payment("new", "7.00"))
    seen: list[list[str]] = []

    def adjust(items: list[PlatformItem]) -> list[PlatformItem]:
        seen.append([i.ref for i in items])
        return [dataclasses.replace(i, description="adjusted") for i in items]

    with db.transaction() as store:
        counts = store.items.store_planned(plan, adjust)
    assert counts == UpsertCounts(updated=2, unchanged=1)
    assert seen == [["stripe:changed", "stripe:new"]]
    with db.reader() as store:
        assert store.items.get("stripe:new").description == "adjusted"  # type: ignore[union-attr]
        assert store.items.get("stripe:same") == payment("same")


def test_a_ref_given_twice_counts_as_the_plain_upsert_does(db: Database) -> None:
    with db.reader() as store:
        plan = store.items.plan([payment("a"), payment("b"), payment("a", "5.00")])
    with db.transaction() as store:
        assert store.items.store_planned(plan) == UpsertCounts(inserted=2, updated=1)
    with db.reader() as store:
        assert store.items.get("stripe:a") == payment("a", "5.00")


def payout(components: tuple[str, ...], status: str = "paid") -> Payout:
    return Payout(
        "stripe",
        "po_1",
        PayoutKind.PAYOUT,
        Money.of("100.00", "DKK"),
        date(2026, 1, 6),
        status=status,
        component_refs=components,
    )


def test_a_payout_a_colleague_inserted_meanwhile_keeps_one_row_and_its_components(
    db: Database,
) -> None:
    with db.reader() as store:
        plan = store.payouts.plan([payout(("stripe:a", "stripe:b"))])
    with db.transaction() as store:
        store.payouts.upsert(payout(("stripe:a",), status="in_transit"))
    with db.transaction() as store:
        assert store.payouts.store_planned(plan) == UpsertCounts(updated=1)
    with db.reader() as store:
        assert store.payouts.count() == 1
        assert store.payouts.get("stripe:po_1") == payout(("stripe:a", "stripe:b"))
