"""The dashboard's figures and charts, and the audit log viewer with its chain check."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import text

from econdesk.domain.model import MatchState
from econdesk.qt.dashboard_data import MATCHED, OPEN, PROPOSED, figures
from econdesk.qt.widgets.charts import nice_max


def test_figures_split_the_bank_amounts_exactly(window):
    win = window
    snapshot = win._current_snapshot()
    f = figures(snapshot)
    holder = snapshot.claims.holder
    expected = {MATCHED: Decimal(0), PROPOSED: Decimal(0), OPEN: Decimal(0)}
    for entry in snapshot.bank:
        match = holder.get(entry.ref)
        if match is None:
            expected[OPEN] += entry.amount.amount
        elif match.state is MatchState.APPROVED:
            expected[MATCHED] += entry.amount.amount
        else:
            expected[PROPOSED] += entry.amount.amount
    assert f.amounts == expected
    assert sum(sum(day.values()) for day in f.by_day.values()) == sum(expected.values())
    assert f.total == 40 and f.counts[OPEN] == 10
    assert f.match_rate == f.counts[MATCHED] / 40
    assert list(f.by_source) == ["frisbii"]


def test_nice_axis_maximum():
    assert nice_max(Decimal("0")) == 1
    assert nice_max(Decimal("7.5")) == 10
    assert nice_max(Decimal("1234")) == 2000
    assert nice_max(Decimal("40000")) == 50000


def test_dashboard_follows_decisions_and_is_drawn(qtbot, window, screenshot_dir):
    win = window
    win.actions_by_name["dashboard"].trigger()
    board = win.dashboard
    qtbot.waitExposed(board)
    before = board.figures.counts[MATCHED]
    win.proposals.setFocus()
    win.proposals.select_row(0)
    win.actions_by_name["approve"].trigger()
    qtbot.waitUntil(lambda: board.figures.counts[MATCHED] == before + 1, timeout=5000)
    assert len(board.by_day.categories) == len(board.figures.by_day) > 10
    assert "Matched" in board.summary.text()
    assert board.grab().save(str(screenshot_dir / "dashboard_en.png"))


def test_audit_viewer_lists_events_and_names_a_tampered_one(qtbot, window, screenshot_dir):
    win = window
    win.actions_by_name["audit"].trigger()
    dialog = win.audit_dialog
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=5000)
    assert dialog.model.rows[0].seq == max(e.seq for e in dialog.model.rows)  # newest first
    dialog.verify()
    qtbot.waitUntil(lambda: dialog.verify_result is not None, timeout=5000)
    assert dialog.verify_result.ok and "intact" in dialog.verdict.text()
    assert dialog.grab().save(str(screenshot_dir / "audit_log_en.png"))
    # Someone edits an event behind econdesk's back (dropping the guard trigger first).
    with win.workspace.db.engine.begin() as conn:
        for (name,) in conn.execute(
            text("SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='audit_events'")
        ):
            conn.execute(text(f'DROP TRIGGER "{name}"'))
        conn.execute(text("UPDATE audit_events SET actor = 'mallory' WHERE seq = 3"))
    dialog.verify()
    qtbot.waitUntil(lambda: not dialog.verify_result.ok, timeout=5000)
    assert "#3" in dialog.verdict.text()
    assert dialog.table.current_object().seq == 3


def test_audit_viewer_names_actions_in_the_readers_language(qtbot, window):
    from PySide6.QtCore import Qt

    from econdesk.qt import i18n

    win = window
    with win.workspace.db.transaction() as store:
        store.record("match.reversed", ["m-000001"], {"reason": "forkert konto"})
        store.record("bilag.attached", ["m-000001"])
        store.record("some.future_action", ["m-000001"])
    win.actions_by_name["audit"].trigger()
    dialog = win.audit_dialog
    qtbot.waitUntil(lambda: dialog.model.rowCount() >= 3, timeout=5000)
    action = next(i for i, c in enumerate(dialog.model.columns) if c.title == "Action")

    def shown(row: int) -> str:
        return str(dialog.model.data(dialog.model.index(row, action)))

    newest = ["some.future_action", "bilag attached", "match's voucher reversed"]
    assert [shown(r) for r in range(3)] == newest  # an unknown action: its code
    try:
        win.set_language("da")  # while the viewer is open: it follows
        qtbot.waitUntil(lambda: dialog.windowTitle() == "Revisionslog", timeout=2000)
        assert [shown(r) for r in range(3)] == [
            "some.future_action",
            "bilag vedhæftet",
            "afstemningens bilag tilbageført",
        ]
        tip = dialog.model.data(dialog.model.index(2, action), Qt.ItemDataRole.ToolTipRole)
        assert tip == "match.reversed"  # the stable code stays at hand
        dialog.search.setText("tilbageført")  # found by the words the reader sees
        assert dialog.table.proxy.rowCount() == 1
    finally:
        win.set_language("en")
        i18n.install_language("en")
