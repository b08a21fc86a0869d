"""The Qt binding keeps Python's reference counts: PySide6 6.12.0 on Python 3.11 does not
(void methods hand back None without a reference, and the interpreter aborts after a few
thousand calls), which is why pyproject.toml keeps 3.11 on PySide6 < 6.12."""

from __future__ import annotations

import sys

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QImage, QPainter, QStandardItemModel
from PySide6.QtWidgets import QWidget

from econdesk.qt.app import binding_problem


def test_qt_calls_keep_the_reference_count_of_none(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    model = QStandardItemModel(1, 1)
    before = sys.getrefcount(None)
    for _ in range(1000):
        widget.setObjectName("x")  # a void method
        painter.setPen(Qt.PenStyle.NoPen)
        model.index(0, 0).data(Qt.ItemDataRole.DecorationRole)  # an invalid QVariant -> None
        QModelIndex().data()
    painter.end()
    assert sys.getrefcount(None) - before > -50  # allow noise; the bug loses 4000


def test_the_app_names_a_broken_binding_instead_of_crashing():
    assert binding_problem("6.11.3", (3, 11)) is None
    assert binding_problem("6.12.0", (3, 12)) is None
    problem = binding_problem("6.12.0", (3, 11))
    assert problem is not None and "pyside6-essentials<6.12" in problem
