"""The unique marker each entry text carries: `ED-<match id>-<8 hex>`.

The Idempotency-Key covers retries within an hour only (docs/economic-api.md#idempotency); the
marker covers everything after that: before a match is posted again, the daybook and the booked
entries are searched for it. The hash is over the match's identity (its id and the references it
explains), never over mappings or amounts, so a changed mapping cannot change the marker of a
voucher that may already be in e-conomic; two databases that both number a match `m-000001`
still get different markers.

The marker uses only letters, digits and '-', none of which the e-conomic filter syntax needs
escaped (`$like:` on text, docs/economic-api.md#filtering), and it always opens the text, so
cutting a long text at the 250 characters the schema allows never cuts the marker.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from econdesk.domain.model import Match

MARKER_PREFIX = "ED-"
TEXT_MAX = 250  # journals.journalNumber.vouchers.post.schema.json: text maxLength 250

_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,40}")
_MARKER_RE = re.compile(
    r"(?<![A-Za-z0-9-])ED-([A-Za-z0-9][A-Za-z0-9-]*?)-([0-9a-f]{8})(?![0-9A-Za-z])"
)


def match_marker(match: Match) -> str:
    if not _ID_RE.fullmatch(match.id):
        raise ValueError(f"match id {match.id!r} cannot go into an entry-text marker")
    identity = "\n".join([match.id, *sorted(match.bank_refs), *sorted(match.item_refs)])
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:8]
    return f"{MARKER_PREFIX}{match.id}-{digest}"


def summary_marker(summary_id: str, provider: str, day: str, item_refs: Iterable[str]) -> str:
    """A daily sales summary's marker, over its identity: id, source, day and items."""
    if not _ID_RE.fullmatch(summary_id):
        raise ValueError(f"summary id {summary_id!r} cannot go into an entry-text marker")
    identity = "\n".join([summary_id, provider, day, *sorted(item_refs)])
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:8]
    return f"{MARKER_PREFIX}{summary_id}-{digest}"


def entry_text(marker: str, description: str) -> str:
    """`marker description`, cut to the 250 characters e-conomic takes; the marker stays whole."""
    text = f"{marker} {' '.join(description.split())}".strip()
    if len(text) <= TEXT_MAX:
        return text
    return text[: TEXT_MAX - 1].rstrip() + "…"


def markers_in(text: str) -> list[str]:
    """Every marker in an entry text (normally one), in order."""
    return [m.group(0) for m in _MARKER_RE.finditer(text)]


def match_id_of(marker: str) -> str:
    found = _MARKER_RE.fullmatch(marker)
    if found is None:
        raise ValueError(f"not an econdesk marker: {marker!r}")
    return found.group(1)
