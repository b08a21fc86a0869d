"""Accounting years, including the split years Danish companies have ("2025/2026").

A company that moves its financial year from calendar years to July-June has one long
transition year (up to 18 months) named after both calendar years it touches. The default
layout does exactly that, so every sandbox agreement has a split year to exercise: calendar
years up to 2024, then "2025/2026" from 1 January 2025 to 30 June 2026, then July-June years.

In URLs a year id encodes '/' as `_6_`: `2025/2026` -> `2025_6_2026`. That is inferred, not
confirmed (docs/economic-api.md#year-ids-in-urls), which is why the client follows the links
rather than building them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

TRANSITION_START = date(2025, 1, 1)


@dataclass(frozen=True, slots=True)
class SandboxYear:
    year: str
    from_date: date
    to_date: date
    closed: bool = False

    @property
    def url_id(self) -> str:
        return encode_id(self.year)

    def covers(self, day: date) -> bool:
        return self.from_date <= day <= self.to_date


@dataclass(frozen=True, slots=True)
class SandboxPeriod:
    """An accounting period (GET /accounting-years/{y}/periods): a calendar month of the year,
    numbered from 1. `closed` periods take no entries."""

    number: int
    from_date: date
    to_date: date
    closed: bool = False

    def covers(self, day: date) -> bool:
        return self.from_date <= day <= self.to_date


def periods_of(year: SandboxYear, closed: frozenset[int] = frozenset()) -> list[SandboxPeriod]:
    """The year's monthly periods; the numbers in `closed` are closed."""
    periods: list[SandboxPeriod] = []
    start = year.from_date
    while start <= year.to_date:
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        end = min(following - timedelta(days=1), year.to_date)
        number = len(periods) + 1
        periods.append(SandboxPeriod(number, start, end, number in closed))
        start = following
    return periods


# e-conomic's replacements for non-alphanumeric characters in resource ids
# (docs/economic-api.md#year-ids-in-urls).
_ID_CODES = {
    "<": "0",
    ">": "1",
    "*": "2",
    "%": "3",
    ":": "4",
    "&": "5",
    "/": "6",
    "\\": "7",
    "_": "8",
    " ": "9",
    "?": "10",
    ".": "11",
    "#": "12",
    "+": "13",
}


def encode_id(value: str) -> str:
    return "".join(f"_{_ID_CODES[c]}_" if c in _ID_CODES else c for c in value)


def decode_id(value: str) -> str:
    out = value
    for char, code in sorted(_ID_CODES.items(), key=lambda kv: -len(kv[1])):
        out = out.replace(f"_{code}_", char)
    return out


def default_years(
    first: date, last: date, *, closed_before: date | None = None
) -> list[SandboxYear]:
    """Years covering `first`..`last` (and one more after), with the 2025/2026 transition."""
    years: list[SandboxYear] = []
    year = min(first.year, TRANSITION_START.year - 1)
    while date(year, 1, 1) < TRANSITION_START:
        years.append(SandboxYear(str(year), date(year, 1, 1), date(year, 12, 31)))
        year += 1
    years.append(SandboxYear("2025/2026", TRANSITION_START, date(2026, 6, 30)))
    start = 2026
    while years[-1].to_date < last or len([y for y in years if y.from_date > last]) < 1:
        years.append(SandboxYear(f"{start}/{start + 1}", date(start, 7, 1), date(start + 1, 6, 30)))
        start += 1
    # Keep the year before the data (history) and everything after; drop older ones.
    keep = [y for y in years if y.to_date >= date(first.year - 1, 1, 1)]
    if closed_before is not None:
        keep = [
            SandboxYear(y.year, y.from_date, y.to_date, y.to_date < closed_before) for y in keep
        ]
    return keep
