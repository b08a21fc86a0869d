"""The bar under the side-by-side tables: what is selected on each side, and the difference.

Updated live as the bookkeeper selects lines; the Match button (or M) makes a manual match of
them, and during a correction it saves the corrected proposal instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from econdesk.domain.model import BankEntry, PlatformItem
from econdesk.domain.money import Money, money_sum
from econdesk.qt.formatting import Formatter
from econdesk.qt.i18n import tr
from econdesk.qt.models.items import PlatformLine, line_net

# (bank total, platform net, the items) -> the fee the platform does not state, or None
FeeInference = Callable[[Money, Money, list[PlatformItem]], Money | None]


class Selection:
    """Sums of the two sides (None when a side mixes currencies or is empty).

    With `infer`, a fee the items' platform keeps without stating it (MobilePay's 1 %) is
    inferred as the match will store it, and the difference is what remains after it.
    """

    def __init__(
        self,
        bank: Sequence[BankEntry],
        lines: Sequence[PlatformLine],
        infer: FeeInference | None = None,
    ) -> None:
        self.bank = list(bank)
        self.lines = list(lines)
        currencies = {e.amount.currency for e in self.bank} | {x.currency for x in self.lines}
        self.currency = next(iter(currencies)) if len(currencies) == 1 else None
        self.mixed = len(currencies) > 1
        self.fee: Money | None = None
        self.bank_total: Money | None = None
        self.lines_total: Money | None = None
        self.difference: Money | None = None
        if self.currency is None:
            return
        bank_total = money_sum((e.amount for e in self.bank), self.currency)
        lines_total = money_sum((line_net(x) for x in self.lines), self.currency)
        difference = bank_total - lines_total
        if infer is not None and self.bank and self.lines:
            items = [x for x in self.lines if isinstance(x, PlatformItem)]
            self.fee = infer(bank_total, lines_total, items)
            if self.fee is not None:
                difference += self.fee
        self.bank_total, self.lines_total, self.difference = bank_total, lines_total, difference

    @property
    def complete(self) -> bool:
        return bool(self.bank) and bool(self.lines) and not self.mixed


class ManualMatchBar(QWidget):
    match_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("manualMatchBar")
        self.formatter = Formatter()
        self.selection = Selection([], [])
        self.correcting: str | None = None  # the match id under correction
        self.infer_fee: FeeInference | None = None
        self.summary = QLabel(self)
        self.summary.setObjectName("selectionSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.match_button = QPushButton(self)
        self.match_button.setObjectName("matchSelectedButton")
        self.match_button.clicked.connect(self.match_requested)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancelCorrectionButton")
        self.cancel_button.clicked.connect(self.cancel_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.cancel_button)
        layout.addWidget(self.match_button)
        self.retranslate()

    def retranslate(self) -> None:
        if self.correcting:
            self.match_button.setText(tr("Save correction of {0}").format(self.correcting))
        else:
            self.match_button.setText(tr("Match selected (M)"))
        self.cancel_button.setText(tr("Cancel correction"))
        self.refresh()

    def set_formatter(self, formatter: Formatter) -> None:
        self.formatter = formatter
        self.refresh()

    def set_correcting(self, match_id: str | None) -> None:
        self.correcting = match_id
        self.retranslate()

    def update_selection(self, bank: Sequence[BankEntry], lines: Sequence[PlatformLine]) -> None:
        self.selection = Selection(bank, lines, self.infer_fee)
        self.refresh()

    def refresh(self) -> None:
        sel, fmt = self.selection, self.formatter
        self.cancel_button.setVisible(self.correcting is not None)
        self.match_button.setEnabled(sel.complete)
        if sel.mixed:
            mixed = tr("The selection mixes currencies.")
            self.summary.setText(f"<span style='color:#c62828'>{mixed}</span>")
            return
        if not sel.bank and not sel.lines:
            hint = tr("Select bank lines and platform lines to match them by hand.")
            self.summary.setText(f"<i>{hint}</i>")
            return
        difference = sel.difference
        colour = "#2e7d32" if difference is not None and difference.is_zero() else "#c62828"
        gap = "&nbsp;" * 4
        bank, platform, diff = tr("Bank"), tr("Platform net"), tr("Difference")
        inferred = tr("Fee inferred")
        fee = f"{inferred}: <b>{fmt.money(sel.fee)}</b>{gap}" if sel.fee else ""
        self.summary.setText(
            f"{bank}: {len(sel.bank)} · <b>{fmt.money(sel.bank_total)}</b>{gap}"
            f"{platform}: {len(sel.lines)} · <b>{fmt.money(sel.lines_total)}</b>{gap}"
            f"{fee}{diff}: <b style='color:{colour}'>{fmt.money(difference)}</b>"
        )
