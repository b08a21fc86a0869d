"""Charts painted with QPainter (QtCharts is not part of PySide6-Essentials).

Values are Decimals; they become floats only as pixel positions. Labels and tooltips show the
exact amounts through the Formatter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from econdesk.qt.formatting import Formatter

PAD = 8


def nice_max(value: Decimal) -> Decimal:
    """A round axis maximum at or above `value` (1, 2 or 5 times a power of ten)."""
    if value <= 0:
        return Decimal(1)
    exponent = value.adjusted()
    for step in (1, 2, 5, 10):
        top = Decimal(step).scaleb(exponent)
        if top >= value:
            return top
    return Decimal(10).scaleb(exponent)  # pragma: no cover - the loop always returns


class _Chart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.formatter = Formatter()
        self.series: list[tuple[str, str, QColor]] = []  # key, label, colour
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self._hit: list[tuple[QRectF, str]] = []  # tooltip areas, refreshed on each paint
        self.empty_text = ""

    def set_series(self, series: Sequence[tuple[str, str, QColor]]) -> None:
        self.series = list(series)
        self.update()

    def set_formatter(self, formatter: Formatter) -> None:
        self.formatter = formatter
        self.update()

    def text_colour(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.WindowText)

    def draw_legend(self, painter: QPainter, top: float) -> None:
        metrics = self.fontMetrics()
        x = float(PAD)
        for _key, label, colour in self.series:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRect(QRectF(x, top + 3, 10, 10))
            painter.setPen(self.text_colour())
            painter.drawText(QPointF(x + 14, top + 12), label)
            x += 14 + metrics.horizontalAdvance(label) + 16

    def draw_empty(self, painter: QPainter) -> None:
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), self.empty_text)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            for rect, text in self._hit:
                if rect.contains(QPointF(event.pos())):
                    QToolTip.showText(event.globalPos(), text, self)
                    return True
            QToolTip.hideText()
            return True
        return super().event(event)


class _CategoryChart(_Chart):
    """Series values (by key) for each category."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.categories: list[str] = []
        self.values: list[Mapping[str, Decimal]] = []

    def set_data(self, categories: Sequence[str], values: Sequence[Mapping[str, Decimal]]) -> None:
        self.categories, self.values = list(categories), list(values)
        self.updateGeometry()
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._hit = []  # tooltip areas, refilled by this paint
        if self.categories:
            self.paint_chart(painter)
        else:
            self.draw_empty(painter)
        painter.end()

    def paint_chart(self, painter: QPainter) -> None:
        raise NotImplementedError


class StackedBars(_CategoryChart):
    """One stacked column per category (e.g. per day), series stacked bottom to top."""

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(640, 260)

    def paint_chart(self, painter: QPainter) -> None:
        metrics = self.fontMetrics()
        top_value = nice_max(max(sum(v.values(), Decimal(0)) for v in self.values))
        axis_label = self.formatter.decimal(top_value, 0)
        left = PAD + metrics.horizontalAdvance(axis_label) + 6
        legend_h = metrics.height() + 6
        plot = QRectF(
            left,
            PAD + legend_h,
            self.width() - left - PAD,
            self.height() - legend_h - 2 * PAD - metrics.height() - 4,
        )
        self.draw_legend(painter, PAD)
        grid = QPen(self.palette().color(QPalette.ColorRole.Mid))
        grid.setStyle(Qt.PenStyle.DotLine)
        for i in range(5):  # horizontal grid with amount labels
            value = top_value * Decimal(i) / Decimal(4)
            y = plot.bottom() - plot.height() * i / 4
            painter.setPen(grid)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(self.text_colour())
            label = self.formatter.decimal(value, 0)
            painter.drawText(
                QRectF(PAD, y - 8, left - PAD - 4, 16),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
        slot = plot.width() / len(self.categories)
        bar_w = max(2.0, slot * 0.7)
        label_every = max(1, int((metrics.horizontalAdvance("00.00.") + 6) // slot) + 1)
        for i, (category, values) in enumerate(zip(self.categories, self.values, strict=True)):
            x = plot.left() + i * slot + (slot - bar_w) / 2
            y = plot.bottom()
            lines = [category]
            for key, label, colour in self.series:
                value = values.get(key, Decimal(0))
                height = plot.height() * float(value / top_value)
                if height > 0:
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(colour)
                    painter.drawRect(QRectF(x, y - height, bar_w, height))
                    y -= height
                lines.append(f"{label}: {self.formatter.decimal(value)}")
            self._hit.append((QRectF(x, plot.top(), bar_w, plot.height()), "\n".join(lines)))
            if i % label_every == 0:
                painter.setPen(self.text_colour())
                painter.drawText(
                    QRectF(x - 20, plot.bottom() + 2, bar_w + 40, metrics.height() + 2),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                    category,
                )


class HorizontalBars(_CategoryChart):
    """One stacked horizontal bar per category (e.g. per platform), with the total at the end."""

    def sizeHint(self) -> QSize:  # noqa: N802
        rows = max(1, len(self.categories))
        return QSize(400, PAD * 3 + (rows + 1) * (self.fontMetrics().height() + 12))

    def paint_chart(self, painter: QPainter) -> None:
        metrics = self.fontMetrics()
        self.draw_legend(painter, PAD)
        totals = [sum(v.values(), Decimal(0)) for v in self.values]
        top_value = max(totals) or Decimal(1)
        name_w = max(metrics.horizontalAdvance(c) for c in self.categories) + 10
        total_w = max(metrics.horizontalAdvance(self.formatter.decimal(t)) for t in totals) + 10
        row_h = metrics.height() + 12
        width = self.width() - 2 * PAD - name_w - total_w
        for i, (category, values) in enumerate(zip(self.categories, self.values, strict=True)):
            y = PAD + metrics.height() + 10 + i * row_h
            painter.setPen(self.text_colour())
            painter.drawText(
                QRectF(PAD, y, name_w, row_h - 4), int(Qt.AlignmentFlag.AlignVCenter), category
            )
            x = float(PAD + name_w)
            lines = [category]
            for key, label, colour in self.series:
                value = values.get(key, Decimal(0))
                w = width * float(value / top_value)
                if w > 0:
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(colour)
                    painter.drawRect(QRectF(x, y + 2, w, row_h - 8))
                    x += w
                lines.append(f"{label}: {self.formatter.decimal(value)}")
            painter.setPen(self.text_colour())
            painter.drawText(
                QRectF(x + 6, y, total_w, row_h - 4),
                int(Qt.AlignmentFlag.AlignVCenter),
                self.formatter.decimal(totals[i]),
            )
            self._hit.append((QRectF(PAD, y, self.width() - 2 * PAD, row_h), "\n".join(lines)))


class RateRing(_Chart):
    """A ring showing one share (e.g. the match rate) with its percentage in the middle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rate = 0.0
        self.caption = ""
        self.colour = QColor("#2e7d32")

    def set_rate(self, rate: float, caption: str) -> None:
        self.rate, self.caption = max(0.0, min(1.0, rate)), caption
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(200, 200)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        caption_h = self.fontMetrics().height() * 2 + 4
        side = min(self.width(), self.height() - caption_h) - 2 * PAD
        ring = QRectF((self.width() - side) / 2, PAD, side, side)
        thickness = max(8.0, side * 0.14)
        pen = QPen(self.palette().color(QPalette.ColorRole.Mid).lighter(140), thickness)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        inner = ring.adjusted(thickness / 2, thickness / 2, -thickness / 2, -thickness / 2)
        painter.setPen(pen)
        painter.drawArc(inner, 0, 360 * 16)
        pen.setColor(self.colour)
        painter.setPen(pen)
        painter.drawArc(inner, 90 * 16, -int(self.rate * 360 * 16))
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(self.text_colour())
        painter.drawText(ring, int(Qt.AlignmentFlag.AlignCenter), self.formatter.percent(self.rate))
        painter.setFont(self.font())
        painter.drawText(
            QRectF(0, ring.bottom() + 4, self.width(), caption_h),
            int(
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            ),
            self.caption,
        )
        painter.end()
