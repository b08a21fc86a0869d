"""Frisbii (formerly Reepay) billing objects as the API documents them, checked.

JSON names follow the generated clients' attribute maps (waitlyapp/frisbii-php-api
`lib/Model/*.php`, hryvinskyi/reepay-api `docs/Model/*.md`): snake_case keys, amounts in
integer minor units, times ISO-8601 with an offset. The billing API has no fee field and no
merchant settlement: the acquirer's settlement (Clearhaus) joins on `acquirer_reference`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from econdesk.connectors.payload import Fields
from econdesk.connectors.platform import display_name
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

SYSTEM = "Frisbii"

TRANSACTION_STATES = frozenset(
    {"pending", "processing", "authorized", "settled", "refunded", "failed", "cancelled"}
)
TRANSACTION_TYPES = frozenset({"settle", "refund", "authorization"})
INVOICE_STATES = frozenset(
    {"created", "pending", "dunning", "settled", "cancelled", "authorized", "failed"}
)
INVOICE_TYPES = frozenset({"s", "so", "soi", "co", "ch"})
DISPUTE_STATES = frozenset({"open", "waiting_for_response", "under_review", "resolved", "other"})
DISPUTE_OUTCOMES = frozenset(
    {
        "cancelled_by_customer", "merchant_favor", "customer_favor_refund",
        "customer_favor_chargeback", "provider_payout",
    }
)  # fmt: skip
# The wallet and card flavours that carry a CardTransaction (with the acquirer reference).
CARD_LIKE_DETAILS = (
    "card_transaction",
    "mpo_transaction",
    "applepay_transaction",
    "googlepay_transaction",
    "vipps_transaction",
)


def _choices(values: frozenset[str]) -> dict[str, str]:
    return {v: v for v in values}


@dataclass(frozen=True, slots=True)
class CardDetails:
    """The acquirer side of a card (or card-like wallet) transaction."""

    provider: str | None  # the acquirer or gateway: clearhaus, nets, ...
    acquirer_reference: str | None
    card_type: str | None
    text_on_statement: str | None  # what the cardholder's statement shows

    @classmethod
    def parse(cls, f: Fields) -> CardDetails:
        return cls(
            provider=f.opt_text("provider"),
            acquirer_reference=f.opt_text("acquirer_reference"),
            card_type=f.opt_text("card_type"),
            text_on_statement=f.opt_text("text_on_statement"),
        )


@dataclass(frozen=True, slots=True)
class FrisbiiTransaction:
    id: str
    state: str
    type: str
    invoice: str  # the invoice handle
    amount: int  # positive for both settle and refund
    currency: str | None  # optional in the API: the invoice's currency applies
    created: datetime
    settled: datetime | None
    refunded: datetime | None
    payment_type: str
    card: CardDetails | None
    customer_handle: str | None

    @classmethod
    def parse(cls, f: Fields) -> FrisbiiTransaction:
        amount = f.integer("amount")
        if amount < 0:
            raise f.fail(
                "amount", say(QT_TRANSLATE_NOOP("CLI", "must not be negative, got {0}"), amount)
            )
        card = next((f.obj(k) for k in CARD_LIKE_DETAILS if f.has(k)), None)
        return cls(
            id=f.id(),
            state=f.enum("state", _choices(TRANSACTION_STATES)),
            type=f.enum("type", _choices(TRANSACTION_TYPES)),
            invoice=f.id("invoice"),
            amount=amount,
            currency=f.currency("currency") if f.has("currency") else None,
            created=f.iso("created"),
            settled=f.opt_iso("settled"),
            refunded=f.opt_iso("refunded"),
            payment_type=f.text("payment_type"),
            card=CardDetails.parse(card) if card else None,
            customer_handle=f.opt_text("customer_handle"),
        )

    @property
    def occurred_at(self) -> datetime:
        """When the money moved: settled or refunded, else when it was created."""
        moved = self.refunded if self.type == "refund" else self.settled
        return moved or self.created


@dataclass(frozen=True, slots=True)
class CreditNote:
    id: str
    invoice: str
    transaction: str | None  # the refund transaction that paid it out
    amount: int
    amount_vat: int
    currency: str
    accounting_number: str | None

    @classmethod
    def parse(cls, f: Fields) -> CreditNote:
        return cls(
            id=f.id(),
            invoice=f.id("invoice"),
            transaction=f.opt_text("transaction"),
            amount=f.integer("amount"),
            amount_vat=f.integer("amount_vat"),
            currency=f.currency("currency"),
            accounting_number=f.opt_text("accounting_number"),
        )


@dataclass(frozen=True, slots=True)
class OrderLine:
    ordertext: str
    amount: int
    vat: Decimal | None  # the VAT rate as a fraction (0.25)
    origin: str | None  # "plan", "add_on", "ondemand", ...

    @classmethod
    def parse(cls, f: Fields) -> OrderLine:
        return cls(
            ordertext=f.text("ordertext"),
            amount=f.integer("amount"),
            vat=f.decimal("vat") if f.has("vat") else None,
            origin=f.opt_text("origin"),
        )


@dataclass(frozen=True, slots=True)
class FrisbiiInvoice:
    id: str
    handle: str
    customer: str
    state: str
    type: str
    amount: int
    amount_vat: int
    currency: str
    created: datetime
    settled: datetime | None
    number: int | None
    accounting_number: str | None
    plan: str | None
    subscription: str | None
    order_lines: tuple[OrderLine, ...]
    transactions: tuple[FrisbiiTransaction, ...]  # the invoice's own, oldest first
    credit_notes: tuple[CreditNote, ...]
    settled_amount: int = 0  # what has been paid of it so far
    due: datetime | None = None

    @classmethod
    def parse(cls, f: Fields) -> FrisbiiInvoice:
        return cls(
            id=f.id(),
            handle=f.id("handle"),
            customer=f.id("customer"),
            state=f.enum("state", _choices(INVOICE_STATES)),
            type=f.enum("type", _choices(INVOICE_TYPES)),
            amount=f.integer("amount"),
            amount_vat=f.integer("amount_vat"),
            currency=f.currency("currency"),
            created=f.iso("created"),
            settled=f.opt_iso("settled"),
            number=f.opt_integer("number"),
            accounting_number=f.opt_text("accounting_number"),
            plan=f.opt_text("plan"),
            subscription=f.opt_text("subscription"),
            order_lines=tuple(OrderLine.parse(o) for o in f.objs("order_lines")),
            transactions=tuple(FrisbiiTransaction.parse(t) for t in f.objs("transactions")),
            credit_notes=tuple(CreditNote.parse(c) for c in f.objs("credit_notes")),
            settled_amount=f.opt_integer("settled_amount") or 0,
            due=f.opt_iso("due"),
        )

    @property
    def plan_line(self) -> OrderLine | None:
        """The order line the plan created, else the first line."""
        lines = self.order_lines
        return next((o for o in lines if o.origin == "plan"), lines[0] if lines else None)

    @property
    def acquirer_references(self) -> tuple[str, ...]:
        """The acquirer's references of the card payments that settled this invoice."""
        return tuple(
            t.card.acquirer_reference
            for t in self.transactions
            if t.type == "settle" and t.state == "settled" and t.card and t.card.acquirer_reference
        )

    def credit_note_for(self, transaction_id: str) -> CreditNote | None:
        return next((c for c in self.credit_notes if c.transaction == transaction_id), None)


@dataclass(frozen=True, slots=True)
class FrisbiiCustomer:
    handle: str
    first_name: str | None
    last_name: str | None
    company: str | None
    country: str | None = None  # ISO 3166-1 alpha-2
    vat: str | None = None  # the customer's VAT number

    @classmethod
    def parse(cls, f: Fields) -> FrisbiiCustomer:
        return cls(
            handle=f.id("handle"),
            first_name=f.opt_text("first_name"),
            last_name=f.opt_text("last_name"),
            company=f.opt_text("company"),
            country=f.opt_text("country"),
            vat=f.opt_text("vat"),
        )

    @property
    def name(self) -> str | None:
        return display_name(self.company, self.first_name, self.last_name)


@dataclass(frozen=True, slots=True)
class FrisbiiDispute:
    id: str
    state: str
    amount: int
    invoice: str
    reason: str | None
    created: datetime
    resolved: datetime | None
    outcome: str | None
    outcome_amount: int | None

    @classmethod
    def parse(cls, f: Fields) -> FrisbiiDispute:
        outcome = f.enum("outcome", _choices(DISPUTE_OUTCOMES)) if f.has("outcome") else None
        return cls(
            id=f.id(),
            state=f.enum("state", _choices(DISPUTE_STATES)),
            amount=f.integer("amount"),
            invoice=f.id("invoice"),
            reason=f.opt_text("reason"),
            created=f.iso("created"),
            resolved=f.opt_iso("resolved"),
            outcome=outcome,
            outcome_amount=f.opt_integer("outcome_amount"),
        )

    @property
    def charged_back(self) -> int:
        """What the merchant lost: nothing when the dispute went the merchant's way, the
        outcome amount once resolved against them, else (still open) the disputed amount."""
        if self.outcome in ("merchant_favor", "cancelled_by_customer"):
            return 0
        if self.state == "resolved" and self.outcome_amount is not None:
            return self.outcome_amount
        return self.amount
