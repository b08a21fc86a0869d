"""The clearing roll-forward over a posted voucher, its reversal and the repost, read from the
e-conomic sandbox over loopback: the reversal's entries count as booked by econdesk, each
under the kind of the line it reverses, so they net the original out; the deposit is open
again (awaiting its voucher, the match proposed) until the repost; the closing balance is
always e-conomic's and fully explained."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from econdesk.connectors import eventloop
from econdesk.domain.model import MatchState
from econdesk.domain.money import Money, money_sum
from econdesk.domain.rollforward import AccountRoles, BookedBy, OpenKind, RollForward
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.services.reversal import reverse_match
from econdesk.services.rollforward import ClearingSource, RollForwardService
from econdesk.storage import Database
from tests.services.posting_world import (
    BANK,
    CLEARING,
    DIFFERENCE,
    FEES,
    FIRST_DAY,
    LAST_DAY,
    World,
    agreement,
)

ROLES = AccountRoles(
    bank=frozenset({BANK}),
    fees=frozenset({FEES}),
    differences=frozenset({DIFFERENCE}),
    clearing=frozenset({CLEARING}),
)


@pytest.fixture
def sandbox() -> Iterator[EconomicSandbox]:
    with EconomicSandbox(agreement(seed=96)) as running:
        yield running


def roll(world: World) -> RollForward:
    service = RollForwardService(
        world.db, world.client, [ClearingSource(CLEARING, ("stripe",), (None,))], ROLES
    )
    (found,) = eventloop.run(service.compute(FIRST_DAY, LAST_DAY + timedelta(days=60)))
    assert found.closing.amount == world.sandbox.data.balance(CLEARING)  # e-conomic's
    assert found.unexplained.is_zero(), found
    return found


def by_econdesk(r: RollForward) -> tuple[Money, int]:
    mine = [m for m in r.movements if m.by is BookedBy.ECONDESK]
    return money_sum((m.amount for m in mine), r.currency), sum(m.count for m in mine)


def test_a_reversal_nets_the_original_out_and_reopens_the_deposit(
    sqlite_db: Database, sandbox: EconomicSandbox
) -> None:
    world = World.build(sqlite_db, sandbox, seed=96, count=2)
    target, _ = world.matches
    assert eventloop.run(world.service(book=True).post()).ok
    posted = roll(world)
    assert posted.open_items == ()  # both deposits have their voucher
    with sqlite_db.reader() as store:
        original = store.postings.at_round(target.id, 0)
    assert original is not None
    lines = [x for x in original.voucher.lines if CLEARING in (x.account, x.contra_account)]
    assert lines

    out = eventloop.run(reverse_match(world.service(book=True), target.id, reason="wrong"))
    assert out.ok, out
    reversed_ = roll(world)
    moved, count = by_econdesk(reversed_)
    before, before_count = by_econdesk(posted)
    mine = {(m.kind, m.by): m.amount for m in posted.movements}
    # Each reversal line sits beside the line it reverses, in the same kind, with the
    # opposite sign: only the kept match's voucher is left on the account.
    assert count == before_count + len(lines)
    assert {(m.kind, m.by) for m in reversed_.movements} == set(mine)
    (deposit,) = reversed_.open_items
    assert deposit.kind is OpenKind.DEPOSIT_AWAITING_VOUCHER
    assert (deposit.match_id, deposit.match_state) == (target.id, MatchState.PROPOSED)
    assert deposit.ref == target.bank_refs[0]
    assert moved == before + deposit.amount  # what econdesk's voucher had moved is undone

    with sqlite_db.transaction() as store:
        match = store.matches.get(target.id)
        store.matches.transition(target.id, MatchState.APPROVED, expected_version=match.version)
    assert eventloop.run(world.service(book=True).post([target.id])).ok
    reposted = roll(world)
    assert reposted.open_items == ()
    assert reposted.closing == posted.closing
    assert by_econdesk(reposted) == (before, before_count + 2 * len(lines))
