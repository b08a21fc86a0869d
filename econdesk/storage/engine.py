"""Engine factory: SQLite (default, one local file) or PostgreSQL (a team's shared database)."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import StaticPool

from econdesk.errors import ConfigError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

# How a writer transaction starts on SQLite; see Database.transaction().
BEGIN_OPTION = "econdesk_sqlite_begin"
SQLITE_BUSY_TIMEOUT_MS = 30_000
SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")  # quoted into SQL: nothing else allowed


def create_engine_for(url: str, *, echo: bool = False, schema: str | None = None) -> Engine:
    """An Engine for an `sqlite:///FILE` or `postgresql+psycopg://` URL, set up for econdesk.

    Pool choice: the app runs database work on worker threads (Anki-style), so connections must
    be usable from any thread but only by one at a time. SQLAlchemy's default QueuePool gives
    exactly that: each checkout owns a connection until it is returned; for SQLite we therefore
    lift sqlite3's same-thread check, and for PostgreSQL we pre-ping because a shared server or a
    firewall may have closed an idle connection. An in-memory SQLite URL gets one StaticPool
    connection, since each new connection would be a new, empty database. `schema` (PostgreSQL
    only: one client's tables on a firm's shared server) is every connection's search path.
    """
    try:
        parsed = make_url(url)
    except Exception:  # SQLAlchemy raises ArgumentError; the URL may hold a password
        raise ConfigError(
            say(
                QT_TRANSLATE_NOOP(
                    "CLI",
                    "not a database URL (expected sqlite:///FILE or postgresql+psycopg://...)",
                )
            )
        ) from None
    backend = parsed.get_backend_name()
    if schema is not None and not SCHEMA_NAME.match(schema):
        not_schema = QT_TRANSLATE_NOOP(
            "CLI", "{0!r} is not a schema name (a-z, 0-9 and _, up to 63)"
        )
        raise ConfigError(say(not_schema, schema))
    if backend == "sqlite":
        if schema:
            raise ConfigError(
                say(
                    QT_TRANSLATE_NOOP(
                        "CLI", "a schema is for a PostgreSQL database, not an SQLite file"
                    )
                )
            )
        return _sqlite_engine(url, in_memory=parsed.database in (None, "", ":memory:"), echo=echo)
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3, not psycopg2
        connect_args = {"options": f"-csearch_path={schema}"} if schema else {}
        return create_engine(
            parsed,
            pool_pre_ping=True,
            pool_size=5,
            max_overflow=5,
            echo=echo,
            connect_args=connect_args,
        )
    unsupported = QT_TRANSLATE_NOOP(
        "CLI", "unsupported database {0!r}: use sqlite:/// or postgresql+psycopg://"
    )
    raise ConfigError(say(unsupported, backend))


def _sqlite_engine(url: str, *, in_memory: bool, echo: bool) -> Engine:
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False}, "echo": echo}
    if in_memory:
        kwargs["poolclass"] = StaticPool
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # We emit BEGIN ourselves (below), so sqlite3's own legacy transaction handling is off.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            # Deleted or overwritten content is zeroed in the file, not left in free pages:
            # what the privacy purge and the e-mail column's removal take away is gone.
            cursor.execute("PRAGMA secure_delete = ON")
            if not in_memory:
                cursor.execute("PRAGMA journal_mode = WAL")  # readers never block the writer
            cursor.execute("PRAGMA synchronous = FULL")  # an approval, once committed, survives
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # IMMEDIATE takes the write lock up front, so two writers queue (busy_timeout) instead
        # of both reading the same audit-chain head and one failing late; reads stay DEFERRED.
        mode = connection.get_execution_options().get(BEGIN_OPTION, "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine
