"""What a foreign-currency sale is worth in the base currency, and which lines carry it.

A sale in another currency is booked at the rate of its own date (Europe/Copenhagen), not
the payout's: in `sales` mode the daily sales summary booked it into the clearing account at
that rate (`MatchMaterial.sale_base`, item ref -> base amount), else the posting service
looks the rate up (`MatchMaterial.sale_rates`, item ref -> base units per 100, from
Danmarks Nationalbank, the ECB as fallback: services/rates.py). The payout's voucher moves
each item out of the clearing account at that same base amount; what the bank received
differs by the realised exchange difference, booked on `[economic] exchange_difference_account`
(docs/booking-modes.md, "Exchange differences").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from econdesk.accounting.currency import to_base
from econdesk.domain.model import Payout, PlatformItem
from econdesk.domain.money import Money, money_sum


class SaleValuer:
    """The base amounts of the items a line stands for, at their sales' rates."""

    def __init__(
        self,
        items: Iterable[PlatformItem],
        base: str,
        sale_base: Mapping[str, Money],
        sale_rates: Mapping[str, Decimal],
    ) -> None:
        self.items = {i.ref: i for i in items}
        self.base = base
        self.sale_base = sale_base
        self.sale_rates = sale_rates

    def item_base(self, ref: str) -> Money | None:
        """The item's amount in the base currency as it was (or is to be) booked at sale."""
        item = self.items.get(ref)
        if item is None or item.currency == self.base:
            return None
        booked = self.sale_base.get(ref)
        if booked is not None and booked.currency == self.base:
            return booked
        rate = self.sale_rates.get(ref)
        return to_base(item.amount, rate, self.base) if rate is not None else None

    def line_base(self, amount: Money, sources: Iterable[str]) -> Money | None:
        """The base amount of a line of `amount` standing for the items `sources`: their sale
        values, with the line's sign; None unless every one of them has a sale value and
        the line is exactly their sum (or its opposite)."""
        refs = list(sources)
        if not refs or any(r not in self.items for r in refs):
            return None
        bases = [self.item_base(r) for r in refs]
        if any(b is None for b in bases):
            return None
        total = money_sum((self.items[r].amount for r in refs), amount.currency)
        value = money_sum((b for b in bases if b is not None), self.base)
        if total == amount:
            return value
        if total == -amount:
            return -value
        return None


def paid_out_currency(
    items: Iterable[PlatformItem], payouts: Iterable[Payout], bank_currency: str, base: str
) -> str:
    """The currency the voucher's lines are in: the bank's, unless the bank received a payout
    in another currency converted into the base currency (a EUR payout into a DKK account);
    then the items' and payout's currency."""
    currencies = {i.currency for i in items}
    if len(currencies) != 1 or bank_currency in currencies or bank_currency != base:
        return bank_currency
    (foreign,) = currencies
    if any(p.currency != foreign for p in payouts):
        return bank_currency
    return foreign


def paid_out_amount(
    bank_total: Money, items: Iterable[PlatformItem], payouts: Iterable[Payout], currency: str
) -> Money:
    """The deposit in the voucher's currency: what the bank shows, or, for a payout the bank
    converted, what the platform paid out (the payouts, else the items' net)."""
    if bank_total.currency == currency:
        return bank_total
    paid = list(payouts)
    if paid:
        return money_sum((p.amount for p in paid), currency)
    return money_sum((i.net for i in items), currency)
