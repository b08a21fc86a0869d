"""A row model whose rows (bank entries or platform items) may be claimed by a match."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeVar

from PySide6.QtCore import QObject

from econdesk.domain.model import Match
from econdesk.qt.formatting import Formatter
from econdesk.qt.labels import state_label
from econdesk.qt.models.table import FEW, Column, RowTableModel

T = TypeVar("T")

OPEN_KEY = -1  # sorts open lines before matched ones


class ClaimedRowModel(RowTableModel[T]):
    """Adds a status column: open, or the state of the match that holds the row."""

    def __init__(
        self,
        columns: Sequence[Column[T]],
        ref: Callable[[T], str],
        search_text: Callable[[T], str],
        formatter: Formatter | None = None,
        parent: QObject | None = None,
    ) -> None:
        self.claims: Mapping[str, Match] = {}
        status = Column[T](
            "Status",
            lambda obj, _fmt: self._status_text(obj),
            self._status_key,
            width=90,
        )
        super().__init__([*columns, status], ref, search_text, formatter, parent)
        self.status_column = len(self.columns) - 1

    def claim(self, obj: T) -> Match | None:
        return self.claims.get(self.ref(obj))

    def is_open(self, obj: T) -> bool:
        return self.ref(obj) not in self.claims

    def set_claims(self, claims: Mapping[str, Match], changed: Iterable[str] | None = None) -> None:
        """Use `claims` (kept live by its owner); `changed` names the refs whose holder changed."""
        self.claims = claims
        col = self.status_column
        rows = (
            None
            if changed is None
            else sorted(r for ref in changed if (r := self.row_of(ref)) is not None)
        )
        if rows is None or len(rows) > FEW:
            self._keys.pop(col, None)
            if self.rows:
                self.dataChanged.emit(self.index(0, col), self.index(len(self.rows) - 1, col))
            return
        keys = self._keys.get(col)
        for row in rows:  # one signal per row: a wide range would make the proxy check them all
            if keys is not None:
                keys[row] = self._status_key(self.rows[row])
            self.dataChanged.emit(self.index(row, col), self.index(row, col))

    def _status_text(self, obj: T) -> str:
        match = self.claim(obj)
        return state_label(None) if match is None else state_label(match.state, match.auto)

    def _status_key(self, obj: T) -> tuple[int, str]:
        match = self.claim(obj)
        return (OPEN_KEY, "") if match is None else (1, match.state.value)
