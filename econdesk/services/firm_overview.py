"""The firm overview: every client's standing, read cheaply from its own store.

For each client: its config is read (no secret is looked up), its store opened without
migrating and asked a few aggregate questions (`OverviewRepository`), then closed. A client
whose config or store cannot be read is shown with what is wrong, never left out.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from econdesk.clients import Client, LastSync, last_sync
from econdesk.errors import EcondeskError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import reason_of, say
from econdesk.storage import Database
from econdesk.storage.repos.overview import StoreFigures
from econdesk.storage.schema_version import is_latest


class Attention(enum.StrEnum):
    CREDENTIALS = "credentials"  # a key or token was refused: expired or revoked
    SYNC_FAILED = "sync_failed"  # the last sync failed
    NEVER_SYNCED = "never_synced"
    CONFIG = "config"  # the config cannot be read
    STORE = "store"  # the store cannot be read, or is from another econdesk
    UNPOSTED = "unposted"  # approvals wait to be posted


@dataclass(frozen=True, slots=True)
class ClientStore:
    """What the overview reads a client from: its store (None before it has one) and the
    clearing account its config names for each provider."""

    db: Database | None
    clearing_accounts: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ClientOverview:
    client: Client
    figures: StoreFigures | None
    last_sync: LastSync | None
    attention: tuple[tuple[Attention, str], ...]  # what, and the detail to show
    clearing_accounts: Mapping[str, int] = field(default_factory=dict)

    @property
    def last_synced_at(self) -> datetime | None:
        if self.last_sync is not None:
            return self.last_sync.at
        return self.figures.last_cursor_at if self.figures is not None else None

    def days_since_signoff(self, today: date) -> int | None:
        signed = self.figures.last_signoff if self.figures is not None else None
        return (today - signed).days if signed is not None else None


StoreOpener = Callable[[Client], ClientStore]


def overview(clients: Sequence[Client], open_store: StoreOpener) -> list[ClientOverview]:
    """Every client's overview, in the order given. `open_store` gives the client's store,
    not migrated (None when it has none yet); it may raise EcondeskError."""
    return [client_overview(client, open_store) for client in clients]


def client_overview(client: Client, open_store: StoreOpener) -> ClientOverview:
    attention: list[tuple[Attention, str]] = []
    synced = last_sync(client)
    if synced is not None and not synced.ok:
        kind = Attention.CREDENTIALS if synced.auth_failed else Attention.SYNC_FAILED
        attention.append((kind, synced.reason or ""))
    figures: StoreFigures | None = None
    try:
        opened = open_store(client)
    except EcondeskError as exc:
        attention.append((Attention.CONFIG, reason_of(exc)))
        opened = ClientStore(None)
    db = opened.db
    if db is not None:
        try:
            figures = _figures(db)
        except EcondeskError as exc:
            attention.append((Attention.STORE, reason_of(exc)))
        finally:
            db.dispose()
    never = synced is None and (figures is None or figures.last_cursor_at is None)
    if never and not attention:
        attention.append((Attention.NEVER_SYNCED, ""))
    if figures is not None and figures.unposted_approvals:
        attention.append((Attention.UNPOSTED, str(figures.unposted_approvals)))
    return ClientOverview(client, figures, synced, tuple(attention), opened.clearing_accounts)


def _figures(db: Database) -> StoreFigures:
    if not is_latest(db.engine):
        other = QT_TRANSLATE_NOOP(
            "CLI", "the store is from another econdesk version: open the client"
        )
        raise EcondeskError(say(other))
    from sqlalchemy.exc import SQLAlchemyError

    try:
        with db.reader() as store:
            return store.overview.figures()
    except SQLAlchemyError as exc:
        unreadable = QT_TRANSLATE_NOOP("CLI", "cannot read the store: {0}")
        raise EcondeskError(say(unreadable, type(exc).__name__)) from None


def today() -> date:
    return datetime.now(UTC).date()
