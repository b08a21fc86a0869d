"""Form helpers."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel


def set_form_labels(form: QFormLayout, texts: list[str]) -> None:
    """Set (or create) the label of each row in order; for retranslating a form."""
    for row, text in enumerate(texts):
        item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        widget = item.widget() if item is not None else None
        if isinstance(widget, QLabel):
            widget.setText(text)
        elif item is None:
            form.setWidget(row, QFormLayout.ItemRole.LabelRole, QLabel(text))
