"""Size and start-up time of the built app bundle (run `bash packaging/build.sh` first).

Prints the bundle's size on disk and file count, the median wall time of `econdesk --version`
over several starts, and the time of one offscreen self-test (main window on the sandbox).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "econdesk"
BINARY = BUNDLE / ("econdesk.exe" if os.name == "nt" else "econdesk")


def timed(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([str(BINARY), *args], check=True, env=env, capture_output=True, timeout=300)
    return time.perf_counter() - started


def main() -> int:
    if not BINARY.exists():
        print(f"no bundle at {BINARY}; run: bash packaging/build.sh", file=sys.stderr)
        return 1
    files = [p for p in BUNDLE.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    print(f"bundle: {BUNDLE}")
    print(f"size on disk: {size / 2**20:.1f} MiB in {len(files)} files")
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "ECONDESK_HOME": home, "QT_QPA_PLATFORM": "offscreen"}
        timed(["--version"], env)  # first start warms the page cache; report the warm figure
        runs = [timed(["--version"], env) for _ in range(5)]
        median = statistics.median(runs)
        print(f"start-up to --version: median {median:.2f} s over {len(runs)} runs")
        self_test = timed(["demo", "--self-test"], env)
        print(f"offscreen self-test (sandbox, main window open and closed): {self_test:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
