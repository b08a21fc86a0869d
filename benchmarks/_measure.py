"""Running one benchmark size in a fresh process and reading its memory.

A fresh process per size keeps each size's peak resident memory its own: the peak is a
high-water mark that never falls, so a second size in the same process would inherit the first's.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
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


@dataclass(frozen=True)
class SelfTestRun:
    """An app launched with --self-test: how long until its window said it was open."""

    seconds: float  # launch to the self-test's first line
    cpu: float  # CPU seconds of the app (and anything it started) in all
    line: str
    stderr: str


def launch_self_test(args: list[str], what: str, env: Mapping[str, str] = {}) -> SelfTestRun:
    """Run `python -m econdesk ARGS --self-test` offscreen and time it to its first line.

    Bytecode is cached as an installed app has it (an installer compiles the sources once):
    PYTHONDONTWRITEBYTECODE, where set, would recompile econdesk at every launch (cost:
    benchmarks/RESULTS.md).
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    inherited = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-m", "econdesk", *args, "--self-test"]
    t0 = time.perf_counter()
    child = subprocess.Popen(
        command,
        env={**inherited, "QT_QPA_PLATFORM": "offscreen", **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    seconds = time.perf_counter() - t0
    _, err = child.communicate(timeout=120)
    if child.returncode != 0 or not line.startswith("self-test: main window open"):
        raise SystemExit(f"{what}: {line!r} {err}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return SelfTestRun(seconds, cpu, line.strip(), err)


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
