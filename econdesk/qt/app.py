"""Starting the desktop app: the QApplication, the language, the main window.

`run_app(workspace)` is what `econdesk gui` and `econdesk demo` call; `self_test=True` opens the
main window offscreen, waits for the period to load, closes it and returns 0 (1 if loading
failed) - the packaged bundle's smoke test.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from types import FrameType

import PySide6
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from econdesk import __version__
from econdesk.errors import EcondeskError
from econdesk.qt import i18n
from econdesk.qt.main_window import MainWindow
from econdesk.qt.resources import icon
from econdesk.qt.tasks import Failure
from econdesk.qt.ui_settings import ui_settings
from econdesk.qt.workspace import Period, Workspace

SELF_TEST_TIMEOUT_MS = 60_000
SIGNAL_POLL_MS = 200  # Python handles a signal only when it runs: wake it this often


def binding_problem(version: str, python: tuple[int, int]) -> str | None:
    """Why this PySide6 cannot run on this Python, or None.

    PySide6 6.12 hands back None without a reference (Python 3.12 made None immortal); on 3.11
    the interpreter aborts after a few thousand Qt calls. Better a sentence than a crash.
    """
    parts = tuple(int(p) for p in version.split(".")[:2] if p.isdigit())
    if python < (3, 12) and parts >= (6, 12):
        return (
            f"PySide6 {version} does not work on Python {python[0]}.{python[1]}: "
            "install pyside6-essentials<6.12, or use Python 3.12 or newer"
        )
    return None


def create_application() -> QApplication:
    problem = binding_problem(PySide6.__version__, sys.version_info[:2])
    if problem is not None:
        raise EcondeskError(problem)
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
    window.live.start()  # colleagues' (and a scheduled job's) changes show as they happen
    window.show()
    window.reload()
    window.privacy.check()  # offers the retention purge once a year has passed its five
    return window


Startup = Callable[[MainWindow, Callable[[], None]], None]


@contextmanager
def closing_on_signals(close: Callable[[int], None]) -> Iterator[None]:
    """While the event loop runs, SIGTERM and SIGINT call `close(signum)` on the GUI thread
    (the window closes as if the user had closed it, and the caller's clean-up runs)."""
    if sys.platform == "win32" or threading.current_thread() is not threading.main_thread():
        yield  # no SIGTERM to speak of on Windows; handlers belong to the main thread
        return
    app = QApplication.instance()

    def handle(signum: int, _frame: FrameType | None) -> None:
        QTimer.singleShot(0, lambda: close(signum))

    previous = {s: signal.signal(s, handle) for s in (signal.SIGTERM, signal.SIGINT)}
    waker = QTimer(app)
    waker.timeout.connect(lambda: None)
    waker.start(SIGNAL_POLL_MS)
    try:
        yield
    finally:
        waker.stop()
        waker.deleteLater()
        for signum, handler in previous.items():
            signal.signal(signum, handler)


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
    if self_test:  # offscreen as promised, also where no display is set (a build server)
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = create_application()
    window = open_main_window(workspace, period=period, language=language)
    outcome: list[int] = []
    if not self_test:
        if startup is not None:
            startup(window, lambda: None)

        def close(signum: int) -> None:
            outcome.append(128 + signum)
            window.close()
            app.quit()

        with closing_on_signals(close):
            code = app.exec()
        return outcome[0] if outcome else code
    loop = QEventLoop()

    def finish(code: int) -> None:
        if not outcome:
            outcome.append(code)
            window.close()
            loop.quit()

    def loaded() -> None:
        shown = window.proposals.proxy.rowCount() + window.bank_panel.table.proxy.rowCount()
        print(
            f"self-test: main window open, {window.match_model.rowCount()} matches, "
            f"{window.bank_model.rowCount()} bank lines, {window.lines_model.rowCount()} "
            f"platform lines, {shown} rows shown"
        )
        # CPU time to here judges start-up on a busy machine better than the wall clock.
        print(f"self-test: shown after {time.process_time():.2f} s of CPU", file=sys.stderr)
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
    # A loop of its own: quitting the application's loop would leave Qt's quit flag set for
    # the thread, and a host that goes on (a test session) could run no event loop again.
    with closing_on_signals(lambda signum: finish(128 + signum)):
        loop.exec()
    return outcome[0] if outcome else 1
