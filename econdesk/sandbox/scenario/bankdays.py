"""Danish bank days: weekends and bank holidays move a transfer to the next bank day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def easter_sunday(year: int) -> date:
    """Gregorian Easter (the anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
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
def bank_holidays(year: int) -> frozenset[date]:
    """Days Danish banks do not transfer money (Store Bededag was abolished from 2024)."""
    easter = easter_sunday(year)
    relative = (-3, -2, 0, 1, 39, 40, 49, 50)  # Skærtorsdag … 2. pinsedag; +40: banklukkedag
    fixed = ((1, 1), (6, 5), (12, 24), (12, 25), (12, 26), (12, 31))
    days = {easter + timedelta(days=n) for n in relative}
    days.update(date(year, month, day) for month, day in fixed)
    return frozenset(days)


def is_bank_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


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


def local_midnight_utc(day: date) -> int:
    """Unix seconds of midnight in Copenhagen on `day` (daylight saving handled)."""
    return int(datetime(day.year, day.month, day.day, tzinfo=COPENHAGEN).timestamp())


def utc_datetime(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, tz=UTC)
