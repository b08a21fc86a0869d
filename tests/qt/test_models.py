"""Every table model and the proxy pass Qt's model tester; sorting and filtering hold up."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt

from econdesk.domain.model import MatchState
from econdesk.qt.formatting import Formatter
from econdesk.qt.models.bank import BankEntryModel
from econdesk.qt.models.items import PlatformItemModel
from econdesk.qt.models.matches import AMOUNT, DIFFERENCE, SCORE, STATE, MatchModel
from econdesk.qt.models.proxy import TableProxy
from econdesk.qt.models.status import Claims
from econdesk.qt.models.table import ROW_ROLE
from tests.qt.factories import payout, workspace_rows


@pytest.fixture
def rows():
    return workspace_rows(40)


def make_models(rows):
    entries, items, matches = rows
    bank = BankEntryModel()
    bank.set_rows(entries)
    side = PlatformItemModel()
    side.set_rows([*items, payout(1, "500.00")])
    lookup = {e.ref: e for e in entries}
    match_model = MatchModel(lookup.get)
    match_model.set_rows(matches)
    held = Claims(matches).holder
    bank.set_claims(held)
    side.set_claims(held)
    return bank, side, match_model


def test_every_model_passes_the_model_tester(qtmodeltester, rows):
    for model in make_models(rows):
        qtmodeltester.check(model, force_py=True)
        proxy = TableProxy()
        proxy.setSourceModel(model)
        proxy.sort(2, Qt.SortOrder.DescendingOrder)
        proxy.set_search("a")
        qtmodeltester.check(proxy, force_py=True)


def test_proxy_stays_consistent_through_changes_under_the_tester(qtmodeltester, rows):
    _, _, model = make_models(rows)
    proxy = TableProxy()
    proxy.setSourceModel(model)
    proxy.sort(SCORE, Qt.SortOrder.DescendingOrder)
    proxy.set_predicate(lambda m: m.state is MatchState.PROPOSED)
    qtmodeltester.check(proxy, force_py=True)
    first = model.rows[0]
    model.replace([first.__class__(**{**_fields(first), "state": MatchState.APPROVED})])
    model.append([_renamed(model.rows[1], "m-999999")])
    model.remove([model.rows[2].id])
    proxy.set_search("frisbii")
    model.set_rows(model.rows[:10])
    assert proxy.rowCount() == sum(
        1
        for m in model.rows
        if m.state is MatchState.PROPOSED and "frisbii" in m.id + _text(model, m)
    )


def _fields(obj):
    return {f: getattr(obj, f) for f in obj.__slots__}


def _renamed(match, new_id):
    return match.__class__(**{**_fields(match), "id": new_id})


def _text(model, match):
    return model.search_text(model.row_of(match.id))


def test_sort_by_amount_uses_decimal_not_text(rows):
    _, _, model = make_models(rows)
    proxy = TableProxy()
    proxy.setSourceModel(model)
    proxy.sort(AMOUNT)
    amounts = [proxy.index(r, 0).data(ROW_ROLE).amount.amount for r in range(proxy.rowCount())]
    assert amounts == sorted(amounts)
    assert all(isinstance(a, Decimal) for a in amounts)


def test_filter_and_search_combine(rows):
    _, _, model = make_models(rows)
    proxy = TableProxy()
    proxy.setSourceModel(model)
    proxy.set_predicate(lambda m: m.state is MatchState.APPROVED)
    approved = proxy.rowCount()
    assert approved == sum(1 for m in model.rows if m.state is MatchState.APPROVED) > 0
    invoice = proxy.index(1, 4).data().split()[1]  # "Frisbii INV1013 Anne Jørgensen"
    proxy.set_search(f"  anne  {invoice.lower()} ")
    assert proxy.rowCount() == 1 < approved
    assert invoice in proxy.index(0, 4).data()
    proxy.set_search("")
    proxy.set_predicate(None)
    assert proxy.rowCount() == model.rowCount()


def test_current_row_follows_its_object_when_the_sort_moves_it(rows):
    _, _, model = make_models(rows)
    proxy = TableProxy()
    proxy.setSourceModel(model)
    proxy.sort(STATE)
    target = next(m for m in model.rows if m.state is MatchState.PROPOSED)
    held = QPersistentModelIndex(proxy.mapFromSource(model.index(model.row_of(target.id), 0)))
    model.replace([_with_state(target, MatchState.PARKED)])
    assert held.isValid()
    assert proxy.index(held.row(), 0).data(ROW_ROLE).id == target.id
    assert proxy.index(held.row(), STATE).data() == "Parked"


def _with_state(match, state):
    return match.__class__(**{**_fields(match), "state": state})


def test_row_leaving_the_filter_invalidates_only_its_index(rows):
    _, _, model = make_models(rows)
    proxy = TableProxy()
    proxy.setSourceModel(model)
    proxy.set_predicate(lambda m: m.state is MatchState.PROPOSED)
    leaving = QPersistentModelIndex(proxy.index(0, 0))
    staying = QPersistentModelIndex(proxy.index(1, 0))
    staying_id = staying.data(ROW_ROLE).id
    model.replace([_with_state(leaving.data(ROW_ROLE), MatchState.APPROVED)])
    assert not leaving.isValid()
    assert staying.row() == 0 and staying.data(ROW_ROLE).id == staying_id


def test_danish_money_and_dates_in_cells(rows):
    entries, _, _ = rows
    bank = BankEntryModel(Formatter(QLocale("da_DK")))
    bank.set_rows(entries)
    big = next(r for r, e in enumerate(entries) if e.amount.amount >= 1000)
    text = bank.index(big, 2).data()
    assert "." in text and text.endswith(f",{entries[big].amount.format()[-2:]}")
    assert bank.index(0, 0).data() == entries[0].entry_date.strftime("%d.%m.%Y")


def test_status_column_shows_the_claiming_match(rows):
    bank, _, _ = make_models(rows)
    entries, _, matches = rows
    approved = next(m for m in matches if m.state is MatchState.APPROVED)
    row = bank.row_of(approved.bank_refs[0])
    assert bank.index(row, bank.status_column).data() == "Approved"
    open_row = next(r for r, e in enumerate(entries) if bank.is_open(e))
    assert bank.index(open_row, bank.status_column).data() == "Open"


def test_difference_is_red_only_when_not_zero(rows):
    _, _, model = make_models(rows)
    brush = model.index(0, DIFFERENCE).data(Qt.ItemDataRole.ForegroundRole)
    assert brush is None
    assert model.index(0, 0).parent() == QModelIndex()


def test_claims_follow_decisions_line_by_line(rows):
    _entries, _items, matches = rows
    index = Claims(matches)
    proposed = next(m for m in matches if m.state is MatchState.PROPOSED)
    ref = proposed.bank_refs[0]
    assert index.holder[ref] is proposed
    rival = _renamed(proposed, "m-777777")
    assert index.update([rival]) == {ref, *proposed.item_refs}  # same rank, higher id wins
    rejected = _with_state(rival, MatchState.REJECTED)
    assert index.update([rejected]) == {ref, *proposed.item_refs}
    assert index.holder[ref] is proposed
    assert index.remove([proposed.id]) == {ref, *proposed.item_refs}
    assert ref not in index.holder
    assert index.update([_with_state(proposed, MatchState.APPROVED)]) == {ref, *proposed.item_refs}
    assert index.holder[ref].state is MatchState.APPROVED


def test_a_model_refuses_changes_from_a_worker_thread(rows):
    import threading

    bank, _, _ = make_models(rows)
    seen: list[BaseException] = []

    def worker() -> None:
        try:
            bank.set_rows([])
        except AssertionError as exc:
            seen.append(exc)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert seen and "GUI thread" in str(seen[0])
    assert bank.rowCount() == 40
