"""An open app hears another process's changes: LISTEN/NOTIFY on PostgreSQL, polling on SQLite."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from econdesk.domain import MatchState
from econdesk.services.changes import ChangeFeed, ChangeWatcher, announce_presence, who_has_open
from econdesk.storage import Database
from tests.storage.helpers import seed_pair

ROOT = Path(__file__).resolve().parents[2]


def approve_elsewhere(db: Database, match_id: str, actor: str, tmp_path: Path) -> None:
    config = tmp_path / f"{actor}.toml"
    config.write_text(f'[app]\nactor = "{actor}"\n', encoding="utf-8")
    argv = ["--config", str(config), "--db", db.url, "approve", match_id]
    done = subprocess.run(
        [sys.executable, "-m", "econdesk", *argv],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def test_a_colleagues_approval_is_heard_within_a_second_and_read_back(
    db: Database, tmp_path: Path
) -> None:
    match = seed_pair(db)
    feed = ChangeFeed(db)
    seen = feed.head()
    watcher = ChangeWatcher(db)
    heard: list[float] = []
    stop = threading.Event()

    def listen() -> None:
        while not stop.is_set():
            if watcher.wait(0.2):
                heard.append(time.monotonic())
                return

    thread = threading.Thread(target=listen)
    thread.start()
    try:
        approve_elsewhere(db, match.id, "jane", tmp_path)
        committed = time.monotonic()
        thread.join(timeout=5)
    finally:
        stop.set()
        thread.join()
        watcher.close()
    assert heard and heard[0] - committed < 1.0
    changes = feed.since(seen)
    assert [e.action for e in changes.events] == ["match.approved"]
    assert changes.events[0].actor == "jane"
    assert [(m.id, m.state) for m in changes.matches] == [(match.id, MatchState.APPROVED)]
    assert changes.last_event_for(match.id) == changes.events[0]
    assert not changes.data_changed
    assert feed.since(changes.head).events == ()


def test_nothing_changed_is_not_heard(db: Database) -> None:
    seed_pair(db)
    watcher = ChangeWatcher(db, poll_seconds=0.05)
    try:
        assert not watcher.wait(0.3)
    finally:
        watcher.close()


@pytest.mark.postgres
def test_who_has_a_match_open_travels_between_processes(postgres_db: Database) -> None:
    watcher = ChangeWatcher(postgres_db)
    jane = Database(postgres_db.url, actor="jane")
    try:
        watcher.wait(0.01)  # starts listening
        announce_presence(jane, "m-000007")
        assert watcher.wait(2.0)
        heard = watcher.take_presence()
        assert who_has_open(heard, "tester") == {"m-000007": "jane"}
        assert who_has_open(heard, "jane") == {}
        announce_presence(jane, None)
        assert watcher.wait(2.0)
        assert who_has_open([*heard, *watcher.take_presence()], "tester") == {}
    finally:
        watcher.close()
        jane.dispose()
