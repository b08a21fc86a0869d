"""Bank entries (booked, daybook and bank-file lines) as a table."""

from __future__ import annotations

from PySide6.QtCore import QObject

from econdesk.domain.model import BankEntry
from econdesk.qt.formatting import Formatter
from econdesk.qt.i18n import QT_TRANSLATE_NOOP
from econdesk.qt.labels import origin_label
from econdesk.qt.models.claimed import ClaimedRowModel
from econdesk.qt.models.table import RIGHT, Column

COLUMNS: list[Column[BankEntry]] = [
    Column(
        QT_TRANSLATE_NOOP("Columns", "Date"),
        lambda e, f: f.date(e.entry_date),
        lambda e: e.entry_date,
        width=90,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Text"),
        lambda e, _f: e.text,
        lambda e: e.text.casefold(),
        tooltip=lambda e, _f: e.text,
        width=260,
        stretch=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Amount"),
        lambda e, f: f.amount(e.amount),
        lambda e: e.amount.amount,
        align=RIGHT,
        negative=lambda e: e.amount.is_negative(),
        width=100,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Cur."),
        lambda e, _f: e.amount.currency,
        lambda e: e.amount.currency,
        width=44,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Source"),
        lambda e, _f: origin_label(e.origin),
        lambda e: e.origin.value,
        width=70,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Voucher"),
        lambda e, _f: "" if e.voucher_number is None else str(e.voucher_number),
        lambda e: e.voucher_number or 0,
        align=RIGHT,
        width=64,
    ),
]


def _search_text(e: BankEntry) -> str:
    parts = (e.ref, e.text, str(e.amount.amount), e.entry_date.isoformat(), e.counterparty or "")
    return " ".join((*parts, e.bank_reference or "", str(e.voucher_number or "")))


class BankEntryModel(ClaimedRowModel[BankEntry]):
    def __init__(self, formatter: Formatter | None = None, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, lambda e: e.ref, _search_text, formatter, parent)
