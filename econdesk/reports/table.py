"""A list sheet: a header row, typed rows streamed below it, and filter-proof totals at the end.

Every list sheet of the report is one of these: frozen header (and first column), an autofilter
over the data, widths per column, each value written with its real type and format (money with
its currency's format, dates as dates), and below the data one "Total" row per currency whose
amounts are formulas that count only the rows a filter leaves visible.

A sheet holds at most 1,048,576 rows; a list longer than that goes on in "Title (2)", "Title
(3)", ..., each with its own header, filter and totals.
"""

from __future__ import annotations

import enum
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from econdesk.domain.money import Money
from econdesk.reports.book import (
    DATE,
    DATETIME,
    HEADER,
    HEADER_RIGHT,
    INTEGER,
    SCORE,
    TOTAL_INTEGER,
    TOTAL_LABEL,
    WRAPPED,
    ReportBook,
    money_style,
)
from econdesk.reports.rowcode import CellWriter, MoneyStyles, RowColumn, compile_row
from econdesk.reports.xlsx_stream import (
    MAX_ROWS,
    CellValue,
    Formula,
    cell_xml,
    datetime_serial,
    decimal_text,
    string_cell,
)

FIRST_DATA_ROW = 2
# A row whose wrapped texts take more than one line is written that many lines tall: a
# spreadsheet program does not grow it when it opens the file (LibreOffice does not, nor does
# its PDF export), and the text would be cut off on paper.
LINE_POINTS = 15.0  # one line of the 11-point cell text
MAX_LINES = 24
LETTERS_PER_DIGIT = 1.15
# Data rows per sheet: Excel's limit less the header and room for the totals below the data
# (a gap, the row count, and one total per currency).
ROWS_PER_SHEET = MAX_ROWS - 1 - 100


def wrapped_lines(text: str, width: float) -> int:
    """How many lines `text` takes wrapped at word breaks in a column `width` characters wide.

    The width counts digits; letters are narrower on average, so a line holds somewhat more
    of them (LETTERS_PER_DIGIT, measured on the default font, less one for safety)."""
    per_line = max(1, int(width * LETTERS_PER_DIGIT) - 1)
    if len(text) <= per_line and "\n" not in text:
        return 1
    lines = sum(
        max(1, len(textwrap.wrap(part, per_line, break_long_words=True)))
        for part in text.split("\n")
    )
    return min(lines, MAX_LINES)


class Kind(enum.Enum):
    TEXT = "text"  # anything from outside: bank texts, names, notes, audit details
    CODE = "code"  # what econdesk itself makes: states, methods, match ids, hashes, years
    INTEGER = "integer"
    MONEY = "money"
    DATE = "date"
    DATETIME = "datetime"
    SCORE = "score"  # a float in [0, 1] shown with two decimals
    FLAG = "flag"  # a bool shown as yes / no (filters better than TRUE / FALSE)
    CURRENCY = "currency"  # the row's ISO code; money totals are split by it


NUMBERS = frozenset({Kind.INTEGER, Kind.MONEY, Kind.DATE, Kind.DATETIME, Kind.SCORE})
STRINGS = frozenset({Kind.TEXT, Kind.CODE, Kind.CURRENCY})

# The row compiler's name for each kind's cell template.
_TEMPLATES = {
    Kind.TEXT: "string",
    Kind.CODE: "string",
    Kind.CURRENCY: "string",
    Kind.INTEGER: "integer",
    Kind.MONEY: "money",
    Kind.DATE: "date",
    Kind.DATETIME: "datetime",
    Kind.SCORE: "score",
    Kind.FLAG: "flag",
}


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    kind: Kind
    width: float  # in characters, as Excel measures column width
    total: bool = False  # MONEY only: summed in the totals rows, in the row's currency
    wrap: bool = False  # TEXT, CODE: long texts wrap inside the width instead of running on


@dataclass(frozen=True, slots=True)
class TableResult:
    rows: int  # data rows written, over all its sheets
    sheets: int  # 1, or more when the list went on past a sheet's last row


class TableSheet:
    def __init__(
        self, book: ReportBook, title: str, columns: Sequence[Column], *, freeze: str = "B2"
    ) -> None:
        self._book = book
        self._title = book.translate("Report", title)
        self._freeze = freeze
        self._columns = tuple(columns)
        currency_columns = [i for i, c in enumerate(columns) if c.kind is Kind.CURRENCY]
        if any(c.total for c in columns) and len(currency_columns) != 1:
            raise ValueError(f"{title}: money totals need exactly one currency column")
        self._currency_index = currency_columns[0] if currency_columns else None
        self._total_indexes = [i for i, c in enumerate(columns) if c.total]
        self._wrapped = [(i, c.width) for i, c in enumerate(columns) if c.wrap]
        self._money_ids = MoneyStyles(lambda code: book.style(money_style(code)))
        self._rows = 0
        self._sheets = 0
        self._open_sheet()

    def _open_sheet(self) -> None:
        self._sheets += 1
        title = self._title if self._sheets == 1 else f"{self._title} ({self._sheets})"
        self._currencies: set[str] = set()
        self.stream = stream = self._book.new_sheet(title, freeze=self._freeze)
        for index, column in enumerate(self._columns, 1):
            stream.sheet.column_dimensions[stream.letter(index)].width = column.width
        self._book.fit_print(stream, [c.width for c in self._columns], repeat_first_column=True)
        letters = [stream.letter(i) for i in range(1, len(self._columns) + 1)]
        self._writers = [
            self._writer(c.kind, x, self._column_style(c))
            for c, x in zip(self._columns, letters, strict=True)
        ]
        self._build_row = compile_row(
            [
                RowColumn(
                    _TEMPLATES[c.kind],
                    letter,
                    self._column_style(c),
                    total_of_currency=c.total,
                    currency=c.kind is Kind.CURRENCY,
                )
                for c, letter in zip(self._columns, letters, strict=True)
            ],
            needles=self._book.redact.needles,
            money_styles=self._money_ids,
            currencies=self._currencies,
            careful=self._writers,
            timezone=self._book.timezone,
            mismatch=self._mismatch,
            name=title,
            flag_words=(self._book.yes, self._book.no),
        )
        left, right = self._book.style(HEADER), self._book.style(HEADER_RIGHT)
        # Titles of number columns sit right, above their figures.
        titles = [self._book.translate("Report", c.title) for c in self._columns]
        lines = max(
            wrapped_lines(t, c.width * 0.8) for t, c in zip(titles, self._columns, strict=True)
        )
        stream.add_row(
            [
                (t, right if c.kind in NUMBERS else left)
                for t, c in zip(titles, self._columns, strict=True)
            ],
            height=lines * LINE_POINTS if lines > 1 else None,
        )

    def _money_id(self, currency: str) -> int:
        return self._money_ids[currency]

    def _column_style(self, column: Column) -> int:
        style = {Kind.DATE: DATE, Kind.DATETIME: DATETIME, Kind.INTEGER: INTEGER, Kind.SCORE: SCORE}
        if column.wrap and column.kind in STRINGS:
            return self._book.style(WRAPPED)
        return self._book.style(style[column.kind]) if column.kind in style else 0

    def _mismatch(self, index: int, amount: Money, currency: str) -> ValueError:
        title = self._columns[index].title
        return ValueError(f"{title} is in {amount.currency}, the row in {currency}")

    def _writer(self, kind: Kind, column: str, style: int = 0) -> CellWriter:
        """The careful cell builder for one column: escapes and redacts each string. Rows whose
        strings need no care go through the compiled builder instead (rowcode.py)."""
        book = self._book
        scrub = book.redact
        if kind is Kind.TEXT:
            attr = f' s="{style}"' if style else ""

            def text(value: str | None, row: str) -> str:
                return string_cell(column + row, scrub(value), attr) if value else ""

            return text
        if kind is Kind.CODE or kind is Kind.CURRENCY:  # cannot hold a secret: not scrubbed
            code_attr = f' s="{style}"' if style else ""
            return lambda value, row: string_cell(column + row, value, code_attr) if value else ""
        if kind is Kind.FLAG:
            yes, no = (string_cell("{}", word) for word in (book.yes, book.no))
            return lambda value, row: (
                "" if value is None else (yes if value else no).format(column + row)
            )
        if kind is Kind.MONEY:

            def money(value: Money | None, row: str) -> str:
                if value is None:
                    return ""
                style = self._money_id(value.currency)
                return f'<c r="{column}{row}" s="{style}"><v>{decimal_text(value.amount)}</v></c>'

            return money
        if kind is Kind.DATETIME:
            style = book.style(DATETIME)

            def moment(value: datetime | None, row: str) -> str:
                if value is None:
                    return ""
                serial = datetime_serial(book.local(value))
                return f'<c r="{column}{row}" s="{style}"><v>{serial!r}</v></c>'

            return moment
        if kind is Kind.DATE:
            style = book.style(DATE)
            return lambda value, row: "" if value is None else cell_xml(column + row, value, style)
        if kind is Kind.INTEGER:
            style = book.style(INTEGER)
            return lambda value, row: (
                "" if value is None else f'<c r="{column}{row}" s="{style}"><v>{value:d}</v></c>'
            )
        style = book.style(SCORE)
        return lambda value, row: (
            "" if value is None else f'<c r="{column}{row}" s="{style}"><v>{float(value)!r}</v></c>'
        )

    def add(self, values: Sequence[object]) -> None:
        """One data row, a value per column (None for an empty cell)."""
        if len(values) != len(self._columns):
            raise ValueError(f"{len(values)} values for {len(self._columns)} columns")
        if self.stream.rows_written - 1 >= ROWS_PER_SHEET:  # full: go on in the next sheet
            self._close_sheet()
            self._open_sheet()
        stream = self.stream
        row = str(stream.rows_written + 1)
        text = self._build_row(values, row)
        if text is None:  # a string that needs care: build the row cell by cell
            cells = [write(v, row) for write, v in zip(self._writers, values, strict=True)]
            text = f'<row r="{row}">{"".join(cells)}</row>'
        lines = 1
        for index, width in self._wrapped:
            value = values[index]
            if isinstance(value, str) and len(value) >= width:
                lines = max(lines, wrapped_lines(value, width))
        if lines > 1:
            tall = f'<row r="{row}" ht="{lines * LINE_POINTS}" customHeight="1">'
            text = tall + text[len(row) + 10 :]  # in place of '<row r="N">'
        stream.add_row_xml(text)
        self._rows += 1

    def _total_formula(self, column: int, last: int, currency: str) -> Formula:
        letter = self.stream.letter(column + 1)
        span = f"{letter}{FIRST_DATA_ROW}:{letter}{last}"
        if len(self._currencies) == 1:
            return Formula(f"SUBTOTAL(109,{span})")  # 109: sum of the rows a filter shows
        # Several currencies: sum each one's visible rows. SUBTOTAL over one-cell OFFSETs tells,
        # row by row, whether a filter hides it; the currency test picks the rows to add.
        assert self._currency_index is not None
        code = self.stream.letter(self._currency_index + 1)
        first = f"{letter}{FIRST_DATA_ROW}"
        return Formula(
            f"SUMPRODUCT(SUBTOTAL(109,OFFSET({first},ROW({span})-ROW({first}),0)),"
            f'--({code}{FIRST_DATA_ROW}:{code}{last}="{currency}"))'
        )

    def finish(self) -> TableResult:
        """Write the last sheet's totals and filter; the list is complete after this."""
        self._close_sheet()
        return TableResult(self._rows, self._sheets)

    def _close_sheet(self) -> None:
        """The totals rows and the autofilter below this sheet's data."""
        stream = self.stream
        last = stream.rows_written
        width = len(self._columns)
        last_letter = stream.letter(width)
        stream.sheet.auto_filter.ref = f"A1:{last_letter}{max(last, 1)}"
        if last < FIRST_DATA_ROW:
            stream.add_row([(self._book.translate("Report", "(none)"), 0)])
            return
        label = self._book.style(TOTAL_LABEL)
        stream.add_row([])  # a gap, so the totals are not mistaken for data
        shown = Formula(f"SUBTOTAL(103,A{FIRST_DATA_ROW}:A{last})")
        counts: list[tuple[CellValue, int]] = [(None, label)] * width
        counts[0] = (self._book.translate("Report", "Rows shown"), label)
        counts[1] = (shown, self._book.style(TOTAL_INTEGER))
        stream.add_row(counts)
        for currency in sorted(self._currencies) if self._total_indexes else ():
            cells: list[tuple[CellValue, int]] = [(None, label)] * width
            cells[0] = (self._book.translate("Report", "Total {0}").format(currency), label)
            assert self._currency_index is not None
            cells[self._currency_index] = (currency, label)
            style = self._book.style(money_style(currency, total=True))
            for index in self._total_indexes:
                cells[index] = (self._total_formula(index, last, currency), style)
            stream.add_row(cells)
