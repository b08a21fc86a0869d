"""How long a sync holds the store's writer lock on PostgreSQL, and how many statements it
runs while it does: what a colleague's approval waits behind.

A throw-away PostgreSQL server (initdb and pg_ctl must be installed) and the sandboxes
(`econdesk sandbox serve`, no faults) are started; then `econdesk sync` runs over the same
two months as `team_load.py` several times in a row: the first stores everything, the
others find everything stored (what a bookkeeper's repeated sync mostly does); with
--match, `econdesk match` runs after them (the first proposes, the next finds its
proposals made already). Every hold
of the writer lock is counted with SQLAlchemy's `before_cursor_execute` and `commit`
events, and named by the econdesk function that opened the transaction. Printed per run
and function: holds, statements under the lock (BEGIN and COMMIT not counted) and the
hold's median and longest time. The statement counts do not depend on the machine's load;
the times do (one process here, nobody else waiting).

    PYTHONPATH=. .venv/bin/python benchmarks/sync_lock.py [--size 300] [--runs 3] [--match 2]
        [--show]
        [--db postgresql+psycopg://...]

The first match run stores every proposal and audits each (hashing the chain), which is work
under the lock by nature. Figures: benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.team_load import (  # noqa: E402
    PERIOD,
    given,
    serve_tiny,
    throwaway_postgres,
    write_configs,
)


@dataclass
class Hold:
    by: str
    started: float
    statements: list[str] = field(default_factory=list)


@dataclass
class Holds:
    """Every writer-lock hold seen, as (by, statements under the lock, ms)."""

    done: list[tuple[str, list[str], float]] = field(default_factory=list)
    open: dict[int, Hold] = field(default_factory=dict)  # by connection


def _caller() -> str:
    frames = [f for f in traceback.extract_stack()[:-2] if "/econdesk/" in f.filename]
    outer = [f for f in frames if "/storage/" not in f.filename] or frames
    return f"{Path(outer[-1].filename).stem}.{outer[-1].name}" if outer else "?"


@contextmanager
def watching() -> Iterator[Holds]:
    holds = Holds()

    def statement(conn: Any, _cursor: Any, text: str, *_: Any) -> None:
        hold = holds.open.get(id(conn))
        if hold is not None:
            hold.statements.append(" ".join(text.split()))
        elif "pg_advisory_xact_lock" in text:
            holds.open[id(conn)] = Hold(_caller(), time.perf_counter())

    def ended(conn: Any) -> None:
        hold = holds.open.pop(id(conn), None)
        if hold is not None:
            ms = (time.perf_counter() - hold.started) * 1000
            holds.done.append((hold.by, hold.statements, ms))

    event.listen(Engine, "before_cursor_execute", statement)
    event.listen(Engine, "commit", ended)
    event.listen(Engine, "rollback", ended)
    try:
        yield holds
    finally:
        event.remove(Engine, "before_cursor_execute", statement)
        event.remove(Engine, "commit", ended)
        event.remove(Engine, "rollback", ended)


def econdesk(config: Path, url: str, *command: str) -> None:
    from econdesk.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stderr(err):
        code = main(["--config", str(config), "--db", url, *command], stdout=out, stderr=err)
    if code != 0:
        raise SystemExit(f"econdesk {command[0]} failed: {err.getvalue().strip()}")


def report(run: int, holds: list[tuple[str, list[str], float]], show: bool) -> None:
    by: dict[str, list[tuple[list[str], float]]] = {}
    for name, statements, ms in holds:
        by.setdefault(name, []).append((statements, ms))
    for name, seen in sorted(by.items()):
        counts = sorted(len(s) for s, _ in seen)
        times = [ms for _, ms in seen]
        print(
            f"run {run}  {name:24} holds {len(seen):4}  statements "
            f"{counts[0]}-{counts[-1]} (median {statistics.median(counts):g})  "
            f"median {statistics.median(times):6.1f} ms  longest {max(times):6.1f} ms"
        )
        if show:  # the statements of the longest hold
            for text in max(seen, key=lambda s: s[1])[0]:
                print(f"    {text[:140]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=300, help="scenario size (platform items)")
    parser.add_argument("--runs", type=int, default=3, help="syncs in a row")
    parser.add_argument("--match", type=int, default=0, help="match runs after the syncs")
    parser.add_argument("--show", action="store_true", help="print the longest hold's SQL")
    parser.add_argument("--db", help="an empty PostgreSQL database's URL (default: throw-away)")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="econdesk-synclock-") as tmp,
        given(args.db) if args.db else throwaway_postgres() as url,
    ):
        measure(args, url, Path(tmp))


def measure(args: argparse.Namespace, url: str, folder: Path) -> None:
    served = serve_tiny(url, folder, seed=5, size=args.size, fault_rate=0)
    try:
        ((_, config),) = write_configs(served.connection_url, folder, 1)
        for run in range(1, args.runs + 1):
            with watching() as holds:
                econdesk(config, url, "sync", *PERIOD)
            report(run, holds.done, args.show)
        for run in range(1, args.match + 1):
            with watching() as holds:
                econdesk(config, url, "match")
            report(run, holds.done, args.show)
    finally:
        served.stop()


if __name__ == "__main__":
    main()
