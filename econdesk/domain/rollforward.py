"""A clearing account's roll-forward for a period: opening balance, what moved it, closing
balance, and the open items that explain what is left on it.

Plain data and sums: the service (services/rollforward.py) reads the account's entries from
e-conomic (booked and draft) and the open items from the store; this module sorts and sums
them.

Every entry on the clearing account is placed by the other side of its voucher line (the
entries of the same voucher with the same text, else the whole voucher):

- the bank account: a **payout** reaching the bank (the bank feed's deposit, or a voucher's
  bank line);
- a fee account: **fees**;
- the difference or exchange-difference account: **differences**;
- another clearing account: a **transfer** (an acquirer's deposit moved over);
- anything else (revenue, VAT, a customer): **payments and sales** booked into it.

The service marks an entry whose text carries econdesk's marker (accounting/marker.py) as
booked by econdesk, any other as booked by someone else (an integration, the bank feed, a
bookkeeper).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from econdesk.domain.model import MatchState
from econdesk.domain.money import Money, money_sum


class MovementKind(enum.StrEnum):
    PAYMENTS = "payments"  # payments and sales booked into the clearing account
    PAYOUTS = "payouts"  # deposits reaching the bank
    FEES = "fees"
    DIFFERENCES = "differences"
    TRANSFERS = "transfers"
    OTHER = "other"


class BookedBy(enum.StrEnum):
    ECONDESK = "econdesk"
    OTHERS = "others"  # an integration, the bank feed, a bookkeeper


class OpenKind(enum.StrEnum):
    """What is still open on the clearing account at the period's end."""

    # A deposit the bank feed booked on the clearing account whose voucher is not posted:
    # a payout in transit through econdesk (matched but not posted, or not matched yet).
    DEPOSIT_AWAITING_VOUCHER = "deposit_awaiting_voucher"
    # Paid out by the platform, not yet on the bank account (settle and sales modes).
    PAYOUT_NOT_IN_BANK = "payout_not_in_bank"
    # Paid out and in the bank, but the payout's voucher is not posted (settle and sales
    # modes): with the deposit awaiting it, this leaves the payout's fees on the account.
    PAID_OUT_AWAITING_VOUCHER = "paid_out_awaiting_voucher"
    # Payments the platform has not paid out yet (settle and sales modes).
    NOT_PAID_OUT = "not_paid_out"


@dataclass(frozen=True, slots=True)
class AccountRoles:
    """Which accounts are what, to place the other side of a clearing entry."""

    bank: frozenset[int]
    fees: frozenset[int]
    differences: frozenset[int]
    clearing: frozenset[int]


@dataclass(frozen=True, slots=True)
class ClearingEntry:
    """One entry on the clearing account (booked, or a draft line), debit positive."""

    entry_date: date
    amount: Money  # in the entry's currency
    amount_base: Money
    text: str
    partners: frozenset[int]  # the accounts on the other side of its voucher line
    ref: str  # e.g. "entry 2026:1234" or "draft 17"
    customer: bool = False  # the other side is a customer (a customer payment)
    draft: bool = False
    booked_by: BookedBy = BookedBy.OTHERS

    def kind(self, roles: AccountRoles) -> MovementKind:
        for accounts, kind in (
            (roles.bank, MovementKind.PAYOUTS),
            (roles.fees, MovementKind.FEES),
            (roles.differences, MovementKind.DIFFERENCES),
            (roles.clearing, MovementKind.TRANSFERS),
        ):
            if self.partners & accounts:
                return kind
        if self.partners or self.customer:
            return MovementKind.PAYMENTS
        return MovementKind.OTHER


@dataclass(frozen=True, slots=True)
class Movement:
    """The sum of one kind of entry, booked by econdesk or by others, in the period."""

    kind: MovementKind
    by: BookedBy
    amount: Money
    amount_base: Money
    count: int


@dataclass(frozen=True, slots=True)
class OpenItem:
    """Something that explains part of the closing balance; `amount` debit positive."""

    kind: OpenKind
    ref: str
    day: date
    amount: Money
    match_id: str | None = None  # a deposit's match (None: not matched)
    match_state: MatchState | None = None
    payout_ref: str | None = None  # a payment's payout, when it has one
    arrives: date | None = None  # ...and the day it reaches the bank


@dataclass(frozen=True)
class RollForward:
    """One clearing account in one currency over start..end (both days included)."""

    sources: str  # the platforms whose clearing account it is, e.g. "clearhaus, frisbii"
    account: int
    account_name: str
    currency: str
    base_currency: str
    start: date
    end: date
    opening: Money
    opening_base: Money
    movements: tuple[Movement, ...]
    open_items: tuple[OpenItem, ...] = ()
    drafts: int = 0  # how many of the entries are unbooked daybook lines
    notes: tuple[str, ...] = field(default=())

    @property
    def moved(self) -> Money:
        return money_sum((m.amount for m in self.movements), self.currency)

    @property
    def moved_base(self) -> Money:
        return money_sum((m.amount_base for m in self.movements), self.base_currency)

    @property
    def closing(self) -> Money:
        return self.opening + self.moved

    @property
    def closing_base(self) -> Money:
        return self.opening_base + self.moved_base

    @property
    def explained(self) -> Money:
        return money_sum((i.amount for i in self.open_items), self.currency)

    @property
    def unexplained(self) -> Money:
        return self.closing - self.explained


_ORDER = {kind: n for n, kind in enumerate(MovementKind)}


def movements(
    entries: Iterable[ClearingEntry], roles: AccountRoles, currency: str, base: str
) -> tuple[Movement, ...]:
    """The entries summed by kind and by who booked them, in a fixed order."""
    sums: dict[tuple[MovementKind, BookedBy], tuple[Money, Money, int]] = {}
    for e in entries:
        key = (e.kind(roles), e.booked_by)
        amount, amount_base, count = sums.get(key, (Money.zero(currency), Money.zero(base), 0))
        sums[key] = (amount + e.amount, amount_base + e.amount_base, count + 1)
    return tuple(
        Movement(kind, by, amount, amount_base, count)
        for (kind, by), (amount, amount_base, count) in sorted(
            sums.items(), key=lambda kv: (_ORDER[kv[0][0]], kv[0][1].value)
        )
    )


def roll_forward(
    *,
    sources: str,
    account: int,
    account_name: str,
    base_currency: str,
    start: date,
    end: date,
    entries: Sequence[ClearingEntry],
    roles: AccountRoles,
    open_items: Sequence[OpenItem] = (),
) -> list[RollForward]:
    """One roll-forward per currency the account's entries (up to `end`) are in; entries
    before `start` make the opening balance. `open_items` go to their currency's."""
    currencies = sorted(
        {e.amount.currency for e in entries} | {i.amount.currency for i in open_items}
    )
    found = []
    for currency in currencies or [base_currency]:
        mine = [e for e in entries if e.amount.currency == currency and e.entry_date <= end]
        before = [e for e in mine if e.entry_date < start]
        during = [e for e in mine if e.entry_date >= start]
        found.append(
            RollForward(
                sources=sources,
                account=account,
                account_name=account_name,
                currency=currency,
                base_currency=base_currency,
                start=start,
                end=end,
                opening=money_sum((e.amount for e in before), currency),
                opening_base=money_sum((e.amount_base for e in before), base_currency),
                movements=movements(during, roles, currency, base_currency),
                open_items=tuple(i for i in open_items if i.amount.currency == currency),
                drafts=sum(1 for e in mine if e.draft),
            )
        )
    return found
