"""The clearing accounts' roll-forward for the period: opening balance, what moved each
clearing account (by kind, and by econdesk or others), closing balance, and the open items
that explain what is left; the same figures as the report's sheet."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from econdesk.domain.money import Money
from econdesk.domain.rollforward import BookedBy, MovementKind, OpenItem, OpenKind, RollForward
from econdesk.qt.formatting import Formatter
from econdesk.qt.i18n import tr
from econdesk.qt.labels import state_label

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
COLUMNS = 7  # line, booked by, date, reference, entries, amount, base amount


def movement_label(kind: MovementKind) -> str:
    return {
        MovementKind.PAYMENTS: tr("Payments and sales booked into it"),
        MovementKind.PAYOUTS: tr("Payouts to the bank"),
        MovementKind.FEES: tr("Fees"),
        MovementKind.DIFFERENCES: tr("Differences"),
        MovementKind.TRANSFERS: tr("Transfers between clearing accounts"),
        MovementKind.OTHER: tr("Other entries"),
    }[kind]


def by_label(by: BookedBy) -> str:
    return tr("econdesk") if by is BookedBy.ECONDESK else tr("others")


def open_label(kind: OpenKind) -> str:
    return {
        OpenKind.DEPOSIT_AWAITING_VOUCHER: tr("Open: deposit awaiting its voucher"),
        OpenKind.PAYOUT_NOT_IN_BANK: tr("Open: paid out, not yet in bank"),
        OpenKind.NOT_PAID_OUT: tr("Open: payment not yet paid out"),
        OpenKind.PAID_OUT_AWAITING_VOUCHER: tr("Open: paid out, voucher not posted"),
    }[kind]


class RollForwardDialog(QDialog):
    def __init__(
        self,
        found: Sequence[RollForward],
        start: date,
        end: date,
        formatter: Formatter | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rollForwardDialog")
        self.found = list(found)
        self.fmt = formatter or Formatter()
        self.setWindowTitle(tr("Clearing roll-forward"))
        heading = QLabel(
            tr(
                "Clearing accounts from {0} to {1}, as e-conomic holds them (drafts included)"
            ).format(self.fmt.date(start), self.fmt.date(end)),
            self,
        )
        heading.setWordWrap(True)
        self.table = QTableWidget(0, COLUMNS, self)
        self.table.setObjectName("rollForwardTable")
        self.table.setHorizontalHeaderLabels(
            [
                tr("Line"),
                tr("Booked by"),
                tr("Date"),
                tr("Reference"),
                tr("Entries"),
                tr("Amount"),
                tr("Base amount"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r in self.found:
            self._add_account(r)
        if not self.found:
            self._row([tr("No clearing accounts are configured.")])
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(1000, 560)

    def _add_account(self, r: RollForward) -> None:
        money = self._money
        title = f"{r.account} {r.account_name} · {r.sources} · {r.currency}".strip()
        self._row([title], bold=True)
        self._row([tr("Opening balance"), "", self.fmt.date(r.start), "", "",
                   money(r.opening), money(r.opening_base)])  # fmt: skip
        for m in r.movements:
            self._row([movement_label(m.kind), by_label(m.by), "", "", str(m.count),
                       money(m.amount), money(m.amount_base)])  # fmt: skip
        self._row([tr("Closing balance"), "", self.fmt.date(r.end), "", "",
                   money(r.closing), money(r.closing_base)], bold=True)  # fmt: skip
        for i in r.open_items:
            reference = f"{i.ref} ({self._why_open(i)})"
            self._row([open_label(i.kind), "", self.fmt.date(i.day), reference, "",
                       money(i.amount), ""])  # fmt: skip
        self._row([tr("Left, not explained by open items"), "", "", "", "",
                   money(r.unexplained), ""], bold=not r.unexplained.is_zero())  # fmt: skip

    def _why_open(self, item: OpenItem) -> str:
        """The payout (and when it reaches the bank), the match and its state."""
        parts = []
        if item.payout_ref is not None:
            arrives = self.fmt.date(item.arrives)
            parts.append(tr("{0}, in the bank {1}").format(item.payout_ref, arrives))
        if item.match_id is not None:
            parts.append(f"{item.match_id} {state_label(item.match_state).lower()}")
        elif item.kind in (OpenKind.DEPOSIT_AWAITING_VOUCHER, OpenKind.PAID_OUT_AWAITING_VOUCHER):
            parts.append(tr("not matched"))
        return "; ".join(parts) or tr("no payout yet")

    def _money(self, amount: Money) -> str:
        return self.fmt.money(amount)

    def _row(self, cells: list[str], *, bold: bool = False) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if col >= 4:
                item.setTextAlignment(RIGHT)
            if bold:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(row, col, item)
        if len(cells) == 1:
            self.table.setSpan(row, 0, 1, COLUMNS)

    def line(self, row: int) -> tuple[str, str]:
        """(the line's name, its amount) as shown; for tests and accessibility."""
        name, amount = self.table.item(row, 0), self.table.item(row, 5)
        return (name.text() if name else "", amount.text() if amount else "")
