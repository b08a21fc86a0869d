"""The compiled row builder writes what the careful cell-by-cell path writes, or steps aside.

Every data row of a list sheet goes through `compile_row`'s generated function first; it gives
None when a string needs care, and the row is then built cell by cell. Both must agree on
every row the fast path takes, and whatever path a row takes, it reads back right.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from econdesk.domain.money import Money
from econdesk.reports.book import ReportBook
from econdesk.reports.redact import REDACTED, Redactor
from econdesk.reports.table import Column, Kind, TableSheet
from econdesk.reports.xlsx_stream import clean_text

COLUMNS = (
    Column("Text", Kind.TEXT, 20),
    Column("Code", Kind.CODE, 10),
    Column("Day", Kind.DATE, 11),
    Column("At", Kind.DATETIME, 19),
    Column("Count", Kind.INTEGER, 8),
    Column("Score", Kind.SCORE, 7),
    Column("Flag", Kind.FLAG, 6),
    Column("Currency", Kind.CURRENCY, 9),
    Column("Amount", Kind.MONEY, 18, total=True),
    Column("Other", Kind.MONEY, 18),
)
SECRET = "hunter2-secret"
COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def new_book() -> ReportBook:
    return ReportBook(
        company="Test ApS", period_text="2026", timezone=COPENHAGEN, redactor=Redactor([SECRET])
    )


@pytest.fixture
def table() -> Iterator[TableSheet]:
    book = new_book()
    try:
        yield TableSheet(book, "T", COLUMNS)
    finally:
        book.discard()


def careful(table: TableSheet, values: tuple[object, ...], row: str) -> str:
    cells = "".join(w(v, row) for w, v in zip(table._writers, values, strict=True))
    return f'<row r="{row}">{cells}</row>'


TEXTS = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.sampled_from(["plain", " lead", "tail ", "a > b", "a]]>b", "x & y", "<b>", SECRET,
                     "sk_live_abcdefgh1234", "https://u:p@host", "tab\there", "\x00", "¦ ",
                     "-> ok"]),
)  # fmt: skip
ROWS = st.tuples(
    TEXTS,
    TEXTS,
    st.one_of(st.none(), st.dates(min_value=date(1899, 1, 1), max_value=date(2100, 1, 1))),
    st.one_of(
        st.none(),
        st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2100, 1, 1)),
        st.datetimes(
            min_value=datetime(1950, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
        ),
    ),
    st.one_of(st.none(), st.integers(-(10**12), 10**12)),
    st.one_of(st.none(), st.floats(0, 1)),
    st.one_of(st.none(), st.booleans()),
    st.just("DKK"),
    st.one_of(
        st.none(),
        st.decimals(allow_nan=False, allow_infinity=False, places=2).map(lambda d: Money(d, "DKK")),
        st.sampled_from([Money(Decimal("-0.00"), "DKK"), Money(Decimal("1E+3"), "DKK")]),
    ),
    st.one_of(st.none(), st.sampled_from([Money(Decimal("5"), "EUR"), Money.zero("JPY")])),
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ROWS)
@example(("plain", "code", date(2026, 1, 2), datetime(2026, 3, 29, 1, 30, tzinfo=UTC), 3, 0.5,
          True, "DKK", Money(Decimal("1.50"), "DKK"), None))  # fmt: skip
def test_the_compiled_row_is_the_careful_row_or_none(
    table: TableSheet, values: tuple[object, ...]
) -> None:
    fast = table._build_row(values, "17")
    slow = careful(table, values, "17")
    if fast is None:
        # Stepping aside is only allowed for a row with a string that needs care.
        texts = [v for v in values[:2] if isinstance(v, str) and v]
        assert texts, values
        return
    # The careful path writes ">" as "&gt;"; both are the same text to any XML reader.
    assert fast == slow.replace("&gt;", ">")


def test_a_plain_row_takes_the_compiled_path(table: TableSheet) -> None:
    values = ("Indbetaling 4711", "posted", date(2026, 1, 2), None, 7, 0.25, False, "DKK",
              Money(Decimal("1234.50"), "DKK"), Money(Decimal("3"), "EUR"))  # fmt: skip
    text = table._build_row(values, "2")
    assert text is not None
    assert '<c r="A2" t="inlineStr"><is><t>Indbetaling 4711</t></is></c>' in text
    assert "<v>1234.50</v>" in text and "<v>3</v>" in text and "<t>no</t>" in text


@pytest.mark.parametrize(
    "text", [SECRET, "sk_test_abcdefgh12", "a & b", "<x>", " lead", "tail ", "a\nb", "]]>"]
)
def test_strings_that_need_care_step_aside(table: TableSheet, text: str) -> None:
    values = (text, None, None, None, None, None, None, "DKK", None, None)
    assert table._build_row(values, "2") is None


def test_a_total_in_another_currency_than_its_row_is_refused(table: TableSheet) -> None:
    values = ("x", None, None, None, None, None, None, "DKK", Money(Decimal(1), "EUR"), None)
    with pytest.raises(ValueError, match="Amount is in EUR, the row in DKK"):
        table.add(values)


SLOW = settings(max_examples=20, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip


@SLOW
@given(st.lists(st.text(max_size=40), min_size=1, max_size=20))
@example(["plain", "a > b", SECRET, " edge", "x & y", "-> ok", "m-000001"])
def test_rows_read_back_whichever_path_they_take(tmp_path: Path, texts: list[str]) -> None:
    book = new_book()
    table = TableSheet(book, "T", COLUMNS)
    for n, text in enumerate(texts):
        table.add((text, "code", date(2026, 1, 1), datetime(2026, 7, 1, 12, tzinfo=UTC), n,
                   None, None, "DKK", Money(Decimal("1.25"), "DKK"), None))  # fmt: skip
    table.finish()
    path = tmp_path / "t.xlsx"
    book.save(path)
    sheet = load_workbook(path)["T"]
    got = list(sheet.iter_rows(min_row=2, max_row=len(texts) + 1, values_only=True))
    for text, row in zip(texts, got, strict=True):
        expected = clean_text(text).replace(SECRET, REDACTED) or None
        assert row[0] == expected
        assert row[1] == "code"
        assert row[2] == datetime(2026, 1, 1)
        assert row[3] == datetime(2026, 7, 1, 14)  # Copenhagen summer time
        assert row[8] == 1.25
