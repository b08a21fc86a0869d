"""How fast a bilag (the posted voucher's PDF specification) is drawn.

A settlement of 1,000 card payments (a refund every fiftieth, each payment's fee) gives a
16-page A4 bilag; each size is drawn five times and the best and median times printed, with
the document's size. Target (issue 19): 1,000 payments in under 2 s.

The bilag is drawn line by line on ReportLab's canvas. Figures: benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/bilag.py [PAYMENTS ...]   (default: 100 1000 5000)
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from econdesk.bilag import render_bilag
from tests.bilag.sample import settlement_sheet

RUNS = 5


def measure(payments: int) -> None:
    sheet = settlement_sheet(payments)
    times: list[float] = []
    pdf = b""
    for _ in range(RUNS):
        started = time.perf_counter()
        pdf = render_bilag(sheet)
        times.append(time.perf_counter() - started)
    pages = pdf.count(b"/Type /Page\n")
    print(
        f"{payments:>6} payments: best {min(times):.3f} s, median {statistics.median(times):.3f} s"
        f" ({len(pdf) / 1024:.0f} KiB, {pages} pages)"
    )


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [100, 1000, 5000]
    for size in sizes:
        measure(size)


if __name__ == "__main__":
    main()
