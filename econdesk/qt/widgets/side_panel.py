"""One side of the side-by-side view: a title, an "open only" switch and the table."""

from __future__ import annotations

from typing import Generic, TypeVar

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from econdesk.qt.i18n import tr
from econdesk.qt.models.claimed import ClaimedRowModel
from econdesk.qt.widgets.data_table import DataTable

T = TypeVar("T")


class SidePanel(QWidget, Generic[T]):
    open_only_changed = Signal(bool)

    def __init__(
        self, title: str, model: ClaimedRowModel[T], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._title = title  # untranslated; translated in retranslate()
        self.model = model
        self.table = DataTable(model, self)
        self.heading = QLabel(self)
        self.heading.setObjectName("sideHeading")
        self.count = QLabel(self)
        self.open_only = QCheckBox(self)
        self.open_only.setChecked(True)
        self.open_only.toggled.connect(self.open_only_changed)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.count)
        top.addStretch(1)
        top.addWidget(self.open_only)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.table.proxy.layoutChanged.connect(self.update_count)
        self.table.proxy.modelReset.connect(self.update_count)
        self.table.proxy.rowsRemoved.connect(self.update_count)
        self.table.proxy.rowsInserted.connect(self.update_count)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(f"<b>{QCoreApplication.translate('SidePanel', self._title)}</b>")
        self.open_only.setText(tr("Open only"))
        self.open_only.setToolTip(tr("Hide lines that a match already holds"))
        self.update_count()

    def update_count(self, *_: object) -> None:
        shown, total = self.table.proxy.rowCount(), self.model.rowCount()
        self.count.setText(tr("{0} of {1}").format(shown, total))
