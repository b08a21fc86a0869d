"""The report from a real store: seconds and peak memory of `econdesk report` on SQLite.

For each size a fresh SQLite store is filled through the repositories (bank entries, three
items per deposit, one approved match each, every step audited) in one process; the report is
then written from it in another, so its peak resident memory is the report's alone. Flat
memory across sizes shows the rows stream from the database rather than sitting in memory.

    .venv/bin/python benchmarks/report_service.py [MATCHES ...]   (default: 2k 20k)

Figures: benchmarks/RESULTS.md.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from _measure import peak_rss_mib, run_fresh

DEFAULT_SIZES = (2_000, 20_000)


def fill(url: str, matches: int) -> None:
    from econdesk.domain.model import (
        BankEntry,
        BankEntryOrigin,
        ItemKind,
        Match,
        MatchMethod,
        MatchState,
        PlatformItem,
    )
    from econdesk.domain.money import Money, money_sum
    from econdesk.storage import open_database

    rng = random.Random(matches)
    db = open_database(url, actor="benchmark")
    start = date(2026, 1, 1)
    for first in range(0, matches, 5_000):
        entries, items, groups = [], [], []
        for n in range(first, min(first + 5_000, matches)):
            day = start + timedelta(days=n % 365)
            its = [
                PlatformItem("stripe", f"ch_{n}_{k}", ItemKind.PAYMENT,
                             Money.from_minor(rng.randrange(5_000, 90_000), "DKK"),
                             datetime(day.year, day.month, day.day, 9, tzinfo=UTC),
                             fee=Money.from_minor(250, "DKK"), customer_name=f"Kunde {n}")
                for k in range(3)
            ]  # fmt: skip
            net = money_sum((i.net for i in its), "DKK")
            entry = BankEntry(BankEntryOrigin.BOOKED, str(n + 1), 5820, day, net,
                              f"STRIPE PAYOUT {n:08d}")  # fmt: skip
            entries.append(entry)
            items.extend(its)
            groups.append((entry, its))
        with db.transaction() as store:
            store.bank_entries.upsert_many(entries)
            store.items.upsert_many(items)
            store.matches.create_many([
                Match("", MatchState.APPROVED, MatchMethod.SUBSET, 0.97, True, (e.ref,),
                      tuple(i.ref for i in its), e.amount, Money.zero("DKK"))
                for e, its in groups
            ])  # fmt: skip
    db.dispose()


def measure(url: str, folder: str) -> dict[str, float]:
    from econdesk.config import Config
    from econdesk.services.report import Ledger, Period, write_period_report
    from econdesk.storage import open_database

    db = open_database(url, actor="benchmark")
    started = time.perf_counter()
    result = write_period_report(db, Path(folder) / "report.xlsx", config=Config(),
                                 period=Period(), ledger=Ledger.unknown("benchmark"))  # fmt: skip
    seconds = time.perf_counter() - started
    return {
        "matches": result.matches,
        "audit": result.audit_events,
        "seconds": seconds,
        "peak_rss_mib": peak_rss_mib(),
    }


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "--fill":
        fill(argv[1], int(argv[2]))
        return 0
    if len(argv) == 3 and argv[0] == "--report":
        print(json.dumps(measure(argv[1], argv[2])))
        return 0
    sizes = [int(a.replace("_", "")) for a in argv] or list(DEFAULT_SIZES)
    print(f"{'matches':>9} {'audit rows':>11} {'fill s':>8} {'report s':>9} {'peak MiB':>9}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{folder}/store.db"
            began = time.perf_counter()
            subprocess.run([sys.executable, __file__, "--fill", url, str(size)], check=True)
            filled = time.perf_counter() - began
            r = run_fresh(__file__, "--report", url, folder)
            print(f"{r['matches']:>9,} {r['audit']:>11,} {filled:>8.1f} {r['seconds']:>9.2f} "
                  f"{r['peak_rss_mib']:>9.0f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
