"""Pickers for G/L accounts and VAT codes, filled from the agreement's real lists.

Before the chart is loaded they accept a typed number; once it is loaded they offer "5820 Bank"
entries (barred and heading accounts left out) and flag a number the agreement does not hold.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from econdesk.accounting.chart import POSTING_ACCOUNT_TYPES, Chart
from econdesk.qt.i18n import tr

INVALID_STYLE = "QComboBox { color: #c62828; }"


class _CodeCombo(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.known: set[str] = set()
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self.currentTextChanged.connect(lambda _t: self._mark())

    def code(self) -> str:
        """The code part of "5820 Bank" (or of what was typed)."""
        text = self.currentText().strip()
        index = self.findText(text)
        if index >= 0:
            return str(self.itemData(index))
        return text.split(" ", 1)[0] if text else ""

    def set_code(self, code: str | int | None) -> None:
        text = "" if code is None else str(code)
        index = next((i for i in range(self.count()) if self.itemData(i) == text), -1)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(text)
        self._mark()

    def fill(self, entries: list[tuple[str, str]]) -> None:
        keep = self.code()
        self.blockSignals(True)
        self.clear()
        for code, label in entries:
            self.addItem(f"{code} {label}".strip(), code)
        self.known = {code for code, _ in entries}
        self.blockSignals(False)
        self.set_code(keep or None)

    def valid(self) -> bool:
        code = self.code()
        return not code or not self.known or code in self.known

    def _mark(self) -> None:
        ok = self.valid()
        self.setStyleSheet("" if ok else INVALID_STYLE)
        self.setToolTip("" if ok else tr("The agreement has no such entry (or it is barred)."))


class AccountCombo(_CodeCombo):
    def account(self) -> int | None:
        code = self.code()
        return int(code) if code.isdigit() else None

    def load_chart(self, chart: Chart) -> None:
        self.fill(
            [
                (str(a.number), a.name)
                for a in sorted(chart.accounts.values(), key=lambda a: a.number)
                if not a.barred and a.account_type in POSTING_ACCOUNT_TYPES
            ]
        )


class VatCombo(_CodeCombo):
    def vat_code(self) -> str | None:
        return self.code() or None

    def load_chart(self, chart: Chart) -> None:
        entries = [("", tr("no VAT"))]
        for v in sorted(chart.vat_codes.values(), key=lambda v: v.code):
            if not v.barred:
                rate = f" {v.rate_percent} %" if v.rate_percent is not None else ""
                entries.append((v.code, f"{v.name}{rate}".strip()))
        self.fill(entries)
