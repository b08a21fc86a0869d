"""Booked customer invoices, as an integration leaves them in e-conomic (docs/booking-modes.md).

An integration (the billing platform's own, IEX, Billwerk+, …) books each invoice: the debtor
collective account takes the gross amount for the customer, revenue the net amount and the
output VAT account the VAT. What a customer still owes is the invoice's `remainder`, lowered by
each customer payment booked against it. `GET /invoices/booked`, `/invoices/unpaid`,
`/invoices/paid`, `/invoices/booked/{n}` and `/customers/{n}/invoices/booked` list them in
e-conomic's shapes (`remainder` is not filterable there: open invoices are chosen by endpoint).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from econdesk.sandbox.economic.filters import Getter
from econdesk.sandbox.economic.store import Booked, EconomicData, SandboxInvoice

# What can be filtered on (the schema's "filterable" marks); `remainder` is not among them.
INVOICE_FIELDS: dict[str, Getter] = {
    "bookedInvoiceNumber": lambda i: i.number,
    "date": lambda i: i.day.isoformat(),
    "currency": lambda i: i.currency,
    "exchangeRate": lambda i: i.exchange_rate,
    "customer.customerNumber": lambda i: i.customer,
    "recipient.name": lambda i: i.recipient,
    "references.other": lambda i: i.reference,
    "notes.heading": lambda i: i.heading,
}


def book_invoice(
    data: EconomicData, invoice: SandboxInvoice, *, revenue_account: int, vat_code: str
) -> None:
    """Book the invoice as an integration does: debtor, revenue and VAT. Holds `data.lock`."""
    year = data.year_of(invoice.day)
    if year is None:
        raise ValueError(f"invoice {invoice.number}: no accounting year covers {invoice.day}")
    vat_account = data.vat_accounts[vat_code].account
    # In the base currency the VAT is what is left of the gross once the net is converted,
    # so the three legs balance there too.
    gross_base, net_base = invoice.base(invoice.gross), invoice.base(invoice.net)
    legs = (
        (data.debtors_account, invoice.gross, gross_base, invoice.customer, None),
        (revenue_account, -invoice.net, -net_base, None, vat_code),
        (vat_account, -invoice.vat, net_base - gross_base, None, None),
    )
    with data.lock:
        for account, amount, base, customer, code in legs:
            if amount == 0 and base == 0:
                continue
            data.book(
                Booked(
                    entry_number=data.take_entry_number(),
                    year=year.year,
                    account=account,
                    day=invoice.day,
                    amount=amount,
                    amount_base=base,
                    currency=invoice.currency,
                    text=f"Faktura {invoice.number}",
                    entry_type="customerInvoice",
                    voucher_number=invoice.number,
                    customer=customer,
                    vat_code=code,
                )
            )
        data.invoices[invoice.number] = invoice


def book_payment(
    data: EconomicData, number: int, amount: Decimal, day: date, *, account: int, voucher: int
) -> None:
    """Book a customer payment of `amount` (the invoice's currency) against invoice `number`
    onto `account` (a platform's clearing account) and lower the invoice's remainder."""
    with data.lock:
        invoice = data.invoices[number]
        year = data.year_of(day)
        if year is None:
            raise ValueError(f"payment of invoice {number}: no accounting year covers {day}")
        for leg_account, leg_amount, customer in (
            (account, amount, None),
            (data.debtors_account, -amount, invoice.customer),
        ):
            data.book(
                Booked(
                    entry_number=data.take_entry_number(),
                    year=year.year,
                    account=leg_account,
                    day=day,
                    amount=leg_amount,
                    amount_base=invoice.base(leg_amount),
                    currency=invoice.currency,
                    text=f"Betaling faktura {number}",
                    entry_type="customerPayment",
                    voucher_number=voucher,
                    customer=customer,
                )
            )
        lower_remainder(data, number, amount)


def lower_remainder(data: EconomicData, number: int, paid: Decimal) -> None:
    """A customer payment of `paid` booked against invoice `number` (an unknown one is left
    alone); an overpayment leaves a negative remainder, the customer's credit (inferred:
    e-conomic documents `remainder` only as what is left to pay). Holds `data.lock`."""
    with data.lock:
        invoice = data.invoices.get(number)
        if invoice is None:
            return
        data.invoices[number] = replace(invoice, remainder=invoice.remainder - paid)
        data.version += 1
