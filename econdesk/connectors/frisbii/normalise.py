"""Frisbii transactions and disputes as econdesk's PlatformItem.

An item is one money-moving transaction `frisbii:<transaction id>`: a `settle` is a payment,
a `refund` a refund (Frisbii sends both as positive amounts). A dispute is a chargeback
`frisbii:<dispute id>`. The customer and plan come from the invoice (and its customer); the
refund's VAT from the credit note it paid out. There is no fee (the billing API has none) and
no payout link: the acquirer's settlement file carries that, joined on `acquirer_reference`.
An invoice still pending or in dunning is an open item `frisbii:invoice-<handle>`
(domain/invoices.py) of what is left to pay, for a transfer that pays it outside Frisbii.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import tzinfo

from econdesk.connectors.errors import MalformedResponse
from econdesk.connectors.frisbii.models import (
    SYSTEM,
    FrisbiiCustomer,
    FrisbiiDispute,
    FrisbiiInvoice,
    FrisbiiTransaction,
)
from econdesk.connectors.platform import MERCHANT_TZ
from econdesk.connectors.vat_facts import HOME_COUNTRY, HOME_RATE, sale_facts
from econdesk.domain.booking import SaleVatFacts
from econdesk.domain.invoices import open_invoice_id
from econdesk.domain.model import ItemKind, PlatformItem
from econdesk.domain.money import Money, MoneyError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

PROVIDER = "frisbii"

# Only money that moved: authorisations, pending and failed attempts are not items.
ITEM_STATES = frozenset({"settled", "refunded"})
ITEM_TYPES = frozenset({"settle", "refund"})


def is_item(tx: FrisbiiTransaction) -> bool:
    return tx.type in ITEM_TYPES and tx.state in ITEM_STATES


def _missing(kind: str, obj_id: str, field: str, what: str) -> MalformedResponse:
    return MalformedResponse(
        say(
            QT_TRANSLATE_NOOP("CLI", "{0} {1}: field '{2}' names {3}, which Frisbii does not know"),
            kind,
            obj_id,
            field,
            what,
        ),
        obj=f"{kind} {obj_id}",
        field=field,
        system=SYSTEM,
    )


def invoice_facts(invoice: FrisbiiInvoice, customer: FrisbiiCustomer | None) -> SaleVatFacts | None:
    """The sale's VAT facts: the plan line's `vat` (a fraction, 0.25) and the customer's
    country. Frisbii says neither whose VAT it is nor whether it is reverse charge (inferred,
    docs/booking-modes.md): a rate other than the Danish one for a customer abroad is that
    country's (OSS), and a 0 % line for a customer with a VAT number abroad reverse charge."""
    line = invoice.plan_line
    if line is None or line.vat is None:
        return None
    rate = line.vat * 100
    country = customer.country.upper() if customer and customer.country else None
    number = customer.vat if customer else None
    abroad = country not in (None, HOME_COUNTRY)
    reverse = rate == 0 and bool(number) and abroad
    oss = country if abroad and rate != HOME_RATE else None
    return sale_facts(rate, country=oss, reverse_charge=reverse, buyer_vat_number=number)


def to_item(
    tx: FrisbiiTransaction,
    invoices: Mapping[str, FrisbiiInvoice],
    customers: Mapping[str, FrisbiiCustomer],
    *,
    tz: tzinfo = MERCHANT_TZ,
) -> PlatformItem | None:
    """The PlatformItem for a settled payment or refund; None for anything else."""
    if not is_item(tx):
        return None
    invoice = invoices.get(tx.invoice)
    if invoice is None:
        raise _missing("transaction", tx.id, "invoice", f"invoice {tx.invoice!r}")
    customer = customers.get(invoice.customer)
    currency = tx.currency or invoice.currency
    refund = tx.type == "refund"
    credit_note = invoice.credit_note_for(tx.id) if refund else None
    try:
        amount = Money.from_minor(-tx.amount if refund else tx.amount, currency)
        if refund:
            vat = Money.from_minor(-credit_note.amount_vat, currency) if credit_note else None
        elif tx.amount == invoice.amount:
            vat = Money.from_minor(invoice.amount_vat, currency)
        else:  # a part payment: its share of the VAT is not stated
            vat = None
        line = invoice.plan_line
        return PlatformItem(
            vat=invoice_facts(invoice, customer),
            provider=PROVIDER,
            external_id=tx.id,
            kind=ItemKind.REFUND if refund else ItemKind.PAYMENT,
            amount=amount,
            occurred_at=tx.occurred_at.astimezone(tz),
            customer_id=invoice.customer,
            customer_name=customer.name if customer else None,
            invoice_ref=invoice.handle,
            plan=invoice.plan,
            vat_amount=vat,
            references=(tx.card.acquirer_reference,)
            if tx.card and tx.card.acquirer_reference
            else (),
            description=line.ordertext if line else tx.payment_type,
        )
    except (MoneyError, ValueError) as exc:
        raise MalformedResponse(
            say("{0}: {1}", f"transaction {tx.id}", exc),
            obj=f"transaction {tx.id}",
            field="amount",
            system=SYSTEM,
        ) from exc


def dispute_to_item(
    dispute: FrisbiiDispute,
    invoices: Mapping[str, FrisbiiInvoice],
    customers: Mapping[str, FrisbiiCustomer],
    *,
    tz: tzinfo = MERCHANT_TZ,
) -> PlatformItem:
    """A dispute as the chargeback it costs (zero once won by the merchant)."""
    invoice = invoices.get(dispute.invoice)
    if invoice is None:
        raise _missing("dispute", dispute.id, "invoice", f"invoice {dispute.invoice!r}")
    customer = customers.get(invoice.customer)
    line = invoice.plan_line
    return PlatformItem(
        provider=PROVIDER,
        external_id=dispute.id,
        kind=ItemKind.CHARGEBACK,
        amount=Money.from_minor(-dispute.charged_back, invoice.currency),
        occurred_at=dispute.created.astimezone(tz),
        customer_id=invoice.customer,
        customer_name=customer.name if customer else None,
        invoice_ref=invoice.handle,
        plan=invoice.plan,
        # the card payment disputed: the acquirer debits the chargeback against its reference
        references=invoice.acquirer_references[-1:],
        description=line.ordertext if line else (dispute.reason or ""),
    )


# Invoices Frisbii still waits for: issued and awaiting payment, or retried by its dunning.
OPEN_STATES = ("pending", "dunning")


def open_invoice_to_item(
    invoice: FrisbiiInvoice,
    customers: Mapping[str, FrisbiiCustomer],
    *,
    tz: tzinfo = MERCHANT_TZ,
) -> PlatformItem | None:
    """A pending or dunning invoice as an open item of what is left to pay; None when nothing
    is (or it is in another state)."""
    if invoice.state not in OPEN_STATES:
        return None
    open_minor = invoice.amount - invoice.settled_amount
    if open_minor <= 0:
        return None
    customer = customers.get(invoice.customer)
    line = invoice.plan_line
    try:
        amount = Money.from_minor(open_minor, invoice.currency)
        vat = Money.from_minor(invoice.amount_vat, invoice.currency)
        return PlatformItem(
            provider=PROVIDER,
            external_id=open_invoice_id(invoice.handle),
            kind=ItemKind.INVOICE,
            amount=amount,
            occurred_at=invoice.created.astimezone(tz),
            customer_id=invoice.customer,
            customer_name=customer.name if customer else None,
            invoice_ref=invoice.handle,
            plan=invoice.plan,
            vat_amount=vat if open_minor == invoice.amount else None,
            references=tuple(str(n) for n in (invoice.number,) if n is not None),
            description=line.ordertext if line else invoice.state,
        )
    except (MoneyError, ValueError) as exc:
        raise MalformedResponse(
            say("{0}: {1}", f"invoice {invoice.handle}", exc),
            obj=f"invoice {invoice.handle}",
            field="amount",
            system=SYSTEM,
        ) from exc
