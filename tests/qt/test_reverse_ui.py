"""Reversing a posted match from the review page: the action (also on the right mouse
button), the confirmation asking why, the reversal in the e-conomic sandbox, the refresh."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from econdesk.connectors import eventloop
from econdesk.domain.model import MatchState
from tests.qt.test_operations_ui import econ, posting_window  # noqa: F401 (fixtures)

SHOTS = Path("/tmp")


def test_a_posted_match_is_reversed_after_asking_why(qtbot, posting_window, econ):  # noqa: F811
    win = posting_window
    approved = [m.id for m in win.match_model.rows if m.state is MatchState.APPROVED]
    report = eventloop.run(win.workspace.posting().post(approved[:1]))
    assert report.ok, report
    target = approved[0]
    win.reload()
    qtbot.waitUntil(lambda: not win.loading, timeout=5000)
    win.state_filter.choose("posted")
    assert win.proposals.proxy.rowCount() == 1
    win.proposals.select_row(0)
    assert win.proposals.current_object().id == target
    action = win.actions_by_name["reverse"]
    assert action in win.proposals.actions()
    assert win.proposals.contextMenuPolicy() is Qt.ContextMenuPolicy.ActionsContextMenu
    assert action in win.review_menu.actions()

    win.proposals.setFocus()
    action.trigger()
    qtbot.waitUntil(lambda: win.operations.reverse_dialog is not None, timeout=5000)
    dialog = win.operations.reverse_dialog
    qtbot.waitExposed(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # no reversal without a reason
    qtbot.keyClicks(dialog.reason, "Wrong payout matched")
    assert ok.isEnabled()
    dialog.grab().save(str(SHOTS / "reverse_dialog.png"))
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.operations.reversed is not None, timeout=30000)
    qtbot.waitUntil(lambda: not win.operations.running and not win.loading, timeout=10000)

    outcome = win.operations.reversed
    assert outcome.voucher is not None
    with win.workspace.db.reader() as store:
        match = store.matches.get(target)
        (event,) = store.audit_events(subject=target, action_prefix="match.reversed")
    assert match.state is MatchState.PROPOSED and match.voucher is None
    assert event.payload["reason"] == "Wrong payout matched"
    message = win.statusBar().currentMessage()
    assert message.startswith(f"{target}: voucher ") and "proposed again" in message
    assert win.proposals.proxy.rowCount() == 0  # refreshed: nothing posted in this view now
    win.state_filter.choose("proposed")
    shown = [
        win.proposals.proxy.mapToSource(win.proposals.proxy.index(r, 0)).row()
        for r in range(win.proposals.proxy.rowCount())
    ]
    assert target in {win.match_model.rows[r].id for r in shown}
    win.grab().save(str(SHOTS / "reverse_after.png"))
    ref = outcome.voucher
    assert (ref.journal, ref.year, ref.number) in econ.data.documents  # its own bilag


def test_reverse_on_a_match_not_posted_says_so(qtbot, posting_window):  # noqa: F811
    win = posting_window
    win.state_filter.choose("approved")
    win.proposals.select_row(0)
    win.proposals.setFocus()
    win.actions_by_name["reverse"].trigger()
    assert win.operations.reverse_dialog is None
    assert win.statusBar().currentMessage() == "Only a posted match can be reversed."


def test_a_closed_period_says_to_reverse_again_on_an_open_day(qtbot, posting_window, econ):  # noqa: F811
    win = posting_window
    approved = [m.id for m in win.match_model.rows if m.state is MatchState.APPROVED]
    assert eventloop.run(win.workspace.posting().post(approved[:1])).ok
    target = approved[0]
    with win.workspace.db.reader() as store:
        entry = store.bank_entries.get(store.matches.get(target).bank_refs[0])
    econ.data.close_period(entry.entry_date)
    win.reload()
    qtbot.waitUntil(lambda: not win.loading, timeout=5000)
    win.state_filter.choose("posted")
    win.proposals.select_row(0)
    win.proposals.setFocus()
    win.actions_by_name["reverse"].trigger()
    qtbot.waitUntil(lambda: win.operations.reverse_dialog is not None, timeout=5000)
    dialog = win.operations.reverse_dialog
    qtbot.keyClicks(dialog.reason, "Wrong payout matched")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: win.operations.reversed is not None, timeout=30000)
    qtbot.waitUntil(lambda: win.findChild(QMessageBox, "reverseReport") is not None, timeout=5000)
    box = win.findChild(QMessageBox, "reverseReport")
    assert f"{target} was not reversed: " in box.text()
    assert "Reverse it again on a day of an open period" in box.text()
    assert "post again" not in box.text()
    box.close()
    with win.workspace.db.reader() as store:
        assert store.matches.get(target).state is MatchState.POSTED
