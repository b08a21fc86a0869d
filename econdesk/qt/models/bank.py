"""Bank entries (booked, daybook and bank-file lines) as a table."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject

from econdesk.domain.model import BankEntry
from econdesk.qt.formatting import Formatter
from econdesk.qt.i18n import QT_TRANSLATE_NOOP
from econdesk.qt.labels import origin_label, rule_label
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
        self.aside: Mapping[str, str] = {}  # ref -> label of the lines set aside

    def set_aside(self, aside: Mapping[str, str]) -> None:
        """The lines that are not platform money: their status shows the label."""
        self.aside = aside
        self.set_claims(self.claims)

    def is_aside(self, entry: BankEntry) -> bool:
        return entry.ref in self.aside and entry.ref not in self.claims

    def _status_text(self, obj: BankEntry) -> str:
        label = self.aside.get(obj.ref)
        if label is not None and obj.ref not in self.claims:
            return rule_label(label)
        return super()._status_text(obj)

    def _status_key(self, obj: BankEntry) -> tuple[int, str]:
        label = self.aside.get(obj.ref)
        if label is not None and obj.ref not in self.claims:
            return (2, label)
        return super()._status_key(obj)
