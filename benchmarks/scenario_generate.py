"""How fast the scenario generator builds a business, and how much memory it needs.

Each size runs in a fresh process so the peak resident memory is that size's alone.

    .venv/bin/python benchmarks/scenario_generate.py [SIZE ...]   (default: 10k 100k 1M)
"""

from __future__ import annotations

import json
import sys
import time

from _measure import peak_rss_mib, run_fresh

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


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "--one":
        print(json.dumps(measure(int(argv[1]))))
        return 0
    sizes = [int(a.replace("_", "")) for a in argv] or list(DEFAULT_SIZES)
    print(f"{'size':>10} {'items':>10} {'bank':>7} {'generate s':>11} {'items/s':>10} "
          f"{'iterate s':>10} {'peak MiB':>9}")  # fmt: skip
    for size in sizes:
        r = run_fresh(__file__, "--one", str(size))
        print(f"{size:>10,} {r['items']:>10,} {r['bank_entries']:>7,} {r['generate_s']:>11.2f} "
              f"{r['items'] / r['generate_s']:>10,.0f} {r['iterate_items_s']:>10.2f} "
              f"{r['peak_rss_mib']:>9.0f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
