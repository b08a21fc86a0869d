"""Two bookkeepers' processes reverse the same posted match at once, on one PostgreSQL
database, through the real command line: one reversal voucher, the other told why not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from econdesk.connectors import eventloop
from econdesk.domain.model import MatchState
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.storage import Database
from tests.services.posting_world import World, agreement, start_bookkeeper
from tests.services.test_reversal import sent_vouchers


@pytest.mark.postgres
def test_two_processes_reverse_a_match_once(postgres_db: Database, tmp_path: Path) -> None:
    with EconomicSandbox(agreement(95)) as sandbox:
        world = World.build(postgres_db, sandbox, seed=95, count=1)
        assert eventloop.run(world.service().post()).ok
        (match,) = world.matches
        runs = [
            start_bookkeeper(
                tmp_path,
                sandbox,
                postgres_db.url,
                name,
                "reverse",
                match.id,
                "--reason",
                f"{name} saw it was wrong",
                "--json",
            )
            for name in ("anne", "bo")
        ]
        results = [(run.communicate(timeout=240), run.returncode) for run in runs]
        done = [json.loads(out) for (out, _), code in results if code == 0]
        refused = [err for (_, err), code in results if code != 0]
        assert len(done) == 1 and len(refused) == 1, results
        assert done[0]["outcome"] == "posted"
        why = (  # waited for the lock, then found it claimed, done, or done while it built
            "is being posted",
            f"only posted matches can be reversed: {match.id} is proposed",
            f"{match.id} changed while its reversal was built (it is proposed now)",
        )
        assert any(w in refused[0] for w in why), refused[0]
        assert sent_vouchers(sandbox, done[0]["marker"]) == 1
        assert world.states()[match.id].state is MatchState.PROPOSED
        with postgres_db.reader() as store:
            assert store.verify_audit().ok
            (event,) = store.audit_events(action_prefix="match.reversed")
        assert event.actor in {"anne", "bo"}
