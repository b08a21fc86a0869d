"""Migrations: the models match the migrated schema; every old schema upgrades losing nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select, table, text

from econdesk.domain import MatchState, Money
from econdesk.storage import Database, SchemaError, open_database
from econdesk.storage.audit import record
from econdesk.storage.migrate import head_revision, known_revisions
from econdesk.storage.models import Base
from tests.storage.migration_seeds import BOOKED, INFERRED_FEE_MINOR, SEEDS


def test_the_models_and_the_migrated_schema_agree(db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_every_revision_has_seed_rows() -> None:
    assert sorted(SEEDS) == sorted(known_revisions())
    assert sorted(INFERRED_FEE_MINOR) == sorted(known_revisions())
    assert sorted(BOOKED) == sorted(known_revisions())


def _blank(kind: str, request: pytest.FixtureRequest, tmp_path_name: str) -> str:
    if kind == "sqlite":
        tmp = request.getfixturevalue("tmp_path")
        return f"sqlite:///{tmp / tmp_path_name}"
    return str(request.getfixturevalue("postgres_database_url"))


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
@pytest.mark.parametrize("revision", known_revisions())
def test_a_database_at_every_revision_upgrades_without_losing_rows(
    kind: str, revision: str, request: pytest.FixtureRequest
) -> None:
    url = _blank(kind, request, f"at-{revision}.sqlite3")
    old = open_database(url, actor="seed", migrate=False)
    old.migrate(revision)
    with old.engine.begin() as conn:
        expected = SEEDS[revision](conn)
    with old.transaction() as store:
        record(store.session, "seed.done", ["seed"], {"revision": revision})
    old.dispose()

    db = open_database(url, actor="tester")  # upgrades to head
    try:
        assert db.schema_revision() == head_revision()
        with db.reader() as store:
            for name, count in expected.items():
                assert store.session.scalar(select(func.count()).select_from(table(name))) == count
            # ...and the rows still read as domain objects.
            assert store.bank_entries.get("economic:4711") is not None
            assert store.payouts.components("stripe:po_1")[0].ref == "stripe:txn_1"
            match = store.matches.get("m-000001")
            assert match.state is MatchState.POSTED and match.voucher is not None
            fee = INFERRED_FEE_MINOR[revision]
            assert match.inferred_fee == (None if fee is None else Money.from_minor(fee, "DKK"))
            posting = store.postings.get("m-000001")
            assert posting is not None and posting.voucher.marker == "ED-1"
            assert (posting.booked_at is not None) is BOOKED[revision]
            assert store.mappings.current() is not None
            assert store.verify_audit().ok
    finally:
        db.dispose()


def test_a_database_from_a_newer_econdesk_is_refused(sqlite_db: Database) -> None:
    with sqlite_db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(SchemaError, match="made by a newer econdesk"):
        open_database(sqlite_db.url)


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_upgrading_to_0004_drops_every_stored_email_address(
    kind: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The payer's e-mail address is used by nothing, so the upgrade removes it: the column,
    and on SQLite the bytes in the file too (secure_delete zeroes the freed pages)."""
    url = _blank(kind, request, "email.sqlite3")
    old = open_database(url, actor="seed", migrate=False)
    old.migrate("0003")
    with old.engine.begin() as conn:
        SEEDS["0003"](conn)
        conn.execute(text("UPDATE platform_items SET customer_email = 'mette.nielsen@example.dk'"))
    old.dispose()
    db = open_database(url, actor="tester")
    try:
        with db.engine.connect() as conn:
            columns = {c["name"] for c in inspect(conn).get_columns("platform_items")}
        assert "customer_email" not in columns and "customer_name" in columns
    finally:
        db.dispose()
    if kind == "sqlite":
        path = Path(url.removeprefix("sqlite:///"))
        leftovers = [
            p for p in path.parent.glob(path.name + "*") if b"mette.nielsen" in p.read_bytes()
        ]
        assert leftovers == []
