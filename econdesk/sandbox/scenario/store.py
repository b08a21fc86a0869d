"""Columnar storage of a scenario: one typed array per field, one row per object.

A million-item scenario is mostly integers; keeping them in `array` columns instead of
Python objects keeps memory to tens of bytes per row. Objects (PlatformItem, the views in
`views.py`) are built from a row when asked for.
"""

from __future__ import annotations

from array import array


class Kind:
    """Transaction kinds as stored (the domain's ItemKind by code)."""

    PAYMENT = 0
    REFUND = 1
    CHARGEBACK = 2


class Status:
    FAILED = 0
    SETTLED = 1


class InvoiceState:
    OPEN = 0  # issued, not paid yet (Chargebee payment_due, Frisbii pending/dunning)
    PAID = 1
    FAILED = 2  # every attempt failed; Frisbii "failed"
    DUNNING = 3  # Frisbii's dunning still runs: the invoice waits for its money


FAILURE_CODES = ("insufficient_funds", "credit_card_expired", "declined_by_acquirer",
                 "card_declined", "mobilepay_agreement_inactive")  # fmt: skip


class Store:
    def __init__(self) -> None:
        # customers
        self.cu_channel = array("b")
        self.cu_currency = array("b")
        self.cu_plan = array("b")
        self.cu_first = array("h")
        self.cu_last = array("h")
        self.cu_company = array("i")  # -1: a private person
        self.cu_seats = array("h")
        self.cu_start = array("i")  # date ordinal the subscription started
        self.cu_end = array("i")  # date ordinal it ends; 0 when it runs on
        self.cu_invoices = array("h")  # invoices issued so far (Stripe numbers per customer)
        # invoices
        self.inv_customer = array("i")
        self.inv_plan = array("b")
        self.inv_number = array("i")  # Frisbii inv-<n>, Chargebee <n>, Stripe <prefix>-<n>
        self.inv_amount = array("q")  # minor units incl. VAT
        self.inv_vat = array("q")
        self.inv_day = array("i")  # date ordinal of issue
        self.inv_state = array("b")
        self.inv_paid_tx = array("i")  # the settling transaction, -1 until paid
        # transactions: every payment attempt, refund and chargeback
        self.tx_channel = array("b")
        self.tx_kind = array("b")
        self.tx_status = array("b")
        self.tx_amount = array("q")  # signed minor units from the merchant's side
        self.tx_fee = array("q")  # what the platform or acquirer kept, >= 0
        self.tx_currency = array("b")
        self.tx_ts = array("q")  # unix seconds
        self.tx_customer = array("i")
        self.tx_invoice = array("i")
        self.tx_related = array("i")  # the payment a refund/chargeback reverses; -1
        self.tx_error = array("b")  # FAILURE_CODES index for failed attempts; -1
        self.tx_deposit = array("i")  # the deposit that carried it; -1

    def add_transaction(
        self,
        channel: int,
        kind: int,
        status: int,
        amount: int,
        fee: int,
        *,
        currency: int,
        ts: int,
        customer: int,
        invoice: int,
        related: int = -1,
        error: int = -1,
    ) -> int:
        self.tx_channel.append(channel)
        self.tx_kind.append(kind)
        self.tx_status.append(status)
        self.tx_amount.append(amount)
        self.tx_fee.append(fee)
        self.tx_currency.append(currency)
        self.tx_ts.append(ts)
        self.tx_customer.append(customer)
        self.tx_invoice.append(invoice)
        self.tx_related.append(related)
        self.tx_error.append(error)
        self.tx_deposit.append(-1)
        return len(self.tx_kind) - 1

    def add_invoice(
        self, customer: int, plan: int, number: int, amount: int, vat: int, *, day: int
    ) -> int:
        self.inv_customer.append(customer)
        self.inv_plan.append(plan)
        self.inv_number.append(number)
        self.inv_amount.append(amount)
        self.inv_vat.append(vat)
        self.inv_day.append(day)
        self.inv_state.append(InvoiceState.OPEN)
        self.inv_paid_tx.append(-1)
        return len(self.inv_amount) - 1
