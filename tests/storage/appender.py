"""Run as a separate process: append N audit events to a database, one transaction each."""

from __future__ import annotations

import sys

from econdesk.storage import open_database


def main(url: str, name: str, count: int, go_file: str) -> None:
    import time
    from pathlib import Path

    db = open_database(url, actor=name, migrate=False)
    deadline = time.monotonic() + 30
    while not Path(go_file).exists():  # start together with the other process
        if time.monotonic() > deadline:
            raise SystemExit("never told to start")
        time.sleep(0.005)
    for i in range(count):
        with db.transaction() as store:
            store.record("test.append", [f"{name}:{i}"], {"i": i, "by": name})
    db.dispose()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4])
