"""The whole workflow through the window, on the sandboxes over loopback: fetch, match, approve,
correct, match by hand, post, report. Slow-ish (a few seconds): one test walks the whole path."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from econdesk.cli.demo import start_demo
from econdesk.domain.model import MatchMethod, MatchState
from econdesk.qt.main_window import MainWindow
from econdesk.qt.workspace import Period, Workspace


@pytest.fixture
def demo():
    running = start_demo("tiny")
    yield running
    running.close()


def wait_job(qtbot, win, timeout=60000):
    qtbot.waitUntil(lambda: not win.operations.running and not win.tasks.busy, timeout=timeout)
    qtbot.waitUntil(lambda: not win.loading, timeout=10000)


def stored(win, match_id):
    with win.workspace.db.reader() as store:
        return store.matches.get(match_id)


@pytest.mark.slow
def test_fetch_match_review_post_and_report(qtbot, demo, monkeypatch, tmp_path, screenshot_dir):
    # The demo's config names a default revenue account; take it away to see posting refused.
    posting = dataclasses.replace(demo.config.posting, revenue_account=None, vat_code=None)
    # Vouchers that book the payments themselves (no booking mode, as a loopback sandbox may
    # leave it): the demo's bank-only books are `sales`, whose payments the daily sales
    # summaries book, not the payout's voucher (tests/accounting/test_voucher_modes.py).
    providers = {n: dataclasses.replace(p, booking=None) for n, p in demo.config.providers.items()}
    config = dataclasses.replace(demo.config, posting=posting, providers=providers)
    win = MainWindow(
        Workspace(demo.db, config, demo.config_path),
        period=Period(demo.first_day, demo.last_day),
    )
    qtbot.addWidget(win)
    win.show()
    errors = []
    win.operations.failed.connect(lambda title, failure: errors.append((title, failure.error)))
    win.review.failed.connect(lambda title, failure: errors.append((title, failure.error)))

    # Fetch, then match, from the toolbar.
    win.actions_by_name["sync"].trigger()
    wait_job(qtbot, win)
    assert not errors
    assert win.bank_model.rowCount() > 0 and win.lines_model.rowCount() > 0
    win.actions_by_name["match"].trigger()
    wait_job(qtbot, win)
    assert not errors
    assert win.match_model.rowCount() > 0
    win.resize(1440, 900)
    assert win.grab().save(str(screenshot_dir / "workflow_matched.png"))

    # Approve the first proposal with the keyboard.
    win.state_filter.choose("proposed")
    table = win.proposals
    table.setFocus()
    table.select_row(0)
    first = table.current_object()
    qtbot.keyClick(table, Qt.Key.Key_A)
    wait_job(qtbot, win)
    # the decision is saved behind (review.py): wait for it rather than for the next job
    qtbot.waitUntil(lambda: stored(win, first.id).state is MatchState.APPROVED, timeout=10000)

    # Correct the next proposal: drop its last platform line.
    target = next(
        (
            m
            for m in win.match_model.rows
            if m.state is MatchState.PROPOSED and len(m.item_refs) > 1
        ),
        None,
    )
    if target is not None:
        table.select_ref(target.id)
        win.start_correction()
        win.lines_panel.table.clearSelection()
        win.lines_panel.table.select_refs(target.item_refs[:-1])
        win.match_selected()
        wait_job(qtbot, win)
        revised = stored(win, target.id)
        assert revised.item_refs == target.item_refs[:-1]
        assert revised.method is MatchMethod.MANUAL

    # Posting is refused while a plan has no revenue account: the app says which, in words.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    win.actions_by_name["post"].trigger()
    wait_job(qtbot, win)
    refused = win.findChild(QMessageBox, "postReport")
    assert refused is not None and "no revenue account" in refused.detailedText()
    assert stored(win, first.id).state is MatchState.APPROVED  # nothing half-posted
    refused.close()

    # The bookkeeper sets the default revenue account and VAT code in Settings.
    win.actions_by_name["settings"].trigger()
    settings = win.settings_dialog
    qtbot.waitUntil(lambda: settings.mappings.loaded is not None, timeout=10000)
    settings.mappings.revenue.set_code(1010)
    settings.mappings.vat.set_code("U25")
    with qtbot.waitSignal(settings.saved, timeout=10000):
        settings.save()

    # Approve every safe proposal, then post the approved ones.
    win.actions_by_name["approveAuto"].trigger()
    wait_job(qtbot, win)
    approved = [m.id for m in win.match_model.rows if m.state is MatchState.APPROVED]
    win.actions_by_name["post"].trigger()
    wait_job(qtbot, win)
    assert not errors
    posted = [m for m in (stored(win, i) for i in approved) if m.state is MatchState.POSTED]
    assert posted and all(m.voucher is not None for m in posted)

    # The report for the period.
    report = tmp_path / "report.xlsx"
    monkeypatch.setattr(
        "econdesk.qt.main_window.QFileDialog.getSaveFileName", lambda *a, **k: (str(report), "")
    )
    win.actions_by_name["export"].trigger()
    wait_job(qtbot, win)
    assert report.exists() and win.operations.exported.matches > 0
    win.close()
