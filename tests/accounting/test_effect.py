"""The voucher preview's account effect: each account's debit and credit, and what stays on
the clearing account for the payout."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from econdesk.accounting.chart import AgreementVatCode
from econdesk.accounting.effect import (
    AccountKind,
    BeforeReason,
    VoucherEffect,
    effect_of,
    role_kind,
    voucher_effect,
)
from econdesk.accounting.vouchers import LineRole, PreparedLine, build_voucher
from econdesk.domain.booking import BookingMode
from econdesk.domain.model import BankEntryOrigin, ItemKind, VoucherEntryKind, VoucherLine
from econdesk.domain.money import Money
from tests.accounting.samples import (
    BANK,
    CHART,
    CLEARING,
    DIFFERENCE,
    DIRECT,
    FEES,
    MAPPINGS,
    REVENUE,
    STRIPE_CLEARING,
    approved,
    bank_entry,
    item,
    worked_example,
)

VAT_OUT = 8710
VAT_IN = 8720
VAT_EU = 8730
VAT_CHART = dataclasses.replace(
    CHART,
    vat_codes={
        "U25": AgreementVatCode("U25", Decimal(25), "Salgsmoms", account=VAT_OUT),
        "IEUY": AgreementVatCode(
            "IEUY",
            Decimal(25),
            "Ydelser EU",
            reverse_charge=True,
            account=VAT_IN,
            contra_account=VAT_EU,
        ),
    },
)


def dkk(amount: str) -> Money:
    return Money.of(amount, "DKK")


def table(
    effect: VoucherEffect,
) -> dict[tuple[AccountKind, int | None, int | None], tuple[Money, Money]]:
    return {(a.kind, a.account, a.customer): (a.debit, a.credit) for a in effect.accounts}


def test_worked_example_per_account_and_nothing_left_on_clearing() -> None:
    material = worked_example()
    prepared = build_voucher(material, MAPPINGS, VAT_CHART, CLEARING)
    effect = effect_of(prepared, material, VAT_CHART)
    rows = table(effect)
    # Revenue 875 gross credited, refund 100 and chargeback 8 debited back, all net of VAT.
    assert rows[(AccountKind.REVENUE, REVENUE, None)] == (dkk("86.40"), dkk("700.00"))
    assert rows[(AccountKind.VAT, VAT_OUT, None)] == (dkk("21.60"), dkk("175.00"))
    assert rows[(AccountKind.DEBTOR, None, 12)] == (dkk("0"), dkk("250.00"))
    assert rows[(AccountKind.FEE, FEES, None)] == (dkk("16.88"), dkk("0"))
    assert rows[(AccountKind.DIFFERENCE, DIFFERENCE, None)] == (dkk("0.12"), dkk("0"))
    assert rows[(AccountKind.CLEARING, STRIPE_CLEARING, None)] == (dkk("1125.00"), dkk("125.00"))
    assert effect.debit == effect.credit
    [left] = effect.clearing
    assert [b.reason for b in left.before] == [BeforeReason.DEPOSIT]
    assert left.before[0].amount == dkk("-1000.00")
    assert left.voucher == dkk("1000.00")
    assert left.is_zero and effect.clearing_zero
    assert [a.name for a in effect.accounts if a.account == STRIPE_CLEARING] == [
        "Mellemregning Stripe"
    ]


def test_direct_profile_books_the_bank_and_leaves_nothing() -> None:
    m = worked_example()
    from_file = dataclasses.replace(m.bank_entries[0], origin=BankEntryOrigin.FILE)
    material = dataclasses.replace(
        m,
        bank_entries=(from_file,),
        match=dataclasses.replace(m.match, bank_refs=(from_file.ref,)),
    )
    prepared = build_voucher(material, MAPPINGS, CHART, DIRECT)
    effect = effect_of(prepared, material, CHART)
    assert table(effect)[(AccountKind.BANK, BANK, None)] == (dkk("1000.00"), dkk("0"))
    [left] = effect.clearing
    assert left.before == () and left.is_zero


def test_settle_mode_names_the_integrations_payments_as_what_is_left() -> None:
    # Today's builder still books the payments: with an integration having booked them too,
    # the clearing account keeps them, and the preview says so.
    material = worked_example()
    prepared = build_voucher(material, MAPPINGS, CHART, CLEARING)
    effect = effect_of(prepared, material, CHART, {"stripe": BookingMode.SETTLE})
    [left] = effect.clearing
    assert [b.reason for b in left.before] == [BeforeReason.DEPOSIT, BeforeReason.INTEGRATION]
    # The integration books the card payments; the refund is the bookkeeper's.
    assert left.before[1].amount == dkk("1125.00")  # 500 + 375 + 250
    assert left.left == dkk("1125.00")
    assert not effect.clearing_zero
    # econdesk's own sales book the refund too.
    sales = effect_of(prepared, material, CHART, {"stripe": BookingMode.SALES}).clearing[0]
    assert [b.reason for b in sales.before][1] is BeforeReason.SALES
    assert sales.left == dkk("1025.00")  # 500 + 375 + 250 - 100


def test_reverse_charge_fee_puts_vat_on_both_vat_accounts() -> None:
    prepared = build_voucher(worked_example(), MAPPINGS, VAT_CHART, CLEARING)
    fee = next(p for p in prepared.lines if p.role is LineRole.FEE)
    fee = dataclasses.replace(fee, line=dataclasses.replace(fee.line, vat_code="IEUY"), vat=None)
    effect = voucher_effect(dataclasses.replace(prepared, lines=(fee,)), VAT_CHART)
    rows = table(effect)
    assert rows[(AccountKind.FEE, FEES, None)] == (dkk("16.88"), dkk("0"))
    assert rows[(AccountKind.VAT, VAT_IN, None)] == (dkk("4.22"), dkk("0"))
    assert rows[(AccountKind.VAT, VAT_EU, None)] == (dkk("0"), dkk("4.22"))
    assert effect.debit == effect.credit


def test_an_unknown_role_is_placed_by_its_name_and_its_amount_kept() -> None:
    assert role_kind("exchange_difference") is AccountKind.EXCHANGE_DIFFERENCE
    assert role_kind("sale_summary") is AccountKind.REVENUE
    assert role_kind("dispute_fee") is AccountKind.FEE
    assert role_kind("something_new") is AccountKind.OTHER
    prepared = build_voucher(worked_example(), MAPPINGS, CHART, CLEARING)
    odd = PreparedLine(
        VoucherLine(
            VoucherEntryKind.FINANCE,
            prepared.lines[0].line.entry_date,
            dkk("3.00"),
            "x",
            account=7300,
            contra_account=STRIPE_CLEARING,
        ),
        prepared.lines[0].role,
        (),
    )
    odd = dataclasses.replace(odd, role="something_new")  # type: ignore[arg-type]
    effect = voucher_effect(dataclasses.replace(prepared, lines=(odd,)))
    assert table(effect)[(AccountKind.OTHER, 7300, None)] == (dkk("3.00"), dkk("0"))
    assert effect.clearing[0].voucher == dkk("-3.00")


def test_a_foreign_voucher_keeps_its_base_currency_rounding_line_apart() -> None:
    material = approved(
        "m-000201",
        [bank_entry("4801", "0.03", currency="EUR", base="0.23")],
        [
            item("ch_x", ItemKind.PAYMENT, "0.01", currency="EUR", plan="eu-b2b"),
            item("ch_y", ItemKind.PAYMENT, "0.01", currency="EUR", plan=None, customer="cus_ACME"),
            item("ch_z", ItemKind.PAYMENT, "0.01", currency="EUR", plan="gold"),
        ],
    )
    prepared = build_voucher(material, MAPPINGS, CHART, CLEARING)
    assert prepared.lines[-1].line.amount.currency == "DKK"  # the rounding line
    effect = effect_of(prepared, material, CHART)
    assert effect.debit == effect.credit and effect.debit.currency == "EUR"
    dkk_rows = [a for a in effect.accounts if a.debit.currency == "DKK"]
    assert dkk_rows and {a.account for a in dkk_rows} == {DIFFERENCE, STRIPE_CLEARING}
    assert effect.accounts[-1].debit.currency == "DKK"  # listed after the EUR rows
    [left] = effect.clearing
    assert left.is_zero and left.left.currency == "EUR"
