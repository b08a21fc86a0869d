"""The audit log viewer: every event, searchable, and "Verify" to check the hash chain."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from econdesk.qt.errors import show_error
from econdesk.qt.formatting import Formatter
from econdesk.qt.i18n import tr
from econdesk.qt.models.audit import AuditEventModel
from econdesk.qt.tasks import Failure, TaskManager
from econdesk.qt.widgets.data_table import DataTable
from econdesk.storage import AuditEvent, Database, VerifyResult

LIMIT = 100_000  # newest events loaded; the table stays smooth far beyond a year of work


def load_events(db: Database, limit: int = LIMIT) -> list[AuditEvent]:
    with db.reader() as store:
        return store.audit_events(limit=limit)


def verify(db: Database) -> VerifyResult:
    with db.reader() as store:
        return store.verify_audit()


class AuditDialog(QDialog):
    def __init__(
        self,
        db: Database,
        tasks: TaskManager,
        formatter: Formatter | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("auditDialog")
        self.db = db
        self.tasks = tasks
        self.verify_result: VerifyResult | None = None  # the last check (QDialog has result())
        self.model = AuditEventModel(formatter or Formatter(), self)
        self.table = DataTable(self.model, self)
        self.table.setSelectionMode(DataTable.SelectionMode.SingleSelection)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.table.proxy.set_search)
        self.verify_button = QPushButton(self)
        self.verify_button.setObjectName("verifyButton")
        self.verify_button.clicked.connect(self.verify)
        self.verdict = QLabel(self)
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count = QLabel(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        top.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.verdict)
        layout.addWidget(buttons)
        self.resize(1100, 640)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Audit log"))
        self.search.setPlaceholderText(tr("Search match, reference, action, person…"))
        self.verify_button.setText(tr("Verify"))
        self.verify_button.setToolTip(
            tr("Check that no event was changed, removed, inserted or reordered")
        )
        self.count.setText(tr("{0} events").format(self.model.rowCount()))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.model.set_formatter(Formatter())  # the new language's: actions, dates, titles
            self.retranslate()
        super().changeEvent(event)

    def load(self) -> None:
        self.tasks.run(lambda: load_events(self.db), success=self._loaded, failure=self._failed)

    def _loaded(self, events: list[AuditEvent]) -> None:
        self.model.set_rows(events)
        self.retranslate()

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.verdict.setText(tr("Checking the chain…"))
        self.tasks.run(lambda: verify(self.db), success=self._verified, failure=self._failed)

    def _verified(self, result: VerifyResult) -> None:
        self.verify_result = result
        self.verify_button.setEnabled(True)
        if result.ok:
            head = (result.head_hash or "")[:16]
            self.verdict.setStyleSheet("color: #2e7d32;")
            self.verdict.setText(
                tr("The audit log is intact: {0} events, head hash {1}…").format(
                    result.events, head
                )
            )
            return
        problem = result.problem
        assert problem is not None
        self.verdict.setStyleSheet("color: #c62828; font-weight: bold;")
        self.verdict.setText(tr("The audit log was tampered with: {0}").format(problem.message))
        self.table.select_ref(str(problem.seq))

    def _failed(self, failure: Failure) -> None:
        self.verify_button.setEnabled(True)
        show_error(self, tr("Could not read the audit log"), failure)
