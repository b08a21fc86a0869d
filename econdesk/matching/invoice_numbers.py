"""Invoice numbers as payers write them in a bank text: "fakt. 1614", "Faktura 1037",
"inv-1833", "FAKTURANR 01614", "Betaling fakt.nr.1022", "Faktura1037".

A number counts when a word for "invoice" comes right before it (with "nr"/"no" between, or
glued on); a bare number only as weaker evidence. Leading zeros do not count, on either side.
What is not an invoice number: a number inside a date ("05.03.26", "2026-03-05"), a number
that is the transfer's own amount ("149" or "149,00" on a 149.00 transfer), and anything
shorter than MIN_DIGITS.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from econdesk.matching.text import fold

MIN_DIGITS: Final = 3
MAX_DIGITS: Final = 12
# Folded words that say "invoice", in Danish and English, as banks cut them.
INVOICE_WORDS: Final = frozenset(
    {"FAKT", "FAKTURA", "FAKTURANR", "FAKTNR", "FAKTURANUMMER", "FAKTURANO", "FAK",
     "INV", "INVOICE", "INVOICENO", "INVNO", "INVNR", "FKT"}
)  # fmt: skip
_NUMBER_WORDS: Final = frozenset({"NR", "NO", "NUMMER", "NUMBER"})
_GLUED: Final = re.compile(r"^(FAKTURANR|FAKTURA|FAKTNR|FAKT|INVOICE|INVNR|INV)(\d+)$")
_WORD: Final = re.compile(r"[A-Z0-9]+")
_DATE: Final = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?\b")
_AMOUNT: Final = re.compile(r"\b\d{1,3}(?:[.\s]\d{3})*[,.]\d{2}\b")


@dataclass(frozen=True, slots=True)
class Quoted:
    """A number in the text that may be an invoice's: `key` without leading zeros."""

    key: str
    written: str  # as the text has it, for the explanation
    named: bool  # a word for "invoice" stands before it


def number_key(text: str) -> str | None:
    """An invoice's number as its trailing digits without leading zeros ("inv-01614" ->
    "1614"); None when it has too few digits to be told apart from other numbers."""
    digits = text[len(text.rstrip("0123456789")) :].lstrip("0")
    return digits if MIN_DIGITS <= len(digits) <= MAX_DIGITS else None


def quoted_numbers(text: str, amount_minor: int) -> tuple[Quoted, ...]:
    """The numbers of `text` that may name an invoice, those after an invoice word first."""
    folded = fold(text)
    blocked = _blocked_spans(folded)
    words = [(m.group(), m.start()) for m in _WORD.finditer(folded)]
    found: dict[str, Quoted] = {}
    for i, (word, at) in enumerate(words):
        if any(lo <= at < hi for lo, hi in blocked):
            continue
        glued = _GLUED.match(word)
        if glued:
            _keep(found, glued.group(2), word, True, amount_minor)
            continue
        if not word.isdigit():
            continue
        before = [w for w, _ in words[max(0, i - 2) : i]]
        named = bool(before) and (
            before[-1] in INVOICE_WORDS
            or (before[-1] in _NUMBER_WORDS and len(before) == 2 and before[0] in INVOICE_WORDS)
        )
        _keep(found, word, word, named, amount_minor)
    return tuple(sorted(found.values(), key=lambda q: (not q.named, q.key)))


def _keep(found: dict[str, Quoted], digits: str, written: str, named: bool, amount: int) -> None:
    key = digits.lstrip("0")
    if not MIN_DIGITS <= len(key) <= MAX_DIGITS:
        return
    if key in (str(abs(amount)), str(abs(amount) // 100)):
        return  # the transfer's own amount, not an invoice's number
    old = found.get(key)
    if old is None or (named and not old.named):
        found[key] = Quoted(key, written, named)


def _blocked_spans(folded: str) -> list[tuple[int, int]]:
    """Where the text writes a date or an amount with decimals: no invoice numbers there."""
    return [m.span() for m in (*_DATE.finditer(folded), *_AMOUNT.finditer(folded))]
