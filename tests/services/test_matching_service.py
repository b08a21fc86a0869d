"""The matching service on a real store (SQLite and PostgreSQL) fed with a generated scenario."""

from __future__ import annotations

import pytest

from econdesk.domain import Match, MatchMethod, MatchState
from econdesk.sandbox.scenario import Scenario, load_scenario
from econdesk.services.matching import CUSTOMER_FACT, MatchingService
from econdesk.storage import Database, NotFoundError, StorageError


@pytest.fixture
def scenario() -> Scenario:
    return load_scenario("tiny")


def fill(db: Database, scenario: Scenario) -> None:
    with db.transaction() as store:
        store.bank_entries.upsert_many(scenario.bank_entries)
        store.items.upsert_many(scenario.items)
        store.payouts.upsert_many(scenario.payouts)


def test_a_run_stores_audited_proposals_and_a_second_run_adds_nothing(
    db: Database, scenario: Scenario
) -> None:
    fill(db, scenario)
    service = MatchingService(db)
    first = service.run()
    assert first.proposals and first.auto
    assert first.open_bank == len(scenario.bank_entries)
    with db.reader() as store:
        stored = store.matches.find(states=[MatchState.PROPOSED])
        assert [m.id for m in stored] == [m.id for m in first.proposals]
        created = store.audit_events(action_prefix="match.created")
        (run_event,) = store.audit_events(action_prefix="match.run")
    assert len(created) == len(first.proposals)
    assert run_event.payload["proposed"] == len(first.proposals)
    for m in first.proposals:
        expected = scenario.truth.for_bank(m.bank_refs[0])
        if m.auto:
            assert expected is not None and m.item_refs == tuple(sorted(expected.item_refs))
    second = service.run()
    assert second.proposals == ()
    assert second.open_bank == first.unmatched_bank
    # Nothing changed, so every stored proposal is proposed again exactly as it was.
    assert (second.revised, second.withdrawn) == ((), ())
    assert second.unchanged == len(first.proposals)
    with db.reader() as store:
        again = store.matches.find(states=[MatchState.PROPOSED])
        assert [(m.id, m.version) for m in again] == [(m.id, m.version) for m in stored]


def test_approve_auto_approves_exactly_the_safe_ones_and_learns_customers(
    db: Database, scenario: Scenario
) -> None:
    fill(db, scenario)
    service = MatchingService(db)
    run = service.run()
    approved = service.approve_auto()
    assert {m.id for m in approved} == {m.id for m in run.auto}
    assert all(m.state is MatchState.APPROVED for m in approved)
    left = service.matches(MatchState.PROPOSED)
    assert {m.id for m in left} == {m.id for m in run.proposals} - {m.id for m in approved}
    with db.reader() as store:
        approved_events = store.audit_events(action_prefix="match.approved")
        facts = store.memory.all(CUSTOMER_FACT)
    assert len(approved_events) == len(approved)
    one_customer = [m for m in approved if m.method in (MatchMethod.ONE_TO_ONE,
                                                         MatchMethod.REFERENCE)]  # fmt: skip
    if any(m.item_refs[0].startswith("chargebee:") for m in one_customer):
        assert facts, "approving a customer's payment teaches its bank-text words"


def test_reject_opens_the_pair_again_and_it_is_never_proposed_again(
    db: Database, scenario: Scenario
) -> None:
    fill(db, scenario)
    service = MatchingService(db)
    first = service.run()
    target = first.proposals[0]
    (rejected,) = service.reject([target.id])
    assert rejected.state is MatchState.REJECTED
    with db.reader() as store:
        assert store.rejected_pairs.is_rejected(target.bank_refs[0], target.item_refs[0])
        assert target.bank_refs[0] in {b.ref for b in store.bank_entries.unmatched()}
    again = service.run()
    assert all(
        (m.bank_refs, m.item_refs) != (target.bank_refs, target.item_refs) for m in again.proposals
    )


def test_a_bad_id_approves_nothing_at_all(db: Database, scenario: Scenario) -> None:
    fill(db, scenario)
    service = MatchingService(db)
    good = service.run().proposals[0]
    with pytest.raises(NotFoundError, match="m-999999"):
        service.approve([good.id, "m-999999"])
    assert service.matches(MatchState.APPROVED) == []
    service.approve([good.id])
    with pytest.raises(StorageError, match="approved and cannot become approved"):
        service.approve([good.id])


def test_a_hand_made_match_teaches_the_memory_too(db: Database, scenario: Scenario) -> None:
    fill(db, scenario)
    payment = next(i for i in scenario.items if i.provider == "chargebee" and i.customer_id)
    entry = next(b for b in scenario.bank_entries if b.amount == payment.amount)
    manual = Match(
        id="m-000900", state=MatchState.APPROVED, method=MatchMethod.MANUAL, score=1.0,
        auto=False, bank_refs=(entry.ref,), item_refs=(payment.ref,), amount=entry.amount,
        difference=entry.amount - payment.amount,
    )  # fmt: skip
    MatchingService(db).learn_from([manual])
    with db.reader() as store:
        facts = store.memory.all(CUSTOMER_FACT)
    assert {f.value for f in facts} == {f"chargebee:{payment.customer_id}"}
