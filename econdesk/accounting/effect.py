"""What a voucher does to each account, and what it leaves on the clearing account.

The voucher preview (app and `econdesk post --dry-run`) shows, beside the lines e-conomic is
sent, each account the voucher moves with its debit and credit: bank, clearing, debtor
(customer payments), revenue, VAT, fees, differences. The split follows e-conomic's rules as
vouchers.py sends them: a positive amount debits `account` (the customer, for a customer
payment) and credits `contraAccount`; a line with a VAT code carries the gross amount and
e-conomic books the VAT on the code's account (`PreparedLine.vat`, or the code's rate); a
reverse-charge code (one with a contra VAT account) leaves the amount whole and books
amount x rate on the code's account and, opposite, on its contra account
(docs/booking-modes.md#e-conomic-vat-accounts).

The second half answers "what stays on the clearing account for this payout?": what stood on
it for the payout before the voucher (the deposit the bank feed booked there under the
clearing profile; the payments an integration, or econdesk's sales, booked there under the
`settle` and `sales` modes) plus the voucher's own movement on it. Zero is the goal; anything
else comes with the parts that make it up.

Pure: no I/O. Line roles this module does not know (new booking modes add some) are placed by
the words in their name, else shown as "other"; their amounts are never dropped.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from econdesk.accounting.chart import Chart
from econdesk.accounting.vat import vat_of_gross
from econdesk.accounting.voucher_modes import booked_elsewhere
from econdesk.accounting.vouchers import (
    LineRole,
    MatchMaterial,
    PostingProfile,
    PreparedLine,
    PreparedVoucher,
)
from econdesk.domain.booking import BookingMode
from econdesk.domain.model import BankEntry, BankEntryOrigin, PlatformItem
from econdesk.domain.money import Money, money_sum


class AccountKind(enum.StrEnum):
    """What an account is to the voucher, in the order the preview lists them."""

    BANK = "bank"
    CLEARING = "clearing"
    DEBTOR = "debtor"
    REVENUE = "revenue"
    VAT = "vat"
    FEE = "fee"
    DIFFERENCE = "difference"
    EXCHANGE_DIFFERENCE = "exchange_difference"
    RESERVE = "reserve"
    OTHER = "other"


_ORDER = {kind: n for n, kind in enumerate(AccountKind)}

# The account side of each known role; the contra side is the clearing account (or the bank).
_ROLE_KIND: dict[str, AccountKind] = {
    LineRole.BANK.value: AccountKind.BANK,
    LineRole.REVENUE.value: AccountKind.REVENUE,
    LineRole.REFUND.value: AccountKind.REVENUE,
    LineRole.CHARGEBACK.value: AccountKind.REVENUE,
    LineRole.CUSTOMER_PAYMENT.value: AccountKind.DEBTOR,
    LineRole.FEE.value: AccountKind.FEE,
    LineRole.ADJUSTMENT.value: AccountKind.DIFFERENCE,
    LineRole.DIFFERENCE.value: AccountKind.DIFFERENCE,
    LineRole.ROUNDING.value: AccountKind.DIFFERENCE,
    LineRole.TRANSFER.value: AccountKind.CLEARING,
    LineRole.RESERVE.value: AccountKind.RESERVE,
    LineRole.POSTING.value: AccountKind.OTHER,
}
# For roles not listed above: the first word found in the role's name decides.
_ROLE_WORDS: tuple[tuple[str, AccountKind], ...] = (
    ("exchange", AccountKind.EXCHANGE_DIFFERENCE),
    ("fee", AccountKind.FEE),
    ("vat", AccountKind.VAT),
    ("bank", AccountKind.BANK),
    ("customer", AccountKind.DEBTOR),
    ("debtor", AccountKind.DEBTOR),
    ("invoice", AccountKind.DEBTOR),
    ("sale", AccountKind.REVENUE),
    ("revenue", AccountKind.REVENUE),
    ("refund", AccountKind.REVENUE),
    ("dispute", AccountKind.REVENUE),
    ("difference", AccountKind.DIFFERENCE),
    ("rounding", AccountKind.DIFFERENCE),
    ("clearing", AccountKind.CLEARING),
    ("transfer", AccountKind.CLEARING),
    ("reserve", AccountKind.RESERVE),
)


def role_kind(role: LineRole | str) -> AccountKind:
    """The kind of account a line of this role debits or credits on its account side."""
    name = role.value if isinstance(role, LineRole) else str(role)
    known = _ROLE_KIND.get(name)
    if known is not None:
        return known
    return next((kind for word, kind in _ROLE_WORDS if word in name.lower()), AccountKind.OTHER)


@dataclass(frozen=True, slots=True)
class AccountEffect:
    """One account's debit and credit in the voucher (in the voucher's currency)."""

    kind: AccountKind
    account: int | None  # None for a customer (the debtor account the customer's group names)
    name: str
    debit: Money
    credit: Money
    customer: int | None = None

    @property
    def net(self) -> Money:
        """Debit minus credit: what the voucher adds to the account's balance."""
        return self.debit - self.credit


class BeforeReason(enum.StrEnum):
    """Why something stands on the clearing account for a payout before its voucher."""

    DEPOSIT = "deposit"  # the bank feed booked the deposit bank / clearing (clearing profile)
    INTEGRATION = "integration"  # an integration booked the payments there (`settle`)
    SALES = "sales"  # econdesk booked the sales there (`sales`)


@dataclass(frozen=True, slots=True)
class Before:
    """An amount standing on a clearing account for the payout before the voucher posts;
    positive is a debit."""

    reason: BeforeReason
    account: int
    amount: Money
    sources: tuple[str, ...] = ()


# Who put a mode's items on the clearing account before the payout's voucher.
_ELSEWHERE = {BookingMode.SETTLE: BeforeReason.INTEGRATION, BookingMode.SALES: BeforeReason.SALES}


@dataclass(frozen=True, slots=True)
class ClearingLeft:
    """What stays on one clearing account for the payout once the voucher is posted."""

    account: int
    name: str
    before: tuple[Before, ...]
    voucher: Money  # the voucher's own movement on it (debit positive)
    deposit_outside_books: bool = False  # the deposit is a bank-file line, not yet in e-conomic

    @property
    def left(self) -> Money:
        return money_sum((b.amount for b in self.before), self.voucher.currency) + self.voucher

    @property
    def is_zero(self) -> bool:
        return self.left.is_zero()


@dataclass(frozen=True)
class VoucherEffect:
    """The preview's account table and what stays on the clearing accounts."""

    currency: str
    accounts: tuple[AccountEffect, ...]
    clearing: tuple[ClearingLeft, ...]

    @property
    def debit(self) -> Money:
        """Total debits in the voucher's currency (a base-currency rounding line apart)."""
        return money_sum((a.debit for a in self.in_currency()), self.currency)

    @property
    def credit(self) -> Money:
        return money_sum((a.credit for a in self.in_currency()), self.currency)

    def in_currency(self) -> list[AccountEffect]:
        return [a for a in self.accounts if a.debit.currency == self.currency]

    @property
    def clearing_zero(self) -> bool:
        return all(c.is_zero for c in self.clearing)


# -- what stood there before -------------------------------------------------------------------


def already_on_clearing(
    prepared: PreparedVoucher,
    bank_entries: Iterable[BankEntry],
    items: Iterable[PlatformItem],
    bookings: Mapping[str, BookingMode | None],
) -> tuple[Before, ...]:
    """What the payout has put on the clearing accounts before its voucher: the deposit the
    bank feed booked (clearing profile, deposit booked or drafted in e-conomic) and the items
    booked there by an integration (`settle`) or by econdesk's sales (`sales`), by each item's
    platform's mode (`bookings`: platform -> mode) and the voucher builder's own rule
    (voucher_modes.booked_elsewhere)."""
    found: list[Before] = []
    entries = list(bank_entries)
    in_books = [e for e in entries if e.origin is not BankEntryOrigin.FILE]
    if prepared.profile is PostingProfile.CLEARING and in_books:
        # The feed booked it where the acquirer's deposits go: the transfer line's account
        # when there is one, else the clearing account itself.
        transfer = next((p for p in prepared.lines if p.role is LineRole.TRANSFER), None)
        fed = transfer.line.account if transfer and transfer.line.account else None
        amount = money_sum((e.amount for e in in_books), prepared.deposit.currency)
        refs = tuple(e.ref for e in in_books)
        found.append(Before(BeforeReason.DEPOSIT, fed or prepared.clearing_account, -amount, refs))
    items = list(items)
    for mode, reason in _ELSEWHERE.items():
        sold = [
            i for i in items if bookings.get(i.provider) is mode and booked_elsewhere(mode, i.kind)
        ]
        if sold:
            total = money_sum((i.amount for i in sold), prepared.deposit.currency)
            refs = tuple(i.ref for i in sold)
            found.append(Before(reason, prepared.clearing_account, total, refs))
    return tuple(found)


# -- the voucher's own effect ------------------------------------------------------------------


_Key = tuple[AccountKind, int | None, int | None, str]  # kind, account, customer, currency


@dataclass
class _Tally:
    chart: Chart | None
    rows: dict[_Key, tuple[Money, Money]]

    def add(
        self, kind: AccountKind, account: int | None, amount: Money, customer: int | None = None
    ) -> None:
        """A debit (positive) or credit (negative), in the amount's own currency: a foreign
        voucher's base-currency rounding line keeps its currency."""
        if amount.is_zero():
            return
        key = (kind, account, customer, amount.currency)
        zero = Money.zero(amount.currency)
        debit, credit = self.rows.get(key, (zero, zero))
        if amount.is_negative():
            self.rows[key] = (debit, credit - amount)
        else:
            self.rows[key] = (debit + amount, credit)

    def side(
        self,
        kind: AccountKind,
        account: int | None,
        amount: Money,
        vat_code: str | None,
        *,
        vat: Money | None = None,
        customer: int | None = None,
    ) -> None:
        """One side of a line: its amount on the account, with the VAT e-conomic takes out."""
        code = self.chart.vat_codes.get(vat_code) if self.chart and vat_code else None
        rate = code.rate_percent if code is not None else None
        if code is not None and code.reverse_charge and rate is not None:
            charged = (amount * (rate / Decimal(100))).rounded()
            self.add(kind, account, amount, customer)
            self.add(AccountKind.VAT, code.account, charged)
            self.add(AccountKind.VAT, code.contra_account, -charged)
            return
        if vat is None and vat_code is not None and rate is not None:
            vat = vat_of_gross(amount, rate)
        if vat is None or vat.is_zero():
            self.add(kind, account, amount, customer)
            return
        self.add(kind, account, amount - vat, customer)
        self.add(AccountKind.VAT, code.account if code is not None else None, vat)

    def effects(self, currency: str) -> tuple[AccountEffect, ...]:
        """The voucher currency's rows first, then any other currency's."""
        ordered = sorted(
            self.rows.items(),
            key=lambda kv: (kv[0][3] != currency, kv[0][3], _ORDER[kv[0][0]], kv[0][1] or 0,
                            kv[0][2] or 0),
        )  # fmt: skip
        return tuple(
            AccountEffect(kind, account, self.name(account), debit, credit, customer)
            for (kind, account, customer, _currency), (debit, credit) in ordered
        )

    def name(self, account: int | None) -> str:
        if account is None or self.chart is None:
            return ""
        known = self.chart.accounts.get(account)
        return known.name if known is not None else ""


def _contra_kind(contra: int, prepared: PreparedVoucher, banks: set[int]) -> AccountKind:
    if contra == prepared.clearing_account:
        return AccountKind.CLEARING
    return AccountKind.BANK if contra in banks else AccountKind.OTHER


def _account_kind(p: PreparedLine, prepared: PreparedVoucher) -> AccountKind:
    if p.line.account is not None and p.line.account == prepared.clearing_account:
        return AccountKind.CLEARING
    return role_kind(p.role)


def voucher_effect(
    prepared: PreparedVoucher,
    chart: Chart | None = None,
    before: Sequence[Before] = (),
    *,
    deposit_outside_books: bool = False,
) -> VoucherEffect:
    """Each account's debit and credit, and what stays on each clearing account.

    `chart` names the accounts and gives the VAT codes' accounts (without it the VAT rows have
    no account number); `before` is what stood on the clearing accounts for the payout
    (`already_on_clearing`).
    """
    currency = prepared.deposit.currency
    tally = _Tally(chart, {})
    banks = {p.line.account for p in prepared.lines if p.role is LineRole.BANK and p.line.account}
    for p in prepared.lines:
        line = p.line
        if line.account is None and line.customer_number is not None:
            tally.side(AccountKind.DEBTOR, None, line.amount, None, customer=line.customer_number)
        else:
            kind = _account_kind(p, prepared)
            tally.side(kind, line.account, line.amount, line.vat_code, vat=p.vat)
        if line.contra_account is not None:
            kind = _contra_kind(line.contra_account, prepared, banks)
            tally.side(kind, line.contra_account, -line.amount, line.contra_vat_code)
    accounts = tally.effects(currency)
    return VoucherEffect(
        currency,
        accounts,
        _clearing_left(prepared, accounts, before, tally, deposit_outside_books),
    )


def _clearing_left(
    prepared: PreparedVoucher,
    accounts: Sequence[AccountEffect],
    before: Sequence[Before],
    tally: _Tally,
    deposit_outside_books: bool,
) -> tuple[ClearingLeft, ...]:
    currency = prepared.deposit.currency
    numbers = {prepared.clearing_account} | {b.account for b in before}
    numbers |= {a.account for a in accounts if a.kind is AccountKind.CLEARING and a.account}
    return tuple(
        ClearingLeft(
            number,
            tally.name(number),
            tuple(b for b in before if b.account == number),
            money_sum(
                (a.net for a in accounts if a.account == number and a.net.currency == currency),
                currency,
            ),
            deposit_outside_books and number == prepared.clearing_account,
        )
        for number in sorted(numbers)
    )


def effect_of(
    prepared: PreparedVoucher,
    material: MatchMaterial,
    chart: Chart | None,
    bookings: Mapping[str, BookingMode | None] | None = None,
) -> VoucherEffect:
    """`voucher_effect` of a built voucher, with what its match put on the clearing account
    before it (`already_on_clearing`; `bookings`: each platform's booking mode)."""
    before = already_on_clearing(prepared, material.bank_entries, material.items, bookings or {})
    outside = prepared.profile is PostingProfile.CLEARING and all(
        e.origin is BankEntryOrigin.FILE for e in material.bank_entries
    )
    return voucher_effect(prepared, chart, before, deposit_outside_books=outside)
