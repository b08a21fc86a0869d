"""What the store raises. All are EcondeskError, so the command line shows one clear line."""

from __future__ import annotations

from econdesk.errors import EcondeskError


class StorageError(EcondeskError):
    """The store could not do what was asked."""


class NotFoundError(StorageError):
    """No row with that id or reference."""


class UnknownRefError(StorageError):
    """A match names a bank entry, item or payout the store does not hold."""


class ConcurrencyError(StorageError):
    """Someone else changed the match since it was read (its version moved on)."""


class ConflictError(StorageError):
    """A bank entry or item is already part of another live match."""


class InvalidTransitionError(StorageError):
    """The match cannot go from its state to the one asked for (e.g. posted -> proposed)."""


class PostingStateError(StorageError):
    """A posting step out of order (e.g. marking posted a voucher that was never claimed)."""


class SchemaError(StorageError):
    """The database's schema is newer than this econdesk, or cannot be migrated."""
