"""Locale-aware text for money, dates and scores, straight from Decimal (never via float).

QLocale.toString() only takes floats for fractional numbers, so money is formatted here with
Decimal's own grouping and then given the locale's separators: Danish "1.234,56", English
"1,234.56". Dates are ISO in English (unambiguous for bookkeepers) and "dd.MM.yyyy" in Danish.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from PySide6.QtCore import QDate, QLocale

from econdesk.domain.money import Money, currency_exponent


def format_decimal(value: Decimal, decimals: int, decimal_point: str, group: str) -> str:
    """`value` rounded half-up to `decimals`, grouped in thousands, with the given separators."""
    quantum = Decimal(1).scaleb(-decimals)
    # Decimal's own formatting: exact, '1,234.56'.
    text = f"{value.quantize(quantum, rounding=ROUND_HALF_UP):,f}"
    separators: dict[str, str | int | None] = {",": group, ".": decimal_point}
    return text.translate(str.maketrans(separators))


def parse_decimal(text: str, decimal_point: str, group: str) -> Decimal:
    """The inverse of `format_decimal` for what a user types; raises ValueError if not a number."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if group and group != decimal_point:
        cleaned = cleaned.replace(group, "")
    cleaned = cleaned.replace(decimal_point, ".").replace("\u2212", "-")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(f"not an amount: {text!r}") from exc
    if not value.is_finite():
        raise ValueError(f"not an amount: {text!r}")
    return value


class Formatter:
    """Formats values for one locale; the app keeps one per language (see i18n.py)."""

    def __init__(self, locale: QLocale | None = None) -> None:
        self.locale = locale if locale is not None else QLocale()
        self.decimal_point = self.locale.decimalPoint() or "."
        self.group = self.locale.groupSeparator() or ","
        self.danish = self.locale.language() == QLocale.Language.Danish

    def decimal(self, value: Decimal, decimals: int = 2) -> str:
        return format_decimal(value, decimals, self.decimal_point, self.group)

    def amount(self, money: Money | None) -> str:
        """The number only, with the currency's decimals: '1.234,56'."""
        if money is None:
            return ""
        return self.decimal(money.amount, currency_exponent(money.currency))

    def money(self, money: Money | None) -> str:
        """Number and currency: '1.234,56 DKK'."""
        if money is None:
            return ""
        return f"{self.amount(money)} {money.currency}"

    def parse_amount(self, text: str) -> Decimal:
        return parse_decimal(text, self.decimal_point, self.group)

    @property
    def date_pattern(self) -> str:
        """The date format as a Qt pattern (for date edits)."""
        return "dd.MM.yyyy" if self.danish else "yyyy-MM-dd"

    def date(self, value: dt.date | dt.datetime | None) -> str:
        if value is None:
            return ""
        day = value.date() if isinstance(value, dt.datetime) else value
        return self.locale.toString(QDate(day.year, day.month, day.day), self.date_pattern)

    def short_date(self, value: dt.date) -> str:
        """Day and month for chart axes: '01.03' in Danish, '1 Mar' in English."""
        pattern = "dd.MM" if self.danish else "d MMM"
        return self.locale.toString(QDate(value.year, value.month, value.day), pattern)

    def datetime(self, value: dt.datetime | None) -> str:
        if value is None:
            return ""
        local = value.astimezone() if value.tzinfo is not None else value
        return f"{self.date(local)} {local:%H:%M}"

    def percent(self, score: float) -> str:
        # Scores are probabilities, not money: a float is right here.
        return f"{round(score * 100):d} %"
