"""The voucher preview: the exact lines a match will post, and the request body behind them."""

from __future__ import annotations

import json
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from econdesk.accounting.effect import AccountKind, ClearingLeft, VoucherEffect
from econdesk.accounting.vouchers import LineRole, PreparedLine, PreparedVoucher
from econdesk.qt.formatting import Formatter
from econdesk.qt.i18n import tr

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def role_label(role: LineRole) -> str:
    """The role's name; a role this preview does not know yet shows its own name."""
    labels = {
        LineRole.BANK: tr("Bank"),
        LineRole.REVENUE: tr("Revenue"),
        LineRole.REFUND: tr("Refund"),
        LineRole.CHARGEBACK: tr("Chargeback"),
        LineRole.CUSTOMER_PAYMENT: tr("Customer payment"),
        LineRole.FEE: tr("Fee"),
        LineRole.ADJUSTMENT: tr("Adjustment"),
        LineRole.DIFFERENCE: tr("Difference"),
        LineRole.ROUNDING: tr("Rounding"),
        LineRole.EXCHANGE: tr("Exchange difference"),
        LineRole.TRANSFER: tr("Transfer"),
        LineRole.RESERVE: tr("Reserve"),
        LineRole.POSTING: tr("Acquirer posting"),
    }
    return labels.get(role, str(getattr(role, "value", role)))


def kind_label(kind: AccountKind) -> str:
    return {
        AccountKind.BANK: tr("Bank"),
        AccountKind.CLEARING: tr("Clearing"),
        AccountKind.DEBTOR: tr("Debtor"),
        AccountKind.REVENUE: tr("Revenue"),
        AccountKind.VAT: tr("VAT"),
        AccountKind.FEE: tr("Fee"),
        AccountKind.DIFFERENCE: tr("Difference"),
        AccountKind.EXCHANGE_DIFFERENCE: tr("Exchange difference"),
        AccountKind.RESERVE: tr("Reserve"),
        AccountKind.OTHER: tr("Other"),
    }[kind]


class VoucherDialog(QDialog):
    def __init__(
        self,
        prepared: PreparedVoucher,
        formatter: Formatter | None = None,
        parent: QWidget | None = None,
        *,
        effect: VoucherEffect | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("voucherDialog")
        self.prepared = prepared
        self.effect = effect
        fmt = formatter or Formatter()
        self.setWindowTitle(tr("Voucher for {0}").format(prepared.voucher.match_id))
        header = self._header(fmt)
        self.lines = self._lines_table(fmt)
        notes = self._warnings()
        body = QPlainTextEdit(
            json.dumps(prepared.body, indent=2, ensure_ascii=False, default=str), self
        )
        body.setReadOnly(True)
        tabs = QTabWidget(self)
        tabs.setObjectName("voucherTabs")
        tabs.addTab(self.lines, tr("Lines"))
        self.accounts = self._accounts_table(fmt)
        tabs.addTab(self.accounts, tr("Effect per account"))
        tabs.addTab(body, tr("What is sent to e-conomic"))
        self.clearing_left = self._clearing_label(fmt)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.clearing_left)
        layout.addWidget(notes)
        layout.addWidget(buttons)
        self.resize(980, 460)

    def _header(self, fmt: Formatter) -> QLabel:
        """Match, platform, deposit (and exchange rate), daybook, year and marker."""
        prepared, v = self.prepared, self.prepared.voucher
        rate = (
            tr(", exchange rate {0} per 100").format(fmt.decimal(prepared.exchange_rate, 4))
            if prepared.exchange_rate is not None
            else ""
        )
        header = QLabel(self)
        header.setObjectName("voucherHeader")
        header.setTextFormat(Qt.TextFormat.RichText)
        header.setWordWrap(True)
        deposit, marker = tr("deposit"), tr("marker")
        where = tr("Daybook {0}, accounting year {1}").format(v.journal, v.accounting_year)
        header.setText(
            f"<b>{escape(v.match_id)}</b> · {escape(prepared.provider.capitalize())} · "
            f"{escape(deposit)} <b>{fmt.money(prepared.deposit)}</b>{escape(rate)}<br>"
            f"{escape(where)} · {escape(marker)} <code>{escape(v.marker)}</code>"
        )
        return header

    def _lines_table(self, fmt: Formatter) -> QTableWidget:
        """One row per voucher line: role, account, VAT code, amount, VAT, contra, text."""
        prepared = self.prepared
        table = QTableWidget(len(prepared.lines), 7, self)
        table.setObjectName("voucherLines")
        table.setHorizontalHeaderLabels(
            [
                tr("Line"),
                tr("Account"),
                tr("VAT code"),
                tr("Amount"),
                tr("VAT"),
                tr("Contra account"),
                tr("Text"),
            ]
        )
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, p in enumerate(prepared.lines):
            for col, text in enumerate(_line_cells(p, fmt)):
                item = QTableWidgetItem(text)
                if col in (3, 4):
                    item.setTextAlignment(RIGHT)
                if col == 6:
                    item.setToolTip(text)
                table.setItem(row, col, item)
        table.resizeColumnsToContents()
        table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        return table

    def _accounts_table(self, fmt: Formatter) -> QTableWidget:
        """One row per account the voucher moves: kind, account, name, debit, credit; then
        the totals."""
        rows = self.effect.accounts if self.effect is not None else ()
        table = QTableWidget(len(rows) + (1 if rows else 0), 5, self)
        table.setObjectName("voucherAccounts")
        table.setHorizontalHeaderLabels(
            [tr("Kind"), tr("Account"), tr("Name"), tr("Debit"), tr("Credit")]
        )
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, a in enumerate(rows):
            where = (
                tr("customer {0}").format(a.customer)
                if a.customer is not None
                else str(a.account or "")
            )
            cells = [
                kind_label(a.kind),
                where,
                a.name,
                fmt.money(a.debit) if a.debit else "",
                fmt.money(a.credit) if a.credit else "",
            ]
            self._fill(table, row, cells)
        if self.effect is not None and rows:
            total = [
                tr("Total"),
                "",
                "",
                fmt.money(self.effect.debit),
                fmt.money(self.effect.credit),
            ]
            self._fill(table, len(rows), total, bold=True)
        table.resizeColumnsToContents()
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        return table

    def _fill(self, table: QTableWidget, row: int, cells: list[str], *, bold: bool = False) -> None:
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if col in (3, 4):
                item.setTextAlignment(RIGHT)
            if bold:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            table.setItem(row, col, item)

    def _clearing_label(self, fmt: Formatter) -> QLabel:
        """What stays on each clearing account for this payout: zero, or what makes it up."""
        lines = [clearing_left_text(c, fmt) for c in (self.effect.clearing if self.effect else ())]
        label = QLabel("<br>".join(lines), self)
        label.setObjectName("clearingLeft")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setVisible(bool(lines))
        return label

    def _warnings(self) -> QLabel:
        """The builder's warnings as a bulleted list (hidden when there are none)."""
        warnings = self.prepared.warnings
        notes = QLabel("\n".join(f"• {w}" for w in warnings), self)
        notes.setObjectName("voucherWarnings")
        notes.setWordWrap(True)
        notes.setVisible(bool(warnings))
        return notes


def _line_cells(p: PreparedLine, fmt: Formatter) -> list[str]:
    """The seven cells of one voucher line, as shown."""
    line = p.line
    account = (
        tr("customer {0}").format(line.customer_number)
        if line.customer_number is not None
        else str(line.account or "")
    )
    return [
        role_label(p.role),
        account,
        line.vat_code or "",
        fmt.money(line.amount),
        fmt.money(p.vat) if p.vat is not None else "",
        str(line.contra_account or ""),
        line.text,
    ]


def before_label(reason: str) -> str:
    return {
        "deposit": tr("the deposit the bank feed booked there"),
        "integration": tr("the payments the integration booked there"),
        "sales": tr("the sales econdesk booked there"),
    }.get(reason, reason)


def clearing_left_text(c: ClearingLeft, fmt: Formatter) -> str:
    """Rich text: what stays on one clearing account for this payout, and why."""
    account = f"{c.account} {c.name}".strip()
    text = tr("Stays on clearing account {0} for this payout: {1}").format(
        account, fmt.money(c.left)
    )
    if c.is_zero:
        return f"✔ {escape(text)}"
    parts = [f"{before_label(b.reason.value)} {fmt.money(b.amount)}" for b in c.before]
    parts.append(tr("this voucher {0}").format(fmt.money(c.voucher)))
    why = " + ".join(parts)
    if c.deposit_outside_books:
        why += "; " + tr("the deposit is not yet on the bank account in e-conomic")
    return f"⚠ <b>{escape(text)}</b> ({escape(why)})"
