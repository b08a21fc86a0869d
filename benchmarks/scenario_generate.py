"""How fast the scenario generator builds a business, and how much memory it needs.

Each size runs in a fresh process so the peak resident memory is that size's alone.

    .venv/bin/python benchmarks/scenario_generate.py [SIZE ...]   (default: 10k 100k 1M)
"""

from __future__ import annotations

import sys
import time
from typing import Any

from _measure import main_over_sizes, peak_rss_mib

DEFAULT_SIZES = (10_000, 100_000, 1_000_000)


def measure(size: int) -> dict[str, float]:
    from econdesk.sandbox.scenario import ScenarioSpec, generate

    started = time.perf_counter()
    scenario = generate(ScenarioSpec(seed=1, size=size))
    generated = time.perf_counter()
    count = sum(1 for _ in scenario.items)
    iterated = time.perf_counter()
    summary = scenario.summary()
    return {
        "items": count,
        "bank_entries": summary["bank_entries"],
        "payouts": summary["payouts"],
        "generate_s": generated - started,
        "iterate_items_s": iterated - generated,
        "peak_rss_mib": peak_rss_mib(),
    }


HEADER = (f"{'size':>10} {'items':>10} {'bank':>7} {'generate s':>11} {'items/s':>10} "
          f"{'iterate s':>10} {'peak MiB':>9}")  # fmt: skip


def row(size: int, r: dict[str, Any]) -> str:
    return (f"{size:>10,} {r['items']:>10,} {r['bank_entries']:>7,} {r['generate_s']:>11.2f} "
            f"{r['items'] / r['generate_s']:>10,.0f} {r['iterate_items_s']:>10.2f} "
            f"{r['peak_rss_mib']:>9.0f}")  # fmt: skip


def main(argv: list[str]) -> int:
    return main_over_sizes(argv, __file__, DEFAULT_SIZES, measure, HEADER, row)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
