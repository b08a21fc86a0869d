"""Running one benchmark size in a fresh process and reading its memory.

A fresh process per size keeps each size's peak resident memory its own: the peak is a
high-water mark that never falls, so a second size in the same process would inherit the first's.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def peak_rss_mib() -> float:
    """This process's peak resident memory so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def rss_mib() -> float:
    """This process's resident memory now (NaN where /proc is not available)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_fresh(script: str, *args: str) -> dict[str, Any]:
    """Run `script` with `args` in a new interpreter; its last line of output is a JSON object."""
    done = subprocess.run(
        [sys.executable, script, *args], capture_output=True, text=True, check=True
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main_over_sizes(
    argv: list[str],
    script: str,
    default_sizes: tuple[int, ...],
    measure: Callable[[int], dict[str, Any]],
    header: str,
    row: Callable[[int, dict[str, Any]], str],
) -> int:
    """The command line of a one-number-per-size benchmark: `script [SIZE ...]` prints `header`
    and a `row` per size, each size measured by `script --one SIZE` in a fresh process."""
    if len(argv) == 2 and argv[0] == "--one":
        print(json.dumps(measure(int(argv[1]))))
        return 0
    sizes = [int(a.replace("_", "")) for a in argv] or list(default_sizes)
    print(header)
    for size in sizes:
        print(row(size, run_fresh(script, "--one", str(size))))
    return 0
