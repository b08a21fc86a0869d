"""The firm overview: every client on one page, and the way into each (README, Many clients).

A row per client: its last sync, its unmatched deposits and their sum, approvals not yet
posted, what should stand on its clearing accounts, days since its last signed-off period,
and what needs attention. The client's name is a button: one click opens it. Ctrl+K opens
the switcher: type a few letters, Enter opens the client.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from econdesk.clients import Client
from econdesk.i18n.message import text_in
from econdesk.qt.errors import show_error
from econdesk.qt.formatting import Formatter
from econdesk.qt.i18n import QT_TRANSLATE_NOOP, current_language, tr
from econdesk.qt.tasks import TaskManager
from econdesk.services.firm_overview import Attention, ClientOverview

SWITCHER_KEYS = "Ctrl+K"
NEVER = "—"
COLUMNS = (
    QT_TRANSLATE_NOOP("FirmOverview", "Client"),
    QT_TRANSLATE_NOOP("FirmOverview", "Last sync"),
    QT_TRANSLATE_NOOP("FirmOverview", "Unmatched deposits"),
    QT_TRANSLATE_NOOP("FirmOverview", "Unposted approvals"),
    QT_TRANSLATE_NOOP("FirmOverview", "Clearing accounts"),
    QT_TRANSLATE_NOOP("FirmOverview", "Days since sign-off"),
    QT_TRANSLATE_NOOP("FirmOverview", "Needs attention"),
)
ATTENTION = {
    Attention.CREDENTIALS: QT_TRANSLATE_NOOP("FirmOverview", "credentials refused: renew them"),
    Attention.SYNC_FAILED: QT_TRANSLATE_NOOP("FirmOverview", "last sync failed"),
    Attention.NEVER_SYNCED: QT_TRANSLATE_NOOP("FirmOverview", "never synced"),
    Attention.CONFIG: QT_TRANSLATE_NOOP("FirmOverview", "config cannot be read"),
    Attention.STORE: QT_TRANSLATE_NOOP("FirmOverview", "store cannot be read"),
    Attention.UNPOSTED: QT_TRANSLATE_NOOP("FirmOverview", "approvals wait to be posted"),
}


def switcher_action(window: QWidget, show: Callable[[], None]) -> QAction:
    """Ctrl+K anywhere in `window` opens the client switcher."""
    action = QAction(window)
    action.setShortcut(QKeySequence(SWITCHER_KEYS))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(show)
    window.addAction(action)
    return action


def translated(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("FirmOverview", text)


class FirmOverview(QWidget):
    """The overview; `load()` gives the clients' overviews (cheap, read-only)."""

    open_requested = Signal(str)  # a client's name
    loaded = Signal()  # the rows are filled

    def __init__(
        self,
        load: Callable[[], Sequence[ClientOverview]],
        *,
        formatter: Formatter | None = None,
        today: Callable[[], date] = date.today,
        tasks: TaskManager | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firmOverview")
        self._load = load
        self._today = today
        self.tasks = tasks  # given: the stores are read on its database worker
        self.formatter = formatter or Formatter()
        self.rows: list[ClientOverview] = []
        self.heading = QLabel(self)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("clients")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda index: self._open_row(index.row()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)
        self.switcher_action = switcher_action(self, self.show_switcher)
        self.refresh_action = QAction(self)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.triggered.connect(self.refresh)
        self.addAction(self.refresh_action)
        self.switcher: ClientSwitcher | None = None
        self.resize(1360, 640)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("econdesk: clients"))
        self.heading.setText(
            tr("Click a client to open it, or press Ctrl+K and type its name. F5 reads again.")
        )
        self.table.setHorizontalHeaderLabels([translated(c) for c in COLUMNS])

    def refresh(self) -> None:
        """Read every client again: on the worker when there is one, else here and now."""
        if self.tasks is None:
            self.show_rows(self._load())
            return
        self.tasks.run(
            lambda: list(self._load()),
            success=self.show_rows,
            failure=lambda failure: show_error(self, tr("Reading the clients"), failure),
        )

    def show_rows(self, rows: Sequence[ClientOverview]) -> None:
        self.rows = list(rows)
        self.table.setRowCount(len(self.rows))
        for row, item in enumerate(self.rows):
            self._fill(row, item)
        self.loaded.emit()

    def _fill(self, row: int, item: ClientOverview) -> None:
        opener = QPushButton(item.client.name.replace("&", "&&"), self.table)  # no mnemonic
        opener.setObjectName(f"open:{item.client.name}")
        opener.setFlat(True)
        opener.setCursor(Qt.CursorShape.PointingHandCursor)
        opener.setStyleSheet("text-align: left; color: palette(link); padding: 0 6px;")
        opener.clicked.connect(lambda _=False, name=item.client.name: self.open(name))
        name = QTableWidgetItem()  # the button shows the name (and sizes the column)
        name.setData(Qt.ItemDataRole.UserRole, item.client.name)
        self.table.setItem(row, 0, name)
        self.table.setCellWidget(row, 0, opener)
        cells = (
            self.formatter.datetime(item.last_synced_at) if item.last_synced_at else NEVER,
            self._unmatched(item),
            str(item.figures.unposted_approvals) if item.figures else NEVER,
            self._clearing(item),
            self._signoff(item),
            "; ".join(self._attention(kind, detail) for kind, detail in item.attention),
        )
        for column, text in enumerate(cells, start=1):
            cell = QTableWidgetItem(text)
            if column in (2, 3, 5):
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == 6 and item.attention:
                language = current_language()
                cell.setToolTip("\n".join(text_in(d, language) for _, d in item.attention if d))
                cell.setForeground(Qt.GlobalColor.darkRed)
            self.table.setItem(row, column, cell)

    def _unmatched(self, item: ClientOverview) -> str:
        if item.figures is None:
            return NEVER
        sums = ", ".join(self.formatter.money(m) for m in item.figures.unmatched)
        return f"{item.figures.unmatched_count}" + (f"  ({sums})" if sums else "")

    def _clearing(self, item: ClientOverview) -> str:
        if item.figures is None or not item.figures.clearing:
            return NEVER
        accounts = item.clearing_accounts
        return ", ".join(
            f"{accounts.get(b.provider, '')} {b.provider} {self.formatter.money(b.balance)}".strip()
            for b in item.figures.clearing
        )

    def _signoff(self, item: ClientOverview) -> str:
        days = item.days_since_signoff(self._today())
        return tr("never") if days is None else str(days)

    @staticmethod
    def _attention(kind: Attention, detail: str) -> str:
        said = translated(ATTENTION[kind])
        return f"{said} ({detail})" if kind == Attention.UNPOSTED else said

    def _open_row(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.open(self.rows[row].client.name)

    def open(self, name: str) -> None:
        self.open_requested.emit(name)

    def show_switcher(self) -> None:
        self.switcher = ClientSwitcher([r.client for r in self.rows], self)
        self.switcher.chosen.connect(self.open)
        self.switcher.open()


class ClientSwitcher(QDialog):
    """Type to narrow the clients down; Enter opens the first (or the selected) one."""

    chosen = Signal(str)

    def __init__(self, clients: Sequence[Client], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clientSwitcher")
        self.setWindowTitle(tr("Open a client"))
        self.query = QLineEdit(self)
        self.query.setObjectName("query")
        self.query.setPlaceholderText(tr("Client name"))
        self.list = QListWidget(self)
        self.list.setObjectName("matches")
        for client in clients:
            self.list.addItem(QListWidgetItem(client.name))
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.list)
        self.query.textChanged.connect(self._narrow)
        self.query.returnPressed.connect(self.accept)
        self.list.itemActivated.connect(lambda _: self.accept())
        self._narrow("")
        self.resize(420, 360)

    def keyPressEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        from PySide6.QtGui import QKeyEvent

        if isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._step(1 if event.key() == Qt.Key.Key_Down else -1)
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]

    def _shown(self) -> list[int]:
        return [i for i in range(self.list.count()) if not self.list.item(i).isHidden()]

    def _step(self, by: int) -> None:
        shown = self._shown()
        if not shown:
            return
        at = shown.index(self.list.currentRow()) if self.list.currentRow() in shown else -1
        self.list.setCurrentRow(shown[max(0, min(len(shown) - 1, at + by))])

    def _narrow(self, text: str) -> None:
        words = text.casefold().split()
        for i in range(self.list.count()):
            item = self.list.item(i)
            name = item.text().casefold()
            item.setHidden(not all(w in name for w in words))
        shown = self._shown()
        self.list.setCurrentRow(shown[0] if shown else -1)

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is not None and not item.isHidden():
            self.chosen.emit(item.text())
            super().accept()
