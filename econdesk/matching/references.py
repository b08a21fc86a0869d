"""Layer a: payout ids, settlement references, acquirer references and invoice numbers found in
the bank text.

References are compared squashed (upper case, letters and digits only), so `po_1Pgc79B7…`,
`PO1PGC79B7…` and `PO_1PGC79 B7…` (split across words) are the same. Long references (ten
characters or more) are looked up by their first eight characters at every position of the
squashed bank text and then extended, so a reference the bank cut off after 12+ characters is
still found; short ones (invoice numbers, handles) must be a whole bank word or two or three
adjacent words joined, and an invoice number's trailing digits count as weaker evidence.
Every lookup is a hash probe: the cost is linear in the bank text, whatever the number of
references.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from econdesk.domain import Phrase
from econdesk.domain.fik import FikError, parse_fik
from econdesk.i18n.explain import phrase
from econdesk.matching.book import BankRow
from econdesk.matching.scoring import (
    W_REFERENCE_CUT,
    W_REFERENCE_DIGITS,
    W_REFERENCE_FULL,
    W_REFERENCE_SHORT,
    shorten,
)
from econdesk.matching.text import squash

LONG = 10  # squashed length from which a reference is searched inside the text
KEY = 8  # characters of a long reference that key the index
CUT_MIN = 12  # a long reference cut off by the bank must still show this many characters,
CUT_WORD = 8  # or this many when they are a whole bank word ("STL 6F1C2A3B" of a uuid)
DIGITS_MIN = 4  # trailing digits of a short reference that count on their own
MAX_JOIN = 3  # adjacent bank words joined to rebuild a split short reference


@dataclass(frozen=True, slots=True)
class Hit:
    target: int  # the resource id of the payout or item the reference belongs to
    weight: float
    said: Phrase


class ReferenceIndex:
    def __init__(self) -> None:
        self._long: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
        self._short: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self._digits: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self._lengths: set[int] = set()
        # Every proper start of a short reference: words joined can only rebuild a reference
        # when the first of them is one of these, so the others are never joined.
        self._starts: set[str] = set()

    def __len__(self) -> int:
        return len(self._long) + len(self._short) + len(self._digits)

    def add(self, reference: str, target: int) -> None:
        canon = squash(reference)
        if len(canon) >= LONG:
            self._long[canon[:KEY]].append((canon, target, reference))
        elif len(canon) >= DIGITS_MIN and not canon.isalpha():
            # A short reference without digits is a word like any other (a name), not an id.
            self._short[canon].append((target, reference))
            self._starts.update(canon[:k] for k in range(1, len(canon)))
            digits = _trailing_digits(canon)
            if digits != canon and len(digits) >= DIGITS_MIN:
                self._digits[digits].append((target, reference))

    def scan(self, bank: BankRow) -> dict[int, Hit]:
        """The best hit per target in this bank entry's text."""
        best: dict[int, Hit] = {}

        def keep(hit: Hit) -> None:
            old = best.get(hit.target)
            if old is None or hit.weight > old.weight:
                best[hit.target] = hit

        if self._long:
            self._scan_long(bank, keep)
        if self._short:
            self._scan_short(bank, keep)
        return best

    def _scan_long(self, bank: BankRow, keep: Callable[[Hit], None]) -> None:
        """Long references anywhere in the squashed text, whole or cut off."""
        text = bank.squashed
        bounds: tuple[set[int], set[int]] | None = None  # word starts and ends, when needed
        get = self._long.get
        # Every position is a possible start (a bank may glue words together): one slice
        # and one hash probe each, and Python work only where a key is found.
        hits = [(i, e) for i in range(len(text) - KEY + 1) if (e := get(text[i : i + KEY]))]
        for i, entries in hits:
            # Only the references the text shows furthest from here count: a sibling id
            # sharing the first characters is not in the text when another one goes on.
            shown_at = [(_common_prefix(canon, text, i), canon, t, o) for canon, t, o in entries]
            longest = max(shown for shown, *_ in shown_at)
            for shown, canon, target, original in shown_at:
                if shown < longest:
                    continue
                if shown == len(canon):
                    keep(
                        Hit(
                            target,
                            W_REFERENCE_FULL,
                            phrase("reference.full", ref=shorten(original)),
                        )
                    )
                elif shown >= CUT_MIN or (
                    shown >= CUT_WORD
                    and i in (bounds := bounds or _word_bounds(bank.words))[0]
                    and i + shown in bounds[1]
                ):
                    weight = W_REFERENCE_CUT + (W_REFERENCE_FULL - W_REFERENCE_CUT) * (
                        shown / len(canon)
                    )
                    keep(
                        Hit(
                            target,
                            round(weight, 6),
                            phrase(
                                "reference.cut",
                                ref=shorten(original),
                                shown=shown,
                                length=len(canon),
                            ),
                        )
                    )

    def _scan_short(self, bank: BankRow, keep: Callable[[Hit], None]) -> None:
        """Short references: a FIK payment id, whole words, digits, a few joined words."""
        words = bank.words
        number = _fik_number(bank.entry.text)
        for target, original in self._short.get(number, ()) if number else ():
            keep(Hit(target, W_REFERENCE_SHORT, phrase("reference.fik", ref=original)))
        short = self._short
        for word in words:
            found = short.get(word)
            if found is not None:
                for target, original in found:
                    keep(Hit(target, W_REFERENCE_SHORT, phrase("reference.full", ref=original)))
            if len(word) >= DIGITS_MIN and word.isdigit():
                for target, original in self._digits.get(word, ()):
                    keep(
                        Hit(
                            target,
                            W_REFERENCE_DIGITS,
                            phrase("reference.number", word=word, ref=original),
                        )
                    )
        # Joined words: a short reference has a digit (letters alone are a word, not an id)
        # and fewer than LONG characters, so only runs that can be one are joined.
        starts = self._starts
        # tokens are letters and digits only
        digits = [] if starts.isdisjoint(words) else [not w.isalpha() for w in words]
        if any(digits):
            for n in range(2, MAX_JOIN + 1):
                for i in range(len(words) - n + 1):
                    if words[i] not in starts or not any(digits[i : i + n]):
                        continue
                    joined = "".join(words[i : i + n])
                    if len(joined) >= LONG:
                        continue
                    for target, original in short.get(joined, ()):
                        keep(Hit(target, W_REFERENCE_SHORT, phrase("reference.full", ref=original)))


def _fik_number(text: str) -> str | None:
    """The invoice or customer number inside a FIK payment id in the text (check digit valid)."""
    if "71" not in text and "75" not in text:
        return None  # every FIK reference names its card type
    if "+" not in text and "IK" not in text:
        return None  # and starts with "+" (a code line) or FIK/IK (as a bank writes it)
    try:
        found = parse_fik(text)
    except FikError:
        return None  # a malformed code line is just text
    return found.number if found is not None and found.number else None


def _word_bounds(words: tuple[str, ...]) -> tuple[set[int], set[int]]:
    """Where the bank's words start and end in the squashed text."""
    starts, ends = set(), set()
    at = 0
    for word in words:
        starts.add(at)
        at += len(word)
        ends.add(at)
    return starts, ends


def _common_prefix(canon: str, text: str, start: int) -> int:
    n = min(len(canon), len(text) - start)
    k = KEY  # the key already matched
    while k < n and canon[k] == text[start + k]:
        k += 1
    return k


def _trailing_digits(canon: str) -> str:
    return canon[len(canon.rstrip("0123456789")) :]
