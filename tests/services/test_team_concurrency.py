"""Several bookkeepers' processes (or a scheduled job beside the app) on one database at once.

Each test starts real `econdesk` command-line processes against the sandboxes `econdesk
sandbox serve` starts, all on one PostgreSQL database or one SQLite file, and lets them sync
or match the same sources at the same moment. Nobody may be told about an error for work a
colleague just did, and the store must hold everything exactly once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from econdesk.domain import MatchState
from econdesk.sandbox.scenario import load_scenario
from econdesk.sandbox.serve import RunningSandbox, ServeOptions, start, stop_all
from econdesk.storage import Database

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("team_runner.py")
PEOPLE = ("anne", "bo", "cai")
RANGE = ("--from", "2026-03-01", "--to", "2026-04-14")


@pytest.fixture(scope="module")
def served() -> Iterator[list[RunningSandbox]]:
    running = start(ServeOptions(scenario="tiny", seed=11))
    try:
        yield running
    finally:
        stop_all(running)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def shared_db(request: pytest.FixtureRequest) -> Database:
    name = "sqlite_db" if request.param == "sqlite" else "postgres_db"
    database: Database = request.getfixturevalue(name)
    return database


def write_config(running: list[RunningSandbox], path: Path, actor: str) -> Path:
    lines = ["[app]", f"actor = {json.dumps(actor)}"]
    for sandbox in running:
        lines.append(f"[{sandbox.config_table}]")
        lines.extend(f"{key} = {json.dumps(value)}" for key, value in sandbox.config.items())
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def at_once(
    served: list[RunningSandbox], db: Database, tmp_path: Path, *command: str
) -> list[tuple[int, str, str]]:
    """Run `econdesk <command>` as each of PEOPLE, all started together; (code, out, err)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ECONDESK_HOME": str(tmp_path / "home")}
    go = tmp_path / "go"
    go.unlink(missing_ok=True)
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                str(RUNNER),
                str(go),
                name,
                "--config",
                str(write_config(served, tmp_path / f"{name}.toml", name)),
                "--db",
                db.url,
                *command,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=tmp_path,
        )
        for name in PEOPLE
    ]
    deadline = time.monotonic() + 120
    while not all(Path(f"{go}.{name}.ready").exists() for name in PEOPLE):
        assert time.monotonic() < deadline, "the processes never got ready"
        assert all(run.poll() is None for run in runs), "a process ended before the start"
        time.sleep(0.01)
    for name in PEOPLE:
        Path(f"{go}.{name}.ready").unlink()
    go.touch()
    results = [run.communicate(timeout=300) for run in runs]
    return [(run.returncode, out, err) for run, (out, err) in zip(runs, results, strict=True)]


def test_syncing_at_once_stores_everything_once_and_fails_nobody(
    served: list[RunningSandbox], shared_db: Database, tmp_path: Path
) -> None:
    results = at_once(served, shared_db, tmp_path, "sync", *RANGE, "--json")
    for code, _, err in results:
        assert code == 0, err
        assert "error" not in err.lower()
    new_items = [
        sum(s["items"]["new"] for s in json.loads(out)["sources"]) for _, out, _ in results
    ]
    scenario = load_scenario("tiny", seed=11)
    platform_items = [i for i in scenario.all_items() if i.provider != "clearhaus"]
    assert sum(new_items) == len(platform_items)  # each item was new to exactly one of them
    with shared_db.reader() as store:
        assert store.items.count() == len(platform_items)
        assert store.verify_audit().ok


def test_matching_at_once_proposes_each_match_once_and_says_who_went_first(
    served: list[RunningSandbox], shared_db: Database, tmp_path: Path
) -> None:
    (code, _, err), *_ = at_once(served, shared_db, tmp_path, "sync", *RANGE)
    assert code == 0, err
    results = at_once(served, shared_db, tmp_path, "match", "--json")
    for code, _, err in results:
        assert code == 0, err
        assert "error" not in err.lower()
    summaries = [json.loads(out) for _, out, _ in results]
    with shared_db.reader() as store:
        proposed = store.matches.find(states=[MatchState.PROPOSED])
        assert store.verify_audit().ok
    assert proposed
    assert sum(s["proposed"] for s in summaries) == len(proposed)
    assert all(s["withdrawn"] == 0 for s in summaries)
    # Whoever ran after a colleague is told so, by name.
    later = [s for s in summaries if s["after"]]
    assert len(later) >= 1
    for summary in later:
        assert set(summary["after"]) <= set(PEOPLE)
