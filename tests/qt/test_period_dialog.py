"""The period sign-off dialog in the main window: sign off, a refused self-approval, reopen
with a reason; the month's matches are shown locked while it is signed off."""

from __future__ import annotations

from PySide6.QtCore import Qt

from econdesk.qt.models.matches import STATE
from econdesk.storage import PeriodState


def _state_texts(win) -> list[str]:
    model = win.match_model
    return [model.index(row, STATE).data() for row in range(model.rowCount())]


def test_sign_off_locks_the_month_and_reopen_unlocks_it(qtbot, window, screenshot_dir):
    win = window
    assert not any("(locked)" in t for t in _state_texts(win))
    win.actions_by_name["signOff"].trigger()
    dialog = win.period_dialog
    assert dialog is not None and dialog.period == "2026-03"
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.sign_button.isEnabled, timeout=5000)
    assert not dialog.approve_button.isEnabled() and not dialog.reopen_button.isEnabled()

    with qtbot.waitSignal(win.match_model.modelReset, timeout=10000):  # the window reloads
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not win.loading, timeout=5000)
    assert dialog.signoff is not None and dialog.signoff.state is PeriodState.SIGNED
    assert len(dialog.hash.text()) == 64
    assert "Signed off" in dialog.state.text()
    texts = _state_texts(win)
    assert texts and all("(locked)" in t for t in texts)  # every match of March is locked
    assert win.match_model.locked == {m.id for m in win.match_model.rows}
    assert dialog.grab().save(str(screenshot_dir / "period_signed_en.png"))

    # The preparer cannot approve their own sign-off: the dialog says why.
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "different person" in dialog.message.text(), timeout=5000)

    assert not dialog.reopen_button.isEnabled()  # a reason is needed first
    qtbot.keyClicks(dialog.reason, "a refund was dated wrong")
    assert dialog.reopen_button.isEnabled()
    with qtbot.waitSignal(win.match_model.modelReset, timeout=10000):
        qtbot.mouseClick(dialog.reopen_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not win.loading, timeout=5000)
    assert dialog.signoff is not None and dialog.signoff.state is PeriodState.REOPENED
    assert "a refund was dated wrong" in dialog.who.text()
    assert not any("(locked)" in t for t in _state_texts(win))
    with win.workspace.db.reader() as store:
        (event,) = store.audit_events(action_prefix="period.reopened")
    assert event.payload["reason"] == "a refund was dated wrong"
    dialog.close()
