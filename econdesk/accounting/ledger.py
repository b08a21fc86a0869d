"""What a voucher does to each account: signed postings, debit positive, credit negative.

Used to check that a voucher balances, that a clearing account nets to zero, and to show the
effect of a voucher in the preview and the report. A customer payment's own side lands on the
customer (`customer:<n>`), whose group decides the receivables account in e-conomic. With VAT
rates given, the VAT e-conomic takes out of a gross amount is shown on `vat:<code>`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from econdesk.accounting.vat import vat_of_gross
from econdesk.domain.model import Voucher, VoucherLine
from econdesk.domain.money import Money


def account_key(account: int) -> str:
    return f"account:{account}"


def _own_side(line: VoucherLine) -> str:
    if line.customer_number is not None:
        return f"customer:{line.customer_number}"
    if line.account is None:
        raise ValueError(f"entry without an account or customer: {line.text!r}")
    return account_key(line.account)


def _sides(
    line: VoucherLine, amount: Money, vat_rates: Mapping[str, Decimal | None]
) -> list[tuple[str, Money]]:
    if line.contra_account is None:
        raise ValueError(f"entry without a contra account: {line.text!r}")
    own = _own_side(line)
    rate = vat_rates.get(line.vat_code) if line.vat_code is not None else None
    sides: list[tuple[str, Money]] = [(account_key(line.contra_account), -amount)]
    if rate is None:
        sides.append((own, amount))
    else:
        vat = vat_of_gross(amount, rate)
        sides += [(own, amount - vat), (f"vat:{line.vat_code}", vat)]
    return sides


def postings(
    voucher: Voucher, vat_rates: Mapping[str, Decimal | None] | None = None
) -> dict[tuple[str, str], Money]:
    """Net posting per (account key, currency), in each line's own currency."""
    totals: dict[tuple[str, str], Money] = {}
    for line in voucher.lines:
        for key, amount in _sides(line, line.amount, vat_rates or {}):
            slot = (key, amount.currency)
            totals[slot] = totals[slot] + amount if slot in totals else amount
    return totals


def base_postings(
    voucher: Voucher, base_currency: str, vat_rates: Mapping[str, Decimal | None] | None = None
) -> dict[str, Money]:
    """Net posting per account key in the base currency (each line at its own base amount)."""
    totals: dict[str, Money] = {}
    for line in voucher.lines:
        amount = line.amount if line.amount.currency == base_currency else line.amount_base
        if amount is None:
            raise ValueError(f"a {line.amount.currency} line without its {base_currency} amount")
        # In base, VAT is split from the base amount, as e-conomic books it in the base currency.
        for key, part in _sides(line, amount, vat_rates or {}):
            totals[key] = totals[key] + part if key in totals else part
    return totals


def debit_credit_totals(amounts: Iterable[Money], currency: str) -> tuple[Money, Money]:
    """(sum of debits, sum of credits as a positive amount)."""
    debit = credit = Money.zero(currency)
    for amount in amounts:
        if amount.is_negative():
            credit = credit - amount
        else:
            debit = debit + amount
    return debit, credit
