"""Chargebee's documented transactions -> PlatformItem, and refusal of malformed ones."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from econdesk.connectors.chargebee.models import ChargebeeCustomer, ChargebeeTransaction
from econdesk.connectors.chargebee.normalise import to_item
from econdesk.connectors.errors import MalformedResponse
from econdesk.connectors.payload import Fields
from econdesk.domain.model import ItemKind
from econdesk.domain.money import Money

# The reference's example (shore-gmbh/chargebeex fixture), with the documented fields we read.
PAYMENT: dict[str, Any] = {
    "id": "txn_198MNoUnquciBdDf",
    "object": "transaction",
    "customer_id": "7669f06b-1c5e-4f6a-9d0c-2b8f3f1e9a11",
    "gateway": "stripe",
    "gateway_account_id": "gw_1",
    "payment_method": "card",
    "type": "payment",
    # 2025-06-11 22:04:01 UTC is 12 June 00:04 in Copenhagen
    "date": 1749679441,
    "amount": 15339,
    "currency_code": "EUR",
    "exchange_rate": 1.0,
    "id_at_gateway": "ch_3RYwkXHjIp8VnBKJ1WTHXkC9",
    "status": "success",
    "linked_invoices": [
        {"invoice_id": "DE20257214", "applied_amount": 15339, "invoice_status": "paid"}
    ],
    "linked_credit_notes": [],
    "deleted": False,
}
CUSTOMER = ChargebeeCustomer("7669f06b-1c5e-4f6a-9d0c-2b8f3f1e9a11", "Jens", "Hansen", "Hansen ApS")


def parse(raw: dict[str, Any]) -> ChargebeeTransaction:
    return ChargebeeTransaction.parse(Fields("Chargebee", "transaction", raw))


def test_payment_with_linked_invoice_gateway_id_and_local_day() -> None:
    item = to_item(parse(PAYMENT), {CUSTOMER.id: CUSTOMER})
    assert item is not None
    assert item.ref == "chargebee:txn_198MNoUnquciBdDf"
    assert item.kind is ItemKind.PAYMENT
    assert item.amount == Money(Decimal("153.39"), "EUR")
    assert item.occurred_at.date() == date(2025, 6, 12)
    assert item.invoice_ref == "DE20257214"
    assert item.references == ("ch_3RYwkXHjIp8VnBKJ1WTHXkC9",)
    assert item.customer_name == "Hansen ApS"


@pytest.mark.parametrize(
    ("changes", "kind"),
    [
        ({"type": "refund", "payment_method": "card"}, ItemKind.REFUND),
        ({"type": "refund", "payment_method": "chargeback"}, ItemKind.CHARGEBACK),
        ({"type": "payment_reversal"}, ItemKind.CHARGEBACK),
    ],
)
def test_money_going_back_is_negative(changes: dict[str, Any], kind: ItemKind) -> None:
    raw = {
        **PAYMENT,
        **changes,
        "linked_invoices": [],
        "linked_credit_notes": [
            {
                "cn_id": "CN-12",
                "applied_amount": 15339,
                "cn_reason_code": "chargeback",
                "cn_reference_invoice_id": "DE20257214",
            }
        ],
    }
    item = to_item(parse(raw), {})
    assert item is not None
    assert item.kind is kind
    assert item.amount == Money(Decimal("-153.39"), "EUR")
    assert item.invoice_ref == "DE20257214"


def test_failed_and_authorisation_transactions_are_not_items() -> None:
    assert to_item(parse({**PAYMENT, "status": "failure"}), {}) is None
    assert to_item(parse({**PAYMENT, "type": "authorization"}), {}) is None


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"amount": "153.39"}, "amount", "must be an integer, got str"),
        ({"date": "2025-06-11"}, "date", "must be Unix seconds"),
        ({"type": "gift"}, "type", "unknown value 'gift'"),
        (
            {"linked_invoices": [{"invoice_id": "X"}]},
            "linked_invoices[0].applied_amount",
            "is missing",
        ),
    ],
)
def test_malformed_transaction_names_object_and_field(
    change: dict[str, Any], field: str, words: str
) -> None:
    with pytest.raises(MalformedResponse) as caught:
        parse({**PAYMENT, **change})
    assert caught.value.obj == "transaction txn_198MNoUnquciBdDf"
    assert caught.value.field == field
    assert words in str(caught.value)
    assert str(caught.value).startswith("Chargebee: transaction txn_198MNoUnquciBdDf")
