"""How fast the reconciliation workbook is written, and how much memory that takes.

Each size runs in a fresh process, so the peak resident memory is that size's alone. The rows
come from generators (benchmarks/report_data.py), as they would from the store's streaming
queries. Which part is which:

- "generate s": building the rows alone (domain objects: Match, BankEntry, PlatformItem,
  Money, ...), consumed without writing anything. It is not made cheap: every row is built
  as a store read would build it; only random amounts and breakdowns come from small pools.
- "write s": the whole report as a caller sees it, rows generated WHILE they are written (the
  target is on this figure); "own s" = write s - generate s is the writer's own cost (rows to
  XML, the Summary, packaging and deflating the file).
- "cpu s": the write's processor time: on a shared 2-core machine it varies less than the
  wall-clock seconds.

Figures, and those measured while building the writer (reports/xlsx_stream.py,
reports/book.py's deflate level): benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/report_write.py [MATCHES ...]   (default: 10k 100k 1M)

Targets (issue 8): 100,000 matches in under 15 s and 300 MB; memory bounded at 1,000,000.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _measure import main_over_sizes, peak_rss_mib, rss_mib

DEFAULT_SIZES = (10_000, 100_000, 1_000_000)


def measure(matches: int) -> dict[str, float]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from report_data import row_count, synthetic_report

    from econdesk.reports import write_report

    started = time.perf_counter()
    rows = row_count(synthetic_report(matches))
    generated = time.perf_counter()
    baseline = rss_mib()
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "report.xlsx"
        begun, cpu_begun = time.perf_counter(), time.process_time()
        write_report(synthetic_report(matches), target)
        written, cpu_written = time.perf_counter(), time.process_time()
        size = target.stat().st_size
    return {
        "rows": rows,
        "generate_s": generated - started,
        "write_s": written - begun,
        "cpu_s": cpu_written - cpu_begun,
        "file_mib": size / 2**20,
        "baseline_mib": baseline,
        "peak_rss_mib": peak_rss_mib(),
    }


HEADER = (f"{'matches':>10} {'rows':>10} {'generate s':>11} {'write s':>8} {'own s':>6} "
          f"{'cpu s':>7} {'rows/s':>9} {'file MiB':>9} {'base MiB':>9} "
          f"{'peak MiB':>9}")  # fmt: skip


def row(size: int, r: dict[str, Any]) -> str:
    own = r["write_s"] - r["generate_s"]
    return (f"{size:>10,} {r['rows']:>10,} {r['generate_s']:>11.2f} {r['write_s']:>8.2f} "
            f"{own:>6.2f} {r['cpu_s']:>7.2f} {r['rows'] / r['write_s']:>9,.0f} "
            f"{r['file_mib']:>9.1f} {r['baseline_mib']:>9.0f} "
            f"{r['peak_rss_mib']:>9.0f}")  # fmt: skip


def main(argv: list[str]) -> int:
    return main_over_sizes(argv, __file__, DEFAULT_SIZES, measure, HEADER, row)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
