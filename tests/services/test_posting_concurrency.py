"""Two bookkeepers' processes post the same approved matches at once, on one PostgreSQL database.

Both run the real command line (`econdesk post --json`) against the same e-conomic sandbox.
Each match must be posted exactly once: one voucher per marker in the sandbox's record, every
match POSTED with that voucher's number, and the other process told the match was busy or
already posted, never a second voucher.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from econdesk.domain.model import MatchState
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.storage import Database
from tests.services.posting_world import World, agreement, check_exactly_once, start_bookkeeper


@pytest.mark.postgres
def test_two_processes_post_each_match_once(postgres_db: Database, tmp_path: Path) -> None:
    with EconomicSandbox(agreement(31)) as sandbox:
        world = World.build(postgres_db, sandbox, seed=31, count=40)
        runs = [
            start_bookkeeper(tmp_path, sandbox, postgres_db.url, name, "post", "--json")
            for name in ("anne", "bo")
        ]
        results = [run.communicate(timeout=240) for run in runs]
        for run, (_, err) in zip(runs, results, strict=True):
            assert run.returncode == 0, err
        reports = [json.loads(out) for out, _ in results]
        posted_by = {}
        for name, report in zip(("anne", "bo"), reports, strict=True):
            for outcome in report["outcomes"]:
                if outcome["outcome"] == "posted":
                    assert outcome["id"] not in posted_by, f"{outcome['id']} posted twice"
                    posted_by[outcome["id"]] = name
                else:
                    assert outcome["outcome"] == "busy", outcome
        assert set(posted_by) == {m.id for m in world.matches}
        assert check_exactly_once(world) == {"posted": 40, "total": 40}
        assert all(m.state is MatchState.POSTED for m in world.states().values())
        with postgres_db.reader() as store:
            assert store.verify_audit().ok
            actors = {e.actor for e in store.audit_events(action_prefix="posting.posted")}
            versions = store.mappings.history()
        assert len(versions) == 1  # both started from the config; one saved it
        assert actors <= {"anne", "bo"}
