"""The agreement's chart as plain data: accounts, VAT codes, accounting years, journal settings.

The e-conomic client reads these (GET /accounts, /vat-accounts, /accounting-years, /journals);
the accounting rules only ever see these small records, so they stay pure and easy to test.
Field meanings follow the legacy REST docs (docs/economic-api.md#resource-shapes).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import MappingProxyType

from econdesk.errors import EcondeskError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import Message, say

# accountType values that take entries. The others (heading, headingStart, totalFrom,
# sumInterval, sumAlpha) only structure or sum the chart and cannot be posted to.
POSTING_ACCOUNT_TYPES = frozenset({"profitAndLoss", "status"})


@dataclass(frozen=True, slots=True)
class AgreementAccount:
    number: int
    name: str = ""
    account_type: str = "profitAndLoss"
    barred: bool = False
    block_direct_entries: bool = False

    @property
    def label(self) -> str:
        return f"account {self.number}" + (f" '{self.name}'" if self.name else "")


@dataclass(frozen=True, slots=True)
class AgreementVatCode:
    code: str
    rate_percent: Decimal | None = None  # ratePercentage, e.g. 25 for U25
    name: str = ""
    barred: bool = False
    # A code with a contra account (services bought in the EU): the amount carries no VAT;
    # rate x amount is booked on the code's account and, opposite, on its contra account.
    reverse_charge: bool = False
    account: int | None = None  # where its VAT is booked
    contra_account: int | None = None  # a reverse-charge code's opposite VAT account


@dataclass(frozen=True, slots=True)
class AccountingYear:
    year: str  # "2026" or "2025/2026", as e-conomic names it
    from_date: date
    to_date: date
    closed: bool = False

    def covers(self, day: date) -> bool:
        return self.from_date <= day <= self.to_date


@dataclass(frozen=True, slots=True)
class JournalSettings:
    number: int
    name: str = ""
    entry_type_restricted_to: str | None = None  # e.g. "financeVoucher"
    min_voucher_number: int | None = None
    max_voucher_number: int | None = None


def _frozen(mapping: Mapping[object, object]) -> Mapping[object, object]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Chart:
    """What the agreement holds; `customers` is None when the customer list was not read."""

    accounts: Mapping[int, AgreementAccount] = field(default_factory=dict)
    vat_codes: Mapping[str, AgreementVatCode] = field(default_factory=dict)
    years: tuple[AccountingYear, ...] = ()
    base_currency: str = "DKK"
    customers: frozenset[int] | None = None
    journals: Mapping[int, JournalSettings] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        accounts: Iterable[AgreementAccount],
        vat_codes: Iterable[AgreementVatCode] = (),
        years: Iterable[AccountingYear] = (),
        *,
        base_currency: str = "DKK",
        customers: Iterable[int] | None = None,
        journals: Iterable[JournalSettings] = (),
    ) -> Chart:
        return cls(
            accounts=MappingProxyType({a.number: a for a in accounts}),
            vat_codes=MappingProxyType({v.code: v for v in vat_codes}),
            years=tuple(sorted(years, key=lambda y: y.from_date)),
            base_currency=base_currency,
            customers=frozenset(customers) if customers is not None else None,
            journals=MappingProxyType({j.number: j for j in journals}),
        )

    def vat_rate(self, code: str | None) -> Decimal | None:
        if code is None:
            return None
        known = self.vat_codes.get(code)
        return known.rate_percent if known is not None else None

    def reverse_charge(self, code: str | None) -> bool:
        known = self.vat_codes.get(code) if code is not None else None
        return known is not None and known.reverse_charge


class AccountingYearError(EcondeskError):
    """No open accounting year covers a voucher's date. `closed_year` names the year when
    one covers it but is closed; `day` is the date."""

    def __init__(
        self, message: str | Message, *, day: date | None = None, closed_year: str | None = None
    ) -> None:
        super().__init__(message)
        self.day = day
        self.closed_year = closed_year


def accounting_year_for(day: date, years: Iterable[AccountingYear]) -> str:
    """The name of the open accounting year that covers `day`, or a clear error."""
    hit = next((y for y in years if y.covers(day)), None)
    if hit is None:
        uncovered = QT_TRANSLATE_NOOP(
            "CLI", "no accounting year in e-conomic covers {0}; create it before posting"
        )
        raise AccountingYearError(say(uncovered, day.isoformat()), day=day)
    if hit.closed:
        closed = QT_TRANSLATE_NOOP(
            "CLI", "accounting year {0} (covering {1}) is closed in e-conomic"
        )
        raise AccountingYearError(
            say(closed, hit.year, day.isoformat()), day=day, closed_year=hit.year
        )
    return hit.year
