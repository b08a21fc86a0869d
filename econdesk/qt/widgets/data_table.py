"""The table view every list in the app uses: a RowTableModel behind a TableProxy.

Tuned for 100,000 rows: fixed row height (no per-row size queries), no per-row vertical header
text, column widths from the model's column specs instead of measuring contents.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from econdesk.qt.models.proxy import TableProxy
from econdesk.qt.models.table import RowTableModel

T = TypeVar("T")


class DataTable(QTableView, Generic[T]):
    """A sortable, filterable, row-selecting table; `current_changed` carries the row object."""

    current_changed = Signal(object)  # T | None: the domain object under the cursor
    selection_changed = Signal(list)  # list[T]: the selected domain objects

    def __init__(self, model: RowTableModel[T], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = model
        self.proxy: TableProxy[T] = TableProxy(self)
        self.proxy.setSourceModel(model)
        self.setModel(self.proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setStretchLastSection(not any(c.stretch for c in model.columns))
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)  # after the indicator: -1 keeps the source order
        for col, spec in enumerate(model.columns):
            if spec.width:
                self.setColumnWidth(col, spec.width)
            if spec.stretch:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.selectionModel().currentRowChanged.connect(self._on_current)
        self.selectionModel().selectionChanged.connect(self._on_selection)

    # -- objects under the cursor and the selection ----------------------------------------
    def current_object(self) -> T | None:
        index = self.currentIndex()
        return self.proxy.row_object(index.row()) if index.isValid() else None

    def selected_objects(self) -> list[T]:
        rows = sorted({i.row() for i in self.selectionModel().selectedRows()})
        return [obj for r in rows if (obj := self.proxy.row_object(r)) is not None]

    def shows(self, ref: str) -> bool:
        source_row = self.source.row_of(ref)
        return source_row is not None and self.proxy.proxy_row(source_row) >= 0

    def select_ref(self, ref: str) -> bool:
        """Put the cursor on the row of `ref` (if shown) and scroll to it."""
        source_row = self.source.row_of(ref)
        if source_row is None or self.proxy.proxy_row(source_row) < 0:
            return False
        self.select_row(self.proxy.proxy_row(source_row))
        return True

    def select_refs(self, refs: Iterable[str]) -> None:
        """Add the rows of `refs` (those shown) to the selection; scroll to the first."""
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        first = None
        for ref in refs:
            source_row = self.source.row_of(ref)
            row = -1 if source_row is None else self.proxy.proxy_row(source_row)
            if row >= 0:
                index = self.proxy.index(row, 0)
                self.selectionModel().select(index, flags)
                first = first or index
        if first is not None:
            self.scrollTo(first)

    def select_row(self, row: int) -> None:
        """Cursor and selection on one proxy row (clamped to the rows shown)."""
        count = self.proxy.rowCount()
        if count == 0:
            self.selectionModel().clearSelection()
            self.selectionModel().setCurrentIndex(
                QModelIndex(), QItemSelectionModel.SelectionFlag.Clear
            )
            return
        index = self.proxy.index(max(0, min(row, count - 1)), 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.selectionModel().setCurrentIndex(index, flags)
        self.scrollTo(index)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_changed.emit(
            self.proxy.row_object(current.row()) if current.isValid() else None
        )

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.selection_changed.emit(self.selected_objects())
