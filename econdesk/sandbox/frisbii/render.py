"""A Scenario's Frisbii account as Frisbii's JSON: customers, invoices (with their order lines,
transactions and credit notes), transactions, credit notes and disputes.

Card payments carry `card_transaction` with the Clearhaus `acquirer_reference` the acquirer's
settlement file joins on; MobilePay Subscriptions payments carry `mps_transaction`. Times are
ISO-8601 with the Copenhagen offset and milliseconds, as Frisbii writes them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, time

from econdesk.domain.model import ItemKind
from econdesk.sandbox.frisbii.app import FrisbiiData, FrisbiiResource
from econdesk.sandbox.frisbii.wire import ACCOUNT_TZ
from econdesk.sandbox.listing import Json, Listing
from econdesk.sandbox.scenario import Channel, Scenario, Transaction
from econdesk.sandbox.scenario.catalog import PLANS, vat_of

_PLAN = {p.id: p for p in PLANS}
_INVOICE_STATE = {"open": "pending", "paid": "settled", "failed": "failed", "dunning": "dunning"}
_FRISBII_CHANNELS = frozenset({Channel.FRISBII_CARD, Channel.FRISBII_MOBILEPAY})


def iso(moment: datetime) -> str:
    return moment.astimezone(ACCOUNT_TZ).isoformat(timespec="milliseconds")


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(0, 5), ACCOUNT_TZ)


class _Renderer:
    def __init__(self, scenario: Scenario) -> None:
        self.s = scenario
        # invoice index -> its transactions (payments, refunds), oldest first
        self.by_invoice: dict[int, list[int]] = defaultdict(list)
        self.refunds_of: dict[int, list[int]] = defaultdict(list)

    def customer(self, c: int) -> Json:
        cu = self.s.customers[c]
        return {
            "handle": cu.handle,
            "email": cu.email,
            "first_name": cu.first_name,
            "last_name": cu.last_name,
            "company": cu.company,
            "country": "DK",
            "created": iso(_day_start(cu.started)),
            "test": True,
            "active_subscriptions": 0 if cu.ends else 1,
        }

    def transaction(self, tx: Transaction) -> Json:
        invoice = self.s.invoices[tx.invoice]
        refund = tx.kind is ItemKind.REFUND
        at = iso(tx.occurred_at)
        state = "failed" if not tx.settled else ("refunded" if refund else "settled")
        out: Json = {
            "id": tx.id,
            "state": state,
            "invoice": invoice.number,
            "type": "refund" if refund else "settle",
            "amount": abs(tx.amount.to_minor()),
            "currency": tx.amount.currency,
            "created": at,
            "payment_type": tx.payment_type,
        }
        if not tx.settled:
            out["failed"] = at
        elif refund:
            out["refunded"] = at
        else:
            out["settled"] = at
        if tx.channel is Channel.FRISBII_CARD:
            card: Json = {
                "card_type": "visa_dk",
                "transaction_card_type": "visa_dk",
                "provider": "clearhaus",
                "acquirer_reference": tx.acquirer_reference,
                "text_on_statement": "ECONDESK DEMO APS",
                "masked_card": "457199XXXXXX" + f"{tx.customer % 10_000:04d}",
                "card_country": "DK",
            }
            if tx.error:
                card.update(error=tx.error, error_state="hard_declined")
            out["card_transaction"] = card
        else:
            out["mps_transaction"] = {"error": tx.error} if tx.error else {}
        return out

    def credit_note(self, tx: Transaction) -> Json:
        invoice = self.s.invoices[tx.invoice]
        plan = _PLAN[invoice.plan]
        amount = abs(tx.amount.to_minor())
        vat = vat_of(amount, plan.vat_percent)
        return {
            "id": f"cn-{tx.id}",
            "invoice": invoice.number,
            "transaction": tx.id,
            "credit": 0,
            "amount": amount,
            "amount_vat": vat,
            "amount_ex_vat": amount - vat,
            "currency": tx.amount.currency,
            "customer": self.s.customers[tx.customer].handle,
            "created": iso(tx.occurred_at),
            "credit_note_lines": [
                {"ordertext": plan.name, "amount": amount, "vat": plan.vat_rate, "quantity": 1}
            ],
        }

    def dispute(self, tx: Transaction) -> Json:
        return {
            "id": tx.id,
            "state": "open",
            "amount": abs(tx.amount.to_minor()),
            "invoice": self.s.invoices[tx.invoice].number,
            "reason": "unauthorised",
            "created": iso(tx.occurred_at),
            "updated": iso(tx.occurred_at),
            "waiting_for": "merchant",
        }

    def invoice(self, index: int) -> Json:
        inv = self.s.invoices[index]
        plan = _PLAN[inv.plan]
        customer = self.s.customers[inv.customer]
        txs = [self.s.transactions[t] for t in self.by_invoice.get(index, ())]
        created = _day_start(inv.issued)
        out: Json = {
            "id": inv.id,
            "handle": inv.number,
            "customer": customer.handle,
            "subscription": customer.subscription,
            "plan": plan.id,
            "state": _INVOICE_STATE[inv.state],
            "type": "s",
            "number": int(inv.number.removeprefix("inv-")),
            "amount": inv.amount.to_minor(),
            "amount_vat": inv.vat.to_minor(),
            "amount_ex_vat": inv.amount_ex_vat.to_minor(),
            "settled_amount": 0,
            "refunded_amount": 0,
            "currency": inv.amount.currency,
            "created": iso(created),
            "due": iso(datetime.combine(inv.due, time(0), ACCOUNT_TZ)),
            "order_lines": [
                {
                    "id": f"ol-{inv.id[:12]}",
                    "ordertext": plan.name,
                    "amount": inv.amount.to_minor(),
                    "vat": plan.vat_rate,
                    "quantity": inv.quantity,
                    "origin": "plan",
                    "origin_handle": customer.subscription,
                    "timestamp": iso(created),
                    "amount_vat": inv.vat.to_minor(),
                    "amount_ex_vat": inv.amount_ex_vat.to_minor(),
                    "amount_incl_vat": True,
                }
            ],
            "transactions": [self.transaction(t) for t in txs],
            "credit_notes": [
                self.credit_note(t) for t in txs if t.kind is ItemKind.REFUND and t.settled
            ],
        }
        paid = [t for t in txs if t.settled and t.kind is ItemKind.PAYMENT]
        refunded = [t for t in txs if t.settled and t.kind is ItemKind.REFUND]
        if paid:
            out["settled"] = iso(paid[-1].occurred_at)
            out["settled_amount"] = sum(t.amount.to_minor() for t in paid)
        if refunded:
            out["refunded_amount"] = -sum(t.amount.to_minor() for t in refunded)
        return out


def _ts(moment: datetime) -> int:
    return int(moment.timestamp())


def frisbii_data(scenario: Scenario) -> FrisbiiData:
    """Everything the Frisbii sandbox serves for `scenario`."""
    r = _Renderer(scenario)
    txs = scenario.transactions
    moves, disputes, refunds = _frisbii_transactions(scenario, r)
    invoices = [i.index for i in scenario.invoices if i.provider == "frisbii"]
    customers = [c.index for c in scenario.customers if c.channel in _FRISBII_CHANNELS]

    def tx_listing(
        rows: list[int], render: Callable[[Transaction], Json], prefix: str = ""
    ) -> Listing:
        return Listing(
            [_ts(txs[i].occurred_at) for i in rows],
            lambda k: prefix + txs[rows[k]].id,
            lambda k: render(txs[rows[k]]),
        )

    by_created, by_settled = _invoice_listings(scenario, r, invoices)
    return FrisbiiData(
        transactions=FrisbiiResource(
            {"created": tx_listing(moves, r.transaction)},
            filters={
                "type": "type",
                "state": "state",
                "invoice": "invoice",
                "currency": "currency",
                "payment_type": "payment_type",
            },
        ),
        invoices=FrisbiiResource(
            {"created": by_created, "settled": by_settled},
            filters={
                "state": "state",
                "customer": "customer",
                "currency": "currency",
                "handle": "handle",
                "plan": "plan",
            },
        ),
        credit_notes=FrisbiiResource(
            {"created": tx_listing(refunds, r.credit_note, "cn-")},
            filters={"invoice": "invoice", "customer": "customer", "currency": "currency"},
        ),
        disputes=FrisbiiResource(
            {"created": tx_listing(disputes, r.dispute)},
            filters={"state": "state", "invoice": "invoice", "reason": "reason"},
        ),
        customers=Listing(
            [_ts(_day_start(scenario.customers[c].started)) for c in customers],
            lambda k: scenario.customers[customers[k]].handle,
            lambda k: r.customer(customers[k]),
        ),
        invoice_ids={scenario.invoices[i].id: scenario.invoices[i].number for i in invoices},
    )


def _frisbii_transactions(
    scenario: Scenario, r: _Renderer
) -> tuple[list[int], list[int], list[int]]:
    """(Frisbii's money movements, its disputes, its settled refunds) as transaction indices;
    each movement is also listed under its invoice in `r`."""
    moves: list[int] = []
    disputes: list[int] = []
    refunds: list[int] = []
    for t in scenario.transactions:
        if t.channel not in _FRISBII_CHANNELS:
            continue
        if t.kind is ItemKind.CHARGEBACK:
            disputes.append(t.index)
            continue
        moves.append(t.index)
        r.by_invoice[t.invoice].append(t.index)
        if t.kind is ItemKind.REFUND and t.settled:
            refunds.append(t.index)
    return moves, disputes, refunds


def _invoice_listings(
    scenario: Scenario, r: _Renderer, invoices: list[int]
) -> tuple[Listing, Listing]:
    """Frisbii's invoices by the time they were created and, for the paid ones, settled."""
    txs = scenario.transactions
    invoice_created = [_ts(_day_start(scenario.invoices[i].issued)) for i in invoices]
    settled_rows = [k for k, i in enumerate(invoices) if scenario.invoices[i].paid_by is not None]

    def settled_at(k: int) -> int:
        paid_by = scenario.invoices[invoices[k]].paid_by
        return _ts(txs[paid_by].occurred_at) if paid_by is not None else 0

    invoice_number = [scenario.invoices[i].number for i in invoices]
    by_created = Listing(
        invoice_created, lambda k: invoice_number[k], lambda k: r.invoice(invoices[k])
    )
    by_settled = Listing(
        [settled_at(k) for k in settled_rows],
        lambda k: invoice_number[settled_rows[k]],
        lambda k: r.invoice(invoices[settled_rows[k]]),
    )
    return by_created, by_settled
