"""Counting Danish bank days (the calendar itself is econdesk.domain.bankdays).

A Stripe payout with arrival date Friday that the bank books on Monday is one bank day late,
not three days; settlement windows are counted the same way. The matcher asks for lags
millions of times, so each date's position among bank days is computed once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

from econdesk.domain.bankdays import danish_bank_holidays, is_bank_day


class BankCalendar:
    """Counts bank days. `index(d)` numbers bank days so that index(b) - index(a) is the lag.

    A weekend or holiday gets the index of the next bank day: money dated Saturday is booked
    Monday.
    """

    def __init__(self, extra_holidays: Iterable[date] = ()) -> None:
        self._extra = frozenset(extra_holidays)
        self._index: dict[int, int] = {}  # date ordinal -> bank-day index
        self._before_year: dict[int, int] = {}
        self._weekday_cache: dict[int, list[date]] = {}

    def is_bank_day(self, day: date) -> bool:
        return is_bank_day(day) and day not in self._extra

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
            if extra:
                found = sorted(h for h in danish_bank_holidays(year) | extra if h.weekday() < 5)
            else:  # every run counts the years since the epoch: computed once per process
                found = list(_weekday_bank_holidays(year))
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


@lru_cache(maxsize=512)
def _weekday_bank_holidays(year: int) -> tuple[date, ...]:
    return tuple(sorted(h for h in danish_bank_holidays(year) if h.weekday() < 5))


_EPOCH_YEAR = 1970
_EPOCH_MONDAY = date(1969, 12, 29).toordinal()  # the Monday of the epoch's first week
