"""Stripe's documented objects -> PlatformItem / Payout, and refusal of malformed ones."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from econdesk.connectors.errors import MalformedResponse
from econdesk.connectors.payload import Fields, parse_page
from econdesk.connectors.platform import MERCHANT_TZ
from econdesk.connectors.stripe.models import BalanceTransaction, Charge, StripePayout
from econdesk.connectors.stripe.normalise import item_kind, to_item, to_payout
from econdesk.domain.model import ItemKind
from econdesk.domain.money import Money

# The API reference's example objects (stripe/openapi fixtures3.json), trimmed to what we read.
CHARGE: dict[str, Any] = {
    "id": "ch_1MoS30LgUG5tbmjcjfsQqpHI",
    "object": "charge",
    "amount": 14900,
    "balance_transaction": "txn_1Moqx7LgUG5tbmjcEekVfAbn",
    "billing_details": {"email": None, "name": "Jenny Rosen", "phone": None},
    "created": 1717196400,
    "currency": "dkk",
    "customer": "cus_NZbFQAsc0ptasX",
    "description": "Abonnement Plus",
    "invoice": "in_1MoqxGLgUG5tbmjcJeILGSau",
    "metadata": {},
    "payment_intent": None,
    "receipt_email": "jenny@example.com",
    "status": "succeeded",
}
BT: dict[str, Any] = {
    "id": "txn_1Moqx7LgUG5tbmjcEekVfAbn",
    "object": "balance_transaction",
    "amount": 14900,
    "available_on": 1717372800,
    # 2024-05-31 23:00 UTC is already 1 June in Copenhagen (CEST, UTC+2)
    "created": 1717196400,
    "currency": "dkk",
    "description": "Abonnement Plus",
    "exchange_rate": None,
    "fee": 262,
    "fee_details": [
        {
            "amount": 262,
            "application": None,
            "currency": "dkk",
            "description": "Stripe processing fees",
            "type": "stripe_fee",
        }
    ],
    "net": 14638,
    "reporting_category": "charge",
    "source": CHARGE,
    "status": "available",
    "type": "charge",
}
PAYOUT: dict[str, Any] = {
    "id": "po_1Pgc79B7WZ01zgkWu1KToYf4",
    "object": "payout",
    "amount": 14638,
    "arrival_date": 1717459200,
    "automatic": True,
    "balance_transaction": "txn_1PgaxNB7WZ01zgkWEV3TLf40",
    "created": 1717286400,
    "currency": "dkk",
    "description": "STRIPE PAYOUT",
    "destination": "ba_1MoS86LgUG5tbmjcngyXVmH5",
    "method": "standard",
    "reconciliation_status": "completed",
    "statement_descriptor": None,
    "status": "paid",
}


def bt(**changes: Any) -> BalanceTransaction:
    raw = copy.deepcopy(BT)
    raw.update(changes)
    return BalanceTransaction.parse(Fields("Stripe", "balance_transaction", raw))


def test_charge_becomes_a_payment_with_fee_customer_and_local_time() -> None:
    item = to_item(bt(), payout_id="po_1Pgc79B7WZ01zgkWu1KToYf4")
    assert item is not None
    assert item.ref == "stripe:txn_1Moqx7LgUG5tbmjcEekVfAbn"
    assert item.kind is ItemKind.PAYMENT
    assert item.amount == Money(Decimal("149.00"), "DKK")
    assert item.fee == Money(Decimal("2.62"), "DKK")
    assert item.net == Money(Decimal("146.38"), "DKK")
    assert item.occurred_at == datetime(2024, 5, 31, 23, 0, tzinfo=UTC)
    assert item.occurred_at.tzinfo is MERCHANT_TZ
    assert item.occurred_at.date() == date(2024, 6, 1)  # the Danish accounting day
    assert (item.customer_id, item.customer_name) == ("cus_NZbFQAsc0ptasX", "Jenny Rosen")
    assert "jenny@example.com" not in repr(item), "the e-mail address is not kept"
    assert item.invoice_ref == "in_1MoqxGLgUG5tbmjcJeILGSau"
    assert item.payout_ref == "stripe:po_1Pgc79B7WZ01zgkWu1KToYf4"
    assert item.references == ("ch_1MoS30LgUG5tbmjcjfsQqpHI",)


def test_refund_takes_its_customer_from_the_charge_looked_up() -> None:
    refund = {
        "id": "re_1Nispe2eZvKYlo2Cd31jOCgZ",
        "object": "refund",
        "amount": 14900,
        "charge": CHARGE["id"],
        "created": 1717300000,
        "currency": "dkk",
        "reason": "requested_by_customer",
        "status": "succeeded",
    }
    line = bt(id="txn_re1", amount=-14900, fee=0, net=-14900, type="refund",
              reporting_category="refund", source=refund, fee_details=[])  # fmt: skip
    charge = Charge.parse(Fields("Stripe", "charge", CHARGE))
    item = to_item(line, charges={charge.id: charge})
    assert item is not None
    assert item.kind is ItemKind.REFUND
    assert item.amount == Money(Decimal("-149.00"), "DKK")
    assert item.customer_name == "Jenny Rosen"
    assert item.references == ("re_1Nispe2eZvKYlo2Cd31jOCgZ", CHARGE["id"])


def test_a_won_dispute_brings_back_the_chargeback_and_its_fee_apart() -> None:
    debit = bt(id="txn_dp", amount=-14900, fee=1500, net=-16400, type="adjustment",
               reporting_category="dispute", source="dp_1", fee_details=[])  # fmt: skip
    back = bt(id="txn_dpr", amount=14900, fee=-1500, net=16400, type="adjustment",
              reporting_category="dispute_reversal", source="dp_1", fee_details=[])  # fmt: skip
    assert item_kind(debit) is ItemKind.CHARGEBACK
    assert item_kind(back) is ItemKind.CHARGEBACK
    lost, won = to_item(debit), to_item(back)
    assert lost is not None and won is not None
    # the reversal books back exactly what the dispute took out; the fee comes back as fee
    assert won.amount == -lost.amount == Money(Decimal("149.00"), "DKK")
    assert won.fee == Money(Decimal("-15.00"), "DKK")
    assert won.net == Money(Decimal("164.00"), "DKK")


def test_a_fee_returned_with_a_refund_stays_a_fee() -> None:
    line = bt(id="txn_re2", amount=-14900, fee=-200, net=-14700, type="refund",
              reporting_category="refund", source="re_2", fee_details=[])  # fmt: skip
    item = to_item(line)
    assert item is not None
    assert item.amount == Money(Decimal("-149.00"), "DKK")
    assert item.fee == Money(Decimal("-2.00"), "DKK")
    assert item.net == Money(Decimal("-147.00"), "DKK")


def test_the_payouts_own_line_is_not_an_item() -> None:
    assert to_item(bt(type="payout", amount=-14638, fee=0, net=-14638, source=PAYOUT)) is None


def test_automatic_payout_sums_its_components_and_manual_payout_is_flagged() -> None:
    payout = StripePayout.parse(Fields("Stripe", "payout", PAYOUT))
    item = to_item(bt(), payout_id=payout.id)
    assert item is not None
    result = to_payout(payout, [item])
    assert result.ref == "stripe:po_1Pgc79B7WZ01zgkWu1KToYf4"
    assert result.amount == Money(Decimal("146.38"), "DKK")
    assert result.gross == Money(Decimal("149.00"), "DKK")
    assert result.fees == Money(Decimal("2.62"), "DKK")
    assert result.arrival_date == date(2024, 6, 4)
    assert result.component_refs == (item.ref,)
    assert result.has_breakdown

    manual = StripePayout.parse(Fields("Stripe", "payout", {**PAYOUT, "automatic": False}))
    flagged = to_payout(manual, None)
    assert not flagged.has_breakdown
    assert flagged.component_refs == ()
    assert flagged.gross is None


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"amount": "14900"}, "amount", "must be an integer, got str '14900'"),
        ({"fee": 2.62}, "fee", "must be an integer"),
        ({"currency": None}, "currency", "is null"),
        ({"type": "crypto_bonus"}, "type", "unknown value 'crypto_bonus'"),
        ({"created": 1717196400000}, "created", "not a plausible Unix time"),
        ({"net": 1}, "net", "amount 14900 less fee 262 is 14638"),
    ],
)
def test_malformed_balance_transaction_names_object_and_field(
    change: dict[str, Any], field: str, words: str
) -> None:
    with pytest.raises(MalformedResponse) as caught:
        bt(**change)
    error = caught.value
    assert error.system == "Stripe"
    assert error.obj == "balance_transaction txn_1Moqx7LgUG5tbmjcEekVfAbn"
    assert error.field == field
    assert words in str(error)
    assert str(error).startswith("Stripe: balance_transaction txn_1Moqx7LgUG5tbmjcEekVfAbn")


def test_missing_field_inside_the_expanded_source_is_named_by_path() -> None:
    source = {k: v for k, v in CHARGE.items() if k != "currency"}
    with pytest.raises(MalformedResponse) as caught:
        bt(source=source)
    assert caught.value.field == "source.currency"
    assert "is missing" in str(caught.value)


def test_one_bad_object_fails_the_whole_page() -> None:
    good = copy.deepcopy(BT)
    bad = {**copy.deepcopy(BT), "id": "txn_bad", "amount": "10"}
    with pytest.raises(MalformedResponse, match="txn_bad"):
        parse_page("Stripe", "balance_transaction", [good, bad], BalanceTransaction.parse)
