"""A Clearhaus settlement that withholds a reserve and carries other postings: the reserve waits
on the reserve account until its own deposit empties it, other postings go to Clearhaus's fee
account, and Frisbii's clearing account nets to zero for each deposit."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from econdesk.accounting.ledger import postings
from econdesk.accounting.vouchers import LineRole, MatchMaterial, VoucherError, build_voucher
from econdesk.domain.links import RESERVE_RELEASED, RESERVE_WITHHELD, posting_id
from econdesk.domain.model import (
    ItemKind,
    Mappings,
    Payout,
    PayoutKind,
    PlatformItem,
    ProviderMapping,
)
from econdesk.domain.money import Money, money_sum
from tests.accounting.samples import CHART, CLEARING, FEES, REVENUE, approved, bank_entry, item

FRISBII_CLEARING = 5831
CLEARHAUS_FEES = 7225
RESERVE = 5835
SID = "5a1d2c3e-0000-4000-8000-000000000001"


def dkk(amount: str) -> Money:
    return Money.of(amount, "DKK")


def mappings(reserve: int | None = RESERVE) -> Mappings:
    return Mappings(
        providers=(
            ProviderMapping("clearhaus", FRISBII_CLEARING, CLEARHAUS_FEES, reserve),
            ProviderMapping("frisbii", FRISBII_CLEARING, FEES),
        ),
        difference_account=7290,
        default_revenue_account=REVENUE,
        default_vat_code="U25",
    )


def own(what: str, amount: str, description: str, n: int | None = None) -> PlatformItem:
    return PlatformItem(
        provider="clearhaus",
        external_id=posting_id(SID, what, n),
        kind=ItemKind.ADJUSTMENT,
        amount=dkk(amount),
        occurred_at=datetime(2026, 3, 4, 12, tzinfo=UTC),
        description=description,
    )


def material(payout: Payout, items: list[PlatformItem], deposit: str) -> MatchMaterial:
    base = approved("m-000902", [bank_entry("5002", deposit)], items)
    match = dataclasses.replace(
        base.match,
        item_refs=(payout.ref,),
        component_refs=tuple(i.ref for i in items),
        difference=dkk("0.00"),
    )
    return dataclasses.replace(base, match=match, payouts=(payout,))


def main_settlement() -> MatchMaterial:
    """800 of payments less a 100 refund and 12.10 fees, a 75 charge and 40 withheld."""
    items = [
        item("p1", ItemKind.PAYMENT, "500.00", provider="frisbii", plan=None),
        item("p2", ItemKind.PAYMENT, "300.00", provider="frisbii", plan=None),
        item("r1", ItemKind.REFUND, "-100.00", provider="frisbii", plan=None),
        own(RESERVE_WITHHELD, "-40.00", "reserve withheld until 2026-06-01"),
        own("posting", "-75.00", "Chargeback fee", 1),
    ]
    payout = Payout(
        provider="clearhaus",
        external_id=SID,
        kind=PayoutKind.SETTLEMENT,
        amount=dkk("572.90"),
        arrival_date=date(2026, 3, 4),
        gross=dkk("800.00"),
        fees=dkk("12.10"),
        component_refs=tuple(i.ref for i in items),
    )
    return material(payout, items, "572.90")


def reserve_deposit() -> MatchMaterial:
    released = own(RESERVE_RELEASED, "40.00", f"reserve of settlement {SID} paid out")
    payout = Payout(
        provider="clearhaus",
        external_id=f"{SID}/reserve",
        kind=PayoutKind.SETTLEMENT,
        amount=dkk("40.00"),
        arrival_date=date(2026, 6, 1),
        gross=dkk("0"),
        fees=dkk("0"),
        component_refs=(released.ref,),
    )
    return material(payout, [released], "40.00")


def effect(material: MatchMaterial, m: Mappings | None = None) -> dict[str, Money]:
    prepared = build_voucher(material, m or mappings(), CHART, CLEARING)
    return {key: amount for (key, _), amount in postings(prepared.voucher).items()}


def test_the_reserve_is_owed_by_the_acquirer_and_other_postings_are_its_charges() -> None:
    prepared = build_voucher(main_settlement(), mappings(), CHART, CLEARING)
    roles = {p.role: p for p in prepared.lines}
    assert roles[LineRole.RESERVE].line.account == RESERVE
    assert roles[LineRole.RESERVE].line.amount == dkk("40.00")
    assert roles[LineRole.POSTING].line.account == CLEARHAUS_FEES
    assert "Chargeback fee" in roles[LineRole.POSTING].line.text
    assert prepared.difference.is_zero()
    moved = effect(main_settlement())
    assert money_sum(moved.values(), "DKK").is_zero()
    assert moved[f"account:{FRISBII_CLEARING}"] == dkk("572.90")  # the deposit: nets to zero
    assert moved[f"account:{RESERVE}"] == dkk("40.00")
    assert moved[f"account:{CLEARHAUS_FEES}"] == dkk("87.10")  # 12.10 fees + 75.00 charge
    assert moved[f"account:{REVENUE}"] == dkk("-700.00")


def test_the_reserve_deposit_empties_the_reserve_account() -> None:
    first, later = effect(main_settlement()), effect(reserve_deposit())
    assert later[f"account:{FRISBII_CLEARING}"] == dkk("40.00")
    assert first[f"account:{RESERVE}"] + later[f"account:{RESERVE}"] == dkk("0")
    assert f"account:{REVENUE}" not in later


def test_a_reserve_without_a_reserve_account_is_refused_naming_the_key() -> None:
    with pytest.raises(VoucherError, match=r"set \[providers.clearhaus\] reserve_account"):
        build_voucher(main_settlement(), mappings(reserve=None), CHART, CLEARING)
