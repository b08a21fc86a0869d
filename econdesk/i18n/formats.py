"""Numbers, money and dates as a reader of the language writes them (babel's CLDR data).

English keeps the plain forms the app has always written ("1234.50", "07.12.2026"); Danish
writes "1.234,50", "85 %" and "07.12.2026".
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from econdesk.domain.money import Money, currency_exponent

_LOCALES = {"da": "da_DK"}


def _pattern(currency: str) -> str:
    decimals = currency_exponent(currency)
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def money(amount: Money, language: str) -> str:
    """The amount with its currency's decimals, no code: '1234.50' (en), '1.234,50' (da)."""
    where = _LOCALES.get(language)
    if where is None:
        return amount.format()
    return format_decimal(amount.quantized(), format=_pattern(amount.currency), locale=where)


def money_with_code(amount: Money, language: str) -> str:
    return f"{money(amount, language)} {amount.currency}"


def number(value: int | Decimal, language: str) -> str:
    where = _LOCALES.get(language)
    return str(value) if where is None else format_decimal(value, locale=where)


def count(value: int, language: str) -> str:
    """A count with thousands separators: '12,345' (en), '12.345' (da)."""
    where = _LOCALES.get(language)
    return f"{value:,}" if where is None else format_decimal(value, locale=where)


def percent(share: float, language: str) -> str:
    """A share in [0, 1] as whole percent: '85%' (en), '85 %' (da)."""
    where = _LOCALES.get(language)
    return f"{share:.0%}" if where is None else format_percent(share, locale=where)


def day(value: date, language: str) -> str:
    """'07.12.2026' in both languages (the day-first form Danish readers expect)."""
    where = _LOCALES.get(language)
    return f"{value:%d.%m.%Y}" if where is None else format_date(value, "dd.MM.yyyy", locale=where)
