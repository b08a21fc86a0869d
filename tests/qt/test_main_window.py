"""The review window on a real store: keyboard decisions, undo, filters, hand matching."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from econdesk.domain.model import MatchMethod, MatchState
from econdesk.qt.models.table import ROW_ROLE
from econdesk.qt.widgets.state_filter import ALL


def wait_idle(qtbot, win):
    qtbot.waitUntil(lambda: not win.tasks.busy, timeout=5000)


def stored_state(win, match_id):
    with win.workspace.db.reader() as store:
        return store.matches.get(match_id).state


def test_loads_the_period_with_counts_and_amounts(window):
    win = window
    proposed = [m for m in win.match_model.rows if m.state is MatchState.PROPOSED]
    assert win.proposals.proxy.rowCount() == len(proposed) > 0  # opens on "Proposed"
    button = win.state_filter.buttons["proposed"].text()
    assert f"Proposed  {len(proposed)}" in button
    total = sum((m.amount.amount for m in proposed), Decimal(0))
    assert f"{total:,.2f} DKK" in button
    assert win.bank_model.rowCount() == 40 and win.lines_model.rowCount() == 40
    assert win.lines_panel.table.proxy.rowCount() == 10  # open only: a quarter is unmatched
    assert win.explanation.match is win.proposals.current_object()


def test_keyboard_approve_reject_park_and_undo_keep_the_cursor(qtbot, window):
    win = window
    table = win.proposals
    table.setFocus()
    table.select_row(2)
    first, following = (table.proxy.index(r, 0).data(ROW_ROLE) for r in (2, 3))
    qtbot.keyClick(table, Qt.Key.Key_A)
    wait_idle(qtbot, win)
    assert stored_state(win, first.id) is MatchState.APPROVED
    assert table.currentIndex().row() == 2  # the next proposal slid into place
    assert table.current_object().id == following.id
    qtbot.keyClick(table, Qt.Key.Key_R)
    wait_idle(qtbot, win)
    assert stored_state(win, following.id) is MatchState.REJECTED
    park_target = table.current_object()
    qtbot.keyClick(table, Qt.Key.Key_P)
    wait_idle(qtbot, win)
    assert stored_state(win, park_target.id) is MatchState.PARKED
    qtbot.keyClick(table, Qt.Key.Key_J)
    assert table.currentIndex().row() == 3
    qtbot.keyClick(table, Qt.Key.Key_K)
    assert table.currentIndex().row() == 2
    # Undo, three times: each decision comes back, newest first, the cursor on the match.
    for target in (park_target, following, first):
        qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        wait_idle(qtbot, win)
        assert stored_state(win, target.id) is MatchState.PROPOSED
        assert table.current_object().id == target.id
    assert win.state_filter.totals.count["approved"] == sum(
        1 for m in win.match_model.rows if m.state is MatchState.APPROVED
    )


def test_letters_typed_in_search_are_not_decisions(qtbot, window):
    win = window
    before = win.proposals.current_object()
    win.period_bar.search.setFocus()
    qtbot.keyClicks(win.period_bar.search, "ar")
    wait_idle(qtbot, win)
    assert stored_state(win, before.id) is MatchState.PROPOSED


def test_approve_all_auto_takes_only_the_safe_ones(qtbot, window):
    win = window
    auto = {m.id for m in win.match_model.rows if m.auto and m.state is MatchState.PROPOSED}
    assert auto
    win.actions_by_name["approveAuto"].trigger()
    wait_idle(qtbot, win)
    approved_now = {m.id for m in win.match_model.rows if m.state is MatchState.APPROVED}
    assert auto <= approved_now
    assert all(stored_state(win, i) is MatchState.APPROVED for i in auto)
    still_proposed = [m for m in win.match_model.rows if m.state is MatchState.PROPOSED]
    assert still_proposed and not any(m.auto for m in still_proposed)  # the unsafe ones wait
    win.state_filter.choose("auto")
    assert win.proposals.proxy.rowCount() == 0


def test_state_filter_and_search_narrow_the_proposals(qtbot, window):
    win = window
    win.state_filter.choose(ALL)
    assert win.proposals.proxy.rowCount() == win.match_model.rowCount()
    win.state_filter.choose("parked")
    assert win.proposals.proxy.rowCount() == sum(
        1 for m in win.match_model.rows if m.state is MatchState.PARKED
    )
    win.state_filter.choose(ALL)
    invoice = win.lines_model.rows[5].invoice_ref
    win.period_bar.search.setText(invoice)
    qtbot.waitUntil(lambda: win.proposals.proxy.rowCount() == 1, timeout=2000)
    assert win.lines_panel.table.proxy.rowCount() <= 1


def test_manual_match_with_live_sums(qtbot, window):
    win = window
    lines = win.lines_panel.table
    bank = win.bank_panel.table
    lines.select_row(0)
    bank.select_row(0)
    line, entry = lines.current_object(), bank.current_object()
    summary = win.manual_bar.summary.text()
    assert "Difference" in summary
    expected = entry.amount.amount - line.net.amount
    assert f"{expected:,.2f}" in summary
    bank.setFocus()
    qtbot.keyClick(bank, Qt.Key.Key_M)
    wait_idle(qtbot, win)
    made = [m for m in win.match_model.rows if m.method is MatchMethod.MANUAL]
    assert len(made) == 1 and made[0].state is MatchState.APPROVED
    assert made[0].bank_refs == (entry.ref,) and made[0].item_refs == (line.ref,)
    assert made[0].difference.amount == expected
    assert win.lines_panel.table.proxy.rowCount() == 9  # the line is no longer open


def correct_to_an_open_line(qtbot, win):
    """Correct the current proposal to the first open platform line: (proposal, line)."""
    target = win.proposals.current_object()
    win.start_correction()
    assert win.manual_bar.correcting == target.id
    lines = win.lines_panel.table
    assert [x.ref for x in lines.selected_objects()] == list(target.item_refs)
    open_line = next(x for x in win.lines_model.rows if win.lines_model.is_open(x))
    lines.clearSelection()
    lines.select_refs([open_line.ref])
    win.match_selected()
    wait_idle(qtbot, win)
    return target, open_line


def test_correcting_a_proposal_swaps_its_platform_line(qtbot, window):
    win = window
    target, open_line = correct_to_an_open_line(qtbot, win)
    with win.workspace.db.reader() as store:
        stored = store.matches.get(target.id)
    assert stored.item_refs == (open_line.ref,)
    assert stored.method is MatchMethod.MANUAL
    assert win.manual_bar.correcting is None


def test_undo_brings_a_corrected_proposal_back_as_it_was(qtbot, window):
    win = window
    table = win.proposals
    target, open_line = correct_to_an_open_line(qtbot, win)
    with win.workspace.db.reader() as store:
        assert store.matches.get(target.id).item_refs == (open_line.ref,)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, win)
    with win.workspace.db.reader() as store:
        restored = store.matches.get(target.id)
        revisions = store.audit_events(action_prefix="match.revised", newest_first=False)
    assert restored.item_refs == target.item_refs
    assert restored.bank_refs == target.bank_refs
    assert (restored.method, restored.score, restored.auto) == (
        target.method,
        target.score,
        target.auto,
    )
    assert restored.difference == target.difference
    assert restored.explanation == target.explanation
    assert restored.state is target.state
    # Both the correction and its undoing are in the audit log, each with before and after.
    assert len(revisions) == 2
    assert target.id in revisions[-1].subjects

    def content(summary):
        return {k: v for k, v in summary.items() if k != "version"}

    assert content(revisions[-1].payload["before"]) == content(revisions[0].payload["after"])
    assert content(revisions[-1].payload["after"]) == content(revisions[0].payload["before"])
    # The window shows it as it was: the swapped-in line is open again, the cursor on it.
    assert win.lines_model.is_open(open_line)
    assert table.current_object().id == target.id
    assert table.current_object().item_refs == target.item_refs
    assert "Undone" in win.statusBar().currentMessage()
