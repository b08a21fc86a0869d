"""Every domain object comes back from both databases exactly as it went in."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from econdesk.domain import (
    BankEntry,
    ExplanationTerm,
    Mappings,
    Match,
    MatchMethod,
    MatchState,
    Money,
    Payout,
    PlatformItem,
    Voucher,
    VoucherRef,
)
from econdesk.storage import Database, UpsertOutcome
from tests.storage import strategies as s
from tests.storage.helpers import rolled_back

EXAMPLES = settings(max_examples=25)


@EXAMPLES
@given(entries=st.lists(s.bank_entries(), min_size=1, max_size=5))
def test_bank_entries_round_trip(db: Database, entries: list[BankEntry]) -> None:
    with rolled_back(db) as store:
        latest = {e.ref: e for e in entries}
        store.bank_entries.upsert_many(entries)
        store.session.expire_all()  # read back from the database, not the identity map
        for ref, e in latest.items():
            assert store.bank_entries.get(ref) == e
        assert store.bank_entries.get_many(latest) == latest


@EXAMPLES
@given(items=st.lists(s.platform_items(), min_size=1, max_size=5))
def test_platform_items_round_trip(db: Database, items: list[PlatformItem]) -> None:
    with rolled_back(db) as store:
        latest = {i.ref: i for i in items}
        store.items.upsert_many(items)
        store.session.expire_all()
        for ref, item in latest.items():
            back = store.items.get(ref)
            assert back == item
            assert back is not None and back.occurred_at.tzinfo is not None


@EXAMPLES
@given(payout=s.payouts(), changed=s.payouts())
def test_payouts_round_trip_with_components(db: Database, payout: Payout, changed: Payout) -> None:
    with rolled_back(db) as store:
        assert store.payouts.upsert(payout) is UpsertOutcome.INSERTED
        store.session.expire_all()
        assert store.payouts.get(payout.ref) == payout
        second = dataclasses.replace(
            changed, provider=payout.provider, external_id=payout.external_id
        )
        expected = UpsertOutcome.UNCHANGED if second == payout else UpsertOutcome.UPDATED
        assert store.payouts.upsert(second) is expected
        store.session.expire_all()
        assert store.payouts.get(payout.ref) == second


@EXAMPLES
@given(
    bank=st.lists(s.bank_entries(), min_size=1, max_size=3, unique_by=lambda e: e.ref),
    items=st.lists(s.platform_items(), min_size=1, max_size=3, unique_by=lambda i: i.ref),
    payout=s.payouts(),
    score=st.floats(min_value=0, max_value=1),
    auto=st.booleans(),
    method=st.sampled_from(MatchMethod),
    explanation=s.explanations,
    note=s.texts,
    minor=st.integers(-(10**12), 10**12),
    currency=st.sampled_from(s.CURRENCIES),
    fee_minor=st.none() | st.integers(0, 10**12),
    voucher=st.builds(
        VoucherRef,
        st.integers(1, 99),
        st.sampled_from(["2026", "2025/2026"]),
        st.integers(1, 10**6),
    ),
)
def test_matches_round_trip_through_every_state(
    db: Database,
    bank: list[BankEntry],
    items: list[PlatformItem],
    payout: Payout,
    score: float,
    auto: bool,
    method: MatchMethod,
    explanation: tuple[ExplanationTerm, ...],
    note: str,
    minor: int,
    currency: str,
    fee_minor: int | None,
    voucher: VoucherRef,
) -> None:
    item_refs = tuple(i.ref for i in items)
    if payout.ref in item_refs:
        return
    with rolled_back(db) as store:
        store.bank_entries.upsert_many(bank)
        store.items.upsert_many(items)
        store.payouts.upsert(dataclasses.replace(payout, component_refs=()))
        original = Match(
            id="",
            state=MatchState.PROPOSED,
            method=method,
            score=score,
            auto=auto,
            bank_refs=tuple(e.ref for e in bank),
            item_refs=(*item_refs[1:], payout.ref),
            component_refs=item_refs[:1],
            amount=Money.from_minor(minor, currency),
            difference=Money.from_minor(-minor // 3, currency),
            explanation=explanation,
            note=note,
            inferred_fee=None if fee_minor is None else Money.from_minor(fee_minor, currency),
        )
        created = store.matches.create(original)
        assert created == dataclasses.replace(original, id=created.id, version=1)
        store.session.expire_all()
        assert store.matches.get(created.id) == created
        current = created
        for state in (MatchState.PARKED, MatchState.APPROVED, MatchState.POSTED):
            current = store.matches.transition(
                current.id,
                state,
                expected_version=current.version,
                voucher=voucher if state is MatchState.POSTED else None,
            )
            store.session.expire_all()
            assert store.matches.get(current.id) == current
        assert current.voucher == voucher
        assert current.version == 4
        assert current.inferred_fee == original.inferred_fee
        assert store.matches.find(states=[MatchState.POSTED]) == [current]


fees = st.none() | st.integers(0, 10**12)


@EXAMPLES
@given(currency=st.sampled_from(s.CURRENCIES), first=fees, second=fees)
def test_an_inferred_fee_round_trips_through_revise_and_find(
    db: Database, currency: str, first: int | None, second: int | None
) -> None:
    """The fee the matcher inferred is stored as proposed and replaced by a correction."""

    def fee(minor: int | None) -> Money | None:
        return None if minor is None else Money.from_minor(minor, currency)

    from tests.storage.helpers import entry, payment, proposal

    with rolled_back(db) as store:
        store.bank_entries.upsert(entry(1))
        store.items.upsert_many([payment("p1"), payment("p2")])
        amount = Money.from_minor(10_000, currency)
        draft = dataclasses.replace(
            proposal(["economic:1"], ["stripe:p1"]),
            amount=amount,
            difference=Money.zero(currency),
            inferred_fee=fee(first),
        )
        created = store.matches.create(draft)
        store.session.expire_all()
        assert store.matches.get(created.id).inferred_fee == fee(first)
        revised = store.matches.revise(
            dataclasses.replace(created, item_refs=("stripe:p2",), inferred_fee=fee(second))
        )
        store.session.expire_all()
        assert store.matches.get(created.id) == revised
        assert revised.inferred_fee == fee(second)
        assert store.matches.find(states=[MatchState.PROPOSED]) == [revised]


@EXAMPLES
@given(voucher=s.vouchers())
def test_vouchers_round_trip_through_postings(db: Database, voucher: Voucher) -> None:
    with rolled_back(db) as store:
        from tests.storage.helpers import entry, payment, proposal

        store.bank_entries.upsert(entry(1))
        store.items.upsert(payment("p1"))
        match = store.matches.create(
            dataclasses.replace(proposal(["economic:1"], ["stripe:p1"]), state=MatchState.APPROVED)
        )
        voucher = dataclasses.replace(voucher, match_id=match.id)
        store.postings.claim(voucher, "key-1")
        store.session.expire_all()
        posting = store.postings.get(match.id)
        assert posting is not None
        assert posting.voucher == voucher


@EXAMPLES
@given(first=s.mappings(), second=s.mappings())
def test_mappings_round_trip_as_versions(db: Database, first: Mappings, second: Mappings) -> None:
    with rolled_back(db) as store:
        v1 = store.mappings.save(first, note="first")
        v2 = store.mappings.save(dataclasses.replace(second, version=v1.version))
        store.session.expire_all()
        assert store.mappings.get(v1.version) == dataclasses.replace(first, version=v1.version)
        assert store.mappings.current() == dataclasses.replace(second, version=v2.version)
        assert [h.version for h in store.mappings.history()] == [v2.version, v1.version]


@EXAMPLES
@given(
    state=st.dictionaries(
        st.text(max_size=10),
        st.none() | st.booleans() | st.integers(-(2**60), 2**60) | st.text(max_size=20),
    )
)
def test_sync_cursors_round_trip(db: Database, state: dict[str, object]) -> None:
    with rolled_back(db) as store:
        store.cursors.set("stripe:balance_transactions", state)
        store.session.expire_all()
        assert store.cursors.get("stripe:balance_transactions") == state


def test_two_first_saves_racing_cannot_both_land(postgres_db: Database) -> None:
    """Both start from "nothing stored yet" (version 0); only one becomes version 1."""
    import threading

    from econdesk.storage import ConcurrencyError, Store

    config_state = Mappings(difference_account=7290, version=0)
    first, second = postgres_db.session(write=True), postgres_db.session(write=True)
    outcome: list[BaseException | Mappings] = []
    try:
        a = Store(first)
        a.mappings.save(config_state, note="anne")  # written, not yet committed

        def bo() -> None:  # reads "nothing stored", then waits on anne's uncommitted version 1
            try:
                outcome.append(Store(second).mappings.save(config_state, note="bo"))
            except BaseException as exc:
                outcome.append(exc)

        racer = threading.Thread(target=bo)
        racer.start()
        racer.join(timeout=1.0)
        first.commit()
        racer.join(timeout=30)
        assert len(outcome) == 1 and isinstance(outcome[0], ConcurrencyError)
        # Coming back later from the same unsaved state is refused as well.
        second.rollback()
        with pytest.raises(ConcurrencyError, match="now version 1"):
            Store(second).mappings.save(config_state, note="bo again")
    finally:
        second.rollback()
        first.close()
        second.close()
    with postgres_db.reader() as store:
        assert [h.note for h in store.mappings.history()] == ["anne"]
