"""Sandbox agreements: generated from a seed, or loaded from a scenario's bank entries.

`generate_data(seed, ...)` makes a plausible Danish subscription company: the chart from
`chart.py`, years with the 2025/2026 split year, three journals, customers, and bank lines
(platform payouts and settlements, customer transfers, rent, salaries, fees), booked with
recent days left as unbooked daybook lines.

`from_bank_entries(entries, ...)` takes domain BankEntry objects (the scenario generator's
output): BOOKED ones become booked entries on the bank account with their entryNumber, DRAFT
ones daybook lines in journal 1 with their journalEntryNumber. Opening data only holds the
bank account's side of each entry (what econdesk reads); vouchers posted and booked through
the API get both sides.
"""

from __future__ import annotations

import dataclasses
import itertools
import random
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from econdesk.domain.model import BankEntry, BankEntryOrigin
from econdesk.sandbox.economic.chart import (
    BANK_ACCOUNT,
    CLEARING_ACCOUNTS,
    SUSPENSE_ACCOUNT,
    generate_chart,
)
from econdesk.sandbox.economic.store import CENT, Booked, Draft, EconomicData, SandboxJournal
from econdesk.sandbox.economic.years import SandboxYear, default_years

DEFAULT_START = date(2025, 11, 1)
DEFAULT_END = date(2026, 3, 31)
FIRST_ENTRY_NUMBER = 1001
FIRST_DRAFT_NUMBER = 1

JOURNALS: tuple[SandboxJournal, ...] = (
    SandboxJournal(1, "Kassekladde", 1, 49_999),
    SandboxJournal(
        2, "Indbetalinger", 50_001, 59_999, "customerPayment", contra_customer_payments=BANK_ACCOUNT
    ),
    SandboxJournal(3, "Afstemning af betalinger", 90_001, 99_999),
)

_FIRST = (
    "Anne",
    "Mads",
    "Sofie",
    "Frederik",
    "Ida",
    "Emil",
    "Freja",
    "Oliver",
    "Laura",
    "Lucas",
    "Karen",
    "Jens",
    "Mette",
    "Søren",
    "Signe",
    "Niels",
    "Line",
    "Rasmus",
    "Maja",
    "Kasper",
)
_LAST = (
    "Jensen",
    "Nielsen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
)
_COMPANIES = ("ApS", "A/S", "I/S", "IVS")


def customers_for(seed: int, count: int = 250) -> dict[int, str]:
    rng = random.Random(f"customers:{seed}")
    names: dict[int, str] = {}
    for number in range(1, count + 1):
        if rng.random() < 0.3:
            trade = rng.choice(("Consult", "Design", "Data", "Byg"))
            names[number] = f"{rng.choice(_LAST)} {trade} {rng.choice(_COMPANIES)}"
        else:
            names[number] = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    return names


def empty_agreement(
    seed: int,
    first: date,
    last: date,
    *,
    company_name: str = "Abonnementshuset ApS",
    customers: Mapping[int, str] | None = None,
    years: Iterable[SandboxYear] | None = None,
    journals: Iterable[SandboxJournal] = JOURNALS,
) -> EconomicData:
    """An agreement with chart, years, journals and customers but no entries yet."""
    chart = generate_chart(seed)
    return EconomicData(
        agreement_number=1_100_000 + seed % 900_000,
        company_name=company_name,
        accounts={a.number: a for a in chart},
        years=list(years)
        if years is not None
        else default_years(first, last, closed_before=date(2024, 1, 1)),
        journals={j.number: j for j in journals},
        customers=dict(customers) if customers is not None else customers_for(seed),
        next_entry_number=FIRST_ENTRY_NUMBER,
        next_draft_number=FIRST_DRAFT_NUMBER,
    )


# -- generated bank lines -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Kind:
    weight: int
    sign: int
    low: int  # kroner
    high: int
    contra: int
    entry_type: str
    text: Callable[[random.Random, date, int], str]


def _stripe(rng: random.Random, day: date, n: int) -> str:
    return f"STRIPE PAYOUT po_1{rng.getrandbits(60):015X}"[:48]


def _clearhaus(rng: random.Random, day: date, n: int) -> str:
    return f"CLEARHAUS A/S {rng.randint(1_000_000, 9_999_999)} {day:%d%m}"


def _chargebee(rng: random.Random, day: date, n: int) -> str:
    return f"ADYEN N.V. BATCH {day:%Y%m%d}-{rng.randint(10, 99)}"


def _mobilepay(rng: random.Random, day: date, n: int) -> str:
    return f"MobilePay Overførsel {day:%d.%m}"


def _transfer(rng: random.Random, day: date, n: int) -> str:
    return f"Indbetaling faktura {20_000 + n % 5000} {rng.choice(_FIRST)} {rng.choice(_LAST)}"


_KINDS: tuple[_Kind, ...] = (
    _Kind(24, 1, 800, 48_000, CLEARING_ACCOUNTS["stripe"], "financeVoucher", _stripe),
    _Kind(20, 1, 500, 60_000, CLEARING_ACCOUNTS["frisbii"], "financeVoucher", _clearhaus),
    _Kind(10, 1, 300, 30_000, CLEARING_ACCOUNTS["chargebee"], "financeVoucher", _chargebee),
    _Kind(8, 1, 100, 9_000, 5840, "financeVoucher", _mobilepay),
    _Kind(14, 1, 199, 25_000, 5600, "customerPayment", _transfer),
    _Kind(3, -1, 20_000, 35_000, 3610, "financeVoucher", lambda r, d, n: f"Husleje {d:%B %Y}"),
    _Kind(4, -1, 30_000, 90_000, 4100, "financeVoucher", lambda r, d, n: "Lønoverførsel"),
    _Kind(
        9,
        -1,
        150,
        12_000,
        4050,
        "financeVoucher",
        lambda r, d, n: r.choice(("AWS EMEA", "Google Cloud", "Atlassian", "Zendesk", "Figma")),
    ),
    _Kind(4, -1, 15, 400, 7220, "financeVoucher", lambda r, d, n: "Gebyr bankoverførsel"),
)


def generate_data(
    seed: int,
    start: date = DEFAULT_START,
    end: date = DEFAULT_END,
    *,
    bank_entries: int | None = None,
    drafts: int = 8,
    foreign_share: float = 0.05,
) -> EconomicData:
    """A whole agreement from a seed; `bank_entries` fixes the number of booked bank lines
    (spread evenly over start..end), otherwise about six a day."""
    rng = random.Random(f"bank:{seed}")
    data = empty_agreement(seed, start, end)
    days = (end - start).days + 1
    total = bank_entries if bank_entries is not None else days * 6
    cumulative = list(itertools.accumulate(k.weight for k in _KINDS))
    voucher_by_year: dict[str, int] = {}
    entries: list[Booked] = []
    year_cache: dict[date, SandboxYear] = {}
    number = FIRST_ENTRY_NUMBER
    for i in range(total):
        day = start + timedelta(days=(i * days) // total)
        year = year_cache.get(day) or data.year_of(day)
        if year is None:
            raise ValueError(f"no accounting year covers {day}")
        year_cache[day] = year
        kind = rng.choices(_KINDS, cum_weights=cumulative)[0]
        cents = kind.low * 100 + int(rng.random() * (kind.high - kind.low) * 100)
        amount = Decimal(cents * kind.sign).scaleb(-2)
        currency, base = "DKK", amount
        if kind.sign > 0 and rng.random() < foreign_share:
            currency = "EUR"
            amount = (amount * 100 / data.rate("EUR")).quantize(CENT)
            base = data.to_base(amount, "EUR")
        voucher = voucher_by_year.get(year.year, 10_000) + 1
        voucher_by_year[year.year] = voucher
        entries.append(
            Booked(
                entry_number=number,
                year=year.year,
                account=data.bank_account,
                day=day,
                amount=amount,
                amount_base=base,
                currency=currency,
                text=kind.text(rng, day, i),
                entry_type=kind.entry_type,
                voucher_number=voucher,
                customer=rng.randint(1, len(data.customers))
                if kind.entry_type == "customerPayment"
                else None,
            )
        )
        number += 1
    # e-conomic books a voucher whole: each bank line's other side, on the account its text
    # suggests, under the same voucher number (numbered after the bank lines).
    legs = [
        _contra_leg(row, contra_for_text(row.text), number + i) for i, row in enumerate(entries)
    ]
    with data.lock:
        data.book_many([*entries, *legs])
        _generated_drafts(data, rng, end, drafts, voucher_by_year)
    return data


def _generated_drafts(
    data: EconomicData, rng: random.Random, end: date, count: int, vouchers: dict[str, int]
) -> None:
    """Unbooked lines of the last days: most touch the bank, one or two do not."""
    for i in range(count):
        day = end - timedelta(days=rng.randint(0, 4))
        year = data.year_of(day)
        if year is None:
            continue
        kind = rng.choices(_KINDS[:5], [k.weight for k in _KINDS[:5]])[0]
        amount = Decimal(rng.randint(kind.low * 100, kind.high * 100)).scaleb(-2)
        number = vouchers.get(year.year, 10_000) + 1
        vouchers[year.year] = number
        touches_bank = i % 4 != 3
        data.add_draft(
            Draft(
                journal_entry_number=data.take_draft_number(),
                journal=1,
                entry_type="financeVoucher",
                day=day,
                amount=amount,
                amount_base=amount,
                currency="DKK",
                exchange_rate=Decimal(100),
                year=year.year,
                voucher_number=number,
                account=data.bank_account if touches_bank else 3640,
                contra_account=kind.contra if touches_bank else SUSPENSE_ACCOUNT,
                vat_code=None if touches_bank else "I25",
                text=kind.text(rng, day, i) if touches_bank else "El-regning, afventer faktura",
            )
        )


# -- loading a scenario -----------------------------------------------------------------------


def contra_by_text(entry: BankEntry) -> int:
    """Where a bank line's other side was booked, guessed from its text (opening data)."""
    return contra_for_text(entry.text)


def contra_for_text(text: str) -> int:
    """The account a bank feed would book the other side of a line with this text against."""
    text = text.lower()
    for words, account in (
        (("stripe",), CLEARING_ACCOUNTS["stripe"]),
        (("clearhaus", "frisbii", "reepay"), CLEARING_ACCOUNTS["frisbii"]),
        (("chargebee", "adyen", "braintree"), CLEARING_ACCOUNTS["chargebee"]),
        (("mobilepay",), 5840),
    ):
        if any(w in text for w in words):
            return account
    return SUSPENSE_ACCOUNT


def from_bank_entries(
    entries: Iterable[BankEntry],
    *,
    seed: int = 0,
    company_name: str = "Abonnementshuset ApS",
    customers: Mapping[int, str] | None = None,
    years: Iterable[SandboxYear] | None = None,
    journals: Iterable[SandboxJournal] = JOURNALS,
    draft_journal: int = 1,
    contra: Callable[[BankEntry], int] = contra_by_text,
) -> EconomicData:
    """An agreement holding exactly these bank lines (see the module docstring)."""
    items = list(entries)
    if any(e.origin is BankEntryOrigin.FILE for e in items):
        raise ValueError("bank-file lines are not e-conomic entries; load only BOOKED and DRAFT")
    dates = [e.entry_date for e in items] or [DEFAULT_START]
    data = empty_agreement(
        seed,
        min(dates),
        max(dates),
        company_name=company_name,
        customers=customers,
        years=years,
        journals=journals,
    )
    if items:
        data.bank_account = items[0].account_number
    booked = sorted(
        (e for e in items if e.origin is BankEntryOrigin.BOOKED), key=lambda e: _number(e, 0)
    )
    with data.lock:
        next_number = max([FIRST_ENTRY_NUMBER - 1, *(_number(e, 0) for e in booked)]) + 1
        rows: list[Booked] = []
        for entry in booked:
            number = _number(entry, 0) or next_number
            next_number = max(next_number, number + 1)
            rows.append(_booked_from(data, entry, number))
        # e-conomic books a voucher whole: the other side of each bank line, on the account
        # its text suggests, under the same voucher number (numbered after the bank lines).
        rows = _with_voucher_numbers(rows)
        legs = [
            _contra_leg(row, contra(e), next_number + i)
            for i, (row, e) in enumerate(zip(rows, booked, strict=True))
        ]
        data.book_many(sorted([*rows, *legs], key=lambda r: r.entry_number))
        for entry in (e for e in items if e.origin is BankEntryOrigin.DRAFT):
            data.add_draft(_draft_from(data, entry, draft_journal, contra(entry)))
    return data


def _with_voucher_numbers(rows: list[Booked]) -> list[Booked]:
    """Every booked line with a voucher number (the next free one of its year if it had none)."""
    taken: dict[str, set[int]] = {}
    for row in rows:
        if row.voucher_number is not None:
            taken.setdefault(row.year, set()).add(row.voucher_number)
    numbered: list[Booked] = []
    for row in rows:
        if row.voucher_number is None:
            used = taken.setdefault(row.year, set())
            number = max(used, default=0) + 1
            used.add(number)
            numbered.append(dataclasses.replace(row, voucher_number=number))
        else:
            numbered.append(row)
    return numbered


def _contra_leg(row: Booked, account: int, number: int) -> Booked:
    return dataclasses.replace(
        row, entry_number=number, account=account, amount=-row.amount, amount_base=-row.amount_base
    )


def _number(entry: BankEntry, default: int) -> int:
    return int(entry.external_id) if entry.external_id.isdigit() else default


def _year(data: EconomicData, entry: BankEntry) -> SandboxYear:
    year = data.year_of(entry.entry_date)
    if year is None:
        raise ValueError(f"{entry.ref}: no accounting year covers {entry.entry_date}")
    return year


def _base(data: EconomicData, entry: BankEntry) -> Decimal:
    if entry.amount_base is not None:
        return entry.amount_base.amount
    return data.to_base(entry.amount.amount, entry.amount.currency)


def _booked_from(data: EconomicData, entry: BankEntry, number: int) -> Booked:
    return Booked(
        entry_number=number,
        year=_year(data, entry).year,
        account=entry.account_number,
        day=entry.entry_date,
        amount=entry.amount.amount,
        amount_base=_base(data, entry),
        currency=entry.amount.currency,
        text=entry.text,
        entry_type=entry.entry_type or "financeVoucher",
        voucher_number=entry.voucher_number,
    )


def _draft_from(data: EconomicData, entry: BankEntry, journal: int, contra: int) -> Draft:
    year = _year(data, entry)
    number = _number(entry, 0) or data.next_draft_number
    voucher = entry.voucher_number
    if voucher is None:
        taken = data.used_voucher_numbers(year.year)
        voucher = max(taken, default=data.journals[journal].min_voucher - 1) + 1
    amount = entry.amount.amount
    rate = (
        Decimal(100)
        if entry.amount.currency == data.base_currency
        else data.rate(entry.amount.currency)
    )
    return Draft(
        journal_entry_number=number,
        journal=journal,
        entry_type=entry.entry_type or "financeVoucher",
        day=entry.entry_date,
        amount=amount,
        amount_base=_base(data, entry),
        currency=entry.amount.currency,
        exchange_rate=rate,
        year=year.year,
        voucher_number=voucher,
        account=entry.account_number,
        contra_account=contra,
        text=entry.text,
    )
