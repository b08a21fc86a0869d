"""Qt tests run offscreen, in English, with Qt warnings failing the test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


# Offscreen-platform chatter that says nothing about our code.
IGNORED_QT_MESSAGES = ["This plugin does not support (propagateSizeHints|raise)"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Any other Qt warning fails the test (qutebrowser's discipline)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(*IGNORED_QT_MESSAGES))


@pytest.fixture(autouse=True)
def english_locale() -> Iterator[None]:
    """Every test starts in English whatever the machine's locale; tests may switch."""
    before = QLocale()
    QLocale.setDefault(QLocale("en_GB"))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def review_db(sqlite_db):
    """A store holding the factories' workspace: 40 bank lines, 40 payments, 30 proposals."""
    from tests.qt.factories import workspace_rows

    entries, items, matches = workspace_rows(40)
    with sqlite_db.transaction() as store:
        store.bank_entries.upsert_many(entries)
        store.items.upsert_many(items)
        created = store.matches.create_many([_unnumbered(m) for m in matches])
        # the factories' states: create as proposed or parked, then approve the approved ones
        for original, match in zip(matches, created, strict=True):
            if original.state is not match.state:
                store.matches.transition(match.id, original.state, expected_version=match.version)
    return sqlite_db


def _unnumbered(match):
    from dataclasses import replace

    from econdesk.domain.model import MatchState

    start = MatchState.PROPOSED if match.state is MatchState.APPROVED else match.state
    return replace(match, id="", state=start)


@pytest.fixture
def window(qtbot, review_db):
    """The main window on the review store, loaded (March 2026), closed after the test."""
    from datetime import date

    from econdesk.qt.main_window import MainWindow
    from econdesk.qt.workspace import Period, Workspace

    win = MainWindow(Workspace(review_db), period=Period.month_of(date(2026, 3, 1)))
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.match_model.modelReset, timeout=5000):
        win.reload()
    qtbot.waitUntil(lambda: not win.loading)
    yield win
    win.close()
