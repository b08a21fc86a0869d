"""One door for bank statement files: camt XML or a netbank CSV export, told apart by content."""

from __future__ import annotations

from pathlib import Path

from econdesk.connectors.files.bankcsv import import_bank_csv
from econdesk.connectors.files.camt import import_camt
from econdesk.connectors.files.mapping import ColumnMapping
from econdesk.connectors.files.statement import BankFileImport
from econdesk.connectors.files.text import SourceFile


def looks_like_xml(source: SourceFile) -> bool:
    """A CSV export never starts with "<"; an XML document (after a BOM and space) does."""
    return source.data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def import_bank_file(
    file: str | Path | SourceFile,
    *,
    account_number: int,
    layout: str | ColumnMapping = "auto",
    iban: str | None = None,
) -> BankFileImport:
    """All booked lines of a bank statement file, or a FileImportError and nothing."""
    source = file if isinstance(file, SourceFile) else SourceFile.read(file)
    if layout == "auto" and looks_like_xml(source):
        return import_camt(source, account_number=account_number, iban=iban)
    return import_bank_csv(source, account_number=account_number, layout=layout)
