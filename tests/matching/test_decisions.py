"""Stable re-runs: kept decisions stay as they are, rejections stick, ids survive re-runs."""

import random
from dataclasses import replace

from econdesk.domain import MatchMethod, MatchState, Money, VoucherRef
from econdesk.matching import MatchInputs, PriorDecisions, default_settings, match
from tests.matching.factory import bank, item, only, payout, run


def world() -> tuple[list, list, list]:  # type: ignore[type-arg]
    a = item("chargebee", "txn_a", "1490.00", "2026-03-03", name="Søren Ærø", invoice="10234")
    b = item("chargebee", "txn_b", "1490.00", "2026-03-03", name="Anne Holm")
    c = item("stripe", "txn_c", "500.00", "2026-03-02", fee="7.30")
    po = payout("stripe", "po_1A", "492.70", "2026-03-06", components=(c,))
    banks = [
        bank(1, "1490.00", "2026-03-04", "Faktura 10234"),
        bank(2, "1490.00", "2026-03-05", "Overførsel Anne Holm"),
        bank(3, "492.70", "2026-03-09", "STRIPE"),
    ]
    return banks, [a, b, c], [po]


def test_approved_and_posted_matches_are_left_alone_and_their_objects_used_nowhere() -> None:
    banks, items, pos = world()
    first = run(banks, items, pos)
    approved = replace(only(first, "economic:1"), state=MatchState.APPROVED)
    posted = replace(only(first, "economic:3"), state=MatchState.POSTED,
                     voucher=VoucherRef(1, "2026", 50026))  # fmt: skip
    again = run(banks, items, pos, prior=PriorDecisions([approved, posted]))
    assert [m.bank_refs for m in again.proposals] == [("economic:2",)]
    for ref in ("economic:1", "economic:3"):
        assert ref not in again.unmatched_bank
    assert "chargebee:txn_a" not in again.unmatched_items
    used = {r for m in again.proposals for r in m.item_refs + m.component_refs}
    assert used.isdisjoint(approved.item_refs + posted.item_refs + posted.component_refs)


def test_a_parked_match_keeps_its_objects_too() -> None:
    banks, items, pos = world()
    parked = replace(only(run(banks, items, pos), "economic:2"), state=MatchState.PARKED)
    again = run(banks, items, pos, prior=PriorDecisions([parked]))
    assert all("economic:2" not in m.bank_refs for m in again.proposals)


def test_a_rejected_pair_is_never_proposed_again() -> None:
    banks, items, pos = world()
    first = run(banks, items, pos)
    rejected = replace(only(first, "economic:2"), state=MatchState.REJECTED)
    assert rejected.item_refs == ("chargebee:txn_b",)
    again = run(banks, items, pos, prior=PriorDecisions([rejected]))
    for m in again.proposals:
        assert (m.bank_refs, m.item_refs) != (rejected.bank_refs, rejected.item_refs)
    # The item is free again for anything else, and the bank entry for any other item.
    assert "chargebee:txn_b" in again.unmatched_items or any(
        "chargebee:txn_b" in m.item_refs for m in again.proposals
    )


def test_proposals_keep_their_ids_across_runs_and_new_ones_continue_the_numbering() -> None:
    banks, items, pos = world()
    first = run(banks, items, pos)
    assert [m.id for m in first.proposals] == ["m-000001", "m-000002", "m-000003"]
    late = item("chargebee", "txn_d", "745.00", "2026-03-10", name="Ida Dahl")
    second = run([*banks, bank(4, "745.00", "2026-03-10", "Ida Dahl")], [*items, late], pos,
                 prior=PriorDecisions(first.proposals))  # fmt: skip
    ids = {m.bank_refs[0]: m.id for m in second.proposals}
    assert ids == {"economic:1": "m-000001", "economic:2": "m-000002", "economic:3": "m-000003",
                   "economic:4": "m-000004"}  # fmt: skip
    assert second.withdrawn == ()


def test_a_proposal_no_longer_made_is_withdrawn() -> None:
    banks, items, pos = world()
    first = run(banks, items, pos)
    second = run(banks[:2], items, pos, prior=PriorDecisions(first.proposals))
    assert second.withdrawn == (only(first, "economic:3").id,)


def test_the_caller_may_hand_out_ids() -> None:
    banks, items, pos = world()
    numbers = iter(range(500, 600))
    result = match(MatchInputs(banks, items, pos), default_settings(),
                   new_id=lambda: f"m-{next(numbers):06d}")  # fmt: skip
    assert [m.id for m in result.proposals] == ["m-000500", "m-000501", "m-000502"]


def test_the_same_input_in_any_order_gives_the_same_matches() -> None:
    banks, items, pos = world()
    expected = run(banks, items, pos)
    rng = random.Random(3)
    for _ in range(5):
        rng.shuffle(banks)
        rng.shuffle(items)
        assert run(banks, items, pos).proposals == expected.proposals


def test_proposals_are_well_formed_for_the_contract() -> None:
    banks, items, pos = world()
    for m in run(banks, items, pos).proposals:
        assert m.state is MatchState.PROPOSED
        assert 0.0 <= m.score <= 1.0
        assert m.amount.currency == m.difference.currency == "DKK"
        assert m.explanation and all(t.detail for t in m.explanation)
        if m.method is MatchMethod.PAYOUT:
            assert m.component_refs == ("stripe:txn_c",)
    assert only(run(banks, items, pos), "economic:3").difference == Money.of("0.00", "DKK")


def test_pairs_the_store_remembers_as_rejected_are_not_proposed() -> None:
    banks, items, pos = world()
    pairs = frozenset({("economic:2", "chargebee:txn_b"), ("economic:3", "stripe:po_1A")})
    again = run(banks, items, pos, prior=PriorDecisions(rejected_pairs=pairs))
    claims = {(m.bank_refs[0], m.item_refs[0]) for m in again.proposals if len(m.item_refs) == 1}
    assert claims.isdisjoint(pairs)
    assert ("economic:1", "chargebee:txn_a") in claims
