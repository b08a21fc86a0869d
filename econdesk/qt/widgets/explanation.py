"""The panel beside the proposals: why the selected match was proposed, and what it holds."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from econdesk.domain.model import BankEntry, Match, MatchState
from econdesk.qt.formatting import Formatter
from econdesk.qt.i18n import tr
from econdesk.qt.labels import method_label, state_label
from econdesk.qt.models.items import PlatformLine, line_date, line_kind, line_net, line_who
from econdesk.qt.widgets.terms_view import TermsView

Lookup = Callable[[str], BankEntry | PlatformLine | None]


class ExplanationPanel(QWidget):
    """Shows one match: header, score terms, its bank and platform lines, their sums."""

    preview_requested = Signal(object)  # the Match
    correct_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("explanationPanel")
        self.formatter = Formatter()
        self.match: Match | None = None
        self.lookup: Lookup = lambda _ref: None
        self.title = QLabel(self)
        self.title.setObjectName("explanationTitle")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.why = QLabel(self)
        self.terms = TermsView(self)
        self.lines = QLabel(self)
        self.lines.setObjectName("explanationLines")
        self.lines.setTextFormat(Qt.TextFormat.RichText)
        self.lines.setWordWrap(True)
        self.lines.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview_button = QPushButton(self)
        self.preview_button.setObjectName("previewButton")
        self.preview_button.clicked.connect(lambda: self.preview_requested.emit(self.match))
        self.correct_button = QPushButton(self)
        self.correct_button.setObjectName("correctButton")
        self.correct_button.clicked.connect(lambda: self.correct_requested.emit(self.match))
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.correct_button)
        buttons.addStretch(1)
        body = QWidget(self)
        inner = QVBoxLayout(body)
        inner.addWidget(self.title)
        inner.addWidget(self.why)
        inner.addWidget(self.terms)
        line = QFrame(body)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        inner.addWidget(line)
        inner.addWidget(self.lines, 1)
        scroll = QScrollArea(self)
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.retranslate()
        self.show_match(None)

    def retranslate(self) -> None:
        self.preview_button.setText(tr("Voucher preview…"))
        self.preview_button.setToolTip(tr("The voucher this match will post (V)"))
        self.correct_button.setText(tr("Correct…"))
        self.correct_button.setToolTip(tr("Change which lines this proposal holds (C)"))
        self.why.setText(tr("Why it was proposed"))
        self.show_match(self.match)

    def set_formatter(self, formatter: Formatter) -> None:
        self.formatter = formatter
        self.show_match(self.match)

    def show_match(self, match: Match | None) -> None:
        self.match = match
        has = match is not None
        for widget in (self.why, self.terms, self.preview_button, self.correct_button):
            widget.setVisible(has)
        if match is None:
            hint = tr("Select a proposal to see why it was made.")
            self.title.setText(f"<i>{escape(hint)}</i>")
            self.terms.set_terms(())
            self.lines.clear()
            return
        fmt = self.formatter
        score = tr("score")
        self.title.setText(
            f"<b>{escape(match.id)}</b> · {escape(method_label(match.method))} · "
            f"{escape(state_label(match.state, match.auto))} · "
            f"{escape(score)} <b>{fmt.percent(match.score)}</b>"
        )
        self.terms.set_terms(match.explanation)
        self.preview_button.setEnabled(
            match.state in (MatchState.APPROVED, MatchState.PROPOSED, MatchState.POSTED)
        )
        self.correct_button.setEnabled(match.state in (MatchState.PROPOSED, MatchState.PARKED))
        self.lines.setText(self._lines_html(match))

    def _lines_html(self, match: Match) -> str:
        fmt = self.formatter
        bank, platform, made_of = tr("Bank"), tr("Platform"), tr("made of:")
        total, difference_text = tr("Bank total"), tr("Difference")
        rows = [f"<tr><td colspan=3><b>{escape(bank)}</b></td></tr>"]
        for ref in match.bank_refs:
            entry = self.lookup(ref)
            if isinstance(entry, BankEntry):
                rows.append(_row(fmt.date(entry.entry_date), entry.text, fmt.money(entry.amount)))
            else:
                rows.append(_row("", ref, ""))
        rows.append(f"<tr><td colspan=3><b>{escape(platform)}</b></td></tr>")
        for ref in (*match.item_refs, *match.component_refs):
            line = self.lookup(ref)
            if line is None:
                rows.append(_row("", ref, ""))
                continue
            assert isinstance(line, PlatformLine)
            what = " · ".join(p for p in (line_kind(line), line_who(line)) if p)
            rows.append(_row(fmt.date(line_date(line)), what, fmt.money(line_net(line))))
            if ref in match.item_refs and match.component_refs:
                rows.append(f"<tr><td colspan=3><i>{escape(made_of)}</i></td></tr>")
        difference = "red" if not match.difference.is_zero() else "inherit"
        totals = (
            f"<tr><td colspan=2>{escape(total)}</td>"
            f"<td align=right><b>{fmt.money(match.amount)}</b></td></tr>"
            f"<tr><td colspan=2>{escape(difference_text)}</td>"
            f"<td align=right style='color:{difference}'>"
            f"<b>{fmt.money(match.difference)}</b></td></tr>"
        )
        return f"<table width='100%' cellspacing=0 cellpadding=2>{''.join(rows)}{totals}</table>"


def _row(when: str, what: str, amount: str) -> str:
    return (
        f"<tr><td style='white-space:nowrap'>{escape(when)}</td><td>{escape(what)}</td>"
        f"<td align=right style='white-space:nowrap'>{escape(amount)}</td></tr>"
    )
