"""Danish bank days."""

from __future__ import annotations

from datetime import date

from econdesk.domain.bankdays import (
    add_bank_days,
    bank_day_on_or_after,
    danish_bank_holidays,
    easter_sunday,
    is_bank_day,
)


def test_easter() -> None:
    assert [easter_sunday(y) for y in (2024, 2025, 2026, 2027)] == [
        date(2024, 3, 31),
        date(2025, 4, 20),
        date(2026, 4, 5),
        date(2027, 3, 28),
    ]


def test_2026_holidays_and_great_prayer_day() -> None:
    holidays = danish_bank_holidays(2026)
    for day in (
        date(2026, 4, 2),
        date(2026, 4, 3),
        date(2026, 4, 6),
        date(2026, 5, 14),
        date(2026, 5, 15),
        date(2026, 5, 25),
        date(2026, 6, 5),
        date(2026, 12, 24),
    ):
        assert day in holidays
    assert date(2026, 5, 1) not in holidays  # Great Prayer Day 2026 would be a workday
    assert date(2023, 5, 5) in danish_bank_holidays(2023)


def test_moving_to_bank_days() -> None:
    assert bank_day_on_or_after(date(2026, 3, 7)) == date(2026, 3, 9)  # Saturday -> Monday
    assert bank_day_on_or_after(date(2026, 4, 2)) == date(2026, 4, 7)  # Easter
    assert add_bank_days(date(2026, 3, 6), 1) == date(2026, 3, 9)
    assert add_bank_days(date(2026, 3, 7), 0) == date(2026, 3, 9)
    assert not is_bank_day(date(2026, 5, 15)) and is_bank_day(date(2026, 5, 18))
