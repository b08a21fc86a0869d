"""The scenario's calendar: Danish bank days (from the domain) and Copenhagen local time."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from econdesk.domain.bankdays import add_bank_days, bank_day_on_or_after, is_bank_day

COPENHAGEN = ZoneInfo("Europe/Copenhagen")

__all__ = [
    "COPENHAGEN",
    "add_bank_days",
    "bank_day_on_or_after",
    "is_bank_day",
    "local_midnight_utc",
    "utc_datetime",
]


def local_midnight_utc(day: date) -> int:
    """Unix seconds of midnight in Copenhagen on `day` (daylight saving handled)."""
    return int(datetime(day.year, day.month, day.day, tzinfo=COPENHAGEN).timestamp())


def utc_datetime(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, tz=UTC)
