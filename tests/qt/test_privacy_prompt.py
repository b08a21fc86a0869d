"""The app offers the retention purge once a year has passed its five, and runs it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox

from econdesk.qt.main_window import MainWindow
from econdesk.qt.workspace import Period, Workspace
from econdesk.storage import Database
from tests.services.test_privacy import NAME, seed


@pytest.fixture
def old_books_window(qtbot, sqlite_db: Database):
    seed(sqlite_db)  # payments from 2019, 2020 and 2024
    win = MainWindow(Workspace(sqlite_db), period=Period.month_of(date(2024, 6, 1)))
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


def test_the_file_menu_offers_and_runs_the_purge_of_the_years_past_retention(
    qtbot, old_books_window: MainWindow, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    win = old_books_window
    action = win.actions_by_name["purge"]
    assert action in win.file_menu.actions()
    assert not action.isEnabled(), "nothing is offered before the store was asked"
    win.privacy.check()
    qtbot.waitUntil(lambda: win.privacy.offer is not None, timeout=5000)
    year = str(date.today().year - 5)  # the years before it ended five years ago or more
    assert action.isEnabled() and action.text() == f"&Erase personal data before {year}…"
    assert "has passed its retention" in win.statusBar().currentMessage()

    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    action.trigger()
    qtbot.waitUntil(lambda: win.privacy.last_result is not None, timeout=5000)
    assert "Amounts, ids, matches and vouchers are kept" in asked[0]
    with sqlite_db.reader() as store:
        old = store.items.get("stripe:ch_1")
        assert old is not None and old.customer_name != NAME
        assert store.verify_audit().ok
    qtbot.waitUntil(lambda: win.privacy.offer is None and not win.loading, timeout=5000)
    assert not action.isEnabled(), "nothing is left to offer"


def test_the_purge_entry_speaks_danish(qtbot, old_books_window: MainWindow) -> None:
    win = old_books_window
    win.language_actions["da"].trigger()
    try:
        assert win.actions_by_name["purge"].text() == "&Slet gamle personoplysninger…"
    finally:
        win.language_actions["en"].trigger()
    assert win.actions_by_name["purge"].text() == "&Erase old personal data…"
