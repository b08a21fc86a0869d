"""Run as a separate process: `econdesk <argv>` once the `go` file appears.

Imports everything first and writes `<go>.<name>.ready`, so that several of these, started one
after the other, begin the command at the same moment.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import econdesk.cli.match
import econdesk.cli.sync
import econdesk.services.matching
import econdesk.services.sync  # noqa: F401  (imported before the start signal)
from econdesk.cli import main


def wait_for(go_file: str, name: str) -> None:
    go = Path(go_file)
    Path(f"{go_file}.{name}.ready").touch()
    deadline = time.monotonic() + 120
    while not go.exists():
        if time.monotonic() > deadline:
            raise SystemExit("never told to start")
        time.sleep(0.002)


if __name__ == "__main__":
    wait_for(sys.argv[1], sys.argv[2])
    sys.exit(main(sys.argv[3:]))
