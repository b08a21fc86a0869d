"""The workbook being written: openpyxl's write-only Workbook plus what every sheet shares.

Shared: the cell styles (dates, money per currency, header, totals, wrapped text), the print
setup (A4, header row repeated, company and period in the page header, page numbers below;
see `fit_print` for the scale), the language every text is written in, the time zone times are
shown in, the redactor every string passes, and a private folder for the sheets' part files
while they stream.
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
from econdesk.i18n import catalogue
from econdesk.reports.redact import Redactor
from econdesk.reports.xlsx_stream import CellStyle, SheetStream, StyleBook, clean_text

WRAPPED: Final = CellStyle(wrap=True)
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


# Printing: the width of an A4 page inside the margins, in the pixels column widths are
# measured in (96 per inch), and the smallest scale still comfortable to read on paper.
MARGIN_INCHES: Final = 0.4
PAGE_PIXELS: Final = {
    "landscape": (297 / 25.4 - 2 * MARGIN_INCHES) * 96,
    "portrait": (210 / 25.4 - 2 * MARGIN_INCHES) * 96,
}
MIN_SCALE: Final = 0.7
NEAR_FULL_SCALE: Final = 0.9  # a wide sheet shrinks this far rather than take another page


def column_pixels(width: float) -> float:
    """A column `width` (in characters of the default font, 7 pixels each) in pixels."""
    return width * 7 + 5


def _header_footer_text(text: str) -> str:
    """Page header text: '&' starts a code there, so a literal one is doubled."""
    return clean_text(text).replace("&", "&&")[:80]


class ReportBook:
    """One workbook in the making. `save()` once; `discard()` after a failure."""

    def __init__(
        self,
        *,
        company: str,
        period_text: str,
        timezone: tzinfo,
        redactor: Redactor,
        language: str = "en",
    ) -> None:
        self.workbook = Workbook(write_only=True)
        self.language = language
        self._catalogue = catalogue(language)
        self.yes = self.translate("Report", "yes")
        self.no = self.translate("Report", "no")
        self.redact = redactor
        self.timezone = timezone
        self.company = redactor(clean_text(company))
        self.period_text = period_text
        self._parts = Path(tempfile.mkdtemp(prefix="econdesk-report-"))
        self._streams: list[SheetStream] = []
        self._styles = StyleBook(self.workbook)
        props = self.workbook.properties
        props.creator = props.lastModifiedBy = "econdesk"
        title = self.translate("Report", "Reconciliation report: {0}, {1}")
        props.title = clean_text(title.format(self.company, period_text))[:250]

    def translate(self, context: str, text: str) -> str:
        """`text` in the report's language (the catalogue of the app: resources/i18n)."""
        return self._catalogue.translate(context, text)

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
        sheet.page_margins.left = sheet.page_margins.right = MARGIN_INCHES
        sheet.oddHeader.left.text = _header_footer_text(self.company)
        sheet.oddHeader.center.text = "&A"  # the sheet's name
        sheet.oddHeader.right.text = _header_footer_text(self.period_text)
        sheet.oddFooter.left.text = self.translate("Report", "econdesk reconciliation report")
        page = self.translate("Report", "Page {0} of {1}").format("&P", "&N")
        sheet.oddFooter.right.text = page
        part = self._parts / f"sheet{len(self._streams) + 1}.xml"
        stream = SheetStream(sheet, part, scrub=self.redact)
        self._streams.append(stream)
        return stream

    def fit_print(
        self,
        stream: SheetStream,
        widths: list[float],
        *,
        repeat_first_column: bool = False,
        title_rows: str | None = "1:1",
    ) -> None:
        """Fit the columns to one page wide when that prints at MIN_SCALE or more; a sheet too
        wide for that goes on over as few pages side by side as hold it at (about) 100 %, read
        left to right, then down, with `repeat_first_column` the first column on each. The
        header rows repeat on every page; the sheets are as many pages tall as it takes."""
        sheet = stream.sheet
        setup = sheet.page_setup
        page = PAGE_PIXELS[setup.orientation or "portrait"]
        total = sum(column_pixels(w) for w in widths)
        if title_rows:
            sheet.print_title_rows = title_rows
        setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        if page / total >= MIN_SCALE:
            setup.fitToWidth = 1
            return
        repeated = column_pixels(widths[0]) if repeat_first_column else 0.0
        wide = 2
        while wide * page < (total + (wide - 1) * repeated) * NEAR_FULL_SCALE:
            wide += 1
        setup.fitToWidth = wide
        setup.pageOrder = "overThenDown"
        if repeat_first_column:
            sheet.print_title_cols = "A:A"

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
