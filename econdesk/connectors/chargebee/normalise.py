"""Chargebee transactions as econdesk's PlatformItem.

`payment` is a payment; `refund` a refund, unless Chargebee made it for a chargeback
(`payment_method` "chargeback"); `payment_reversal` (a payment the gateway took back) is a
chargeback too. Only successful transactions moved money. The gateway's id (`id_at_gateway`,
e.g. a Stripe `ch_…`) is kept as a reference: the deposit is the gateway's payout.
An invoice with payment due (or not paid) is an open item `chargebee:invoice-<id>` of its
`amount_due` (domain/invoices.py), for a transfer that pays it outside Chargebee.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import tzinfo

from econdesk.connectors.chargebee.models import (
    SYSTEM,
    ChargebeeCustomer,
    ChargebeeInvoice,
    ChargebeeTransaction,
)
from econdesk.connectors.errors import MalformedResponse
from econdesk.connectors.platform import MERCHANT_TZ, vat_inside
from econdesk.connectors.vat_facts import sale_facts
from econdesk.domain.invoices import open_invoice_id
from econdesk.domain.model import ItemKind, PlatformItem
from econdesk.domain.money import Money, MoneyError
from econdesk.i18n.message import say

PROVIDER = "chargebee"
ITEM_TYPES = frozenset({"payment", "refund", "payment_reversal"})


def item_kind(tx: ChargebeeTransaction) -> ItemKind | None:
    if tx.status != "success" or tx.deleted or tx.type not in ITEM_TYPES:
        return None
    if tx.type == "payment":
        return ItemKind.PAYMENT
    if tx.type == "payment_reversal" or tx.payment_method == "chargeback":
        return ItemKind.CHARGEBACK
    return ItemKind.REFUND


def to_item(
    tx: ChargebeeTransaction,
    customers: Mapping[str, ChargebeeCustomer],
    invoices: Mapping[str, ChargebeeInvoice] | None = None,
    *,
    tz: tzinfo = MERCHANT_TZ,
) -> PlatformItem | None:
    """The item for a successful payment, refund or chargeback; the invoice it paid (or the
    credit note's invoice) gives the plan, its name and the VAT rate."""
    kind = item_kind(tx)
    if kind is None:
        return None
    customer = customers.get(tx.customer_id) if tx.customer_id else None
    invoice = (invoices or {}).get(tx.invoice_id) if tx.invoice_id else None
    line = invoice.plan_line if invoice else None
    signed = tx.amount if kind is ItemKind.PAYMENT else -tx.amount
    references = tuple(r for r in (tx.id_at_gateway, tx.reference_number) if r)
    try:
        amount = Money.from_minor(signed, tx.currency)
        vat = facts = None
        if invoice and line and kind is not ItemKind.CHARGEBACK:
            facts = sale_facts(
                line.tax_rate,
                country=invoice.tax_country(line),
                reverse_charge=line.tax_exempt_reason == "reverse_charge",
                buyer_vat_number=invoice.vat_number,
            )
            if line.tax_rate is not None:
                vat = vat_inside(amount, line.tax_rate)
        return PlatformItem(
            provider=PROVIDER,
            external_id=tx.id,
            kind=kind,
            amount=amount,
            occurred_at=tx.date.astimezone(tz),
            customer_id=tx.customer_id,
            customer_name=customer.name if customer else None,
            invoice_ref=tx.invoice_id,
            plan=line.entity_id if line else None,
            vat_amount=vat,
            references=tuple(dict.fromkeys(references)),
            description=line.description if line else f"{tx.gateway} {tx.payment_method}",
            vat=facts,
        )
    except (MoneyError, ValueError) as exc:
        raise MalformedResponse(
            say("{0}: {1}", f"transaction {tx.id}", exc),
            obj=f"transaction {tx.id}",
            field="amount",
            system=SYSTEM,
        ) from exc


# Invoices Chargebee still waits for: due, or past due with collection given up.
OPEN_STATUSES = ("payment_due", "not_paid")


def open_invoice_to_item(
    invoice: ChargebeeInvoice,
    customers: Mapping[str, ChargebeeCustomer],
    *,
    tz: tzinfo = MERCHANT_TZ,
) -> PlatformItem | None:
    """An invoice with payment due as an open item of its `amount_due`; None for others."""
    if invoice.status not in OPEN_STATUSES or invoice.date is None:
        return None
    due = invoice.total if invoice.amount_due is None else invoice.amount_due
    if due <= 0:
        return None
    customer = customers.get(invoice.customer_id)
    line = invoice.plan_line
    try:
        amount = Money.from_minor(due, invoice.currency)
        return PlatformItem(
            provider=PROVIDER,
            external_id=open_invoice_id(invoice.id),
            kind=ItemKind.INVOICE,
            amount=amount,
            occurred_at=invoice.date.astimezone(tz),
            customer_id=invoice.customer_id,
            customer_name=customer.name if customer else None,
            invoice_ref=invoice.id,
            plan=line.entity_id if line else None,
            vat_amount=Money.from_minor(invoice.tax, invoice.currency)
            if due == invoice.total
            else None,
            description=line.description if line else invoice.status,
        )
    except (MoneyError, ValueError) as exc:
        raise MalformedResponse(
            say("{0}: {1}", f"invoice {invoice.id}", exc),
            obj=f"invoice {invoice.id}",
            field="amount_due",
            system=SYSTEM,
        ) from exc
