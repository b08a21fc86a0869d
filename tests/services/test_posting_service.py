"""Posting against the e-conomic sandbox over loopback: previews, batches, booking, refusals."""

import dataclasses
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

import pytest

from econdesk.accounting.validation import MappingError
from econdesk.accounting.vouchers import PostingProfile
from econdesk.connectors import eventloop
from econdesk.domain.model import MatchState, PlanMapping, Tolerance
from econdesk.domain.money import Money
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.sandbox.faults import FaultKind
from econdesk.services.posting import Outcome, PostingError
from econdesk.storage import Database
from tests.services.posting_world import (
    BANK,
    MAPPINGS,
    World,
    agreement,
    check_exactly_once,
    clearing_balance,
)


@pytest.fixture
def sandbox() -> Iterator[EconomicSandbox]:
    with EconomicSandbox(agreement(seed=3)) as running:
        yield running


def test_preview_shows_the_exact_bodies_and_writes_nothing(
    sqlite_db: Database, sandbox: EconomicSandbox
) -> None:
    world = World.build(sqlite_db, sandbox, seed=3, count=4)
    with sqlite_db.reader() as store:
        events_before = len(store.audit_events())
    preview = eventloop.run(world.service().preview())
    assert [p.match_id for p in preview.vouchers] == [m.id for m in world.matches]
    assert preview.refused == []
    assert sandbox.server.exchanges(method="POST") == []
    with sqlite_db.reader() as store:
        assert len(store.audit_events()) == events_before
        assert store.postings.find() == []
    # The bodies the preview shows are the bodies posting sends.
    report = eventloop.run(world.service(batch_size=10).post())
    assert {o.outcome for o in report.outcomes} == {Outcome.POSTED}
    (sent,) = sandbox.data.posted
    assert sent.body == [p.body for p in preview.vouchers]


def test_post_books_exactly_the_posted_drafts_and_clearing_nets_to_zero(
    db: Database, sandbox: EconomicSandbox
) -> None:
    world = World.build(db, sandbox, seed=4, count=7)
    before = clearing_balance(world)
    assert before == -sum(d.amount for d in world.deposits.values())
    report = eventloop.run(world.service(batch_size=3, book=True).post())
    assert report.ok, report
    assert len(report.by(Outcome.POSTED)) == 7
    assert len(sandbox.data.posted) == 3  # 7 vouchers in requests of 3, 3 and 1
    assert sandbox.data.drafts == {}  # all booked, nothing else was there
    assert report.booked_entries == tuple(
        sorted(n for p in sandbox.data.posted for n in p.entry_numbers)
    )
    assert clearing_balance(world) == 0
    stats = check_exactly_once(world)
    assert stats == {"posted": 7, "total": 7}
    with db.reader() as store:
        assert store.verify_audit().ok
        actions = [e.action for e in store.audit_events(newest_first=False)]
    assert actions.count("posting.posted") == 7 and actions.count("match.posted") == 7
    assert actions[-1] == "posting.booked"
    with db.reader() as store:  # each posting notes the booking (the report's "Booked")
        assert all(p.booked_at is not None for p in store.postings.find())
    # Nothing left to post: a second run sends nothing.
    again = eventloop.run(world.service().post())
    assert again.outcomes == [] and len(sandbox.data.posted) == 3


def test_drafts_left_in_the_daybook_are_not_noted_as_booked(
    db: Database, sandbox: EconomicSandbox
) -> None:
    world = World.build(db, sandbox, seed=4, count=3)
    report = eventloop.run(world.service(batch_size=2).post())  # booking not asked for
    assert report.ok and len(report.by(Outcome.POSTED)) == 3
    assert report.booked_entries == () and sandbox.data.drafts
    with db.reader() as store:
        postings = store.postings.find()
        assert len(postings) == 3 and all(p.booked_at is None for p in postings)


def test_a_failed_booking_notes_nothing_as_booked(
    sqlite_db: Database, sandbox: EconomicSandbox
) -> None:
    world = World.build(sqlite_db, sandbox, seed=5, count=2)
    sandbox.faults.script(FaultKind.ERROR, method="POST", path="bookdraftentries", times=50)
    report = eventloop.run(world.service(book=True).post())
    assert len(report.by(Outcome.POSTED)) == 2
    assert report.booking_error and report.booked_entries == ()
    with sqlite_db.reader() as store:
        postings = store.postings.find()
        assert len(postings) == 2 and all(p.booked_at is None for p in postings)
        assert store.audit_events()[0].action == "posting.book_failed"


def test_mapping_problems_stop_posting_before_anything_is_sent(
    sqlite_db: Database, sandbox: EconomicSandbox
) -> None:
    world = World.build(sqlite_db, sandbox, seed=5, count=2)
    bad = dataclasses.replace(MAPPINGS, plans=(PlanMapping("stripe", "basic", 1000, "U99"),))
    with pytest.raises(MappingError) as caught:
        eventloop.run(world.service(mappings=bad).post())
    assert "plans.stripe.basic.revenue_account: account 1000" in str(caught.value)
    assert "VAT code 'U99' does not exist" in str(caught.value)
    assert sandbox.server.exchanges(method="POST") == []
    assert all(m.state is MatchState.APPROVED for m in world.states().values())


def test_a_refused_voucher_stays_approved_with_the_reason_and_the_rest_post(
    sqlite_db: Database, sandbox: EconomicSandbox
) -> None:
    world = World.build(sqlite_db, sandbox, seed=6, count=4)
    victim = world.matches[1]
    # The customer of one match is not in the agreement: e-conomic refuses that voucher.
    with sandbox.data.lock:
        sandbox.data.customers.pop(7, None)
    report = eventloop.run(world.service(batch_size=4).post())
    by_id = {o.match_id: o for o in report.outcomes}
    refused = [o for o in report.outcomes if o.outcome is Outcome.UNPOSTED]
    assert refused, "expected a voucher with customer 7"
    for o in refused:
        assert "customer" in (o.reason or "")
    assert all(
        by_id[m.id].outcome is Outcome.POSTED
        for m in world.matches
        if m.id not in {o.match_id for o in refused}
    )
    states = world.states()
    for o in refused:
        assert states[o.match_id].state is MatchState.APPROVED
        with sqlite_db.reader() as store:
            posting = store.postings.get(o.match_id)
            assert posting is not None and posting.last_error == o.reason
    check_exactly_once(world)
    del victim


def test_a_lost_answer_is_settled_by_the_marker_without_posting_twice(
    sqlite_db: Database, sandbox: EconomicSandbox
) -> None:
    world = World.build(sqlite_db, sandbox, seed=7, count=3)
    # Every POST is carried out and its connection dropped, retries included.
    sandbox.faults.script(FaultKind.ACCEPT_THEN_DROP, method="POST", path="/vouchers", times=10)
    report = eventloop.run(world.service(batch_size=3).post())
    assert [o.outcome for o in report.outcomes] == [Outcome.POSTED] * 3
    assert all(o.recovered for o in report.outcomes)
    assert check_exactly_once(world) == {"posted": 3, "total": 3}
    assert len(sandbox.data.posted) == 1  # the retry was answered from the idempotency cache


def test_direct_profile_in_euro_books_the_bank_and_leaves_clearing_empty(
    sqlite_db: Database, sandbox: EconomicSandbox
) -> None:
    world = World.build(sqlite_db, sandbox, seed=8, count=3, currency="EUR", from_file=True)
    rate = Decimal("746.10")
    service = world.service(
        profile=PostingProfile.DIRECT,
        book=True,
        exchange_rates={"EUR": rate},
        mappings=dataclasses.replace(
            MAPPINGS, tolerances={"stripe": Tolerance(Money.of("0.50", "EUR"))}
        ),
    )
    bank_before = sandbox.data.balance(BANK)
    report = eventloop.run(service.post())
    assert report.ok and len(report.by(Outcome.POSTED)) == 3
    assert sandbox.data.drafts == {}
    # The bank got each deposit at the given rate, to the øre; the clearing account is empty.
    expected = sum(
        (
            (d.amount * rate / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
            for d in world.deposits.values()
        ),
        Decimal(0),
    )
    assert sandbox.data.balance(BANK) - bank_before == expected
    assert clearing_balance(world) == 0
    (sent,) = sandbox.data.posted
    first = sent.body[0]["entries"]["financeVouchers"][0]
    assert first["account"] == {"accountNumber": BANK}
    assert first["currency"] == {"code": "EUR"} and first["exchangeRate"] == Decimal("746.100000")
    check_exactly_once(world)


def test_direct_profile_refuses_deposits_already_in_e_conomic(
    sqlite_db: Database, sandbox: EconomicSandbox
) -> None:
    world = World.build(sqlite_db, sandbox, seed=9, count=2)
    report = eventloop.run(world.service(profile=PostingProfile.DIRECT).post())
    assert [o.outcome for o in report.outcomes] == [Outcome.UNPOSTED] * 2
    assert all("use the clearing profile" in (o.reason or "") for o in report.outcomes)
    assert sandbox.server.exchanges(method="POST") == []
    with sqlite_db.reader() as store:
        refused = store.audit_events(action_prefix="posting.refused")
    assert len(refused) == 2


def test_a_proposed_match_is_previewed_by_the_posting_code_but_not_posted(
    sqlite_db: Database, sandbox: EconomicSandbox
) -> None:
    world = World.build(sqlite_db, sandbox, seed=5, count=2)
    first, second = world.matches
    with sqlite_db.transaction() as store:
        store.matches.transition(first.id, MatchState.PROPOSED, expected_version=first.version)
    preview = eventloop.run(world.service().preview([first.id]))
    assert [p.match_id for p in preview.vouchers] == [first.id]
    assert preview.vouchers[0].deposit == world.deposits[first.id]
    assert sandbox.server.exchanges(method="POST") == []
    # Without names the preview is of what `post` would send: the approved ones only.
    assert [p.match_id for p in eventloop.run(world.service().preview()).vouchers] == [second.id]
    with pytest.raises(PostingError, match="only approved matches are posted"):
        eventloop.run(world.service().post([first.id]))
    report = eventloop.run(world.service().post())
    assert [o.match_id for o in report.outcomes] == [second.id]
    with sqlite_db.reader() as store:
        assert store.matches.get(first.id).state is MatchState.PROPOSED
