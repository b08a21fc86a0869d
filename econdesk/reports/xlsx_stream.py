"""Stream rows into an openpyxl write-only worksheet, fast, in bounded memory.

openpyxl (write-only mode) builds the package: workbook, styles, sheet properties, views and
frozen panes, column widths, autofilter, print setup, header and footer. Only the rows go
through `SheetStream`, which writes each row as SpreadsheetML text straight into the sheet's
part file. Why: openpyxl's own per-cell serializer is far slower than building the row text
directly, and a report has millions of cells; benchmarks/report_write.py measures the whole
report (figures: benchmarks/RESULTS.md). The list sheets' rows are built by one
compiled function per sheet (rowcode.py) and handed over here as complete <row> elements;
rows are written to the part file a batch at a time, through a large buffer.

The hook is the one place that knows openpyxl's sheet-writer protocol (3.1): the sheet's
`_writer` writes the top before the first row and the tail on close, and
`WriteOnlyWorksheet.close()` asks the writer to `write_rows()` when `append()` was never used.
pyproject.toml pins openpyxl below 3.2; tests/reports reopen every sheet through openpyxl.

Cell values are written exactly: a Decimal goes in as its own digits (never through float),
strings are inline strings (so text such as "=HYPERLINK(...)" from a bank line can never become
a formula), characters XML cannot hold are dropped, and dates become date serials.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.xml.constants import REL_NS, SHEET_MAIN_NS
from openpyxl.xml.functions import tostring

MAX_CELL_CHARS: Final = 32_767  # Excel's limit for the text in one cell
MAX_ROWS: Final = 1_048_576  # Excel's last row
EPOCH: Final = date(1899, 12, 30).toordinal()  # serial 0 in the 1900 date system
FIRST_SAFE_DATE: Final = date(1900, 3, 1)  # before it, Excel's 1900 leap-year bug shifts days

# Characters XML 1.0 cannot carry (control characters other than tab, newline and return; the
# two non-characters; lone surrogates, which have no UTF-8) are dropped or replaced.
_ILLEGAL: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SURROGATES: Final = re.compile("[\ud800-\udfff]")
_EDGE_SPACE: Final = frozenset(" \t\n\r")
_BATCH_ROWS: Final = 256  # rows joined into one write to the part file
_BUFFER: Final = 1 << 20  # the part file's write buffer


def _legal(text: str) -> str:
    return _SURROGATES.sub("\ufffd", _ILLEGAL.sub("", text))


class Formula(str):
    """A cell formula, without the leading '=' (e.g. 'SUBTOTAL(109,E2:E10)')."""

    __slots__ = ()


CellValue = str | int | float | Decimal | date | datetime | Formula | None


def clean_text(text: str) -> str:
    """The text as a cell may hold it: illegal characters gone, at most 32,767 characters."""
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "…"
    return text if text.isprintable() else _legal(text)


def _escape(text: str) -> str:
    # The hot path of every text cell: plain replace() calls skip work when there is nothing
    # to do, and isprintable() is a quick way to rule out characters XML cannot carry.
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "…"
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if text.isprintable():
        return text
    # A bare carriage return would come back as a newline (XML normalises line ends).
    return _legal(text).replace("\r", "&#13;")


def string_cell(ref: str, text: str, style_attr: str = "") -> str:
    """An inline-string cell (never a formula, whatever the text); style_attr like ' s="3"'."""
    escaped = _escape(text)
    if not escaped:  # nothing XML can carry is left: no text, an empty (maybe styled) cell
        return f'<c r="{ref}"{style_attr}/>' if style_attr else ""
    if escaped[0] in _EDGE_SPACE or escaped[-1] in _EDGE_SPACE:
        return (
            f'<c r="{ref}"{style_attr} t="inlineStr">'
            f'<is><t xml:space="preserve">{escaped}</t></is></c>'
        )
    return f'<c r="{ref}"{style_attr} t="inlineStr"><is><t>{escaped}</t></is></c>'


def decimal_text(value: Decimal) -> str:
    """A Decimal's own digits as a cell number: exact, no float in between."""
    if not value.is_finite():
        raise ValueError(f"cannot write {value} into a cell")
    if value.is_zero():
        return "0"  # never "-0.00"
    text = str(value)  # plain digits for any amount with a sane exponent; cheaper than "f"
    return text if "E" not in text else format(value, "f")


def date_serial(value: date) -> int:
    return value.toordinal() - EPOCH


def datetime_serial(value: datetime) -> float:
    """Days since Excel's epoch, for a naive local time (timestamps are not money)."""
    if value.tzinfo is not None:
        raise ValueError("convert datetimes to the report's time zone and drop tzinfo first")
    seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
    return date_serial(value.date()) + seconds / 86_400


def cell_xml(ref: str, value: CellValue, style: int) -> str:
    """One <c> element; '' for an empty unstyled cell."""
    s = f' s="{style}"' if style else ""
    if value is None or value == "":
        return f'<c r="{ref}"{s}/>' if style else ""
    kind = type(value)
    if kind is Formula:
        return f'<c r="{ref}"{s}><f>{_escape(value)}</f></c>'  # type: ignore[arg-type]
    if kind is str or isinstance(value, str):  # StrEnum members are text too
        return string_cell(ref, value, s)  # type: ignore[arg-type]
    if kind is Decimal:
        return f'<c r="{ref}"{s}><v>{decimal_text(value)}</v></c>'  # type: ignore[arg-type]
    if kind is bool:
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'  # type: ignore[arg-type]
    if kind is int:
        return f'<c r="{ref}"{s}><v>{value}</v></c>'
    if kind is float:
        if not math.isfinite(value):  # type: ignore[arg-type]
            return f'<c r="{ref}"{s}/>' if style else ""
        return f'<c r="{ref}"{s}><v>{value!r}</v></c>'
    if kind is datetime:
        return f'<c r="{ref}"{s}><v>{datetime_serial(value)!r}</v></c>'  # type: ignore[arg-type]
    if kind is date:
        if value < FIRST_SAFE_DATE:  # type: ignore[operator]
            return cell_xml(ref, value.isoformat(), style)  # type: ignore[union-attr]
        return f'<c r="{ref}"{s}><v>{date_serial(value)}</v></c>'  # type: ignore[arg-type]
    raise TypeError(f"cannot write a {kind.__name__} into a cell: {value!r}")


@dataclass(frozen=True, slots=True)
class CellStyle:
    """What a cell looks like; registered once per workbook and referred to by its index."""

    number_format: str = "General"
    bold: bool = False
    size: float | None = None
    fill: str | None = None  # RGB hex, e.g. "DDEBF7"
    top_border: bool = False
    wrap: bool = False
    horizontal: str | None = None


class StyleBook:
    """Turns CellStyle values into the workbook's style indexes (openpyxl keeps the table)."""

    def __init__(self, workbook: Workbook) -> None:
        self._workbook = workbook
        self._ids: dict[CellStyle, int] = {}

    def id(self, style: CellStyle) -> int:
        found = self._ids.get(style)
        if found is not None:
            return found
        sheets = self._workbook.worksheets
        if not sheets:
            raise RuntimeError("create a sheet before registering styles")
        cell = WriteOnlyCell(sheets[0])
        if style.number_format != "General":
            cell.number_format = style.number_format
        if style.bold or style.size:
            cell.font = Font(bold=style.bold, size=style.size)
        if style.fill:
            cell.fill = PatternFill("solid", start_color=style.fill, end_color=style.fill)
        if style.top_border:
            cell.border = Border(top=Side(style="thin"))
        if style.wrap or style.horizontal:
            cell.alignment = Alignment(wrap_text=style.wrap or None, horizontal=style.horizontal)
        style_id = int(cell.style_id) if cell.has_style else 0
        self._ids[style] = style_id
        return style_id


class _RowStreamWriter(WorksheetWriter):  # type: ignore[misc]
    """openpyxl's sheet writer, writing its elements as text, with rows written by us."""

    def __init__(self, ws: WriteOnlyWorksheet, out: Path) -> None:
        self._file: Any = None
        self._rows_open = False
        self.pending: list[str] = []  # row texts not yet handed to the file
        super().__init__(ws, str(out))

    def get_stream(self) -> Generator[None, Any, None]:
        with Path(self.out).open("w", encoding="utf-8", newline="", buffering=_BUFFER) as handle:
            self._file = handle
            handle.write('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n')
            handle.write(f'<worksheet xmlns="{SHEET_MAIN_NS}" xmlns:r="{REL_NS}">')
            try:
                while True:
                    element = yield
                    if element is True:
                        raise TypeError("rows of a streamed sheet go through SheetStream")
                    if element is not None:
                        handle.write(tostring(element).decode("utf-8"))
            except GeneratorExit:
                pass
            handle.write("</worksheet>")
            self._file = None

    def open_rows(self) -> None:
        if not self._rows_open:
            self._file.write("<sheetData>")
            self._rows_open = True

    def write_row_text(self, text: str) -> None:
        # Rows are gathered and written a batch at a time: one write call per row cost more
        # than building the row.
        pending = self.pending
        pending.append(text)
        if len(pending) >= _BATCH_ROWS:
            self.flush_rows()

    def flush_rows(self) -> None:
        if self.pending:
            self._file.write("".join(self.pending))
            self.pending.clear()

    def write_rows(self) -> None:  # called by WriteOnlyWorksheet.close(): close what we opened
        self.flush_rows()
        self._file.write("</sheetData>" if self._rows_open else "<sheetData/>")

    def cleanup(self) -> None:
        Path(self.out).unlink(missing_ok=True)


class SheetStream:
    """Rows for one write-only worksheet. Configure the sheet (views, widths) before `begin`."""

    def __init__(
        self,
        sheet: WriteOnlyWorksheet,
        part_file: Path,
        scrub: Callable[[str], str] | None = None,
    ) -> None:
        self.sheet = sheet
        self.scrub = scrub  # applied to every text value, e.g. to redact secrets
        self._part_file = part_file
        self._writer: _RowStreamWriter | None = None
        self.rows_written = 0
        self._letters: list[str] = [get_column_letter(i) for i in range(1, 101)]

    @property
    def next_row(self) -> int:
        return self.rows_written + 1

    def letter(self, column: int) -> str:
        """The column letter of a 1-based column number."""
        if column <= len(self._letters):
            return self._letters[column - 1]
        return str(get_column_letter(column))

    def begin(self) -> None:
        """Write the sheet's top (properties, views, column widths): they precede every row."""
        if self._writer is not None:
            return
        writer = _RowStreamWriter(self.sheet, self._part_file)
        writer.write_top()
        writer.open_rows()
        self.sheet._writer = writer  # the sheet now closes through our writer
        self._writer = writer

    def add_row(self, cells: Sequence[tuple[CellValue, int]], height: float | None = None) -> int:
        """Append one row of (value, style id) pairs (`height` in points, when set); returns
        its row number."""
        row = self.next_row
        if row > MAX_ROWS:
            raise OverflowError(f"sheet {self.sheet.title!r} is full ({MAX_ROWS:,} rows)")
        if self._writer is None:
            self.begin()
        assert self._writer is not None
        suffix = str(row)
        letters = self._letters
        parts = [
            f'<row r="{row}" ht="{height}" customHeight="1">' if height else f'<row r="{row}">'
        ]
        scrub = self.scrub
        for index, (raw, style) in enumerate(cells):
            value = (
                scrub(raw) if scrub and isinstance(raw, str) and type(raw) is not Formula else raw
            )
            column = letters[index] if index < len(letters) else get_column_letter(index + 1)
            parts.append(cell_xml(column + suffix, value, style))
        parts.append("</row>")
        self._writer.write_row_text("".join(parts))
        self.rows_written = row
        return row

    def add_cells_xml(self, cells: str) -> int:
        """Append one row from ready <c> elements built for row `next_row` (the fast path)."""
        row = self.next_row
        if row > MAX_ROWS:
            raise OverflowError(f"sheet {self.sheet.title!r} is full ({MAX_ROWS:,} rows)")
        if self._writer is None:
            self.begin()
        assert self._writer is not None
        self._writer.write_row_text(f'<row r="{row}">{cells}</row>')
        self.rows_written = row
        return row

    def add_row_xml(self, text: str) -> int:
        """Append a complete <row> element built for row `next_row` (the fastest path)."""
        row = self.rows_written + 1
        if row > MAX_ROWS:
            raise OverflowError(f"sheet {self.sheet.title!r} is full ({MAX_ROWS:,} rows)")
        writer = self._writer
        if writer is None:
            self.begin()
            writer = self._writer
            assert writer is not None
        pending = writer.pending  # write_row_text(), without the call: this runs per row
        pending.append(text)
        if len(pending) >= _BATCH_ROWS:
            writer.flush_rows()
        self.rows_written = row
        return row

    def discard(self) -> None:
        """Close and delete the part file after a failure."""
        if self._writer is not None:
            self._writer.close()
            self._writer.cleanup()
