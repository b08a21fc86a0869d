"""A transfer paying an open platform invoice: the customer's payment where the invoice is
booked on the customer, a sale only where nothing booked it (docs/accounting.md)."""

from __future__ import annotations

import dataclasses

import pytest

from econdesk.accounting.ledger import account_key, postings
from econdesk.accounting.voucher_modes import OpenInvoice
from econdesk.accounting.vouchers import LineRole, MatchMaterial, VoucherError, build_voucher
from econdesk.domain.booking import BookingMode
from econdesk.domain.model import ItemKind, VoucherEntryKind
from econdesk.domain.money import Money
from tests.accounting.samples import (
    CHART,
    CLEARING,
    MAPPINGS,
    REVENUE,
    STRIPE_CLEARING,
    approved,
    bank_entry,
    item,
)


def open_invoice(customer: str | None) -> MatchMaterial:
    inv = dataclasses.replace(
        item("invoice-20461", ItemKind.INVOICE, "1250.00", customer=customer),
        invoice_ref="20461",
    )
    return approved("m-000900", [bank_entry("4801", "1250.00")], [inv])


def with_booking(booking: BookingMode | None):  # type: ignore[no-untyped-def]
    provider = dataclasses.replace(MAPPINGS.providers[0], booking=booking)
    return dataclasses.replace(MAPPINGS, providers=(provider,))


def test_an_open_invoice_of_a_mapped_customer_is_the_customers_payment_of_it() -> None:
    booked = OpenInvoice(20461, 12, "20461")  # the integration booked it on customer 12
    material = dataclasses.replace(
        open_invoice("cus_ACME"), invoices={"stripe:invoice-20461": booked}
    )
    prepared = build_voucher(material, with_booking(BookingMode.SETTLE), CHART, CLEARING)
    (line,) = prepared.lines
    assert line.role is LineRole.CUSTOMER_PAYMENT
    assert line.line.kind is VoucherEntryKind.CUSTOMER_PAYMENT
    assert line.line.customer_number == 12 and line.line.customer_invoice == 20461
    assert line.line.amount == Money.of("-1250.00", "DKK")  # credits the customer
    assert line.line.vat_code is None  # the VAT was booked with the invoice
    booked = postings(prepared.voucher)
    assert booked[(account_key(STRIPE_CLEARING), "DKK")] == Money.of("1250.00", "DKK")
    assert booked[("customer:12", "DKK")] == Money.of("-1250.00", "DKK")


@pytest.mark.parametrize("booking", [BookingMode.SETTLE, BookingMode.PAYMENTS])
def test_a_mapped_customer_pays_even_when_e_conomic_does_not_list_the_invoice_open(
    booking: BookingMode,
) -> None:
    prepared = build_voucher(open_invoice("cus_ACME"), with_booking(booking), CHART, CLEARING)
    (line,) = prepared.lines
    assert line.role is LineRole.CUSTOMER_PAYMENT and line.line.customer_number == 12
    assert line.line.customer_invoice is None  # no booked invoice to name


@pytest.mark.parametrize("booking", [BookingMode.SETTLE, BookingMode.PAYMENTS])
def test_where_the_invoice_is_booked_an_unknown_one_is_refused(booking: BookingMode) -> None:
    with pytest.raises(VoucherError, match=r"no open booked invoice in e-conomic for stripe:inv"):
        build_voucher(open_invoice("cus_X"), with_booking(booking), CHART, CLEARING)


@pytest.mark.parametrize("booking", [BookingMode.SALES, None])
def test_where_nothing_booked_the_invoice_its_payment_is_the_sale(
    booking: BookingMode | None,
) -> None:
    prepared = build_voucher(open_invoice("cus_X"), with_booking(booking), CHART, CLEARING)
    (line,) = prepared.lines
    assert line.role is LineRole.REVENUE and line.line.account == REVENUE
    assert line.line.vat_code == "U25" and line.line.amount == Money.of("-1250.00", "DKK")


def test_in_sales_mode_a_mapped_customers_open_invoice_is_still_the_sale() -> None:
    prepared = build_voucher(
        open_invoice("cus_ACME"), with_booking(BookingMode.SALES), CHART, CLEARING
    )
    (line,) = prepared.lines
    assert line.role is LineRole.REVENUE and line.line.customer_number is None
