"""A Clearhaus settlement of Frisbii card payments: the payments booked by Frisbii's mappings
against Frisbii's clearing account, the fees Clearhaus kept on Clearhaus's fee account."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from econdesk.accounting.ledger import postings
from econdesk.accounting.vouchers import (
    LineRole,
    MatchMaterial,
    PreparedVoucher,
    VoucherError,
    build_voucher,
)
from econdesk.domain.model import (
    BankEntryOrigin,
    ItemKind,
    Mappings,
    Payout,
    PayoutKind,
    PlanMapping,
    ProviderMapping,
)
from econdesk.domain.money import Money, money_sum
from tests.accounting.samples import (
    BANK,
    CHART,
    CLEARING,
    DIRECT,
    FEES,
    REVENUE,
    REVENUE_EU,
    approved,
    bank_entry,
    item,
)

FRISBII_CLEARING = 5831
CLEARHAUS_FEES = 7225
CLEARHAUS_CLEARING = 5833


def dkk(amount: str) -> Money:
    return Money.of(amount, "DKK")


def mappings(clearhaus_clearing: int = FRISBII_CLEARING) -> Mappings:
    return Mappings(
        providers=(
            ProviderMapping("clearhaus", clearhaus_clearing, CLEARHAUS_FEES),
            ProviderMapping("frisbii", FRISBII_CLEARING, FEES),
        ),
        plans=(
            PlanMapping("frisbii", "pro", REVENUE, "U25"),
            PlanMapping("frisbii", "eu", REVENUE_EU, "UEUV"),
        ),
        difference_account=7290,
        default_revenue_account=REVENUE,
        default_vat_code="U25",
    )


def settlement(
    net: str = "980.54",
    *,
    extra: str | None = None,
    origin: BankEntryOrigin = BankEntryOrigin.BOOKED,
) -> MatchMaterial:
    """Payments of 299.00, 299.00 (plan pro), 99.00 (plan eu), 299.00 (no plan) and a refund
    of 50.00 less 15.46 fees Clearhaus kept: 930.54 reaches the bank, as Clearhaus reports."""
    items = [
        item("p1", ItemKind.PAYMENT, "299.00", provider="frisbii", plan="pro"),
        item("p2", ItemKind.PAYMENT, "299.00", provider="frisbii", plan="pro"),
        item("p3", ItemKind.PAYMENT, "99.00", provider="frisbii", plan="eu"),
        item("p4", ItemKind.PAYMENT, "299.00", provider="frisbii", plan=None),
        item("r1", ItemKind.REFUND, "-50.00", provider="frisbii", plan="pro"),
    ]
    payout = Payout(
        provider="clearhaus",
        external_id="9dc1cf99-9e39-4674-86ba-cef08036ca35",
        kind=PayoutKind.SETTLEMENT,
        amount=dkk(net),
        arrival_date=date(2026, 3, 5),
        statement_descriptor="CH2400000 2026-03-05",
        gross=dkk("996.00"),
        fees=dkk("15.46"),
        component_refs=tuple(i.ref for i in items),
    )
    if extra is not None:
        items.append(item(extra, ItemKind.PAYMENT, "10.00", provider="frisbii", plan="pro"))
    base = approved("m-000901", [bank_entry("5001", net, origin=origin)], items)
    match = dataclasses.replace(
        base.match,
        item_refs=(payout.ref,),
        component_refs=tuple(i.ref for i in items),
        difference=dkk("0.00"),
    )
    return dataclasses.replace(base, match=match, payouts=(payout,))


def by_role(
    prepared: PreparedVoucher,
) -> dict[LineRole, list[tuple[int | None, int | None, Money]]]:
    out: dict[LineRole, list[tuple[int | None, int | None, Money]]] = {}
    for p in prepared.lines:
        out.setdefault(p.role, []).append((p.line.account, p.line.contra_account, p.line.amount))
    return out


def balances(prepared: PreparedVoucher) -> dict[str, Money]:
    return {key: amount for (key, _), amount in postings(prepared.voucher).items()}


def test_clearing_profile_books_frisbiis_payments_and_clearhaus_fees_against_one_account() -> None:
    material = settlement("930.54")
    prepared = build_voucher(material, mappings(), CHART, CLEARING)
    c = FRISBII_CLEARING
    assert by_role(prepared) == {
        LineRole.REVENUE: [(REVENUE, c, dkk("-897.00")), (REVENUE_EU, c, dkk("-99.00"))],
        LineRole.REFUND: [(REVENUE, c, dkk("50.00"))],
        LineRole.FEE: [(CLEARHAUS_FEES, c, dkk("15.46"))],
    }
    assert prepared.provider == "clearhaus" and prepared.clearing_account == c
    assert prepared.difference == dkk("0.00")
    effect = balances(prepared)
    # Every line balances, so the voucher does; and the clearing account is debited by
    # exactly the deposit the bank feed credited it with: after posting it nets to zero.
    assert money_sum(effect.values(), "DKK").is_zero()
    assert effect[f"account:{c}"] == dkk("930.54")
    assert effect[f"account:{CLEARHAUS_FEES}"] == dkk("15.46")
    assert f"account:{FEES}" not in effect  # Frisbii charged nothing here
    texts = [p.line.text for p in prepared.lines]
    assert any("frisbii 3 betaling(er)" in t for t in texts)  # a DKK agreement: Danish
    assert any("clearhaus gebyrer" in t for t in texts)


def test_a_clearing_account_of_clearhaus_own_is_emptied_by_a_transfer() -> None:
    prepared = build_voucher(settlement("930.54"), mappings(CLEARHAUS_CLEARING), CHART, CLEARING)
    (transfer,) = by_role(prepared)[LineRole.TRANSFER]
    assert transfer == (CLEARHAUS_CLEARING, FRISBII_CLEARING, dkk("930.54"))
    effect = balances(prepared)
    assert money_sum(effect.values(), "DKK").is_zero()
    assert effect[f"account:{FRISBII_CLEARING}"].is_zero()  # nets to zero inside the voucher
    # ...and Clearhaus's clearing account takes back what the bank feed credited it with
    assert effect[f"account:{CLEARHAUS_CLEARING}"] == dkk("930.54")


def test_direct_profile_books_the_bank_against_frisbiis_clearing_account() -> None:
    from_file = settlement("930.54", origin=BankEntryOrigin.FILE)  # not in e-conomic yet
    for clearhaus_clearing in (FRISBII_CLEARING, CLEARHAUS_CLEARING):
        prepared = build_voucher(from_file, mappings(clearhaus_clearing), CHART, DIRECT)
        roles = by_role(prepared)
        assert roles[LineRole.BANK] == [(BANK, FRISBII_CLEARING, dkk("930.54"))]
        assert LineRole.TRANSFER not in roles
        effect = balances(prepared)
        assert money_sum(effect.values(), "DKK").is_zero()
        assert effect[f"account:{FRISBII_CLEARING}"].is_zero()
        assert effect[f"account:{BANK}"] == dkk("930.54")


def test_a_settlement_whose_payments_are_not_all_stored_is_refused() -> None:
    material = settlement("930.54")
    partial = dataclasses.replace(material, items=material.items[:-1])
    with pytest.raises(VoucherError, match=r"1 of the 5 payments clearhaus:9dc1cf99.* not in"):
        build_voucher(partial, mappings(), CHART, CLEARING)


def test_an_item_the_settlement_does_not_settle_is_still_another_platform() -> None:
    with pytest.raises(VoucherError, match="several platforms: clearhaus, frisbii"):
        build_voucher(settlement("940.54", extra="p9"), mappings(), CHART, CLEARING)


def test_without_clearhaus_accounts_the_settlement_is_refused() -> None:
    only_frisbii = dataclasses.replace(
        mappings(), providers=(ProviderMapping("frisbii", FRISBII_CLEARING, FEES),)
    )
    with pytest.raises(VoucherError, match="no clearing and fee account mapped for clearhaus"):
        build_voucher(settlement("930.54"), only_frisbii, CHART, CLEARING)
