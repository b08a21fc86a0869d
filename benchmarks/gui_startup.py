"""Time from launching `econdesk gui` to a usable main window (period loaded), and its memory.

Run: .venv/bin/python benchmarks/gui_startup.py [MATCHES]
Launches `python -m econdesk --db URL gui --self-test` (offscreen) on an empty store and on a
store holding MATCHES proposals (default 2,000) with their bank entries and payments, and
measures until the app reports the window open with the month loaded.
Target (issue 7): usable in < 2 s, < 500 MB.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from econdesk.domain.model import MatchState
from econdesk.storage import open_database

sys.path.insert(0, str(Path(__file__).parent))
from _measure import launch_self_test
from gui_load import generate

TODAY = date.today()


def fill(url: str, n: int) -> None:
    """n payments, n bank lines and n proposals this month, stored through the repositories."""
    entries, items, matches = generate(n, TODAY.replace(day=1))
    db = open_database(url, actor="benchmark")
    with db.transaction() as store:
        store.bank_entries.upsert_many(entries)
        store.items.upsert_many(items)
        store.matches.create_many(
            [replace(m, id="", state=MatchState.PROPOSED, voucher=None) for m in matches]
        )
    db.dispose()


def launch(url: str, home: str) -> tuple[float, float]:
    """(wall seconds to a usable window, CPU seconds the app used in all)."""
    run = launch_self_test(["--db", url, "gui"], "the app did not start", {"ECONDESK_HOME": home})
    return run.seconds, run.cpu


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as home:
        empty = f"sqlite:///{Path(home) / 'empty.sqlite3'}"
        full = f"sqlite:///{Path(home) / 'full.sqlite3'}"
        open_database(empty).dispose()
        t0 = time.perf_counter()
        fill(full, n)
        print(
            f"store with {n} proposals written in {time.perf_counter() - t0:.1f} s (not measured)"
        )
        load = os.getloadavg()[0]
        print(
            f"machine load average {load:.1f} on {os.cpu_count()} cores (wall times grow with it)"
        )
        for label, url in (("empty store", empty), (f"{n} proposals", full)):
            runs = [launch(url, home) for _ in range(3)]
            wall, cpu = min(r[0] for r in runs), min(r[1] for r in runs)
            print(f"launch to usable window, {label:<16} {wall * 1000:8.0f} ms wall (best of 3)")
            print(f"  CPU time of the whole run (start, load, close) {cpu * 1000:8.0f} ms")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory of the app                     {peak:8.0f} MB")
    print("target: usable < 2000 ms, memory < 500 MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
