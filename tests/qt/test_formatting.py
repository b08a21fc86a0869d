"""Money and dates in the bookkeeper's language, from Decimal and never through float."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QLocale

from econdesk.domain.money import Money
from econdesk.qt.formatting import Formatter, format_decimal, parse_decimal

DA = Formatter(QLocale("da_DK"))
EN = Formatter(QLocale("en_GB"))


def test_danish_and_english_money():
    amount = Money.of("1234567.891", "DKK")
    assert DA.amount(amount) == "1.234.567,89"
    assert EN.amount(amount) == "1,234,567.89"
    assert DA.money(Money.of("-0.005", "DKK")) == "-0,01 DKK"  # half up, away from zero
    assert EN.money(Money.of("1500", "JPY")) == "1,500 JPY"  # no minor unit
    assert EN.amount(Money.of("1.2345", "KWD")) == "1.235"


def test_an_amount_beyond_float_precision_stays_exact():
    amount = Money.of("12345678901234567.89", "DKK")
    assert EN.amount(amount) == "12,345,678,901,234,567.89"


def test_dates():
    assert DA.date(date(2026, 3, 4)) == "04.03.2026"
    assert EN.date(date(2026, 3, 4)) == "2026-03-04"
    assert DA.date(datetime(2026, 3, 4, 12, tzinfo=UTC)) == "04.03.2026"
    assert EN.date(None) == ""


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False))
def test_parse_reads_back_what_format_writes(value: Decimal) -> None:
    for fmt in (DA, EN):
        text = format_decimal(value, 2, fmt.decimal_point, fmt.group)
        assert parse_decimal(text, fmt.decimal_point, fmt.group) == value


def test_parse_refuses_nonsense():
    with pytest.raises(ValueError, match="not an amount"):
        DA.parse_amount("12,3,4x")
    assert DA.parse_amount(" 1.250,50 ") == Decimal("1250.50")
    assert EN.parse_amount("−12.5") == Decimal("-12.5")
