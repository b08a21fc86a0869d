"""Danish netbank CSV exports -> BankEntry (origin FILE), with the layout detected.

Layouts from public importers (docs/bank-files.md#bank-csv): Danske Bank (6 and 8
columns), Nordea (current netbank; `Reserveret` rows are pending and skipped), old Nordea
(two preamble lines), Jyske Bank, Sydbank, the BEC banks (no header), Nykredit (28 columns
with payment id and end-to-end id), Lunar (two variants), and any file with the Danish
`Dato;Tekst;Beløb` columns. Anything else imports through a saved ColumnMapping.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from econdesk.connectors.files.errors import FileImportError
from econdesk.connectors.files.mapping import ColumnMapping
from econdesk.connectors.files.numbers import parse_date
from econdesk.connectors.files.statement import BankFileImport
from econdesk.connectors.files.table import ParsedFile, Record, parse_csv
from econdesk.connectors.files.text import (
    SourceFile,
    decode,
    normalise_header,
    read_rows,
    sniff_delimiter,
)
from econdesk.domain.fik import parse_fik
from econdesk.domain.model import BankEntry, BankEntryOrigin
from econdesk.domain.money import Money
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say


@dataclass(frozen=True)
class Layout:
    mapping: ColumnMapping
    signature: frozenset[str] = frozenset()  # header names (normalised) that identify it
    description: str = ""


def _layout(signature: tuple[str, ...], description: str, **mapping: object) -> Layout:
    names = frozenset(normalise_header(s) for s in signature)
    return Layout(ColumnMapping(**mapping), names, description)  # type: ignore[arg-type]


# Most specific first: detection takes the first whose signature the header contains.
LAYOUTS: dict[str, Layout] = {
    "nykredit": _layout(
        ("Exportkonto", "Dato", "Tekst", "Beløb", "End2end", "Betalingsident"),
        "Nykredit (28-column export with payment id and end-to-end id)",
        name="nykredit",
        date="Dato",
        text="Tekst",
        amount="Beløb",
        balance="Saldo",
        counterparty="Indbetaler|Modtagernavn",
        reference="Betalingsident|End2end",
        value_date="Valørdato",
        currency="Valuta",
        date_format="%d-%m-%Y",
    ),
    "nordea": _layout(
        ("Bogføringsdato", "Beløb", "Beskrivelse", "Saldo"),
        "Nordea netbank (yyyy/mm/dd, pending rows marked Reserveret)",
        name="nordea",
        date="Bogføringsdato",
        amount="Beløb",
        text="Beskrivelse",
        counterparty="Navn",
        balance="Saldo",
        currency="Valuta",
        date_format="%Y/%m/%d",
    ),
    "danske-bank": _layout(
        ("Dato", "Tekst", "Beløb", "Saldo", "Status", "Afstemt"),
        "Danske Bank (6 or 8 columns, dd.mm.yyyy)",
        name="danske-bank",
        date="Dato",
        text="Tekst",
        amount="Beløb",
        balance="Saldo",
        status="Status",
        date_format="%d.%m.%Y",
        skip_statuses=("Venter",),
    ),
    "sydbank": _layout(
        ("Dato", "Valør", "Tekst", "Beløb", "Saldo"),
        "Sydbank (dd.mm.yyyy with value date)",
        name="sydbank",
        date="Dato",
        value_date="Valør",
        text="Tekst",
        amount="Beløb",
        balance="Saldo",
        date_format="%d.%m.%Y",
    ),
    "jyske-bank": _layout(
        ("Dato", "Tekst", "Beløb", "Saldo", "Kommentar"),
        "Jyske Bank (blank header columns, d.m.yyyy)",
        name="jyske-bank",
        date="Dato",
        text="Tekst",
        amount="Beløb",
        balance="Saldo",
        date_format="%d.%m.%Y",
    ),
    "lunar": _layout(
        ("Date", "Title", "Amount", "Transaction ID"),
        "Lunar (comma separated, ISO dates, decimal comma)",
        name="lunar",
        date="Date",
        text="Title",
        amount="Amount",
        balance="Balance",
        reference="Transaction ID",
        date_format="%Y-%m-%d",
        decimal_mark=",",
    ),
    "lunar-simple": _layout(
        ("Date", "Text", "Amount", "Currency"),
        "Lunar (Date, Text, Amount, Currency; decimal point)",
        name="lunar-simple",
        date="Date",
        text="Text",
        amount="Amount",
        currency="Currency",
        date_format="%Y-%m-%d",
        decimal_mark=".",
    ),
    "danish": _layout(
        ("Dato", "Tekst", "Beløb"),
        "Any Danish export with Dato, Tekst and Beløb columns (Eik, Sparekassen, …)",
        name="danish",
        date="Dato",
        text="Tekst",
        amount="Beløb",
    ),
    # Without a header: chosen by shape (see _detect_headerless) or by name.
    "bec": _layout(
        (),
        "BEC banks: Arbejdernes Landsbank, Merkur, Sparekassen Thy … (no header)",
        name="bec",
        header=False,
        date="#1",
        text="#2",
        amount="#3",
        balance="#4",
        date_format="%d-%m-%Y",
    ),
    "nordea-old": _layout(
        (),
        "Old Nordea netbank (two preamble lines, no header)",
        name="nordea-old",
        header=False,
        skip_lines=2,
        date="#1",
        text="#2",
        amount="#4",
        balance="#5",
        date_format="%d-%m-%Y",
    ),
}


def _is_date(text: str, fmt: str) -> bool:
    try:
        parse_date(text, fmt)
    except ValueError:
        return False
    return True


def detect_layout(source: SourceFile) -> Layout:
    text, _ = decode(source)
    lines = text.splitlines()
    delimiter = sniff_delimiter(lines[:20])
    rows = read_rows("\n".join(lines[:5]), delimiter)
    if rows:
        names = {normalise_header(cell) for cell in rows[0].cells}
        for layout in LAYOUTS.values():
            if layout.signature and layout.signature <= names:
                return layout
        first = rows[0].cells
        if len(first) >= 4 and _is_date(first[0], "%d-%m-%Y"):
            return LAYOUTS["bec"]
    if len(lines) > 2:
        third = read_rows(lines[2], delimiter)
        if third and len(third[0].cells) >= 5 and _is_date(third[0].cells[0], "%d-%m-%Y"):
            return LAYOUTS["nordea-old"]
    known = ", ".join(LAYOUTS)
    raise FileImportError.single(
        source.name,
        say(
            QT_TRANSLATE_NOOP(
                "CLI",
                "is not a bank export econdesk recognises (known layouts: {0}); "
                "import it with a column mapping instead",
            ),
            known,
        ),
        line=1,
    )


def entry_id(account: int, record: Record, occurrence: int) -> str:
    """A stable id from the row's content, so importing an overlapping export again finds
    the same entries instead of adding them twice (identical rows are told apart by order)."""
    key = "|".join(
        (
            str(account),
            record.date.isoformat(),
            str(record.amount),
            record.currency,
            record.text,
            record.reference or "",
            str(occurrence),
        )
    )
    return "csv-" + hashlib.sha256(key.encode()).hexdigest()[:20]


def to_bank_entries(parsed: ParsedFile, account_number: int) -> tuple[BankEntry, ...]:
    seen: Counter[tuple[object, ...]] = Counter()
    entries = []
    for record in parsed.records:
        key = (record.date, record.amount, record.currency, record.text, record.reference)
        seen[key] += 1
        reference = record.reference
        if reference and reference.upper() == "NOTPROVIDED":  # ISO 20022's "no id given"
            reference = None
        if not reference:
            fik = parse_fik(record.text)
            reference = fik.code_line() if fik else None
        entries.append(
            BankEntry(
                origin=BankEntryOrigin.FILE,
                external_id=entry_id(account_number, record, seen[key]),
                account_number=account_number,
                entry_date=record.date,
                amount=Money.of(record.amount, record.currency),
                text=record.text or (record.counterparty or ""),
                counterparty=record.counterparty,
                bank_reference=reference,
            )
        )
    return tuple(entries)


def import_bank_csv(
    file: str | Path | SourceFile,
    *,
    account_number: int,
    layout: str | ColumnMapping = "auto",
) -> BankFileImport:
    """Import a netbank CSV export: all its booked rows, or a FileImportError and nothing."""
    source = file if isinstance(file, SourceFile) else SourceFile.read(file)
    if isinstance(layout, ColumnMapping):
        mapping = layout
    elif layout == "auto":
        mapping = detect_layout(source).mapping
    elif layout in LAYOUTS:
        mapping = LAYOUTS[layout].mapping
    else:
        raise FileImportError.single(
            source.name,
            say(
                QT_TRANSLATE_NOOP("CLI", "unknown bank layout {0!r}; known: {1}"),
                layout,
                ", ".join(LAYOUTS),
            ),
        )
    parsed = parse_csv(source, mapping)
    return BankFileImport(
        file=source.name,
        layout=mapping.name,
        encoding=parsed.encoding,
        entries=to_bank_entries(parsed, account_number),
        skipped=parsed.skipped,
    )
