"""Reading the two banks' rate documents into DKK per 100 units (docs/booking-modes.md).

Danmarks Nationalbank: `<exchangerates refcur="DKK"><dailyrates id="YYYY-MM-DD"><currency
code="EUR" desc="…" rate="746.04"/>…`, already DKK per 100 units; with `lang=da` the rates
are written with a decimal comma. The ECB: `<Cube><Cube time="YYYY-MM-DD"><Cube currency="USD"
rate="1.0812"/>…` in the eurofxref namespace, where 1 EUR = rate units; DKK per 100 units of
X is then 100 x rate(DKK) / rate(X), and of EUR 100 x rate(DKK).

Parsed with defusedxml: the documents come from outside, so no DTD or entity is honoured.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from econdesk.errors import Said
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

NATIONALBANKEN = "nationalbanken"
ECB = "ecb"
ECB_NS = "{http://www.ecb.int/vocabulary/2002-08-01/eurofxref}"
# e-conomic keeps an exchange rate to six decimals: a derived rate is rounded to that.
DERIVED_PLACES = Decimal("0.000001")


class RatesFormatError(ValueError):
    """The document is not in the documented shape; the message says where."""

    def __init__(self, said: Said) -> None:
        super().__init__(str(said))
        self.said = said


@dataclass(frozen=True, slots=True)
class DailyRates:
    """One publication day of one source: DKK per 100 units, by currency code."""

    day: date
    source: str
    per_100: Mapping[str, Decimal]


def _root(body: bytes, what: str) -> Element:
    try:
        return fromstring(body)
    except (ParseError, DefusedXmlException) as exc:
        raise RatesFormatError(
            say(QT_TRANSLATE_NOOP("CLI", "{0} is not well-formed XML: {1}"), what, exc)
        ) from None


def _day(text: str | None, where: str) -> date:
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        raise RatesFormatError(
            say(QT_TRANSLATE_NOOP("CLI", "{0}: expected a date YYYY-MM-DD, got {1!r}"), where, text)
        ) from None


def _decimal(text: str | None, where: str) -> Decimal:
    """A rate as either bank writes it: "746.04", or with lang=da "746,04" (and "1.234,5")."""
    raw = (text or "").strip()
    if "," in raw:
        raw = raw.replace(".", "").replace(",", ".")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise RatesFormatError(
            say(QT_TRANSLATE_NOOP("CLI", "{0}: expected a rate, got {1!r}"), where, text)
        ) from None
    if not value.is_finite() or value <= 0:
        raise RatesFormatError(
            say(QT_TRANSLATE_NOOP("CLI", "{0}: expected a positive rate, got {1!r}"), where, text)
        )
    return value


def parse_nationalbanken(body: bytes) -> list[DailyRates]:
    """Nationalbanken's `currencyratesxml` (either language) as its publication day(s)."""
    root = _root(body, "Nationalbanken's rates")
    if root.tag != "exchangerates" or root.get("refcur", "DKK") != "DKK":
        raise RatesFormatError(
            say(
                QT_TRANSLATE_NOOP(
                    "CLI",
                    'Nationalbanken\'s rates: expected <exchangerates refcur="DKK">, got <{0}>',
                ),
                root.tag,
            )
        )
    days: list[DailyRates] = []
    for daily in root.iter("dailyrates"):
        day = _day(daily.get("id"), "dailyrates id")
        rates: dict[str, Decimal] = {}
        for currency in daily.iter("currency"):
            code = (currency.get("code") or "").upper()
            where = f"dailyrates {day} currency {code or '?'}"
            if len(code) != 3 or not code.isalpha():
                raise RatesFormatError(
                    say(QT_TRANSLATE_NOOP("CLI", "{0}: expected a currency code"), where)
                )
            if (currency.get("rate") or "").strip() in ("", "-"):
                continue  # quoted without a rate that day (a suspended currency)
            rates[code] = _decimal(currency.get("rate"), where)
        days.append(DailyRates(day, NATIONALBANKEN, rates))
    if not days:
        raise RatesFormatError(
            say(QT_TRANSLATE_NOOP("CLI", "Nationalbanken's rates: no <dailyrates> in the document"))
        )
    return days


def _ecb_days(root: Element) -> Iterator[tuple[date, dict[str, Decimal]]]:
    for cube in root.iter(f"{ECB_NS}Cube"):
        if cube.get("time") is None:
            continue
        day = _day(cube.get("time"), "Cube time")
        rates = {
            (c.get("currency") or "?").upper(): _decimal(
                c.get("rate"), f"Cube {day} currency {c.get('currency')}"
            )
            for c in cube.findall(f"{ECB_NS}Cube")
        }
        yield day, rates


def parse_ecb(body: bytes) -> list[DailyRates]:
    """An ECB eurofxref document (daily, 90 days or full history) as DKK per 100 units.

    A day without a DKK rate cannot be converted and is left out.
    """
    root = _root(body, "the ECB's rates")
    days: list[DailyRates] = []
    for day, per_eur in _ecb_days(root):
        dkk = per_eur.pop("DKK", None)
        if dkk is None:
            continue
        per_100 = {"EUR": (100 * dkk).quantize(DERIVED_PLACES, ROUND_HALF_UP)}
        for code, rate in per_eur.items():
            per_100[code] = (100 * dkk / rate).quantize(DERIVED_PLACES, ROUND_HALF_UP)
        days.append(DailyRates(day, ECB, per_100))
    if not days:
        raise RatesFormatError(
            say(QT_TRANSLATE_NOOP("CLI", "the ECB's rates: no <Cube time=…> with a DKK rate"))
        )
    return sorted(days, key=lambda d: d.day)
