"""A write transaction that reads before it takes the writer lock (`lock_first=False`).

PostgreSQL only: on SQLite the writer lock is taken at BEGIN whatever the caller asks.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import text

from econdesk.domain import MatchState
from econdesk.storage import ConcurrencyError, Database, StorageError, Store
from econdesk.storage.audit import ADVISORY_LOCK_KEY
from econdesk.storage.repos.rates import StoredRate
from tests.storage.helpers import seed_pair

pytestmark = pytest.mark.postgres


def holds_lock(store: Store) -> bool:
    held = store.session.scalar(
        text(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
            "AND pid = pg_backend_pid() AND objid::bigint = :low"
        ),
        {"low": ADVISORY_LOCK_KEY & 0xFFFF_FFFF},
    )
    return bool(held)


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda s: s.memory.learn("customer", "HANSEN", "x"), id="flush"),
        pytest.param(lambda s: s.memory.learn_many("customer", [("HANSEN", "x")]), id="insert"),
        pytest.param(lambda s: s.memory.forget("customer", "HANSEN"), id="delete"),
    ],
)
def test_the_first_write_takes_the_lock_when_the_block_did_not(
    postgres_db: Database, write: Callable[[Store], object]
) -> None:
    with postgres_db.transaction(lock_first=False) as store:
        store.memory.all()
        assert not holds_lock(store)
        write(store)
        assert holds_lock(store)


def test_a_decision_made_between_the_read_and_the_lock_stands(
    postgres_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from econdesk.services.matching import MatchingService

    db = postgres_db
    match = seed_pair(db)
    jane = Database(db.url, actor="jane")
    service = MatchingService(db)
    original = MatchingService._examples

    acted: list[bool] = []

    def colleague_rejects_first(*args):  # type: ignore[no-untyped-def]
        if not acted:  # the approval has read the match, and not yet taken the lock
            acted.append(True)
            MatchingService(jane).reject([match.id])
        return original(*args)

    monkeypatch.setattr(MatchingService, "_examples", staticmethod(colleague_rejects_first))
    try:
        with pytest.raises(ConcurrencyError, match="changed by someone else"):
            service.approve([match.id])
    finally:
        jane.dispose()
    with db.reader() as store:
        assert store.matches.get(match.id).state is MatchState.REJECTED
        newest = store.audit_events(subject=match.id, limit=1)
        assert [e.action for e in newest] == ["match.rejected"]
        assert store.verify_audit().ok


@pytest.mark.parametrize(
    "dialect", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_a_row_locks_only_transaction_never_takes_the_writer_lock(
    request: pytest.FixtureRequest, dialect: str
) -> None:
    db: Database = request.getfixturevalue(f"{'sqlite' if dialect == 'sqlite' else 'postgres'}_db")
    with (
        pytest.raises(StorageError, match="row locks only"),
        db.transaction(row_locks_only=True) as store,
    ):
        store.cursors.get("stripe:payouts", for_update=True)
        store.cursors.set("stripe:payouts", {"done_until": "2026-03-01"})
        if dialect == "postgresql":
            assert not holds_lock(store)
        store.record("sync.stored", ["stripe:payouts"])
    with db.reader() as store:
        assert store.cursors.get("stripe:payouts") is None  # the refusal rolled it all back
        assert store.audit_head() == 0


def test_fetched_exchange_rates_are_stored_while_a_colleague_holds_the_writer_lock(
    postgres_db: Database,
) -> None:
    from datetime import date
    from decimal import Decimal

    from econdesk.connectors.rates import DailyRates
    from econdesk.services.rates import ExchangeRates, RateFeeds

    day = date(2026, 3, 2)
    published = [DailyRates(day, "ecb", {"EUR": Decimal("745.90"), "USD": Decimal("690.10")})]
    feeds = RateFeeds(nationalbanken_latest=lambda: [], ecb=lambda _document: published)
    with postgres_db.transaction() as colleague:
        assert holds_lock(colleague)  # an approval, say, holding the writer lock meanwhile
        rates = ExchangeRates(Database(postgres_db.url, actor="jane"), feeds, today=lambda: day)
        try:
            with pytest.MonkeyPatch.context() as patch:
                # waiting for the writer lock would fail on this instead of hanging
                patch.setenv("PGOPTIONS", "-c lock_timeout=2s")
                found = rates.rate("EUR", day)
        finally:
            rates.db.dispose()
    assert found.per_100 == Decimal("745.90") and found.source == "ecb"
    # storing an overlapping window again adds only what is new, never a second copy
    with postgres_db.transaction(row_locks_only=True) as store:
        assert store.rates.add([StoredRate("EUR", day, "ecb", Decimal("1"))]) == 0
    with postgres_db.reader() as store:
        assert store.session.scalar(text("SELECT count(*) FROM exchange_rates")) == 2
