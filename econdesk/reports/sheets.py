"""The report's list sheets: which columns each has, and how a domain row fills them.

Each writer streams its iterable into a `TableSheet` and feeds the `Tally` the Summary needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Final

from econdesk.domain.model import (
    BankEntry,
    ItemKind,
    MatchMethod,
    MatchState,
    PayoutKind,
    PlatformItem,
)
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.actions import CONTEXT as ACTIONS
from econdesk.i18n.actions import action_text
from econdesk.i18n.explain import explanation_text
from econdesk.reports.book import ReportBook
from econdesk.reports.data import AuditRow, MatchRow, PayoutRow, VoucherRow, VoucherStatus
from econdesk.reports.table import Column, Kind, TableResult, TableSheet
from econdesk.reports.tally import Tally, age_bucket, age_in_days

REF = 24  # width for references such as stripe:po_1Pgc79B7WZ01zgkWu1KToYf4 (cut, not wrapped)
AMOUNT = 18  # room for a bold total such as 12,345,678.90 DKK
# The Matches sheet prints two landscape pages wide at (nearly) full size: its columns are as
# narrow as their contents allow, and its long texts wrap.
MATCH_AMOUNT = 16

# Match states and methods as the report names them.
STATE_TEXT: Final = {
    MatchState.PROPOSED: QT_TRANSLATE_NOOP("Report", "proposed"),
    MatchState.APPROVED: QT_TRANSLATE_NOOP("Report", "approved"),
    MatchState.REJECTED: QT_TRANSLATE_NOOP("Report", "rejected"),
    MatchState.PARKED: QT_TRANSLATE_NOOP("Report", "parked"),
    MatchState.POSTED: QT_TRANSLATE_NOOP("Report", "posted"),
    MatchState.WITHDRAWN: QT_TRANSLATE_NOOP("Report", "withdrawn"),
}
METHOD_TEXT: Final = {
    MatchMethod.REFERENCE: QT_TRANSLATE_NOOP("Report", "reference"),
    MatchMethod.PAYOUT: QT_TRANSLATE_NOOP("Report", "payout"),
    MatchMethod.ONE_TO_ONE: QT_TRANSLATE_NOOP("Report", "one_to_one"),
    MatchMethod.SUBSET: QT_TRANSLATE_NOOP("Report", "subset"),
    MatchMethod.LEARNED: QT_TRANSLATE_NOOP("Report", "learned"),
    MatchMethod.MANUAL: QT_TRANSLATE_NOOP("Report", "manual"),
}

# Where a posted voucher stands (a reversed one stays in the books beside its reversal).
VOUCHER_STATUS_TEXT: Final = {
    VoucherStatus.POSTED: QT_TRANSLATE_NOOP("Report", "posted"),
    VoucherStatus.REPOSTED: QT_TRANSLATE_NOOP("Report", "posted again"),
    VoucherStatus.REVERSED: QT_TRANSLATE_NOOP("Report", "reversed"),
    VoucherStatus.REVERSAL: QT_TRANSLATE_NOOP("Report", "reversal"),
}

# Payout and item kinds, and the payout statuses the platforms report, as the report names them
# (a status not listed is shown as the platform says it).
KIND_TEXT: Final = {
    PayoutKind.PAYOUT: QT_TRANSLATE_NOOP("Report", "payout"),
    PayoutKind.SETTLEMENT: QT_TRANSLATE_NOOP("Report", "settlement"),
    ItemKind.PAYMENT: QT_TRANSLATE_NOOP("Report", "payment"),
    ItemKind.REFUND: QT_TRANSLATE_NOOP("Report", "refund"),
    ItemKind.CHARGEBACK: QT_TRANSLATE_NOOP("Report", "chargeback"),
    ItemKind.FEE: QT_TRANSLATE_NOOP("Report", "fee"),
    ItemKind.ADJUSTMENT: QT_TRANSLATE_NOOP("Report", "adjustment"),
    ItemKind.INVOICE: QT_TRANSLATE_NOOP("Report", "open invoice"),
}
PAYOUT_STATUS_TEXT: Final = {
    "paid": QT_TRANSLATE_NOOP("Report", "paid"),
    "pending": QT_TRANSLATE_NOOP("Report", "pending"),
    "in_transit": QT_TRANSLATE_NOOP("Report", "in transit"),
    "canceled": QT_TRANSLATE_NOOP("Report", "cancelled"),
    "failed": QT_TRANSLATE_NOOP("Report", "failed"),
}

MATCH_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Report", "Match"), Kind.CODE, 12),
    Column(QT_TRANSLATE_NOOP("Report", "State"), Kind.CODE, 10),
    Column(QT_TRANSLATE_NOOP("Report", "Method"), Kind.CODE, 10),
    Column(QT_TRANSLATE_NOOP("Report", "Score"), Kind.SCORE, 6),
    Column(QT_TRANSLATE_NOOP("Report", "Auto"), Kind.FLAG, 5),
    Column(QT_TRANSLATE_NOOP("Report", "Bank date"), Kind.DATE, 11),
    Column(QT_TRANSLATE_NOOP("Report", "Bank entries"), Kind.TEXT, 16, wrap=True),
    Column(QT_TRANSLATE_NOOP("Report", "Bank text"), Kind.TEXT, 22, wrap=True),
    Column(QT_TRANSLATE_NOOP("Report", "Items"), Kind.TEXT, 18, wrap=True),
    Column(QT_TRANSLATE_NOOP("Report", "Components"), Kind.INTEGER, 9),
    Column(QT_TRANSLATE_NOOP("Report", "Currency"), Kind.CURRENCY, 8),
    Column(QT_TRANSLATE_NOOP("Report", "Bank amount"), Kind.MONEY, MATCH_AMOUNT, total=True),
    Column(QT_TRANSLATE_NOOP("Report", "Items net"), Kind.MONEY, MATCH_AMOUNT, total=True),
    Column(QT_TRANSLATE_NOOP("Report", "Fees inferred"), Kind.MONEY, 13, total=True),
    Column(QT_TRANSLATE_NOOP("Report", "Difference"), Kind.MONEY, 13, total=True),
    Column(QT_TRANSLATE_NOOP("Report", "Explanation"), Kind.TEXT, 40, wrap=True),
    Column(QT_TRANSLATE_NOOP("Report", "Journal"), Kind.INTEGER, 8),
    Column(QT_TRANSLATE_NOOP("Report", "Year"), Kind.CODE, 9),
    Column(QT_TRANSLATE_NOOP("Report", "Voucher no."), Kind.INTEGER, 10),
    Column(QT_TRANSLATE_NOOP("Report", "Note"), Kind.TEXT, 16, wrap=True),
)

PAYOUT_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Report", "Payout"), Kind.TEXT, 30),
    Column(QT_TRANSLATE_NOOP("Report", "Provider"), Kind.CODE, 10),
    Column(QT_TRANSLATE_NOOP("Report", "Kind"), Kind.CODE, 10),
    Column(QT_TRANSLATE_NOOP("Report", "Arrival date"), Kind.DATE, 11),
    Column(QT_TRANSLATE_NOOP("Report", "Status"), Kind.CODE, 9),
    Column(QT_TRANSLATE_NOOP("Report", "Descriptor"), Kind.TEXT, 22),
    Column(QT_TRANSLATE_NOOP("Report", "Items"), Kind.INTEGER, 7),
    Column(QT_TRANSLATE_NOOP("Report", "Currency"), Kind.CURRENCY, 9),
    Column(QT_TRANSLATE_NOOP("Report", "Gross"), Kind.MONEY, AMOUNT, total=True),
    Column(QT_TRANSLATE_NOOP("Report", "Refunds"), Kind.MONEY, AMOUNT, total=True),
    Column(QT_TRANSLATE_NOOP("Report", "Chargebacks"), Kind.MONEY, AMOUNT, total=True),
    Column(QT_TRANSLATE_NOOP("Report", "Fees"), Kind.MONEY, AMOUNT, total=True),
    Column(QT_TRANSLATE_NOOP("Report", "Adjustments"), Kind.MONEY, AMOUNT, total=True),
    Column(QT_TRANSLATE_NOOP("Report", "Net"), Kind.MONEY, AMOUNT, total=True),
    Column(QT_TRANSLATE_NOOP("Report", "Payout amount"), Kind.MONEY, AMOUNT, total=True),
    Column(QT_TRANSLATE_NOOP("Report", "Bank amount"), Kind.MONEY, AMOUNT, total=True),
    Column(QT_TRANSLATE_NOOP("Report", "Difference"), Kind.MONEY, AMOUNT, total=True),
    Column(QT_TRANSLATE_NOOP("Report", "Bank entry"), Kind.TEXT, 18),
    Column(QT_TRANSLATE_NOOP("Report", "Bank date"), Kind.DATE, 11),
    Column(QT_TRANSLATE_NOOP("Report", "Match"), Kind.CODE, 11),
    Column(QT_TRANSLATE_NOOP("Report", "Match state"), Kind.CODE, 11),
)

OPEN_BANK_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Report", "Entry"), Kind.TEXT, 20),
    Column(QT_TRANSLATE_NOOP("Report", "Date"), Kind.DATE, 11),
    Column(QT_TRANSLATE_NOOP("Report", "Age (days)"), Kind.INTEGER, 9),
    Column(QT_TRANSLATE_NOOP("Report", "Age"), Kind.CODE, 12),
    Column(QT_TRANSLATE_NOOP("Report", "Text"), Kind.TEXT, 32, wrap=True),
    Column(QT_TRANSLATE_NOOP("Report", "Counterparty"), Kind.TEXT, 18, wrap=True),
    Column(QT_TRANSLATE_NOOP("Report", "Bank reference"), Kind.TEXT, 20),
    Column(QT_TRANSLATE_NOOP("Report", "Voucher no."), Kind.INTEGER, 11),
    Column(QT_TRANSLATE_NOOP("Report", "Entry type"), Kind.TEXT, 14),
    Column(QT_TRANSLATE_NOOP("Report", "Currency"), Kind.CURRENCY, 9),
    Column(QT_TRANSLATE_NOOP("Report", "Amount"), Kind.MONEY, AMOUNT, total=True),
    Column(QT_TRANSLATE_NOOP("Report", "Base amount"), Kind.MONEY, AMOUNT),
)

OPEN_ITEM_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Report", "Item"), Kind.TEXT, 30),
    Column(QT_TRANSLATE_NOOP("Report", "Provider"), Kind.CODE, 10),
    Column(QT_TRANSLATE_NOOP("Report", "Kind"), Kind.CODE, 11),
    Column(QT_TRANSLATE_NOOP("Report", "Date"), Kind.DATE, 11),
    Column(QT_TRANSLATE_NOOP("Report", "Age (days)"), Kind.INTEGER, 9),
    Column(QT_TRANSLATE_NOOP("Report", "Age"), Kind.CODE, 12),
    Column(QT_TRANSLATE_NOOP("Report", "Customer"), Kind.TEXT, 24, wrap=True),
    Column(QT_TRANSLATE_NOOP("Report", "Invoice"), Kind.TEXT, 14),
    Column(QT_TRANSLATE_NOOP("Report", "Payout"), Kind.TEXT, REF),
    Column(QT_TRANSLATE_NOOP("Report", "Plan"), Kind.TEXT, 14),
    Column(QT_TRANSLATE_NOOP("Report", "Description"), Kind.TEXT, 30, wrap=True),
    Column(QT_TRANSLATE_NOOP("Report", "Currency"), Kind.CURRENCY, 9),
    Column(QT_TRANSLATE_NOOP("Report", "Amount"), Kind.MONEY, AMOUNT, total=True),
    Column(QT_TRANSLATE_NOOP("Report", "Fee"), Kind.MONEY, AMOUNT, total=True),
    Column(QT_TRANSLATE_NOOP("Report", "Net"), Kind.MONEY, AMOUNT, total=True),
)

VOUCHER_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Report", "Journal"), Kind.INTEGER, 8),
    Column(QT_TRANSLATE_NOOP("Report", "Year"), Kind.CODE, 10),
    Column(QT_TRANSLATE_NOOP("Report", "Voucher no."), Kind.INTEGER, 11),
    Column(QT_TRANSLATE_NOOP("Report", "Date"), Kind.DATE, 11),
    Column(QT_TRANSLATE_NOOP("Report", "Match"), Kind.CODE, 11),
    Column(QT_TRANSLATE_NOOP("Report", "Bank entries"), Kind.TEXT, REF),
    Column(QT_TRANSLATE_NOOP("Report", "Text"), Kind.TEXT, 40, wrap=True),
    Column(QT_TRANSLATE_NOOP("Report", "Lines"), Kind.INTEGER, 6),
    Column(QT_TRANSLATE_NOOP("Report", "Booked"), Kind.FLAG, 8),
    Column(QT_TRANSLATE_NOOP("Report", "Posted at"), Kind.DATETIME, 19),
    Column(QT_TRANSLATE_NOOP("Report", "Posted by"), Kind.TEXT, 14),
    Column(QT_TRANSLATE_NOOP("Report", "Status"), Kind.CODE, 12),
    # a reversed voucher: the one reversing it; a reversal: the one(s) it reverses
    Column(QT_TRANSLATE_NOOP("Report", "Reversed by / reverses"), Kind.CODE, 14),
    Column(QT_TRANSLATE_NOOP("Report", "Reason"), Kind.TEXT, 30, wrap=True),
    Column(QT_TRANSLATE_NOOP("Report", "Currency"), Kind.CURRENCY, 9),
    Column(QT_TRANSLATE_NOOP("Report", "Amount"), Kind.MONEY, AMOUNT, total=True),
)

AUDIT_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Report", "No."), Kind.INTEGER, 8),
    Column(QT_TRANSLATE_NOOP("Report", "Time"), Kind.DATETIME, 19),
    Column(QT_TRANSLATE_NOOP("Report", "Actor"), Kind.TEXT, 14),
    Column(QT_TRANSLATE_NOOP("Report", "Action"), Kind.TEXT, 20, wrap=True),
    Column(QT_TRANSLATE_NOOP("Report", "Subject"), Kind.TEXT, REF, wrap=True),
    Column(QT_TRANSLATE_NOOP("Report", "Detail"), Kind.TEXT, 44, wrap=True),
    Column(QT_TRANSLATE_NOOP("Report", "Hash"), Kind.CODE, 34, wrap=True),  # 64 hex digits: 2 lines
)


def write_matches(book: ReportBook, rows: Iterable[MatchRow], tally: Tally) -> TableResult:
    """Bank amount = items net + fees inferred (negative) + difference, on every row."""
    table = TableSheet(book, QT_TRANSLATE_NOOP("Report", "Matches"), MATCH_COLUMNS)
    for row in rows:
        m = row.match
        entries = row.bank_entries
        voucher = m.voucher
        inferred = m.inferred_fee
        items_net = m.amount - m.difference if m.difference else m.amount
        if inferred is not None:
            items_net = items_net + inferred
        if len(entries) == 1:  # the common case, without the generators below
            first_day: date | None = entries[0].entry_date
            bank_text = entries[0].text
        else:
            first_day = min((e.entry_date for e in entries), default=None)
            bank_text = " | ".join(e.text for e in entries if e.text)
        table.add(
            (
                m.id,
                book.translate("Report", STATE_TEXT[m.state]),
                book.translate("Report", METHOD_TEXT[m.method]),
                m.score,
                m.auto,
                first_day,
                ", ".join(m.bank_refs),
                bank_text,
                ", ".join(m.item_refs),
                len(m.component_refs) or None,
                m.currency,
                m.amount,
                items_net,
                -inferred if inferred is not None else None,
                m.difference,
                explanation_text(m.explanation, book.language),
                voucher.journal if voucher else None,
                voucher.year if voucher else None,
                voucher.number if voucher else None,
                m.note or None,
            )
        )
        tally.add_match(m.state, m.amount, m.difference, len(m.bank_refs), len(m.item_refs))
    return table.finish()


def write_payouts(book: ReportBook, rows: Iterable[PayoutRow], tally: Tally) -> TableResult:
    table = TableSheet(book, QT_TRANSLATE_NOOP("Report", "Payouts"), PAYOUT_COLUMNS)
    for row in rows:
        p = row.payout
        b = row.breakdown
        bank = row.bank_entry
        # A bank entry in another currency cannot be totalled with the payout's: shown by ref.
        same_currency = bank is not None and bank.amount.currency == p.currency
        difference = row.difference
        table.add(
            (
                p.ref,
                p.provider,
                book.translate("Report", KIND_TEXT[p.kind]),
                p.arrival_date,
                book.translate("Report", PAYOUT_STATUS_TEXT.get(p.status, p.status)),
                p.statement_descriptor,
                b.item_count if b and b.item_count else None,
                p.currency,
                b.gross if b else None,
                b.refunds if b else None,
                b.chargebacks if b else None,
                b.fees if b else None,
                b.adjustments if b else None,
                b.net if b else None,
                p.amount,
                bank.amount if bank is not None and same_currency else None,
                difference,
                bank.ref if bank else None,
                bank.entry_date if bank else None,
                row.match_id,
                book.translate("Report", STATE_TEXT[row.match_state]) if row.match_state else None,
            )
        )
        tally.payouts += 1
        if bank is None:
            tally.payouts_without_bank_entry += 1
        elif difference is None or not difference.is_zero():
            tally.payouts_not_explained += 1
    return table.finish()


def write_open_bank(
    book: ReportBook, entries: Iterable[BankEntry], tally: Tally, as_of: date
) -> TableResult:
    table = TableSheet(book, QT_TRANSLATE_NOOP("Report", "Open bank entries"), OPEN_BANK_COLUMNS)
    for e in entries:
        age = age_in_days(e.entry_date, as_of)
        bucket = age_bucket(age)
        table.add(
            (
                e.ref,
                e.entry_date,
                age,
                book.translate("Report", bucket),
                e.text,
                e.counterparty,
                e.bank_reference,
                e.voucher_number,
                e.entry_type,
                e.amount.currency,
                e.amount,
                e.amount_base,
            )
        )
        tally.add_open_bank(bucket, e.amount)
    return table.finish()


def write_open_items(
    book: ReportBook, items: Iterable[PlatformItem], tally: Tally, as_of: date
) -> TableResult:
    table = TableSheet(book, QT_TRANSLATE_NOOP("Report", "Open platform items"), OPEN_ITEM_COLUMNS)
    for i in items:
        day = book.local(i.occurred_at).date()
        age = age_in_days(day, as_of)
        bucket = age_bucket(age)
        table.add(
            (
                i.ref,
                i.provider,
                book.translate("Report", KIND_TEXT[i.kind]),
                day,
                age,
                book.translate("Report", bucket),
                i.customer_name or i.customer_id,
                i.invoice_ref,
                i.payout_ref,
                i.plan,
                i.description,
                i.currency,
                i.amount,
                i.fee_or_zero,
                i.net,
            )
        )
        tally.add_open_item(bucket, i.amount)
    return table.finish()


def write_vouchers(book: ReportBook, rows: Iterable[VoucherRow], tally: Tally) -> TableResult:
    table = TableSheet(book, QT_TRANSLATE_NOOP("Report", "Vouchers posted"), VOUCHER_COLUMNS)
    for v in rows:
        table.add(
            (
                v.voucher.journal,
                v.voucher.year,
                v.voucher.number,
                v.entry_date,
                v.match_id,
                ", ".join(v.bank_refs),
                v.text,
                v.line_count,
                v.booked,
                v.posted_at,
                v.posted_by,
                book.translate("Report", VOUCHER_STATUS_TEXT[v.status]),
                ", ".join(str(r.number) for r in v.related) or None,
                v.reason,
                v.amount.currency,
                v.amount,
            )
        )
        tally.add_voucher(v.amount)
    return table.finish()


def write_audit(book: ReportBook, rows: Iterable[AuditRow], tally: Tally) -> TableResult:
    table = TableSheet(book, QT_TRANSLATE_NOOP("Report", "Audit trail"), AUDIT_COLUMNS)
    for a in rows:
        action = book.translate(ACTIONS, action_text(a.action))
        table.add((a.sequence, a.at, a.actor, action, a.subject, a.detail, a.hash))
        tally.audit_events += 1
        tally.audit_head = (a.sequence, a.hash)
    return table.finish()
