"""The unique marker each entry text carries: `ED-<match id>-<8 hex>`.

A reversal's voucher carries `ED-r-<match number>-<8 hex>` (`reversal_marker`): the same
form, so every search and parser finds it, with an id part no match has.

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


REVERSAL_PREFIX = "r-"  # a reversal's marker names "r-000123", its match being m-000123


def match_marker(match: Match, round_: int = 0) -> str:
    """The marker of the match's voucher. `round_` counts the match's reversed postings: a
    match posted again after a reversal gets a marker of its own, or the daybook search
    would find the first voucher (still in the books beside its reversal) and take the new
    posting for done. Round 0 is the marker every match had before reversals existed."""
    if not _ID_RE.fullmatch(match.id):
        raise ValueError(f"match id {match.id!r} cannot go into an entry-text marker")
    lines = [match.id, *sorted(match.bank_refs), *sorted(match.item_refs)]
    if round_:
        lines.append(f"round {round_}")
    identity = "\n".join(lines)
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:8]
    return f"{MARKER_PREFIX}{match.id}-{digest}"


def summary_marker(summary_id: str, provider: str, day: str, item_refs: Iterable[str]) -> str:
    """A daily sales summary's marker, over its identity: id, source, day and items."""
    if not _ID_RE.fullmatch(summary_id):
        raise ValueError(f"summary id {summary_id!r} cannot go into an entry-text marker")
    identity = "\n".join([summary_id, provider, day, *sorted(item_refs)])
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:8]
    return f"{MARKER_PREFIX}{summary_id}-{digest}"


def reversal_marker(match_id: str, round_: int, original: str) -> str:
    """The marker of the voucher that reverses a match's posting `round_` (0: its first),
    `ED-r-<number>-<8 hex>`: found by the same daybook search, never mistaken for the
    match's own marker (a different id part), different for every posting reversed."""
    if not match_id.startswith("m-") or not _ID_RE.fullmatch(match_id):
        raise ValueError(f"match id {match_id!r} cannot go into a reversal marker")
    subject = REVERSAL_PREFIX + match_id.removeprefix("m-")
    identity = "\n".join(["reversal", match_id, str(round_), original])
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:8]
    return f"{MARKER_PREFIX}{subject}-{digest}"


def without_markers(text: str) -> str:
    """The entry text with its markers taken out (a reversal must not carry the original's)."""
    return " ".join(_MARKER_RE.sub(" ", text).split())


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
