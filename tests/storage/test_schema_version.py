from pathlib import Path

from econdesk.storage.database import open_database
from econdesk.storage.migrate import head_revision
from econdesk.storage.schema_version import LATEST_REVISION, is_latest


def test_the_fast_check_knows_the_newest_migration() -> None:
    assert head_revision() == LATEST_REVISION


def test_a_new_database_is_migrated_then_known_current(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    try:
        assert is_latest(db.engine)
        assert db.schema_revision() == LATEST_REVISION
    finally:
        db.dispose()


def test_an_empty_or_older_database_is_not_current(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'old.sqlite3'}", migrate=False)
    try:
        assert not is_latest(db.engine)  # no version table yet
        with db.engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE alembic_version (version_num VARCHAR(32))")
            connection.exec_driver_sql("INSERT INTO alembic_version VALUES ('0000')")
        assert not is_latest(db.engine)
    finally:
        db.dispose()
