"""Match ids as people see them ("m-000123") and as the tables hold them (123)."""

from __future__ import annotations

from econdesk.storage.errors import NotFoundError


def parse_match_id(match_id: str) -> int:
    """'m-000123' -> 123; a bare '123' is accepted too (what people type)."""
    text = match_id.strip().removeprefix("m-")
    if not text.isdigit():
        raise NotFoundError(f"not a match id: {match_id!r} (expected e.g. m-000123)")
    return int(text)
