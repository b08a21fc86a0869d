"""Screenshots of the main views, saved under artifacts/screenshots/ for a person to look at.

They also guard the layout: nothing important is empty or cut off at the default size.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale

from econdesk.qt import i18n


def test_main_window_screenshot(qtbot, window, screenshot_dir):
    win = window
    win.resize(1440, 900)
    win.proposals.select_row(1)
    win.lines_panel.table.select_row(0)
    win.bank_panel.table.select_row(0)
    qtbot.wait(50)
    image = win.grab()
    assert image.save(str(screenshot_dir / "main_window_en.png"))
    assert win.explanation.match is not None
    assert win.explanation.terms.height() >= win.explanation.terms.sizeHint().height()
    assert win.manual_bar.summary.text()


def test_main_window_in_danish_screenshot(qtbot, window, screenshot_dir):
    win = window
    win.set_language("da")
    try:
        win.resize(1440, 900)
        win.proposals.select_row(0)
        qtbot.wait(50)
        assert win.grab().save(str(screenshot_dir / "main_window_da.png"))
        assert QLocale().language() == QLocale.Language.Danish
    finally:
        win.set_language("en")
        i18n.install_language("en")
