"""The firm overview of 50 clients: how long until it is filled (target: under 1 s).

Makes 50 clients in a throw-away ECONDESK_HOME, each with its own SQLite store holding
`--rows` bank lines (a fifth unmatched), platform payments and approved matches; the stores
are made once from a template so that setting up stays quick. Then it times, in one process
with the Qt application already up: reading every client's figures (the summary queries,
store by store) and the overview widget filled from them. Printed: the seconds of each,
best of `--repeat`, and the CPU seconds of the reading (on a busy machine the wall clock
also counts other programs' turns).

    PYTHONPATH=. QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/firm_overview.py \
        [--clients 50] [--rows 2000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path


def seed_template(path: Path, rows: int) -> None:
    from econdesk.domain import BankEntry, BankEntryOrigin, ItemKind, MatchState, Money
    from econdesk.domain.model import PlatformItem
    from econdesk.storage import open_database
    from tests.storage.helpers import proposal

    db = open_database(f"sqlite:///{path}")
    try:
        with db.transaction() as store:
            day = date(2026, 1, 1)
            store.bank_entries.upsert_many([
                BankEntry(BankEntryOrigin.BOOKED, str(n), 5820, day + timedelta(days=n % 90),
                          Money.of(f"{100 + n % 900}.00", "DKK"), f"deposit {n}")
                for n in range(rows)
            ])  # fmt: skip
            store.items.upsert_many([
                PlatformItem("stripe", f"p{n}", ItemKind.PAYMENT,
                             Money.of(f"{100 + n % 900}.00", "DKK"),
                             datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=n % 90))
                for n in range(rows)
            ])  # fmt: skip
            matched = [
                proposal([f"economic:{n}"], [f"stripe:p{n}"], f"{100 + n % 900}.00")
                for n in range(rows * 4 // 5)
            ]
            created = store.matches.create_many(matched)
            for match in created[: len(created) // 10]:
                store.matches.transition(match.id, MatchState.APPROVED, expected_version=1)
    finally:
        db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="econdesk-firm-"))
    os.environ["ECONDESK_HOME"] = str(home)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        run(args, home)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def run(args: argparse.Namespace, home: Path) -> None:
    from econdesk import clients
    from econdesk.composition import summary_store
    from econdesk.qt.app import create_application
    from econdesk.qt.firm_overview import FirmOverview
    from econdesk.services.firm_overview import overview

    template = home / "template.sqlite3"
    seed_template(template, args.rows)
    registry = clients.Registry()
    for n in range(args.clients):
        client = clients.add(registry, f"Client {n:02d} ApS", database=None, schema=None)
        registry = clients.with_client(registry, client)
        client.config_path.parent.mkdir(parents=True, exist_ok=True)
        client.config_path.write_text("[economic]\nbank_account = 5820\n", encoding="utf-8")
        client.data_folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(template, client.data_folder / "econdesk.sqlite3")
    clients.save_registry(registry)
    app = create_application()
    reads, fills, cpu = [], [], []
    for _ in range(args.repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        rows = overview(clients.load_registry().clients, summary_store)
        reads.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        widget = FirmOverview(lambda rows=rows: rows)
        started = time.perf_counter()
        widget.refresh()
        widget.show()
        app.processEvents()
        fills.append(time.perf_counter() - started)
        widget.close()
        widget.deleteLater()
    assert len(rows) == args.clients and all(r.figures is not None for r in rows)
    print(f"clients: {args.clients}, bank lines per client: {args.rows}")
    print(f"figures read from every store: {min(reads):.3f} s (best of {args.repeat}), "
          f"{min(cpu):.3f} s of CPU")  # fmt: skip
    print(f"overview widget filled and shown: {min(fills):.3f} s")
    total = min(r + f for r, f in zip(reads, fills, strict=True))
    print(f"overview of {args.clients} clients open in {total:.3f} s (target < 1 s)")


if __name__ == "__main__":
    main()
