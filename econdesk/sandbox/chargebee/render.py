"""A Scenario's Chargebee site as Chargebee's JSON: customers, invoices and transactions.

The Team product line is invoiced in Chargebee and paid by bank transfer, which Chargebee
records as offline transactions (`payment_method` "bank_transfer", gateway
"not_applicable", no gateway id). A refund links the credit note it paid out; a payment
taken back by the bank is a `payment_reversal`.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

from econdesk.domain.model import ItemKind
from econdesk.sandbox.chargebee.app import ChargebeeData
from econdesk.sandbox.listing import Json, Listing
from econdesk.sandbox.scenario import Channel, Scenario, Transaction
from econdesk.sandbox.scenario.bankdays import COPENHAGEN
from econdesk.sandbox.scenario.catalog import PLANS

_PLAN = {p.id: p for p in PLANS}
_INVOICE_STATUS = {
    "open": "payment_due",
    "paid": "paid",
    "failed": "not_paid",
    "dunning": "payment_due",
}
_TX_TYPE = {
    ItemKind.PAYMENT: "payment",
    ItemKind.REFUND: "refund",
    ItemKind.CHARGEBACK: "payment_reversal",
}


def _ts(moment: datetime) -> int:
    return int(moment.timestamp())


def _issued_ts(scenario: Scenario, invoice: int) -> int:
    issued = scenario.invoices[invoice].issued
    return int(datetime.combine(issued, time(8, 0), COPENHAGEN).timestamp())


class _Renderer:
    def __init__(self, scenario: Scenario) -> None:
        self.s = scenario

    def customer(self, c: int) -> Json:
        cu = self.s.customers[c]
        created = int(datetime.combine(cu.started, time(8, 0), COPENHAGEN).timestamp())
        return {
            "id": cu.handle,
            "object": "customer",
            "first_name": cu.first_name,
            "last_name": cu.last_name,
            "company": cu.company,
            "email": cu.email,
            "auto_collection": "off",  # they pay by bank transfer against the invoice
            "net_term_days": 14,
            "preferred_currency_code": cu.currency,
            "taxability": "taxable",
            "created_at": created,
            "updated_at": created,
            "deleted": False,
        }

    def invoice(self, index: int) -> Json:
        inv = self.s.invoices[index]
        plan = _PLAN[inv.plan]
        customer = self.s.customers[inv.customer]
        date_ts = _issued_ts(self.s, index)
        paid = inv.paid_by is not None
        out: Json = {
            "id": inv.id,
            "object": "invoice",
            "customer_id": customer.handle,
            "subscription_id": customer.subscription,
            "recurring": True,
            "status": _INVOICE_STATUS[inv.state],
            "price_type": "tax_inclusive",
            "date": date_ts,
            "due_date": date_ts + int(timedelta(days=(inv.due - inv.issued).days).total_seconds()),
            "net_term_days": (inv.due - inv.issued).days,
            "currency_code": inv.amount.currency,
            "exchange_rate": Decimal("1.0"),
            "total": inv.amount.to_minor(),
            "sub_total": inv.amount.to_minor(),
            "tax": inv.vat.to_minor(),
            "amount_paid": inv.amount.to_minor() if paid else 0,
            "amount_due": 0 if paid else inv.amount.to_minor(),
            "credits_applied": 0,
            "line_items": [
                {
                    "id": f"li_{inv.id}",
                    "object": "line_item",
                    "date_from": date_ts,
                    "date_to": date_ts + 30 * 86_400,
                    "unit_amount": plan.price_minor,
                    "quantity": inv.quantity,
                    "amount": inv.amount.to_minor(),
                    "pricing_model": "per_unit",
                    "is_taxed": True,
                    "tax_amount": inv.vat.to_minor(),
                    "tax_rate": Decimal(plan.vat_percent).quantize(Decimal("0.0")),
                    "entity_type": "plan_item_price",
                    "entity_id": plan.id,
                    "description": plan.name,
                    "customer_id": customer.handle,
                    "subscription_id": customer.subscription,
                }
            ],
            # whose tax it is: Danish VAT, a country-level jurisdiction
            "line_item_taxes": [
                {
                    "line_item_id": f"li_{inv.id}",
                    "tax_name": "Moms",
                    "tax_rate": Decimal(plan.vat_percent).quantize(Decimal("0.0")),
                    "taxable_amount": inv.amount_ex_vat.to_minor(),
                    "tax_amount": inv.vat.to_minor(),
                    "tax_juris_type": "country",
                    "tax_juris_name": "Denmark",
                    "tax_juris_code": "DK",
                }
            ],
        }
        if paid and inv.paid_by is not None:
            out["paid_at"] = _ts(self.s.transactions[inv.paid_by].occurred_at)
        return out

    def transaction(self, tx: Transaction) -> Json:
        inv = self.s.invoices[tx.invoice]
        customer = self.s.customers[tx.customer]
        at = _ts(tx.occurred_at)
        amount = abs(tx.amount.to_minor())
        out: Json = {
            "id": tx.id,
            "object": "transaction",
            "customer_id": customer.handle,
            "subscription_id": customer.subscription,
            "gateway_account_id": None,
            "gateway": "not_applicable",
            "payment_method": "bank_transfer",
            "id_at_gateway": None,
            "reference_number": None,
            "type": _TX_TYPE[tx.kind],
            "date": at,
            "settled_at": at if tx.settled else None,
            "exchange_rate": Decimal("1.0"),
            "amount": amount,
            "currency_code": tx.amount.currency,
            "base_currency_code": tx.amount.currency,
            "status": "success" if tx.settled else "failure",
            "updated_at": at,
            "resource_version": at * 1000,
            "deleted": False,
            "linked_invoices": [],
            "linked_credit_notes": [],
            "linked_refunds": [],
        }
        if tx.error:
            out["error_code"] = tx.error
        link = {
            "applied_amount": amount,
            "applied_at": at,
        }
        if tx.kind is ItemKind.REFUND:
            original = self.s.transactions[tx.reverses] if tx.reverses is not None else None
            out["refunded_txn_id"] = original.id if original else None
            out["linked_credit_notes"] = [
                {
                    **link,
                    "cn_id": f"CN-{inv.number}",
                    "cn_reason_code": "product_unsatisfactory",
                    "cn_date": at,
                    "cn_total": amount,
                    "cn_status": "refunded",
                    "cn_reference_invoice_id": inv.id,
                }
            ]
        else:
            out["linked_invoices"] = [
                {
                    **link,
                    "invoice_id": inv.id,
                    "invoice_date": _issued_ts(self.s, tx.invoice),
                    "invoice_total": inv.amount.to_minor(),
                    "invoice_status": "paid" if tx.kind is ItemKind.PAYMENT else "payment_due",
                }
            ]
        return out


def chargebee_data(scenario: Scenario) -> ChargebeeData:
    """Everything the Chargebee sandbox serves for `scenario`."""
    r = _Renderer(scenario)
    txs = scenario.transactions
    rows = [t.index for t in txs if t.channel is Channel.CHARGEBEE]
    invoices = [i.index for i in scenario.invoices if i.provider == "chargebee"]
    customers = [c.index for c in scenario.customers if c.channel is Channel.CHARGEBEE]
    return ChargebeeData(
        transactions=Listing(
            [_ts(txs[i].occurred_at) for i in rows],
            lambda k: txs[rows[k]].id,
            lambda k: r.transaction(txs[rows[k]]),
        ),
        customers=Listing(
            [0] * len(customers),
            lambda k: scenario.customers[customers[k]].handle,
            lambda k: r.customer(customers[k]),
        ),
        invoices=Listing(
            [_issued_ts(scenario, i) for i in invoices],
            lambda k: scenario.invoices[invoices[k]].id,
            lambda k: r.invoice(invoices[k]),
        ),
    )
