"""Alembic environment: runs on the connection econdesk hands over (see storage/migrate.py)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, text

from econdesk.storage.models import Base

# Serializes concurrent upgrades on a shared PostgreSQL ("econdesk-migrate").
MIGRATION_LOCK_KEY = 0x6564_6D69_6772_6174


def _run(connection: object) -> None:
    assert isinstance(connection, Connection)
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters by table copy
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:  # `alembic -c econdesk/storage/migrations/alembic.ini ...` by a developer
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("set sqlalchemy.url (alembic -x or the ini) to a scratch database")
    with create_engine(url).connect() as conn:
        _run(conn)
