"""Stripe balance transactions and payouts as econdesk's PlatformItem and Payout.

A balance transaction is the unit of money on Stripe: `amount` is the gross (signed, positive
into the balance), `fee` what Stripe kept and `net` what reaches the payout. So an item is one
balance transaction `stripe:txn_…`; its customer and invoice come from the charge behind it
(directly for a charge, through `refund.charge` / `dispute.charge` otherwise).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import tzinfo

from econdesk.connectors.errors import MalformedResponse
from econdesk.connectors.platform import MERCHANT_TZ, vat_inside
from econdesk.connectors.stripe.models import (
    SYSTEM,
    BalanceTransaction,
    Charge,
    Dispute,
    Refund,
    StripeInvoice,
    StripePayout,
)
from econdesk.connectors.vat_facts import sale_facts
from econdesk.domain.model import ItemKind, Payout, PayoutKind, PlatformItem, make_ref
from econdesk.domain.money import Money, MoneyError, money_sum
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

PROVIDER = "stripe"

_PAYMENT_TYPES = frozenset({"charge", "payment"})
_REFUND_TYPES = frozenset({"refund", "payment_refund"})
_FEE_TYPES = frozenset({"stripe_fee", "stripe_fx_fee", "tax_fee"})
# The payout's own debit of the balance: it is the payout, not one of its components.
_PAYOUT_SELF_TYPES = frozenset({"payout"})


_VAT_KINDS = frozenset({ItemKind.PAYMENT, ItemKind.REFUND})


def _description(
    bt: BalanceTransaction, charge: Charge | None, invoice: StripeInvoice | None
) -> str:
    """What was sold (the plan's name) when known, else what Stripe wrote on the line."""
    if invoice and invoice.plan_name:
        return invoice.plan_name
    return (charge.description if charge else None) or bt.description or ""


def item_kind(bt: BalanceTransaction) -> ItemKind | None:
    """What a balance transaction is to a bookkeeper; None for the payout's own line."""
    if bt.type in _PAYOUT_SELF_TYPES:
        return None
    if bt.type in _PAYMENT_TYPES:
        return ItemKind.PAYMENT
    if bt.type in _REFUND_TYPES:
        return ItemKind.REFUND
    # Disputes are `adjustment`s; reporting_category tells the debit from its reversal.
    if bt.type == "adjustment" and bt.reporting_category == "dispute" and bt.amount < 0:
        return ItemKind.CHARGEBACK
    # A won dispute: the funds come back as a positive chargeback, booked where the
    # dispute's debit went (https://docs.stripe.com/reports/reporting-categories).
    if bt.type == "adjustment" and bt.reporting_category == "dispute_reversal" and bt.amount > 0:
        return ItemKind.CHARGEBACK
    if bt.type in _FEE_TYPES and bt.amount < 0:
        return ItemKind.FEE
    return ItemKind.ADJUSTMENT


def charge_of(bt: BalanceTransaction, charges: Mapping[str, Charge]) -> Charge | None:
    """The charge behind a balance transaction, from its expanded source or `charges`."""
    source = bt.source
    if isinstance(source, Charge):
        return source
    if isinstance(source, (Refund, Dispute)) and source.charge:
        return charges.get(source.charge)
    return None


def charge_ids_needed(bt: BalanceTransaction) -> str | None:
    """The charge id a refund's or dispute's customer must be looked up through."""
    if isinstance(bt.source, (Refund, Dispute)):
        return bt.source.charge
    return None


def payout_ref(payout_id: str) -> str:
    return make_ref(PROVIDER, payout_id)


def to_item(
    bt: BalanceTransaction,
    *,
    charges: Mapping[str, Charge] | None = None,
    invoices: Mapping[str, StripeInvoice] | None = None,
    payout_id: str | None = None,
    tz: tzinfo = MERCHANT_TZ,
) -> PlatformItem | None:
    """The PlatformItem for `bt`, or None when `bt` is a payout's own balance line.

    The invoice (when the charge paid one) gives the invoice number, the plan and the VAT
    rate; the VAT of a payment or refund is the VAT contained in its amount at that rate.
    """
    kind = item_kind(bt)
    if kind is None:
        return None
    charge = charge_of(bt, charges or {})
    invoice = (invoices or {}).get(charge.invoice) if charge and charge.invoice else None
    references = tuple(r for r in (bt.source_id, charge.id if charge else None) if r)
    try:
        amount = Money.from_minor(bt.amount, bt.currency)
        fee: Money | None = Money.from_minor(bt.fee, bt.currency)
        if bt.fee < 0 and kind not in (ItemKind.REFUND, ItemKind.CHARGEBACK):
            # Fees returned on a line that cannot carry them: fold them into the amount.
            amount, fee = Money.from_minor(bt.net, bt.currency), None
        vat = facts = None
        if invoice and kind in _VAT_KINDS:
            facts = sale_facts(
                invoice.vat_percent,
                country=invoice.vat_country,
                reverse_charge=invoice.reverse_charge,
                buyer_vat_number=invoice.buyer_vat_number,
            )
            if invoice.vat_percent is not None:
                vat = vat_inside(amount, invoice.vat_percent)
        return PlatformItem(
            provider=PROVIDER,
            external_id=bt.id,
            kind=kind,
            amount=amount,
            occurred_at=bt.created.astimezone(tz),
            fee=fee,
            customer_id=charge.customer if charge else None,
            customer_name=charge.billing_name if charge else None,
            invoice_ref=(invoice.number if invoice else None)
            or (charge.invoice if charge else None),
            payout_ref=payout_ref(payout_id) if payout_id else None,
            plan=invoice.plan if invoice else None,
            vat_amount=vat,
            references=tuple(dict.fromkeys(references)),
            description=_description(bt, charge, invoice),
            vat=facts,
        )
    except (MoneyError, ValueError) as exc:
        raise MalformedResponse(
            say("{0}: {1}", f"balance_transaction {bt.id}", exc),
            obj=f"balance_transaction {bt.id}",
            field="amount",
            system=SYSTEM,
        ) from exc


def to_payout(
    payout: StripePayout,
    components: Sequence[PlatformItem] | None,
    *,
    tz: tzinfo = MERCHANT_TZ,
) -> Payout:
    """The Payout; `components` None means Stripe cannot break it down (manual payouts)."""
    amount = Money.from_minor(payout.amount, payout.currency)
    parts = tuple(components or ())
    has_breakdown = payout.automatic and components is not None
    for part in parts:
        if part.currency != payout.currency:
            raise MalformedResponse(
                say(
                    QT_TRANSLATE_NOOP(
                        "CLI", "payout {0}: component {1} is in {2}, the payout in {3}"
                    ),
                    payout.id,
                    part.external_id,
                    part.currency,
                    payout.currency,
                ),
                obj=f"payout {payout.id}",
                field="currency",
                system=SYSTEM,
            )
    # As acquirers report a settlement: gross is the sales; refunds, chargebacks and fees are
    # what was taken off them (amount = gross - refunds - chargebacks - fees).
    sales = (p.amount for p in parts if p.kind is ItemKind.PAYMENT)
    return Payout(
        provider=PROVIDER,
        external_id=payout.id,
        kind=PayoutKind.PAYOUT,
        amount=amount,
        arrival_date=payout.arrival_date.astimezone(tz).date(),
        created_at=payout.created.astimezone(tz),
        status=payout.status,
        statement_descriptor=payout.statement_descriptor,
        gross=money_sum(sales, payout.currency) if has_breakdown else None,
        fees=money_sum((p.fee_or_zero for p in parts), payout.currency) if has_breakdown else None,
        component_refs=tuple(p.ref for p in parts),
        has_breakdown=has_breakdown,
    )
