"""The dashboard: the period's platform money at a glance (match rate, per day, per source).

A page of the main window beside the review. Refreshed from the review window's snapshot after
every decision, posting and reload; while hidden it only notes that it is stale (Electrum's
rule: no repaints nobody sees). It counts platform money only and says so: the bank lines set
aside as rent, wages, tax... are listed apart, per label.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from econdesk.qt.dashboard_data import MATCHED, OPEN, PROPOSED, Figures, figures
from econdesk.qt.formatting import Formatter
from econdesk.qt.i18n import tr
from econdesk.qt.labels import rule_label
from econdesk.qt.widgets.charts import HorizontalBars, RateRing, StackedBars
from econdesk.qt.workspace import Snapshot

COLOURS = {MATCHED: QColor("#2e7d32"), PROPOSED: QColor("#f9a825"), OPEN: QColor("#c62828")}


class DashboardView(QWidget):
    def __init__(self, formatter: Formatter | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.formatter = formatter or Formatter()
        self.snapshot: Snapshot | None = None
        self.figures = Figures()
        self.stale = False
        self.rate = RateRing(self)
        self.rate.setObjectName("rateByCount")
        self.amount_rate = RateRing(self)
        self.amount_rate.setObjectName("rateByAmount")
        self.amount_rate.colour = QColor("#1565c0")
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.by_day = StackedBars(self)
        self.by_day.setObjectName("byDay")
        self.by_source = HorizontalBars(self)
        self.by_source.setObjectName("bySource")
        self.day_box = QGroupBox(self)
        QVBoxLayout(self.day_box).addWidget(self.by_day)
        self.source_box = QGroupBox(self)
        QVBoxLayout(self.source_box).addWidget(self.by_source)
        grid = QGridLayout(self)
        grid.addWidget(self.rate, 0, 0)
        grid.addWidget(self.amount_rate, 0, 1)
        grid.addWidget(self.summary, 0, 2)
        grid.addWidget(self.day_box, 1, 0, 1, 3)
        grid.addWidget(self.source_box, 2, 0, 1, 3)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(1, 3)
        grid.setRowStretch(2, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.day_box.setTitle(
            tr("Platform money per day in the bank: matched, proposed and open amounts")
        )
        self.source_box.setTitle(tr("Platform lines per source"))
        series = [(k, self._series_label(k), COLOURS[k]) for k in (MATCHED, PROPOSED, OPEN)]
        for chart in (self.by_day, self.by_source):
            chart.set_series(series)
            chart.empty_text = tr("Nothing in this period yet: sync to fetch it.")
        self._render()

    @staticmethod
    def _series_label(key: str) -> str:
        return {MATCHED: tr("Matched"), PROPOSED: tr("Proposed"), OPEN: tr("Open")}[key]

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_formatter(self, formatter: Formatter) -> None:
        self.formatter = formatter
        for chart in (self.rate, self.amount_rate, self.by_day, self.by_source):
            chart.set_formatter(formatter)
        self._render()

    def set_snapshot(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        if self.stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self.stale = False
        if self.snapshot is not None:
            self.figures = figures(self.snapshot)
        self._render()

    def _render(self) -> None:
        f, fmt = self.figures, self.formatter
        self.by_day.set_data([fmt.short_date(d) for d in f.by_day], list(f.by_day.values()))
        self.by_source.set_data([s.capitalize() for s in f.by_source], list(f.by_source.values()))
        self.rate.set_rate(f.match_rate, tr("of the platform bank lines matched"))
        self.amount_rate.set_rate(f.amount_rate, tr("of the platform amount matched"))
        rows = [
            f"<tr><td>{self._series_label(k)}</td><td align=right>{f.counts[k]}</td>"
            f"<td align=right>{fmt.decimal(f.amounts[k])} {f.currency}</td></tr>"
            for k in (MATCHED, PROPOSED, OPEN)
        ]
        others = tr("{0} bank lines in other currencies are not counted.")
        note = f"<p><i>{others.format(f.other_currencies)}</i></p>" if f.other_currencies else ""
        heading = tr("Platform money: bank lines in the period")
        self.summary.setText(
            f"<p><b>{heading}: {f.total}</b></p><table cellpadding=3>{''.join(rows)}</table>"
            f"{note}{self._aside_text()}"
        )

    def _aside_text(self) -> str:
        """The lines that are not platform money, per label, said to be counted apart."""
        f, fmt = self.figures, self.formatter
        if not f.aside_total:
            return "<p><i>{}</i></p>".format(
                tr("Only platform money is counted. No bank lines are set aside by rules.")
            )
        rows = [
            f"<tr><td>{rule_label(label)}</td><td align=right>{f.aside_counts[label]}</td>"
            f"<td align=right>{fmt.decimal(f.aside_amounts[label])} {f.currency}</td></tr>"
            for label in sorted(f.aside_counts, key=lambda k: (-f.aside_counts[k], k))
        ]
        said = tr(
            "Platform money only. Counted apart, {0} bank lines that are not platform money:"
        ).format(f.aside_total)
        return f"<p><i>{said}</i></p><table cellpadding=3>{''.join(rows)}</table>"
