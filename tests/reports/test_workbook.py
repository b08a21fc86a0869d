"""The workbook as openpyxl reads it back: sheets, values, types, formats, views, printing."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from econdesk.domain.model import MatchState
from econdesk.reports import SHEET_NAMES, MatchRow, table, write_report
from tests.reports.factory import as_decimal, dkk, match, match_rows, sample_report
from tests.reports.reading import block, column, find_row, rows


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.xlsx"
    result = write_report(sample_report(), path)
    assert result.path == path
    assert (result.matches, result.payouts, result.open_bank_entries) == (5, 1, 2)
    assert (result.open_items, result.vouchers, result.audit_events) == (2, 1, 2)
    return path


def test_sheets_in_order_with_header_frozen_filtered_and_printable(report: Path) -> None:
    wb = load_workbook(report)
    assert tuple(wb.sheetnames) == SHEET_NAMES
    for name in SHEET_NAMES[1:]:
        sheet = wb[name]
        assert sheet.freeze_panes == "B2", name
        assert sheet["A1"].font.b, name
        assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:")
        assert sheet.print_title_rows == "$1:$1"
        assert sheet.page_setup.orientation == "landscape"
        assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
        # One page wide when that is readable, else over pages side by side, the first
        # column repeated on each (the PDF itself: test_printing.py).
        wide = sheet.page_setup.fitToWidth
        assert wide == 1 or (wide > 1 and sheet.print_title_cols == "$A:$A"), name
        assert sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        # '&' is a code in a page header: the company's '&' is doubled to print as one.
        assert sheet.oddHeader.left.text == "Hansen && Søn ApS"
        assert sheet.oddHeader.right.text == "2026-01-01 to 2026-01-31"
        assert sheet.oddHeader.center.text == "&A"
        for letter, dimension in sheet.column_dimensions.items():
            assert 5 <= dimension.width <= 80, (name, letter)
    assert wb["Matches"].page_setup.fitToWidth == 2
    assert wb["Audit trail"].page_setup.fitToWidth == 1
    summary = wb["Summary"]
    assert summary.page_setup.orientation == "portrait"
    assert summary.column_dimensions["A"].width == 34


def test_autofilter_covers_exactly_the_data(report: Path) -> None:
    wb = load_workbook(report)
    assert wb["Matches"].auto_filter.ref == "A1:T6"  # header + 5 matches, 20 columns
    assert wb["Payouts"].auto_filter.ref == "A1:U2"
    assert wb["Open bank entries"].auto_filter.ref == "A1:L3"


def test_match_values_types_and_formats(report: Path) -> None:
    sheet = load_workbook(report)["Matches"]
    assert [c.value for c in sheet[1]][:6] == ["Match", "State", "Method", "Score", "Auto",
                                               "Bank date"]  # fmt: skip
    row = 2
    cell = sheet.cell(row, column(sheet, "Bank amount"))
    assert as_decimal(cell.value) == Decimal("1234567.89")
    assert cell.number_format == '#,##0.00 "DKK"'
    date_cell = sheet.cell(row, column(sheet, "Bank date"))
    assert date_cell.value == datetime(2026, 1, 10)
    assert date_cell.number_format == "yyyy-mm-dd"
    assert sheet.cell(row, column(sheet, "State")).value == "posted"
    assert sheet.cell(row, column(sheet, "Bank text")).value == "STRIPE PAYOUT po_1"
    assert sheet.cell(row, column(sheet, "Voucher no.")).value == 50026
    assert sheet.cell(row, column(sheet, "Year")).value == "2026"
    assert sheet.cell(row, column(sheet, "Auto")).value == "yes"
    score = sheet.cell(row, column(sheet, "Score"))
    assert score.value == pytest.approx(0.51) and score.number_format == "0.00"
    explanation = sheet.cell(row, column(sheet, "Explanation")).value
    assert explanation == "reference +0.60: ch_1 in bank text; amount +0.30: exact"
    # Bank amount = items net + fees inferred + difference.
    assert as_decimal(sheet.cell(3, column(sheet, "Items net")).value) == Decimal("502")
    assert as_decimal(sheet.cell(3, column(sheet, "Fees inferred")).value) == Decimal("-3")
    assert sheet.cell(2, column(sheet, "Fees inferred")).value is None
    # The EUR match gets the EUR format; the items' net is bank amount minus difference.
    eur_row = 6
    assert sheet.cell(eur_row, column(sheet, "Currency")).value == "EUR"
    net = sheet.cell(eur_row, column(sheet, "Items net"))
    assert as_decimal(net.value) == Decimal("100.01")
    assert net.number_format == '#,##0.00 "EUR"'


def test_text_that_looks_like_a_formula_stays_text(report: Path) -> None:
    sheet = load_workbook(report)["Matches"]
    note = sheet.cell(6, column(sheet, "Note"))
    assert note.value == '=HYPERLINK("http://x") ask the customer'
    assert note.data_type == "s"


def test_payout_breakdown_adds_up_to_the_bank_amount(report: Path) -> None:
    sheet = load_workbook(report)["Payouts"]
    values = {sheet.cell(1, c).value: sheet.cell(2, c).value for c in range(1, 22)}
    amounts = {k: as_decimal(values[k]) for k in
               ("Gross", "Refunds", "Chargebacks", "Fees", "Adjustments", "Net",
                "Payout amount", "Bank amount", "Difference")}  # fmt: skip
    assert amounts["Gross"] == Decimal("1300")
    assert amounts["Refunds"] == Decimal("-20")
    assert amounts["Chargebacks"] == 0
    assert amounts["Fees"] == Decimal("-30")
    parts = ("Gross", "Refunds", "Chargebacks", "Fees", "Adjustments")
    assert sum(amounts[k] for k in parts) == amounts["Net"] == Decimal("1250")
    assert amounts["Net"] == amounts["Payout amount"] == amounts["Bank amount"]
    assert amounts["Difference"] == 0
    assert values["Items"] == 2
    assert values["Bank entry"] == "economic:4800"
    assert values["Arrival date"] == datetime(2026, 1, 10)


def test_open_items_have_ages_local_dates_and_escaped_text(report: Path) -> None:
    wb = load_workbook(report)
    bank = wb["Open bank entries"]
    assert rows(bank)[1][:4] == ("economic-draft:27", datetime(2025, 10, 1), 122, "over 90 days")
    assert rows(bank)[2][4] == "Indbetaling  "  # trailing spaces kept
    items = wb["Open platform items"]
    first = {items.cell(1, c).value: items.cell(2, c).value for c in range(1, 16)}
    assert first["Date"] == datetime(2026, 1, 31)  # 23:30 UTC is past midnight in Copenhagen
    assert first["Age (days)"] == 0
    assert first["Customer"] == "Hansen & Søn <ApS>"
    assert as_decimal(first["Fee"]) == Decimal("2.5")
    assert as_decimal(first["Net"]) == Decimal("96.5")


def test_vouchers_and_audit_times_in_the_report_zone(report: Path) -> None:
    wb = load_workbook(report)
    voucher = rows(wb["Vouchers posted"])[1]
    assert voucher[:5] == (1, "2026", 50026, datetime(2026, 1, 10), "m-000001")
    assert voucher[8] == "yes"  # booked
    assert voucher[9] == datetime(2026, 1, 11, 9, 0)  # 08:00 UTC is 09:00 in Copenhagen
    assert wb["Vouchers posted"]["J2"].number_format == "yyyy-mm-dd hh:mm:ss"
    audit = rows(wb["Audit trail"])
    assert audit[0] == ("No.", "Time", "Actor", "Action", "Subject", "Detail", "Hash")
    assert audit[2][:4] == (2, datetime(2026, 1, 11, 9, 0), "anna", "voucher.posted")


def test_totals_are_filter_aware_formulas_below_the_data(report: Path) -> None:
    wb = load_workbook(report)
    payouts = wb["Payouts"]
    total = find_row(payouts, "Total DKK")
    assert payouts.cell(total, column(payouts, "Net")).value == "=SUBTOTAL(109,N2:N2)"
    assert payouts.cell(total, column(payouts, "Net")).font.b
    shown = find_row(payouts, "Rows shown")
    assert payouts.cell(shown, 2).value == "=SUBTOTAL(103,A2:A2)"
    # Two currencies: each total adds only its own currency's visible rows.
    matches = wb["Matches"]
    dkk_total = matches.cell(find_row(matches, "Total DKK"), column(matches, "Bank amount"))
    assert str(dkk_total.value).startswith("=SUMPRODUCT(SUBTOTAL(109,OFFSET(L2,")
    assert '(K2:K6="DKK")' in str(dkk_total.value)
    assert dkk_total.number_format == '#,##0.00 "DKK"'
    assert find_row(matches, "Total EUR") == find_row(matches, "Total DKK") + 1
    # No amount column, no money totals: the audit trail only counts its rows.
    audit = wb["Audit trail"]
    assert find_row(audit, "Rows shown")
    with pytest.raises(AssertionError):
        find_row(audit, "Total DKK")


def test_summary_facts(report: Path) -> None:
    sheet = load_workbook(report)["Summary"]
    facts = {r[0]: r[1:] for r in rows(sheet) if r and r[0] is not None}
    assert facts["Company"][0] == "Hansen & Søn ApS"
    assert facts["Period from"][0] == datetime(2026, 1, 1)
    assert facts["Period to"][0] == datetime(2026, 1, 31)
    assert facts["Generated"][0] == datetime(2026, 2, 1, 10, 30)
    assert facts["Times shown in"][0] == "Europe/Copenhagen"
    assert facts["e-conomic"][:2] == ("bank account 5820, daybook 1", datetime(2026, 1, 31, 7))
    # Bank side: 4 of the 5 matches are live (one rejected), 2 entries open -> 4/6.
    rate = {r[0]: r[1:] for r in block(sheet, "Match rate")}
    assert rate["Bank entries"][:2] == (4, 2)
    assert rate["Bank entries"][2] == pytest.approx(4 / 6)
    assert rate["Bank entries"][3] == pytest.approx(2 / 6)  # approved + posted
    assert sheet.cell(find_row(sheet, "Match rate") + 1, 4).number_format == "0.0%"
    by_state = block(sheet, "Matches by state")
    assert [r[:3] for r in by_state[:5]] == [
        ("proposed", "DKK", 1), ("parked", "EUR", 1), ("approved", "DKK", 1),
        ("posted", "DKK", 1), ("rejected", "DKK", 1),
    ]  # fmt: skip
    assert as_decimal(by_state[3][3]) == Decimal("1234567.89")
    assert by_state[5][:2] == ("Total", "DKK")
    first = find_row(sheet, "Matches by state") + 1
    assert by_state[5][2] == f'=SUMIF(B{first}:B{first + 4},"DKK",C{first}:C{first + 4})'
    ages = block(sheet, "Open items by age")
    assert len(ages) == 3 * 5 + 3  # bank DKK, items DKK and EUR by five ages; three totals
    assert ages[4][:4] == ("Bank entries", "over 90 days", "DKK", 1)
    assert as_decimal(ages[4][4]) == Decimal("-5")
    clearing = {r[0]: r for r in rows(sheet) if str(r[0]).startswith(("stripe:", "frisbii:"))}
    stripe, frisbii = clearing["stripe: Stripe clearing"], clearing["frisbii: Frisbii clearing"]
    assert stripe[1:3] == (5830, "DKK")
    assert (as_decimal(stripe[3]), as_decimal(stripe[4]), stripe[5]) == (-1250, 0, "zero")
    assert (as_decimal(frisbii[3]), frisbii[4], frisbii[5]) == (Decimal("12.5"), None, "NOT ZERO")
    assert facts["Payouts and settlements"][0] == 1
    assert facts["... whose net differs from the bank amount"][0] == 0
    assert facts["Audit events listed"][0] == 2
    assert facts["Newest audit event (number, hash)"][:2] == (2, "b" * 64)


def test_empty_report_is_still_a_complete_workbook(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    data = sample_report(
        matches=(), payouts=(), open_bank_entries=(), open_items=(), vouchers=(), audit=(),
        sources=(), clearing_balances=(), period_from=None, period_to=None,
    )  # fmt: skip
    write_report(data, path)
    wb = load_workbook(path)
    assert tuple(wb.sheetnames) == SHEET_NAMES
    assert rows(wb["Matches"])[1][0] == "(none)"
    assert wb["Matches"].auto_filter.ref == "A1:T1"
    facts = {r[0]: r[1] for r in rows(wb["Summary"]) if r and r[0]}
    assert facts["Period from"] == "(the beginning)"
    assert "(no matches)" in facts
    assert "(no clearing accounts configured)" in facts
    assert wb["Matches"].oddHeader.right.text == "the beginning to now"


def test_ages_count_to_as_of(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    write_report(sample_report(as_of=date(2026, 3, 1)), path)
    bank = load_workbook(path)["Open bank entries"]
    assert bank["C3"].value == 31  # 2026-01-29 to 2026-03-01
    assert bank["D3"].value == "31-60 days"


def test_a_list_longer_than_a_sheet_goes_on_in_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(table, "ROWS_PER_SHEET", 2)  # a sheet's 1,048,576 rows, in small
    path = tmp_path / "long.xlsx"
    result = write_report(sample_report(), path)
    assert result.matches == 5
    wb = load_workbook(path)
    assert wb.sheetnames[:5] == ["Summary", "Matches", "Matches (2)", "Matches (3)", "Payouts"]
    ids = []
    for name in ("Matches", "Matches (2)", "Matches (3)"):
        sheet = wb[name]
        assert rows(sheet)[0][0] == "Match" and sheet.freeze_panes == "B2"
        data = [r[0] for r in rows(sheet)[1:] if str(r[0]).startswith("m-")]
        assert sheet.auto_filter.ref == f"A1:T{len(data) + 1}"
        assert (
            sheet.cell(find_row(sheet, "Rows shown"), 2).value
            == f"=SUBTOTAL(103,A2:A{len(data) + 1})"
        )
        ids += data
    assert ids == [f"m-00000{i}" for i in range(1, 6)]


def test_every_match_state_has_its_line_in_the_summary(tmp_path: Path) -> None:
    withdrawn = MatchRow(match(6, MatchState.WITHDRAWN, dkk("7.00"), dkk("0.00")))
    path = tmp_path / "w.xlsx"
    write_report(sample_report(matches=[*match_rows(), withdrawn]), path)
    summary = load_workbook(path)["Summary"]
    by_state = block(summary, "Matches by state")
    assert [r[:3] for r in by_state[:6]] == [
        ("proposed", "DKK", 1), ("parked", "EUR", 1), ("approved", "DKK", 1),
        ("posted", "DKK", 1), ("rejected", "DKK", 1), ("withdrawn", "DKK", 1),
    ]  # fmt: skip
    first = find_row(summary, "Matches by state") + 1
    assert by_state[6][2] == f'=SUMIF(B{first}:B{first + 5},"DKK",C{first}:C{first + 5})'
