"""The states of matches, postings and period sign-offs as a message names them.

The store keeps a state as its stable code ("approved"); a reason that names one says the
reader's word for it. A code without a word here is said as it is.
"""

from __future__ import annotations

from typing import Final

from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import Message, say

STATE_TEXT: Final = {
    # a match
    "proposed": QT_TRANSLATE_NOOP("CLI", "proposed"),
    "approved": QT_TRANSLATE_NOOP("CLI", "approved"),
    "rejected": QT_TRANSLATE_NOOP("CLI", "rejected"),
    "parked": QT_TRANSLATE_NOOP("CLI", "parked"),
    "posted": QT_TRANSLATE_NOOP("CLI", "posted"),
    "withdrawn": QT_TRANSLATE_NOOP("CLI", "withdrawn"),
    # a posting
    "claimed": QT_TRANSLATE_NOOP("CLI", "claimed"),
    "sent": QT_TRANSLATE_NOOP("CLI", "sent"),
    "failed": QT_TRANSLATE_NOOP("CLI", "failed"),
    # a period's sign-off
    "open": QT_TRANSLATE_NOOP("CLI", "open"),
    "signed": QT_TRANSLATE_NOOP("CLI", "signed off"),
    "reopened": QT_TRANSLATE_NOOP("CLI", "reopened"),
}


def state_word(state: object) -> Message:
    """A state (a str enum or its code) as the reader names it."""
    code = str(state)
    source = STATE_TEXT.get(code)
    return say(source) if source is not None else say("{0}", code)
