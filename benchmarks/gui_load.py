"""Time to load and show 100,000 rows in the app's tables, scroll them, sort and filter; memory.

Run: .venv/bin/python benchmarks/gui_load.py [ROWS]
Target (issue 7): 100,000 rows shown in < 1 s after the data is loaded; < 500 MB.

Why the tables sort through their own proxy (qt/models/proxy.py): QSortFilterProxyModel
compares rows through a Python `data()` call each, while the proxy sorts precomputed keys with
Python's `sorted` (figures: benchmarks/RESULTS.md).
"""

from __future__ import annotations

import os
import sys
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from econdesk.domain.model import (
    BankEntry,
    BankEntryOrigin,
    ExplanationTerm,
    ItemKind,
    Match,
    MatchMethod,
    MatchState,
    PlatformItem,
    format_match_id,
)
from econdesk.domain.money import Money
from econdesk.qt.models.bank import BankEntryModel
from econdesk.qt.models.items import PlatformItemModel
from econdesk.qt.models.matches import SCORE, MatchModel
from econdesk.qt.models.status import Claims
from econdesk.qt.widgets.data_table import DataTable
from econdesk.qt.widgets.score_delegate import ScoreDelegate


def rss_mb() -> float:
    try:
        with Path("/proc/self/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate(
    n: int, first_day: date = date(2026, 1, 1)
) -> tuple[list[BankEntry], list[PlatformItem], list[Match]]:
    """n payments, their bank lines and a match for each (states mixed), from `first_day`."""
    start = datetime.combine(first_day, datetime.min.time(), tzinfo=UTC)
    entries, items, matches = [], [], []
    states = list(MatchState)
    for i in range(n):
        minor = 1000 + (i * 7919) % 500_000
        item = PlatformItem(
            provider=("stripe", "frisbii", "chargebee")[i % 3],
            external_id=f"ch_{i:08d}",
            kind=ItemKind.PAYMENT,
            amount=Money.from_minor(minor, "DKK"),
            occurred_at=start + timedelta(minutes=7 * i),
            fee=Money.from_minor(minor // 70, "DKK"),
            customer_name=f"Customer {i % 997}",
            invoice_ref=f"INV{i:07d}",
        )
        entry = BankEntry(
            origin=BankEntryOrigin.BOOKED,
            external_id=str(i + 1),
            account_number=5820,
            entry_date=first_day + timedelta(days=i // 300),
            amount=item.net,
            text=f"{item.provider.upper()} {item.invoice_ref} Customer {i % 997}",
        )
        state = states[i % 4]  # proposed, approved, rejected, parked: no voucher needed
        matches.append(
            Match(
                id=format_match_id(i + 1),
                state=state,
                method=MatchMethod.ONE_TO_ONE,
                score=(i % 100) / 100,
                auto=i % 7 == 0,
                bank_refs=(entry.ref,),
                item_refs=(item.ref,),
                amount=entry.amount,
                difference=Money(Decimal("0.00"), "DKK"),
                explanation=(ExplanationTerm("amount", "equal", 0.5),),
            )
        )
        entries.append(entry)
        items.append(item)
    return entries, items, matches


def timed(label: str, fn) -> float:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    fn()
    seconds = time.perf_counter() - t0
    print(f"{label:<44} {seconds * 1000:9.1f} ms")
    return seconds


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    app = QApplication.instance() or QApplication(sys.argv[:1])
    base = rss_mb()
    t0 = time.perf_counter()
    entries, items, matches = generate(n)
    print(f"rows per table                               {n:9d}")
    load = os.getloadavg()[0]
    print(f"machine load average {load:.1f} on {os.cpu_count()} cores (times grow with it)")
    print(
        f"generate domain objects (not the UI)         {(time.perf_counter() - t0) * 1000:9.1f} ms"
    )
    data_mb = rss_mb()

    lookup = {e.ref: e for e in entries}
    bank, side, proposals = BankEntryModel(), PlatformItemModel(), MatchModel(lookup.get)
    tables = [DataTable(bank), DataTable(side), DataTable(proposals)]
    tables[2].setItemDelegateForColumn(SCORE, ScoreDelegate(tables[2]))
    for table in tables:
        table.resize(1200, 800)

    t0 = time.perf_counter()
    held = Claims(matches).holder  # built with the snapshot, on the database worker
    print(
        f"claims index (worker thread, not the UI)     {(time.perf_counter() - t0) * 1000:9.1f} ms"
    )

    def load_and_show() -> None:
        bank.set_rows(entries)
        side.set_rows(items)
        proposals.set_rows(matches)
        bank.set_claims(held)
        side.set_claims(held)
        for table in tables:
            table.show()
        app.processEvents()

    shown = timed("load and show 3 tables x rows", load_and_show)
    view = tables[2]

    def scroll() -> None:
        bar = view.verticalScrollBar()
        for step in range(200):
            bar.setValue(bar.maximum() * step // 199)
            view.viewport().repaint()

    scrolled = timed("scroll through 200 pages, repaint each", scroll)

    def wheel() -> None:
        bar = view.verticalScrollBar()
        bar.setValue(bar.maximum() // 2)
        app.processEvents()
        for _ in range(200):  # a mouse wheel notch scrolls three rows
            bar.setValue(bar.value() + 3 * view.verticalHeader().defaultSectionSize())
            app.processEvents()

    wheeled = timed("wheel-scroll 200 notches (3 rows each)", wheel)
    timed("sort proposals by score", lambda: view.proxy.sort(SCORE))
    timed("sort bank entries by text", lambda: tables[0].proxy.sort(1))
    timed(
        "filter proposals to 'proposed'",
        lambda: view.proxy.set_predicate(lambda m: m.state is MatchState.PROPOSED),
    )
    timed(
        "search 'customer 42' (first search builds index)",
        lambda: view.proxy.set_search("customer 42"),
    )
    timed("search 'inv00123'", lambda: view.proxy.set_search("inv00123"))
    view.proxy.set_search("")
    view.select_row(5)
    first = view.current_object()
    changed = Match(
        **{**{f: getattr(first, f) for f in first.__slots__}, "state": MatchState.APPROVED}
    )
    timed(
        "approve one row (row leaves the filter)",
        lambda: (proposals.replace([changed]), app.processEvents()),
    )
    print(f"per page repaint while scrolling             {scrolled / 200 * 1000:9.1f} ms")
    print(f"per wheel notch                              {wheeled / 200 * 1000:9.1f} ms")
    print(f"memory: start {base:.0f} MB, with data {data_mb:.0f} MB, with UI {rss_mb():.0f} MB")
    verdict = "OK" if shown < 1.0 and rss_mb() < 500 else "OVER TARGET"
    print(f"target: show < 1000 ms and < 500 MB: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
