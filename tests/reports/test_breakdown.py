"""Payout breakdowns: signs, fees stated per item or per settlement, and the sandbox's payouts."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from econdesk.domain.model import (
    BankEntry,
    BankEntryOrigin,
    ItemKind,
    Payout,
    PayoutKind,
    PlatformItem,
)
from econdesk.domain.money import Money
from econdesk.reports import PayoutBreakdown, PayoutRow
from econdesk.sandbox.scenario import load_scenario
from tests.reports.factory import dkk

AT = datetime(2026, 3, 2, 10, tzinfo=UTC)


def item(kind: ItemKind, amount: str, fee: str | None = None, name: str = "x") -> PlatformItem:
    return PlatformItem("stripe", f"{kind.value}_{name}_{amount}", kind, dkk(amount), AT,
                        fee=dkk(fee) if fee is not None else None)  # fmt: skip


def payout(amount: str, **kw: object) -> Payout:
    return Payout("stripe", "po_9", PayoutKind.PAYOUT, dkk(amount), date(2026, 3, 4), **kw)  # type: ignore[arg-type]


def test_each_kind_lands_in_its_column_with_the_sign_it_moves_the_net() -> None:
    items = [
        item(ItemKind.PAYMENT, "1000.00", "14.75"),
        item(ItemKind.PAYMENT, "250.00", "3.50", "b"),
        item(ItemKind.REFUND, "-100.00", "0.00"),
        item(ItemKind.CHARGEBACK, "-250.00", "15.00"),
        item(ItemKind.FEE, "-29.00"),  # the platform's own charge, e.g. a monthly fee
        item(ItemKind.ADJUSTMENT, "5.25"),
    ]
    b = PayoutBreakdown.of_items("DKK", items)
    assert (b.gross, b.refunds, b.chargebacks) == (dkk("1250"), dkk("-100"), dkk("-250"))
    assert b.fees == dkk("-62.25")  # 14.75 + 3.50 + 15.00 + 29.00
    assert b.adjustments == dkk("5.25")
    assert b.net == dkk("843.00") == sum((i.net for i in items), dkk("0"))
    assert b.item_count == 6


def test_a_settlement_whose_items_state_no_fee_uses_its_own_fees() -> None:
    items = [item(ItemKind.PAYMENT, "99.00"), item(ItemKind.PAYMENT, "149.00", name="b")]
    b = PayoutBreakdown.of_items("DKK", items, payout_fees=dkk("4.10"))
    assert b.fees == dkk("-4.10") and b.net == dkk("243.90")
    # Items that state their fees win over the payout's total.
    stated = [item(ItemKind.PAYMENT, "99.00", "1.00")]
    assert PayoutBreakdown.of_items("DKK", stated, payout_fees=dkk("9.99")).fees == dkk("-1.00")


def test_without_components_the_payout_totals_are_the_breakdown() -> None:
    row = PayoutRow.build(payout("970.00", gross=dkk("1000.00"), fees=dkk("30.00")))
    assert row.breakdown is not None
    assert (row.breakdown.gross, row.breakdown.fees) == (dkk("1000"), dkk("-30"))
    assert row.breakdown.adjustments == dkk("0") and row.breakdown.net == dkk("970")
    manual = PayoutRow.build(payout("500.00", has_breakdown=False))
    assert manual.breakdown is None and manual.difference is None


def test_difference_is_bank_minus_net_in_one_currency_only() -> None:
    items = [item(ItemKind.PAYMENT, "100.00", "2.00")]
    deposit = BankEntry(BankEntryOrigin.BOOKED, "1", 5820, date(2026, 3, 4), dkk("98.05"), "")
    assert PayoutRow.build(payout("98.00"), items, bank_entry=deposit).difference == dkk("0.05")
    in_eur = BankEntry(BankEntryOrigin.BOOKED, "2", 5820, date(2026, 3, 4),
                       Money.of("13.14", "EUR"), "")  # fmt: skip
    assert PayoutRow.build(payout("98.00"), items, bank_entry=in_eur).difference is None
    assert PayoutRow.build(payout("98.00"), items).difference is None


@pytest.mark.parametrize("scenario", ["tiny", "demo"])
def test_every_sandbox_payout_is_explained_by_its_components(scenario: str) -> None:
    """Clearhaus settlements (fees per batch) and Stripe payouts (fees per item) alike."""
    generated = load_scenario(scenario)
    items = {i.ref: i for i in generated.items}
    assert generated.payouts
    for p in generated.payouts:
        row = PayoutRow.build(p, [items[ref] for ref in p.component_refs])
        assert row.breakdown is not None, p.ref
        assert row.breakdown.net == p.amount, p.ref
        assert row.breakdown.item_count == len(p.component_refs)
