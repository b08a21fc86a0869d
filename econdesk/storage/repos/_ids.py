"""Ids as people see them and as the tables hold them: matches ("m-000123" <-> 123), daily
sales summaries ("s-000007" <-> 7), and the subject of a posting (which kind, which one)."""

from __future__ import annotations

from econdesk.domain import format_match_id, format_summary_id
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say
from econdesk.storage.errors import NotFoundError

MATCH_KIND = "match"  # a posting of a match's voucher (one per match)
SALES_DAY_KIND = "sales_day"  # a posting of a daily sales summary
REVERSAL_KIND = "reversal"  # a posting of the voucher that reverses a match's ("r-000123")


def parse_match_id(match_id: str) -> int:
    """'m-000123' -> 123; a bare '123' is accepted too (what people type)."""
    text = match_id.strip().removeprefix("m-")
    if not text.isdigit():
        raise NotFoundError(
            say(
                QT_TRANSLATE_NOOP("CLI", "not a match id: {0!r} (expected e.g. m-000123)"), match_id
            )
        )
    return int(text)


def parse_summary_id(summary_id: str) -> int:
    """'s-000007' -> 7."""
    text = summary_id.strip().removeprefix("s-")
    if not summary_id.strip().startswith("s-") or not text.isdigit():
        raise NotFoundError(
            say(
                QT_TRANSLATE_NOOP("CLI", "not a sales summary id: {0!r} (expected e.g. s-000007)"),
                summary_id,
            )
        )
    return int(text)


def reversal_subject(match_id: str) -> str:
    """'m-000123' -> 'r-000123': the subject of the posting that reverses the match's."""
    return "r-" + format_match_id(parse_match_id(match_id)).removeprefix("m-")


def match_number(subject: str) -> int:
    """The match a match's or a reversal's posting subject belongs to: 'r-000123' -> 123."""
    text = subject.strip()
    return parse_match_id("m-" + text[2:] if text.startswith("r-") else text)


def posting_subject(subject: str) -> tuple[str, str]:
    """(kind, normalised id) of what a posting posts: a summary's "s-…", a reversal's
    "r-…", else a match."""
    if subject.strip().startswith("s-"):
        return SALES_DAY_KIND, format_summary_id(parse_summary_id(subject))
    if subject.strip().startswith("r-"):
        return REVERSAL_KIND, reversal_subject(format_match_id(match_number(subject)))
    return MATCH_KIND, format_match_id(parse_match_id(subject))
