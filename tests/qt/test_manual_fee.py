"""A hand-made match or a correction gets the fee the platform does not state, as the matcher
infers it (MobilePay's 1 % on Frisbii payments), instead of a large difference; and only then."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from econdesk.config import Config
from econdesk.domain.model import (
    BankEntry,
    BankEntryOrigin,
    ItemKind,
    MatchMethod,
    MatchState,
    PlatformItem,
)
from econdesk.domain.money import Money
from econdesk.matching.settings import FeeModel
from econdesk.matching.sources import default_settings
from econdesk.qt.workspace import Workspace
from econdesk.services.manual_fees import infer_fee


def dkk(text: str) -> Money:
    return Money.of(text, "DKK")


def payment(n: int, amount: str, provider: str = "frisbii", fee: str | None = None) -> PlatformItem:
    return PlatformItem(
        provider=provider,
        external_id=f"pay_{n}",
        kind=ItemKind.PAYMENT,
        amount=dkk(amount),
        occurred_at=datetime(2026, 5, 4, 10, n, tzinfo=UTC),
        fee=dkk(fee) if fee is not None else None,
    )


def deposit(n: int, amount: str) -> BankEntry:
    return BankEntry(
        BankEntryOrigin.BOOKED, str(n), 5820, date(2026, 5, 5), dkk(amount), "MOBILEPAY OVERFØRSEL"
    )


ITEMS = [payment(1, "100.00"), payment(2, "250.00"), payment(3, "49.00")]  # 1 %: 3.99


def nets(items: list[PlatformItem]) -> Money:
    return sum((i.net for i in items), dkk("0"))


@pytest.mark.parametrize(
    ("bank", "fee"),
    [
        ("395.01", "3.99"),  # exactly the 1 %
        ("395.04", "3.99"),  # within the 5 øre of rounding the matcher allows
        ("394.97", "3.99"),
        ("399.00", None),  # no fee kept: nothing to infer
        ("394.90", None),  # 11 øre more than the model: a difference, not a fee
        ("380.00", None),
    ],
)
def test_the_fee_model_explains_the_difference_or_nothing_is_inferred(bank, fee):
    inferred = infer_fee(dkk(bank), nets(ITEMS), ITEMS, default_settings())
    assert (inferred.fee if inferred else None) == (dkk(fee) if fee else None)
    if inferred:
        assert "MobilePay Subscriptions 1 %" in inferred.term().detail


def test_stated_fees_other_platforms_and_mixed_platforms_get_none():
    settings = default_settings()
    stated = [payment(1, "100.00", fee="1.00"), payment(2, "250.00", fee="2.50")]
    assert infer_fee(dkk("346.50"), nets(stated), stated, settings) is None
    chargebee = [payment(1, "100.00", "chargebee"), payment(2, "250.00", "chargebee")]
    assert infer_fee(dkk("346.50"), nets(chargebee), chargebee, settings) is None  # no model
    mixed = [payment(1, "100.00"), payment(2, "250.00", "mobilepay")]
    assert infer_fee(dkk("346.50"), nets(mixed), mixed, settings) is None


def test_the_closest_of_several_fee_models_wins():
    models = (
        FeeModel(Decimal(1), name="one"),
        FeeModel(Decimal("1.45"), Decimal("0.25"), name="card"),
    )
    settings = default_settings()
    source = replace(settings.source("frisbii"), fee_models=models)
    settings = replace(settings, sources={**settings.sources, "frisbii": source})
    # 1.45 % + 0.25 on each: 1.70 + 3.88 + 0.96 = 6.54
    inferred = infer_fee(dkk("392.46"), nets(ITEMS), ITEMS, settings)
    assert inferred is not None and inferred.fee == dkk("6.54") and inferred.model == "card"


@pytest.fixture
def workspace(sqlite_db):
    with sqlite_db.transaction() as store:
        store.bank_entries.upsert_many([deposit(1, "395.01"), deposit(2, "399.00")])
        store.items.upsert_many(ITEMS)
    return Workspace(sqlite_db, Config())


def test_a_manual_match_carries_the_inferred_fee_like_an_automatic_one(workspace):
    refs = [i.ref for i in ITEMS]
    made = workspace.create_manual([deposit(1, "395.01").ref], refs)
    assert made.method is MatchMethod.MANUAL and made.state is MatchState.APPROVED
    assert made.inferred_fee == dkk("3.99")
    assert made.difference == dkk("0.00")  # bank = items' net - inferred fee + difference
    assert made.amount == nets(ITEMS) - made.inferred_fee + made.difference
    assert [t.term for t in made.explanation] == ["manual", "fee"]
    with workspace.db.reader() as store:
        assert store.matches.get(made.id).inferred_fee == dkk("3.99")


def test_a_manual_match_the_fee_does_not_explain_keeps_its_difference(workspace):
    made = workspace.create_manual([deposit(2, "399.00").ref], [i.ref for i in ITEMS])
    assert made.inferred_fee is None
    assert made.difference == dkk("0.00")
    made = workspace.restore(made, MatchState.REJECTED)
    partial = workspace.create_manual([deposit(1, "395.01").ref], [ITEMS[0].ref])
    assert partial.inferred_fee is None  # 1.00 of fee cannot explain 295.01 short
    assert partial.difference == dkk("295.01")


def test_a_correction_gains_and_loses_the_inferred_fee(workspace):
    made = workspace.create_manual([deposit(1, "395.01").ref], [ITEMS[0].ref])
    proposal = workspace.restore(made, MatchState.PROPOSED)  # reopened, so it can be corrected
    assert proposal.inferred_fee is None
    corrected = workspace.revise(proposal, [deposit(1, "395.01").ref], [i.ref for i in ITEMS])
    assert corrected.inferred_fee == dkk("3.99") and corrected.difference == dkk("0.00")
    assert corrected.state is MatchState.PROPOSED
    back = workspace.revise(corrected, [deposit(1, "395.01").ref], [ITEMS[0].ref])
    assert back.inferred_fee is None and back.difference == dkk("295.01")


def test_the_window_shows_the_inferred_fee_live_and_the_match_stores_it(
    qtbot, workspace, screenshot_dir
):
    from econdesk.qt.main_window import MainWindow
    from econdesk.qt.workspace import Period

    win = MainWindow(workspace, period=Period.month_of(date(2026, 5, 1)))
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.match_model.modelReset, timeout=5000):
        win.reload()
    qtbot.waitUntil(lambda: not win.loading)
    win.bank_panel.table.select_refs([deposit(1, "395.01").ref])
    win.lines_panel.table.select_refs([i.ref for i in ITEMS])
    selection = win.manual_bar.selection
    assert selection.fee == dkk("3.99") and selection.difference == dkk("0.00")
    summary = win.manual_bar.summary.text()
    assert "Fee inferred" in summary and "3.99" in summary
    win.resize(1300, 700)
    win.grab().save(str(screenshot_dir / "manual-match-inferred-fee.png"))
    win.match_selected()
    qtbot.waitUntil(lambda: not win.tasks.busy, timeout=5000)
    made = [m for m in win.match_model.rows if m.method is MatchMethod.MANUAL]
    assert len(made) == 1 and made[0].inferred_fee == dkk("3.99")
    assert made[0].difference == dkk("0.00")
    win.close()
