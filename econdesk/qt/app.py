"""Starting the desktop app: the QApplication, the language, the main window.

`run_app(workspace)` is what `econdesk gui` and `econdesk demo` call; `self_test=True` opens the
main window offscreen, waits for the period to load, closes it and returns 0 (1 if loading
failed) - the packaged bundle's smoke test.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from econdesk import __version__
from econdesk.qt import i18n
from econdesk.qt.main_window import MainWindow
from econdesk.qt.resources import icon
from econdesk.qt.tasks import Failure
from econdesk.qt.ui_settings import ui_settings
from econdesk.qt.workspace import Period, Workspace

SELF_TEST_TIMEOUT_MS = 60_000


def create_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("econdesk")
    app.setOrganizationName("econdesk")
    app.setApplicationDisplayName("econdesk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("econdesk")
    app.setWindowIcon(icon("econdesk"))
    return app


def chosen_language(configured: str | None) -> str | None:
    """The language picked in the app's menu, else the config's, else None (the system's)."""
    saved = ui_settings().value("language")
    return str(saved) if saved in i18n.LANGUAGES else configured


def open_main_window(
    workspace: Workspace, *, period: Period | None = None, language: str | None = None
) -> MainWindow:
    formatter = i18n.install_language(chosen_language(language))
    window = MainWindow(
        workspace, period=period or Period.month_of(date.today()), formatter=formatter
    )
    window.show()
    window.reload()
    return window


Startup = Callable[[MainWindow, Callable[[], None]], None]


def run_app(
    workspace: Workspace,
    *,
    period: Period | None = None,
    language: str | None = None,
    self_test: bool = False,
    startup: Startup | None = None,
) -> int:
    """Open the main window and run the event loop; returns the exit code.

    `startup(window, done)` runs once the window is open (the demo fetches and matches there)
    and calls `done()` when finished; the self-test waits for it and the reload after it.
    """
    app = create_application()
    window = open_main_window(workspace, period=period, language=language)
    if not self_test:
        if startup is not None:
            startup(window, lambda: None)
        return app.exec()
    outcome: list[int] = []

    def finish(code: int) -> None:
        if not outcome:
            outcome.append(code)
            window.close()
            app.quit()

    def loaded() -> None:
        shown = window.proposals.proxy.rowCount() + window.bank_panel.table.proxy.rowCount()
        print(
            f"self-test: main window open, {window.match_model.rowCount()} matches, "
            f"{window.bank_model.rowCount()} bank lines, {window.lines_model.rowCount()} "
            f"platform lines, {shown} rows shown"
        )
        finish(0)

    def failed(title: str, failure: Failure) -> None:
        print(f"self-test failed: {title}: {failure.error}", file=sys.stderr)
        finish(1)

    def started() -> None:
        window.reload(then=loaded)

    window.review.failed.connect(failed)
    window.operations.failed.connect(failed)
    window.load_failed.connect(lambda failure: failed("loading", failure))
    if startup is None:
        window.loaded_callbacks.append(loaded)
    else:
        startup(window, started)
    QTimer.singleShot(SELF_TEST_TIMEOUT_MS, lambda: finish(1))
    app.exec()
    return outcome[0] if outcome else 1
