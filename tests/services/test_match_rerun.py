"""Re-running the matcher on a real store (SQLite and PostgreSQL): stored proposals follow what
the matcher proposes now; decisions (approved, parked, posted, rejected) are never touched."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pytest

from econdesk.domain import BankEntry, Match, MatchMethod, MatchState, Money, PlatformItem
from econdesk.services.matching import MatchingService
from econdesk.storage import Database, InvalidTransitionError
from tests.matching.factory import bank, item

INVOICE_TEXT = "Overførsel Faktura 1234 Hansen"


def put(db: Database, banks: Sequence[BankEntry] = (), items: Sequence[PlatformItem] = ()) -> None:
    with db.transaction() as store:
        store.bank_entries.upsert_many(banks)
        store.items.upsert_many(items)


def state_of(db: Database, match_id: str) -> Match:
    with db.reader() as store:
        return store.matches.get(match_id)


def test_a_proposal_a_stronger_one_supersedes_is_withdrawn_audited_and_its_item_freed(
    db: Database,
) -> None:
    b = bank(1, "500.00", "2026-03-10", INVOICE_TEXT)
    weak = item("chargebee", "txn_a", "500.00", "2026-03-09", name="Jens Jensen")
    put(db, [b], [weak])
    service = MatchingService(db)
    (first,) = service.run().proposals
    assert first.item_refs == (weak.ref,) and not first.auto

    strong = item("chargebee", "txn_b", "500.00", "2026-03-09", name="Ole Hansen", invoice="1234")
    put(db, items=[strong])
    run = service.run()

    (new,) = run.proposals
    assert new.method is MatchMethod.REFERENCE and new.item_refs == (strong.ref,)
    assert new.bank_refs == (b.ref,) and new.id != first.id
    (gone,) = run.withdrawn
    assert gone.id == first.id and gone.state is MatchState.WITHDRAWN
    assert gone.version == first.version + 1
    with db.reader() as store:
        assert store.matches.get(first.id).state is MatchState.WITHDRAWN
        assert store.matches.live_match_for(weak.ref) is None  # the weak item is free again
        assert store.matches.live_match_for(b.ref).id == new.id  # type: ignore[union-attr]
        assert weak.ref in {i.ref for i in store.items.unmatched()}
        (event,) = store.audit_events(action_prefix="match.withdrawn")
        last_run, _ = store.audit_events(action_prefix="match.run")  # newest first
        assert not store.rejected_pairs.is_rejected(b.ref, weak.ref)  # nobody rejected it
    assert event.payload["from"] == "proposed" and event.payload["to"] == "withdrawn"
    assert "stronger evidence" in event.payload["reason"] and b.ref in event.payload["reason"]
    assert last_run.payload["withdrawn"] == 1 and last_run.payload["proposed"] == 1
    # A withdrawn proposal is history: it cannot be approved, and nothing else changes.
    with pytest.raises(InvalidTransitionError):
        service.approve([first.id])
    assert state_of(db, new.id).state is MatchState.PROPOSED

    again = service.run()
    assert (again.proposals, again.revised, again.withdrawn) == ((), (), ())
    assert again.unchanged == 1


def test_a_proposal_that_is_no_longer_safe_keeps_its_id_and_is_revised(db: Database) -> None:
    b = bank(2, "300.00", "2026-03-10", "Overførsel Jens Jensen")
    one = item("chargebee", "txn_c", "300.00", "2026-03-09", name="Jens Jensen")
    put(db, [b], [one])
    service = MatchingService(db)
    (first,) = service.run().proposals
    assert first.auto

    # The same customer paid the same amount twice: the bank entry could be either payment.
    twin = item("chargebee", "txn_d", "300.00", "2026-03-09", name="Jens Jensen")
    put(db, items=[twin])
    run = service.run()

    assert run.proposals == () and run.withdrawn == ()
    (revised,) = run.revised
    assert revised.id == first.id and revised.item_refs == first.item_refs
    assert not revised.auto and revised.version == first.version + 1
    assert service.approve_auto() == []  # no longer approved blindly
    with db.reader() as store:
        (event,) = store.audit_events(action_prefix="match.revised")
    assert event.payload["before"]["auto"] is True and event.payload["after"]["auto"] is False


def test_a_proposal_whose_bank_entry_changed_is_withdrawn(db: Database) -> None:
    b = bank(3, "500.00", "2026-03-10", INVOICE_TEXT)
    invoice = item("chargebee", "txn_e", "500.00", "2026-03-09", name="Ole Hansen", invoice="1234")
    put(db, [b], [invoice])
    service = MatchingService(db)
    (first,) = service.run().proposals

    # The draft line was corrected to another amount: the proposal no longer adds up.
    put(db, banks=[replace(b, amount=Money.of("125.00", "DKK"), text="Overførsel")])
    run = service.run()

    (gone,) = run.withdrawn
    assert gone.id == first.id and run.proposals == ()
    with db.reader() as store:
        (event,) = store.audit_events(action_prefix="match.withdrawn")
        assert {e.ref for e in store.bank_entries.unmatched()} == {b.ref}
    assert event.payload["reason"] == "the matcher no longer finds enough evidence for it"


def test_decided_matches_are_never_touched_and_rejected_pairs_never_come_back(
    db: Database,
) -> None:
    b1 = bank(11, "500.00", "2026-03-10", "Overførsel Jens Jensen")
    b2 = bank(12, "700.00", "2026-03-10", "Overførsel Ole Hansen")
    b3 = bank(13, "900.00", "2026-03-10", "Overførsel Pia Holm")
    i1 = item("chargebee", "txn_1", "500.00", "2026-03-09", name="Jens Jensen")
    i2 = item("chargebee", "txn_2", "700.00", "2026-03-09", name="Ole Hansen")
    i3 = item("chargebee", "txn_3", "900.00", "2026-03-09", name="Pia Holm")
    put(db, [b1, b2, b3], [i1, i2, i3])
    service = MatchingService(db)
    by_bank = {m.bank_refs[0]: m for m in service.run().proposals}
    (approved,) = service.approve([by_bank[b1.ref].id])
    (rejected,) = service.reject([by_bank[b2.ref].id])
    with db.transaction() as store:
        parked = store.matches.transition(
            by_bank[b3.ref].id, MatchState.PARKED, expected_version=by_bank[b3.ref].version
        )

    # Rivals arrive for the decided bank entries: the same customers paying the same amounts,
    # which would make the approved and parked pairs unsafe if they were still proposals.
    rivals = [
        item("chargebee", "txn_1b", "500.00", "2026-03-10", name="Jens Jensen"),
        item("chargebee", "txn_3b", "900.00", "2026-03-10", name="Pia Holm"),
    ]
    put(db, items=rivals)
    run = service.run()

    assert run.withdrawn == () and run.revised == ()
    for before in (approved, rejected, parked):
        after = state_of(db, before.id)
        assert (after.state, after.version, after.item_refs) == (
            before.state,
            before.version,
            before.item_refs,
        )
    assert all((m.bank_refs, m.item_refs) != ((b2.ref,), (i2.ref,)) for m in run.proposals)
    assert all(m.bank_refs[0] not in (b1.ref, b3.ref) for m in run.proposals)
