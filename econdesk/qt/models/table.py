"""A table model over a list of frozen domain objects: one row per object, cells on demand.

No widget or item per cell: `data()` formats only what a view asks for, so 100,000 rows cost
one Python object each. Sort keys and search text are computed per column/row once and kept in
lists that the proxy (proxy.py) sorts and filters in Python, far faster than a
QSortFilterProxyModel calling back into `data()` for every comparison.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThread,
)
from PySide6.QtGui import QBrush, QColor

from econdesk.qt.formatting import Formatter

T = TypeVar("T")

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the domain object behind the row
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's comparable key for this column
REF_ROLE = Qt.ItemDataRole.UserRole + 3  # the object's stable reference string

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter

NEGATIVE = QColor("#b3261e")  # money out
_NEGATIVE_BRUSH = QBrush(NEGATIVE)
ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        ROW_ROLE,
        SORT_ROLE,
        REF_ROLE,
    }
)

ModelIndex = QModelIndex | QPersistentModelIndex
FEW = 64  # changes to at most this many rows are signalled row by row, more as one range


class SortKey(Protocol):
    """What a column's sort key must be: comparable with `<` to the keys of its other rows
    (a date, a Decimal, a string, a tuple of such). The other key's type is the column's own,
    which a protocol cannot name, hence Any (as typeshed's SupportsDunderLT has it)."""

    def __lt__(self, other: Any, /) -> bool: ...


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: a translatable title (context "Columns"), its text and its sort key."""

    title: str
    text: Callable[[T, Formatter], str]
    key: Callable[[T], SortKey]
    align: Qt.AlignmentFlag = LEFT
    tooltip: Callable[[T, Formatter], str] | None = None
    negative: Callable[[T], bool] | None = None  # shown in red when true
    width: int = 0  # preferred width in pixels; 0 lets the view decide
    stretch: bool = False  # takes the width the other columns leave


class RowTableModel(QAbstractTableModel, Generic[T]):
    """Rows of `T`; subclasses give the columns, the ref and the search text of one row."""

    def __init__(
        self,
        columns: Sequence[Column[T]],
        ref: Callable[[T], str],
        search_text: Callable[[T], str],
        formatter: Formatter | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.formatter = formatter or Formatter()
        self._ref = ref
        self._search_fn = search_text
        self._rows: list[T] = []
        self._index: dict[str, int] | None = None
        self._keys: dict[int, list[SortKey]] = {}
        self._search: list[str] | None = None

    # -- Qt interface ------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        return self.cell(index.row(), index.column(), role)

    def cell(self, row: int, col: int, role: int) -> object:
        """`data()` without a QModelIndex: the proxy calls this directly (it is the hot path)."""
        if role not in ROLES or row >= len(self._rows) or col >= len(self.columns):
            return None
        obj = self._rows[row]
        column = self.columns[col]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(obj, self.formatter)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align.value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return None if column.tooltip is None else column.tooltip(obj, self.formatter)
        if role == Qt.ItemDataRole.ForegroundRole:
            return _NEGATIVE_BRUSH if column.negative and column.negative(obj) else None
        if role == ROW_ROLE:
            return obj
        if role == REF_ROLE:
            return self._ref(obj)
        return self.sort_keys(col)[row]  # SORT_ROLE

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("Columns", self.columns[section].title)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self.columns[section].align.value)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    # -- rows ------------------------------------------------------------------------------
    @property
    def rows(self) -> Sequence[T]:
        return self._rows

    def row(self, row: int) -> T:
        return self._rows[row]

    def ref(self, obj: T) -> str:
        return self._ref(obj)

    def row_of(self, ref: str) -> int | None:
        if self._index is None:
            self._index = {self._ref(obj): i for i, obj in enumerate(self._rows)}
        return self._index.get(ref)

    def get(self, ref: str) -> T | None:
        row = self.row_of(ref)
        return None if row is None else self._rows[row]

    def _on_gui_thread(self) -> None:
        # Electrum's rule: a model changes only on the GUI thread, or views read torn state.
        assert QThread.currentThread() is self.thread(), "change models on the GUI thread only"

    def set_rows(self, rows: Iterable[T]) -> None:
        self._on_gui_thread()
        self.beginResetModel()
        self._rows = list(rows)
        self._forget()
        self.endResetModel()

    def replace(self, objects: Iterable[T]) -> list[T]:
        """Put updated objects in place of those with the same ref; return the ones unknown."""
        self._on_gui_thread()
        unknown: list[T] = []
        changed: list[int] = []
        for obj in objects:
            row = self.row_of(self._ref(obj))
            if row is None:
                unknown.append(obj)
                continue
            self._rows[row] = obj
            changed.append(row)
            for col, keys in self._keys.items():  # keep cached keys exact, row by row
                keys[row] = self.columns[col].key(obj)
            if self._search is not None:
                self._search[row] = self._search_fn(obj).lower()
        if changed:
            top, bottom = min(changed), max(changed)
            self.dataChanged.emit(self.index(top, 0), self.index(bottom, len(self.columns) - 1))
        return unknown

    def append(self, objects: Iterable[T]) -> None:
        self._on_gui_thread()
        new = list(objects)
        if not new:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._rows.extend(new)
        self._forget()
        self.endInsertRows()

    def remove(self, refs: Iterable[str]) -> None:
        """Remove rows by ref, one contiguous block at a time (from the bottom up)."""
        self._on_gui_thread()
        rows = sorted({r for ref in refs if (r := self.row_of(ref)) is not None}, reverse=True)
        while rows:
            last = first = rows.pop(0)
            while rows and rows[0] == first - 1:
                first = rows.pop(0)
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first : last + 1]
            self._forget()
            self.endRemoveRows()

    def upsert(self, objects: Iterable[T]) -> None:
        self.append(self.replace(objects))

    def set_formatter(self, formatter: Formatter) -> None:
        """A new language: every cell's text and the headers change, the rows do not."""
        self.formatter = formatter
        self._search = None
        if self._rows:
            last = self.index(len(self._rows) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)

    # -- what the proxy sorts and filters on ----------------------------------------------
    def sort_keys(self, column: int) -> list[SortKey]:
        keys = self._keys.get(column)
        if keys is None:
            key = self.columns[column].key
            keys = self._keys[column] = [key(obj) for obj in self._rows]
        return keys

    def search_text(self, row: int) -> str:
        if self._search is None:
            fn = self._search_fn
            self._search = [fn(obj).lower() for obj in self._rows]
        return self._search[row]

    def _forget(self) -> None:
        self._index = None
        self._keys = {}
        self._search = None
