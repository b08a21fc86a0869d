"""What a billing platform's e-conomic integration has booked for a scenario.

In the "integrated" scenario (`ScenarioSpec.integration`) an integration books every invoice
the platforms issue (debtor, revenue, output VAT) against an e-conomic customer of its own,
with the platform's invoice number in `references.other`, and books the card payments (Frisbii
and Stripe) as customer payments onto the platform's clearing account. Chargebee's invoices,
paid by bank transfer, are booked but their payments are not: what they owe stays as the
invoices' remainder. Refunds and disputes are left to the bookkeeper.

So a source's booking mode in such books is `settle` for Frisbii and Stripe and `payments` for
Chargebee (docs/booking-modes.md); the bank-only scenario's is `sales`.
"""

from __future__ import annotations

from decimal import Decimal

from econdesk.domain.model import ItemKind
from econdesk.sandbox.economic.chart import CLEARING_ACCOUNTS, revenue_accounts
from econdesk.sandbox.economic.invoices import book_invoice, book_payment
from econdesk.sandbox.economic.store import EconomicData, SandboxInvoice
from econdesk.sandbox.scenario import Scenario
from econdesk.sandbox.scenario.bankdays import COPENHAGEN

FIRST_CUSTOMER = 10_001  # the integration's customers: one per platform customer
FIRST_INVOICE = 20_001  # bookedInvoiceNumber of the first invoice
FIRST_PAYMENT_VOUCHER = 60_001  # the integration's own voucher numbers for payments
PAYMENTS_BOOKED = ("frisbii", "stripe")  # whose payments the integration books


def booking_mode(scenario: Scenario | None, provider: str) -> str | None:
    """The booking mode a source has in the scenario's books; None for the bank-only books."""
    if scenario is None or not scenario.spec.integration:
        return None
    return "settle" if provider in PAYMENTS_BOOKED else "payments"


def book_integration(data: EconomicData, scenario: Scenario) -> dict[int, int]:
    """Book the scenario's invoices and card payments; returns invoice index -> number."""
    revenue = revenue_accounts(list(data.accounts.values()))[0].number
    numbers: dict[int, int] = {}
    with data.lock:
        for customer in scenario.customers:
            data.customers.setdefault(FIRST_CUSTOMER + customer.index, customer.name)
        for invoice in sorted(scenario.invoices, key=lambda i: (i.issued, i.index)):
            number = FIRST_INVOICE + len(numbers)
            numbers[invoice.index] = number
            gross, vat = invoice.amount.amount, invoice.vat.amount
            book_invoice(
                data,
                SandboxInvoice(
                    number=number,
                    customer=FIRST_CUSTOMER + invoice.customer,
                    recipient=scenario.customers[invoice.customer].name,
                    day=invoice.issued,
                    due=invoice.due,
                    currency=invoice.amount.currency,
                    exchange_rate=data.rate(invoice.amount.currency),
                    net=gross - vat,
                    vat=vat,
                    remainder=gross,
                    reference=invoice.number,
                    heading=f"{invoice.provider} {invoice.plan}",
                ),
                revenue_account=revenue,
                vat_code="U25" if vat != 0 else "UEUY",
            )
        voucher = FIRST_PAYMENT_VOUCHER
        for tx in scenario.transactions:
            if not tx.settled or tx.kind is not ItemKind.PAYMENT:
                continue
            if tx.provider not in PAYMENTS_BOOKED or tx.invoice not in numbers:
                continue
            book_payment(
                data,
                numbers[tx.invoice],
                Decimal(tx.amount.amount),
                tx.occurred_at.astimezone(COPENHAGEN).date(),
                account=CLEARING_ACCOUNTS[tx.provider],
                voucher=voucher,
            )
            voucher += 1
    return numbers
