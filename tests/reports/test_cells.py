"""Cells written by the row stream read back exactly: any text, Decimal amounts, dates."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from econdesk.reports.xlsx_stream import (
    MAX_CELL_CHARS,
    CellStyle,
    CellValue,
    Formula,
    SheetStream,
    StyleBook,
    clean_text,
)
from tests.reports.factory import as_decimal


def write_column(path: Path, values: list[CellValue], number_format: str = "General") -> None:
    """One value a row in column A of a one-sheet workbook, through SheetStream."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("S")
    stream = SheetStream(sheet, path.with_suffix(".part"))
    style = StyleBook(workbook).id(CellStyle(number_format=number_format))
    for value in values:
        stream.add_row([(value, style)])
    workbook.save(str(path))


def read_column(path: Path) -> list[object]:
    return [row[0] for row in load_workbook(path)["S"].iter_rows(values_only=True)]


SLOW = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip


@SLOW
@given(st.lists(st.text(min_size=1, max_size=60), min_size=1, max_size=30))
@example(["\r", "a\r\nb", " lead", "tail\t", "\x08", "<&>", "\ud800x", "\ufffe"])
def test_any_text_reads_back_as_written_less_what_xml_cannot_hold(
    tmp_path: Path, texts: list[str]
) -> None:
    path = tmp_path / "t.xlsx"
    write_column(path, [*texts, "end"])  # "end": openpyxl reads no empty last row
    expected = [clean_text(t) or None for t in texts]  # a text of only illegal chars is empty
    assert read_column(path) == [*expected, "end"]


AMOUNTS = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2,
                      allow_nan=False, allow_infinity=False)  # fmt: skip


@SLOW
@given(st.lists(AMOUNTS, min_size=1, max_size=30))
def test_two_decimal_amounts_read_back_exactly(tmp_path: Path, amounts: list[Decimal]) -> None:
    path = tmp_path / "d.xlsx"
    write_column(path, list(amounts), '#,##0.00 "DKK"')
    assert [as_decimal(v) for v in read_column(path)] == amounts


def test_decimal_digits_go_into_the_file_as_they_are(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    write_column(path, [Decimal("0.10"), Decimal("-0.00"), Decimal("1E+3"), Decimal("12.345")])
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<v>0.10</v>" in sheet and "<v>0</v>" in sheet
    assert "<v>1000</v>" in sheet and "<v>12.345</v>" in sheet


def test_dates_and_times_are_date_serials(tmp_path: Path) -> None:
    path = tmp_path / "d.xlsx"
    days = [date(1900, 3, 1), date(2024, 2, 29), date(2026, 12, 31)]
    moments = [datetime(2026, 3, 29, 2, 30, 15), datetime(2026, 1, 1, 23, 59, 59)]
    write_column(path, [*days, *moments], "yyyy-mm-dd")
    back = read_column(path)
    assert back[:3] == [datetime(d.year, d.month, d.day) for d in days]
    assert back[3:] == moments


def test_dates_before_march_1900_are_written_as_text(tmp_path: Path) -> None:
    # Excel counts a 29 February 1900 that never was: serials before March would be a day off.
    path = tmp_path / "d.xlsx"
    write_column(path, [date(1899, 12, 31)])
    assert read_column(path) == ["1899-12-31"]


def test_long_text_is_cut_to_what_a_cell_holds(tmp_path: Path) -> None:
    path = tmp_path / "l.xlsx"
    write_column(path, ["x" * 40_000, " padded "])
    long, padded = read_column(path)
    assert isinstance(long, str) and len(long) == MAX_CELL_CHARS and long.endswith("…")
    assert padded == " padded "


def test_formulas_booleans_and_numbers(tmp_path: Path) -> None:
    path = tmp_path / "f.xlsx"
    write_column(path, [Formula("SUM(1,2)"), True, 7, 0.25, "=1+1"])
    assert read_column(path) == ["=SUM(1,2)", True, 7, 0.25, "=1+1"]
    cells = load_workbook(path)["S"]["A"]
    assert cells[0].data_type == "f" and cells[4].data_type == "s"


def test_values_a_cell_cannot_hold_are_refused(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="cannot write a list"):
        write_column(tmp_path / "bad.xlsx", [[1, 2]])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="cannot write"):
        write_column(tmp_path / "nan.xlsx", [Decimal("NaN")])
