"""e-conomic's booked invoices with a remainder as open-invoice items, and the stream of them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from econdesk.connectors import eventloop
from econdesk.connectors.economic import parse
from econdesk.connectors.economic.models import BookedInvoice
from econdesk.connectors.economic.open_invoices import (
    EconomicInvoiceSource,
    open_invoice_to_item,
)
from econdesk.connectors.errors import MalformedResponse
from econdesk.connectors.platform import Window
from econdesk.domain import ItemKind

CPH = ZoneInfo("Europe/Copenhagen")


def invoice(remainder: str, *, gross: str = "1250.00", currency: str = "DKK") -> BookedInvoice:
    return BookedInvoice(
        number=20017, customer_number=104, day=date(2026, 3, 2), currency=currency,
        gross=Decimal(gross), remainder=Decimal(remainder), other_reference="inv-1614",
        due_date=date(2026, 3, 16), recipient_name="Fjordhus ApS",
    )  # fmt: skip


def test_an_unpaid_invoice_is_an_open_item_of_its_remainder() -> None:
    item = open_invoice_to_item(invoice("1250.00"))
    assert item is not None
    assert item.ref == "economic:invoice-20017" and item.kind is ItemKind.INVOICE
    assert (str(item.amount.amount), item.currency) == ("1250.00", "DKK")
    assert (item.customer_id, item.customer_name) == ("104", "Fjordhus ApS")
    assert item.invoice_ref == "20017" and item.references == ("inv-1614",)
    assert item.occurred_at == datetime(2026, 3, 2, tzinfo=CPH)
    assert item.description == "due 2026-03-16"


def test_a_part_paid_invoice_is_a_new_item_of_what_is_left() -> None:
    item = open_invoice_to_item(invoice("250.00"))
    assert item is not None and item.ref == "economic:invoice-20017-rest-250.00"
    assert item.amount.amount == Decimal("250.00") and item.invoice_ref == "20017"


@pytest.mark.parametrize("remainder", ["0.00", "-100.00"])
def test_a_paid_invoice_or_a_credit_is_no_open_item(remainder: str) -> None:
    assert open_invoice_to_item(invoice(remainder)) is None


def test_a_remainder_finer_than_the_currency_is_refused_naming_the_invoice() -> None:
    with pytest.raises(MalformedResponse, match="booked invoice 20017"):
        open_invoice_to_item(invoice("10.005"))


def test_the_due_date_and_the_recipients_name_are_read_when_given() -> None:
    raw = {
        "bookedInvoiceNumber": 7, "date": "2026-03-02", "currency": "EUR",
        "grossAmount": Decimal("100.00"), "remainder": Decimal("40.00"),
        "customer": {"customerNumber": 3}, "dueDate": "2026-04-01",
        "recipient": {"name": "Nordlys Consult ApS"},
    }  # fmt: skip
    read = parse.booked_invoice(raw)
    assert (read.due_date, read.recipient_name) == (date(2026, 4, 1), "Nordlys Consult ApS")
    bare = parse.booked_invoice({k: v for k, v in raw.items() if k not in ("dueDate", "recipient")})
    assert (bare.due_date, bare.recipient_name) == (None, None)


class _Client:
    def __init__(self, invoices: list[BookedInvoice]) -> None:
        self.invoices = invoices
        self.closed = False

    async def unpaid_invoices(self) -> list[BookedInvoice]:
        return self.invoices

    async def aclose(self) -> None:
        self.closed = True


def test_the_stream_is_one_complete_page_whatever_the_window() -> None:
    client = _Client([invoice("1250.00"), invoice("0.00")])
    source = EconomicInvoiceSource(client)

    async def pages() -> list[tuple[int, bool, str | None]]:
        window = Window(date(2026, 6, 1), date(2026, 6, 2))
        out = [(len(p.items), p.lists_all_open, p.resume) async for p in source.pages(
            "open_invoices", window)]  # fmt: skip
        await source.aclose()
        return out

    assert eventloop.run(pages()) == [(1, True, None)]
    assert client.closed
    with pytest.raises(ValueError, match="no stream 'bank'"):
        eventloop.run(anext(source.pages("bank", Window(date(2026, 6, 1), date(2026, 6, 2)))))
