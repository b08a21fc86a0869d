"""Platform lines as a table: items (payments, refunds, chargebacks, fees) and payouts.

Payouts and settlements stand beside the items they carry, so a bookkeeper can match a deposit
by hand to a payout as well as to the single payments.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QObject

from econdesk.domain.model import Payout, PayoutKind, PlatformItem
from econdesk.domain.money import Money
from econdesk.qt.formatting import Formatter
from econdesk.qt.i18n import QT_TRANSLATE_NOOP
from econdesk.qt.labels import kind_label
from econdesk.qt.models.claimed import ClaimedRowModel
from econdesk.qt.models.table import RIGHT, Column

PlatformLine = PlatformItem | Payout

PAYOUT_TEXT = {
    PayoutKind.PAYOUT: QT_TRANSLATE_NOOP("Labels", "Payout"),
    PayoutKind.SETTLEMENT: QT_TRANSLATE_NOOP("Labels", "Settlement"),
}


def line_date(line: PlatformLine) -> date:
    return line.arrival_date if isinstance(line, Payout) else line.occurred_at.date()


def line_moment(line: PlatformLine) -> datetime:
    if isinstance(line, Payout):
        return datetime.combine(line.arrival_date, datetime.min.time()).astimezone()
    return line.occurred_at


def line_net(line: PlatformLine) -> Money:
    """What the line contributes to the bank: a payout's amount, an item's net."""
    return line.amount if isinstance(line, Payout) else line.net


def line_kind(line: PlatformLine) -> str:
    if isinstance(line, Payout):
        return QCoreApplication.translate("Labels", PAYOUT_TEXT[line.kind])
    return kind_label(line.kind)


def line_who(line: PlatformLine) -> str:
    if isinstance(line, Payout):
        return line.statement_descriptor or ""
    return line.customer_name or line.customer_id or ""


def _fee(line: PlatformLine) -> Money | None:
    return line.fees if isinstance(line, Payout) else line.fee


def _gross(line: PlatformLine) -> Money:
    if isinstance(line, Payout):
        return line.gross if line.gross is not None else line.amount
    return line.amount


def _tooltip(line: PlatformLine, fmt: Formatter) -> str:
    parts: list[str | None]
    if isinstance(line, Payout):
        parts = [line.ref, line.statement_descriptor or "", f"{len(line.component_refs)} ×"]
    else:
        parts = [line.ref, line.customer_name, line.plan, line.description]
    return "\n".join(p for p in parts if p)


COLUMNS: list[Column[PlatformLine]] = [
    Column(
        QT_TRANSLATE_NOOP("Columns", "Date"),
        lambda x, f: f.date(line_date(x)),
        line_moment,
        tooltip=lambda x, f: f.datetime(line_moment(x)),
        width=90,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Source"),
        lambda x, _f: x.provider.capitalize(),
        lambda x: x.provider,
        width=76,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "Kind"), lambda x, _f: line_kind(x), line_kind, width=84),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Customer"),
        lambda x, _f: line_who(x),
        lambda x: line_who(x).casefold(),
        tooltip=_tooltip,
        width=150,
        stretch=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Amount"),
        lambda x, f: f.amount(_gross(x)),
        lambda x: _gross(x).amount,
        align=RIGHT,
        negative=lambda x: _gross(x).is_negative(),
        width=90,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Fee"),
        lambda x, f: f.amount(_fee(x)),
        lambda x: (_fee(x) or Money.zero(x.currency)).amount,
        align=RIGHT,
        width=70,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Net"),
        lambda x, f: f.amount(line_net(x)),
        lambda x: line_net(x).amount,
        align=RIGHT,
        negative=lambda x: line_net(x).is_negative(),
        width=90,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Cur."),
        lambda x, _f: x.currency,
        lambda x: x.currency,
        width=44,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Reference"),
        lambda x, _f: x.external_id if isinstance(x, Payout) else (x.invoice_ref or x.external_id),
        lambda x: x.external_id,
        tooltip=lambda x, _f: x.ref,
        width=130,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Payout"),
        lambda x, _f: "" if isinstance(x, Payout) else (x.payout_ref or ""),
        lambda x: "" if isinstance(x, Payout) else (x.payout_ref or ""),
        width=120,
    ),
]


def _search_text(x: PlatformLine) -> str:
    common = (x.ref, str(x.amount.amount), str(line_net(x).amount), line_date(x).isoformat())
    if isinstance(x, Payout):
        return " ".join((*common, x.kind.value, x.statement_descriptor or ""))
    people = (x.customer_name, x.customer_id, x.invoice_ref, x.payout_ref, x.plan)
    return " ".join(
        (*common, x.kind.value, *(p for p in people if p), *x.references, x.description)
    )


class PlatformItemModel(ClaimedRowModel[PlatformLine]):
    def __init__(self, formatter: Formatter | None = None, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, lambda x: x.ref, _search_text, formatter, parent)
