"""Paints a match's score as a bar with its percentage, coloured by confidence."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from econdesk.domain.model import Match
from econdesk.qt.models.table import ROW_ROLE

HIGH, MEDIUM = 0.9, 0.7
COLOURS = {"high": QColor("#2e7d32"), "medium": QColor("#f9a825"), "low": QColor("#c62828")}


def score_colour(score: float) -> QColor:
    if score >= HIGH:
        return COLOURS["high"]
    return COLOURS["medium"] if score >= MEDIUM else COLOURS["low"]


class ScoreDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        match: Match | None = index.data(ROW_ROLE)
        if match is None:
            super().paint(painter, option, index)
            return
        style = option.widget.style() if option.widget else None
        # Draw the selection/alternate background the way the style does, but no text.
        self.initStyleOption(option, index)
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        rect = QRectF(option.rect).adjusted(4, 5, -4, -5)
        text_width = option.fontMetrics.horizontalAdvance("100 %") + 6
        bar = QRectF(rect.left(), rect.top(), max(8.0, rect.width() - text_width), rect.height())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(option.palette.color(QPalette.ColorRole.Mid).lighter(150))
        painter.drawRoundedRect(bar, 3, 3)
        filled = QRectF(
            bar.left(), bar.top(), bar.width() * max(0.0, min(1.0, match.score)), bar.height()
        )
        painter.setBrush(score_colour(match.score))
        painter.drawRoundedRect(filled, 3, 3)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(option.palette.color(role))
        text_rect = QRectF(bar.right() + 2, option.rect.top(), text_width, option.rect.height())
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        painter.drawText(
            text_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text
        )
        painter.restore()
