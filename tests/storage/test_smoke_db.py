from sqlalchemy import text

from econdesk.storage import Database


def test_both_databases_open_migrated(db: Database) -> None:
    assert db.schema_revision() is not None
    with db.reader() as store:
        assert store.session.execute(text("SELECT 1")).scalar() == 1
