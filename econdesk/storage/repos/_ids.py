"""Ids as people see them and as the tables hold them: matches ("m-000123" <-> 123), daily
sales summaries ("s-000007" <-> 7), and the subject of a posting (which kind, which one)."""

from __future__ import annotations

from econdesk.domain import format_match_id, format_summary_id
from econdesk.storage.errors import NotFoundError

MATCH_KIND = "match"  # a posting of a match's voucher (one per match)
SALES_DAY_KIND = "sales_day"  # a posting of a daily sales summary


def parse_match_id(match_id: str) -> int:
    """'m-000123' -> 123; a bare '123' is accepted too (what people type)."""
    text = match_id.strip().removeprefix("m-")
    if not text.isdigit():
        raise NotFoundError(f"not a match id: {match_id!r} (expected e.g. m-000123)")
    return int(text)


def parse_summary_id(summary_id: str) -> int:
    """'s-000007' -> 7."""
    text = summary_id.strip().removeprefix("s-")
    if not summary_id.strip().startswith("s-") or not text.isdigit():
        raise NotFoundError(f"not a sales summary id: {summary_id!r} (expected e.g. s-000007)")
    return int(text)


def posting_subject(subject: str) -> tuple[str, str]:
    """(kind, normalised id) of what a posting posts: a summary's "s-…", else a match."""
    if subject.strip().startswith("s-"):
        return SALES_DAY_KIND, format_summary_id(parse_summary_id(subject))
    return MATCH_KIND, format_match_id(parse_match_id(subject))
