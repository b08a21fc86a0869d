"""The audit log as a table: newest first, one row per event."""

from __future__ import annotations

import json

from PySide6.QtCore import QObject

from econdesk.qt.formatting import Formatter
from econdesk.qt.i18n import QT_TRANSLATE_NOOP
from econdesk.qt.labels import action_label
from econdesk.qt.models.table import RIGHT, Column, RowTableModel
from econdesk.storage import AuditEvent


def _payload(event: AuditEvent) -> str:
    return json.dumps(event.payload, ensure_ascii=False, sort_keys=True, default=str)


COLUMNS: list[Column[AuditEvent]] = [
    Column(
        QT_TRANSLATE_NOOP("Columns", "No."),
        lambda e, _f: str(e.seq),
        lambda e: e.seq,
        align=RIGHT,
        width=60,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Time"),
        lambda e, f: f.datetime(e.occurred_at),
        lambda e: e.occurred_at,
        tooltip=lambda e, _f: e.occurred_at.isoformat(),
        width=140,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Who"), lambda e, _f: e.actor, lambda e: e.actor, width=150
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Action"),
        lambda e, _f: action_label(e.action),
        lambda e: action_label(e.action),
        tooltip=lambda e, _f: e.action,  # the stable code, as the report and logs name it
        width=190,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "About"),
        lambda e, _f: ", ".join(e.subjects[:4]) + (" …" if len(e.subjects) > 4 else ""),
        lambda e: e.subjects,
        tooltip=lambda e, _f: "\n".join(e.subjects),
        width=260,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Details"),
        lambda e, _f: _payload(e)[:200],
        _payload,
        tooltip=lambda e, _f: json.dumps(e.payload, ensure_ascii=False, indent=2, default=str),
        stretch=True,
    ),
]


def _search_text(e: AuditEvent) -> str:
    action = f"{e.action} {action_label(e.action)}"  # the code and the words the reader sees
    return f"#{e.seq} {e.actor} {action} {' '.join(e.subjects)} {_payload(e)}"


class AuditEventModel(RowTableModel[AuditEvent]):
    def __init__(self, formatter: Formatter | None = None, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, lambda e: str(e.seq), _search_text, formatter, parent)
