"""Asking before a posted match is reversed: why (required, audited and on the bilag), and
optionally the day to book the reversal on when the original's period is closed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from econdesk.domain.model import Match
from econdesk.qt.i18n import tr


class ReverseDialog(QDialog):
    chosen = Signal(str, object)  # reason, date | None (the original's dates)

    def __init__(self, match: Match, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reverseDialog")
        self.setWindowTitle(tr("Reverse a posted voucher"))
        number = match.voucher.number if match.voucher is not None else "?"
        intro = QLabel(
            tr(
                "Post a voucher to e-conomic that reverses voucher {0} of {1} (the same lines "
                "with opposite signs). The match becomes proposed again."
            ).format(number, match.id),
            self,
        )
        intro.setWordWrap(True)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reverseReason")
        self.reason.setPlaceholderText(tr("Why, for the audit log and the bilag"))
        self.other_day = QCheckBox(tr("Book it on another day (the original's period is closed)"))
        self.other_day.setObjectName("reverseOtherDay")
        self.day = QDateEdit(QDate.currentDate(), self)
        self.day.setObjectName("reverseDate")
        self.day.setCalendarPopup(True)
        self.day.setEnabled(False)
        self.other_day.toggled.connect(self.day.setEnabled)
        form = QFormLayout()
        form.addRow(tr("Reason"), self.reason)
        form.addRow(self.other_day)
        form.addRow(tr("Date"), self.day)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(tr("Reverse"))
        self.ok.setObjectName("reverseOk")
        self.ok.setEnabled(False)
        self.reason.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _accept(self) -> None:
        reason = self.reason.text().strip()
        if not reason:
            return
        on: date | None = self.day.date().toPython() if self.other_day.isChecked() else None  # type: ignore[assignment]
        self.accept()
        self.chosen.emit(reason, on)
