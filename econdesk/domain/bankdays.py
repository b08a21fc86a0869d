"""Danish bank days: money moves on weekdays that are not bank holidays.

Holidays follow Danmarks Nationalbank's closing days: the Easter-based feasts (Maundy
Thursday, Good Friday, Easter Monday, Ascension and the Friday after, Whit Monday),
Constitution Day, 24-26 and 31 December and New Year's Day. Great Prayer Day (Easter + 26)
stopped being one after 2023. Pure functions, shared by the sandboxes, the matcher and the
scenario generator.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache


def easter_sunday(year: int) -> date:
    """Gregorian Easter (the anonymous Gregorian algorithm)."""
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


@cache
def danish_bank_holidays(year: int) -> frozenset[date]:
    easter = easter_sunday(year)
    offsets = [-3, -2, 1, 39, 40, 50]
    if year <= 2023:
        offsets.append(26)  # Great Prayer Day, abolished from 2024
    fixed = [(1, 1), (6, 5), (12, 24), (12, 25), (12, 26), (12, 31)]
    return frozenset(
        [easter + timedelta(days=o) for o in offsets] + [date(year, m, d) for m, d in fixed]
    )


def is_bank_day(day: date) -> bool:
    return day.weekday() < 5 and day not in danish_bank_holidays(day.year)


def bank_day_on_or_after(day: date) -> date:
    while not is_bank_day(day):
        day += timedelta(days=1)
    return day


def add_bank_days(day: date, count: int) -> date:
    """`count` bank days after `day` (0: the day itself if a bank day, else the next one)."""
    day = bank_day_on_or_after(day)
    for _ in range(count):
        day = bank_day_on_or_after(day + timedelta(days=1))
    return day
