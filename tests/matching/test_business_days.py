from datetime import date

from econdesk.matching.business_days import BankCalendar


def test_a_weekend_is_no_lag() -> None:
    cal = BankCalendar()
    assert cal.lag(date(2026, 3, 6), date(2026, 3, 9)) == 1  # Friday -> Monday
    assert cal.lag(date(2026, 3, 7), date(2026, 3, 9)) == 0  # Saturday's money is Monday's
    assert cal.lag(date(2026, 3, 9), date(2026, 3, 6)) == -1


def test_easter_holidays_are_no_lag_either() -> None:
    cal = BankCalendar()
    # Maundy Thursday, Good Friday and Easter Monday 2026 are bank holidays.
    assert cal.lag(date(2026, 4, 1), date(2026, 4, 7)) == 1
    assert cal.index(date(2026, 4, 2)) == cal.index(date(2026, 4, 7))
    assert cal.add(date(2026, 4, 1), 1) == date(2026, 4, 7)


def test_lags_add_up_across_years() -> None:
    cal = BankCalendar()
    start, end = date(2025, 12, 22), date(2026, 1, 6)
    # 23 Dec, 29-30 Dec, 2 Jan, 5-6 Jan: 24-26 Dec, 31 Dec and 1 Jan are closed.
    assert cal.lag(start, end) == 6
    assert cal.add(start, 6) == end


def test_extra_closing_days_count() -> None:
    cal = BankCalendar(extra_holidays=[date(2026, 3, 10)])
    assert cal.lag(date(2026, 3, 9), date(2026, 3, 11)) == 1
