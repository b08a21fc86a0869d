"""What the demo does once its window is open: fetch the period, match it, show it."""

from __future__ import annotations

from collections.abc import Callable

from econdesk.qt.main_window import MainWindow


def fetch_and_match(window: MainWindow, done: Callable[[], None]) -> None:
    """Fetch the shown period, then run the matcher (progress dialogs), then call `done`."""
    window.operations.sync(window.period_bar.period, then=lambda: window.match(done))
