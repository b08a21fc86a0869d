"""Period (month presets or a custom range), source and search, above the review workspace."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QWidget

from econdesk.qt.i18n import QT_TRANSLATE_NOOP, tr
from econdesk.qt.workspace import Period

PRESETS = (
    ("this_month", QT_TRANSLATE_NOOP("PeriodBar", "This month")),
    ("last_month", QT_TRANSLATE_NOOP("PeriodBar", "Last month")),
    ("this_quarter", QT_TRANSLATE_NOOP("PeriodBar", "This quarter")),
    ("last_90", QT_TRANSLATE_NOOP("PeriodBar", "Last 90 days")),
    ("this_year", QT_TRANSLATE_NOOP("PeriodBar", "This year")),
    ("custom", QT_TRANSLATE_NOOP("PeriodBar", "Custom")),
)
SEARCH_DELAY_MS = 200  # wait for a pause in typing before filtering 100,000 rows


def preset_period(key: str, today: date) -> Period | None:
    if key == "this_month":
        return Period.month_of(today)
    if key == "last_month":
        return Period.month_of(today.replace(day=1) - timedelta(days=1))
    if key == "this_quarter":
        first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        return Period(first, Period.month_of(date(first.year, first.month + 2, 1)).end)
    if key == "last_90":
        return Period(today - timedelta(days=89), today)
    if key == "this_year":
        return Period(date(today.year, 1, 1), date(today.year, 12, 31))
    return None


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class PeriodBar(QWidget):
    period_changed = Signal(object)  # Period
    source_changed = Signal(object)  # provider name or None for all
    search_changed = Signal(str)

    def __init__(self, period: Period, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("periodBar")
        self.preset = QComboBox(self)
        self.preset.setObjectName("periodPreset")
        for key, _ in PRESETS:
            self.preset.addItem("", key)
        self.start = QDateEdit(self)
        self.start.setObjectName("periodStart")
        self.end = QDateEdit(self)
        self.end.setObjectName("periodEnd")
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
        self.source = QComboBox(self)
        self.source.setObjectName("sourceFilter")
        self.source.setMinimumContentsLength(12)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(lambda: self.search_changed.emit(self.search.text()))
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.period_label = QLabel(self)
        self.source_label = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.period_label)
        layout.addWidget(self.preset)
        layout.addWidget(self.start)
        layout.addWidget(QLabel("–", self))
        layout.addWidget(self.end)
        layout.addSpacing(12)
        layout.addWidget(self.source_label)
        layout.addWidget(self.source)
        layout.addStretch(1)
        layout.addWidget(self.search)
        self._providers: list[str] = []
        self._quiet = False
        self.set_period(period, preset="custom")
        self.preset.currentIndexChanged.connect(self._on_preset)
        self.start.dateChanged.connect(self._on_dates)
        self.end.dateChanged.connect(self._on_dates)
        self.source.currentIndexChanged.connect(self._on_source)
        self.retranslate()

    @property
    def period(self) -> Period:
        return Period(_pydate(self.start.date()), _pydate(self.end.date()))

    def set_period(self, period: Period, preset: str = "custom") -> None:
        self._quiet = True
        self.start.setDate(_qdate(period.start))
        self.end.setDate(_qdate(period.end))
        self.preset.setCurrentIndex(self.preset.findData(preset))
        self._quiet = False

    def set_providers(self, providers: list[str]) -> None:
        if providers == self._providers:
            return
        chosen = self.source.currentData()
        self._providers = list(providers)
        self._quiet = True
        self.source.clear()
        self.source.addItem(tr("All sources"), None)
        for name in providers:
            self.source.addItem(name.capitalize(), name)
        index = self.source.findData(chosen)
        self.source.setCurrentIndex(max(0, index))
        self._quiet = False

    def retranslate(self) -> None:
        for i, (_key, text) in enumerate(PRESETS):
            self.preset.setItemText(i, QCoreApplication.translate("PeriodBar", text))
        if self.source.count():
            self.source.setItemText(0, tr("All sources"))
        else:
            self.source.addItem(tr("All sources"), None)
        self.search.setPlaceholderText(tr("Search text, amount, customer, reference… (Ctrl+F)"))
        self.period_label.setText(tr("Period"))
        self.source_label.setText(tr("Source"))

    def set_date_format(self, pattern: str) -> None:
        self.start.setDisplayFormat(pattern)
        self.end.setDisplayFormat(pattern)

    def _on_preset(self, _index: int) -> None:
        if self._quiet:
            return
        key: str = self.preset.currentData()
        period = preset_period(key, date.today())
        if period is not None:
            self.set_period(period, preset=key)
            self.period_changed.emit(period)

    def _on_source(self, _index: int) -> None:
        if not self._quiet:
            provider: str | None = self.source.currentData()
            self.source_changed.emit(provider)

    def _on_dates(self, _day: QDate) -> None:
        if self._quiet:
            return
        if self.start.date() > self.end.date():
            return
        self._quiet = True
        self.preset.setCurrentIndex(self.preset.findData("custom"))
        self._quiet = False
        self.period_changed.emit(self.period)
