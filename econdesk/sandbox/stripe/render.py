"""A Scenario's Stripe account as Stripe's own JSON: what the Stripe sandbox serves.

Objects are rendered when asked for (see `Listing`); only each object's time, and which
scenario row it comes from, is kept. The shapes follow the API reference at the pinned
version (charges still name their `invoice`); a payout's balance-transaction list includes
the payout's own `payout` line, as Stripe's does.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from econdesk.domain.model import ItemKind
from econdesk.domain.money import Money
from econdesk.sandbox.listing import Json, Listing
from econdesk.sandbox.scenario import Deposit, DepositKind, Scenario, Transaction
from econdesk.sandbox.scenario.catalog import PLANS
from econdesk.sandbox.stripe.app import StripeData

_PLAN = {p.id: p for p in PLANS}
_AVAILABLE_AFTER = 2 * 86_400  # card funds become available two days later
_BT_TYPE = {
    ItemKind.PAYMENT: ("charge", "charge"),
    ItemKind.REFUND: ("refund", "refund"),
    ItemKind.CHARGEBACK: ("adjustment", "dispute"),  # dispute debits are adjustments
}
_INVOICE_STATUS = {"open": "open", "paid": "paid", "failed": "uncollectible"}


def _ts(moment: datetime) -> int:
    return int(moment.timestamp())


def _minor(money: Money) -> int:
    return abs(money.to_minor())


def _midnight_utc(day: date) -> int:
    """Stripe encodes a date (a payout's arrival_date) as midnight UTC of that day."""
    return int(datetime.combine(day, time(0), UTC).timestamp())


class _Renderer:
    def __init__(self, scenario: Scenario) -> None:
        self.s = scenario

    # -- charges, refunds, disputes, balance transactions ------------------------------------
    def customer_fields(self, tx: Transaction) -> tuple[str, str, str]:
        customer = self.s.customers[tx.customer]
        return customer.handle, customer.name, customer.email

    def charge(self, tx: Transaction) -> Json:
        """The charge of a payment attempt (settled or failed)."""
        handle, name, email = self.customer_fields(tx)
        invoice = self.s.invoices[tx.invoice]
        failed = not tx.settled
        return {
            "id": tx.charge_id,
            "object": "charge",
            "amount": _minor(tx.amount),
            "amount_captured": 0 if failed else _minor(tx.amount),
            "amount_refunded": 0,
            "balance_transaction": None if failed else tx.id,
            "billing_details": {"address": None, "email": email, "name": name, "phone": None},
            "captured": not failed,
            "created": _ts(tx.occurred_at),
            "currency": tx.amount.currency.lower(),
            "customer": handle,
            "description": _PLAN[invoice.plan].name,
            "failure_code": tx.error,
            "failure_message": None,
            "invoice": invoice.id,
            "livemode": False,
            "metadata": {},
            "paid": not failed,
            "payment_intent": None,
            "receipt_email": None,
            "status": "failed" if failed else "succeeded",
        }

    def refund(self, tx: Transaction) -> Json:
        return {
            "id": tx.source_id,
            "object": "refund",
            "amount": _minor(tx.amount),
            "balance_transaction": tx.id,
            "charge": tx.charge_id,
            "created": _ts(tx.occurred_at),
            "currency": tx.amount.currency.lower(),
            "metadata": {},
            "payment_intent": None,
            "reason": "requested_by_customer",
            "status": "succeeded",
        }

    def dispute(self, tx: Transaction) -> Json:
        return {
            "id": tx.source_id,
            "object": "dispute",
            "amount": _minor(tx.amount),
            "balance_transactions": [self.balance_transaction(tx)],
            "charge": tx.charge_id,
            "created": _ts(tx.occurred_at),
            "currency": tx.amount.currency.lower(),
            "is_charge_refundable": False,
            "livemode": False,
            "metadata": {},
            "reason": "fraudulent",
            "status": "lost",
        }

    def balance_transaction(self, tx: Transaction) -> Json:
        type_, category = _BT_TYPE[tx.kind]
        amount, fee = tx.amount.to_minor(), tx.fee.to_minor()
        currency = tx.amount.currency.lower()
        plan_name = _PLAN[self.s.invoices[tx.invoice].plan].name
        descriptions = {
            ItemKind.PAYMENT: plan_name,
            ItemKind.REFUND: f"REFUND FOR CHARGE ({plan_name})",
            ItemKind.CHARGEBACK: f"Chargeback withdrawal for {tx.charge_id}",
        }
        return {
            "id": tx.id,
            "object": "balance_transaction",
            "amount": amount,
            "available_on": _ts(tx.occurred_at) + _AVAILABLE_AFTER,
            "created": _ts(tx.occurred_at),
            "currency": currency,
            "description": descriptions[tx.kind],
            "exchange_rate": None,
            "fee": fee,
            "fee_details": [
                {
                    "amount": fee,
                    "application": None,
                    "currency": currency,
                    "description": "Stripe processing fees",
                    "type": "stripe_fee",
                }
            ]
            if fee
            else [],
            "net": amount - fee,
            "reporting_category": category,
            "source": tx.source_id,
            "status": "available",
            "type": type_,
        }

    # -- payouts --------------------------------------------------------------------------
    def payout_created(self, deposit: Deposit) -> int:
        payout = self.s.payout_for(deposit)
        if payout is not None and payout.created_at is not None:
            return _ts(payout.created_at)
        return _midnight_utc(deposit.created)

    def payout(self, deposit: Deposit) -> Json:
        return {
            "id": deposit.external_id,
            "object": "payout",
            "amount": deposit.net,
            "arrival_date": _midnight_utc(deposit.arrival_date),
            "automatic": deposit.automatic,
            "balance_transaction": deposit.balance_transaction_id,
            "created": self.payout_created(deposit),
            "currency": deposit.currency.lower(),
            "description": "STRIPE PAYOUT",
            "destination": "ba_1SandboxBankAccount000001",
            "failure_code": None,
            "livemode": False,
            "metadata": {},
            "method": "standard",
            "reconciliation_status": "completed" if deposit.automatic else "not_applicable",
            "statement_descriptor": deposit.descriptor,
            "status": "paid",
            "type": "bank_account",
        }

    def payout_line(self, deposit: Deposit) -> Json:
        """The payout's own debit of the balance."""
        created = self.payout_created(deposit)
        return {
            "id": deposit.balance_transaction_id,
            "object": "balance_transaction",
            "amount": -deposit.net,
            "available_on": created,
            "created": created,
            "currency": deposit.currency.lower(),
            "description": "STRIPE PAYOUT",
            "exchange_rate": None,
            "fee": 0,
            "fee_details": [],
            "net": -deposit.net,
            "reporting_category": "payout",
            "source": deposit.external_id,
            "status": "available",
            "type": "payout",
        }

    # -- invoices -------------------------------------------------------------------------
    def invoice(self, index: int) -> Json:
        inv = self.s.invoices[index]
        plan = _PLAN[inv.plan]
        customer = self.s.customers[inv.customer]
        issued = int(datetime.combine(inv.issued, time(6, 0), UTC).timestamp())
        return {
            "id": inv.id,
            "object": "invoice",
            "number": inv.number,
            "customer": customer.handle,
            "customer_email": customer.email,
            "customer_name": customer.name,
            "currency": inv.amount.currency.lower(),
            "total": inv.amount.to_minor(),
            "tax": inv.vat.to_minor(),
            "subtotal": inv.amount_ex_vat.to_minor(),
            "amount_paid": inv.amount.to_minor() if inv.state == "paid" else 0,
            "created": issued,
            "due_date": issued + int(timedelta(days=(inv.due - inv.issued).days).total_seconds()),
            "status": _INVOICE_STATUS[inv.state],
            "subscription": customer.subscription,
            "customer_tax_exempt": "none",
            "customer_tax_ids": [],
            "total_tax_amounts": [
                {
                    "amount": inv.vat.to_minor(),
                    "inclusive": True,
                    "tax_rate": f"txr_dk_moms_{plan.vat_percent}",
                    "taxability_reason": None,
                    "taxable_amount": inv.amount_ex_vat.to_minor(),
                }
            ],
            "default_tax_rates": [],
            "lines": {
                "object": "list",
                "has_more": False,
                "url": f"/v1/invoices/{inv.id}/lines",
                "data": [
                    {
                        "id": f"il_{inv.id[3:]}",
                        "object": "line_item",
                        "amount": inv.amount.to_minor(),
                        "currency": inv.amount.currency.lower(),
                        "description": f"{inv.quantity} × {plan.name}",
                        "quantity": inv.quantity,
                        "price": {
                            "id": plan.id,
                            "object": "price",
                            "nickname": plan.name,
                            "currency": plan.currency.lower(),
                            "unit_amount": plan.price_minor,
                            "recurring": {"interval": plan.interval, "interval_count": 1},
                            "tax_behavior": "inclusive",
                        },
                        "tax_rates": [
                            {
                                "id": f"txr_dk_moms_{plan.vat_percent}",
                                "object": "tax_rate",
                                "display_name": "Moms",
                                "inclusive": True,
                                "percentage": plan.vat_percent,
                                "country": "DK",
                            }
                        ],
                    }
                ],
            },
        }


def stripe_data(scenario: Scenario) -> StripeData:
    """Everything the Stripe sandbox serves for `scenario`."""
    r = _Renderer(scenario)
    txs = scenario.transactions
    payments: list[int] = []
    refunds: list[int] = []
    disputes: list[int] = []
    settled: list[int] = []
    times: dict[int, int] = {}
    for t in txs:
        if t.provider != "stripe":
            continue
        times[t.index] = _ts(t.occurred_at)
        if t.kind is ItemKind.PAYMENT:
            payments.append(t.index)
        elif t.kind is ItemKind.REFUND:
            refunds.append(t.index)
        else:
            disputes.append(t.index)
        if t.settled:
            settled.append(t.index)

    deposits = [d for d in scenario.deposits if d.kind is DepositKind.STRIPE_PAYOUT]
    invoices = [i.index for i in scenario.invoices if i.provider == "stripe"]

    def listing(rows: list[int], ids: list[str], render: Callable[[Transaction], Json]) -> Listing:
        return Listing(
            [times[row] for row in rows], lambda i: ids[i], lambda i: render(txs[rows[i]])
        )

    # Balance transactions: every settled movement, then the payouts' own lines.
    bt_rows = [("tx", i) for i in settled] + [("po", k) for k in range(len(deposits))]
    bt_ids = [
        txs[i].id if kind == "tx" else deposits[i].balance_transaction_id or ""
        for kind, i in bt_rows
    ]
    bt_times = [times[i] if kind == "tx" else r.payout_created(deposits[i]) for kind, i in bt_rows]

    def render_bt(row: int) -> Json:
        kind, i = bt_rows[row]
        return r.balance_transaction(txs[i]) if kind == "tx" else r.payout_line(deposits[i])

    members = {
        d.external_id or "": [txs[i].id for i in d.transactions] + [d.balance_transaction_id or ""]
        for d in deposits
        if d.automatic
    }
    return StripeData(
        payouts=Listing(
            [r.payout_created(d) for d in deposits],
            lambda i: deposits[i].external_id or "",
            lambda i: r.payout(deposits[i]),
        ),
        balance_transactions=Listing(bt_times, lambda i: bt_ids[i], render_bt),
        charges=listing(payments, [txs[i].charge_id or "" for i in payments], r.charge),
        refunds=listing(refunds, [txs[i].source_id or "" for i in refunds], r.refund),
        disputes=listing(disputes, [txs[i].source_id or "" for i in disputes], r.dispute),
        invoices=Listing(
            [
                int(datetime.combine(scenario.invoices[i].issued, time(6, 0), UTC).timestamp())
                for i in invoices
            ],
            lambda i: scenario.invoices[invoices[i]].id,
            lambda i: r.invoice(invoices[i]),
        ),
        payout_members=members,
    )
