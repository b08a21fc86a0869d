"""The totals are formulas; LibreOffice computes them, and they must equal the sums we know."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from econdesk.domain.model import ItemKind, PlatformItem
from econdesk.domain.money import Money
from econdesk.reports import write_report
from tests.reports.conftest import Recalculate
from tests.reports.factory import as_decimal, dkk, eur, open_items, sample_report
from tests.reports.reading import block, column, find_row


def cents(value: object) -> Decimal:
    """A computed total as LibreOffice stored it (a double), rounded to the cent it shows."""
    return as_decimal(value).quantize(Decimal("0.01"))


def total(sheet: Worksheet, currency: str, title: str) -> Decimal:
    return cents(sheet.cell(find_row(sheet, f"Total {currency}"), column(sheet, title)).value)


def test_list_totals_and_summary_totals_compute(tmp_path: Path, recalculate: Recalculate) -> None:
    path = tmp_path / "report.xlsx"
    write_report(sample_report(), path)
    wb = recalculate(path)

    matches = wb["Matches"]
    assert total(matches, "DKK", "Bank amount") == Decimal("1236076.94")
    assert total(matches, "DKK", "Items net") == Decimal("1236079.89")
    assert total(matches, "DKK", "Fees inferred") == Decimal("-3.00")
    assert total(matches, "DKK", "Difference") == Decimal("0.05")
    assert total(matches, "EUR", "Bank amount") == Decimal("100.00")
    assert total(matches, "EUR", "Difference") == Decimal("-0.01")
    assert matches.cell(find_row(matches, "Rows shown"), 2).value == 5

    payouts = wb["Payouts"]
    for title, expected in (
        ("Gross", "1300"),
        ("Refunds", "-20"),
        ("Fees", "-30"),
        ("Net", "1250"),
        ("Bank amount", "1250"),
        ("Difference", "0"),
    ):
        assert total(payouts, "DKK", title) == Decimal(expected), title  # fmt: skip

    assert total(wb["Open bank entries"], "DKK", "Amount") == Decimal("1995.00")
    items = wb["Open platform items"]
    assert total(items, "DKK", "Net") == Decimal("96.50")
    assert total(items, "EUR", "Amount") == Decimal("40.00")
    assert total(wb["Vouchers posted"], "DKK", "Amount") == Decimal("1234567.89")

    summary = wb["Summary"]
    by_state = {(r[0], r[1]): r for r in block(summary, "Matches by state")}
    assert by_state[("Total", "DKK")][2] == 4
    assert cents(by_state[("Total", "DKK")][3]) == Decimal("1236076.94")
    assert cents(by_state[("Total", "EUR")][4]) == Decimal("-0.01")
    ages = {(r[0], r[2]): r for r in block(summary, "Open items by age")}
    assert ages[("Total bank entries", "DKK")][3] == 2
    assert cents(ages[("Total bank entries", "DKK")][4]) == Decimal("1995.00")
    assert cents(ages[("Total platform items", "EUR")][4]) == Decimal("40.00")


def test_totals_leave_out_rows_a_filter_hides(tmp_path: Path, recalculate: Recalculate) -> None:
    path = tmp_path / "report.xlsx"
    write_report(sample_report(), path)
    # Hide rows as a filter would (openpyxl cannot apply a filter; hidden rows are what it leaves).
    wb = load_workbook(path)
    matches = wb["Matches"]
    matches.row_dimensions[2].hidden = True  # the 1,234,567.89 DKK posted match
    matches.row_dimensions[6].hidden = True  # the only EUR match
    wb["Open bank entries"].row_dimensions[3].hidden = True  # the 2,000.00 entry
    filtered = tmp_path / "filtered.xlsx"
    wb.save(filtered)

    result = recalculate(filtered)
    matches = result["Matches"]
    assert total(matches, "DKK", "Bank amount") == Decimal("1509.05")
    assert total(matches, "EUR", "Bank amount") == Decimal("0.00")
    assert matches.cell(find_row(matches, "Rows shown"), 2).value == 3
    assert total(result["Open bank entries"], "DKK", "Amount") == Decimal("-5.00")


def test_thousands_of_rows_in_two_currencies(tmp_path: Path, recalculate: Recalculate) -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    expected: dict[str, Decimal] = defaultdict(Decimal)

    def items() -> list[PlatformItem]:
        made = []
        for i in range(3000):
            currency = "EUR" if i % 7 == 0 else "DKK"
            amount = Money.from_minor(1_000 + i * 37 % 997_003, currency)
            expected[currency] += amount.amount
            made.append(PlatformItem("stripe", f"ch_{i}", ItemKind.PAYMENT, amount,
                                     start + timedelta(hours=i)))  # fmt: skip
        return made

    path = tmp_path / "big.xlsx"
    write_report(sample_report(open_items=items(), as_of=date(2026, 6, 1)), path)
    sheet = recalculate(path)["Open platform items"]
    assert total(sheet, "DKK", "Amount") == expected["DKK"]
    assert total(sheet, "EUR", "Amount") == expected["EUR"]
    assert sheet.cell(find_row(sheet, "Rows shown"), 2).value == 3000


def test_factory_totals_match_its_rows() -> None:
    """The hand-computed figures above are the factory's rows, summed."""
    assert sum((i.net for i in open_items() if i.currency == "DKK"), dkk("0")) == dkk("96.50")
    assert sum((i.amount for i in open_items() if i.currency == "EUR"), eur("0")) == eur("40")
