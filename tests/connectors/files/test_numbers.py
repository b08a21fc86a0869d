"""Amounts and dates as Danish files write them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from econdesk.connectors.files.numbers import (
    AmountError,
    detect_date_format,
    detect_decimal_mark,
    parse_amount,
    parse_date,
)

amounts = st.decimals(
    min_value=Decimal("-99999999.99"),
    max_value=Decimal("99999999.99"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


def danish(value: Decimal, thousands: str = ".") -> str:
    """Format as a Danish bank does: '-1.234,56'."""
    text = f"{abs(value):,.2f}".replace(",", "X").replace(".", ",").replace("X", thousands)
    return ("-" if value < 0 else "") + text


@given(amounts)
def test_danish_format_round_trips(value: Decimal) -> None:
    assert parse_amount(danish(value), ",") == value


@given(amounts)
def test_without_thousands_and_with_spaces(value: Decimal) -> None:
    assert parse_amount(danish(value, ""), ",") == value
    assert parse_amount(danish(value, " "), ",") == value
    assert parse_amount(danish(value, "\u00a0"), ",") == value


@given(amounts)
def test_decimal_point_files(value: Decimal) -> None:
    assert parse_amount(f"{value:,.2f}", ".") == value
    assert parse_amount(f" {value:.2f}", ".") == value  # Nykredit: a leading space


@given(amounts)
def test_detected_mark_reads_the_value_back(value: Decimal) -> None:
    text = danish(value)
    mark = detect_decimal_mark([text])
    assert mark is not None and parse_amount(text, mark) == value


@given(st.text(alphabet="0123456789,.-+ ", max_size=12))
def test_anything_either_parses_exactly_or_is_refused(text: str) -> None:
    for mark in (",", "."):
        try:
            value = parse_amount(text, mark)
        except AmountError:
            continue
        assert isinstance(value, Decimal) and value.is_finite()


@pytest.mark.parametrize(
    ("text", "mark", "expected"),
    [
        ("1.234,56", ",", "1234.56"),
        ("-1.234,56", ",", "-1234.56"),
        ("1234,5", ",", "1234.5"),
        ("12,00-", ",", "-12.00"),
        ("(12,00)", ",", "-12.00"),
        ("+12,00", ",", "12.00"),
        ("kr. 1.250,00", ",", "1250.00"),
        ("1.250,00 DKK", ",", "1250.00"),
        ("1.234", ",", "1234"),
        ("1.234", ".", "1.234"),
        ("1,234.50", ".", "1234.50"),
        ("−75,00", ",", "-75.00"),  # a real minus sign
        (",50", ",", "0.50"),
    ],
)
def test_amount_examples(text: str, mark: str, expected: str) -> None:
    assert parse_amount(text, mark) == Decimal(expected)


@pytest.mark.parametrize(
    "text", ["12,3,4", "1.23.4", "", "-", "abc", "1,", "1.2345,00", "1e5", "12 3,00", "١٢", "--5"]
)
def test_not_amounts(text: str) -> None:
    with pytest.raises(AmountError):
        parse_amount(text, ",")


def test_decimal_mark_detection() -> None:
    assert detect_decimal_mark(["1.234,56", "-10,00"]) == ","
    assert detect_decimal_mark(["1,234.56", "-10.00"]) == "."
    assert detect_decimal_mark(["1234", "15"]) == ","  # either fits: the Danish default
    assert detect_decimal_mark(["12,50", "1,234.56"]) is None


def test_dates() -> None:
    assert detect_date_format(["05.03.2026", "31.12.2026"]) == "%d.%m.%Y"
    assert detect_date_format(["05-03-2026"]) == "%d-%m-%Y"
    assert detect_date_format(["2026/03/05"]) == "%Y/%m/%d"
    assert detect_date_format(["2026-03-05"]) == "%Y-%m-%d"
    assert detect_date_format(["banana"]) is None
    assert parse_date("5.3.2026", "%d.%m.%Y") == date(2026, 3, 5)
