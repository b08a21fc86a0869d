"""Voucher preview, Post and the report from the window, against the e-conomic sandbox."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QMessageBox, QTabWidget

from econdesk.config import load_config
from econdesk.domain.model import MatchState
from econdesk.qt.main_window import MainWindow
from econdesk.qt.workspace import Period, Workspace
from econdesk.sandbox.economic import EconomicSandbox, from_bank_entries


@pytest.fixture
def econ():
    """An agreement holding the workspace's bank lines, booked bank / Frisbii's clearing account
    (posting reads what each deposit was booked against)."""
    from tests.qt.factories import workspace_rows

    entries, _, _ = workspace_rows(40)
    data = from_bank_entries(entries, seed=3, contra=lambda _entry: 5831)
    with EconomicSandbox(data) as running:
        yield running


@pytest.fixture
def posting_window(qtbot, review_db, econ, tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(
        f"""
[economic]
base_url = "{econ.base_url}"
journals_url = "{econ.journals_url}"
app_secret_token = "{econ.app_secret_token}"
agreement_grant_token = "{econ.agreement_grant_token}"
bank_account = 5820
journal = 3
difference_account = 7290

[providers.frisbii]
base_url = "http://127.0.0.1:9"
api_key = "priv_test"
clearing_account = 5831
fee_account = 7220

[providers.frisbii.plans.plan-basic]
revenue_account = 1010
vat_code = "U25"
""",
        encoding="utf-8",
    )
    workspace = Workspace(review_db, load_config(path), path)
    win = MainWindow(workspace, period=Period.month_of(date(2026, 3, 1)))
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.match_model.modelReset, timeout=5000):
        win.reload()
    qtbot.waitUntil(lambda: not win.loading)
    yield win
    win.close()


def test_voucher_preview_shows_the_lines_that_would_be_posted(
    qtbot, posting_window, screenshot_dir
):
    win = posting_window
    win.state_filter.choose("approved")
    win.proposals.select_row(0)
    match = win.proposals.current_object()
    errors = []
    win.operations.failed.connect(lambda title, failure: errors.append((title, failure.error)))
    win.proposals.setFocus()
    win.actions_by_name["preview"].trigger()
    qtbot.waitUntil(
        lambda: win.operations.preview_dialog is not None or bool(errors), timeout=10000
    )
    assert not errors
    dialog = win.operations.preview_dialog
    qtbot.waitExposed(dialog)
    assert dialog.prepared.match_id == match.id
    assert dialog.prepared.deposit == match.amount
    roles = {dialog.lines.item(r, 0).text() for r in range(dialog.lines.rowCount())}
    assert {"Revenue", "Fee"} <= roles
    # The effect per account: clearing, revenue and fee rows, debits equal to credits.
    accounts = dialog.accounts
    kinds = [accounts.item(r, 0).text() for r in range(accounts.rowCount())]
    assert {"Clearing", "Revenue", "Fee"} <= set(kinds) and kinds[-1] == "Total"
    total = accounts.rowCount() - 1
    assert accounts.item(total, 3).text() == accounts.item(total, 4).text()
    assert dialog.effect is not None and dialog.effect.clearing_zero
    assert "Stays on clearing account 5831" in dialog.clearing_left.text()
    assert dialog.clearing_left.isVisible()
    dialog.findChild(QTabWidget, "voucherTabs").setCurrentIndex(1)
    assert dialog.grab().save(str(screenshot_dir / "voucher_effect_en.png"))
    dialog.findChild(QTabWidget, "voucherTabs").setCurrentIndex(0)
    assert dialog.grab().save(str(screenshot_dir / "voucher_preview_en.png"))
    dialog.close()


def test_a_proposed_match_has_its_voucher_previewed_too(qtbot, posting_window):
    win = posting_window
    win.state_filter.choose("proposed")
    win.proposals.select_row(0)
    match = win.proposals.current_object()
    assert match is not None and match.state is MatchState.PROPOSED
    errors = []
    win.operations.failed.connect(lambda title, failure: errors.append((title, failure.error)))
    win.preview_voucher()
    qtbot.waitUntil(
        lambda: win.operations.preview_dialog is not None or bool(errors), timeout=10000
    )
    assert not errors
    assert win.operations.preview_dialog.prepared.match_id == match.id
    assert win.operations.preview_dialog.prepared.deposit == match.amount
    win.operations.preview_dialog.close()


def test_preview_of_an_unmapped_match_names_the_problem(qtbot, posting_window, monkeypatch):
    win = posting_window
    shown = []
    monkeypatch.setattr(
        "econdesk.qt.main_window.show_error", lambda _w, title, f: shown.append((title, f))
    )
    config = win.workspace.config
    win.workspace.config = replace(config, economic=replace(config.economic, journal=99))
    win.state_filter.choose("approved")
    win.proposals.select_row(0)
    win.preview_voucher()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    title, failure = shown[0]
    assert title.startswith("No voucher for m-")
    assert "99" in str(failure.error)


def test_post_sends_the_approved_matches_and_marks_them_posted(
    qtbot, posting_window, monkeypatch, econ
):
    win = posting_window
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    approved = [m.id for m in win.match_model.rows if m.state is MatchState.APPROVED]
    assert approved
    win.show_dashboard()  # a page of the window, refreshed after posting
    board = win.dashboard
    win.actions_by_name["post"].trigger()
    qtbot.waitUntil(lambda: not win.operations.running, timeout=30000)
    qtbot.waitUntil(lambda: not win.loading, timeout=5000)
    with win.workspace.db.reader() as store:
        states = {m: store.matches.get(m) for m in approved}
    assert all(m.state is MatchState.POSTED and m.voucher is not None for m in states.values())
    message = win.statusBar().currentMessage()
    assert message.startswith(f"Posted {len(approved)} of {len(approved)}")
    assert f"{len(approved)} bilag attached in e-conomic." in message
    assert len(econ.data.documents) == len(approved)  # each voucher has its bilag
    win.state_filter.choose("posted")
    assert win.proposals.proxy.rowCount() == len(approved)
    shown = {m.id: m.state for m in board.snapshot.matches}
    assert all(shown[m] is MatchState.POSTED for m in approved)


def test_report_writes_the_workbook_for_the_period(qtbot, posting_window, monkeypatch, tmp_path):
    from openpyxl import load_workbook

    win = posting_window
    target = tmp_path / "march.xlsx"
    monkeypatch.setattr(
        "econdesk.qt.main_window.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "")
    )
    win.actions_by_name["export"].trigger()
    qtbot.waitUntil(lambda: not win.operations.running, timeout=30000)
    assert target.exists()
    assert win.operations.exported.matches == win.match_model.rowCount()
    assert win.statusBar().currentMessage().startswith("Wrote march.xlsx")
    book = load_workbook(target, read_only=True)
    assert "Matches" in book.sheetnames and "Open bank entries" in book.sheetnames


def test_clearing_roll_forward_from_the_menu(qtbot, posting_window, econ, screenshot_dir):
    win = posting_window
    errors = []
    win.operations.failed.connect(lambda title, failure: errors.append((title, failure.error)))
    action = win.actions_by_name["rollforward"]
    assert action in win.view_menu.actions()
    action.trigger()
    qtbot.waitUntil(
        lambda: win.operations.rollforward_dialog is not None or bool(errors), timeout=15000
    )
    assert not errors
    dialog = win.operations.rollforward_dialog
    qtbot.waitExposed(dialog)
    (frisbii,) = [r for r in dialog.found if r.account == 5831]
    # The bank feed booked every deposit bank / 5831 (dated in or before the period).
    period = win.period_bar.period
    entries = [
        e
        for (account, _year), booked in econ.data.by_account_year.items()
        if account == 5831
        for e in booked
    ]
    booked = sum((e.amount_base for e in entries if e.day <= period.end), Decimal(0))
    assert frisbii.closing_base.amount == booked
    assert frisbii.opening + frisbii.moved == frisbii.closing
    lines = [dialog.line(row) for row in range(dialog.table.rowCount())]
    names = [name for name, _ in lines]
    assert "Opening balance" in names and "Closing balance" in names
    assert ("Closing balance", win.operations.formatter.money(frisbii.closing)) in lines
    assert any(name == "Payouts to the bank" for name in names)
    assert dialog.grab().save(str(screenshot_dir / "clearing_rollforward_en.png"))
    dialog.close()


def test_after_posting_the_app_asks_before_marking_open_invoices_paid(qtbot, review_db, tmp_path):
    from econdesk.domain.model import (
        Match,
        MatchMethod,
        Voucher,
        VoucherEntryKind,
        VoucherLine,
        VoucherRef,
    )
    from econdesk.sandbox.frisbii.app import DEMO_KEY, FrisbiiSandbox
    from econdesk.sandbox.frisbii.render import frisbii_data
    from econdesk.sandbox.ratelimit import BucketLimiter
    from econdesk.sandbox.scenario import load_scenario

    scenario = load_scenario("tiny")
    invoice = scenario.open_items[0]
    truth = next(t for t in scenario.truth.matches if t.item_refs == (invoice.ref,))
    entry = next(e for e in scenario.bank_entries if e.ref == truth.bank_ref)
    with review_db.transaction() as store:
        store.bank_entries.upsert_many([entry])
        store.items.upsert_many([invoice])
        proposal = Match(
            id="",
            state=MatchState.PROPOSED,
            method=MatchMethod.REFERENCE,
            score=0.94,
            auto=True,
            bank_refs=(entry.ref,),
            item_refs=(invoice.ref,),
            amount=entry.amount,
            difference=entry.amount - entry.amount,
        )
        (match,) = store.matches.create_many([proposal])
        store.matches.transition(match.id, MatchState.APPROVED, expected_version=1)
        line = VoucherLine(
            VoucherEntryKind.FINANCE, entry.entry_date, entry.amount, "t", account=1010,
            contra_account=5831,
        )  # fmt: skip
        store.postings.claim(Voucher(match.id, 3, "2026", "ED-t", (line,)), "k-1")
        store.postings.mark_sent(match.id)
        store.postings.mark_posted(match.id, VoucherRef(3, "2026", 7))
    with FrisbiiSandbox(frisbii_data(scenario)).server(limiter=BucketLimiter(500, 1.0)) as f:
        path = tmp_path / "config.toml"
        path.write_text(
            f'[providers.frisbii]\nbase_url = "{f.base_url}"\napi_key = "{DEMO_KEY}"\n'
            "clearing_account = 5831\nfee_account = 7220\nbooking = 'sales'\n"
            "mark_paid_offline = true\n",
            encoding="utf-8",
        )
        win = MainWindow(Workspace(review_db, load_config(path), path))
        qtbot.addWidget(win)
        win.operations.offer_marking([match.id])
        qtbot.waitUntil(lambda: win.operations.mark_question is not None, timeout=5000)
        box = win.operations.mark_question
        assert invoice.invoice_ref in box.detailedText()
        box.button(QMessageBox.StandardButton.Yes).click()
        qtbot.waitUntil(lambda: bool(f.exchanges("POST")), timeout=10000)
        qtbot.waitUntil(lambda: not win.operations.running, timeout=10000)
        assert f.exchanges("POST")[0].status == 200
        assert win.statusBar().currentMessage() == "Marked 1 of 1 invoices paid in their platform."
        win.close()


def test_a_posting_outcome_without_a_reason_is_named_in_words(qtbot):
    from econdesk.qt import i18n
    from econdesk.qt.operations import _why
    from econdesk.services.posting import MatchOutcome, Outcome

    in_doubt = MatchOutcome("m-000001", Outcome.IN_DOUBT)
    assert _why(in_doubt) == "sent, not yet confirmed by e-conomic"
    try:
        i18n.install_language("da")
        assert _why(in_doubt) == "sendt, endnu ikke bekræftet af e-conomic"
        assert _why(MatchOutcome("m-000001", Outcome.BUSY)).startswith("ved at blive overført")
    finally:
        i18n.install_language("en")
