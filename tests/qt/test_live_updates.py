"""The open window shows a colleague's (or a scheduled job's) changes as they happen."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from econdesk.domain.model import MatchState
from econdesk.qt.main_window import MainWindow
from econdesk.qt.models.matches import STATE
from econdesk.qt.workspace import Period, Workspace
from econdesk.storage import Database
from tests.qt.conftest import _unnumbered

ROOT = Path(__file__).resolve().parents[2]


def elsewhere(db: Database, tmp_path: Path, actor: str, *command: str) -> None:
    """Run `econdesk <command>` in a process of its own, as `actor`."""
    config = tmp_path / f"{actor}.toml"
    config.write_text(f'[app]\nactor = "{actor}"\n', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "econdesk", "--config", str(config), "--db", db.url, *command],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def seed(db: Database) -> None:
    from tests.qt.factories import workspace_rows

    entries, items, matches = workspace_rows(12)
    with db.transaction() as store:
        store.bank_entries.upsert_many(entries)
        store.items.upsert_many(items)
        store.matches.create_many([_unnumbered(m) for m in matches])


def open_window(qtbot, db: Database) -> MainWindow:
    win = MainWindow(Workspace(db), period=Period.month_of(date(2026, 3, 1)))
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.match_model.modelReset, timeout=5000):
        win.reload()
    qtbot.waitUntil(lambda: not win.loading)
    win.live.start()
    return win


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def team_db(request: pytest.FixtureRequest) -> Database:
    database: Database = request.getfixturevalue(f"{request.param}_db")
    seed(database)
    return database


def test_a_colleagues_approval_shows_marked_in_the_open_window(qtbot, team_db, tmp_path):
    win = open_window(qtbot, team_db)
    try:
        proposed = next(m for m in win.match_model.rows if m.state is MatchState.PROPOSED)
        elsewhere(team_db, tmp_path, "jane", "approve", proposed.id)
        qtbot.waitUntil(
            lambda: win.match_model.get(proposed.id).state is MatchState.APPROVED, timeout=5000
        )
        row = win.match_model.row_of(proposed.id)
        state = win.match_model.index(row, STATE)
        assert state.data(Qt.ItemDataRole.ToolTipRole) == "Approved by jane just now"
        assert state.data().endswith("•")
        assert "jane just now" in win.statusBar().currentMessage()
    finally:
        win.close()
    assert not win.live.running


def test_a_scheduled_sync_with_the_same_name_refreshes_without_a_mark(qtbot, sqlite_db, tmp_path):
    seed(sqlite_db)
    win = open_window(qtbot, sqlite_db)
    try:
        proposed = next(m for m in win.match_model.rows if m.state is MatchState.PROPOSED)
        elsewhere(sqlite_db, tmp_path, sqlite_db.actor, "reject", proposed.id)
        qtbot.waitUntil(
            lambda: win.match_model.get(proposed.id).state is MatchState.REJECTED, timeout=5000
        )
        assert win.match_model.note_of(proposed.id) == ""  # one's own doing is not news
    finally:
        win.close()


@pytest.mark.postgres
def test_a_match_a_colleague_has_open_says_who(qtbot, postgres_db):
    seed(postgres_db)
    mine = open_window(qtbot, postgres_db)
    jane_db = Database(postgres_db.url, actor="jane")
    janes = open_window(qtbot, jane_db)
    try:
        janes.proposals.select_row(2)
        target = janes.proposals.current_object()
        qtbot.waitUntil(lambda: mine.match_model.open_by.get(target.id) == "jane", timeout=5000)
        row = mine.match_model.row_of(target.id)
        tip = mine.match_model.index(row, STATE).data(Qt.ItemDataRole.ToolTipRole)
        assert tip == "jane has it open"
        janes.close()
        qtbot.waitUntil(lambda: target.id not in mine.match_model.open_by, timeout=5000)
    finally:
        janes.close()
        mine.close()
        jane_db.dispose()
