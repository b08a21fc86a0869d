"""The choice of a source's booking mode, each mode with the one sentence that tells them
apart: what is booked in e-conomic before econdesk books a payout (docs/booking-modes.md)."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QGroupBox, QLabel, QRadioButton, QVBoxLayout, QWidget

from econdesk.domain.booking import BookingMode
from econdesk.qt.i18n import tr

REFUSED_STYLE = "color: #c62828;"


def mode_title(mode: BookingMode) -> str:
    return {
        BookingMode.SETTLE: tr("An integration books invoices and payments (settle)"),
        BookingMode.PAYMENTS: tr("Invoices are in e-conomic, payments are not (payments)"),
        BookingMode.SALES: tr("Nothing is booked elsewhere (sales)"),
    }[mode]


def mode_sentence(mode: BookingMode) -> str:
    return {
        BookingMode.SETTLE: tr(
            "The platform's own integration (or IEX, Billwerk+ and the like) books the "
            "invoices and the payments; econdesk books only the fees, differences and the "
            "bank line."
        ),
        BookingMode.PAYMENTS: tr(
            "econdesk books each payment as a customer payment against the booked invoice it pays."
        ),
        BookingMode.SALES: tr(
            "econdesk books the sales with their VAT in the period of the sale, and each "
            "payout settles the clearing account."
        ),
    }[mode]


class BookingChoice(QGroupBox):
    """One source's booking mode: three choices, none ticked until one is chosen. A mode that
    cannot work for the source is refused: its button greyed, one line saying why."""

    def __init__(self, source: str, mode: BookingMode | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.source = source
        self.setObjectName(f"booking_{source}")
        self.group = QButtonGroup(self)
        self.buttons: dict[BookingMode, QRadioButton] = {}
        self.sentences: dict[BookingMode, QLabel] = {}
        self.reasons: dict[BookingMode, QLabel] = {}
        self.column = QVBoxLayout(self)
        for m in BookingMode:
            button = QRadioButton(self)
            button.setObjectName(f"booking_{source}_{m.value}")
            sentence = QLabel(self)
            sentence.setWordWrap(True)
            sentence.setIndent(24)
            reason = QLabel(self)
            reason.setObjectName(f"booking_{source}_{m.value}_refused")
            reason.setIndent(24)
            reason.setStyleSheet(REFUSED_STYLE)
            reason.hide()
            self.group.addButton(button)
            self.buttons[m] = button
            self.sentences[m] = sentence
            self.reasons[m] = reason
            for widget in (button, sentence, reason):
                self.column.addWidget(widget)
        self.set_mode(mode)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(tr("How {0} is booked").format(self.source.capitalize()))
        for m, button in self.buttons.items():
            button.setText(mode_title(m))
            self.sentences[m].setText(mode_sentence(m))

    def set_mode(self, mode: BookingMode | None) -> None:
        self.group.setExclusive(False)  # so that none may be ticked
        for m, button in self.buttons.items():
            button.setChecked(m is mode)
        self.group.setExclusive(True)

    def mode(self) -> BookingMode | None:
        return next((m for m, b in self.buttons.items() if b.isChecked()), None)

    def refuse(self, mode: BookingMode, reason: str | None) -> None:
        """Grey `mode` out with its one-line `reason` (None: offer it again). A refused mode
        that was ticked is unticked: the source must be asked again."""
        refused = reason is not None
        if refused and self.mode() is mode:
            self.set_mode(None)
        self.buttons[mode].setEnabled(not refused)
        self.sentences[mode].setEnabled(not refused)
        self.reasons[mode].setText(reason or "")
        self.reasons[mode].setVisible(refused)

    def place_below(self, mode: BookingMode, widget: QWidget) -> None:
        """Put `widget` (what that mode needs to know) under the mode's sentence."""
        after = self.column.indexOf(self.reasons[mode])
        self.column.insertWidget(after + 1, widget)
