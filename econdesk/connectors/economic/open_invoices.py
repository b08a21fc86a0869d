"""e-conomic's own booked invoices with a remainder, as open-invoice items for the matcher.

A Danish business that invoices from e-conomic waits for bank transfers paying those invoices.
Each booked invoice with something left to pay (`GET /invoices/unpaid`: open invoices are chosen
by the endpoint, `remainder` cannot be filtered on; docs/economic-api.md) becomes an item
`economic:invoice-<bookedInvoiceNumber>` of kind INVOICE whose amount is the remainder, so the
matcher's invoice layer finds the transfer that quotes its number or pays it from its customer.

The stream has one page: the whole list, so the sync can close what is no longer on it (an
invoice paid since the last sync). Once part of an invoice is paid its item id carries the
remainder (`invoice-20001-rest-400.00`): the invoice as it stands open now is a new item, and
the item a posted part payment was matched to keeps what it was matched at.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime, time, tzinfo
from typing import Protocol

from econdesk.connectors.economic.errors import SYSTEM
from econdesk.connectors.economic.models import BookedInvoice
from econdesk.connectors.errors import MalformedResponse
from econdesk.connectors.platform import MERCHANT_TZ, SourcePage, Window
from econdesk.domain.invoices import ECONOMIC_INVOICES, open_invoice_id
from econdesk.domain.model import ItemKind, PlatformItem
from econdesk.domain.money import Money, MoneyError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

# Items `economic:invoice-…`; bank entries are `economic:<entryNumber>`.
PROVIDER = ECONOMIC_INVOICES
STREAM_OPEN_INVOICES = "open_invoices"


class UnpaidInvoices(Protocol):
    """What the stream needs of the e-conomic client."""

    async def unpaid_invoices(self) -> list[BookedInvoice]: ...

    async def aclose(self) -> None: ...


def invoice_item_id(invoice: BookedInvoice) -> str:
    """The item's external id: by number while nothing is paid, with the remainder once part is."""
    number = str(invoice.number)
    if invoice.remainder == invoice.gross:
        return open_invoice_id(number)
    return open_invoice_id(f"{number}-rest-{invoice.remainder}")


def open_invoice_to_item(
    invoice: BookedInvoice, *, tz: tzinfo = MERCHANT_TZ
) -> PlatformItem | None:
    """A booked invoice with a remainder as an open item of what is left to pay; None when
    nothing is (a zero or negative remainder: paid, or the customer's credit)."""
    if invoice.remainder <= 0:
        return None
    try:
        remainder = Money.of(invoice.remainder, invoice.currency)
        if remainder.amount != remainder.quantized():
            raise MoneyError(f"remainder {invoice.remainder} is finer than {invoice.currency}'s")
    except (MoneyError, ValueError) as exc:
        raise MalformedResponse(
            say(QT_TRANSLATE_NOOP("CLI", "booked invoice {0}: {1}"), invoice.number, exc),
            obj=f"booked invoice {invoice.number}",
            field="remainder",
            system=SYSTEM,
        ) from exc
    due = f"due {invoice.due_date.isoformat()}" if invoice.due_date else ""
    return PlatformItem(
        provider=PROVIDER,
        external_id=invoice_item_id(invoice),
        kind=ItemKind.INVOICE,
        amount=remainder,
        occurred_at=datetime.combine(invoice.day, time(0), tz),
        customer_id=str(invoice.customer_number),
        customer_name=invoice.recipient_name,
        invoice_ref=str(invoice.number),
        # An integration may keep another system's invoice number here, which a payer may quote.
        references=tuple(r for r in (invoice.other_reference,) if r),
        description=due,
    )


class EconomicInvoiceSource:
    """The sync's source `economic:open_invoices`: every booked invoice with a remainder."""

    provider: str = PROVIDER
    streams: tuple[str, ...] = (STREAM_OPEN_INVOICES,)

    def __init__(self, client: UnpaidInvoices, *, tz: tzinfo = MERCHANT_TZ) -> None:
        self.client = client
        self.tz = tz

    async def pages(
        self, stream: str, window: Window, resume: str | None = None
    ) -> AsyncGenerator[SourcePage, None]:
        """One page of every open invoice, whatever the window: an invoice of any age may be
        paid today. `resume` never occurs (a single page) and is ignored."""
        del window, resume
        if stream != STREAM_OPEN_INVOICES:
            raise ValueError(f"e-conomic has no stream {stream!r}; it has {self.streams}")
        found = [open_invoice_to_item(i, tz=self.tz) for i in await self.client.unpaid_invoices()]
        items = tuple(i for i in found if i is not None)
        yield SourcePage(stream, items=items, lists_all_open=True)

    async def aclose(self) -> None:
        await self.client.aclose()
