"""Which stored fields hold personal data, in one place for the audit log, purge and export.

A platform item names its payer (`customer_name`, and its `description` may echo the name); a
bank entry's `text` and `counterparty` name the payer or payee. Everything else econdesk stores
is amounts, dates, ids and references. The audit log's payloads never carry these fields'
values: a change to one is recorded by the field's name only, so the hash chain, which can
never be rewritten, never holds what the retention purge must be able to remove.
"""

from __future__ import annotations

import hashlib
from typing import Final

PERSONAL_FIELDS: Final[dict[str, frozenset[str]]] = {
    "bank_entry": frozenset({"text", "counterparty"}),
    "platform_item": frozenset({"customer_name", "description"}),
}

# A bookkeeper's free-text note on a match may name a person: the log keeps its digest.
NOTE_DIGEST_KEY: Final = "note_sha256"


def personal_fields(noun: str) -> frozenset[str]:
    """The personal fields of `noun` ("bank_entry", "platform_item"); none for other nouns."""
    return PERSONAL_FIELDS.get(noun, frozenset())


def note_digest(note: str) -> str:
    """SHA-256 of a note: proves which note was written without keeping its words."""
    return hashlib.sha256(note.encode("utf-8")).hexdigest()
