"""Posting under every fault: seeded runs on SQLite and PostgreSQL, with one and two posters.

Each seed builds approved matches and an e-conomic sandbox holding their deposits, then posts
in faulty rounds (5xx, 429, connections dropped before and after the work, writes committed
late with the answer lost, posters dying at random points) and clean rounds until everything
is posted (tests/services/posting_fault_runs.py has the details). Seeds are dealt round-robin
over the four set-ups (SQLite / PostgreSQL x one / two posters).

Printed per set-up and in total: runs, vouchers posted, duplicates, approvals lost, postings
left in doubt after the final clean round, matches left unposted, crashes and late commits
injected. The exit status is 1 when any of duplicates, approvals lost, in doubt or unposted is
not 0.

    PYTHONPATH=. .venv/bin/python benchmarks/posting_faults.py              # 200 seeds
    PYTHONPATH=. .venv/bin/python benchmarks/posting_faults.py --seeds 40 --only sqlite
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from econdesk.storage import open_database
from tests.conftest import (
    _admin,
    drop_postgres_database,
    find_pg_bin,
    new_postgres_database,
    postgres_server,
)
from tests.services.posting_fault_runs import Posters, SeedResult, posters, run_seed

FIELDS = (
    ("runs", None),
    ("vouchers posted", "vouchers_posted"),
    ("duplicates", "duplicates"),
    ("approvals lost", "approvals_lost"),
    ("in doubt after clean run", "in_doubt"),
    ("unposted after clean run", "unposted"),
    ("crashes injected", "crashes"),
    ("late commits injected", "late_commits"),
)
MUST_BE_ZERO = ("duplicates", "approvals_lost", "in_doubt", "unposted")
PG_TEMPLATE = "econdesk_faults_template"


class Databases:
    """Fresh migrated databases: SQLite files copied from a template, PostgreSQL databases
    made from a template database on a throw-away server."""

    def __init__(self, stack: ExitStack, kinds: list[str]) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="econdesk-faults-"))
        stack.callback(shutil.rmtree, self.root, True)
        self.sqlite_template = self.root / "template.sqlite3"
        open_database(f"sqlite:///{self.sqlite_template}", actor="template").dispose()
        self.admin: str | None = None
        if "postgresql" in kinds:
            pg_bin = find_pg_bin()
            if pg_bin is None:
                raise SystemExit("PostgreSQL server binaries (initdb, pg_ctl) not found")
            self.admin = stack.enter_context(postgres_server(pg_bin))
            _admin(self.admin, f"CREATE DATABASE {PG_TEMPLATE}")
            template = new_url(self.admin, PG_TEMPLATE)
            open_database(template, actor="template").dispose()

    @contextmanager
    def fresh(self, kind: str, seed: int) -> Iterator[str]:
        if kind == "sqlite":
            path = self.root / f"seed{seed}.sqlite3"
            shutil.copyfile(self.sqlite_template, path)
            yield f"sqlite:///{path}"
            path.unlink()
            return
        assert self.admin is not None
        url = new_postgres_database(self.admin, template=PG_TEMPLATE)
        try:
            yield url
        finally:
            drop_postgres_database(self.admin, url)


def new_url(admin: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(admin).set(database=name).render_as_string(hide_password=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=200, help="seeded runs in all (200)")
    parser.add_argument("--first-seed", type=int, default=1)
    parser.add_argument("--only", choices=["sqlite", "postgresql"], help="one database only")
    args = parser.parse_args()
    kinds = [args.only] if args.only else ["sqlite", "postgresql"]
    setups = [(kind, count) for kind in kinds for count in (1, 2)]
    results: dict[tuple[str, int], list[SeedResult]] = {s: [] for s in setups}
    started = time.perf_counter()
    with ExitStack() as stack:
        databases = Databases(stack, kinds)
        pools: dict[int, Posters] = {count: stack.enter_context(posters(count)) for count in (1, 2)}
        for n in range(args.seeds):
            seed = args.first_seed + n
            kind, count = setups[n % len(setups)]
            with databases.fresh(kind, seed) as url:
                result = run_seed(seed, url, pools[count], kind)
            results[(kind, count)].append(result)
            if not result.clean:
                print(f"seed {seed} ({kind}, {count} poster(s)) NOT clean: {result}")
    elapsed = time.perf_counter() - started
    _print(results, elapsed)
    everything = [r for rs in results.values() for r in rs]
    return 0 if all(r.clean for r in everything) else 1


def _print(results: dict[tuple[str, int], list[SeedResult]], elapsed: float) -> None:
    columns = [f"{kind}/{count}" for kind, count in results] + ["total"]
    groups = [*results.values(), [r for rs in results.values() for r in rs]]
    print(f"{'':28}" + "".join(f"{c:>14}" for c in columns))
    for label, attr in FIELDS:
        cells = [len(g) if attr is None else sum(getattr(r, attr) for r in g) for g in groups]
        print(f"{label:28}" + "".join(f"{c:>14}" for c in cells))
    print(f"(set-ups: database/posters; {elapsed:.0f} s in all)")


if __name__ == "__main__":
    sys.exit(main())
