"""The firm overview window: every client's figures, and opening one by click or by keyboard."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from econdesk import clients
from econdesk.qt.firm_app import FirmApp, load_overview
from econdesk.qt.firm_overview import ClientSwitcher, FirmOverview
from econdesk.qt.workspace import Workspace
from econdesk.secrets import PrefixedStore, default_store
from econdesk.storage import open_database
from tests.firm.seeding import add_client, seed_store

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture
def firm() -> list[clients.Client]:
    hansen = add_client("Hansen & Søn ApS")
    seed_store(hansen, deposits=3, approvals=2)
    berg = add_client("Berg A/S")
    seed_store(berg, deposits=1, approvals=0)
    refused = "frisbii:transactions: the API key was not accepted (HTTP 401)"
    clients.record_sync(berg, clients.LastSync(datetime(2026, 3, 2, 6, tzinfo=UTC), False,
                                               refused, auth_failed=True))  # fmt: skip
    db = open_database(berg.database_url)
    with db.transaction() as store:
        store.periods.sign_off("2026-02", report_hash="0" * 64, audit_seq=0,
                               audit_hash="0" * 64, balances={})  # fmt: skip
    db.dispose()
    dahl = add_client("Dahl IVS")  # added, never synced
    return [hansen, berg, dahl]


def cell(overview: FirmOverview, row: int, column: int) -> str:
    if column == 0:  # the client's button
        button = overview.table.cellWidget(row, 0)
        assert isinstance(button, QPushButton)
        return button.text().replace("&&", "&")
    item = overview.table.item(row, column)
    assert item is not None
    return item.text()


def test_the_overview_shows_each_clients_figures_and_what_needs_attention(
    qtbot, firm: list[clients.Client]
) -> None:
    overview = FirmOverview(load_overview, today=lambda: date(2026, 3, 10))
    qtbot.addWidget(overview)
    overview.refresh()
    overview.show()
    assert overview.table.rowCount() == 3
    assert [cell(overview, r, 0) for r in range(3)] == [c.name for c in firm]
    # Hansen: 3 unmatched deposits of 100.00 (the matched one and the payment out not counted)
    assert cell(overview, 0, 2) == "3  (300.00 DKK)"
    assert cell(overview, 0, 3) == "2"
    assert "5830 stripe 200.00 DKK" in cell(overview, 0, 4)  # two approved, none posted
    assert "frisbii 250.00 DKK" in cell(overview, 0, 4)
    assert cell(overview, 0, 5) == "never"  # no sign-off in the store yet
    assert "approvals wait to be posted (2)" in cell(overview, 0, 6)
    assert cell(overview, 1, 2) == "1  (100.00 DKK)"
    assert cell(overview, 1, 5) == "10"  # February signed off: 28 Feb to 10 Mar
    assert "credentials refused" in cell(overview, 1, 6)
    assert "2026" in cell(overview, 1, 1)  # the recorded sync's time
    assert cell(overview, 2, 1) == "—" and cell(overview, 2, 2) == "—"
    assert cell(overview, 2, 6) == "never synced"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert overview.grab().save(str(SCREENSHOTS / "firm_overview_en.png"))
    # a sync finishes for Dahl (say, the scheduled one): F5 reads the clients again
    clients.record_sync(firm[2], clients.LastSync(datetime(2026, 3, 3, 6, tzinfo=UTC), True))
    activate(qtbot, overview)
    qtbot.keyClick(overview.table, Qt.Key.Key_F5)
    assert cell(overview, 2, 1).startswith("2026-03-03") and cell(overview, 2, 6) == ""


def activate(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    """Make `widget`'s window the active one (shortcuts go to the active window)."""
    from PySide6.QtWidgets import QApplication

    widget.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=2000)


class Opened:
    def __init__(self) -> None:
        self.workspaces: list[Workspace] = []

    def __call__(self, workspace: Workspace):  # type: ignore[no-untyped-def]
        from PySide6.QtWidgets import QMainWindow

        self.workspaces.append(workspace)
        window = QMainWindow()
        window.setWindowTitle("econdesk")
        return window


def test_one_click_opens_that_clients_own_workspace(qtbot, firm: list[clients.Client]) -> None:
    opened = Opened()
    app = FirmApp(opened)  # type: ignore[arg-type]
    qtbot.addWidget(app.overview)
    with qtbot.waitSignal(app.overview.loaded):  # read on the worker
        app.show()
    button = app.overview.table.cellWidget(1, 0)
    assert isinstance(button, QPushButton) and button.text() == "Berg A/S"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert [w.config_path for w in opened.workspaces] == [firm[1].config_path]
    workspace = opened.workspaces[0]
    assert workspace.db.url.endswith("clients/berg-a-s/econdesk.sqlite3")
    # its secrets are the client's own keyring entries (the settings dialog saves there too)
    assert isinstance(workspace.secrets, PrefixedStore)
    workspace.secrets.set("economic.app_secret_token", "berg-token")
    assert workspace.config.economic.app_secret_token.reveal() == "berg-token"
    assert default_store().get("clients/berg-a-s/economic.app_secret_token") == "berg-token"
    assert default_store().get("economic.app_secret_token") is None
    assert app.windows[firm[1].id].windowTitle().startswith("Berg A/S")
    assert clients.load_registry().current == "Berg A/S"  # the command line follows
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # open already: brought to the front
    assert len(opened.workspaces) == 1
    for window in app.windows.values():
        window.close()


def test_ctrl_k_and_a_few_letters_open_a_client(qtbot, firm: list[clients.Client]) -> None:
    opened = Opened()
    app = FirmApp(opened)  # type: ignore[arg-type]
    qtbot.addWidget(app.overview)
    with qtbot.waitSignal(app.overview.loaded):  # read on the worker
        app.show()
    activate(qtbot, app.overview)
    table = app.overview.table
    qtbot.keyClick(table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    switcher = app.overview.switcher
    assert isinstance(switcher, ClientSwitcher) and switcher.isVisible()
    qtbot.keyClicks(switcher.query, "dahl")
    shown = [switcher.list.item(i).text() for i in switcher._shown()]
    assert shown == ["Dahl IVS"]
    qtbot.keyClick(switcher.query, Qt.Key.Key_Return)
    assert [w.config_path for w in opened.workspaces] == [firm[2].config_path]
    assert not switcher.isVisible()
    activate(qtbot, app.overview)
    qtbot.keyClick(table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    switcher = app.overview.switcher
    qtbot.keyClicks(switcher.query, "a")  # all three have an a: arrows choose
    qtbot.keyClick(switcher.query, Qt.Key.Key_Down)
    qtbot.keyClick(switcher.query, Qt.Key.Key_Return)
    assert opened.workspaces[-1].config_path == firm[1].config_path
    for window in app.windows.values():
        window.close()


def test_a_client_whose_config_is_broken_is_shown_and_says_why(
    qtbot, firm: list[clients.Client]
) -> None:
    from PySide6.QtWidgets import QMessageBox

    firm[0].config_path.write_text("[economic\n", encoding="utf-8")
    opened = Opened()
    app = FirmApp(opened)  # type: ignore[arg-type]
    qtbot.addWidget(app.overview)
    with qtbot.waitSignal(app.overview.loaded):  # read on the worker
        app.show()
    assert "config cannot be read" in cell(app.overview, 0, 6)
    assert cell(app.overview, 1, 2) == "1  (100.00 DKK)"  # the others are read all the same
    button = app.overview.table.cellWidget(0, 0)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert opened.workspaces == []
    box = app.overview.findChild(QMessageBox, "errorBox")
    assert box is not None and "not valid TOML" in box.text()
    box.close()
