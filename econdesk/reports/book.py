"""The workbook being written: openpyxl's write-only Workbook plus what every sheet shares.

Shared: the cell styles (dates, money per currency, header, totals), the print setup (A4
landscape, fit to one page wide, header row repeated, company and period in the page header),
the time zone times are shown in, the redactor every string passes, and a private folder for
the sheets' part files while they stream.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Final
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl.workbook import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from econdesk.domain.money import currency_exponent
from econdesk.reports.redact import Redactor
from econdesk.reports.xlsx_stream import CellStyle, SheetStream, StyleBook, clean_text

HEADER: Final = CellStyle(bold=True, fill="DDEBF7", wrap=True)
HEADER_RIGHT: Final = CellStyle(bold=True, fill="DDEBF7", wrap=True, horizontal="right")
TITLE: Final = CellStyle(bold=True, size=14)
BOLD: Final = CellStyle(bold=True)
TOTAL_LABEL: Final = CellStyle(bold=True, top_border=True)
DATE: Final = CellStyle(number_format="yyyy-mm-dd")
DATETIME: Final = CellStyle(number_format="yyyy-mm-dd hh:mm:ss")
INTEGER: Final = CellStyle(number_format="#,##0")
SCORE: Final = CellStyle(number_format="0.00")
PERCENT: Final = CellStyle(number_format="0.0%")
TOTAL_INTEGER: Final = CellStyle(number_format="#,##0", bold=True, top_border=True)


def money_format(currency: str) -> str:
    """Thousands separators, the currency's decimals, and the currency code: 1,234.50 "DKK"."""
    decimals = currency_exponent(currency)
    digits = "#,##0" + ("." + "0" * decimals if decimals else "")
    return f'{digits} "{currency}"'


def money_style(currency: str, *, total: bool = False) -> CellStyle:
    return CellStyle(number_format=money_format(currency), bold=total, top_border=total)


def _header_footer_text(text: str) -> str:
    """Page header text: '&' starts a code there, so a literal one is doubled."""
    return clean_text(text).replace("&", "&&")[:80]


class ReportBook:
    """One workbook in the making. `save()` once; `discard()` after a failure."""

    def __init__(
        self, *, company: str, period_text: str, timezone: tzinfo, redactor: Redactor
    ) -> None:
        self.workbook = Workbook(write_only=True)
        self.redact = redactor
        self.timezone = timezone
        self.company = redactor(clean_text(company))
        self.period_text = period_text
        self._parts = Path(tempfile.mkdtemp(prefix="econdesk-report-"))
        self._streams: list[SheetStream] = []
        self._styles = StyleBook(self.workbook)
        props = self.workbook.properties
        props.creator = props.lastModifiedBy = "econdesk"
        props.title = clean_text(f"Reconciliation report: {self.company}, {period_text}")[:250]

    def style(self, style: CellStyle) -> int:
        return self._styles.id(style)

    def local(self, moment: datetime) -> datetime:
        """A timestamp in the report's time zone, without tzinfo (cells cannot hold one)."""
        if moment.tzinfo is None:
            return moment
        return moment.astimezone(self.timezone).replace(tzinfo=None)

    def new_sheet(self, title: str, *, freeze: str | None, landscape: bool = True) -> SheetStream:
        """A streamed sheet with the report's print setup; configure views before writing."""
        sheet: WriteOnlyWorksheet = self.workbook.create_sheet(title)
        if freeze:
            sheet.freeze_panes = freeze
        setup = sheet.page_setup
        setup.orientation = "landscape" if landscape else "portrait"
        setup.paperSize = Worksheet.PAPERSIZE_A4
        setup.fitToWidth = 1
        setup.fitToHeight = 0  # as many pages tall as it takes
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_margins.left = sheet.page_margins.right = 0.4
        sheet.oddHeader.left.text = _header_footer_text(self.company)
        sheet.oddHeader.center.text = "&A"  # the sheet's name
        sheet.oddHeader.right.text = _header_footer_text(self.period_text)
        sheet.oddFooter.left.text = "econdesk reconciliation report"
        sheet.oddFooter.right.text = "Page &P of &N"
        part = self._parts / f"sheet{len(self._streams) + 1}.xml"
        stream = SheetStream(sheet, part, scrub=self.redact)
        self._streams.append(stream)
        return stream

    def save(self, path: Path) -> None:
        """Package the sheets into `path` (openpyxl's own save, with a faster deflate)."""
        try:
            self.workbook.properties.modified = datetime.now(UTC).replace(tzinfo=None)
            # Level 1: the parts are hundreds of megabytes of repetitive XML, which the lowest
            # level already packs nearly as small as the default in a fraction of its time
            # (the figures per level: benchmarks/report_write.py).
            with ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True, compresslevel=1) as archive:
                ExcelWriter(self.workbook, archive).save()
        finally:
            self.discard()

    def discard(self) -> None:
        """Remove the part files; safe to call more than once."""
        for stream in self._streams:
            stream.discard()
        self._streams.clear()
        shutil.rmtree(self._parts, ignore_errors=True)
