"""The explanation terms of a match, painted as rows: name, weight bar, weight, detail."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from econdesk.domain.model import ExplanationTerm
from econdesk.qt.labels import term_detail, term_label

ROW_PAD = 6
NAME_WIDTH = 90
BAR_WIDTH = 110
WEIGHT_WIDTH = 40
POSITIVE = QColor("#1565c0")
NEGATIVE = QColor("#c62828")


class TermsView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("termsView")
        self.terms: tuple[ExplanationTerm, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_terms(self, terms: Sequence[ExplanationTerm]) -> None:
        self.terms = tuple(terms)
        self.updateGeometry()
        self.update()

    def row_height(self) -> int:
        return self.fontMetrics().height() + ROW_PAD

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(
            NAME_WIDTH + BAR_WIDTH + WEIGHT_WIDTH + 200, self.row_height() * max(1, len(self.terms))
        )

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(NAME_WIDTH + BAR_WIDTH + WEIGHT_WIDTH + 40, self.sizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        track = self.palette().color(QPalette.ColorRole.Mid).lighter(150)
        height = self.row_height()
        scale = max((abs(t.weight) for t in self.terms), default=1.0) or 1.0
        metrics = self.fontMetrics()
        for row, term in enumerate(self.terms):
            top = row * height
            painter.setPen(text_colour)
            name = metrics.elidedText(
                term_label(term.term), Qt.TextElideMode.ElideRight, NAME_WIDTH - 6
            )
            painter.drawText(
                QRectF(0, top, NAME_WIDTH, height), int(Qt.AlignmentFlag.AlignVCenter), name
            )
            bar = QRectF(NAME_WIDTH, top + ROW_PAD / 2 + 2, BAR_WIDTH, height - ROW_PAD - 4)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(track)
            painter.drawRoundedRect(bar, 2, 2)
            filled = QRectF(
                bar.left(),
                bar.top(),
                bar.width() * min(1.0, abs(term.weight) / scale),
                bar.height(),
            )
            painter.setBrush(POSITIVE if term.weight >= 0 else NEGATIVE)
            painter.drawRoundedRect(filled, 2, 2)
            painter.setPen(text_colour)
            weight_rect = QRectF(NAME_WIDTH + BAR_WIDTH, top, WEIGHT_WIDTH, height)
            painter.drawText(
                weight_rect,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                f"{term.weight:+.2f}",
            )
            left = NAME_WIDTH + BAR_WIDTH + WEIGHT_WIDTH + 10
            detail = metrics.elidedText(
                term_detail(term), Qt.TextElideMode.ElideRight, max(0, self.width() - left)
            )
            painter.drawText(
                QRectF(left, top, self.width() - left, height),
                int(Qt.AlignmentFlag.AlignVCenter),
                detail,
            )
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent) and self.terms:
            row = event.pos().y() // self.row_height()
            if 0 <= row < len(self.terms):
                term = self.terms[row]
                QToolTip.showText(
                    event.globalPos(), f"{term_label(term.term)}: {term_detail(term)}", self
                )
                return True
        return super().event(event)
