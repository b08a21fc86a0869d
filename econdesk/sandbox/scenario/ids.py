"""Deterministic ids in each platform's own shape, derived from (seed, kind, number).

Ids are computed on demand from a keyed hash instead of being stored, so a million-item
scenario keeps only integers in memory and still hands out the same id every time.
"""

from __future__ import annotations

import hashlib
import uuid

_BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_ALNUM_LOWER = "0123456789abcdefghijklmnopqrstuvwxyz"


# Byte -> character tables: a digest byte picks a character (a slight bias is harmless here).
_BASE62_TABLE = bytes((_BASE62 * 5)[:256], "ascii")
_ALNUM_TABLE = bytes((_ALNUM_LOWER * 8)[:256], "ascii")
_HEX_UPPER_TABLE = bytes(("0123456789ABCDEF" * 16)[:256], "ascii")
_TABLES = {_BASE62: _BASE62_TABLE, _ALNUM_LOWER: _ALNUM_TABLE, "0123456789ABCDEF": _HEX_UPPER_TABLE}


class IdFactory:
    def __init__(self, seed: int) -> None:
        self._key = f"econdesk-scenario-{seed}".encode()[:64]

    def _digest(self, kind: str, n: int, size: int) -> bytes:
        return hashlib.blake2b(f"{kind}:{n}".encode(), digest_size=size, key=self._key).digest()

    def hex32(self, kind: str, n: int) -> str:
        """32 lowercase hex digits, the shape of Reepay/Frisbii ids."""
        return self._digest(kind, n, 16).hex()

    def uuid4(self, kind: str, n: int) -> str:
        return str(uuid.UUID(bytes=self._digest(kind, n, 16), version=4))

    def base62(self, kind: str, n: int, length: int, alphabet: str = _BASE62) -> str:
        """`length` characters of `alphabet` (one of the tables above)."""
        return self._digest(kind, n, length).translate(_TABLES[alphabet]).decode("ascii")

    def stripe(self, prefix: str, n: int, kind: str = "") -> str:
        """`po_1…`, `txn_1…`, `ch_1…` ...: prefix, '1', 23 base-62 characters, like Stripe's."""
        return f"{prefix}_1{self.base62(kind or prefix, n, 23)}"

    def chargebee(self, prefix: str, n: int) -> str:
        """Chargebee-style id: `txn_` plus 16 characters (no prefix for customers)."""
        body = self.base62("cb-" + prefix, n, 16)
        return f"{prefix}_{body}" if prefix else body

    def digits(self, kind: str, n: int, length: int) -> str:
        value = int.from_bytes(self._digest(kind, n, 16), "big")
        return f"{value % 10**length:0{length}d}"
