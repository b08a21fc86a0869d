"""Opening databases: SQLite settings, URLs, errors that name the database but not the password."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from econdesk.errors import ConfigError
from econdesk.storage import Database, StorageError, open_database


def test_sqlite_runs_in_wal_with_foreign_keys_and_a_busy_timeout(sqlite_db: Database) -> None:
    with sqlite_db.reader() as store:
        pragma = lambda name: store.session.execute(text(f"PRAGMA {name}")).scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == 30_000


def test_the_default_database_lives_in_the_data_folder(econdesk_home: Path) -> None:
    db = open_database(actor="me")
    try:
        assert db.url == f"sqlite:///{(econdesk_home / 'data' / 'econdesk.sqlite3').resolve()}"
        assert (econdesk_home / "data" / "econdesk.sqlite3").exists()
    finally:
        db.dispose()


def test_the_password_never_shows(postgres_url: str) -> None:
    url = "postgresql+psycopg://bob:hunter2secret@127.0.0.1:1/nowhere"
    db = Database(url, actor="bob")
    assert "hunter2secret" not in repr(db)
    assert "hunter2secret" not in db.display_url
    with pytest.raises(StorageError) as caught:
        open_database(url, actor="bob")
    assert "hunter2secret" not in str(caught.value)
    assert "cannot open the database postgresql+psycopg://bob:***@127.0.0.1:1/nowhere" in str(
        caught.value
    )


def test_a_plain_postgresql_url_uses_psycopg_3(postgres_url: str) -> None:
    plain = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    db = Database(plain, actor="x")
    try:
        assert db.engine.dialect.driver == "psycopg"
    finally:
        db.dispose()


def test_unsupported_urls_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="unsupported database 'mysql'"):
        Database("mysql://x@y/z")
    with pytest.raises(ConfigError, match="not a database URL"):
        Database("::nonsense::")
