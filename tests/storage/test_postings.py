"""The posting ledger: claimed -> sent -> posted | failed, exactly once per match."""

from __future__ import annotations

from datetime import date

import pytest

from econdesk.domain import (
    MatchState,
    Money,
    Voucher,
    VoucherEntryKind,
    VoucherLine,
    VoucherRef,
)
from econdesk.storage import Database, PostingStateError, PostingStatus
from tests.storage.helpers import seed_pair


def voucher_for(match_id: str, marker: str = "ED-1") -> Voucher:
    line = VoucherLine(
        VoucherEntryKind.FINANCE, date(2026, 1, 5), Money.of("100.00", "DKK"), "Stripe payout",
        account=5820, contra_account=5830,
    )  # fmt: skip
    return Voucher(match_id, 1, "2026", marker, (line,))


def approved(db: Database) -> str:
    match = seed_pair(db)
    with db.transaction() as store:
        store.matches.transition(match.id, MatchState.APPROVED, expected_version=1)
    return match.id


def test_the_happy_path_posts_the_match_with_its_voucher_number(db: Database) -> None:
    match_id = approved(db)
    with db.transaction() as store:
        claimed = store.postings.claim(voucher_for(match_id), "idem-1")
        assert claimed.status is PostingStatus.CLAIMED and claimed.attempts == 1
    with db.transaction() as store:
        store.postings.mark_sent(match_id)
    with db.transaction() as store:
        store.postings.mark_posted(match_id, VoucherRef(1, "2026", 50026))
    with db.reader() as store:
        match = store.matches.get(match_id)
        assert match.state is MatchState.POSTED
        assert match.voucher == VoucherRef(1, "2026", 50026)
        posting = store.postings.get(match_id)
        assert posting is not None and posting.status is PostingStatus.POSTED
        actions = [e.action for e in store.audit_events(newest_first=False)]
        assert actions[-4:] == ["posting.claimed", "posting.sent", "posting.posted", "match.posted"]


def test_a_second_claim_is_refused_and_the_in_doubt_list_names_it(db: Database) -> None:
    match_id = approved(db)
    with db.transaction() as store:
        store.postings.claim(voucher_for(match_id), "idem-1")
        store.postings.mark_sent(match_id)
    with (
        pytest.raises(PostingStateError, match=r"being posted \(sent.*marker 'ED-1'"),
        db.transaction() as store,
    ):
        store.postings.claim(voucher_for(match_id), "idem-2")
    with db.reader() as store:
        assert [p.match_id for p in store.postings.in_doubt()] == [match_id]


def test_a_failed_posting_keeps_the_approval_and_may_be_claimed_again(db: Database) -> None:
    match_id = approved(db)
    with db.transaction() as store:
        store.postings.claim(voucher_for(match_id), "idem-1")
    with db.transaction() as store:
        failed = store.postings.mark_failed(match_id, "account 5830 is barred")
    assert failed.last_error == "account 5830 is barred"
    with db.transaction() as store:
        assert store.matches.get(match_id).state is MatchState.APPROVED
        again = store.postings.claim(voucher_for(match_id, "ED-2"), "idem-2")
    assert again.attempts == 2 and again.voucher.marker == "ED-2"


def test_an_approval_cannot_be_withdrawn_while_it_is_being_posted(db: Database) -> None:
    match_id = approved(db)
    with db.transaction() as store:
        store.postings.claim(voucher_for(match_id), "idem-1")
    with pytest.raises(PostingStateError, match="being posted"), db.transaction() as store:
        store.matches.transition(match_id, MatchState.PROPOSED, expected_version=2)


def test_only_approved_matches_are_claimed_and_steps_keep_their_order(db: Database) -> None:
    match = seed_pair(db)
    with (
        pytest.raises(PostingStateError, match="proposed, not approved"),
        db.transaction() as store,
    ):
        store.postings.claim(voucher_for(match.id), "idem-1")
    with pytest.raises(PostingStateError, match="never claimed"), db.transaction() as store:
        store.postings.mark_sent(match.id)


def test_booking_is_noted_on_posted_postings_only_and_keeps_its_first_time(db: Database) -> None:
    match_id = approved(db)
    with db.transaction() as store:
        store.postings.claim(voucher_for(match_id), "idem-1")
        store.postings.mark_sent(match_id)
        assert store.postings.mark_booked([match_id]) == 0  # sent, not posted: nothing to book
        store.postings.mark_posted(match_id, VoucherRef(1, "2026", 50026))
    with db.reader() as store:
        posting = store.postings.get(match_id)
        assert posting is not None and posting.booked_at is None
        posted_at = posting.updated_at
    with db.transaction() as store:
        assert store.postings.mark_booked([match_id, match_id]) == 1
    with db.reader() as store:
        booked = store.postings.get(match_id)
        assert booked is not None and booked.booked_at is not None
        assert booked.booked_at.tzinfo is not None and booked.updated_at == posted_at
    with db.transaction() as store:
        assert store.postings.mark_booked([match_id]) == 0  # already noted
    with db.reader() as store:
        again = store.postings.get(match_id)
        assert again is not None and again.booked_at == booked.booked_at
