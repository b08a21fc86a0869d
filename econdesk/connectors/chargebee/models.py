"""Chargebee (API v2) transactions and customers as documented, checked.

Shapes follow the official clients' type definitions (chargebee/chargebee-node
`types/resources/Transaction.d.ts`, `Customer.d.ts`): list entries are wrapped
(`{"transaction": {...}}`), amounts are integer minor units, times Unix seconds. Chargebee
has no fee or payout field: the gateway's own API (`gateway`, `id_at_gateway`) has those.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from econdesk.connectors.payload import Fields
from econdesk.connectors.platform import display_name
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

SYSTEM = "Chargebee"

TRANSACTION_TYPES = frozenset({"authorization", "payment", "refund", "payment_reversal"})
TRANSACTION_STATUSES = frozenset(
    {"in_progress", "success", "voided", "failure", "timeout", "needs_attention", "late_failure"}
)


def _choices(values: frozenset[str]) -> dict[str, str]:
    return {v: v for v in values}


@dataclass(frozen=True, slots=True)
class LinkedInvoice:
    invoice_id: str
    applied_amount: int

    @classmethod
    def parse(cls, f: Fields) -> LinkedInvoice:
        return cls(invoice_id=f.id("invoice_id"), applied_amount=f.integer("applied_amount"))


@dataclass(frozen=True, slots=True)
class LinkedCreditNote:
    cn_id: str
    applied_amount: int
    reason_code: str | None  # e.g. "chargeback"
    reference_invoice_id: str | None

    @classmethod
    def parse(cls, f: Fields) -> LinkedCreditNote:
        return cls(
            cn_id=f.id("cn_id"),
            applied_amount=f.integer("applied_amount"),
            reason_code=f.opt_text("cn_reason_code"),
            reference_invoice_id=f.opt_text("cn_reference_invoice_id"),
        )


@dataclass(frozen=True, slots=True)
class ChargebeeTransaction:
    id: str
    customer_id: str | None
    subscription_id: str | None
    type: str
    status: str
    date: datetime
    amount: int
    currency: str
    payment_method: str
    gateway: str
    id_at_gateway: str | None
    reference_number: str | None
    refunded_txn_id: str | None
    reversal_transaction_id: str | None
    linked_invoices: tuple[LinkedInvoice, ...]
    linked_credit_notes: tuple[LinkedCreditNote, ...]
    updated_at: datetime | None
    deleted: bool

    @classmethod
    def parse(cls, f: Fields) -> ChargebeeTransaction:
        amount = f.integer("amount")
        if amount < 0:
            raise f.fail(
                "amount", say(QT_TRANSLATE_NOOP("CLI", "must not be negative, got {0}"), amount)
            )
        return cls(
            id=f.id(),
            customer_id=f.opt_text("customer_id"),
            subscription_id=f.opt_text("subscription_id"),
            type=f.enum("type", _choices(TRANSACTION_TYPES)),
            status=f.enum("status", _choices(TRANSACTION_STATUSES)),
            date=f.unix("date"),
            amount=amount,
            currency=f.currency("currency_code"),
            payment_method=f.text("payment_method"),
            gateway=f.text("gateway"),
            id_at_gateway=f.opt_text("id_at_gateway"),
            reference_number=f.opt_text("reference_number"),
            refunded_txn_id=f.opt_text("refunded_txn_id"),
            reversal_transaction_id=f.opt_text("reversal_transaction_id"),
            linked_invoices=tuple(LinkedInvoice.parse(x) for x in f.objs("linked_invoices")),
            linked_credit_notes=tuple(
                LinkedCreditNote.parse(x) for x in f.objs("linked_credit_notes")
            ),
            updated_at=f.opt_unix("updated_at"),
            deleted=f.opt_flag("deleted", False),
        )

    @property
    def invoice_id(self) -> str | None:
        """The invoice a payment paid, or the invoice a refund's credit note refers to."""
        if self.linked_invoices:
            return self.linked_invoices[0].invoice_id
        return next(
            (c.reference_invoice_id for c in self.linked_credit_notes if c.reference_invoice_id),
            None,
        )


@dataclass(frozen=True, slots=True)
class ChargebeeCustomer:
    id: str
    first_name: str | None
    last_name: str | None
    company: str | None

    @classmethod
    def parse(cls, f: Fields) -> ChargebeeCustomer:
        return cls(
            id=f.id(),
            first_name=f.opt_text("first_name"),
            last_name=f.opt_text("last_name"),
            company=f.opt_text("company"),
        )

    @property
    def name(self) -> str | None:
        return display_name(self.company, self.first_name, self.last_name)


@dataclass(frozen=True, slots=True)
class LineItem:
    entity_type: str | None  # "plan_item_price", "addon_item_price", "charge_item_price", ...
    entity_id: str | None  # the item price, e.g. the plan's price id
    description: str
    amount: int
    tax_rate: Decimal | None  # percent, e.g. 25.0
    id: str | None = None
    tax_exempt_reason: str | None = None  # e.g. "reverse_charge", "export", "zero_rated"

    @classmethod
    def parse(cls, f: Fields) -> LineItem:
        return cls(
            entity_type=f.opt_text("entity_type"),
            entity_id=f.opt_text("entity_id"),
            description=f.text("description"),
            amount=f.integer("amount"),
            tax_rate=f.decimal("tax_rate") if f.has("tax_rate") else None,
            id=f.opt_text("id"),
            tax_exempt_reason=f.opt_text("tax_exempt_reason"),
        )


@dataclass(frozen=True, slots=True)
class LineItemTax:
    """A tax on one line (`line_item_taxes[]`): the jurisdiction says whose tax it is."""

    line_item_id: str | None
    tax_juris_type: str | None  # "country", "federal", "state", ...
    tax_juris_code: str | None  # for "country": ISO 3166 alpha-2

    @classmethod
    def parse(cls, f: Fields) -> LineItemTax:
        return cls(
            line_item_id=f.opt_text("line_item_id"),
            tax_juris_type=f.opt_text("tax_juris_type"),
            tax_juris_code=f.opt_text("tax_juris_code"),
        )


@dataclass(frozen=True, slots=True)
class ChargebeeInvoice:
    id: str  # Chargebee's invoice id is its number
    customer_id: str
    status: str
    total: int
    tax: int
    currency: str
    line_items: tuple[LineItem, ...]
    line_item_taxes: tuple[LineItemTax, ...] = ()
    vat_number: str | None = None  # the customer's VAT number on the invoice
    amount_due: int | None = None  # what is left to pay
    date: datetime | None = None  # when it was issued

    @classmethod
    def parse(cls, f: Fields) -> ChargebeeInvoice:
        return cls(
            id=f.id(),
            customer_id=f.id("customer_id"),
            status=f.text("status"),
            total=f.integer("total"),
            tax=f.integer("tax"),
            currency=f.currency("currency_code"),
            line_items=tuple(LineItem.parse(x) for x in f.objs("line_items")),
            line_item_taxes=tuple(LineItemTax.parse(x) for x in f.objs("line_item_taxes")),
            vat_number=f.opt_text("vat_number"),
            amount_due=f.opt_integer("amount_due"),
            date=f.opt_unix("date"),
        )

    def tax_country(self, line: LineItem) -> str | None:
        """The country whose tax the line bears, from its country-level tax, if stated."""
        return next(
            (
                t.tax_juris_code
                for t in self.line_item_taxes
                if t.tax_juris_type == "country" and t.line_item_id in (None, line.id)
            ),
            None,
        )

    @property
    def plan_line(self) -> LineItem | None:
        lines = self.line_items
        return next(
            (x for x in lines if x.entity_type == "plan_item_price"), lines[0] if lines else None
        )
