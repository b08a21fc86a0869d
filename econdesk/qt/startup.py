"""What the demo does once its window is open: fetch the period, match it, show it."""

from __future__ import annotations

from collections.abc import Callable

from econdesk.qt.main_window import MainWindow
from econdesk.qt.workspace import Period


def fetch_and_match(
    window: MainWindow, done: Callable[[], None], *, fetch: Period | None = None
) -> None:
    """Fetch `fetch` (default: the shown period), then run the matcher (progress dialogs),
    then call `done`."""
    period = fetch or window.period_bar.period
    window.operations.sync(period, then=lambda: window.match(done))
