"""Keep secrets out of the workbook, whatever text the rows carry.

The report is filed and mailed; a credential in it is a leak. The rows should never hold one,
but a bank text, an audit detail or a source description could echo one back (a pasted key, a
URL with a password), so every string goes through a `Redactor` on its way into a cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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
