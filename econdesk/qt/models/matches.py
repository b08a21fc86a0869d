"""Match proposals and decisions as a table; the score column is painted as a bar."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from PySide6.QtCore import QObject

from econdesk.domain.model import BankEntry, Match
from econdesk.qt.formatting import Formatter
from econdesk.qt.i18n import QT_TRANSLATE_NOOP, tr
from econdesk.qt.labels import method_label, state_label
from econdesk.qt.models.table import CENTER, RIGHT, Column, RowTableModel

BankLookup = Callable[[str], BankEntry | None]

STATE, SCORE, METHOD, DATE, TEXT, AMOUNT, DIFFERENCE, LINES, VOUCHER = range(9)


class MatchModel(RowTableModel[Match]):
    """Rows are `Match` objects; the bank side's date and text come from `bank_lookup`."""

    def __init__(
        self,
        bank_lookup: BankLookup | None = None,
        formatter: Formatter | None = None,
        parent: QObject | None = None,
    ) -> None:
        self.bank_lookup: BankLookup = bank_lookup or (lambda _ref: None)
        # What colleagues did or do with a match: "Approved by jane just now", "bo has it open".
        self.marks: dict[str, str] = {}
        self.open_by: dict[str, str] = {}
        self.locked: frozenset[str] = frozenset()  # in a signed-off month: not to be changed
        super().__init__(self._columns(), lambda m: m.id, self._search_text, formatter, parent)

    def note_of(self, match_id: str) -> str:
        """The lock, the colleague's mark and presence for this match, one per line ("" when
        none)."""
        return "\n".join(
            t
            for t in (
                tr("In a signed-off period: reopen the period to change it")
                if match_id in self.locked
                else "",
                self.marks.get(match_id, ""),
                tr("{0} has it open").format(self.open_by[match_id])
                if match_id in self.open_by
                else "",
            )
            if t
        )

    def set_marks(self, marks: dict[str, str]) -> None:
        """Mark these matches (added to earlier marks) and repaint their rows."""
        self.marks.update(marks)
        self._repaint(marks)

    def set_locked(self, locked: frozenset[str]) -> None:
        before, self.locked = self.locked, locked
        self._repaint(before ^ locked)

    def state_text(self, match: Match) -> str:
        label = state_label(match.state, match.auto)
        if match.id in self.locked:
            label = tr("{0} (locked)").format(label)
        return label + (" •" if self.note_of(match.id) else "")

    def set_open_by(self, open_by: dict[str, str]) -> None:
        before, self.open_by = self.open_by, dict(open_by)
        self._repaint({*before, *open_by})

    def _repaint(self, ids: Iterable[str]) -> None:
        for match_id in ids:
            row = self.row_of(match_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, STATE), self.index(row, STATE))

    def first_bank(self, match: Match) -> BankEntry | None:
        return next((e for r in match.bank_refs if (e := self.bank_lookup(r)) is not None), None)

    def _date(self, match: Match) -> date:
        entry = self.first_bank(match)
        return entry.entry_date if entry is not None else date.min

    def _text(self, match: Match) -> str:
        entry = self.first_bank(match)
        text = entry.text if entry is not None else ", ".join(match.bank_refs)
        return f"{text} (+{len(match.bank_refs) - 1})" if len(match.bank_refs) > 1 else text

    def _search_text(self, match: Match) -> str:
        # Ids, the bank text, the amount and the refs: what a bookkeeper types to find a match.
        refs = " ".join((*match.bank_refs, *match.item_refs))
        return f"{match.id} {self._text(match)} {match.amount.amount} {refs} {match.note}"

    def _columns(self) -> list[Column[Match]]:
        def voucher(m: Match) -> str:
            return "" if m.voucher is None else f"{m.voucher.number}"

        return [
            Column(
                QT_TRANSLATE_NOOP("Columns", "State"),
                lambda m, _f: self.state_text(m),
                lambda m: (m.state.value, not m.auto),
                tooltip=lambda m, _f: self.note_of(m.id),
                width=84,
            ),
            Column(
                QT_TRANSLATE_NOOP("Columns", "Score"),
                lambda m, f: f.percent(m.score),
                lambda m: m.score,
                align=RIGHT,
                width=90,
            ),
            Column(
                QT_TRANSLATE_NOOP("Columns", "Method"),
                lambda m, _f: method_label(m.method),
                lambda m: m.method.value,
                width=96,
            ),
            Column(
                QT_TRANSLATE_NOOP("Columns", "Date"),
                lambda m, f: f.date(self._date(m)) if self.first_bank(m) else "",
                self._date,
                width=90,
            ),
            Column(
                QT_TRANSLATE_NOOP("Columns", "Bank text"),
                lambda m, _f: self._text(m),
                lambda m: self._text(m).casefold(),
                tooltip=lambda m, _f: "\n".join((*m.bank_refs, *m.item_refs)),
                width=240,
                stretch=True,
            ),
            Column(
                QT_TRANSLATE_NOOP("Columns", "Amount"),
                lambda m, f: f.money(m.amount),
                lambda m: m.amount.amount,
                align=RIGHT,
                negative=lambda m: m.amount.is_negative(),
                width=120,
            ),
            Column(
                QT_TRANSLATE_NOOP("Columns", "Difference"),
                lambda m, f: f.amount(m.difference),
                lambda m: abs(m.difference.amount),
                align=RIGHT,
                negative=lambda m: not m.difference.is_zero(),
                width=80,
            ),
            Column(
                QT_TRANSLATE_NOOP("Columns", "Lines"),
                lambda m, _f: f"{len(m.bank_refs)} : {len(m.item_refs) + len(m.component_refs)}",
                lambda m: len(m.item_refs) + len(m.component_refs),
                align=CENTER,
                tooltip=lambda m, _f: "\n".join((*m.bank_refs, "", *m.item_refs)),
                width=56,
            ),
            Column(
                QT_TRANSLATE_NOOP("Columns", "Voucher"),
                lambda m, _f: voucher(m),
                lambda m: m.voucher.number if m.voucher else 0,
                align=RIGHT,
                width=70,
            ),
        ]
