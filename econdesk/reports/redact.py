"""Keep secrets out of the workbook, whatever text the rows carry.

The report is filed and mailed; a credential in it is a leak. The rows should never hold one,
but a bank text, an audit detail or a source description could echo one back (a pasted key, a
URL with a password), so every string goes through a `Redactor` on its way into a cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Final

REDACTED: Final = "[redacted]"
MIN_SECRET_CHARS: Final = 6  # shorter values are no real secret, and would mangle plain words

# Key shapes that are secret wherever they appear, configured or not, each with a literal
# that must occur for the shape to match (a substring test is far cheaper than the regex).
_KEY_SHAPES: Final = (
    ("k_live_", r"\b[sr]k_live_[0-9A-Za-z]{8,}"),  # Stripe secret and restricted keys
    ("k_test_", r"\b[sr]k_test_[0-9A-Za-z]{8,}"),
    ("whsec_", r"\bwhsec_[0-9A-Za-z]{8,}"),  # Stripe webhook signing secrets
    ("priv_", r"\bpriv_[0-9a-f]{16,}"),  # Frisbii (Reepay) private API keys
    ("://", r"(?<=://)[^/\s:@]+:[^/\s@]+(?=@)"),  # user:password inside a URL
)


class Redactor:
    """Replaces the given secrets, and anything shaped like a platform key, with [redacted]."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        words = sorted(
            {s for s in secrets if s and len(s) >= MIN_SECRET_CHARS}, key=len, reverse=True
        )
        self._needles = (*words, *(needle for needle, _ in _KEY_SHAPES))
        self._pattern = re.compile("|".join([*map(re.escape, words), *(p for _, p in _KEY_SHAPES)]))

    @property
    def needles(self) -> tuple[str, ...]:
        """Literals one of which is in any text this redactor would change."""
        return self._needles

    def __call__(self, text: str) -> str:
        # Called for every text cell of a million-row report: run the regex only on a hit.
        for needle in self._needles:
            if needle in text:
                return self._pattern.sub(REDACTED, text)
        return text


class Pseudonymiser(Redactor):
    """A Redactor that also replaces every known person's name with its pseudonym.

    For a report shared outside the firm (`report --pseudonymise`): `names` maps each payer's
    name and bank counterparty to "customer 4711" / "payer 12", the same pseudonyms a privacy
    purge gives them. Names match whole words in any case, wherever they stand (open items,
    bank texts, explanations, notes). A name the store does not know as a payer's (say, one
    only a bank text carries) cannot be recognised and stays.
    """

    def __init__(self, secrets: Iterable[str] = (), names: Mapping[str, str] | None = None):
        super().__init__(secrets)
        known = {k.casefold(): v for k, v in (names or {}).items() if k.strip()}
        self._names = known
        alternatives = sorted(known, key=len, reverse=True)
        self._name_pattern = (
            re.compile(
                r"(?<!\w)(?:" + "|".join(map(re.escape, alternatives)) + r")(?!\w)", re.IGNORECASE
            )
            if alternatives
            else None
        )

    @property
    def needles(self) -> tuple[str, ...]:
        # A name may stand in any case: every text cell takes the careful path ("" is in all).
        return ("",) if self._name_pattern is not None else super().needles

    def __call__(self, text: str) -> str:
        text = super().__call__(text)
        if self._name_pattern is None:
            return text
        return self._name_pattern.sub(lambda m: self._names[m.group(0).casefold()], text)
