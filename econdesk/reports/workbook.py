"""Write the reconciliation workbook: all sheets, streamed, then an atomic rename into place.

The file appears under its name only when it is complete: it is written to a hidden temporary
file in the target folder, flushed to disk and renamed over the target. A failure anywhere
(bad data, a full disk, a database error in a row iterable) leaves no partial file and an
existing report at that path untouched.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from econdesk import filemodes
from econdesk.errors import EcondeskError, UsageError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say
from econdesk.reports.book import ReportBook
from econdesk.reports.data import ReportData
from econdesk.reports.redact import Pseudonymiser, Redactor
from econdesk.reports.rollforward import write_rollforward
from econdesk.reports.sheets import (
    write_audit,
    write_matches,
    write_open_bank,
    write_open_items,
    write_payouts,
    write_vouchers,
)
from econdesk.reports.summary import SummarySheet
from econdesk.reports.tally import Tally


class ReportError(EcondeskError):
    """The workbook could not be written; the message names the file."""


@dataclass(frozen=True, slots=True)
class ReportResult:
    path: Path
    matches: int
    payouts: int
    open_bank_entries: int
    open_items: int
    vouchers: int
    audit_events: int


def check_target(path: Path) -> Path:
    """The report's path, or a UsageError naming what is wrong with it."""
    if path.suffix.lower() != ".xlsx":
        raise UsageError(
            say(QT_TRANSLATE_NOOP("CLI", "{0}: the report file must end in .xlsx"), path)
        )
    if path.is_dir():
        folder_given = QT_TRANSLATE_NOOP("CLI", "{0} is a folder; give a file name ending in .xlsx")
        raise UsageError(say(folder_given, path))
    folder = path.parent
    if not folder.is_dir():
        missing = QT_TRANSLATE_NOOP("CLI", "{0}: the folder {1} does not exist")
        raise UsageError(say(missing, path, folder))
    return path


def write_report(
    data: ReportData,
    path: Path | str,
    *,
    secrets: Iterable[str] = (),
    pseudonyms: Mapping[str, str] | None = None,
    language: str = "en",
) -> ReportResult:
    """Write `data` as an .xlsx workbook at `path` in `language` ("en", "da"); `secrets` never
    appear in it, and with `pseudonyms` (name -> "customer 4711") no known person's name does
    either."""
    target = check_target(Path(path))
    book = ReportBook(
        company=data.company,
        period_text=data.period_text_in(language),
        timezone=data.timezone,
        redactor=Pseudonymiser(secrets, pseudonyms) if pseudonyms else Redactor(secrets),
        language=language,
    )
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}.tmp")
    try:
        tally = Tally()
        summary = SummarySheet(book)  # first tab, written once the lists are counted
        matches = write_matches(book, data.matches, tally)
        payouts = write_payouts(book, data.payouts, tally)
        open_bank = write_open_bank(book, data.open_bank_entries, tally, data.age_date)
        open_items = write_open_items(book, data.open_items, tally, data.age_date)
        vouchers = write_vouchers(book, data.vouchers, tally)
        write_rollforward(book, data.rollforward)
        audit = write_audit(book, data.audit, tally)
        summary.write(data, tally)
        _save(book, temporary, target)
    except OSError as exc:
        raise ReportError(f"cannot write the report {target}: {exc.strerror or exc}") from exc
    finally:
        book.discard()
        temporary.unlink(missing_ok=True)
    return ReportResult(
        target,
        matches.rows,
        payouts.rows,
        open_bank.rows,
        open_items.rows,
        vouchers.rows,
        audit.rows,
    )


def _save(book: ReportBook, temporary: Path, target: Path) -> None:
    # Create the file ourselves (exclusive, the user's alone: it names customers) so openpyxl
    # only fills it.
    os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, filemodes.PRIVATE_FILE))
    filemodes.restrict(temporary)
    book.save(temporary)
    with temporary.open("rb+") as handle:
        os.fsync(handle.fileno())
    try:
        temporary.replace(target)
    except PermissionError as exc:  # Windows: the old report is open in Excel
        raise ReportError(f"cannot replace {target}: is it open in another program?") from exc
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows (POSIX)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
