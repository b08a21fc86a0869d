"""Reading a report back: rows, columns by header title, Summary blocks by their title."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet


def rows(sheet: Worksheet) -> list[tuple[object, ...]]:
    return [tuple(c.value for c in row) for row in sheet.iter_rows()]


def column(sheet: Worksheet, title: str) -> int:
    """1-based index of the header cell with this title."""
    for cell in sheet[1]:
        if cell.value == title:
            return int(cell.column)
    raise AssertionError(f"no column {title!r} in {sheet.title}")


def block(sheet: Worksheet, title: str) -> list[tuple[object, ...]]:
    """The rows under a Summary block's header row, up to the blank row that ends it."""
    all_rows = rows(sheet)
    start = next(i for i, r in enumerate(all_rows) if r[0] == title) + 1
    end = next((i for i in range(start, len(all_rows)) if all_rows[i][0] is None), None)
    return all_rows[start:end]


def find_row(sheet: Worksheet, first_value: object) -> int:
    for cell in sheet["A"]:
        if cell.value == first_value:
            return int(cell.row)
    raise AssertionError(f"no row starting {first_value!r} in {sheet.title}")
