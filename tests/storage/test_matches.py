"""Match states, optimistic concurrency and the one-live-match guard, on both databases."""

from __future__ import annotations

import dataclasses
import hashlib

import pytest
from sqlalchemy import insert

from econdesk.domain import MatchState, Money, MoneyError, VoucherRef
from econdesk.storage import (
    ConcurrencyError,
    ConflictError,
    Database,
    InvalidTransitionError,
    NotFoundError,
    UnknownRefError,
)
from econdesk.storage.models import MatchLinkRow
from tests.storage.helpers import entry, payment, proposal, seed_pair


def test_a_stale_version_is_refused_with_a_clear_error(db: Database) -> None:
    match = seed_pair(db)
    with db.transaction() as store:  # bookkeeper A approves
        store.matches.transition(match.id, MatchState.APPROVED, expected_version=match.version)
    with (
        pytest.raises(ConcurrencyError, match=r"m-000001 was changed by someone else.*version 2"),
        db.transaction() as store,  # bookkeeper B still looks at version 1
    ):
        store.matches.transition(match.id, MatchState.REJECTED, expected_version=1)
    with db.reader() as store:
        assert store.matches.get(match.id).state is MatchState.APPROVED


def test_two_sessions_racing_on_one_match_cannot_both_win(postgres_db: Database) -> None:
    """Both read version 1; the second UPDATE finds the version moved on (SQL-level check).

    PostgreSQL only: SQLite serializes writers, so there the second session would wait for the
    first and then read version 2 (the stale-version test above covers that path).
    """
    db = postgres_db
    match = seed_pair(db)
    first, second = db.session(write=True), db.session(write=True)
    try:
        from econdesk.storage import Store

        a, b = Store(first), Store(second)
        first.begin()
        second.begin()
        a.matches.get(match.id)
        b.matches.get(match.id)
        a.matches.transition(match.id, MatchState.APPROVED, expected_version=1)
        first.commit()
        with pytest.raises(ConcurrencyError):
            b.matches.transition(match.id, MatchState.REJECTED, expected_version=1)
    finally:
        second.rollback()
        first.close()
        second.close()


def test_a_bank_entry_cannot_be_in_two_live_matches(db: Database) -> None:
    first = seed_pair(db)
    with db.transaction() as store:
        store.items.upsert(payment("other"))
    with (
        pytest.raises(ConflictError, match=r"economic:1 is already in live match m-000001"),
        db.transaction() as store,
    ):
        store.matches.create(proposal(["economic:1"], ["stripe:other"]))
    # Once the first is rejected the entry is free again...
    with db.transaction() as store:
        store.matches.transition(first.id, MatchState.REJECTED, expected_version=1)
        second = store.matches.create(proposal(["economic:1"], ["stripe:other"]))
    # ...and un-rejecting the first would now claim it twice.
    with pytest.raises(ConflictError, match="economic:1"), db.transaction() as store:
        store.matches.transition(first.id, MatchState.PROPOSED, expected_version=2)
    with db.reader() as store:
        assert store.matches.live_match_for("economic:1") == store.matches.get(second.id)


def test_the_database_itself_refuses_a_second_live_link(db: Database) -> None:
    seed_pair(db, 1)
    seed_pair(db, 2)
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), db.transaction() as store:
        store.session.execute(
            insert(MatchLinkRow).values(
                match_id=2, position=9, role="bank", ref="economic:1", live=True
            )
        )


def test_rejecting_remembers_the_pairs_and_undo_forgets_them(db: Database) -> None:
    match = seed_pair(db)
    with db.transaction() as store:
        store.matches.transition(match.id, MatchState.REJECTED, expected_version=1)
        assert store.rejected_pairs.all_pairs() == {("economic:1", "stripe:p1")}
        assert store.matches.live_refs() == set()
    with db.transaction() as store:
        back = store.matches.transition(match.id, MatchState.PROPOSED, expected_version=2)
        assert store.rejected_pairs.all_pairs() == set()
        assert store.matches.live_refs() == {"economic:1", "stripe:p1"}
        assert back.version == 3


def test_transitions_follow_the_domain_rules(db: Database) -> None:
    match = seed_pair(db)
    with (
        pytest.raises(InvalidTransitionError, match="cannot become posted"),
        db.transaction() as store,
    ):
        store.matches.transition(match.id, MatchState.POSTED, expected_version=1)
    with db.transaction() as store:
        approved = store.matches.transition(match.id, MatchState.APPROVED, expected_version=1)
        with pytest.raises(InvalidTransitionError, match="needs the voucher"):
            store.matches.transition(match.id, MatchState.POSTED, expected_version=2)
        posted = store.matches.transition(
            match.id,
            MatchState.POSTED,
            expected_version=approved.version,
            voucher=VoucherRef(1, "2026", 50026),
        )
    with pytest.raises(InvalidTransitionError), db.transaction() as store:
        store.matches.transition(match.id, MatchState.PROPOSED, expected_version=posted.version)


def test_unknown_refs_and_ids_are_named(db: Database) -> None:
    with db.transaction() as store:
        store.bank_entries.upsert(entry(1))
    with pytest.raises(UnknownRefError, match="stripe:nope"), db.transaction() as store:
        store.matches.create(proposal(["economic:1"], ["stripe:nope"]))
    with pytest.raises(NotFoundError, match="m-000042"), db.reader() as store:
        store.matches.get("m-000042")
    with pytest.raises(NotFoundError, match="not a match id"), db.reader() as store:
        store.matches.get("banana")


def test_revise_replaces_content_and_bumps_the_version(db: Database) -> None:
    match = seed_pair(db)
    with db.transaction() as store:
        store.items.upsert(payment("p9", "60.00"))
        store.items.upsert(payment("p8", "40.00"))
        revised = store.matches.revise(
            dataclasses.replace(match, item_refs=("stripe:p9", "stripe:p8"), score=0.5)
        )
    assert revised.version == 2 and revised.item_refs == ("stripe:p9", "stripe:p8")
    with db.reader() as store:
        assert store.matches.live_refs() == {"economic:1", "stripe:p9", "stripe:p8"}
        assert store.audit_events(limit=1)[0].action == "match.revised"
    with pytest.raises(ConcurrencyError), db.transaction() as store:
        store.matches.revise(match)  # still version 1


def test_every_change_is_audited_in_the_same_transaction(db: Database) -> None:
    match = seed_pair(db)
    with pytest.raises(RuntimeError), db.transaction() as store:
        store.matches.transition(match.id, MatchState.APPROVED, expected_version=1)
        raise RuntimeError("crash before commit")
    with db.reader() as store:
        assert store.matches.get(match.id).state is MatchState.PROPOSED
        assert [e.action for e in store.audit_events()] == ["match.created"]
    with db.transaction() as store:
        store.matches.transition(match.id, MatchState.APPROVED, expected_version=1, note="ok")
    with db.reader() as store:
        last = store.audit_events(limit=1)[0]
        assert last.action == "match.approved"
        assert last.actor == "tester"
        assert last.subjects == (match.id, "economic:1", "stripe:p1")
        assert last.payload == {
            "from": "proposed",
            "to": "approved",
            "version": 2,
            "note_sha256": hashlib.sha256(b"ok").hexdigest(),
        }


def test_an_inferred_fee_in_another_currency_is_refused_before_anything_is_written(
    db: Database,
) -> None:
    """The column holds minor units of the match's own currency, so a EUR fee on a DKK match
    cannot be stored; the message names the match and both currencies."""
    with db.transaction() as store:
        store.bank_entries.upsert(entry(1))
        store.items.upsert(payment("p1"))
    eur_fee = Money.of("3.00", "EUR")
    draft = dataclasses.replace(proposal(["economic:1"], ["stripe:p1"]), inferred_fee=eur_fee)
    with (
        pytest.raises(MoneyError, match=r"inferred fee 3\.00 EUR .* currency DKK"),
        db.transaction() as store,
    ):
        store.matches.create(draft)
    match = seed_pair(db)
    with (
        pytest.raises(MoneyError, match=rf"{match.id}: its inferred fee"),
        db.transaction() as store,
    ):
        store.matches.revise(dataclasses.replace(match, inferred_fee=eur_fee))
    with db.reader() as store:
        assert store.matches.get(match.id) == match
        assert [e.action for e in store.audit_events()] == ["match.created"]


def test_many_matches_are_stored_together_in_order_with_their_audit_events(db: Database) -> None:
    with db.transaction() as store:
        store.bank_entries.upsert_many([entry(n) for n in (1, 2, 3)])
        store.items.upsert_many([payment(f"p{n}") for n in (1, 2, 3)])
        made = store.matches.create_many(
            [proposal([f"economic:{n}"], [f"stripe:p{n}"]) for n in (1, 2, 3)]
        )
    assert [m.id for m in made] == ["m-000001", "m-000002", "m-000003"]
    with db.reader() as store:
        created = store.audit_events(action_prefix="match.created", newest_first=False)
        assert store.verify_audit().ok
        assert [e.subjects[:3] for e in created] == [
            ("m-000001", "economic:1", "stripe:p1"),
            ("m-000002", "economic:2", "stripe:p2"),
            ("m-000003", "economic:3", "stripe:p3"),
        ]
        assert store.matches.live_match_for("stripe:p2").id == "m-000002"


def test_a_ref_in_two_new_matches_stores_none_of_them(db: Database) -> None:
    with db.transaction() as store:
        store.bank_entries.upsert_many([entry(1), entry(2)])
        store.items.upsert(payment("p1"))
    with (
        pytest.raises(ConflictError, match="stripe:p1 is in two of the new matches"),
        db.transaction() as store,
    ):
        store.matches.create_many(
            [proposal(["economic:1"], ["stripe:p1"]), proposal(["economic:2"], ["stripe:p1"])]
        )
    with db.reader() as store:
        assert store.matches.find() == []
        assert store.audit_events(action_prefix="match.created") == []
