"""Unexpected failures: the traceback goes to a private log file, the person gets one line.

An unexpected exception's own text can hold anything: a database error carries the SQL and
its parameters, which name customers and amounts. So what a person sees names only what
failed and the exception's kind ("sync failed unexpectedly (IntegrityError:
UniqueViolation)"), plus where the traceback was written; the file is readable by its owner
only.
"""

from __future__ import annotations

import logging
import traceback
from datetime import UTC, datetime
from pathlib import Path

from econdesk import filemodes, paths

LOG_FILE = "econdesk.log"
log = logging.getLogger("econdesk")


def log_file() -> Path:
    return paths.log_dir() / LOG_FILE


def kind(error: BaseException) -> str:
    """The exception's class, and the driver's where a library wrapped one ("IntegrityError:
    UniqueViolation"): enough to tell failures apart, never their text."""
    name = type(error).__name__
    inner = getattr(error, "orig", None)  # SQLAlchemy's DBAPIError wraps the driver's error
    if isinstance(inner, BaseException) and type(inner).__name__ != name:
        name = f"{name}: {type(inner).__name__}"
    return name


def write_traceback(what: str, error: BaseException) -> Path | None:
    """Append `error`'s traceback, headed by `what` and the time, to the log file (created
    owner-only). Returns the file, or None when it could not be written."""
    path = log_file()
    trace = "".join(traceback.format_exception(error))
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        filemodes.private_folder(path.parent)
        filemodes.create_private_file(path)
        with path.open("a", encoding="utf-8") as out:
            out.write(f"--- {stamp} {what} failed unexpectedly\n{trace}\n")
    except OSError:
        log.debug("could not write the traceback to %s", path, exc_info=True)
        return None
    return path
