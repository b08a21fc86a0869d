"""What a payout's voucher books per booking mode, and how disputes and returned fees go."""

import dataclasses
from decimal import Decimal

import pytest

from econdesk.accounting.chart import AgreementAccount, AgreementVatCode
from econdesk.accounting.ledger import postings
from econdesk.accounting.voucher_modes import OpenInvoice, invoices_paid
from econdesk.accounting.vouchers import (
    LineRole,
    MatchMaterial,
    PreparedVoucher,
    VoucherError,
    build_voucher,
)
from econdesk.domain.booking import BookingMode, LostDisputes
from econdesk.domain.model import BankEntryOrigin, ItemKind, Mappings, PlatformItem
from econdesk.domain.money import Money, money_sum
from tests.accounting.samples import (
    CHART,
    CLEARING,
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

BAD_DEBT = 7300
EU_VAT = 6906
MODES_CHART = dataclasses.replace(
    CHART,
    accounts={**CHART.accounts, BAD_DEBT: AgreementAccount(BAD_DEBT, "Tab på debitorer")},
    vat_codes={
        **CHART.vat_codes,
        "IEUY": AgreementVatCode("IEUY", Decimal(25), "Køb af ydelser i EU", reverse_charge=True),
    },
)


def dkk(amount: str) -> Money:
    return Money.of(amount, "DKK")


def mapped(**changes: object) -> Mappings:
    stripe = dataclasses.replace(MAPPINGS.providers[0], **changes)  # type: ignore[arg-type]
    return dataclasses.replace(MAPPINGS, providers=(stripe,))


def by_role(prepared: PreparedVoucher) -> dict[LineRole, list[Money]]:
    out: dict[LineRole, list[Money]] = {}
    for p in prepared.lines:
        out.setdefault(p.role, []).append(p.line.amount)
    return out


def clearing_effect(prepared: PreparedVoucher) -> Money:
    return postings(prepared.voucher).get((f"account:{STRIPE_CLEARING}", "DKK"), dkk("0"))


def payments_of(material: MatchMaterial) -> Money:
    return money_sum((i.amount for i in material.items if i.kind is ItemKind.PAYMENT), "DKK")


def test_settle_books_no_payment_and_leaves_clearing_at_zero_with_the_integrations_payments() -> (
    None
):
    material = worked_example()
    prepared = build_voucher(material, mapped(booking=BookingMode.SETTLE), MODES_CHART, CLEARING)
    roles = by_role(prepared)
    assert LineRole.REVENUE not in roles and LineRole.CUSTOMER_PAYMENT not in roles
    assert roles[LineRole.REFUND] == [dkk("100.00")]  # the integration leaves refunds to us
    assert roles[LineRole.CHARGEBACK] == [dkk("8.00")]
    assert roles[LineRole.FEE] == [dkk("16.88")]
    # The feed booked the deposit off C, the integration the payments onto C: C nets to zero.
    deposit = dkk("1000.00")
    assert clearing_effect(prepared) + payments_of(material) - deposit == dkk("0")


def test_settle_in_the_direct_profile_books_the_bank_line_too() -> None:
    m = worked_example()
    from_file = dataclasses.replace(m.bank_entries[0], origin=BankEntryOrigin.FILE)
    material = dataclasses.replace(
        m,
        bank_entries=(from_file,),
        match=dataclasses.replace(m.match, bank_refs=(from_file.ref,)),
    )
    prepared = build_voucher(material, mapped(booking=BookingMode.SETTLE), MODES_CHART, DIRECT)
    assert by_role(prepared)[LineRole.BANK] == [dkk("1000.00")]
    assert clearing_effect(prepared) + payments_of(material) == dkk("0")


def test_sales_leaves_payments_and_refunds_to_the_daily_summary() -> None:
    prepared = build_voucher(
        worked_example(), mapped(booking=BookingMode.SALES), MODES_CHART, CLEARING
    )
    roles = by_role(prepared)
    assert set(roles) == {LineRole.CHARGEBACK, LineRole.FEE, LineRole.DIFFERENCE}


def test_a_reverse_charge_fee_code_is_sent_with_the_net_fee() -> None:
    prepared = build_voucher(
        worked_example(),
        mapped(booking=BookingMode.SETTLE, fee_vat_code="IEUY"),
        MODES_CHART,
        CLEARING,
    )
    (fee,) = [p for p in prepared.lines if p.role is LineRole.FEE]
    assert (fee.line.account, fee.line.vat_code, fee.line.amount) == (FEES, "IEUY", dkk("16.88"))
    assert fee.vat == dkk("4.22")  # 25 % of the net fee, on both VAT accounts


def test_payments_pay_the_exact_booked_invoice_of_its_customer() -> None:
    paid = dataclasses.replace(item("ch_9", ItemKind.PAYMENT, "300.00", "4.50"), invoice_ref="1042")
    short = dataclasses.replace(item("ch_8", ItemKind.PAYMENT, "80.00"), invoice_ref="1043")
    material = approved("m-000301", [bank_entry("4901", "375.50")], [paid, short])
    invoices = [OpenInvoice(20001, 10_007, "1042"), OpenInvoice(20002, 10_008, "1043")]
    material = dataclasses.replace(material, invoices=invoices_paid(material.items, invoices))
    prepared = build_voucher(material, mapped(booking=BookingMode.PAYMENTS), MODES_CHART, CLEARING)
    payments = prepared.body["entries"]["customerPayments"]
    assert [
        (p["customer"]["customerNumber"], p["customerInvoice"], p["amount"]) for p in payments
    ] == [
        (10_007, 20001, Decimal("-300.00")),
        (10_008, 20002, Decimal("-80.00")),  # an underpayment: the rest stays open
    ]
    assert LineRole.DIFFERENCE not in by_role(prepared)


def test_a_payment_without_an_open_booked_invoice_is_not_posted_and_named() -> None:
    stray = dataclasses.replace(item("ch_7", ItemKind.PAYMENT, "50.00"), invoice_ref="9999")
    material = approved("m-000302", [bank_entry("4902", "50.00")], [stray])
    with pytest.raises(VoucherError, match=r"stripe:ch_7 \(invoice 9999\)"):
        build_voucher(material, mapped(booking=BookingMode.PAYMENTS), MODES_CHART, CLEARING)


def test_a_platform_id_is_never_sent_as_the_booked_invoice() -> None:
    # A mapped customer's payment whose platform invoice number is numeric but not open in
    # e-conomic names no invoice at all.
    prepared = build_voucher(worked_example(), MAPPINGS, MODES_CHART, CLEARING)
    (payment,) = prepared.body["entries"]["customerPayments"]
    assert "customerInvoice" not in payment
    # One open for another customer is not linked either.
    other = dataclasses.replace(
        worked_example(), invoices={"stripe:ch_3": OpenInvoice(20003, 99, "x")}
    )
    (payment,) = build_voucher(other, MAPPINGS, MODES_CHART, CLEARING).body["entries"][
        "customerPayments"
    ]
    assert "customerInvoice" not in payment


def test_invoices_are_found_by_the_integrations_reference_or_the_booked_number() -> None:
    items = [
        dataclasses.replace(item("a", ItemKind.PAYMENT, "1.00"), invoice_ref="inv-7"),
        dataclasses.replace(item("b", ItemKind.PAYMENT, "1.00"), invoice_ref="20005"),
        dataclasses.replace(item("c", ItemKind.PAYMENT, "1.00"), invoice_ref="nowhere"),
    ]
    open_invoices = [OpenInvoice(20004, 1, "inv-7"), OpenInvoice(20005, 2, None)]
    found = invoices_paid(items, open_invoices)
    assert {ref: i.number for ref, i in found.items()} == {"stripe:a": 20004, "stripe:b": 20005}


def dispute_payout(*items: PlatformItem) -> MatchMaterial:
    net = money_sum((i.net for i in items), "DKK")
    return approved("m-000303", [bank_entry("4903", str(net.amount))], list(items))


LOST = item("dp_1", ItemKind.CHARGEBACK, "-200.00", "110.00")
WON = item("dpr_1", ItemKind.CHARGEBACK, "200.00")


def test_a_lost_dispute_reverses_the_sale_and_its_vat_and_its_fee_is_a_fee() -> None:
    material = dispute_payout(item("ch_1", ItemKind.PAYMENT, "1000.00"), LOST)
    prepared = build_voucher(material, mapped(booking=BookingMode.SETTLE), MODES_CHART, CLEARING)
    (dispute,) = [p for p in prepared.lines if p.role is LineRole.CHARGEBACK]
    assert (dispute.line.account, dispute.line.vat_code) == (REVENUE, "U25")
    assert dispute.line.amount == dkk("200.00")
    assert dispute.vat == dkk("40.00")  # the output VAT reversed
    assert by_role(prepared)[LineRole.FEE] == [dkk("110.00")]


def test_a_lost_dispute_goes_to_bad_debt_without_vat_when_so_set() -> None:
    material = dispute_payout(item("ch_1", ItemKind.PAYMENT, "1000.00"), LOST)
    settings = mapped(
        booking=BookingMode.SETTLE, lost_disputes=LostDisputes.BAD_DEBT, bad_debt_account=BAD_DEBT
    )
    prepared = build_voucher(material, settings, MODES_CHART, CLEARING)
    (dispute,) = [p for p in prepared.lines if p.role is LineRole.CHARGEBACK]
    assert (dispute.line.account, dispute.line.vat_code) == (BAD_DEBT, None)
    missing = mapped(booking=BookingMode.SETTLE, lost_disputes=LostDisputes.BAD_DEBT)
    with pytest.raises(VoucherError, match="no bad_debt_account"):
        build_voucher(material, missing, MODES_CHART, CLEARING)


@pytest.mark.parametrize("policy", [LostDisputes.REVERSE, LostDisputes.BAD_DEBT])
def test_a_won_dispute_books_back_exactly_what_the_dispute_took_out(
    policy: LostDisputes,
) -> None:
    settings = mapped(booking=BookingMode.SETTLE, lost_disputes=policy, bad_debt_account=BAD_DEBT)
    lost = build_voucher(dispute_payout(item("ch_1", ItemKind.PAYMENT, "1000.00"), LOST),
                         settings, MODES_CHART, CLEARING)  # fmt: skip
    won = build_voucher(dispute_payout(WON), settings, MODES_CHART, CLEARING)
    (took,) = [p.line for p in lost.lines if p.role is LineRole.CHARGEBACK]
    (back,) = [p.line for p in won.lines if p.role is LineRole.CHARGEBACK]
    assert (back.account, back.vat_code, back.amount) == (took.account, took.vat_code, -took.amount)
    assert LineRole.DIFFERENCE not in by_role(won)


def test_a_fee_returned_with_a_refund_lowers_the_fees_not_the_refund() -> None:
    refund = item("re_1", ItemKind.REFUND, "-100.00", "-2.00")
    material = dispute_payout(item("ch_1", ItemKind.PAYMENT, "1000.00", "15.00"), refund)
    prepared = build_voucher(material, MAPPINGS, MODES_CHART, CLEARING)
    roles = by_role(prepared)
    assert roles[LineRole.REFUND] == [dkk("100.00")]
    assert roles[LineRole.FEE] == [dkk("13.00")]
    assert clearing_effect(prepared) == material.match.amount


def test_a_settled_payout_without_fees_says_there_is_nothing_to_post() -> None:
    material = dispute_payout(item("ch_1", ItemKind.PAYMENT, "500.00"))
    with pytest.raises(VoucherError, match="booking = settle the stripe items are booked"):
        build_voucher(material, mapped(booking=BookingMode.SETTLE), MODES_CHART, CLEARING)
