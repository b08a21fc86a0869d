"""Stripe's objects as its API documents them (the parts reconciliation needs), checked.

Shapes follow the API reference and the published fixtures (stripe/openapi fixtures3.json):
amounts are integer minor units, currencies lower-case ISO codes, times Unix seconds. The
connector pins `Stripe-Version` (see client.py) so that a charge still names its `invoice`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from econdesk.connectors.payload import Fields
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

SYSTEM = "Stripe"
# The API version the connector asks for and the sandbox plays (charges still carry `invoice`).
STRIPE_VERSION = "2024-06-20"

# Every balance-transaction `type` the API reference lists; anything else is refused, so a
# new kind of money movement is noticed instead of being booked as something it is not.
BALANCE_TRANSACTION_TYPES: frozenset[str] = frozenset(
    {
        "adjustment", "advance", "advance_funding", "anticipation_repayment",
        "application_fee", "application_fee_refund", "charge", "climate_order_purchase",
        "climate_order_refund", "connect_collection_transfer", "contribution",
        "issuing_authorization_hold", "issuing_authorization_release", "issuing_dispute",
        "issuing_transaction", "obligation_outbound", "obligation_reversal_inbound", "payment",
        "payment_failure_refund", "payment_network_reserve_hold",
        "payment_network_reserve_release", "payment_refund", "payment_reversal",
        "payment_unreconciled", "payout", "payout_cancel", "payout_failure",
        "payout_minimum_balance_hold", "payout_minimum_balance_release", "refund",
        "refund_failure", "reserve_transaction", "reserved_funds", "stripe_fee", "stripe_fx_fee",
        "tax_fee", "topup", "topup_reversal", "transfer", "transfer_cancel", "transfer_failure",
        "transfer_refund",
    }
)  # fmt: skip
FEE_DETAIL_TYPES = frozenset(
    {"application_fee", "payment_method_passthrough_fee", "stripe_fee", "tax"}
)
BALANCE_TRANSACTION_STATUSES = frozenset({"available", "pending"})
PAYOUT_STATUSES = frozenset({"paid", "pending", "in_transit", "canceled", "failed"})
CHARGE_STATUSES = frozenset({"succeeded", "pending", "failed"})
REFUND_STATUSES = frozenset({"pending", "requires_action", "succeeded", "failed", "canceled"})
DISPUTE_STATUSES = frozenset(
    {
        "warning_needs_response", "warning_under_review", "warning_closed", "needs_response",
        "under_review", "won", "lost", "prevented",
    }
)  # fmt: skip


def _choices(values: frozenset[str]) -> dict[str, str]:
    return {v: v for v in values}


@dataclass(frozen=True, slots=True)
class FeeDetail:
    amount: int
    currency: str
    type: str
    description: str | None

    @classmethod
    def parse(cls, f: Fields) -> FeeDetail:
        return cls(
            amount=f.integer("amount"),
            currency=f.currency("currency"),
            type=f.enum("type", _choices(FEE_DETAIL_TYPES)),
            description=f.opt_text("description"),
        )


@dataclass(frozen=True, slots=True)
class Charge:
    id: str
    amount: int
    currency: str
    created: datetime
    status: str
    customer: str | None
    billing_name: str | None
    invoice: str | None
    description: str | None
    payment_intent: str | None
    metadata: dict[str, str]

    @classmethod
    def parse(cls, f: Fields) -> Charge:
        billing = f.opt_obj("billing_details")
        return cls(
            id=f.id(),
            amount=f.integer("amount"),
            currency=f.currency("currency"),
            created=f.unix("created"),
            status=f.enum("status", _choices(CHARGE_STATUSES)),
            customer=_expandable_id(f, "customer"),
            billing_name=billing.opt_text("name") if billing else None,
            invoice=_expandable_id(f, "invoice"),
            description=f.opt_text("description"),
            payment_intent=_expandable_id(f, "payment_intent"),
            metadata=f.map_str("metadata"),
        )


@dataclass(frozen=True, slots=True)
class Refund:
    id: str
    amount: int
    currency: str
    created: datetime
    status: str
    charge: str | None
    reason: str | None

    @classmethod
    def parse(cls, f: Fields) -> Refund:
        return cls(
            id=f.id(),
            amount=f.integer("amount"),
            currency=f.currency("currency"),
            created=f.unix("created"),
            status=f.enum("status", _choices(REFUND_STATUSES)),
            charge=_expandable_id(f, "charge"),
            reason=f.opt_text("reason"),
        )


@dataclass(frozen=True, slots=True)
class Dispute:
    id: str
    amount: int
    currency: str
    created: datetime
    status: str
    charge: str
    reason: str | None

    @classmethod
    def parse(cls, f: Fields) -> Dispute:
        charge = _expandable_id(f, "charge")
        if charge is None:
            raise f.fail("charge", say(QT_TRANSLATE_NOOP("CLI", "is missing")))
        return cls(
            id=f.id(),
            amount=f.integer("amount"),
            currency=f.currency("currency"),
            created=f.unix("created"),
            status=f.enum("status", _choices(DISPUTE_STATUSES)),
            charge=charge,
            reason=f.opt_text("reason"),
        )


Source = Charge | Refund | Dispute


@dataclass(frozen=True, slots=True)
class StripeInvoice:
    """The invoice a charge paid: its number (what the customer and the books see), the
    plan (the first line's price, whose id is the plan's id) and the VAT applied: the first
    line's tax rate (else the invoice's default), the rate's country, and reverse charge
    (`customer_tax_exempt` "reverse", or a tax amount whose `taxability_reason` is
    "reverse_charge") with the buyer's EU VAT number from `customer_tax_ids`."""

    id: str
    number: str | None
    customer: str | None
    currency: str
    total: int
    plan: str | None
    plan_name: str | None
    vat_percent: Decimal | None
    vat_country: str | None = None
    reverse_charge: bool = False
    buyer_vat_number: str | None = None

    @classmethod
    def parse(cls, f: Fields) -> StripeInvoice:
        lines = f.obj("lines")
        first = next(lines.objs("data"), None)
        price = first.opt_obj("price") if first else None
        rates = list(first.objs("tax_rates")) if first else []
        if not rates:
            rates = list(f.objs("default_tax_rates"))
        rate = rates[0] if rates else None
        amounts = [*f.objs("total_tax_amounts"), *(first.objs("tax_amounts") if first else ())]
        reasons = {a.opt_text("taxability_reason") for a in amounts}
        tax_ids = [t for t in f.objs("customer_tax_ids") if t.opt_text("type") == "eu_vat"]
        return cls(
            id=f.id(),
            number=f.opt_text("number"),
            customer=_expandable_id(f, "customer"),
            currency=f.currency("currency"),
            total=f.integer("total"),
            plan=price.id() if price else None,
            plan_name=price.opt_text("nickname") if price else None,
            vat_percent=rate.decimal("percentage") if rate else None,
            vat_country=rate.opt_text("country") if rate else None,
            reverse_charge=f.opt_text("customer_tax_exempt") == "reverse"
            or "reverse_charge" in reasons,
            buyer_vat_number=tax_ids[0].opt_text("value") if tax_ids else None,
        )


@dataclass(frozen=True, slots=True)
class BalanceTransaction:
    id: str
    amount: int  # gross, signed: positive into the balance
    fee: int
    net: int
    currency: str
    created: datetime
    available_on: datetime
    type: str
    reporting_category: str
    status: str
    description: str | None
    source_id: str | None
    source: Source | None  # present when the list was asked to expand data.source
    fee_details: tuple[FeeDetail, ...]

    @classmethod
    def parse(cls, f: Fields) -> BalanceTransaction:
        amount, fee, net = f.integer("amount"), f.integer("fee"), f.integer("net")
        if amount - fee != net:
            raise f.fail(
                "net",
                say(
                    QT_TRANSLATE_NOOP("CLI", "is {0}, but amount {1} less fee {2} is {3}"),
                    net,
                    amount,
                    fee,
                    amount - fee,
                ),
            )
        source_id, source = _source(f)
        return cls(
            id=f.id(),
            amount=amount,
            fee=fee,
            net=net,
            currency=f.currency("currency"),
            created=f.unix("created"),
            available_on=f.unix("available_on"),
            type=f.enum("type", _choices(BALANCE_TRANSACTION_TYPES)),
            reporting_category=f.text("reporting_category"),
            status=f.enum("status", _choices(BALANCE_TRANSACTION_STATUSES)),
            description=f.opt_text("description"),
            source_id=source_id,
            source=source,
            fee_details=tuple(FeeDetail.parse(d) for d in f.objs("fee_details")),
        )


@dataclass(frozen=True, slots=True)
class StripePayout:
    id: str
    amount: int
    currency: str
    arrival_date: datetime
    created: datetime
    status: str
    automatic: bool
    balance_transaction: str | None
    statement_descriptor: str | None
    description: str | None
    method: str | None

    @classmethod
    def parse(cls, f: Fields) -> StripePayout:
        return cls(
            id=f.id(),
            amount=f.integer("amount"),
            currency=f.currency("currency"),
            arrival_date=f.unix("arrival_date"),
            created=f.unix("created"),
            status=f.enum("status", _choices(PAYOUT_STATUSES)),
            automatic=f.flag("automatic"),
            balance_transaction=_expandable_id(f, "balance_transaction"),
            statement_descriptor=f.opt_text("statement_descriptor"),
            description=f.opt_text("description"),
            method=f.opt_text("method"),
        )


def _expandable_id(f: Fields, key: str) -> str | None:
    """An expandable field: either the id string, an expanded object with an id, or null."""
    value = f.raw(key, None)
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return f.obj(key).id()


def _source(f: Fields) -> tuple[str | None, Source | None]:
    """`source` as an id, or expanded (`expand[]=data.source`); errors name the balance
    transaction and the path inside it (`source.amount`)."""
    value = f.raw("source", None)
    if value is None or isinstance(value, str):
        return value, None
    nested = f.obj("source")
    kind = nested.text("object")
    parsers: dict[str, Callable[[Fields], Source]] = {
        "charge": Charge.parse,
        "refund": Refund.parse,
        "dispute": Dispute.parse,
    }
    parse = parsers.get(kind)
    if parse is None:  # a payout, transfer, ...: the id is all reconciliation needs
        return nested.id(), None
    parsed: Source = parse(nested)
    return parsed.id, parsed
