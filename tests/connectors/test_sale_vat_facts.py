"""What each platform says about a sale's VAT, in its documented shapes, becomes the item's
SaleVatFacts: the rate, the OSS country, reverse charge with the buyer's VAT number."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from econdesk.connectors.chargebee.models import (
    ChargebeeCustomer,
    ChargebeeInvoice,
    ChargebeeTransaction,
)
from econdesk.connectors.chargebee.normalise import to_item as chargebee_item
from econdesk.connectors.frisbii.models import FrisbiiCustomer, FrisbiiInvoice
from econdesk.connectors.frisbii.normalise import invoice_facts
from econdesk.connectors.payload import Fields
from econdesk.connectors.stripe.models import BalanceTransaction, StripeInvoice
from econdesk.connectors.stripe.normalise import to_item as stripe_item
from econdesk.domain.booking import SaleVatFacts
from tests.connectors.chargebee.test_chargebee_normalise import PAYMENT as CB_PAYMENT
from tests.connectors.frisbii.test_frisbii_normalise import CUSTOMER as FRISBII_CUSTOMER
from tests.connectors.frisbii.test_frisbii_normalise import INVOICE as FRISBII_INVOICE
from tests.connectors.stripe.test_stripe_normalise import BT as STRIPE_BT

# -- Stripe: the invoice's tax rate (percentage, country), customer_tax_exempt,
# total_tax_amounts[].taxability_reason and customer_tax_ids (docs.stripe.com/api/invoices)
STRIPE_INVOICE: dict[str, Any] = {
    "id": "in_1MoqxGLgUG5tbmjcJeILGSau",
    "object": "invoice",
    "number": "A1B2C3D4-0003",
    "customer": "cus_NZbFQAsc0ptasX",
    "currency": "dkk",
    "total": 14900,
    "customer_tax_exempt": "none",
    "customer_tax_ids": [],
    "total_tax_amounts": [
        {"amount": 2980, "inclusive": True, "tax_rate": "txr_1", "taxability_reason": None}
    ],
    "default_tax_rates": [],
    "lines": {
        "object": "list",
        "data": [
            {
                "id": "il_1",
                "object": "line_item",
                "price": {"id": "plus-monthly", "object": "price", "nickname": "Plus"},
                "tax_rates": [
                    {
                        "id": "txr_1",
                        "object": "tax_rate",
                        "percentage": Decimal("25.0"),
                        "country": "DK",
                    }
                ],
            }
        ],
    },
}


def stripe_facts(
    changes: dict[str, Any], rate: dict[str, Any] | None = None
) -> SaleVatFacts | None:
    raw = {**copy.deepcopy(STRIPE_INVOICE), **changes}
    if rate is not None:
        raw["lines"]["data"][0]["tax_rates"] = [{"id": "txr_2", "object": "tax_rate", **rate}]
    invoice = StripeInvoice.parse(Fields("Stripe", "invoice", raw))
    bt = BalanceTransaction.parse(Fields("Stripe", "balance_transaction", STRIPE_BT))
    item = stripe_item(bt, invoices={invoice.id: invoice})
    assert item is not None
    return item.vat


def test_stripe_domestic_oss_and_reverse_charge() -> None:
    assert stripe_facts({}) == SaleVatFacts(Decimal(25))
    assert stripe_facts({}, {"percentage": Decimal("19.0"), "country": "DE"}) == SaleVatFacts(
        Decimal(19), "DE"
    )
    reverse = stripe_facts(
        {
            "customer_tax_exempt": "reverse",
            "customer_tax_ids": [{"type": "eu_vat", "value": "DE123456789"}],
        },
        {"percentage": Decimal("0.0"), "country": "DE"},
    )
    assert reverse == SaleVatFacts(Decimal(0), None, True, "DE123456789")
    # Stripe Tax says it per amount instead: taxability_reason "reverse_charge"
    by_reason = stripe_facts(
        {"total_tax_amounts": [{"amount": 0, "taxability_reason": "reverse_charge"}]},
        {"percentage": Decimal("0.0"), "country": "SE"},
    )
    assert by_reason is not None and by_reason.reverse_charge


def test_stripe_without_a_tax_rate_says_nothing() -> None:
    raw = copy.deepcopy(STRIPE_INVOICE)
    raw["lines"]["data"][0]["tax_rates"] = []
    invoice = StripeInvoice.parse(Fields("Stripe", "invoice", raw))
    bt = BalanceTransaction.parse(Fields("Stripe", "balance_transaction", STRIPE_BT))
    item = stripe_item(bt, invoices={invoice.id: invoice})
    assert item is not None and item.vat is None


# -- Frisbii: order_lines[].vat (a fraction), the customer's country and vat number
def frisbii_facts(vat: Decimal | int, customer: dict[str, Any]) -> SaleVatFacts | None:
    raw = {
        **FRISBII_INVOICE,
        "order_lines": [{"ordertext": "Plus", "amount": 14900, "vat": vat, "origin": "plan"}],
    }
    invoice = FrisbiiInvoice.parse(Fields("Frisbii", "invoice", raw))
    who = FrisbiiCustomer.parse(
        Fields("Frisbii", "customer", {**FRISBII_CUSTOMER, **customer}, id_field="handle")
    )
    return invoice_facts(invoice, who)


def test_frisbii_domestic_oss_and_reverse_charge() -> None:
    assert frisbii_facts(Decimal("0.25"), {"country": "DK"}) == SaleVatFacts(Decimal(25))
    # a consumer abroad below the OSS threshold pays Danish VAT: still domestic
    assert frisbii_facts(Decimal("0.25"), {"country": "DE"}) == SaleVatFacts(Decimal(25))
    assert frisbii_facts(Decimal("0.19"), {"country": "de"}) == SaleVatFacts(Decimal(19), "DE")
    reverse = frisbii_facts(0, {"country": "SE", "vat": "SE556677889901", "company": "AB"})
    assert reverse == SaleVatFacts(Decimal(0), None, True, "SE556677889901")


# -- Chargebee: line_items[].tax_rate and tax_exempt_reason, line_item_taxes[] jurisdiction,
# the invoice's vat_number (apidocs.chargebee.com/docs/api/invoices)
def chargebee_facts(line: dict[str, Any], invoice: dict[str, Any]) -> SaleVatFacts | None:
    raw = {
        "id": "DE20257214",
        "customer_id": CB_PAYMENT["customer_id"],
        "status": "paid",
        "total": 15339,
        "tax": 0,
        "currency_code": "EUR",
        "line_items": [
            {
                "id": "li_1",
                "entity_type": "plan_item_price",
                "entity_id": "pro-EUR-monthly",
                "description": "Pro",
                "amount": 15339,
                **line,
            }
        ],
        **invoice,
    }
    parsed = ChargebeeInvoice.parse(Fields("Chargebee", "invoice", raw))
    tx = ChargebeeTransaction.parse(Fields("Chargebee", "transaction", CB_PAYMENT))
    customer = ChargebeeCustomer(CB_PAYMENT["customer_id"], "Jens", "Hansen", "Hansen GmbH")
    item = chargebee_item(tx, {customer.id: customer}, {parsed.id: parsed})
    assert item is not None
    return item.vat


def test_chargebee_domestic_oss_and_reverse_charge() -> None:
    assert chargebee_facts({"tax_rate": Decimal("25.0")}, {}) == SaleVatFacts(Decimal(25))
    taxes = {
        "line_item_taxes": [
            {"line_item_id": "li_1", "tax_juris_type": "country", "tax_juris_code": "DE"}
        ]
    }
    assert chargebee_facts({"tax_rate": Decimal("19.0")}, taxes) == SaleVatFacts(Decimal(19), "DE")
    reverse = chargebee_facts(
        {"tax_rate": Decimal("0.0"), "tax_exempt_reason": "reverse_charge"},
        {"vat_number": "DE123456789"},
    )
    assert reverse == SaleVatFacts(Decimal(0), None, True, "DE123456789")
    assert chargebee_facts({}, {}) is None  # no rate, no reason: it says nothing
