"""The report's clearing roll-forward sheet: opening, movements, closing, the open items and
what is left unexplained, per clearing account and currency, in both languages."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from econdesk.reports import write_report
from tests.reports.factory import as_decimal, sample_report
from tests.reports.reading import column, rows


def amounts_by_line(path: Path, sheet_name: str, line: str, amount: str) -> dict[str, Decimal]:
    sheet = load_workbook(path)[sheet_name]
    lines, values = column(sheet, line) - 1, column(sheet, amount) - 1
    found: dict[str, Decimal] = {}
    for row in rows(sheet)[1:]:
        if row[values] is not None:
            key = str(row[lines])
            found[key] = found.get(key, Decimal(0)) + as_decimal(row[values])
    return found


def test_opening_plus_movements_is_closing_and_open_items_explain_it(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    write_report(sample_report(), path)
    got = amounts_by_line(path, "Clearing roll-forward", "Line", "Amount")
    assert got == {
        "Opening balance": Decimal("0"),
        "Payments and sales booked into it": Decimal("1267"),
        "Payouts to the bank": Decimal("-2500"),
        "Fees": Decimal("-17"),
        "Closing balance": Decimal("-1250"),
        "Open: deposit awaiting its voucher": Decimal("-1250"),
        "Left, not explained by open items": Decimal("0"),
    }
    sheet = load_workbook(path)["Clearing roll-forward"]
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    texts = {str(c) for row in rows(sheet) for c in row if c is not None}
    assert {"econdesk", "others", "economic:4712", "m-000002 proposed"} <= texts


def test_the_danish_sheet(tmp_path: Path) -> None:
    path = tmp_path / "rapport.xlsx"
    write_report(sample_report(), path, language="da")
    got = amounts_by_line(path, "Mellemregning, bevægelser", "Linje", "Beløb")
    assert got["Primosaldo"] == Decimal("0")
    assert got["Ultimosaldo"] == Decimal("-1250")
    assert got["Udbetalinger til banken"] == Decimal("-2500")
