"""Exactly once under faults: dropped connections, accepted-then-dropped POSTs, crashes.

Each seed builds a store of approved matches and a sandbox holding their deposits, then posts
in runs until everything is posted. The sandbox drops connections (before and after carrying a
request out) and answers 5xx at random; the "process" dies (an exception no code catches) at
random points: after a batch is marked sent but before the request, after e-conomic answered
but before anything was recorded, and while looking markers up. After every run the sandbox's
own record is checked: no marker was ever accepted twice, every posted match carries the
voucher number e-conomic holds its marker under, and no approval was lost.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from econdesk.connectors import eventloop
from econdesk.connectors.errors import ConnectorError
from econdesk.domain.model import MatchState
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.sandbox.faults import FaultConfig, FaultKind, FaultPlan
from econdesk.services.posting import Outcome
from econdesk.storage import Database, open_database
from tests.services.posting_fault_runs import Crash, CrashingClient
from tests.services.posting_world import World, agreement, check_exactly_once, clearing_balance

SEEDS = range(14)
FAULTY_RUNS = 6
MAX_RUNS = 10


def _fresh_db(tmp_path: Path, template: Path, seed: int) -> Database:
    path = tmp_path / f"seed{seed}.sqlite3"
    shutil.copyfile(template, path)
    return open_database(f"sqlite:///{path}", actor=f"poster-{seed}")


@pytest.mark.parametrize("seed", SEEDS)
def test_faults_and_crashes_never_duplicate_or_lose_a_voucher(
    seed: int, tmp_path: Path, _sqlite_template: Path
) -> None:
    rng = random.Random(seed)
    faults = FaultPlan(
        FaultConfig(
            error_rate=rng.choice([0.0, 0.05, 0.1]),
            drop_rate=rng.choice([0.0, 0.05, 0.1]),
            accept_then_drop_rate=rng.choice([0.1, 0.2, 0.35]),
            seed=seed,
        )
    )
    db = _fresh_db(tmp_path, _sqlite_template, seed)
    with EconomicSandbox(agreement(seed), faults=faults) as sandbox:
        world = World.build(db, sandbox, seed=seed, count=rng.randint(3, 6))
        book = rng.random() < 0.5
        crashes = outcomes = 0
        for run in range(MAX_RUNS):
            calm = run >= FAULTY_RUNS
            if calm:
                sandbox.faults.config = FaultConfig()
            rate = 0.0 if calm else rng.choice([0.2, 0.4])
            service = world.service(
                batch_size=rng.randint(1, 4),
                book=book,
                wrap=lambda client, r=rate: CrashingClient(client, rng, r, early=2),
            )
            try:
                report = eventloop.run(service.post())
                outcomes += len(report.outcomes)
            except Crash:
                crashes += 1
            except ConnectorError:
                pass  # e-conomic could not be reached at all this run (after retries)
            stats = check_exactly_once(world)
            if stats["posted"] == stats["total"]:
                break
        assert stats == {"posted": stats["total"], "total": len(world.matches)}, (seed, run)
        with db.reader() as store:
            assert store.verify_audit().ok
            assert store.postings.in_doubt() == []
            posted_events = store.audit_events(action_prefix="match.posted")
        assert len(posted_events) == len(world.matches)  # each posted exactly once
        if not sandbox.data.drafts:  # everything booked: the clearing account is empty
            assert clearing_balance(world) == 0
    db.dispose()


def test_drop_after_n_vouchers_mid_batch(sqlite_db: Database) -> None:
    """The POST that creates the 4th voucher is carried out, then its connection dropped."""
    with EconomicSandbox(agreement(21)) as sandbox:
        world = World.build(sqlite_db, sandbox, seed=21, count=7)
        sandbox.drop_connection_after_vouchers(4)
        sandbox.faults.script(FaultKind.DROP, method="POST", path="/vouchers", skip=2, times=3)
        report = eventloop.run(world.service(batch_size=2, retry=_one_try()).post())
        assert check_exactly_once(world)["total"] == 7
        unposted = [o.match_id for o in report.outcomes if o.outcome is not Outcome.POSTED]
        # The ones that did not get through stay approved, with a reason, and post next time.
        for match_id in unposted:
            assert world.states()[match_id].state is MatchState.APPROVED
        eventloop.run(world.service(batch_size=2).post())
        assert check_exactly_once(world) == {"posted": 7, "total": 7}
        assert any(o.recovered for o in report.outcomes)


def _one_try() -> Any:
    from econdesk.connectors.http import RetryPolicy

    return RetryPolicy(attempts=1)
