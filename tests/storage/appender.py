"""Run as a separate process: append N audit events to a database, one transaction each.

Writes `<go>.<name>.ready` once the database is open, waits for the `go` file so both
processes start appending together, and prints the wall-clock interval it spent appending.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from econdesk.storage import open_database


def main(url: str, name: str, count: int, go_file: str) -> None:
    db = open_database(url, actor=name, migrate=False)
    go = Path(go_file)
    Path(f"{go_file}.{name}.ready").touch()
    deadline = time.monotonic() + 120
    while not go.exists():
        if time.monotonic() > deadline:
            raise SystemExit("never told to start")
        time.sleep(0.002)
    started = time.time()
    for i in range(count):
        with db.transaction() as store:
            store.record("test.append", [f"{name}:{i}"], {"i": i, "by": name})
    print(started, time.time())
    db.dispose()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4])
