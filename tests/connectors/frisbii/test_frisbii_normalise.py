"""Frisbii's documented objects -> PlatformItem, and refusal of malformed ones."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from econdesk.connectors.errors import MalformedResponse
from econdesk.connectors.frisbii.models import (
    FrisbiiCustomer,
    FrisbiiDispute,
    FrisbiiInvoice,
    FrisbiiTransaction,
)
from econdesk.connectors.frisbii.normalise import dispute_to_item, to_item
from econdesk.connectors.payload import Fields
from econdesk.domain.model import ItemKind
from econdesk.domain.money import Money

INVOICE: dict[str, Any] = {
    "id": "8c3d1a3f5e7b4a1c9d2e0f1a2b3c4d5e",
    "handle": "inv-1042",
    "customer": "cust-0007",
    "state": "settled",
    "type": "s",
    "amount": 18625,
    "amount_vat": 3725,
    "amount_ex_vat": 14900,
    "currency": "DKK",
    "created": "2026-03-31T23:40:00.000+02:00",
    "settled": "2026-03-31T23:59:30.000+02:00",
    "number": 1042,
    "plan": "plus-monthly",
    "subscription": "sub-0007",
    "credit_notes": [
        {
            "id": "cn-1",
            "invoice": "inv-1042",
            "transaction": "a1b2c3d4e5f60718293a4b5c6d7e8f90",
            "amount": 18625,
            "amount_vat": 3725,
            "currency": "DKK",
            "credit": 0,
        }
    ],
}
SETTLE: dict[str, Any] = {
    "id": "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
    "state": "settled",
    "invoice": "inv-1042",
    "type": "settle",
    "amount": 18625,
    "currency": "DKK",
    # 23:59:30 local on 31 March is 21:59:30 UTC: the Danish day is still 31 March
    "created": "2026-03-31T23:59:29.000+02:00",
    "settled": "2026-03-31T23:59:30.000+02:00",
    "payment_type": "card",
    "card_transaction": {
        "card_type": "visa_dk",
        "provider": "clearhaus",
        "acquirer_reference": "CH-8a7b6c5d",
        "text_on_statement": "WWW.EKSEMPEL.DK",
    },
}
CUSTOMER = {
    "handle": "cust-0007",
    "email": "mette@example.dk",
    "first_name": "Mette",
    "last_name": "Nielsen",
    "company": None,
}


def parse_tx(raw: dict[str, Any]) -> FrisbiiTransaction:
    return FrisbiiTransaction.parse(Fields("Frisbii", "transaction", raw))


def lookups() -> tuple[dict[str, FrisbiiInvoice], dict[str, FrisbiiCustomer]]:
    invoice = FrisbiiInvoice.parse(Fields("Frisbii", "invoice", INVOICE))
    customer = FrisbiiCustomer.parse(Fields("Frisbii", "customer", CUSTOMER, id_field="handle"))
    return {invoice.handle: invoice}, {customer.handle: customer}


def test_settle_is_a_payment_with_acquirer_reference_vat_and_local_day() -> None:
    invoices, customers = lookups()
    item = to_item(parse_tx(SETTLE), invoices, customers)
    assert item is not None
    assert item.ref == "frisbii:0f1e2d3c4b5a69788796a5b4c3d2e1f0"
    assert item.kind is ItemKind.PAYMENT
    assert item.amount == Money(Decimal("186.25"), "DKK")
    assert item.fee is None and item.payout_ref is None
    assert item.occurred_at.date() == date(2026, 3, 31)
    assert item.references == ("CH-8a7b6c5d",)
    assert item.invoice_ref == "inv-1042"
    assert (item.customer_id, item.customer_name) == ("cust-0007", "Mette Nielsen")
    assert "mette@example.dk" not in repr(item), "the e-mail address is not kept"
    assert item.plan == "plus-monthly"
    assert item.vat_amount == Money(Decimal("37.25"), "DKK")


def test_refund_is_negative_with_its_credit_notes_vat() -> None:
    invoices, customers = lookups()
    refund = {
        **SETTLE,
        "id": "a1b2c3d4e5f60718293a4b5c6d7e8f90",
        "type": "refund",
        "state": "refunded",
        "refunded": "2026-04-02T10:00:00+02:00",
        "settled": None,
    }
    item = to_item(parse_tx(refund), invoices, customers)
    assert item is not None
    assert item.kind is ItemKind.REFUND
    assert item.amount == Money(Decimal("-186.25"), "DKK")
    assert item.vat_amount == Money(Decimal("-37.25"), "DKK")
    assert item.occurred_at.date() == date(2026, 4, 2)


def test_failed_and_authorisation_transactions_are_not_items() -> None:
    invoices, customers = lookups()
    assert to_item(parse_tx({**SETTLE, "state": "failed"}), invoices, customers) is None
    auth = {**SETTLE, "type": "authorization", "state": "authorized"}
    assert to_item(parse_tx(auth), invoices, customers) is None


def test_dispute_is_a_chargeback_and_nothing_once_the_merchant_wins() -> None:
    invoices, customers = lookups()
    raw = {
        "id": "dsp_01",
        "state": "open",
        "amount": 18625,
        "invoice": "inv-1042",
        "reason": "unauthorised",
        "created": "2026-04-10T09:00:00+02:00",
        "updated": "2026-04-10T09:00:00+02:00",
    }
    dispute = FrisbiiDispute.parse(Fields("Frisbii", "dispute", raw))
    item = dispute_to_item(dispute, invoices, customers)
    assert item.ref == "frisbii:dsp_01"
    assert item.kind is ItemKind.CHARGEBACK
    assert item.amount == Money(Decimal("-186.25"), "DKK")
    won = FrisbiiDispute.parse(
        Fields(
            "Frisbii",
            "dispute",
            {**raw, "state": "resolved", "outcome": "merchant_favor", "outcome_amount": 0},
        )
    )
    assert dispute_to_item(won, invoices, customers).amount.is_zero()


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"amount": "18625"}, "amount", "must be an integer, got str"),
        ({"settled": "2026-03-31T23:59:30"}, "settled", "has no UTC offset"),
        ({"state": "teleported"}, "state", "unknown value 'teleported'"),
        ({"currency": "kroner"}, "currency", "not an ISO 4217 currency code"),
        (
            {"card_transaction": {"acquirer_reference": 17}},
            "card_transaction.acquirer_reference",
            "must be a string or null",
        ),
    ],
)
def test_malformed_transaction_names_object_and_field(
    change: dict[str, Any], field: str, words: str
) -> None:
    raw = copy.deepcopy(SETTLE)
    raw.update(change)
    with pytest.raises(MalformedResponse) as caught:
        parse_tx(raw)
    assert caught.value.obj == "transaction 0f1e2d3c4b5a69788796a5b4c3d2e1f0"
    assert caught.value.field == field
    assert words in str(caught.value)
    assert str(caught.value).startswith("Frisbii: transaction 0f1e2d3c")


def test_transaction_on_an_unknown_invoice_is_refused() -> None:
    with pytest.raises(MalformedResponse, match="invoice 'inv-9'"):
        to_item(parse_tx({**SETTLE, "invoice": "inv-9"}), {}, {})
