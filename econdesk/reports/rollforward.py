"""The report's "Clearing roll-forward" sheet: per clearing account and currency, the opening
balance, what moved it in the period (by kind, and whether econdesk or someone else booked
it), the closing balance, and the open items that explain what is left."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from econdesk.domain.rollforward import BookedBy, MovementKind, OpenItem, OpenKind, RollForward
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.reports.book import ReportBook
from econdesk.reports.sheets import STATE_TEXT
from econdesk.reports.table import Column, Kind, TableResult, TableSheet

MOVEMENT_TEXT: Final = {
    MovementKind.PAYMENTS: QT_TRANSLATE_NOOP("Report", "Payments and sales booked into it"),
    MovementKind.PAYOUTS: QT_TRANSLATE_NOOP("Report", "Payouts to the bank"),
    MovementKind.FEES: QT_TRANSLATE_NOOP("Report", "Fees"),
    MovementKind.DIFFERENCES: QT_TRANSLATE_NOOP("Report", "Differences"),
    MovementKind.TRANSFERS: QT_TRANSLATE_NOOP("Report", "Transfers between clearing accounts"),
    MovementKind.OTHER: QT_TRANSLATE_NOOP("Report", "Other entries"),
}
BY_TEXT: Final = {
    BookedBy.ECONDESK: QT_TRANSLATE_NOOP("Report", "econdesk"),
    BookedBy.OTHERS: QT_TRANSLATE_NOOP("Report", "others"),
}
OPEN_TEXT: Final = {
    OpenKind.DEPOSIT_AWAITING_VOUCHER: QT_TRANSLATE_NOOP(
        "Report", "Open: deposit awaiting its voucher"
    ),
    OpenKind.PAYOUT_NOT_IN_BANK: QT_TRANSLATE_NOOP("Report", "Open: paid out, not yet in bank"),
    OpenKind.NOT_PAID_OUT: QT_TRANSLATE_NOOP("Report", "Open: payment not yet paid out"),
    OpenKind.PAID_OUT_AWAITING_VOUCHER: QT_TRANSLATE_NOOP(
        "Report", "Open: paid out, voucher not posted"
    ),
}
OPENING = QT_TRANSLATE_NOOP("Report", "Opening balance")
CLOSING = QT_TRANSLATE_NOOP("Report", "Closing balance")
UNEXPLAINED = QT_TRANSLATE_NOOP("Report", "Left, not explained by open items")
IN_BANK = QT_TRANSLATE_NOOP("Report", "in the bank")
NOT_MATCHED = QT_TRANSLATE_NOOP("Report", "not matched")
NO_PAYOUT = QT_TRANSLATE_NOOP("Report", "no payout yet")

ROLLFORWARD_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Report", "Account"), Kind.INTEGER, 8),
    Column(QT_TRANSLATE_NOOP("Report", "Sources"), Kind.TEXT, 14, wrap=True),
    Column(QT_TRANSLATE_NOOP("Report", "Currency"), Kind.CURRENCY, 8),
    Column(QT_TRANSLATE_NOOP("Report", "Line"), Kind.TEXT, 32, wrap=True),
    Column(QT_TRANSLATE_NOOP("Report", "Booked by"), Kind.CODE, 10),
    Column(QT_TRANSLATE_NOOP("Report", "Date"), Kind.DATE, 11),
    Column(QT_TRANSLATE_NOOP("Report", "Reference"), Kind.TEXT, 20),
    Column(QT_TRANSLATE_NOOP("Report", "Note"), Kind.TEXT, 18, wrap=True),
    Column(QT_TRANSLATE_NOOP("Report", "Entries"), Kind.INTEGER, 8),
    Column(QT_TRANSLATE_NOOP("Report", "Amount"), Kind.MONEY, 17),
    Column(QT_TRANSLATE_NOOP("Report", "Base amount"), Kind.MONEY, 17),
)


def write_rollforward(book: ReportBook, found: Iterable[RollForward]) -> TableResult:
    table = TableSheet(
        book, QT_TRANSLATE_NOOP("Report", "Clearing roll-forward"), ROLLFORWARD_COLUMNS
    )

    def t(text: str) -> str:
        return book.translate("Report", text)

    for r in found:
        head = (r.account, r.sources, r.currency)
        table.add((*head, t(OPENING), None, r.start, r.account_name, None, None,
                   r.opening, r.opening_base))  # fmt: skip
        for m in r.movements:
            table.add((*head, t(MOVEMENT_TEXT[m.kind]), t(BY_TEXT[m.by]), None, None, None,
                       m.count, m.amount, m.amount_base))  # fmt: skip
        table.add((*head, t(CLOSING), None, r.end, None, None, None,
                   r.closing, r.closing_base))  # fmt: skip
        for i in r.open_items:
            table.add((*head, t(OPEN_TEXT[i.kind]), None, i.day, i.ref, _why_open(book, i),
                       None, i.amount, None))  # fmt: skip
        table.add((*head, t(UNEXPLAINED), None, r.end, None, None, None, r.unexplained, None))
    return table.finish()


def _why_open(book: ReportBook, item: OpenItem) -> str:
    """The payout and when it reaches the bank, the match and its state."""
    parts = []
    if item.payout_ref is not None and item.arrives is not None:
        arrives = book.translate("Report", IN_BANK)
        parts.append(f"{item.payout_ref}, {arrives} {item.arrives.isoformat()}")
    if item.match_id is not None and item.match_state is not None:
        parts.append(f"{item.match_id} {book.translate('Report', STATE_TEXT[item.match_state])}")
    elif item.kind in (OpenKind.DEPOSIT_AWAITING_VOUCHER, OpenKind.PAID_OUT_AWAITING_VOUCHER):
        parts.append(book.translate("Report", NOT_MATCHED))
    return "; ".join(parts) or book.translate("Report", NO_PAYOUT)
