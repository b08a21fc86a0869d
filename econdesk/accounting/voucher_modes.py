"""What a payout's voucher books of each item, by the source's booking mode.

The modes (domain/booking.py, docs/booking-modes.md) differ in what is on the clearing
account C before the payout's voucher is posted:

- `settle`: an integration booked each payment as a customer payment onto C. The voucher books
  no payment line; refunds and disputes, which the integration leaves to the bookkeeper, fees,
  differences and (direct profile) the bank line are booked as always.
- `sales`: econdesk's daily sales summary booked the payments and refunds onto C. The voucher
  books neither; the rest as for `settle`.
- `payments`: the invoices are booked, the payments are not. Each payment becomes a customer
  payment against the e-conomic customer of the booked invoice it pays (`customerInvoice` is
  that invoice's `bookedInvoiceNumber`, never a platform id); refunds and disputes reverse the
  sale as always.
- None (a sandbox agreement without a mode): payments credit revenue, as they always have.

Disputes: a lost one (a negative chargeback) reverses the sale and its VAT on the sale's
revenue account and VAT code, or with `lost_disputes = bad_debt` goes to the bad-debt account
without VAT; a won one (a positive chargeback) books back on that same account.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from econdesk.domain.booking import BookingMode, LostDisputes
from econdesk.domain.invoices import pays_what_was_paid
from econdesk.domain.model import ItemKind, PlatformItem, ProviderMapping
from econdesk.errors import EcondeskError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import Message, joined, say

# The kinds another system has put on C already, by mode.
_BOOKED_ELSEWHERE: Mapping[BookingMode, frozenset[ItemKind]] = {
    BookingMode.SETTLE: frozenset({ItemKind.PAYMENT}),
    BookingMode.SALES: frozenset({ItemKind.PAYMENT, ItemKind.REFUND}),
    BookingMode.PAYMENTS: frozenset(),
}


@dataclass(frozen=True, slots=True)
class OpenInvoice:
    """A booked e-conomic invoice with a remainder: what a customer payment is booked against."""

    number: int  # bookedInvoiceNumber, sent as customerInvoice
    customer: int  # the e-conomic customer number
    reference: str | None = None  # references.other: the platform's invoice number
    remainder: Decimal | None = None  # what is left to pay now, in the invoice's currency


def booked_elsewhere(mode: BookingMode | None, kind: ItemKind) -> bool:
    """Whether an item of `kind` already stands on the clearing account (no line for it)."""
    return mode is not None and kind in _BOOKED_ELSEWHERE[mode]


def pays_an_invoice(mode: BookingMode | None, kind: ItemKind) -> bool:
    """Whether the item becomes a customer payment against its booked invoice. An open platform
    invoice paid by transfer does wherever the invoice is booked (`settle`, `payments`): the
    platform never saw that money, so nobody booked the payment (docs/accounting.md)."""
    if kind is ItemKind.INVOICE:
        return mode in (BookingMode.SETTLE, BookingMode.PAYMENTS)
    return mode is BookingMode.PAYMENTS and kind is ItemKind.PAYMENT


def bad_debt_account(pmap: ProviderMapping, fail: Callable[[Message], EcondeskError]) -> int | None:
    """The account a dispute goes to instead of the sale's revenue, or None to reverse the sale."""
    if pmap.lost_disputes is not LostDisputes.BAD_DEBT:
        return None
    if pmap.bad_debt_account is None:
        unset = QT_TRANSLATE_NOOP(
            "CLI", "lost disputes of {0} go to bad debt, but no bad_debt_account is set"
        )
        raise fail(say(unset, pmap.provider))
    return pmap.bad_debt_account


def no_open_invoice(items: Sequence[PlatformItem]) -> Message:
    """Why payments cannot be posted: their invoices are not open in e-conomic (named)."""
    unnamed = say(QT_TRANSLATE_NOOP("CLI", "not named"))
    invoice = QT_TRANSLATE_NOOP("CLI", "{0} (invoice {1})")
    named = joined([say(invoice, i.ref, i.invoice_ref or unnamed) for i in items[:3]])
    if len(items) <= 3:
        none_open = QT_TRANSLATE_NOOP(
            "CLI", "no open booked invoice in e-conomic for {0}; book it, or pay it by hand"
        )
        return say(none_open, named)
    more = QT_TRANSLATE_NOOP(
        "CLI",
        "no open booked invoice in e-conomic for {0} and {1} more; book it, or pay it by hand",
    )
    return say(more, named, len(items) - 3)


def stale_invoice(item: PlatformItem, invoice: OpenInvoice | None) -> Message | None:
    """Why a transfer matched to one of e-conomic's own invoices must not be posted now: the
    invoice was paid, in full or in part, since the sync the match was made from (posting it
    would pay it twice). None when it is open as it was matched, or for any other item."""
    if item.kind is not ItemKind.INVOICE or not pays_what_was_paid(item.provider):
        return None
    number = item.invoice_ref or item.ref
    if invoice is None:
        paid = QT_TRANSLATE_NOOP(
            "CLI",
            "invoice {0} is paid already: e-conomic lists no remainder on it (paid since the last "
            "sync); nothing was posted, reject this match",
        )
        return say(paid, number)
    if invoice.remainder is not None and invoice.remainder < item.amount.amount:
        part = QT_TRANSLATE_NOOP(
            "CLI",
            "invoice {0} has {1} {2} left to pay in e-conomic, {3} when it was matched (paid in "
            "part since the last sync); nothing was posted: sync, reject this match and match "
            "again",
        )
        return say(part, number, invoice.remainder, item.currency, item.amount)
    return None


def invoices_paid(
    items: Iterable[PlatformItem], open_invoices: Sequence[OpenInvoice]
) -> dict[str, OpenInvoice]:
    """item ref -> the open booked invoice its platform invoice number names.

    The integration keeps the platform's invoice number in `references.other`; a platform
    that writes the booked invoice number itself is matched on that number. An item whose
    invoice is not open in e-conomic is left out (the voucher then names it).
    """
    by_reference = {i.reference: i for i in sorted(open_invoices, key=lambda i: -i.number)}
    by_number = {str(i.number): i for i in open_invoices}
    found: dict[str, OpenInvoice] = {}
    for item in items:
        ref = item.invoice_ref
        if not ref:
            continue
        invoice = by_reference.get(ref) or by_number.get(ref)
        if invoice is not None:
            found[item.ref] = invoice
    return found
