"""What one approval and one rejection cost on PostgreSQL: SQL statements and wall time.

A throw-away PostgreSQL server (initdb and pg_ctl must be installed) gets a generated scenario
and one match run; then proposals are approved and rejected one at a time through the
matching service, as a bookkeeper does in review, each counted with SQLAlchemy's
`before_cursor_execute` event. Printed: statements per approve and per reject (how many
before the writer lock, how many under it), their median wall time, and with `--show` the
statements of one of each.

    PYTHONPATH=. .venv/bin/python benchmarks/decision_roundtrips.py [--size 300] [--count 20]
        [--show] [--db postgresql+psycopg://...]

Figures: benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import event

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


@dataclass
class Counted:
    statements: list[str] = field(default_factory=list)
    lock_at: int | None = None  # index of the statement that took the writer lock


@contextmanager
def counting(engine: Any) -> Iterator[Counted]:
    counted = Counted()

    def seen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if "pg_advisory_xact_lock" in statement and counted.lock_at is None:
            counted.lock_at = len(counted.statements)
        counted.statements.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", seen)
    try:
        yield counted
    finally:
        event.remove(engine, "before_cursor_execute", seen)


@contextmanager
def throwaway_database() -> Iterator[str]:
    from sqlalchemy import make_url

    from tests.conftest import find_pg_bin, new_postgres_database, postgres_server

    pg_bin = find_pg_bin()
    if pg_bin is None:
        raise SystemExit("PostgreSQL server binaries not found: pass --db URL")
    with postgres_server(pg_bin) as admin:
        url = new_postgres_database(admin)
        yield make_url(url).render_as_string(hide_password=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=300, help="scenario size (platform items)")
    parser.add_argument("--count", type=int, default=20, help="approvals (and rejections)")
    parser.add_argument("--show", action="store_true", help="print one of each's statements")
    parser.add_argument("--db", help="an empty PostgreSQL database's URL (default: throw-away)")
    args = parser.parse_args()
    with _given(args.db) if args.db else throwaway_database() as url:
        measure(url, args)


@contextmanager
def _given(url: str) -> Iterator[str]:
    yield url


def measure(url: str, args: argparse.Namespace) -> None:
    from econdesk.domain import MatchState
    from econdesk.sandbox.scenario import load_scenario
    from econdesk.services.matching import MatchingService
    from econdesk.storage import open_database

    spec = Path(tempfile.mkdtemp(prefix="econdesk-bench-")) / "scenario.toml"
    spec.write_text(f'[scenario]\nbase = "tiny"\nseed = 5\nsize = {args.size}\n', "utf-8")
    scenario = load_scenario(spec)
    db = open_database(url, actor="bench")
    with db.transaction() as store:
        store.bank_entries.upsert_many(scenario.bank_entries)
        store.items.upsert_many(scenario.items)
        store.payouts.upsert_many(scenario.payouts)
    service = MatchingService(db)
    service.run()
    proposed = service.matches(MatchState.PROPOSED)
    # Learned proposals unteach on rejection: the costliest kind, so rejected first.
    proposed.sort(key=lambda m: m.method.value != "learned")
    results: dict[str, list[tuple[Counted, float]]] = {"approve": [], "reject": []}
    for i, m in enumerate(proposed[: 2 * args.count]):
        action = "reject" if i % 2 == 0 else "approve"
        with counting(db.engine) as counted:
            started = time.perf_counter()
            getattr(service, action)([m.id])
            elapsed = (time.perf_counter() - started) * 1000
        results[action].append((counted, elapsed))
    db.dispose()
    print(f"scenario tiny, size {args.size}; {len(proposed)} proposals")
    for action, runs in results.items():
        if not runs:
            continue
        counts = [len(c.statements) for c, _ in runs]
        under = [len(c.statements) - (c.lock_at or 0) for c, _ in runs]
        ms = statistics.median(t for _, t in runs)
        print(
            f"{action}: {len(runs)} done, statements {min(counts)}-{max(counts)} "
            f"(under the writer lock {min(under)}-{max(under)}), median {ms:.1f} ms"
        )
        if args.show:
            counted = max(runs, key=lambda r: len(r[0].statements))[0]
            for n, statement in enumerate(counted.statements):
                mark = "L" if counted.lock_at is not None and n >= counted.lock_at else " "
                print(f"  {mark} {statement[:150]}")


if __name__ == "__main__":
    main()
