"""Exchange rates as e-conomic writes them: base-currency units per 100 units of the currency.

A DKK agreement shows DKK entries with `exchangeRate: 100.000000` (a real 201 answer to a
voucher POST; docs/economic-api.md#vouchers), and the schema allows 6 decimals
(journals.journalNumber.vouchers.post.schema.json, `exchangeRate.maxDecimals: 6`). So EUR at
7.4610 DKK is sent as 746.100000, and `amountBaseCurrency = amount * rate / 100`, rounded to the
base currency's minor unit.
"""

from __future__ import annotations

from decimal import Decimal

from econdesk.domain.money import Money, MoneyError

PER = Decimal(100)
RATE_QUANTUM = Decimal("0.000001")
BASE_RATE = Decimal("100.000000")  # the rate of the base currency against itself


def rate_per_100(amount: Money, amount_base: Money) -> Decimal:
    """The rate implied by an amount and its base-currency amount (as a bank entry carries)."""
    if amount.is_zero():
        raise MoneyError(f"cannot derive an exchange rate from a zero amount in {amount.currency}")
    rate = (amount_base.amount / amount.amount * PER).quantize(RATE_QUANTUM)
    if rate <= 0:
        raise MoneyError(f"{amount} and {amount_base} imply a non-positive exchange rate")
    return rate


def to_base(amount: Money, rate: Decimal, base_currency: str) -> Money:
    """`amount` in the base currency at `rate` per 100, rounded half up to the minor unit."""
    if amount.currency == base_currency:
        return amount
    return Money(amount.amount * rate / PER, base_currency).rounded()
