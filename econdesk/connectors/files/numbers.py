"""Amounts and dates as Danish (and other) files write them, parsed exactly.

"-1.234,56", "1234,56", " 828.69", "1 234,56", "12,00-" are amounts; "12,3,4" is not. The
decimal mark is decided once per column from all its values (`detect_decimal_mark`), then
each value is parsed strictly against it, so "1.234" means 1234 in a decimal-comma file and
1.234 in a decimal-point file, never a guess per row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Final

DECIMAL_MARKS: Final = (",", ".")
# Thousands separators seen in exports: "." (with decimal comma), "," (with decimal point),
# space, no-break space and narrow no-break space (Lunar), apostrophe (Swiss).
_SPACES = "\u00a0\u202f "
_TRAILING_SIGN = re.compile(r"^(?P<body>.*?)\s*(?P<sign>[-+])$")
_CURRENCY_AFFIX = re.compile(r"^(?:DKK|EUR|kr\.?)\s*|\s*(?:DKK|EUR|kr\.?)$", re.IGNORECASE)


class AmountError(ValueError):
    pass


def _strip_sign(text: str) -> tuple[int, str]:
    text = text.strip().strip(_SPACES)
    sign = 1
    if text.startswith("(") and text.endswith(")"):
        return -1, text[1:-1].strip()
    trailing = _TRAILING_SIGN.match(text)
    if trailing and trailing["body"] and trailing["body"][-1].isdigit():
        return (-1 if trailing["sign"] == "-" else 1), trailing["body"]
    if text and text[0] in "+-\u2212":
        sign = 1 if text[0] == "+" else -1
        text = text[1:].lstrip()
    return sign, text


def parse_amount(text: str, decimal_mark: str = ",") -> Decimal:
    """Parse one amount with the given decimal mark; raise AmountError when it is not one.

    Thousands separators must group digits by three; the decimal part may have any number of
    digits (the caller checks the currency's precision).
    """
    if decimal_mark not in DECIMAL_MARKS:
        raise ValueError(f"decimal mark must be ',' or '.', got {decimal_mark!r}")
    original = text
    text = _CURRENCY_AFFIX.sub("", text.strip())
    sign, body = _strip_sign(text)
    if not body:
        raise AmountError(f"not an amount: {original!r}")
    thousands = "." if decimal_mark == "," else ","
    whole, sep, fraction = body.rpartition(decimal_mark)
    if not sep:
        whole, fraction = body, ""
    elif not fraction.isdigit() or not fraction.isascii():
        raise AmountError(f"not an amount: {original!r}")
    if not whole and sep:
        whole = "0"
    groups = re.split(rf"[{re.escape(thousands + _SPACES)}']", whole)
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        raise AmountError(f"not an amount: {original!r}")
    digits = "".join(groups)
    if not digits.isdigit() or not digits.isascii():
        raise AmountError(f"not an amount: {original!r}")
    try:
        value = Decimal(f"{digits}.{fraction}" if fraction else digits)
    except InvalidOperation as exc:  # pragma: no cover - guarded by the checks above
        raise AmountError(f"not an amount: {original!r}") from exc
    return -value if sign < 0 else value


def is_amount(text: str, decimal_mark: str) -> bool:
    try:
        parse_amount(text, decimal_mark)
    except AmountError:
        return False
    return True


def detect_decimal_mark(values: Iterable[str]) -> str | None:
    """',' or '.' when every non-empty value parses with it and it is the likelier one.

    A value like "1.234,56" or "12,50" settles it; "1234" fits either (then ',' wins, as in
    Danish files); None when no mark fits every value.
    """
    votes = {",": 0, ".": 0}
    fits = {",": True, ".": True}
    for raw in values:
        text = raw.strip()
        if not text:
            continue
        for mark in DECIMAL_MARKS:
            if fits[mark] and not is_amount(text, mark):
                fits[mark] = False
        body = _strip_sign(_CURRENCY_AFFIX.sub("", text))[1]
        last = max(body.rfind(","), body.rfind("."))
        if last >= 0 and len(body) - last - 1 in (1, 2):
            votes[body[last]] += 1  # a mark followed by 1-2 digits is a decimal mark
    candidates = [m for m in DECIMAL_MARKS if fits[m]]
    if not candidates:
        return None
    return max(candidates, key=lambda m: (votes[m], m == ","))


# Date formats seen in Danish exports, most specific first.
DATE_FORMATS: Final = (
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%Y/%m/%d",
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%d.%m.%y",
    "%d-%m-%y",
    "%Y%m%d",
)


def parse_date(text: str, fmt: str) -> date:
    """Parse with one strptime format; a single-digit day or month is accepted ("5.3.2026")."""
    return datetime.strptime(text.strip(), fmt).date()


def detect_date_format(values: Iterable[str], formats: Iterable[str] = DATE_FORMATS) -> str | None:
    """The first format that parses every non-empty value; None when none does."""
    sample = [v.strip() for v in values if v.strip()]
    if not sample:
        return None
    for fmt in formats:
        try:
            for value in sample:
                parse_date(value, fmt)
        except ValueError:
            continue
        return fmt
    return None
