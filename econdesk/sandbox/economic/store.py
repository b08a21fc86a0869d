"""The state of one sandbox agreement: chart, years, journals, booked entries and drafts.

Thread-safe through one lock (the server answers on many threads). Booked entries are
immutable and kept per (account, year) and per year in booking order, which is entryNumber
order; drafts (unbooked daybook lines) are kept by journalEntryNumber. `posted` and `booked`
record every voucher POST and booking the sandbox accepted, for tests to inspect.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from econdesk.sandbox.economic.chart import (
    CURRENCIES,
    VAT_ACCOUNTS,
    SandboxAccount,
    SandboxCurrency,
    SandboxVatAccount,
)
from econdesk.sandbox.economic.years import SandboxPeriod, SandboxYear, periods_of

if TYPE_CHECKING:
    from econdesk.sandbox.economic.attachments import VoucherDocument

CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Booked:
    entry_number: int
    year: str
    account: int
    day: date
    amount: Decimal  # in `currency`; positive debits the account
    amount_base: Decimal
    currency: str
    text: str
    entry_type: str
    voucher_number: int | None = None
    customer: int | None = None
    vat_code: str | None = None

    @property
    def day_iso(self) -> str:
        return self.day.isoformat()


@dataclass(frozen=True, slots=True)
class Draft:
    journal_entry_number: int
    journal: int
    entry_type: str
    day: date
    amount: Decimal
    amount_base: Decimal
    currency: str
    exchange_rate: Decimal  # base-currency units per 100
    year: str
    voucher_number: int
    account: int | None = None
    contra_account: int | None = None
    customer: int | None = None
    customer_invoice: int | None = None
    vat_code: str | None = None
    contra_vat_code: str | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class SandboxInvoice:
    number: int  # bookedInvoiceNumber
    customer: int
    recipient: str
    day: date
    due: date
    currency: str
    exchange_rate: Decimal  # base-currency units per 100
    net: Decimal
    vat: Decimal
    remainder: Decimal  # in `currency`
    reference: str | None = None  # references.other: the platform's invoice number
    heading: str = ""

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat

    def base(self, amount: Decimal) -> Decimal:
        return (amount * self.exchange_rate / 100).quantize(CENT)


@dataclass(frozen=True, slots=True)
class SandboxJournal:
    number: int
    name: str
    min_voucher: int = 1
    max_voucher: int | None = None
    entry_type_restricted_to: str | None = None
    contra_customer_payments: int | None = None
    contra_finance_vouchers: int | None = None


@dataclass(frozen=True, slots=True)
class PostedRecord:
    """One accepted POST /journals/{n}/vouchers, as the sandbox saw it."""

    journal: int
    body: Any  # the request body as parsed
    vouchers: tuple[tuple[str, int], ...]  # (year, voucher number) created
    entry_numbers: tuple[int, ...]  # journalEntryNumbers created
    idempotency_key: str | None


@dataclass
class EconomicData:
    """One agreement. Build with `generate.generate_data` or `generate.from_bank_entries`."""

    agreement_number: int
    company_name: str
    accounts: dict[int, SandboxAccount]
    years: list[SandboxYear]
    journals: dict[int, SandboxJournal]
    customers: dict[int, str]  # customerNumber -> name
    base_currency: str = "DKK"
    vat_accounts: dict[str, SandboxVatAccount] = field(
        default_factory=lambda: {v.code: v for v in VAT_ACCOUNTS}
    )
    currencies: dict[str, SandboxCurrency] = field(
        default_factory=lambda: {c.code: c for c in CURRENCIES}
    )
    bank_account: int = 5820
    debtors_account: int = 5600
    lock: threading.RLock = field(default_factory=threading.RLock)
    version: int = 0  # bumped on every change, so cached filter results expire
    by_account_year: dict[tuple[int, str], list[Booked]] = field(default_factory=dict)
    by_year: dict[str, list[Booked]] = field(default_factory=dict)
    drafts: dict[int, Draft] = field(default_factory=dict)
    next_entry_number: int = 1
    last_entry_number: int = 0
    next_draft_number: int = 1
    posted: list[PostedRecord] = field(default_factory=list)
    booked_batches: list[tuple[int, tuple[int, ...]]] = field(default_factory=list)
    booked_vouchers: dict[str, set[int]] = field(default_factory=dict)  # year -> numbers
    balances: dict[int, Decimal] = field(default_factory=dict)  # booked, base currency
    # Closed accounting periods, by year: period numbers (see years.periods_of).
    closed_periods: dict[str, set[int]] = field(default_factory=dict)
    # The VAT is settled (reported) for every period up to and including this day: no entry
    # with a VAT code may be dated on or before it.
    vat_settled_until: date | None = None
    # Booked customer invoices by bookedInvoiceNumber (sandbox/economic/invoices.py).
    invoices: dict[int, SandboxInvoice] = field(default_factory=dict)
    # Each voucher's attached document, by (journal, accounting year, voucher number).
    documents: dict[tuple[int, str, int], VoucherDocument] = field(default_factory=dict)

    # -- lookups --------------------------------------------------------------------------
    def year_named(self, name: str) -> SandboxYear | None:
        return next((y for y in self.years if y.year == name), None)

    def year_of(self, day: date) -> SandboxYear | None:
        return next((y for y in self.years if y.covers(day)), None)

    def periods(self, year: SandboxYear) -> list[SandboxPeriod]:
        return periods_of(year, frozenset(self.closed_periods.get(year.year, ())))

    def period_of(self, day: date) -> tuple[SandboxYear, SandboxPeriod] | None:
        year = self.year_of(day)
        if year is None:
            return None
        period = next((p for p in self.periods(year) if p.covers(day)), None)
        return None if period is None else (year, period)

    def close_period(self, day: date) -> None:
        """Close the accounting period holding `day` (as closing it in e-conomic's settings)."""
        with self.lock:
            found = self.period_of(day)
            if found is None:
                raise ValueError(f"no accounting period covers {day.isoformat()}")
            year, period = found
            self.closed_periods.setdefault(year.year, set()).add(period.number)
            self.version += 1

    def settle_vat(self, until: date) -> None:
        """Settle (report) the VAT of every period up to and including `until`."""
        with self.lock:
            self.vat_settled_until = until
            self.version += 1

    def rate(self, currency: str) -> Decimal:
        return self.currencies[currency].rate_per_100

    def to_base(self, amount: Decimal, currency: str, rate: Decimal | None = None) -> Decimal:
        if currency == self.base_currency:
            return amount
        used = rate if rate is not None else self.rate(currency)
        return (amount * used / 100).quantize(CENT, ROUND_HALF_UP)

    def account_entries(self, account: int, year: str) -> list[Booked]:
        return self.by_account_year.get((account, year), [])

    def year_entries(self, year: str) -> list[Booked]:
        return self.by_year.get(year, [])

    def drafts_in(self, journal: int) -> list[Draft]:
        return [d for d in self.drafts.values() if d.journal == journal]

    def used_voucher_numbers(self, year: str) -> set[int]:
        """Voucher numbers taken in an accounting year, by drafts in any journal or by
        booked vouchers (e-conomic numbers vouchers per year, agreement-wide)."""
        used = {d.voucher_number for d in self.drafts.values() if d.year == year}
        used.update(self.booked_vouchers.get(year, ()))
        return used

    # -- changes (callers hold `lock`) -------------------------------------------------------
    def book(self, entry: Booked) -> None:
        """Add one booked entry; entry numbers must only grow."""
        if entry.entry_number <= self.last_entry_number:
            raise ValueError(f"entry number {entry.entry_number} is not after the last one")
        self.last_entry_number = entry.entry_number
        self.by_account_year.setdefault((entry.account, entry.year), []).append(entry)
        self.by_year.setdefault(entry.year, []).append(entry)
        self.balances[entry.account] = (
            self.balances.get(entry.account, Decimal(0)) + entry.amount_base
        )
        if entry.voucher_number is not None:
            self.note_booked_voucher(entry.year, entry.voucher_number)
        self.next_entry_number = max(self.next_entry_number, entry.entry_number + 1)
        self.version += 1

    def book_many(self, entries: Iterable[Booked]) -> None:
        for entry in entries:
            self.book(entry)

    def note_booked_voucher(self, year: str, number: int) -> None:
        self.booked_vouchers.setdefault(year, set()).add(number)

    def add_draft(self, draft: Draft) -> None:
        if draft.journal_entry_number in self.drafts:
            raise ValueError(f"journal entry {draft.journal_entry_number} exists already")
        self.drafts[draft.journal_entry_number] = draft
        self.next_draft_number = max(self.next_draft_number, draft.journal_entry_number + 1)
        self.version += 1

    def remove_drafts(self, numbers: Iterable[int]) -> None:
        for number in numbers:
            del self.drafts[number]
        self.version += 1

    def take_entry_number(self) -> int:
        number = self.next_entry_number
        self.next_entry_number += 1
        return number

    def take_draft_number(self) -> int:
        number = self.next_draft_number
        self.next_draft_number += 1
        return number

    # -- views for tests ------------------------------------------------------------------
    def balance(self, account: int) -> Decimal:
        """The booked balance of an account in the base currency, over all years."""
        with self.lock:
            return self.balances.get(account, Decimal(0))

    def draft_balance(self, account: int) -> Decimal:
        """What the account's balance would be with every draft booked (base currency)."""
        with self.lock:
            total = self.balances.get(account, Decimal(0))
            for d in self.drafts.values():
                if d.account == account:
                    total += d.amount_base
                if d.contra_account == account:
                    total -= d.amount_base
            return total
