"""Exactly-once on an e-conomic fake written apart from the sandbox (late_economic.py): answers
lost, requests committed seconds later, repeats of a key refused while it commits. Whatever
the order of runs and commits, every match ends posted once, and none is sent under a new key
while its earlier request may still be committing."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from econdesk.accounting.marker import match_marker
from econdesk.connectors import eventloop
from econdesk.connectors.economic.client import EconomicClient
from econdesk.connectors.http import RetryPolicy
from econdesk.domain.model import MatchState
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.services.posting import EconomicPort, Outcome
from econdesk.storage import Database, PostingStatus
from tests.services.late_economic import LateCommittingEconomic
from tests.services.posting_world import World, agreement

ONE_TRY = RetryPolicy(attempts=1)


class Clock:
    def __init__(self) -> None:
        self.moment = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, seconds: float) -> None:
        self.moment += timedelta(seconds=seconds)


def late_fake(clock: Clock, *, lose: int, delay: timedelta) -> LateCommittingEconomic:
    """The fake; its `inner` (the sandbox's client, for the agreement) is set by `run_with`."""
    return LateCommittingEconomic(inner=None, now=clock, lose=lose, delay=delay)  # type: ignore[arg-type]


def run_with(
    world: World, fake: LateCommittingEconomic, clock: Clock, batch: int = 3
) -> list[Outcome]:
    def wrap(client: EconomicClient) -> EconomicPort:
        fake.inner = client
        return fake

    service = world.service(batch_size=batch, retry=ONE_TRY, wrap=wrap, clock=clock)
    return [o.outcome for o in eventloop.run(service.post()).outcomes]


def statuses(db: Database) -> dict[str, PostingStatus]:
    with db.reader() as store:
        return {p.match_id: p.status for p in store.postings.find()}


def test_a_lost_answer_committed_later_is_found_not_sent_again(sqlite_db: Database) -> None:
    clock = Clock()
    with EconomicSandbox(agreement(61)) as sandbox:
        world = World.build(sqlite_db, sandbox, seed=61, count=1)
        fake = late_fake(clock, lose=1, delay=timedelta(seconds=30))
        assert run_with(world, fake, clock) == [Outcome.IN_DOUBT]
        clock.advance(10)  # still committing: the same key is refused with 409, nothing new
        assert run_with(world, fake, clock) == [Outcome.IN_DOUBT]
        assert len(set(fake.requests)) == 1
        clock.advance(30)  # committed now
        assert run_with(world, fake, clock) == [Outcome.POSTED]
        (match,) = world.matches
        assert fake.vouchers_with(match_marker(match)) == 1
        assert len(set(fake.requests)) == 1  # never under another key
        assert world.states()[match.id].state is MatchState.POSTED


@pytest.mark.parametrize("seed", [62, 63, 64])
def test_runs_and_late_commits_in_any_order_post_each_match_once(
    sqlite_db: Database, seed: int
) -> None:
    rng = random.Random(seed)
    clock = Clock()
    with EconomicSandbox(agreement(seed)) as sandbox:
        world = World.build(sqlite_db, sandbox, seed=seed, count=7)
        fake = late_fake(
            clock, lose=rng.randint(2, 4), delay=timedelta(seconds=rng.randint(5, 120))
        )
        for _ in range(6):
            run_with(world, fake, clock, batch=rng.randint(1, 4))
            clock.advance(rng.randint(1, 90))
        clock.advance(3600 + 300)  # past every key's hour and every commit
        run_with(world, fake, clock)
        for match in world.matches:
            assert fake.vouchers_with(match_marker(match)) == 1, match.id
        assert set(statuses(sqlite_db).values()) == {PostingStatus.POSTED}
        assert {m.state for m in world.states().values()} == {MatchState.POSTED}
