"""`econdesk post` killed by the operating system (SIGKILL: no clean-up, no `finally`) at the
moments that matter, again and again; then one run to the end. Each match is posted once.

Where test_posting_kill_steps.py stops a process at each named step inside one interpreter,
this kills real processes: right after a posting is claimed in the store, while e-conomic
(the sandbox, answering slowly) holds the request, or at a random moment. The last run, once
the dead runs' claims are stale, settles what they left.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from econdesk.connectors import eventloop
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.sandbox.faults import FaultConfig, FaultPlan
from econdesk.storage import Database
from tests.services.posting_world import World, agreement, check_exactly_once, write_config

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]


def post(config: Path, db: Database, home: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "ECONDESK_HOME": str(home)}
    return subprocess.Popen(
        [sys.executable, "-m", "econdesk", "--config", str(config), "--db", db.url, "post"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def kill_when(process: subprocess.Popen[bytes], ready: Callable[[], bool]) -> bool:
    """SIGKILL the process as soon as `ready()`; False when it ended first."""
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if ready():
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            return True
        time.sleep(0.005)
    process.wait(timeout=30)
    return False


def test_posting_processes_killed_mid_way_post_each_match_once(
    sqlite_db: Database, tmp_path: Path
) -> None:
    rng = random.Random(73)
    slow = FaultPlan(FaultConfig(latency_ms=150, latency_jitter_ms=150, seed=73))
    with EconomicSandbox(agreement(73), faults=slow) as sandbox:
        world = World.build(sqlite_db, sandbox, seed=73, count=30)  # two requests a run
        config = write_config(tmp_path / "config.toml", sandbox)

        def claimed() -> bool:
            with sqlite_db.reader() as store:
                return any(p.status.value in ("claimed", "sent") for p in store.postings.find())

        def requested(seen: int) -> Callable[[], bool]:
            return lambda: len(sandbox.server.exchanges("POST", "/vouchers")) > seen

        def later(seconds: float) -> Callable[[], bool]:
            at = time.monotonic() + seconds
            return lambda: time.monotonic() >= at

        fired: list[str] = []
        for round_ in range(6):
            trigger = ("claim", "request", "random")[round_ % 3]
            seen = len(sandbox.server.exchanges("POST", "/vouchers"))
            process = post(config, sqlite_db, tmp_path)
            ready = {
                "claim": claimed,
                "request": requested(seen),
                "random": later(rng.uniform(0.5, 4.0)),
            }[trigger]
            if kill_when(process, ready):
                fired.append(trigger)
        assert {"claim", "request"} <= set(fired)  # the kills hit the posting itself
        # The runs that died left postings claimed or sent. A new run waits `stale_after`
        # (10 minutes) before it takes them for dead; this one is told that time has passed.
        report = eventloop.run(world.service(batch_size=25).post())
        assert report.ok, [o.reason for o in report.outcomes if o.reason]
        assert check_exactly_once(world) == {"posted": 30, "total": 30}
