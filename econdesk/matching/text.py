"""Text as banks print it: folded, tokenised and squashed so that references and names compare.

Banks upper-case, drop underscores and dashes, cut long texts at 18-35 characters, wrap
references across words and spell æøå as AE/OE/AA, as O/A, or not at all. Everything the
matcher compares goes through these functions, on both sides, so the two sides agree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Final

# Danish and German letters a bank may spell out; anything else loses its accent.
_SPELLED: Final = (
    ("Æ", "AE"), ("Ø", "OE"), ("Å", "AA"), ("Ä", "AE"), ("Ö", "OE"), ("Ü", "UE"), ("ß", "SS"),
    ("Œ", "OE"),
)  # fmt: skip
_TOKEN: Final = re.compile(r"[A-Z0-9]+")

# Words in a customer's name that say nothing about who it is.
NAME_STOPWORDS: Final = frozenset(
    {"APS", "AS", "IVS", "IS", "AMBA", "SMBA", "KS", "PS", "AB", "GMBH", "LTD", "INC", "OG", "AND"}
)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Upper case, æøå spelled out, other accents dropped, only ASCII left."""
    spelled = text.upper()
    if spelled.isascii():
        return spelled
    for letter, spelling in _SPELLED:  # str.replace is C-fast; translate with a dict is not
        if letter in spelled:
            spelled = spelled.replace(letter, spelling)
    if spelled.isascii():
        return spelled
    decomposed = unicodedata.normalize("NFKD", spelled)
    return "".join(ch for ch in decomposed if ch.isascii())


# Every byte but A-Z and 0-9 becomes a space: the words _TOKEN finds are then what split()
# gives, found by one table lookup per byte instead of a regex scan (much faster; the figure
# is in benchmarks/matcher_speed.py).
_SEPARATE: Final = bytes(c if 65 <= c <= 90 or 48 <= c <= 57 else 32 for c in range(256))


def tokens(text: str) -> list[str]:
    """Alphanumeric words of the folded text: 'po_1Pgc…-x' -> ['PO', '1PGC…', 'X'].

    The same words as _TOKEN.findall(fold(text)); folded text is ASCII (and anything else
    would become a '?', a separator, as for the regex)."""
    return fold(text).encode("ascii", "replace").translate(_SEPARATE).decode("ascii").split()


_NOT_ALNUM: Final = re.compile(r"[^A-Z0-9]+")


def squash(text: str) -> str:
    """Folded text with everything but letters and digits removed: how a reference compares."""
    if text.isascii():
        return _NOT_ALNUM.sub("", text.upper())
    return "".join(tokens(text))


@lru_cache(maxsize=65536)
def name_form(token: str) -> str:
    """One spelling for SØREN, SOEREN and SOREN (applied to both sides, so lossy is fine)."""
    return token.replace("AA", "A").replace("AE", "A").replace("OE", "O").replace("UE", "U")


@lru_cache(maxsize=65536)
def name_tokens(name: str) -> tuple[str, ...]:
    """The distinctive words of a person's or company's name, in comparable form."""
    return tuple(
        name_form(tok)
        for tok in tokens(name)
        if len(tok) >= 2 and tok not in NAME_STOPWORDS and not tok.isdigit()
    )


@dataclass(frozen=True, slots=True)
class TextNames:
    """A bank text's words in name form, prepared once for many name comparisons."""

    words: frozenset[str]
    prefixes: tuple[str, ...]  # words long enough to be a cut-off name


def text_names(words: Iterable[str]) -> TextNames:
    forms = frozenset(name_form(tok) for tok in words)
    return TextNames(forms, tuple(sorted(w for w in forms if len(w) >= 4)))


def name_similarity(
    name: tuple[str, ...], text: TextNames, vocabulary: frozenset[str] | None = None
) -> float:
    """How well a customer's name and a bank text agree, in [0, 1], truncation allowed.

    The share of the name (by letters) that the text shows: a name word counts when the text
    has it, or a cut-off start of it of at least four letters ('JENS' for 'JENSEN' at the end
    of a truncated text). 'SOREN JENSEN' vs 'MOBILEPAY SOREN JENSEN' -> 1.0, vs 'MOBILEPAY
    JENSEN' -> 0.55. With a `vocabulary` (every word of every customer name in play) the other
    side counts too: the share of the text's name words that this name explains, so 'Møller
    VVS Horsens' explains little of 'SØRENSEN VVS HORSENS' though the text shows most of it.
    """
    if not name or not text.words:
        return 0.0
    total = found = 0
    for tok in name:
        total += len(tok)
        if tok in text.words or any(tok.startswith(p) for p in text.prefixes):
            found += len(tok)
    share = found / total
    if vocabulary is None or not share:
        return share
    named = [w for w in text.words if w in vocabulary]
    if not named:
        return share
    own = set(name)
    shown = sum(len(w) for w in named if w in own)
    return share * shown / sum(len(w) for w in named)


_ISO_DATE: Final = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DANISH_DATE: Final = re.compile(r"\b(\d{1,2})[./-](\d{1,2})(?:[./-](\d{4}|\d{2}))?\b")
TEXT_DATE_DAYS: Final = 31  # how far before the booking a date in the text may lie


def text_dates(text: str, booked: date) -> tuple[date, ...]:
    """Dates written in a bank text ("05.03", "05.03.26", "2026-03-05") that can describe money
    booked on `booked`: on or before it and at most a month earlier. A date without a year
    takes the year that puts it there.
    """
    found: set[date] = set()
    for m in _ISO_DATE.finditer(text):
        _add_date(found, int(m[1]), int(m[2]), int(m[3]), booked)
    for m in _DANISH_DATE.finditer(_ISO_DATE.sub(" ", text)):
        day, month, year = int(m[1]), int(m[2]), m[3]
        if year is None:
            for guess in (booked.year, booked.year - 1):
                _add_date(found, guess, month, day, booked)
        else:
            _add_date(found, int(year) + (2000 if len(year) == 2 else 0), month, day, booked)
    return tuple(sorted(found))


def _add_date(found: set[date], year: int, month: int, day: int, booked: date) -> None:
    try:
        value = date(year, month, day)
    except ValueError:
        return
    if 0 <= (booked - value).days <= TEXT_DATE_DAYS:
        found.add(value)
