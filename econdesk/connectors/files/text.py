"""Reading a delimited text file the way Danish exports come: whatever the encoding, with
`;` or `,` or tabs, a header or none, and preamble lines before the table.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from econdesk.connectors.files.errors import FileImportError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
DELIMITERS = (";", ",", "\t", "|")


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file's bytes and the name to show in messages (tests pass bytes directly)."""

    name: str
    data: bytes

    @classmethod
    def read(cls, path: str | Path) -> SourceFile:
        path = Path(path)
        try:
            return cls(path.name, path.read_bytes())
        except OSError as exc:
            raise FileImportError.single(
                path.name, say(QT_TRANSLATE_NOOP("CLI", "cannot be read: {0}"), exc.strerror)
            ) from exc


def decode(source: SourceFile, encoding: str = "auto") -> tuple[str, str]:
    """(text, encoding used). `auto`: a BOM first, then strict UTF-8, then Windows-1252.

    Latin-1/Windows-1252 is what older and BEC-style netbank exports use; the mojibake
    "BelÃ¸b" is what UTF-8 read as Latin-1 looks like, so UTF-8 must be tried first.
    """
    data = source.data
    if encoding != "auto":
        try:
            return data.decode(encoding), encoding
        except LookupError as exc:
            raise FileImportError.single(
                source.name, say(QT_TRANSLATE_NOOP("CLI", "unknown encoding {0!r}"), encoding)
            ) from exc
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise FileImportError.single(
                source.name,
                say(
                    QT_TRANSLATE_NOOP("CLI", "is not valid {0} text (byte {1})"),
                    encoding,
                    exc.start + 1,
                ),
                line=line,
            ) from exc
    for bom, name in _BOMS:
        if data.startswith(bom):
            return decode(source, name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return data.decode("latin-1"), "latin-1"


def sniff_delimiter(lines: Sequence[str]) -> str:
    """The delimiter that splits the first lines into the same, largest number of fields."""
    sample = [line for line in lines if line.strip()][:20]
    best, best_score = ";", (-1, -1)
    for delimiter in DELIMITERS:
        counts = [len(next(csv.reader([line], delimiter=delimiter))) for line in sample]
        if not counts or max(counts) < 2:
            continue
        common = max(set(counts), key=counts.count)
        score = (counts.count(common), common)  # consistent first, then more columns
        if score > best_score:
            best, best_score = delimiter, score
    return best


@dataclass(frozen=True, slots=True)
class Row:
    line: int  # 1-based physical line where the record starts
    cells: tuple[str, ...]


def read_rows(text: str, delimiter: str) -> list[Row]:
    """Every non-blank record with the physical line it starts on (quoted newlines allowed)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    rows: list[Row] = []
    start = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append(Row(start, tuple(cells)))
            start = reader.line_num + 1
    except csv.Error as exc:  # e.g. a NUL byte
        raise ValueError(f"line {reader.line_num}: {exc}") from exc
    return rows


def normalise_header(name: str) -> str:
    """Header names compared loosely: case, surrounding space and quotes do not matter."""
    return name.strip().strip('"').strip().casefold()
