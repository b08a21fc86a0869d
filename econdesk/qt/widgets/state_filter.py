"""The state filter: one toggle per match state, each with its count and amount."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QToolButton, QWidget

from econdesk.domain.model import Match, MatchState
from econdesk.domain.money import Money
from econdesk.qt.formatting import Formatter
from econdesk.qt.i18n import QT_TRANSLATE_NOOP
from econdesk.qt.labels import STATE_TEXT

ALL, AUTO = "all", "auto"
KEYS = (
    ALL,
    MatchState.PROPOSED.value,
    AUTO,
    MatchState.APPROVED.value,
    MatchState.PARKED.value,
    MatchState.REJECTED.value,
    MatchState.POSTED.value,
    MatchState.WITHDRAWN.value,
)
TITLES = {
    ALL: QT_TRANSLATE_NOOP("StateFilter", "All"),
    AUTO: QT_TRANSLATE_NOOP("StateFilter", "Auto-approvable"),
    **{s.value: text for s, text in STATE_TEXT.items()},
}


def keys_of(match: Match) -> tuple[str, ...]:
    """The filter buttons a match counts under (an auto proposal is also a proposal)."""
    if match.state is MatchState.PROPOSED and match.auto:
        return (ALL, match.state.value, AUTO)
    if match.state is MatchState.WITHDRAWN:  # history of the matcher's, under its own button
        return (match.state.value,)
    return (ALL, match.state.value)


def accepts(key: str, match: Match) -> bool:
    return key in keys_of(match)


class Totals:
    """Count and exact sum per currency for each filter key."""

    def __init__(self, matches: Iterable[Match] = ()) -> None:
        self.count = dict.fromkeys(KEYS, 0)
        self.sums: dict[str, dict[str, Money]] = {k: {} for k in KEYS}
        for match in matches:
            self.add(match, 1)

    def add(self, match: Match, sign: int) -> None:
        for key in keys_of(match):
            self.count[key] += sign
            sums = self.sums[key]
            amount = match.amount if sign > 0 else -match.amount
            held = sums.get(match.currency)
            sums[match.currency] = amount if held is None else held + amount


class StateFilter(QWidget):
    changed = Signal(str)  # the key chosen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stateFilter")
        self.formatter = Formatter()
        self.totals = Totals()
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QToolButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for key in KEYS:
            button = QToolButton(self)
            button.setObjectName(f"state_{key}")
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setMinimumWidth(96)
            button.clicked.connect(lambda _=False, k=key: self.changed.emit(k))
            self.group.addButton(button)
            self.buttons[key] = button
            layout.addWidget(button)
        layout.addStretch(1)
        self.buttons[MatchState.PROPOSED.value].setChecked(True)
        self.refresh()

    @property
    def current(self) -> str:
        return next((k for k, b in self.buttons.items() if b.isChecked()), ALL)

    def choose(self, key: str) -> None:
        self.buttons[key].setChecked(True)
        self.changed.emit(key)

    def set_totals(self, totals: Totals) -> None:
        self.totals = totals
        self.refresh()

    def set_formatter(self, formatter: Formatter) -> None:
        self.formatter = formatter
        self.refresh()

    def refresh(self) -> None:
        for key, button in self.buttons.items():
            title = QCoreApplication.translate("StateFilter", TITLES[key])
            if key not in (ALL, AUTO):
                title = QCoreApplication.translate("Labels", TITLES[key])
            sums = [s for s in self.totals.sums[key].values() if not s.is_zero()]
            amount = "  ".join(self.formatter.money(s) for s in sums) if sums else "–"
            button.setText(f"{title}  {self.totals.count[key]}\n{amount}")
            button.setToolTip(f"{title}: {self.totals.count[key]}")
