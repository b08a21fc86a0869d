"""Typed, immutable results of the e-conomic client (docs/economic-api.md#resource-shapes).

Amounts are Money (Decimal); links are kept (`self_url`, `entries_url`, ...) because e-conomic
asks clients to follow them rather than build URLs, notably for split accounting years such
as "2024/2025" whose URL id is encoded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeAlias

import msgspec

from econdesk.domain.model import BankEntry, BankEntryOrigin
from econdesk.domain.money import Money


@dataclass(frozen=True, slots=True)
class Agreement:
    """GET /self: who we are connected to."""

    agreement_number: int
    company_name: str
    base_currency: str
    user_name: str | None = None
    company_vat_number: str | None = None
    bank_account_number: str | None = None
    modules: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Account:
    number: int
    name: str
    account_type: str  # profitAndLoss, status, heading, headingStart, totalFrom, sumInterval...
    debit_credit: str = "debit"
    balance: Decimal | None = None
    draft_balance: Decimal | None = None
    barred: bool = False  # false booleans are omitted by e-conomic, hence the defaults
    block_direct_entries: bool = False
    vat_code: str | None = None
    contra_account: int | None = None
    accounting_years_url: str | None = None
    self_url: str = ""

    @property
    def takes_entries(self) -> bool:
        return self.account_type in ("profitAndLoss", "status") and not self.barred


@dataclass(frozen=True, slots=True)
class AccountingYear:
    """An accounting year; `entries_url` is the year's (or one account's year's) entries."""

    year: str  # "2024" or "2024/2025"
    from_date: date
    to_date: date
    closed: bool = False
    entries_url: str | None = None
    vouchers_url: str | None = None
    self_url: str = ""

    def covers(self, day: date) -> bool:
        return self.from_date <= day <= self.to_date

    def overlaps(self, start: date, end: date) -> bool:
        return self.from_date <= end and start <= self.to_date


@dataclass(frozen=True, slots=True)
class VatAccount:
    code: str  # U25, I25, ...
    name: str
    rate_percent: Decimal
    account: int | None = None
    contra_account: int | None = None
    vat_type_number: int | None = None
    vat_type_name: str | None = None
    barred: bool = False


@dataclass(frozen=True, slots=True)
class BookedInvoice:
    """A booked customer invoice with what is left to pay (`GET /invoices/unpaid`).

    `other_reference` is `references.other`, where an integration keeps the billing
    platform's own invoice number (docs/booking-modes.md).
    """

    number: int  # bookedInvoiceNumber
    customer_number: int
    day: date
    currency: str
    gross: Decimal  # grossAmount, in the invoice's currency
    remainder: Decimal  # what is left to pay, in the invoice's currency
    other_reference: str | None = None
    due_date: date | None = None  # dueDate: only with payment terms of type "duedate"
    recipient_name: str | None = None  # recipient.name: whom the invoice was made out to


@dataclass(frozen=True, slots=True)
class Currency:
    code: str
    name: str = ""
    iso_number: str | None = None


@dataclass(frozen=True, slots=True)
class Journal:
    """A daybook (kassekladde) and the voucher numbers e-conomic hands out in it."""

    number: int
    name: str
    min_voucher_number: int | None = None
    max_voucher_number: int | None = None
    entry_type_restricted_to: str | None = None
    contra_account_customer_payments: int | None = None
    contra_account_finance_vouchers: int | None = None
    entries_url: str | None = None
    vouchers_url: str | None = None
    self_url: str = ""


# A booked entry's amounts are decoded as any JSON value, `float_hook=Decimal` reading a number
# from its own digits: a quoted amount then stays a str, which the page reader refuses (msgspec
# reads a string into a Decimal field as readily as a number, and e-conomic documents numbers).
# Every entry the reader hands out holds a Decimal there, which is what type checkers see.
if TYPE_CHECKING:
    _Amount: TypeAlias = Decimal
else:
    _Amount = Any


class AccountRef(msgspec.Struct, frozen=True, gc=False):
    """An account as an entry names it: `{"accountNumber": 5820, "self": ...}`."""

    number: int = msgspec.field(name="accountNumber")


class CustomerRef(msgspec.Struct, frozen=True, gc=False):
    number: int = msgspec.field(name="customerNumber")


class VatAccountRef(msgspec.Struct, frozen=True, gc=False):
    code: str = msgspec.field(name="vatCode")


class BookedEntry(msgspec.Struct, frozen=True, gc=False):
    """A booked entry on one account (GET /accounts/{n}/accounting-years/{y}/entries).

    Its fields are e-conomic's own, under their wire names, so that a page of 1000 entries is
    decoded straight into these (`parse.booked_page`): the entries come by the hundred
    thousand, and decoding them into a wire record first and copying that into the entry cost
    several times as much (figures: benchmarks/economic_fetch.py). The amounts are exact
    Decimals read from the JSON number's own digits; `amount` and `amount_base` give them as
    Money. `year` and `base_currency` are not in the entry: the reader sets them from the page's
    year and the agreement.

    A frozen msgspec Struct, not tracked by the cycle collector (gc=False): its fields cannot
    lead back to it, so the first collection after a fetch no longer walks every entry.
    """

    entry_number: int = msgspec.field(name="entryNumber")
    entry_date: date = msgspec.field(name="date")
    account: AccountRef
    value: _Amount = msgspec.field(name="amount")  # in `currency`; positive debits the account
    currency: str
    # In the base currency; absent (UNSET) when e-conomic leaves it out: then the same number.
    base_value: _Amount | msgspec.UnsetType = msgspec.field(
        default=msgspec.UNSET, name="amountInBaseCurrency"
    )
    text: str = ""
    entry_type: str | None = msgspec.field(default=None, name="entryType")
    voucher_number: int | None = msgspec.field(default=None, name="voucherNumber")
    customer: CustomerRef | None = None
    vat_account: VatAccountRef | None = msgspec.field(default=None, name="vatAccount")
    year: str = ""
    base_currency: str = ""

    @property
    def account_number(self) -> int:
        return self.account.number

    @property
    def amount(self) -> Money:
        """The amount in the entry's currency; positive debits the account."""
        return Money(self.value, self.currency)

    @property
    def amount_base(self) -> Money:
        """The amount in the agreement's base currency."""
        base = self.base_value
        return Money(self.value if base is msgspec.UNSET else base, self.base_currency)

    @property
    def customer_number(self) -> int | None:
        return None if self.customer is None else self.customer.number

    @property
    def vat_code(self) -> str | None:
        return None if self.vat_account is None else self.vat_account.code

    def to_bank_entry(self) -> BankEntry:
        """The domain view: a debit on the bank account is money in (positive)."""
        amount, base = self.amount, self.amount_base
        return BankEntry(
            origin=BankEntryOrigin.BOOKED,
            external_id=str(self.entry_number),
            account_number=self.account_number,
            entry_date=self.entry_date,
            amount=amount,
            text=self.text,
            amount_base=base if base.currency != amount.currency else None,
            voucher_number=self.voucher_number,
            entry_type=self.entry_type,
        )


@dataclass(frozen=True, slots=True)
class DraftEntry:
    """An unbooked daybook line (GET /journals/{n}/entries, or a posted voucher's entry).

    `amount` debits `account` (the customer, for a customer payment) and credits
    `contra_account`; a minus sign means the opposite.
    """

    journal_entry_number: int
    journal_number: int
    entry_type: str
    entry_date: date
    amount: Money
    amount_base: Money | None = None
    account_number: int | None = None
    contra_account_number: int | None = None
    customer_number: int | None = None
    customer_invoice: int | None = None
    vat_code: str | None = None
    contra_vat_code: str | None = None
    exchange_rate: Decimal | None = None
    text: str = ""
    voucher_number: int | None = None
    year: str | None = None
    self_url: str = ""

    def touches(self, account: int) -> bool:
        return account in (self.account_number, self.contra_account_number)

    def bank_amount(self, bank_account: int) -> Money:
        """The line's effect on the bank account: + when the bank is debited (money in)."""
        if self.account_number == bank_account and self.contra_account_number != bank_account:
            return self.amount
        if self.contra_account_number == bank_account and self.account_number != bank_account:
            return -self.amount
        return Money.zero(self.amount.currency)

    def to_bank_entry(self, bank_account: int) -> BankEntry:
        base = self.amount_base
        if base is not None and self.contra_account_number == bank_account:
            base = -base
        amount = self.bank_amount(bank_account)
        return BankEntry(
            origin=BankEntryOrigin.DRAFT,
            external_id=str(self.journal_entry_number),
            account_number=bank_account,
            entry_date=self.entry_date,
            amount=amount,
            text=self.text,
            amount_base=base if base is not None and base.currency != amount.currency else None,
            voucher_number=self.voucher_number,
            entry_type=self.entry_type,
        )


@dataclass(frozen=True, slots=True)
class PostedVoucher:
    """One voucher e-conomic created from a POST; a POST may come back as several."""

    journal_number: int
    year: str
    voucher_number: int
    entries: tuple[DraftEntry, ...]
    self_url: str = ""

    @property
    def entry_numbers(self) -> tuple[int, ...]:
        return tuple(e.journal_entry_number for e in self.entries)


@dataclass(frozen=True, slots=True)
class PostResult:
    vouchers: tuple[PostedVoucher, ...]
    from_cache: bool = False  # e-conomic replayed an earlier answer for this Idempotency-Key

    @property
    def entry_numbers(self) -> tuple[int, ...]:
        return tuple(n for v in self.vouchers for n in v.entry_numbers)


@dataclass(frozen=True, slots=True)
class BankSyncMark:
    """Where a fetch of booked bank entries got to: the highest entryNumber seen per year.

    Booked entries never change and e-conomic numbers them in booking order, so the next
    fetch asks each year only for `entryNumber > mark` (plus every year it has not seen).
    The mark is valid for fetches that start on or after `start`.
    """

    account_number: int
    start: date
    last_entry_by_year: dict[str, int] = field(default_factory=dict)

    def after(self, year: str) -> int | None:
        return self.last_entry_by_year.get(year)


@dataclass(frozen=True, slots=True)
class BankFetch:
    """Everything on the bank account in a date range: booked entries and unbooked drafts.

    `booked` holds only the entries new since `mark` was passed in (all of them without a
    mark); `drafts` always holds every draft line touching the account in the range, because
    drafts change and disappear (are booked or deleted): the caller replaces its copy.
    """

    booked: tuple[BookedEntry, ...]
    drafts: tuple[DraftEntry, ...]
    mark: BankSyncMark
    years: tuple[AccountingYear, ...]
    incremental: bool = False

    def bank_entries(self) -> list[BankEntry]:
        account = self.mark.account_number
        return [e.to_bank_entry() for e in self.booked] + [
            d.to_bank_entry(account) for d in self.drafts
        ]


@dataclass(frozen=True, slots=True)
class VoucherAttachment:
    """A voucher's attached document as `GET .../attachment` describes it."""

    pages: int | None
    created_at: str | None
    file_url: str | None


@dataclass(frozen=True, slots=True)
class MarkerSearch:
    """Where a text marker was found: unbooked daybook lines and booked entries."""

    marker: str
    drafts: tuple[DraftEntry, ...] = ()
    booked: tuple[BookedEntry, ...] = ()

    @property
    def found(self) -> bool:
        return bool(self.drafts or self.booked)

    @property
    def voucher_numbers(self) -> tuple[int, ...]:
        numbers = {d.voucher_number for d in self.drafts} | {b.voucher_number for b in self.booked}
        return tuple(sorted(n for n in numbers if n is not None))
