"""Errors shown to a bookkeeper: one plain sentence, the technical detail one click away."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from econdesk.connectors.errors import ConnectorError
from econdesk.crashlog import kind, write_traceback
from econdesk.errors import EcondeskError
from econdesk.i18n.message import text_in
from econdesk.qt.i18n import current_language, tr
from econdesk.qt.tasks import Cancelled, Failure


def explain(error: BaseException) -> tuple[str, str]:
    """(sentence for the user, technical detail) for any exception a service raised."""
    if isinstance(error, ConnectorError):
        problems = [str(p) for p in getattr(error, "problems", ())]
        return error.render(current_language()), "\n".join([error.technical(), *problems])
    if isinstance(error, EcondeskError):  # raised with a Message: said in the app's language
        return text_in(error, current_language()), ""
    if isinstance(error, OSError):
        sentence = tr("The computer refused an operation: {0}").format(error.strerror or error)
        return sentence, f"{type(error).__name__}: {error}"
    # Its text can hold SQL and customer data: only its kind is shown, the rest is logged.
    return (
        tr("Something unexpected went wrong. Nothing was half-saved; you can try again."),
        kind(error),
    )


def _unexpected(error: BaseException) -> bool:
    return not isinstance(error, ConnectorError | EcondeskError | OSError)


def error_box(parent: QWidget | None, title: str, failure: Failure) -> QMessageBox | None:
    """A warning box with the sentence, and the detail plus traceback under "Show Details..."."""
    if isinstance(failure.error, Cancelled):
        return None
    sentence, technical = explain(failure.error)
    trace = failure.trace
    if _unexpected(failure.error):
        path = write_traceback(title, failure.error)
        trace = "" if path is None else tr("The details are in {0}").format(path)
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, sentence, QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("errorBox")
    box.setDetailedText("\n\n".join(part for part in (technical, trace) if part))
    return box


def show_error(parent: QWidget | None, title: str, failure: Failure) -> None:
    box = error_box(parent, title, failure)
    if box is not None:
        box.open()  # window-modal, never blocks a test or the event loop
