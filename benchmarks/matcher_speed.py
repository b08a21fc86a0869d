"""Matcher speed and memory from 10,000 to 1,000,000 platform items (bank entries in proportion).

Each size runs in a fresh process, so its peak memory is its own: the scenario is generated
and turned into domain objects first (not timed), then `match()` runs once. Printed per size:
wall and CPU seconds for the whole run and for layers a-c, items per second through a-c, the
deposit (subset) layer's slowest deposit, peak resident memory before and during matching, and
the growth exponent between sizes (1.0 is linear).

    .venv/bin/python benchmarks/matcher_speed.py                    # 10k, 100k, 1M
    .venv/bin/python benchmarks/matcher_speed.py --sizes 10000 30000 100000

Items per second through layers a-c: every platform item handed to `match()` (components of
payouts included) divided by the time of layers a-c, which counts building the run's working
set (rows, amounts, days and indexes that every layer shares) with layer a. It is the same
`match()` that `econdesk match` runs on what the store holds, so it times the same work; only
reading the store is left out.

Figures, and those measured while tuning the subset search (matching/subset_sum.py) and the
bank-text split (matching/text.py): benchmarks/RESULTS.md.

Targets (issue 5): >= 100,000 items/s through layers a-c, <= 50 ms per deposit for the subset
search, near-linear growth, < 2 GB peak at 1,000,000 items. On a shared machine wall time
suffers from other processes; CPU time is the steadier figure.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _measure import peak_rss_mib, run_fresh  # noqa: E402

from econdesk.matching import MatchInputs, default_settings, match  # noqa: E402
from econdesk.sandbox.scenario import ScenarioSpec, generate  # noqa: E402

LAYERS_AC = ("a reference", "b payout", "c one-to-one")


def one(size: int, seed: int) -> dict[str, float]:
    t0 = time.perf_counter()
    scenario = generate(replace(ScenarioSpec(), seed=seed, size=size, name=f"speed {size}"))
    inputs = MatchInputs(scenario.bank_entries, scenario.all_items(), scenario.payouts)
    prepared = time.perf_counter() - t0
    before = peak_rss_mib()
    wall, cpu = time.perf_counter(), time.process_time()
    result = match(inputs, default_settings())
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    layer_seconds = {stats.layer: stats.seconds for stats in result.layers}
    layer_cpu = {stats.layer: stats.cpu_seconds for stats in result.layers}
    ac = sum(layer_seconds[name] for name in LAYERS_AC)
    ac_cpu = sum(layer_cpu[name] for name in LAYERS_AC)
    return {
        "size": size,
        "items": len(inputs.items),
        "banks": len(inputs.bank_entries),
        "payouts": len(inputs.payouts),
        "proposals": len(result.proposals),
        "auto": len(result.auto),
        "prepare_s": prepared,
        "wall_s": wall,
        "cpu_s": cpu,
        "ac_s": ac,
        "ac_cpu_s": ac_cpu,
        "d_s": layer_seconds["d deposit"],
        "d_cpu_s": layer_cpu["d deposit"],
        "deposits": result.subset.deposits,
        "deposit_max_ms": 1000 * result.subset.max_seconds,
        "deposit_mean_ms": 1000 * result.subset.seconds / max(1, result.subset.deposits),
        "exhausted": result.subset.exhausted,
        "rss_before_mb": before,
        "rss_peak_mb": peak_rss_mib(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.seed)))
        return 0
    rows = []
    for size in args.sizes:
        rows.append(run_fresh(__file__, "--one", str(size), "--seed", str(args.seed)))
        r = rows[-1]
        print(
            f"{r['items']:>9,} items {r['banks']:>7,} bank entries {r['payouts']:>6,} payouts | "
            f"match {r['wall_s']:6.2f} s wall {r['cpu_s']:6.2f} s cpu | "
            f"a-c {r['ac_cpu_s']:6.2f} s cpu = {r['items'] / r['ac_cpu_s']:>9,.0f} items/s "
            f"({r['items'] / r['ac_s']:>7,.0f} wall) | "
            f"d {r['d_cpu_s']:5.2f} s cpu, {r['deposits']} deposits, "
            f"max {r['deposit_max_ms']:.1f} ms, "
            f"mean {r['deposit_mean_ms']:.1f} ms, {r['exhausted']} over budget | "
            f"rss {r['rss_before_mb']:,.0f} MB before, {r['rss_peak_mb']:,.0f} MB peak",
            flush=True,
        )
    print("\ngrowth (exponent k in time ~ items^k; 1.0 is linear):")
    for a, b in itertools.pairwise(rows):
        scale = math.log(b["items"] / a["items"])
        print(
            f"  {a['items']:>9,} -> {b['items']:>9,}: "
            f"wall {math.log(b['wall_s'] / a['wall_s']) / scale:.2f}"
            f", cpu {math.log(b['cpu_s'] / a['cpu_s']) / scale:.2f}"
            f", a-c cpu {math.log(b['ac_cpu_s'] / a['ac_cpu_s']) / scale:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
