"""Refusals that more than one voucher builder says (a match's, a daily sales summary's)."""

from __future__ import annotations

from collections.abc import Sequence

from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import Message, joined, say

NOTHING_TO_POST = QT_TRANSLATE_NOOP("CLI", "nothing to post: every line is zero")
NO_REVENUE_ACCOUNT = QT_TRANSLATE_NOOP(
    "CLI", "no revenue account for {0} plan(s) {1} and no default revenue account"
)


def vat_problems_message(problems: Sequence[Message], limit: int = 5) -> Message:
    """One line naming the first few items whose VAT facts keep the voucher from posting."""
    shown = joined(problems[:limit], "; ")
    if len(problems) <= limit:
        return say(QT_TRANSLATE_NOOP("CLI", "the sale's VAT cannot be booked: {0}"), shown)
    more = QT_TRANSLATE_NOOP("CLI", "the sale's VAT cannot be booked: {0}; and {1} more")
    return say(more, shown, len(problems) - limit)
