"""Sorting and filtering proxy for RowTableModel, fast at 100,000 rows.

QSortFilterProxyModel compares rows through `data()`, a call into Python per comparison, which
is far too slow for 100,000 rows (benchmarks/gui_load.py gives the figures). This proxy asks the
source model for its precomputed sort keys and search texts and lets Python's `sorted` and a
list comprehension do the work. Changes in the source arrive as layout changes with the
persistent indexes moved, so a view keeps its selection and current row through them.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar, overload

from PySide6.QtCore import QAbstractItemModel, QAbstractProxyModel, QModelIndex, QObject, Qt

from econdesk.qt.models.table import FEW, ROLES, ModelIndex, RowTableModel

T = TypeVar("T")
RowPredicate = Callable[[T], bool]  # gets the row's domain object
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class TableProxy(QAbstractProxyModel, Generic[T]):
    """Rows of a RowTableModel[T], filtered and sorted."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._map: list[int] = []  # proxy row -> source row
        self._inverse: list[int] = []  # source row -> proxy row, or -1 when filtered out
        self._predicate: RowPredicate[T] | None = None
        self._words: list[str] = []
        self._sort_column = -1
        self._order = Qt.SortOrder.AscendingOrder
        self._source: RowTableModel[T] | None = None
        self._pending: list[QModelIndex] = []
        self._pending_sources: list[tuple[int, int]] = []

    # -- configuration ------------------------------------------------------------------
    def source(self) -> RowTableModel[T]:
        assert self._source is not None, "no source model yet"
        return self._source

    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802
        if not isinstance(model, RowTableModel):
            raise TypeError(f"TableProxy sorts and filters a RowTableModel, not {model!r}")
        old = self.sourceModel()
        if old is not None:
            old.disconnect(self)
        self.beginResetModel()
        super().setSourceModel(model)
        self._source = model
        model.modelAboutToBeReset.connect(self.beginResetModel)
        model.modelReset.connect(self._on_reset)
        model.dataChanged.connect(self._on_data_changed)
        model.headerDataChanged.connect(self.headerDataChanged)
        model.rowsAboutToBeInserted.connect(self._before_change)
        model.rowsInserted.connect(self._on_inserted)
        model.rowsAboutToBeRemoved.connect(self._before_change)
        model.rowsRemoved.connect(self._on_removed)
        model.layoutAboutToBeChanged.connect(self._before_change)
        model.layoutChanged.connect(self._on_source_layout)
        self._rebuild()
        self.endResetModel()

    def set_predicate(self, predicate: RowPredicate[T] | None) -> None:
        self._predicate = predicate
        self.refilter()

    def set_search(self, text: str) -> None:
        words = text.lower().split()
        if words != self._words:
            self._words = words
            self.refilter()

    def refilter(self) -> None:
        """Apply the filters and the sort again (after a filter's inputs changed)."""
        self._before_change()
        self._after_change(lambda row: row)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._order = column, order
        self.refilter()

    # -- mapping -----------------------------------------------------------------------
    def source_row(self, proxy_row: int) -> int:
        return self._map[proxy_row]

    def row_object(self, proxy_row: int) -> T | None:
        """The domain object shown in `proxy_row` (what `data(index, ROW_ROLE)` gives), or None."""
        if self._source is None or not 0 <= proxy_row < len(self._map):
            return None
        return self._source.row(self._map[proxy_row])

    def row_objects(self) -> Sequence[T]:
        """The domain objects shown, in the order shown."""
        if self._source is None:
            return []
        rows = self._source.rows
        return [rows[r] for r in self._map]

    def proxy_row(self, source_row: int) -> int:
        """The row in this proxy, or -1 when the filters hide it."""
        return self._inverse[source_row] if 0 <= source_row < len(self._inverse) else -1

    def mapToSource(self, proxy_index: ModelIndex) -> QModelIndex:  # noqa: N802
        model = self.sourceModel()
        if model is None or not proxy_index.isValid() or proxy_index.row() >= len(self._map):
            return QModelIndex()
        return model.index(self._map[proxy_index.row()], proxy_index.column())

    def mapFromSource(self, source_index: ModelIndex) -> QModelIndex:  # noqa: N802
        if not source_index.isValid():
            return QModelIndex()
        row = self.proxy_row(source_index.row())
        return QModelIndex() if row < 0 else self.index(row, source_index.column())

    # -- flat-table structure ----------------------------------------------------------
    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._map)):
            return QModelIndex()
        if not 0 <= column < self.columnCount():
            return QModelIndex()
        return self.createIndex(row, column)

    @overload
    def parent(self, /) -> QObject | None: ...
    @overload
    def parent(self, child: ModelIndex, /) -> QModelIndex: ...
    def parent(self, child: ModelIndex | None = None, /) -> QObject | QModelIndex | None:
        if child is None:  # QObject.parent()
            return QObject.parent(self)
        return QModelIndex()  # a flat table: no item has a parent

    def sibling(self, row: int, column: int, index: ModelIndex) -> QModelIndex:
        return self.index(row, column)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._map)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        model = self.sourceModel()
        return 0 if parent.isValid() or model is None else model.columnCount()

    def hasChildren(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and self.rowCount() > 0 and self.columnCount() > 0

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        # Straight to the source's row list: no mapToSource()/QModelIndex per cell painted.
        if role not in ROLES or not index.isValid():
            return None
        row = index.row()
        if row >= len(self._map) or self._source is None:
            return None
        return self._source.cell(self._map[row], index.column(), role)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Vertical:
            return section + 1 if role == Qt.ItemDataRole.DisplayRole else None
        model = self.sourceModel()
        return None if model is None else model.headerData(section, orientation, role)

    # -- rebuilding ----------------------------------------------------------------------
    def _rebuild(self) -> None:
        model = self.sourceModel()
        if not isinstance(model, RowTableModel):
            self._map, self._inverse = [], []
            return
        rows: list[int] = list(range(model.rowCount()))
        if self._predicate is not None:
            predicate, objects = self._predicate, model.rows
            rows = [r for r in rows if predicate(objects[r])]
        if self._words:
            words, text = self._words, model.search_text
            rows = [r for r in rows if all(w in text(r) for w in words)]
        if 0 <= self._sort_column < model.columnCount():
            keys = model.sort_keys(self._sort_column)
            descending = self._order == Qt.SortOrder.DescendingOrder
            rows.sort(key=keys.__getitem__, reverse=descending)
        self._map = rows
        inverse = [-1] * model.rowCount()
        for proxy_row, source_row in enumerate(rows):
            inverse[source_row] = proxy_row
        self._inverse = inverse

    def _on_reset(self) -> None:
        self._rebuild()
        self.endResetModel()

    def _before_change(self, *_: object) -> None:
        """Remember where every persistent index points in the source, before it changes."""
        self.layoutAboutToBeChanged.emit()
        self._pending = self.persistentIndexList()
        self._pending_sources = [
            (self._map[p.row()], p.column())
            if p.isValid() and p.row() < len(self._map)
            else (-1, -1)
            for p in self._pending
        ]

    def _after_change(self, moved: Callable[[int], int]) -> None:
        """Rebuild, then point each remembered index at its source row's new place."""
        self._rebuild()
        new: list[QModelIndex] = []
        for source_row, column in self._pending_sources:
            row = moved(source_row) if source_row >= 0 else -1
            proxy_row = self.proxy_row(row) if row >= 0 else -1
            new.append(self.index(proxy_row, column) if proxy_row >= 0 else QModelIndex())
        self.changePersistentIndexList(self._pending, new)
        self._pending, self._pending_sources = [], []
        self.layoutChanged.emit()

    def _on_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        count = last - first + 1
        self._after_change(lambda row: row + count if row >= first else row)

    def _on_removed(self, _parent: QModelIndex, first: int, last: int) -> None:
        count = last - first + 1

        def moved(row: int) -> int:
            if row > last:
                return row - count
            return -1 if row >= first else row

        self._after_change(moved)

    def _on_source_layout(self, *_: object) -> None:
        # Our models never reorder themselves; if one does, rows keep their numbers.
        self._after_change(lambda row: row)

    def _on_data_changed(
        self, top_left: QModelIndex, bottom_right: QModelIndex, roles: Sequence[int] = ()
    ) -> None:
        """Keep rows whose verdict and order hold; move the few that changed; else re-lay out."""
        model = self.source()
        top, bottom = top_left.row(), bottom_right.row()
        filtered = self._predicate is not None or self._words or self._sort_column >= 0
        if filtered and bottom - top >= FEW:  # a wide change: re-lay out, cheaper than checking
            self.refilter()
            return
        misplaced = [r for r in range(top, bottom + 1) if filtered and not self._in_place(model, r)]
        for source_row in misplaced:
            shown, accepted = self.proxy_row(source_row) >= 0, self._accepts(model, source_row)
            if shown and accepted:
                self._move(model, source_row)
            elif shown:
                self._take(source_row)
            else:
                self._put(model, source_row)
        proxy_rows = [p for r in range(top, bottom + 1) if (p := self.proxy_row(r)) >= 0]
        if proxy_rows:
            first, last = min(proxy_rows), max(proxy_rows)
            self.dataChanged.emit(
                self.index(first, top_left.column()), self.index(last, bottom_right.column()), roles
            )

    def _accepts(self, model: RowTableModel[T], source_row: int) -> bool:
        if self._predicate is not None and not self._predicate(model.rows[source_row]):
            return False
        return all(w in model.search_text(source_row) for w in self._words)

    def _in_place(self, model: RowTableModel[T], source_row: int) -> bool:
        proxy_row = self.proxy_row(source_row)
        if (proxy_row >= 0) != self._accepts(model, source_row):
            return False
        if proxy_row < 0 or self._sort_column < 0:
            return True
        keys = model.sort_keys(self._sort_column)
        before = keys[self._map[proxy_row - 1]] if proxy_row > 0 else None
        key = keys[self._map[proxy_row]]
        after = keys[self._map[proxy_row + 1]] if proxy_row + 1 < len(self._map) else None
        if self._order == Qt.SortOrder.DescendingOrder:
            before, after = after, before
        return (before is None or not key < before) and (after is None or not after < key)

    def _take(self, source_row: int) -> None:
        """Remove one source row from the proxy, as a proper row removal."""
        proxy_row = self.proxy_row(source_row)
        if proxy_row < 0:
            return
        self.beginRemoveRows(QModelIndex(), proxy_row, proxy_row)
        del self._map[proxy_row]
        self._inverse[source_row] = -1
        self._renumber(proxy_row)
        self.endRemoveRows()

    def _put(self, model: RowTableModel[T], source_row: int) -> None:
        """Insert one source row where the sort (or the source order) puts it."""
        proxy_row = self._position(model, source_row)
        self.beginInsertRows(QModelIndex(), proxy_row, proxy_row)
        self._map.insert(proxy_row, source_row)
        self._renumber(proxy_row)
        self.endInsertRows()

    def _move(self, model: RowTableModel[T], source_row: int) -> None:
        """Move one row to its sorted place; persistent indexes (the cursor) go along."""
        old = self.proxy_row(source_row)
        del self._map[old]
        new = self._position(model, source_row)
        self._map.insert(old, source_row)
        if new == old:
            return
        destination = new if new < old else new + 1  # Qt counts in the numbering before the move
        self.beginMoveRows(QModelIndex(), old, old, QModelIndex(), destination)
        del self._map[old]
        self._map.insert(new, source_row)
        self._renumber(min(old, new))
        self.endMoveRows()

    def _position(self, model: RowTableModel[T], source_row: int) -> int:
        if self._sort_column < 0:
            return bisect.bisect_left(self._map, source_row)
        keys = model.sort_keys(self._sort_column)
        key = keys[source_row]
        descending = self._order == Qt.SortOrder.DescendingOrder
        low, high = 0, len(self._map)
        while low < high:  # first place whose key sorts after ours (stable among equals)
            mid = (low + high) // 2
            other = keys[self._map[mid]]
            after = other < key if descending else key < other
            if after:
                high = mid
            else:
                low = mid + 1
        return low

    def _renumber(self, start: int) -> None:
        inverse, mapping = self._inverse, self._map
        for proxy_row in range(start, len(mapping)):
            inverse[mapping[proxy_row]] = proxy_row
