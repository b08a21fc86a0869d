"""The audit log: chained, append-only in the database, tamper-evident, never forked."""

from __future__ import annotations

import io
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from econdesk.cli import main
from econdesk.storage import Database
from econdesk.storage.audit import GENESIS_HASH, event_hash, verify

HERE = Path(__file__).parent


def write_events(db: Database, n: int) -> None:
    for i in range(1, n + 1):
        with db.transaction() as store:
            store.record(f"test.event{i}", [f"economic:{i}"], {"i": i, "amount": "12.50"})


def test_events_chain_from_genesis_and_verify(db: Database) -> None:
    write_events(db, 3)
    with db.reader() as store:
        events = store.audit_events(newest_first=False)
        result = store.verify_audit()
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[0].prev_hash == GENESIS_HASH
    assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]
    assert events[0].actor == "tester" and events[0].occurred_at.tzinfo is not None
    assert result.ok and result.events == 3 and result.head_hash == events[-1].hash


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_events SET actor = 'x'", "DELETE FROM audit_events"]
)
def test_the_database_refuses_update_and_delete(db: Database, statement: str) -> None:
    write_events(db, 1)
    with pytest.raises(DBAPIError, match="append-only"), db.transaction() as store:
        store.session.execute(text(statement))
    with db.reader() as store:
        assert store.verify_audit().events == 1


def test_postgresql_refuses_truncate(postgres_db: Database) -> None:
    write_events(postgres_db, 1)
    with pytest.raises(DBAPIError, match="append-only"), postgres_db.transaction() as store:
        store.session.execute(text("TRUNCATE audit_events"))


# -- tampering through sqlite3, behind econdesk's back -------------------------------------


@pytest.fixture
def tampered(sqlite_db: Database) -> tuple[Database, sqlite3.Connection]:
    write_events(sqlite_db, 5)
    path = sqlite_db.engine.url.database
    assert path is not None
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("DROP TRIGGER audit_events_no_update")
    raw.execute("DROP TRIGGER audit_events_no_delete")
    return sqlite_db, raw


def verify_cli(db: Database) -> tuple[int, str]:
    err = io.StringIO()
    code = main(["--db", db.url, "audit", "verify"], stdout=io.StringIO(), stderr=err)
    return code, err.getvalue()


def test_a_changed_payload_is_named(tampered: tuple[Database, sqlite3.Connection]) -> None:
    db, raw = tampered
    raw.execute(
        """UPDATE audit_events SET payload_json = '{"amount":"1250.00","i":3}' WHERE seq = 3"""
    )
    code, err = verify_cli(db)
    assert code == 1
    assert err.strip() == (
        "econdesk: audit log broken: event #3 (test.event3) was changed: "
        "its content does not match its hash"
    )


def test_a_changed_actor_or_time_is_named(tampered: tuple[Database, sqlite3.Connection]) -> None:
    db, raw = tampered
    raw.execute("UPDATE audit_events SET occurred_at = '2020-01-01 00:00:00.000000' WHERE seq = 4")
    with db.reader() as store:
        problem = verify(store.session).problem
    assert problem is not None and (problem.seq, problem.kind) == (4, "changed")


def test_a_deleted_event_is_named(tampered: tuple[Database, sqlite3.Connection]) -> None:
    db, raw = tampered
    raw.execute("DELETE FROM audit_events WHERE seq = 2")
    code, err = verify_cli(db)
    assert code == 1
    assert "event #2 is missing (removed)" in err


def test_a_deletion_hidden_by_renumbering_is_named(
    tampered: tuple[Database, sqlite3.Connection],
) -> None:
    db, raw = tampered
    raw.execute("DELETE FROM audit_events WHERE seq = 2")
    raw.execute("UPDATE audit_events SET seq = seq - 1 WHERE seq > 2")
    with db.reader() as store:
        problem = verify(store.session).problem
    assert problem is not None
    assert (problem.seq, problem.kind) == (2, "removed")
    assert "the event before event #2 (test.event3) was removed" in problem.message


def test_an_inserted_event_is_named(tampered: tuple[Database, sqlite3.Connection]) -> None:
    db, raw = tampered
    # A forger who knows the hash recipe makes a self-consistent event and slots it in at #3.
    # Its predecessor cannot be #2: prev_hash is UNIQUE and #2 already has its successor.
    raw.execute("UPDATE audit_events SET seq = seq + 100 WHERE seq >= 3")
    raw.execute("UPDATE audit_events SET seq = seq - 99 WHERE seq >= 100")
    when = datetime(2026, 1, 1, tzinfo=UTC)
    prev = "ab" * 32
    forged = event_hash(
        when, "mallory", "match.approved", subjects_json="[]", payload_json="{}", prev_hash=prev
    )
    raw.execute(
        "INSERT INTO audit_events VALUES (3, '2026-01-01 00:00:00.000000', 'mallory', "
        "'match.approved', '[]', '{}', ?, ?)",
        (prev, forged),
    )
    code, err = verify_cli(db)
    assert code == 1
    assert "event #3 (match.approved) was inserted" in err


def test_an_appended_forgery_is_named(tampered: tuple[Database, sqlite3.Connection]) -> None:
    db, raw = tampered
    raw.execute(
        "INSERT INTO audit_events VALUES (6, '2026-01-01 00:00:00.000000', 'mallory', "
        "'match.approved', '[]', '{}', ?, ?)",
        ("f" * 64, "e" * 64),
    )
    with db.reader() as store:
        problem = verify(store.session).problem
    assert problem is not None and (problem.seq, problem.kind) == (6, "changed")


def test_reordered_events_are_named(tampered: tuple[Database, sqlite3.Connection]) -> None:
    db, raw = tampered
    raw.execute("UPDATE audit_events SET seq = 100 WHERE seq = 2")
    raw.execute("UPDATE audit_events SET seq = 2 WHERE seq = 3")
    raw.execute("UPDATE audit_events SET seq = 3 WHERE seq = 100")
    code, err = verify_cli(db)
    assert code == 1
    assert "event #2 (test.event3) is out of order: it belongs after event #3" in err


def test_an_intact_log_verifies_on_the_command_line(sqlite_db: Database) -> None:
    write_events(sqlite_db, 2)
    out = io.StringIO()
    assert main(["--db", sqlite_db.url, "audit", "verify"], stdout=out) == 0
    assert out.getvalue().startswith("audit log intact: 2 events, head ")


# -- two processes appending at once ---------------------------------------------------------


@pytest.mark.slow
def test_two_processes_appending_at_once_never_fork_the_chain(db: Database, tmp_path: Path) -> None:
    per_process = 60
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, str(HERE / "appender.py"), db.url, name, str(per_process), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("alice", "bob")
    ]
    ready = [Path(f"{go}.{name}.ready") for name in ("alice", "bob")]
    deadline = time.monotonic() + 120
    while not all(r.exists() for r in ready):  # both have imported and opened the database
        assert all(p.poll() is None for p in procs), "an appender died before starting"
        assert time.monotonic() < deadline, "the appenders never got ready"
        time.sleep(0.01)
    go.touch()
    intervals = []
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
        start, end = (float(x) for x in out.split())
        intervals.append((start, end))
    with db.reader() as store:
        result = store.verify_audit()
        events = store.audit_events(newest_first=False)
    assert result.ok, result.problem
    assert result.events == 2 * per_process
    actors = [e.actor for e in events]
    assert actors.count("alice") == actors.count("bob") == per_process
    # They really appended at the same time, so the serialization was exercised.
    (a_start, a_end), (b_start, b_end) = intervals
    assert a_start < b_end and b_start < a_end
