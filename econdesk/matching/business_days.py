"""Danish bank days: money moves on weekdays that are not bank holidays.

A Stripe payout with arrival date Friday that the bank books on Monday is one bank day late,
not three days; settlement windows are counted the same way. Bank holidays follow
Danmarks Nationalbank's closing days (Easter-based feasts, Constitution Day, 24-26 and 31
December); Great Prayer Day stopped being one after 2023.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta


def easter_sunday(year: int) -> date:
    """Gregorian Easter (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def danish_bank_holidays(year: int) -> frozenset[date]:
    easter = easter_sunday(year)
    # Maundy Thursday, Good Friday, Easter Monday, Ascension and the Friday after, Whit Monday.
    offsets = [-3, -2, 1, 39, 40, 50]
    if year <= 2023:
        offsets.append(26)  # Great Prayer Day, abolished from 2024
    fixed = [(1, 1), (6, 5), (12, 24), (12, 25), (12, 26), (12, 31)]
    return frozenset(
        [easter + timedelta(days=o) for o in offsets] + [date(year, m, d) for m, d in fixed]
    )


class BankCalendar:
    """Counts bank days. `index(d)` numbers bank days so that index(b) - index(a) is the lag.

    A weekend or holiday gets the index of the next bank day: money dated Saturday is booked
    Monday.
    """

    def __init__(self, extra_holidays: Iterable[date] = ()) -> None:
        self._extra = frozenset(extra_holidays)
        self._holidays: dict[int, frozenset[date]] = {}
        self._index: dict[int, int] = {}  # date ordinal -> bank-day index
        self._before_year: dict[int, int] = {}
        self._weekday_cache: dict[int, list[date]] = {}

    def is_bank_day(self, day: date) -> bool:
        if day.weekday() >= 5 or day in self._extra:
            return False
        holidays = self._holidays.get(day.year)
        if holidays is None:
            holidays = self._holidays[day.year] = danish_bank_holidays(day.year)
        return day not in holidays

    def index(self, day: date) -> int:
        return self.index_of_ordinal(day.toordinal())

    def index_of_ordinal(self, ordinal: int) -> int:
        cached = self._index.get(ordinal)
        if cached is not None:
            return cached
        day = date.fromordinal(ordinal)
        # Walk to the next bank day, then count weekdays from a fixed Monday minus holidays.
        while not self.is_bank_day(day):
            day += timedelta(days=1)
        weeks, rest = divmod(day.toordinal() - _EPOCH_MONDAY, 7)
        value = weeks * 5 + rest - self._holidays_before(day)
        self._index[ordinal] = value
        return value

    def _holidays_before(self, day: date) -> int:
        """Weekday holidays from the epoch up to (not including) `day`."""
        if day.year < _EPOCH_YEAR:
            raise ValueError(f"bank days are counted from {_EPOCH_YEAR}, not {day}")
        before_year = self._before_year.get(day.year)
        if before_year is None:
            before_year = sum(len(self._weekday_holidays(y)) for y in range(_EPOCH_YEAR, day.year))
            self._before_year[day.year] = before_year
        return before_year + sum(1 for h in self._weekday_holidays(day.year) if h < day)

    def _weekday_holidays(self, year: int) -> list[date]:
        found = self._weekday_cache.get(year)
        if found is None:
            extra = {x for x in self._extra if x.year == year}
            found = sorted(h for h in danish_bank_holidays(year) | extra if h.weekday() < 5)
            self._weekday_cache[year] = found
        return found

    def lag(self, start: date, end: date) -> int:
        """Bank days from start to end (negative when end is earlier)."""
        return self.index(end) - self.index(start)

    def add(self, start: date, bank_days: int) -> date:
        """The date `bank_days` bank days after start (start moved to a bank day first)."""
        day = start
        while not self.is_bank_day(day):
            day += timedelta(days=1)
        step = 1 if bank_days >= 0 else -1
        remaining = abs(bank_days)
        while remaining:
            day += timedelta(days=step)
            if self.is_bank_day(day):
                remaining -= 1
        return day


_EPOCH_YEAR = 1970
_EPOCH_MONDAY = date(1969, 12, 29).toordinal()  # the Monday of the epoch's first week
