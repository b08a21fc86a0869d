"""Closing a month: sign it off as its preparer, approve it as its reviewer, or reopen it.

A small dialog over `PeriodService` (the same service `econdesk period ...` uses): it shows
the month's state, who signed and approved it and the report hash recorded; the buttons do
what the state allows. The work runs on the database worker; failures (the reviewer is the
preparer, a posting still on its way) are shown in the dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from econdesk.qt.i18n import QT_TRANSLATE_NOOP, tr
from econdesk.qt.tasks import Failure, TaskManager
from econdesk.services.periods import PeriodService
from econdesk.storage import PeriodSignoff, PeriodState

STATE_NAMES = {
    PeriodState.OPEN: QT_TRANSLATE_NOOP("PeriodDialog", "Open"),
    PeriodState.SIGNED: QT_TRANSLATE_NOOP("PeriodDialog", "Signed off (locked)"),
    PeriodState.APPROVED: QT_TRANSLATE_NOOP("PeriodDialog", "Signed off and approved (locked)"),
    PeriodState.REOPENED: QT_TRANSLATE_NOOP("PeriodDialog", "Reopened"),
}


class PeriodDialog(QDialog):
    changed = Signal(object)  # PeriodSignoff: the main window reloads (locks change)

    def __init__(
        self,
        period: str,
        service: Callable[[], PeriodService],
        tasks: TaskManager,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("periodDialog")
        self.period = period
        self.service = service
        self.tasks = tasks
        self.signoff: PeriodSignoff | None = None
        self.state = QLabel(self)
        self.state.setObjectName("periodState")
        self.who = QLabel(self)
        self.who.setObjectName("periodWho")
        self.hash = QLabel(self)
        self.hash.setObjectName("periodHash")
        self.hash.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reopenReason")
        self.reason.textChanged.connect(lambda _t: self._enable())
        self.message = QLabel(self)
        self.message.setObjectName("periodMessage")
        self.message.setWordWrap(True)
        self.sign_button = QPushButton(self)
        self.sign_button.setObjectName("signOffButton")
        self.approve_button = QPushButton(self)
        self.approve_button.setObjectName("approvePeriodButton")
        self.reopen_button = QPushButton(self)
        self.reopen_button.setObjectName("reopenPeriodButton")
        self.sign_button.clicked.connect(lambda: self._do(lambda s: s.sign_off(self.period)))
        self.approve_button.clicked.connect(lambda: self._do(lambda s: s.approve(self.period)))
        self.reopen_button.clicked.connect(
            lambda: self._do(lambda s: s.reopen(self.period, self.reason.text()))
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.sign_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.approve_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.reopen_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.labels = [QLabel(self) for _ in range(4)]
        form = QFormLayout()
        for label, field in zip(
            self.labels, (self.state, self.who, self.hash, self.reason), strict=True
        ):
            form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.retranslate()
        self._enable()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Period {0}").format(self.period))
        texts = (tr("State"), tr("Signed by"), tr("Report hash"), tr("Reason to reopen"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.sign_button.setText(tr("&Sign off"))
        self.approve_button.setText(tr("&Approve as reviewer"))
        self.reopen_button.setText(tr("&Reopen"))
        self.reason.setPlaceholderText(tr("Why the month is reopened (kept in the audit log)"))
        self._show(self.signoff)

    def load(self) -> None:
        def read() -> PeriodSignoff | None:
            found = [s for s in self.service().list() if s.period == self.period]
            return found[0].signoff if found else None

        self.tasks.run(read, success=self._show, failure=self._failed)

    def _do(self, step: Callable[[PeriodService], PeriodSignoff]) -> None:
        self.message.setText(tr("Working…"))
        for button in (self.sign_button, self.approve_button, self.reopen_button):
            button.setEnabled(False)
        self.tasks.run(lambda: step(self.service()), success=self._done, failure=self._failed)

    def _done(self, signoff: PeriodSignoff) -> None:
        self.reason.clear()
        self.message.setText(tr("Done."))
        self._show(signoff)
        self.changed.emit(signoff)

    def _failed(self, failure: Failure) -> None:
        self.message.setText(str(failure.error))
        self._enable()

    def _show(self, signoff: PeriodSignoff | None) -> None:
        self.signoff = signoff
        state = PeriodState.OPEN if signoff is None else signoff.state
        self.state.setText(QCoreApplication.translate("PeriodDialog", STATE_NAMES[state]))
        if signoff is None:
            self.who.setText("–")
            self.hash.setText("–")
        else:
            who = signoff.preparer
            if signoff.reviewer:
                who = tr("{0}, approved by {1}").format(who, signoff.reviewer)
            if signoff.state is PeriodState.REOPENED:
                who = tr("{0}; reopened by {1}: {2}").format(
                    who, signoff.reopened_by, signoff.reopen_reason
                )
            self.who.setText(who)
            self.hash.setText(signoff.report_hash)
        self._enable()

    def _enable(self) -> None:
        state = PeriodState.OPEN if self.signoff is None else self.signoff.state
        self.sign_button.setEnabled(state in (PeriodState.OPEN, PeriodState.REOPENED))
        self.approve_button.setEnabled(state is PeriodState.SIGNED)
        locked = state in (PeriodState.SIGNED, PeriodState.APPROVED)
        self.reopen_button.setEnabled(locked and bool(self.reason.text().strip()))
