"""Clearhaus-style acquirer settlement reports: one summary row per settlement, plus the
per-transaction lines when the export has them.

The Clearhaus Settlement resource carries `payout.{amount,date,reference_number,descriptor}`,
`summary.{sales,credits,refunds,chargebacks,fees,other_postings,net}` with deductions negative;
the dashboard's transaction export adds one line per card transaction. These rows are what the
importer reads and what the scenario generator writes, so a round trip can be tested.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Final

from econdesk.connectors.clearhaus.models import OtherPosting, Transfer
from econdesk.connectors.clearhaus.normalise import acquirer_items, reserve_payout
from econdesk.connectors.files.errors import FileImportError, Problems
from econdesk.connectors.files.numbers import AmountError, parse_amount
from econdesk.connectors.files.text import (
    Row,
    SourceFile,
    decode,
    normalise_header,
    read_rows,
    sniff_delimiter,
)
from econdesk.domain.model import ItemKind, Payout, PayoutKind, PlatformItem, make_ref
from econdesk.domain.money import Money, MoneyError, money_sum, normalise_currency
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say


@dataclass(frozen=True, slots=True)
class ClearhausSettlement:
    """One settlement: what was settled and what was paid out. Deductions are negative."""

    settlement_id: str  # uuid
    settled: date
    period_start: date
    period_end: date
    sales: Money
    credits: Money
    refunds: Money  # <= 0
    chargebacks: Money  # <= 0
    fees: Money  # <= 0
    other_postings: Money
    net: Money
    payout_amount: Money
    payout_date: date
    payout_reference: str
    payout_descriptor: str  # what the bank statement shows, e.g. "CH2400017 2026-03-05"
    # Withheld from this payout (payout = net - reserve); paid out on its own date, if given.
    reserve: Transfer | None = None

    @property
    def currency(self) -> str:
        return self.net.currency

    def other_postings_items(self) -> tuple[OtherPosting, ...]:
        """The summary's other postings as one posting (the export has only their total)."""
        if self.other_postings.is_zero():
            return ()
        return (OtherPosting(self.payout_date, "other postings", self.other_postings),)


@dataclass(frozen=True, slots=True)
class ClearhausTransactionLine:
    """One card transaction inside a settlement; `amount` signed, `fee` a deduction (<= 0)."""

    settlement_id: str
    transaction_id: str  # Clearhaus's id: the gateway's `acquirer_reference`
    reference: str  # the merchant reference the gateway sent (Frisbii's transaction id)
    type: str  # "sale", "refund", "chargeback"
    processed: date
    amount: Money
    fee: Money

    @property
    def currency(self) -> str:
        return self.amount.currency


# -- the CSV layouts ----------------------------------------------------------------------
# Comma separated, UTF-8, ISO dates, amounts in major units with a decimal point, deductions
# negative (as in the Settlement resource). The transaction export starts with merchant_id.
SUMMARY_COLUMNS: Final = (
    "settlement_id",
    "settled",
    "period_start",
    "period_end",
    "currency",
    "sales",
    "credits",
    "refunds",
    "chargebacks",
    "fees",
    "other_postings",
    "net",
    "payout_amount",
    "payout_date",
    "payout_reference",
    "payout_descriptor",
)
# Optional: a reserve withheld from the payout, as the Settlement resource's `reserve`.
RESERVE_COLUMNS: Final = (
    "reserve_amount",
    "reserve_date",
    "reserve_reference",
    "reserve_descriptor",
)
TRANSACTION_COLUMNS: Final = (
    "merchant_id",
    "settlement_id",
    "transaction_id",
    "reference",
    "type",
    "processed",
    "currency",
    "amount",
    "fee",
)
LINE_TYPES: Final = {
    "sale": ItemKind.PAYMENT,
    "refund": ItemKind.REFUND,
    "chargeback": ItemKind.CHARGEBACK,
    "credit": ItemKind.REFUND,
}
_DEDUCTIONS: Final = ("refunds", "chargebacks", "fees")


def _csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def settlements_csv(settlements: Iterable[ClearhausSettlement]) -> str:
    rows = list(settlements)
    reserves = any(s.reserve is not None for s in rows)
    return _csv_text(
        SUMMARY_COLUMNS + (RESERVE_COLUMNS if reserves else ()),
        (
            (
                s.settlement_id,
                s.settled.isoformat(),
                s.period_start.isoformat(),
                s.period_end.isoformat(),
                s.currency,
                s.sales.format(),
                s.credits.format(),
                s.refunds.format(),
                s.chargebacks.format(),
                s.fees.format(),
                s.other_postings.format(),
                s.net.format(),
                s.payout_amount.format(),
                s.payout_date.isoformat(),
                s.payout_reference,
                s.payout_descriptor,
                *(_reserve_cells(s.reserve) if reserves else ()),
            )
            for s in rows
        ),
    )


def _reserve_cells(reserve: Transfer | None) -> tuple[str, ...]:
    if reserve is None:
        return ("", "", "", "")
    return (
        reserve.amount.format(),
        reserve.date.isoformat() if reserve.date else "",
        reserve.reference_number or "",
        reserve.descriptor or "",
    )


def transactions_csv(lines: Iterable[ClearhausTransactionLine], merchant_id: str) -> str:
    return _csv_text(
        TRANSACTION_COLUMNS,
        (
            (
                merchant_id,
                line.settlement_id,
                line.transaction_id,
                line.reference,
                line.type,
                line.processed.isoformat(),
                line.currency,
                line.amount.format(),
                line.fee.format(),
            )
            for line in lines
        ),
    )


def write_clearhaus(
    settlements: Sequence[ClearhausSettlement],
    lines: Sequence[ClearhausTransactionLine],
    summary_path: Path,
    transactions_path: Path | None = None,
    merchant_id: str = "1000123",
) -> None:
    """Write the summary file (and the transaction file); each appears whole or not at all."""
    outputs = [(summary_path, settlements_csv(settlements))]
    if transactions_path is not None:
        outputs.append((transactions_path, transactions_csv(lines, merchant_id)))
    for path, text in outputs:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)


# -- reading ------------------------------------------------------------------------------
@dataclass(frozen=True)
class SettlementReport:
    settlements: tuple[ClearhausSettlement, ...]
    lines: tuple[ClearhausTransactionLine, ...] = ()

    def lines_of(self, settlement_id: str) -> tuple[ClearhausTransactionLine, ...]:
        return tuple(line for line in self.lines if line.settlement_id == settlement_id)

    def payouts(
        self, component_ref: Callable[[ClearhausTransactionLine], str] | None = None
    ) -> tuple[Payout, ...]:
        """Each settlement as a domain Payout (SETTLEMENT), its lines as components.

        `component_ref` names the item behind a line; by default the gateway's transaction
        (`frisbii:<reference>`), the ref the Frisbii connector gives the same payment.
        """
        name = component_ref or default_component_ref
        by_settlement: dict[str, list[ClearhausTransactionLine]] = {}
        for line in self.lines:
            by_settlement.setdefault(line.settlement_id, []).append(line)
        payouts: list[Payout] = []
        for s in self.settlements:
            lines = by_settlement.get(s.settlement_id, [])
            ref = make_ref("clearhaus", s.settlement_id)
            own = [i.ref for i in _own_items(s) if i.payout_ref == ref]
            payouts.append(
                Payout(
                    provider="clearhaus",
                    external_id=s.settlement_id,
                    kind=PayoutKind.SETTLEMENT,
                    amount=s.payout_amount,
                    arrival_date=s.payout_date,
                    created_at=None,
                    status="paid",
                    statement_descriptor=s.payout_descriptor,
                    gross=s.sales,
                    fees=-s.fees,
                    component_refs=tuple(name(line) for line in lines) + tuple(own)
                    if lines
                    else (),
                    has_breakdown=bool(lines),
                )
            )
            if s.reserve is not None and s.reserve.date is not None:
                payouts.append(reserve_payout(s.settlement_id, s.reserve))
        return tuple(payouts)

    def own_items(self) -> tuple[PlatformItem, ...]:
        """Each settlement's reserve and other postings as Clearhaus's own items."""
        return tuple(i for s in self.settlements for i in _own_items(s))

    def items(self, provider: str = "clearhaus") -> tuple[PlatformItem, ...]:
        """The lines as items of their own, for a merchant with no gateway connector."""
        return tuple(
            PlatformItem(
                provider=provider,
                external_id=line.transaction_id,
                kind=LINE_TYPES[line.type],
                amount=line.amount,
                occurred_at=datetime.combine(line.processed, time(12), tzinfo=UTC),
                fee=-line.fee,
                payout_ref=make_ref("clearhaus", line.settlement_id),
                references=(line.reference,) if line.reference else (),
            )
            for line in self.lines
        )


def _own_items(s: ClearhausSettlement) -> list[PlatformItem]:
    return acquirer_items(s.settlement_id, s.payout_date, s.reserve, s.other_postings_items())


def default_component_ref(line: ClearhausTransactionLine) -> str:
    return (
        make_ref("frisbii", line.reference)
        if line.reference
        else make_ref("clearhaus", line.transaction_id)
    )


class _CsvReader:
    """A header-checked, strictly typed reader for one of the two layouts."""

    def __init__(
        self,
        source: SourceFile,
        columns: Sequence[str],
        problems: Problems,
        optional: Sequence[str] = (),
    ) -> None:
        self.problems = problems
        self.source = source
        text, _ = decode(source)
        rows = read_rows(text, sniff_delimiter(text.splitlines()[:20]))
        if not rows:
            raise FileImportError.single(source.name, say(QT_TRANSLATE_NOOP("CLI", "is empty")))
        header = [normalise_header(c) for c in rows[0].cells]
        missing = [c for c in columns if c not in header]
        if missing:
            raise FileImportError.single(
                source.name,
                say(QT_TRANSLATE_NOOP("CLI", "lacks the columns {0}"), ", ".join(missing)),
                line=rows[0].line,
            )
        self.index = {c: header.index(c) for c in (*columns, *optional) if c in header}
        self.rows = rows[1:]

    def has(self, column: str) -> bool:
        return column in self.index

    def get(self, row: Row, column: str) -> str:
        i = self.index[column]
        return row.cells[i].strip() if i < len(row.cells) else ""

    def money(self, row: Row, column: str, currency: str) -> Money | None:
        value = self.get(row, column)
        try:
            return Money.of(parse_amount(value, "."), currency)
        except (AmountError, MoneyError):
            self.problems.add(
                say(QT_TRANSLATE_NOOP("CLI", "is not an amount")),
                line=row.line,
                column=column,
                value=value,
            )
            return None

    def day(self, row: Row, column: str) -> date | None:
        value = self.get(row, column)
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.problems.add(
                say(QT_TRANSLATE_NOOP("CLI", "is not a date (expected yyyy-mm-dd)")),
                line=row.line,
                column=column,
                value=value,
            )
            return None

    def currency(self, row: Row) -> str | None:
        value = self.get(row, "currency")
        try:
            return normalise_currency(value)
        except MoneyError:
            self.problems.add(
                say(QT_TRANSLATE_NOOP("CLI", "is not a currency code")),
                line=row.line,
                column="currency",
                value=value,
            )
            return None


def _summary_row(reader: _CsvReader, row: Row) -> ClearhausSettlement | None:
    problems = reader.problems
    before = len(problems.items)
    currency = reader.currency(row) or "DKK"
    money = {c: reader.money(row, c, currency) for c in SUMMARY_COLUMNS[5:13]}
    settled, start, end, paid = (
        reader.day(row, c) for c in ("settled", "period_start", "period_end", "payout_date")
    )
    settlement_id = reader.get(row, "settlement_id")
    if not settlement_id:
        problems.add(
            say(QT_TRANSLATE_NOOP("CLI", "is empty")),
            line=row.line,
            column="settlement_id",
            value="",
        )
    if len(problems.items) > before:
        return None
    assert settled and start and end and paid  # reported above when missing
    m = {k: v for k, v in money.items() if v is not None}
    for column in _DEDUCTIONS:
        if m[column].amount > 0:
            problems.add(
                say(QT_TRANSLATE_NOOP("CLI", "must be zero or negative (deductions are negative)")),
                line=row.line,
                column=column,
                value=m[column].format(),
            )
    parts = ("sales", "credits", "refunds", "chargebacks", "fees", "other_postings")
    total = money_sum((m[p] for p in parts), currency)
    if total != m["net"]:
        problems.add(
            say(
                QT_TRANSLATE_NOOP(
                    "CLI",
                    "is not the sum of sales, credits, refunds, chargebacks, fees and "
                    "other postings ({0})",
                ),
                total.format(),
            ),
            line=row.line,
            column="net",
            value=m["net"].format(),
        )
    reserve = _reserve(reader, row, currency)
    withheld = reserve.amount if reserve is not None else Money.zero(currency)
    if m["payout_amount"] != m["net"] - withheld:
        problems.add(
            say(QT_TRANSLATE_NOOP("CLI", "differs from net ({0})"), m["net"].format())
            if reserve is None
            else say(
                QT_TRANSLATE_NOOP("CLI", "is not net less the reserve ({0} - {1})"),
                m["net"].format(),
                withheld.format(),
            ),
            line=row.line,
            column="payout_amount",
            value=m["payout_amount"].format(),
        )
    return ClearhausSettlement(
        settlement_id=settlement_id,
        settled=settled,
        period_start=start,
        period_end=end,
        sales=m["sales"],
        credits=m["credits"],
        refunds=m["refunds"],
        chargebacks=m["chargebacks"],
        fees=m["fees"],
        other_postings=m["other_postings"],
        net=m["net"],
        payout_amount=m["payout_amount"],
        payout_date=paid,
        payout_reference=reader.get(row, "payout_reference"),
        payout_descriptor=reader.get(row, "payout_descriptor"),
        reserve=reserve,
    )


def _reserve(reader: _CsvReader, row: Row, currency: str) -> Transfer | None:
    """The optional reserve columns: none, or an amount withheld (> 0) and its date, if set."""
    if not reader.has("reserve_amount") or reader.get(row, "reserve_amount") in ("", "0", "0.00"):
        return None
    amount = reader.money(row, "reserve_amount", currency)
    paid = reader.day(row, "reserve_date") if reader.get(row, "reserve_date") else None
    if amount is None:
        return None
    if amount.is_negative() or amount.is_zero():
        reader.problems.add(
            say(QT_TRANSLATE_NOOP("CLI", "must be positive (the amount withheld)")),
            line=row.line,
            column="reserve_amount",
            value=amount.format(),
        )
        return None
    return Transfer(
        amount=amount,
        date=paid,
        reference_number=reader.get(row, "reserve_reference") or None,
        descriptor=reader.get(row, "reserve_descriptor") or None,
    )


def _transaction_row(reader: _CsvReader, row: Row) -> ClearhausTransactionLine | None:
    problems = reader.problems
    before = len(problems.items)
    currency = reader.currency(row) or "DKK"
    amount = reader.money(row, "amount", currency)
    fee = reader.money(row, "fee", currency)
    processed = reader.day(row, "processed")
    kind = reader.get(row, "type").lower()
    if kind not in LINE_TYPES:
        problems.add(
            say(QT_TRANSLATE_NOOP("CLI", "is not a transaction type ({0})"), ", ".join(LINE_TYPES)),
            line=row.line,
            column="type",
            value=reader.get(row, "type"),
        )
    if len(problems.items) > before or amount is None or fee is None or processed is None:
        return None
    if amount.is_negative() != (kind != "sale") and not amount.is_zero():
        problems.add(
            say(QT_TRANSLATE_NOOP("CLI", "has the wrong sign for a {0}"), kind),
            line=row.line,
            column="amount",
            value=amount.format(),
        )
    if fee.amount > 0:
        problems.add(
            say(QT_TRANSLATE_NOOP("CLI", "must be zero or negative (fees are deductions)")),
            line=row.line,
            column="fee",
            value=fee.format(),
        )
    return ClearhausTransactionLine(
        settlement_id=reader.get(row, "settlement_id"),
        transaction_id=reader.get(row, "transaction_id"),
        reference=reader.get(row, "reference"),
        type=kind,
        processed=processed,
        amount=amount,
        fee=fee,
    )


def _check_totals(
    settlement: ClearhausSettlement,
    lines: list[ClearhausTransactionLine],
    line_no: int,
    problems: Problems,
) -> None:
    """The transaction lines must add up to the summary, kind by kind."""
    currency = settlement.currency
    for column, kinds in (
        ("sales", ("sale",)),
        ("refunds", ("refund", "credit")),
        ("chargebacks", ("chargeback",)),
    ):
        total = money_sum((ln.amount for ln in lines if ln.type in kinds), currency)
        expected = getattr(settlement, column) + (
            settlement.credits if column == "refunds" else Money.zero(currency)
        )
        if total != expected:
            problems.add(
                say(
                    QT_TRANSLATE_NOOP("CLI", "is {0} but the transaction lines add up to {1}"),
                    expected.format(),
                    total.format(),
                ),
                line=line_no,
                column=column,
                value=getattr(settlement, column).format(),
            )
    fees = money_sum((ln.fee for ln in lines), currency)
    if fees != settlement.fees:
        problems.add(
            say(
                QT_TRANSLATE_NOOP("CLI", "is {0} but the transaction lines' fees add up to {1}"),
                settlement.fees.format(),
                fees.format(),
            ),
            line=line_no,
            column="fees",
            value=settlement.fees.format(),
        )


def read_clearhaus(
    summary: str | Path | SourceFile, transactions: str | Path | SourceFile | None = None
) -> SettlementReport:
    """Read a settlement summary file (and its transaction file): all of it or an error."""
    summary_src = summary if isinstance(summary, SourceFile) else SourceFile.read(summary)
    problems = Problems(summary_src.name)
    reader = _CsvReader(summary_src, SUMMARY_COLUMNS, problems, RESERVE_COLUMNS)
    settlements: dict[str, tuple[int, ClearhausSettlement]] = {}
    for row in reader.rows:
        settlement = _summary_row(reader, row)
        if settlement is None:
            continue
        if settlement.settlement_id in settlements:
            problems.add(
                say(
                    QT_TRANSLATE_NOOP("CLI", "repeats the settlement on line {0}"),
                    settlements[settlement.settlement_id][0],
                ),
                line=row.line,
                column="settlement_id",
                value=settlement.settlement_id,
            )
            continue
        settlements[settlement.settlement_id] = (row.line, settlement)
    lines: list[ClearhausTransactionLine] = []
    if transactions is not None:
        tx_src = (
            transactions if isinstance(transactions, SourceFile) else SourceFile.read(transactions)
        )
        tx_problems = Problems(tx_src.name)
        tx_reader = _CsvReader(tx_src, TRANSACTION_COLUMNS, tx_problems)
        for row in tx_reader.rows:
            line = _transaction_row(tx_reader, row)
            if line is None:
                continue
            if line.settlement_id not in settlements:
                tx_problems.add(
                    say(QT_TRANSLATE_NOOP("CLI", "is not a settlement in {0}"), summary_src.name),
                    line=row.line,
                    column="settlement_id",
                    value=line.settlement_id,
                )
                continue
            lines.append(line)
        problems.items.extend(tx_problems.items)
        grouped: dict[str, list[ClearhausTransactionLine]] = {}
        for line in lines:
            grouped.setdefault(line.settlement_id, []).append(line)
        for settlement_id, (line_no, settlement) in settlements.items():
            _check_totals(settlement, grouped.get(settlement_id, []), line_no, problems)
    problems.raise_if_any()
    return SettlementReport(tuple(s for _, s in settlements.values()), tuple(lines))
