"""Seeded fault runs of posting: every fault the e-conomic sandbox injects, crashes, 1-2 posters.

One seed is one run: a store of approved matches (SQLite file or PostgreSQL database) and a
sandbox holding their deposits. A few faulty rounds follow, then clean rounds until everything
is posted. In a faulty round the sandbox answers 5xx, 429, drops connections before and after
carrying a request out, and commits some writes late (the answer lost, the voucher created a
moment later, a repeat of the key answered 409 meanwhile); each poster may die at random
points (after marking a batch sent, after e-conomic answered, while looking a marker up).
With two posters, two worker processes post the same store at once.

Counted per seed: vouchers posted, duplicates (a marker accepted twice, or held by two
vouchers), approvals lost (a match neither approved nor posted, or posted without the voucher
e-conomic holds its marker under), postings still in doubt after the final clean round, and
matches still unposted then. `benchmarks/posting_faults.py` runs hundreds of seeds; the tests
run a few (tests/services/test_posting_fault_runs.py).
"""

from __future__ import annotations

import multiprocessing
import random
import traceback
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from multiprocessing.connection import Connection
from typing import Any, cast

from econdesk.accounting.marker import match_marker
from econdesk.connectors import eventloop
from econdesk.connectors.economic.client import EconomicClient
from econdesk.connectors.economic.models import MarkerSearch, PostResult
from econdesk.connectors.errors import ConnectorError
from econdesk.connectors.http import RetryPolicy
from econdesk.domain.model import MatchState
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.sandbox.faults import FaultConfig, FaultKind
from econdesk.storage import Database, open_database
from tests.services.posting_world import World, agreement

FAULTY_ROUNDS = 3
CLEAN_ROUNDS = 4
RETRY = RetryPolicy(attempts=2, base_delay=0.002, max_delay=0.01)


class Crash(BaseException):
    """The poster died here (nothing in econdesk catches a BaseException)."""


@dataclass(frozen=True)
class Address:
    """Where a poster finds the sandbox (what `World.client` reads)."""

    base_url: str
    journals_url: str
    app_secret_token: str
    agreement_grant_token: str


@dataclass(frozen=True)
class Round:
    """One poster's part of one round."""

    seed: int
    round: int
    poster: int
    db_url: str
    address: Address
    crash_rate: float
    batch_size: int
    book: bool


@dataclass
class SeedResult:
    seed: int
    database: str
    posters: int
    matches: int = 0
    vouchers_posted: int = 0
    duplicates: int = 0
    approvals_lost: int = 0
    in_doubt: int = 0
    unposted: int = 0
    crashes: int = 0
    late_commits: int = 0

    @property
    def clean(self) -> bool:
        return not (self.duplicates or self.approvals_lost or self.in_doubt or self.unposted)


class CrashingClient:
    """The real client over loopback, except that the poster may die around its calls.

    It dies before a request at `rate / early`, after the answer at `rate`, while looking a
    marker up at `rate / 4`."""

    def __init__(
        self, inner: EconomicClient, rng: random.Random, rate: float, *, early: int = 3
    ) -> None:
        self.inner, self.rng, self.rate, self.early = inner, rng, rate, early

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    async def post_vouchers(
        self, journal_number: int, vouchers: Sequence[Mapping[str, Any]], *, idempotency_key: str
    ) -> PostResult:
        if self.rng.random() < self.rate / self.early:
            raise Crash("died after marking the batch sent, before the request")
        result = await self.inner.post_vouchers(
            journal_number, vouchers, idempotency_key=idempotency_key
        )
        if self.rng.random() < self.rate:
            raise Crash("died after e-conomic answered, before recording")
        return result

    async def find_marker(
        self, marker: str, *, journals: Iterable[int] | None = None, years: Any = None
    ) -> MarkerSearch:
        if self.rng.random() < self.rate / 4:
            raise Crash("died while looking for a marker")
        return await self.inner.find_marker(marker, journals=journals, years=years)


def post_round(plan: Round) -> str:
    """One poster's round: 'ok', 'crashed' or 'unreachable' (e-conomic, after retries)."""
    rng = random.Random(f"{plan.seed}-{plan.round}-{plan.poster}")
    db = open_database(plan.db_url, actor=f"poster-{plan.poster}", migrate=False)
    try:
        world = World(cast(EconomicSandbox, plan.address), db)
        service = world.service(
            batch_size=plan.batch_size,
            book=plan.book,
            retry=RETRY,
            stale_after=timedelta(0),
            wrap=lambda client: CrashingClient(client, rng, plan.crash_rate),
        )
        try:
            eventloop.run(service.post())
        except Crash:
            return "crashed"
        except ConnectorError:
            return "unreachable"
        return "ok"
    finally:
        db.dispose()


def _worker(conn: Connection) -> None:
    """A poster process: runs the rounds it is sent until it is sent None."""
    while True:
        plan = conn.recv()
        if plan is None:
            return
        try:
            conn.send(post_round(plan))
        except Exception:
            conn.send(f"error: {traceback.format_exc()}")


class Posters:
    """`count` posters: this process alone, or that many worker processes posting at once."""

    def __init__(self, count: int) -> None:
        self.count = count
        self._pipes: list[Connection] = []
        self._procs: list[multiprocessing.process.BaseProcess] = []
        if count > 1:
            context = multiprocessing.get_context("spawn")
            for _ in range(count):
                ours, theirs = context.Pipe()
                proc = context.Process(target=_worker, args=(theirs,), daemon=True)
                proc.start()
                self._pipes.append(ours)
                self._procs.append(proc)

    def run(self, plans: Sequence[Round]) -> list[str]:
        if self.count == 1:
            return [post_round(plans[0])]
        for pipe, plan in zip(self._pipes, plans, strict=True):
            pipe.send(plan)
        results = [pipe.recv() for pipe in self._pipes]
        errors = [r for r in results if r.startswith("error")]
        if errors:
            raise RuntimeError(errors[0])
        return results

    def close(self) -> None:
        for pipe in self._pipes:
            pipe.send(None)
        for proc in self._procs:
            proc.join(timeout=10)


@contextmanager
def posters(count: int) -> Iterator[Posters]:
    pool = Posters(count)
    try:
        yield pool
    finally:
        pool.close()


def fault_mix(rng: random.Random, seed: int) -> FaultConfig:
    """Every fault the sandbox injects, at rates drawn for the seed."""
    return FaultConfig(
        error_rate=rng.choice([0.0, 0.05, 0.1]),
        throttle_rate=rng.choice([0.0, 0.02]),
        retry_after_seconds=0.01,
        drop_rate=rng.choice([0.0, 0.05, 0.1]),
        accept_then_drop_rate=rng.choice([0.05, 0.15, 0.25]),
        commit_late_rate=rng.choice([0.05, 0.15, 0.25]),
        commit_delay_seconds=rng.uniform(0.02, 0.3),
        seed=seed,
    )


def run_seed(seed: int, db_url: str, pool: Posters, database: str) -> SeedResult:
    """One seeded run against a fresh, migrated database at `db_url`; see the module docstring."""
    rng = random.Random(seed)
    result = SeedResult(seed, database, pool.count)
    db = open_database(db_url, actor="builder", migrate=False)
    try:
        with EconomicSandbox(agreement(seed), faults=None) as sandbox:
            sandbox.faults.config = fault_mix(rng, seed)
            world = World.build(db, sandbox, seed=seed, count=rng.randint(3, 8))
            result.matches = len(world.matches)
            address = Address(
                sandbox.base_url,
                sandbox.journals_url,
                sandbox.app_secret_token,
                sandbox.agreement_grant_token,
            )
            book = rng.random() < 0.5
            for number in range(FAULTY_ROUNDS + CLEAN_ROUNDS):
                calm = number >= FAULTY_ROUNDS
                if calm:
                    sandbox.faults.config = FaultConfig()
                    sandbox.server.finish_deferred()  # what was committed late is in now
                rate = 0.0 if calm else rng.choice([0.1, 0.3])
                plans = [
                    Round(seed, number, poster, db_url, address, rate, rng.randint(1, 4), book)
                    for poster in range(pool.count)
                ]
                outcomes = pool.run(plans)
                result.crashes += outcomes.count("crashed")
                if calm and _all_settled(db, world):
                    break
            sandbox.server.finish_deferred()
            result.late_commits = sandbox.faults.injected.get(FaultKind.COMMIT_LATE, 0)
            _count(result, world, db)
    finally:
        db.dispose()
    return result


def _all_settled(db: Database, world: World) -> bool:
    with db.reader() as store:
        states = [store.matches.get(m.id).state for m in world.matches]
        doubtful = store.postings.in_doubt()
    return all(s is MatchState.POSTED for s in states) and not doubtful


def _count(result: SeedResult, world: World, db: Database) -> None:
    in_sandbox = world.vouchers_in_sandbox()
    accepted = world.accepted_posts()
    states = world.states()
    for match in world.matches:
        marker = match_marker(match)
        vouchers = in_sandbox.get(marker, set())
        result.duplicates += max(0, accepted[marker] - 1) + max(0, len(vouchers) - 1)
        current = states[match.id]
        if current.state is MatchState.POSTED:
            result.vouchers_posted += 1
            voucher = current.voucher
            if voucher is None or vouchers != {(voucher.year, voucher.number)}:
                result.approvals_lost += 1
        elif current.state is MatchState.APPROVED:
            result.unposted += 1
        else:
            result.approvals_lost += 1
    with db.reader() as store:
        result.in_doubt = len(store.postings.in_doubt())
        if not store.verify_audit().ok:
            result.approvals_lost += 1  # a broken audit chain loses the record of approvals
