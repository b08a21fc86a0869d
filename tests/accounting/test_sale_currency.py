"""A EUR payout into the DKK bank account: the lines in EUR at the bank's rate, each sale at
its own date's value, the realised exchange difference on the exchange difference account,
and the clearing account netting to zero in DKK."""

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from econdesk.accounting.ledger import base_postings
from econdesk.accounting.vouchers import (
    LineRole,
    MatchMaterial,
    PreparedVoucher,
    VoucherError,
    build_voucher,
)
from econdesk.domain.booking import BookingMode
from econdesk.domain.model import (
    BankEntryOrigin,
    ItemKind,
    Match,
    MatchMethod,
    MatchState,
    Payout,
    PayoutKind,
    ProviderMapping,
)
from econdesk.domain.money import Money
from tests.accounting.samples import (
    BANK,
    CHART,
    CLEARING,
    DIFFERENCE,
    DIRECT,
    FEES,
    MAPPINGS,
    REVENUE_EU,
    STRIPE_CLEARING,
    bank_entry,
    item,
)

EXCHANGE = 7295
MAPPINGS_FX = dataclasses.replace(MAPPINGS, exchange_difference_account=EXCHANGE)


def dkk(amount: str) -> Money:
    return Money.of(amount, "DKK")


def eur_payout_into_dkk(*, origin: BankEntryOrigin = BankEntryOrigin.BOOKED) -> MatchMaterial:
    """985.00 EUR paid out (two 500.00 EUR sales less 15.00 EUR fees), 7 340.00 DKK arrived."""
    sales = (
        item("ch_a", ItemKind.PAYMENT, "500.00", "7.50", currency="EUR", plan="eu-b2b"),
        item("ch_b", ItemKind.PAYMENT, "500.00", "7.50", currency="EUR", plan="eu-b2b"),
    )
    payout = Payout(
        provider="stripe",
        external_id="po_eur1",
        kind=PayoutKind.PAYOUT,
        amount=Money.of("985.00", "EUR"),
        arrival_date=date(2026, 3, 5),
        component_refs=tuple(s.ref for s in sales),
    )
    bank = bank_entry("4950", "7340.00", origin=origin)
    match = Match(
        id="m-000400",
        state=MatchState.APPROVED,
        method=MatchMethod.PAYOUT,
        score=1.0,
        auto=False,
        bank_refs=(bank.ref,),
        item_refs=(payout.ref,),
        component_refs=tuple(s.ref for s in sales),
        amount=dkk("7340.00"),
        difference=dkk("0.00"),
    )
    return MatchMaterial(match=match, bank_entries=(bank,), items=sales, payouts=(payout,))


def clearing_in_dkk(prepared: PreparedVoucher) -> Money:
    return base_postings(prepared.voucher, "DKK")[f"account:{STRIPE_CLEARING}"]


def by_role(prepared: PreparedVoucher) -> dict[LineRole, list[tuple[int | None, str, str, str]]]:
    out: dict[LineRole, list[tuple[int | None, str, str, str]]] = {}
    for p in prepared.lines:
        base = p.line.amount_base
        out.setdefault(p.role, []).append(
            (
                p.line.account,
                str(p.line.amount),
                str(base) if base else "",
                str(p.line.exchange_rate),
            )
        )
    return out


def test_a_eur_payout_into_the_dkk_account_posts_at_the_banks_rate() -> None:
    prepared = build_voucher(eur_payout_into_dkk(), MAPPINGS_FX, CHART, CLEARING)
    assert prepared.deposit == Money.of("985.00", "EUR")
    assert prepared.deposit_base == dkk("7340.00")
    assert prepared.exchange_rate == Decimal("745.177665")  # 7340.00 / 985.00 per 100
    lines = by_role(prepared)
    assert lines[LineRole.REVENUE] == [(REVENUE_EU, "-1000.00 EUR", "-7451.78 DKK", "745.177665")]
    assert lines[LineRole.FEE] == [(FEES, "15.00 EUR", "111.78 DKK", "745.177665")]
    # the bank feed credited C with 7 340.00 DKK; the voucher debits C by exactly that
    assert clearing_in_dkk(prepared) == dkk("7340.00")
    assert LineRole.EXCHANGE not in lines


def test_each_sale_leaves_the_clearing_account_at_its_own_dates_value() -> None:
    material = dataclasses.replace(
        eur_payout_into_dkk(),
        sale_rates={"stripe:ch_a": Decimal("746.04"), "stripe:ch_b": Decimal("745.50")},
    )
    prepared = build_voucher(material, MAPPINGS_FX, CHART, CLEARING)
    lines = by_role(prepared)
    # 500.00 at 7.4604 + 500.00 at 7.4550 = 3 730.20 + 3 727.50
    assert lines[LineRole.REVENUE] == [(REVENUE_EU, "-1000.00 EUR", "-7457.70 DKK", "745.770000")]
    assert lines[LineRole.FEE] == [(FEES, "15.00 EUR", "111.78 DKK", "745.177665")]
    # sold for 7 457.70, fees 111.78, 7 340.00 arrived: a realised loss of 5.92
    assert lines[LineRole.EXCHANGE] == [(EXCHANGE, "5.92 DKK", "", "None")]
    assert clearing_in_dkk(prepared) == dkk("7340.00")
    total = sum((m.amount for m in base_postings(prepared.voucher, "DKK").values()), Decimal(0))
    assert total == 0


def test_the_daily_summarys_booked_value_comes_before_the_rate() -> None:
    material = dataclasses.replace(
        eur_payout_into_dkk(),
        sale_base={"stripe:ch_a": dkk("3731.00")},
        sale_rates={"stripe:ch_a": Decimal("746.04"), "stripe:ch_b": Decimal("745.50")},
    )
    prepared = build_voucher(material, MAPPINGS_FX, CHART, CLEARING)
    revenue = by_role(prepared)[LineRole.REVENUE]
    assert revenue[0][2] == "-7458.50 DKK"  # 3 731.00 as booked + 3 727.50
    assert by_role(prepared)[LineRole.EXCHANGE][0][1] == "6.72 DKK"
    assert clearing_in_dkk(prepared) == dkk("7340.00")


def test_direct_profile_books_the_dkk_bank_line_and_empties_clearing() -> None:
    material = dataclasses.replace(
        eur_payout_into_dkk(origin=BankEntryOrigin.FILE),
        sale_rates={"stripe:ch_a": Decimal("746.04"), "stripe:ch_b": Decimal("745.50")},
    )
    material = dataclasses.replace(
        material, match=dataclasses.replace(material.match, bank_refs=("bankfile:4950",))
    )
    prepared = build_voucher(material, MAPPINGS_FX, CHART, DIRECT)
    bank = prepared.lines[0]
    assert (bank.role, bank.line.account, str(bank.line.amount)) == (
        LineRole.BANK,
        BANK,
        "7340.00 DKK",
    )
    assert bank.line.exchange_rate is None
    base = base_postings(prepared.voucher, "DKK")
    assert base[f"account:{STRIPE_CLEARING}"] == dkk("0.00")
    assert base[f"account:{BANK}"] == dkk("7340.00")
    assert base[f"account:{EXCHANGE}"] == dkk("5.92")


def test_without_an_exchange_account_the_difference_account_takes_it() -> None:
    material = dataclasses.replace(
        eur_payout_into_dkk(),
        sale_rates={"stripe:ch_a": Decimal("746.04"), "stripe:ch_b": Decimal("745.50")},
    )
    prepared = build_voucher(material, MAPPINGS, CHART, CLEARING)
    assert by_role(prepared)[LineRole.EXCHANGE] == [(DIFFERENCE, "5.92 DKK", "", "None")]


def test_items_in_a_third_currency_are_refused() -> None:
    material = eur_payout_into_dkk()
    sek = item("ch_s", ItemKind.PAYMENT, "100.00", currency="SEK")
    material = dataclasses.replace(material, items=(*material.items, sek))
    with pytest.raises(VoucherError, match=r"m-000400: stripe:ch_\w is in (EUR|SEK)"):
        build_voucher(material, MAPPINGS_FX, CHART, CLEARING)


def test_in_sales_mode_the_summarys_values_leave_clearing_and_the_rest_is_realised() -> None:
    # The daily sales summaries booked the two sales onto C at 3 730.20 and 3 727.50 DKK.
    booked = {"stripe:ch_a": dkk("3730.20"), "stripe:ch_b": dkk("3727.50")}
    material = dataclasses.replace(eur_payout_into_dkk(), sale_base=booked)
    sales_mode = (ProviderMapping("stripe", STRIPE_CLEARING, FEES, booking=BookingMode.SALES),)
    mappings = dataclasses.replace(MAPPINGS_FX, providers=sales_mode)
    prepared = build_voucher(material, mappings, CHART, CLEARING)
    lines = by_role(prepared)
    assert LineRole.REVENUE not in lines  # the summaries booked the sales
    assert lines[LineRole.FEE] == [(FEES, "15.00 EUR", "111.78 DKK", "745.177665")]
    assert lines[LineRole.EXCHANGE] == [(EXCHANGE, "5.92 DKK", "", "None")]
    # C: the summaries' 7 457.70 debit, the bank feed's 7 340.00 credit, this voucher's rest
    assert clearing_in_dkk(prepared) + dkk("7457.70") - dkk("7340.00") == dkk("0.00")
