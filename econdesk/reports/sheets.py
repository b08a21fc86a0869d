"""The report's list sheets: which columns each has, and how a domain row fills them.

Each writer streams its iterable into a `TableSheet` and feeds the `Tally` the Summary needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from econdesk.domain.model import BankEntry, ExplanationTerm, PlatformItem
from econdesk.reports.book import ReportBook
from econdesk.reports.data import AuditRow, MatchRow, PayoutRow, VoucherRow
from econdesk.reports.table import Column, Kind, TableResult, TableSheet
from econdesk.reports.tally import Tally, age_bucket, age_in_days

REF = 24  # width for references such as stripe:po_1Pgc79B7WZ01zgkWu1KToYf4 (cut, not wrapped)
AMOUNT = 18  # room for a bold total such as 12,345,678.90 DKK

MATCH_COLUMNS = (
    Column("Match", Kind.CODE, 11),
    Column("State", Kind.CODE, 10),
    Column("Method", Kind.CODE, 11),
    Column("Score", Kind.SCORE, 7),
    Column("Auto", Kind.FLAG, 6),
    Column("Bank date", Kind.DATE, 11),
    Column("Bank entries", Kind.TEXT, REF),
    Column("Bank text", Kind.TEXT, 36),
    Column("Items", Kind.TEXT, 30),
    Column("Components", Kind.INTEGER, 12),
    Column("Currency", Kind.CURRENCY, 9),
    Column("Bank amount", Kind.MONEY, AMOUNT, total=True),
    Column("Items net", Kind.MONEY, AMOUNT, total=True),
    Column("Fees inferred", Kind.MONEY, AMOUNT, total=True),
    Column("Difference", Kind.MONEY, AMOUNT, total=True),
    Column("Explanation", Kind.TEXT, 60),
    Column("Journal", Kind.INTEGER, 8),
    Column("Year", Kind.CODE, 9),
    Column("Voucher no.", Kind.INTEGER, 11),
    Column("Note", Kind.TEXT, 30),
)

PAYOUT_COLUMNS = (
    Column("Payout", Kind.TEXT, 30),
    Column("Provider", Kind.CODE, 10),
    Column("Kind", Kind.CODE, 10),
    Column("Arrival date", Kind.DATE, 11),
    Column("Status", Kind.CODE, 9),
    Column("Descriptor", Kind.TEXT, 22),
    Column("Items", Kind.INTEGER, 7),
    Column("Currency", Kind.CURRENCY, 9),
    Column("Gross", Kind.MONEY, AMOUNT, total=True),
    Column("Refunds", Kind.MONEY, AMOUNT, total=True),
    Column("Chargebacks", Kind.MONEY, AMOUNT, total=True),
    Column("Fees", Kind.MONEY, AMOUNT, total=True),
    Column("Adjustments", Kind.MONEY, AMOUNT, total=True),
    Column("Net", Kind.MONEY, AMOUNT, total=True),
    Column("Payout amount", Kind.MONEY, AMOUNT, total=True),
    Column("Bank amount", Kind.MONEY, AMOUNT, total=True),
    Column("Difference", Kind.MONEY, AMOUNT, total=True),
    Column("Bank entry", Kind.TEXT, 18),
    Column("Bank date", Kind.DATE, 11),
    Column("Match", Kind.CODE, 11),
    Column("Match state", Kind.CODE, 11),
)

OPEN_BANK_COLUMNS = (
    Column("Entry", Kind.TEXT, 20),
    Column("Date", Kind.DATE, 11),
    Column("Age (days)", Kind.INTEGER, 9),
    Column("Age", Kind.CODE, 12),
    Column("Text", Kind.TEXT, 40),
    Column("Counterparty", Kind.TEXT, 22),
    Column("Bank reference", Kind.TEXT, 20),
    Column("Voucher no.", Kind.INTEGER, 11),
    Column("Entry type", Kind.TEXT, 14),
    Column("Currency", Kind.CURRENCY, 9),
    Column("Amount", Kind.MONEY, AMOUNT, total=True),
    Column("Base amount", Kind.MONEY, AMOUNT),
)

OPEN_ITEM_COLUMNS = (
    Column("Item", Kind.TEXT, 30),
    Column("Provider", Kind.CODE, 10),
    Column("Kind", Kind.CODE, 11),
    Column("Date", Kind.DATE, 11),
    Column("Age (days)", Kind.INTEGER, 9),
    Column("Age", Kind.CODE, 12),
    Column("Customer", Kind.TEXT, 24),
    Column("Invoice", Kind.TEXT, 14),
    Column("Payout", Kind.TEXT, REF),
    Column("Plan", Kind.TEXT, 14),
    Column("Description", Kind.TEXT, 30),
    Column("Currency", Kind.CURRENCY, 9),
    Column("Amount", Kind.MONEY, AMOUNT, total=True),
    Column("Fee", Kind.MONEY, AMOUNT, total=True),
    Column("Net", Kind.MONEY, AMOUNT, total=True),
)

VOUCHER_COLUMNS = (
    Column("Journal", Kind.INTEGER, 8),
    Column("Year", Kind.CODE, 10),
    Column("Voucher no.", Kind.INTEGER, 11),
    Column("Date", Kind.DATE, 11),
    Column("Match", Kind.CODE, 11),
    Column("Bank entries", Kind.TEXT, REF),
    Column("Text", Kind.TEXT, 40),
    Column("Lines", Kind.INTEGER, 6),
    Column("Booked", Kind.FLAG, 8),
    Column("Posted at", Kind.DATETIME, 19),
    Column("Currency", Kind.CURRENCY, 9),
    Column("Amount", Kind.MONEY, AMOUNT, total=True),
)

AUDIT_COLUMNS = (
    Column("No.", Kind.INTEGER, 8),
    Column("Time", Kind.DATETIME, 19),
    Column("Actor", Kind.TEXT, 14),
    Column("Action", Kind.CODE, 20),
    Column("Subject", Kind.TEXT, REF),
    Column("Detail", Kind.TEXT, 70),
    Column("Hash", Kind.CODE, 20),
)


def explanation_text(terms: Iterable[ExplanationTerm]) -> str:
    return "; ".join([f"{t.term} {t.weight:+.2f}: {t.detail}" for t in terms])


def write_matches(book: ReportBook, rows: Iterable[MatchRow], tally: Tally) -> TableResult:
    """Bank amount = items net + fees inferred (negative) + difference, on every row."""
    table = TableSheet(book, "Matches", MATCH_COLUMNS)
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
                m.state.value,
                m.method.value,
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
                explanation_text(m.explanation),
                voucher.journal if voucher else None,
                voucher.year if voucher else None,
                voucher.number if voucher else None,
                m.note or None,
            )
        )
        tally.add_match(m.state, m.amount, m.difference, len(m.bank_refs), len(m.item_refs))
    return table.finish()


def write_payouts(book: ReportBook, rows: Iterable[PayoutRow], tally: Tally) -> TableResult:
    table = TableSheet(book, "Payouts", PAYOUT_COLUMNS)
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
                p.kind.value,
                p.arrival_date,
                p.status,
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
                row.match_state.value if row.match_state else None,
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
    table = TableSheet(book, "Open bank entries", OPEN_BANK_COLUMNS)
    for e in entries:
        age = age_in_days(e.entry_date, as_of)
        bucket = age_bucket(age)
        table.add(
            (
                e.ref,
                e.entry_date,
                age,
                bucket,
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
    table = TableSheet(book, "Open platform items", OPEN_ITEM_COLUMNS)
    for i in items:
        day = book.local(i.occurred_at).date()
        age = age_in_days(day, as_of)
        bucket = age_bucket(age)
        table.add(
            (
                i.ref,
                i.provider,
                i.kind.value,
                day,
                age,
                bucket,
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
    table = TableSheet(book, "Vouchers posted", VOUCHER_COLUMNS)
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
                v.amount.currency,
                v.amount,
            )
        )
        tally.add_voucher(v.amount)
    return table.finish()


def write_audit(book: ReportBook, rows: Iterable[AuditRow], tally: Tally) -> TableResult:
    table = TableSheet(book, "Audit trail", AUDIT_COLUMNS)
    for a in rows:
        table.add((a.sequence, a.at, a.actor, a.action, a.subject, a.detail, a.hash))
        tally.audit_events += 1
        tally.audit_head = (a.sequence, a.hash)
    return table.finish()
