"""Danish netbank CSV exports become bank entries; a bad row stops the whole file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from econdesk.connectors.files.bankcsv import LAYOUTS, detect_layout, import_bank_csv
from econdesk.connectors.files.errors import FileImportError
from econdesk.connectors.files.mapping import ColumnMapping
from econdesk.connectors.files.text import SourceFile
from econdesk.domain.model import BankEntryOrigin
from econdesk.domain.money import Money

FIXTURES = Path(__file__).parents[2] / "fixtures" / "files"


def test_danske_bank_8_columns_in_windows_1252() -> None:
    result = import_bank_csv(FIXTURES / "danske-bank-8.csv", account_number=5820)
    assert result.layout == "danske-bank" and result.encoding == "cp1252"
    entries = result.entries
    assert len(entries) == 5  # the sixth row is "Venter": pending, not booked
    assert result.skipped == ((7, "not booked yet (Venter)"),)
    first = entries[0]
    assert first.origin is BankEntryOrigin.FILE and first.ref.startswith("bankfile:csv-")
    assert first.entry_date == date(2026, 3, 2)
    assert first.amount == Money.of("1234.56", "DKK")
    assert first.text == "CLEARHAUS A/S 2026-02-28 STL 8f3a1c2d"
    assert entries[1].amount == Money.of("-18750.00", "DKK")
    fik = entries[3]
    assert fik.text.startswith("IK71 000000000102343")
    assert fik.bank_reference == "+71<000000000102343+<"


def test_danske_bank_6_columns_latin_1() -> None:
    result = import_bank_csv(FIXTURES / "danske-bank-6.csv", account_number=5820)
    assert result.layout == "danske-bank"
    assert [e.text for e in result.entries] == ["Løn marts", "Clearhaus CH2400017 2026-03-09"]
    assert [e.amount.amount for e in result.entries] == [Decimal("-92664.00"), Decimal("97.32")]


def test_nordea_utf8_bom_skips_reserved_rows_and_keeps_the_payer() -> None:
    result = import_bank_csv(FIXTURES / "nordea.csv", account_number=5820)
    assert result.layout == "nordea" and result.encoding == "utf-8-sig"
    assert result.skipped == ((2, "not booked yet (Reserveret)"),)
    assert [e.entry_date for e in result.entries] == [
        date(2026, 3, 12),
        date(2026, 3, 11),
        date(2026, 3, 10),
    ]
    assert result.entries[0].counterparty == "Fjord Tømrer ApS"
    assert result.entries[0].amount == Money.of("2980.00", "DKK")
    assert result.entries[1].amount == Money.of("-1234.50", "DKK")


@pytest.mark.parametrize(
    ("name", "layout", "amounts"),
    [
        ("jyske-bank.csv", "jyske-bank", ["1299.00", "-62267.61"]),
        ("sydbank.csv", "sydbank", ["-146.36", "1098.01"]),
        ("bec-posteringer.csv", "bec", ["1250.00", "-18750.00"]),
        ("nordea-gammel.csv", "nordea-old", ["-312.50", "1490.00"]),
        ("lunar.csv", "lunar", ["1234.56", "-45.95"]),
        ("nykredit.csv", "nykredit", ["-5.00", "2980.00", "1490.00"]),
    ],
)
def test_each_known_layout_is_detected_and_read(name: str, layout: str, amounts: list[str]) -> None:
    result = import_bank_csv(FIXTURES / name, account_number=5820)
    assert result.layout == layout
    assert [e.amount.amount for e in result.entries] == [Decimal(a) for a in amounts]
    assert all(e.amount.currency == "DKK" for e in result.entries)


def test_jyske_single_digit_dates() -> None:
    result = import_bank_csv(FIXTURES / "jyske-bank.csv", account_number=5820)
    assert result.entries[0].entry_date == date(2026, 3, 5)


def test_nykredit_reference_columns() -> None:
    entries = import_bank_csv(FIXTURES / "nykredit.csv", account_number=5820).entries
    assert entries[0].bank_reference is None and entries[0].counterparty is None
    assert entries[1].bank_reference == "000000000102343"  # Betalingsident before End2end
    assert entries[1].counterparty == "Fjord Tømrer ApS"
    assert entries[2].bank_reference is None  # End2end "NOTPROVIDED" is no reference


def test_lunar_reference_and_space_thousands() -> None:
    entries = import_bank_csv(FIXTURES / "lunar.csv", account_number=5820).entries
    assert entries[0].bank_reference == "b1f0c3de-4a11-4f5e-9a52-7a0f4f6e1c01"


def test_a_bad_amount_names_file_line_column_and_value_and_imports_nothing() -> None:
    with pytest.raises(FileImportError) as error:
        import_bank_csv(FIXTURES / "bank.csv", account_number=5820)
    assert str(error.value) == 'bank.csv line 17, column "Beløb": "12,3,4" is not an amount'


def test_every_problem_is_collected() -> None:
    text = (
        "Dato;Tekst;Beløb\n"
        "01.03.2026;ok;10,00\n"
        "32.03.2026;bad date;10,00\n"
        "02.03.2026;bad amount;ti kroner\n"
        "03.03.2026;too short\n"
    )
    source = SourceFile("export.csv", text.encode("utf-8"))
    with pytest.raises(FileImportError) as error:
        import_bank_csv(source, account_number=5820)
    problems = [str(p) for p in error.value.problems]
    assert problems == [
        'export.csv line 3, column "Dato": "32.03.2026" is not a date (expected dd.mm.yyyy)',
        'export.csv line 4, column "Beløb": "ti kroner" is not an amount',
        "export.csv line 5: has 2 columns, so there is no 'Beløb' value",
    ]
    assert str(error.value).endswith("(and 2 more problems)")


def test_same_rows_get_the_same_ids_on_a_second_import() -> None:
    first = import_bank_csv(FIXTURES / "danske-bank-8.csv", account_number=5820)
    again = import_bank_csv(FIXTURES / "danske-bank-8.csv", account_number=5820)
    assert [e.ref for e in first.entries] == [e.ref for e in again.entries]
    assert len({e.ref for e in first.entries}) == len(first.entries)


def test_identical_rows_stay_two_entries() -> None:
    text = "Dato;Tekst;Beløb\n01.03.2026;Gebyr;-10,00\n01.03.2026;Gebyr;-10,00\n"
    entries = import_bank_csv(SourceFile("x.csv", text.encode()), account_number=1).entries
    assert len({e.ref for e in entries}) == 2


def test_unknown_layout_points_to_a_column_mapping() -> None:
    source = SourceFile("odd.csv", b"When;What;How much\n2026-03-01;x;1.00\n")
    with pytest.raises(FileImportError, match="column mapping"):
        detect_layout(source)


def test_a_saved_mapping_imports_an_unknown_layout() -> None:
    source = SourceFile("odd.csv", b"When;What;How much\n2026-03-01;x;1,000.50\n")
    mapping = ColumnMapping(name="odd", date="When", text="What", amount="How much")
    entries = import_bank_csv(source, account_number=5820, layout=mapping).entries
    assert entries[0].amount == Money.of("1000.50", "DKK")
    assert entries[0].entry_date == date(2026, 3, 1)


def test_a_missing_column_lists_the_columns_there_are() -> None:
    source = SourceFile("odd.csv", b"When;What\n2026-03-01;x\n")
    with pytest.raises(FileImportError) as error:
        import_bank_csv(source, account_number=5820, layout=ColumnMapping(date="When"))
    assert 'odd.csv line 1: has no column "Beløb" (for the amount)' in str(error.value)
    assert '"When", "What"' in str(error.value)


def test_latin1_file_read_as_utf8_would_be_mojibake() -> None:
    data = "Dato;Tekst;Beløb\n01.03.2026;Østergaard;1,00\n".encode("cp1252")
    entries = import_bank_csv(SourceFile("l.csv", data), account_number=1).entries
    assert entries[0].text == "Østergaard"


def test_every_layout_has_a_description() -> None:
    assert all(layout.description for layout in LAYOUTS.values())


def test_credit_and_debit_columns_with_inverted_sign_and_fixed_formats() -> None:
    text = (
        "Eksport fra netbank\n"
        "Bogført|Ind|Ud|Modtager|Posteringstekst\n"
        "2026-03-02|1.250,00||Fjord Tømrer ApS|Faktura 10234\n"
        "2026-03-03||312,50|Kaffe & Frugt|Levering\n"
    )
    mapping = ColumnMapping(
        name="netbank-x",
        date="Bogført",
        amount=None,
        credit="Ind",
        debit="Ud",
        counterparty="Modtager",
        text="Posteringstekst",
        decimal_mark=",",
        date_format="%Y-%m-%d",
        sign="inverted",
        skip_lines=1,
        encoding="utf-8",
        delimiter="|",
    )
    result = import_bank_csv(SourceFile("x.csv", text.encode()), account_number=1, layout=mapping)
    assert [e.amount.amount for e in result.entries] == [Decimal("-1250.00"), Decimal("312.50")]
    assert result.entries[0].counterparty == "Fjord Tømrer ApS"
    assert result.entries[0].text == "Faktura 10234"


def test_a_declared_encoding_that_does_not_fit_is_reported() -> None:
    data = "Dato;Tekst;Beløb\n01.03.2026;Ø;1,00\n".encode("cp1252")
    mapping = ColumnMapping(encoding="utf-8")
    with pytest.raises(FileImportError, match=r"x\.csv line 1: is not valid utf-8 text"):
        import_bank_csv(SourceFile("x.csv", data), account_number=1, layout=mapping)
