"""A match run works without the writer lock; a colleague's decision made meanwhile is kept.

Between the run's read and its store, a second Database (a colleague's connection, their own
name) approves a proposal. When the run's plan relies on that proposal, the run plans again
(on what is stored now) and the approval stands; when it does not, the plan is stored as it was.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from econdesk.domain import MatchState
from econdesk.services.matching import MatchingService
from econdesk.storage import Database, Store
from tests.matching.factory import bank, item
from tests.services.test_match_rerun import INVOICE_TEXT, put, state_of


def meanwhile(
    service: MatchingService, monkeypatch: pytest.MonkeyPatch, act: Callable[[], None]
) -> list[int]:
    """Run `act` once, right after the run's first read; count the reads."""
    plans: list[int] = []
    original = service._plan

    def plan(store: Store):  # type: ignore[no-untyped-def]
        result = original(store)
        plans.append(1)
        if len(plans) == 1:
            act()
        return result

    monkeypatch.setattr(service, "_plan", plan)
    return plans


def test_a_proposal_approved_meanwhile_stays_approved(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    b = bank(1, "500.00", "2026-03-10", INVOICE_TEXT)
    weak = item("chargebee", "txn_a", "500.00", "2026-03-09", name="Jens Jensen")
    put(db, [b], [weak])
    service = MatchingService(db)
    (first,) = service.run().proposals
    strong = item("chargebee", "txn_b", "500.00", "2026-03-09", name="Ole Hansen", invoice="1234")
    put(db, items=[strong])  # the next run would withdraw `first` for a stronger proposal
    jane = Database(db.url, actor="jane")
    try:
        plans = meanwhile(service, monkeypatch, lambda: MatchingService(jane).approve([first.id]))
        run = service.run()
    finally:
        jane.dispose()
    assert len(plans) == 2  # planned again
    assert run.withdrawn == () and run.proposals == ()
    assert state_of(db, first.id).state is MatchState.APPROVED
    with db.reader() as store:
        assert store.matches.live_match_for(strong.ref) is None
        assert store.verify_audit().ok


def test_an_unrelated_decision_meanwhile_does_not_redo_the_run(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    b1 = bank(1, "500.00", "2026-03-10", INVOICE_TEXT)
    b2 = bank(2, "320.00", "2026-03-11", "Overførsel Faktura 9876 Berg")
    a = item("chargebee", "txn_a", "500.00", "2026-03-09", name="Ole Hansen", invoice="1234")
    put(db, [b1], [a])
    service = MatchingService(db)
    (first,) = service.run().proposals
    c = item("chargebee", "txn_c", "320.00", "2026-03-10", name="Eva Berg", invoice="9876")
    put(db, [b2], [c])
    jane = Database(db.url, actor="jane")
    try:
        plans = meanwhile(service, monkeypatch, lambda: MatchingService(jane).approve([first.id]))
        run = service.run()
    finally:
        jane.dispose()
    assert len(plans) == 1  # stored as planned: nothing it relied on changed
    (new,) = run.proposals
    assert new.bank_refs == (b2.ref,) and new.item_refs == (c.ref,)
    assert state_of(db, first.id).state is MatchState.APPROVED
