"""Running totals kept while the list sheets stream, for the Summary sheet written last.

Everything here is bounded by the number of states, currencies and age buckets, never by the
number of rows, so a million-row report keeps the same few dictionaries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Final, TypeVar

from econdesk.domain.model import MatchState
from econdesk.domain.money import CurrencyMismatch, Money
from econdesk.i18n import QT_TRANSLATE_NOOP

# Open items by age, as bookkeepers chase them: this week, this month, then by month.
AGE_BUCKETS: Final = (
    (7, QT_TRANSLATE_NOOP("Report", "0-7 days")),
    (30, QT_TRANSLATE_NOOP("Report", "8-30 days")),
    (60, QT_TRANSLATE_NOOP("Report", "31-60 days")),
    (90, QT_TRANSLATE_NOOP("Report", "61-90 days")),
)
OLDEST_BUCKET: Final = QT_TRANSLATE_NOOP("Report", "over 90 days")
BUCKET_NAMES: Final = (*(name for _, name in AGE_BUCKETS), OLDEST_BUCKET)

# A bank entry in one of these matches is explained (for now); a rejected match explains nothing.
LIVE_STATES: Final = frozenset(
    {MatchState.PROPOSED, MatchState.APPROVED, MatchState.PARKED, MatchState.POSTED}
)
SETTLED_STATES: Final = frozenset({MatchState.APPROVED, MatchState.POSTED})


_Key = TypeVar("_Key")


def age_in_days(day: date, as_of: date) -> int:
    return (as_of - day).days


def age_bucket(days: int) -> str:
    for limit, name in AGE_BUCKETS:
        if days <= limit:
            return name
    return OLDEST_BUCKET


@dataclass(slots=True)
class Amounts:
    """A count and a sum in one currency (plus a second sum where a block needs one).

    Sums are kept as Decimal (Money's own arithmetic re-checks the currency on every add,
    which a million rows notice) and handed out as Money.
    """

    currency: str
    count: int = 0
    _amount: Decimal = Decimal(0)
    _other: Decimal = Decimal(0)

    def add(self, amount: Money, other: Money | None = None) -> None:
        if amount.currency != self.currency:
            raise CurrencyMismatch(f"cannot add {amount.currency} to a {self.currency} total")
        self.count += 1
        self._amount += amount.amount
        if other is not None:
            if other.currency != self.currency:
                raise CurrencyMismatch(f"cannot add {other.currency} to a {self.currency} total")
            self._other += other.amount

    @property
    def amount(self) -> Money:
        return Money(self._amount, self.currency)

    @property
    def other(self) -> Money:
        return Money(self._other, self.currency)


@dataclass(slots=True)
class Tally:
    by_state: dict[tuple[MatchState, str], Amounts] = field(default_factory=dict)
    bank_in_live_matches: int = 0
    bank_in_settled_matches: int = 0
    items_in_live_matches: int = 0
    items_in_settled_matches: int = 0
    open_bank: dict[tuple[str, str], Amounts] = field(default_factory=dict)
    open_items: dict[tuple[str, str], Amounts] = field(default_factory=dict)
    payouts: int = 0
    payouts_without_bank_entry: int = 0
    payouts_not_explained: int = 0  # the breakdown's net differs from the bank amount
    vouchers: dict[str, Amounts] = field(default_factory=dict)
    audit_events: int = 0
    audit_head: tuple[int, str] | None = None  # the last event listed: its number and hash

    @staticmethod
    def _slot(table: dict[_Key, Amounts], key: _Key, currency: str) -> Amounts:
        found = table.get(key)
        if found is None:
            found = table[key] = Amounts(currency)
        return found

    def add_match(
        self, state: MatchState, amount: Money, difference: Money, banks: int, items: int
    ) -> None:
        self._slot(self.by_state, (state, amount.currency), amount.currency).add(amount, difference)
        if state in LIVE_STATES:
            self.bank_in_live_matches += banks
            self.items_in_live_matches += items
        if state in SETTLED_STATES:
            self.bank_in_settled_matches += banks
            self.items_in_settled_matches += items

    def add_open_bank(self, bucket: str, amount: Money) -> None:
        self._slot(self.open_bank, (bucket, amount.currency), amount.currency).add(amount)

    def add_open_item(self, bucket: str, amount: Money) -> None:
        self._slot(self.open_items, (bucket, amount.currency), amount.currency).add(amount)

    def add_voucher(self, amount: Money) -> None:
        self._slot(self.vouchers, amount.currency, amount.currency).add(amount)

    @property
    def open_bank_count(self) -> int:
        return sum(a.count for a in self.open_bank.values())

    @property
    def open_item_count(self) -> int:
        return sum(a.count for a in self.open_items.values())

    @property
    def match_count(self) -> int:
        return sum(a.count for a in self.by_state.values())
