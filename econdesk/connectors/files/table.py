"""Apply a ColumnMapping to a CSV file: every row parsed and checked before any is returned.

The result is a list of `Record`s (date, signed amount, text, reference, …) that the bank
and settlement importers turn into domain objects. Every bad cell becomes a FileProblem
with its line, column and value; one FileImportError carries them all.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from econdesk.connectors.files.errors import FileImportError, Problems
from econdesk.connectors.files.mapping import ColumnMapping
from econdesk.connectors.files.numbers import (
    DATE_FORMATS,
    AmountError,
    detect_date_format,
    detect_decimal_mark,
    parse_amount,
    parse_date,
)
from econdesk.connectors.files.text import (
    Row,
    SourceFile,
    decode,
    normalise_header,
    read_rows,
    sniff_delimiter,
)
from econdesk.domain.money import MoneyError, currency_exponent, normalise_currency
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

_AMOUNT_ROLES = ("amount", "credit", "debit", "fee", "balance")
_TEXT_ROLES = ("text", "reference", "counterparty", "payout_reference", "kind", "status")


@dataclass(frozen=True, slots=True)
class Record:
    line: int
    date: dt.date
    amount: Decimal  # signed: money in (or a sale) is positive
    currency: str
    text: str = ""
    reference: str | None = None
    counterparty: str | None = None
    fee: Decimal | None = None  # what was kept, as a non-negative number
    payout_reference: str | None = None
    kind: str | None = None  # after `kind_values`, else the file's own word
    value_date: dt.date | None = None
    balance: Decimal | None = None


@dataclass(frozen=True, slots=True)
class ParsedFile:
    name: str
    encoding: str
    delimiter: str
    header: tuple[str, ...] | None
    decimal_mark: str
    date_format: str
    records: tuple[Record, ...]
    skipped: tuple[tuple[int, str], ...] = ()  # (line, why): rows deliberately not imported


def human_date_format(fmt: str) -> str:
    """'%d.%m.%Y' -> 'dd.mm.yyyy' for messages."""
    for code, text in (("%d", "dd"), ("%m", "mm"), ("%Y", "yyyy"), ("%y", "yy")):
        fmt = fmt.replace(code, text)
    return fmt


class _Columns:
    """Role -> column indexes, resolved against the header (or '#n' positions).

    A column may be given as alternatives, "Betalingsident|End2end": the first non-empty
    of them is the value (a payment id when there is one, else the end-to-end id).
    """

    def __init__(self, mapping: ColumnMapping, header: Row | None, problems: Problems) -> None:
        self.index: dict[str, tuple[int, ...]] = {}
        self.label: dict[str, str] = {}
        names = [normalise_header(h) for h in header.cells] if header else []
        for role, spec in mapping.columns().items():
            found: list[int] = []
            for column in spec.split("|"):
                position = self._resolve(column, names, header, role, problems)
                if position is not None:
                    found.append(position)
            if found:
                self.index[role] = tuple(found)
                first = found[0]
                has_name = header is not None and first < len(header.cells)
                label = header.cells[first].strip() if header is not None and has_name else ""
                self.label[role] = label or f"column {first + 1}"

    @staticmethod
    def _resolve(
        column: str, names: list[str], header: Row | None, role: str, problems: Problems
    ) -> int | None:
        if column.startswith("#") and column[1:].isdigit() and int(column[1:]) >= 1:
            return int(column[1:]) - 1
        wanted = normalise_header(column)
        if wanted in names:
            return names.index(wanted)
        if header is None:
            problems.add(
                say(
                    QT_TRANSLATE_NOOP(
                        "CLI",
                        'cannot name column "{0}" in a file without a header; '
                        'use its position, e.g. "#3"',
                    ),
                    column,
                )
            )
        else:
            shown = ", ".join(f'"{h.strip()}"' for h in header.cells if h.strip())
            problems.add(
                say(
                    QT_TRANSLATE_NOOP(
                        "CLI", 'has no column "{0}" (for the {1}); its columns are {2}'
                    ),
                    column,
                    role.replace("_", " "),
                    shown,
                ),
                line=header.line,
            )
        return None

    def cell(self, row: Row, role: str) -> str | None:
        """The stripped value; "" when present but empty; None when the row is too short."""
        result: str | None = None
        for i in self.index.get(role, ()):
            if i < len(row.cells):
                value = row.cells[i].strip()
                if value:
                    return value
                result = ""
        return result


def _pick_date_format(values: list[str]) -> str:
    fmt = detect_date_format(values)
    if fmt is not None:
        return fmt
    # Not one format fits all: take the one most values fit; the rest are reported.
    scores: Counter[str] = Counter()
    for fmt in DATE_FORMATS:
        for value in values[:200]:
            try:
                parse_date(value, fmt)
                scores[fmt] += 1
            except ValueError:
                pass
    return scores.most_common(1)[0][0] if scores else DATE_FORMATS[0]


def parse_csv(source: SourceFile, mapping: ColumnMapping) -> ParsedFile:
    """Parse the whole file against `mapping`; raise FileImportError on any bad cell."""
    problems = Problems(source.name)
    text, encoding = decode(source, mapping.encoding)
    lines = text.splitlines(keepends=True)
    body = "".join(lines[mapping.skip_lines :])
    delimiter = mapping.delimiter
    if delimiter == "auto":
        delimiter = sniff_delimiter(lines[mapping.skip_lines : mapping.skip_lines + 20])
    try:
        rows = [Row(r.line + mapping.skip_lines, r.cells) for r in read_rows(body, delimiter)]
    except ValueError as exc:
        raise FileImportError.single(
            source.name, say(QT_TRANSLATE_NOOP("CLI", "is not a readable CSV file ({0})"), exc)
        ) from exc
    header = rows.pop(0) if mapping.header and rows else None
    if mapping.header and header is None:
        raise FileImportError.single(source.name, say(QT_TRANSLATE_NOOP("CLI", "is empty")))
    columns = _Columns(mapping, header, problems)
    problems.raise_if_any()

    data: list[Row] = []
    skipped: list[tuple[int, str]] = []
    for row in rows:
        status = columns.cell(row, "status")
        when = columns.cell(row, "date")
        if (status and status in mapping.skip_statuses) or (when in mapping.skip_statuses):
            skipped.append((row.line, f"not booked yet ({status or when})"))
        else:
            data.append(row)

    decimal_mark = mapping.decimal_mark
    if decimal_mark == "auto":
        values = [v for row in data for role in _AMOUNT_ROLES if (v := columns.cell(row, role))]
        decimal_mark = detect_decimal_mark(values) or ","
    date_format = mapping.date_format
    if date_format == "auto":
        date_format = _pick_date_format([v for row in data if (v := columns.cell(row, "date"))])

    parser = _RowParser(mapping, columns, problems, decimal_mark, date_format)
    records = [record for row in data if (record := parser.parse(row)) is not None]
    problems.raise_if_any()
    return ParsedFile(
        name=source.name,
        encoding=encoding,
        delimiter=delimiter,
        header=header.cells if header else None,
        decimal_mark=decimal_mark,
        date_format=date_format,
        records=tuple(records),
        skipped=tuple(skipped),
    )


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


class _RowParser:
    def __init__(
        self,
        mapping: ColumnMapping,
        columns: _Columns,
        problems: Problems,
        decimal_mark: str,
        date_format: str,
    ) -> None:
        self.mapping = mapping
        self.columns = columns
        self.problems = problems
        self.decimal_mark = decimal_mark
        self.date_format = date_format
        self.kind_values = {k.casefold(): v for k, v in mapping.kind_values.items()}

    def _missing(self, row: Row, role: str) -> None:
        self.problems.add(
            say(
                QT_TRANSLATE_NOOP("CLI", "has {0} columns, so there is no {1!r} value"),
                len(row.cells),
                self.columns.label[role],
            ),
            line=row.line,
        )

    def amount(self, row: Row, role: str, *, required: bool) -> Decimal | None:
        if role not in self.columns.index:
            return None
        value = self.columns.cell(row, role)
        if value is None:
            if required:
                self._missing(row, role)
            return None
        if not value:
            if required:
                self.problems.add(
                    say(QT_TRANSLATE_NOOP("CLI", "is empty, expected an amount")),
                    line=row.line,
                    column=self.columns.label[role],
                    value=value,
                )
            return None
        try:
            return parse_amount(value, self.decimal_mark)
        except AmountError:
            self.problems.add(
                say(QT_TRANSLATE_NOOP("CLI", "is not an amount")),
                line=row.line,
                column=self.columns.label[role],
                value=value,
            )
            return None

    def day(self, row: Row, role: str, *, required: bool) -> dt.date | None:
        if role not in self.columns.index:
            return None
        value = self.columns.cell(row, role)
        if value is None:
            if required:
                self._missing(row, role)
            return None
        if not value and not required:
            return None
        try:
            return parse_date(value, self.date_format)
        except ValueError:
            expected = human_date_format(self.date_format)
            self.problems.add(
                say(QT_TRANSLATE_NOOP("CLI", "is not a date (expected {0})"), expected),
                line=row.line,
                column=self.columns.label[role],
                value=value,
            )
            return None

    def parse(self, row: Row) -> Record | None:
        mapping, cols = self.mapping, self.columns
        before = len(self.problems.items)
        when = self.day(row, "date", required=True)
        if mapping.amount is not None:
            amount = self.amount(row, "amount", required=True)
        else:
            credit = self.amount(row, "credit", required=False)
            debit = self.amount(row, "debit", required=False)
            amount = None
            if credit is None and debit is None:
                self.problems.add(
                    say(QT_TRANSLATE_NOOP("CLI", "has neither a credit nor a debit amount")),
                    line=row.line,
                )
            else:
                amount = (credit or Decimal(0)) - abs(debit or Decimal(0))
        currency = mapping.default_currency
        raw_currency = cols.cell(row, "currency")
        if raw_currency:
            try:
                currency = normalise_currency(raw_currency)
            except MoneyError:
                self.problems.add(
                    say(QT_TRANSLATE_NOOP("CLI", "is not a currency code")),
                    line=row.line,
                    column=cols.label["currency"],
                    value=raw_currency,
                )
        fee = self.amount(row, "fee", required=False)
        balance = self.amount(row, "balance", required=False)
        value_date = self.day(row, "value_date", required=False)
        if amount is not None and _decimals(amount) > currency_exponent(currency):
            self.problems.add(
                say(QT_TRANSLATE_NOOP("CLI", "has more decimals than {0} allows"), currency),
                line=row.line,
                column=cols.label.get("amount"),
                value=cols.cell(row, "amount"),
            )
        if len(self.problems.items) > before or when is None or amount is None:
            return None
        if mapping.sign == "inverted":
            amount = -amount
        texts = {role: cols.cell(row, role) or None for role in _TEXT_ROLES}
        kind = texts["kind"]
        if kind is not None and self.kind_values:
            mapped = self.kind_values.get(kind.casefold())
            if mapped is None:
                known = ", ".join(sorted(mapping.kind_values))
                self.problems.add(
                    say(QT_TRANSLATE_NOOP("CLI", "is not a known kind (known: {0})"), known),
                    line=row.line,
                    column=cols.label["kind"],
                    value=kind,
                )
                return None
            kind = mapped
        return Record(
            line=row.line,
            date=when,
            amount=amount,
            currency=currency,
            text=texts["text"] or "",
            reference=texts["reference"],
            counterparty=texts["counterparty"],
            fee=abs(fee) if fee is not None else None,
            payout_reference=texts["payout_reference"],
            kind=kind,
            value_date=value_date,
            balance=balance,
        )
