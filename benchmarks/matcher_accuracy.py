"""Matcher accuracy on generated scenarios with ground truth: precision and recall per layer.

A proposal is right when it names exactly the bank entry and the items (or payout) the
scenario's ground truth names, with the same difference. Counted separately for proposals
marked `auto` (safe to approve unattended) and for all proposals; per layer the truth's own
method decides the recall row and the proposal's method the precision row. Also printed: a
calibration table (precision by score band), and how often something that must stay unmatched
(rent, decoys, undeposited items) was proposed.

    .venv/bin/python benchmarks/matcher_accuracy.py                # the standard set
    .venv/bin/python benchmarks/matcher_accuracy.py --sizes 2000 --seeds 1 2 3
    .venv/bin/python benchmarks/matcher_accuracy.py --scenario demo
    .venv/bin/python benchmarks/matcher_accuracy.py --scenario demo --payment-apis

`--payment-apis` reads the Clearhaus settlements and MobilePay payouts over loopback from their
API sandboxes (the real connectors, links resolved as the matching service does) instead of the
scenario's own, and also prints the recall of those deposits.

Targets (issue 5): auto precision >= 99.9 %, auto recall >= 90 %, all-proposals recall >= 98 %.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from econdesk.domain import Match, MatchMethod
from econdesk.matching import MatchInputs, default_settings, match
from econdesk.sandbox.scenario import NAMED, Scenario, ScenarioSpec, generate

TARGETS = {"auto precision": 99.9, "auto recall": 90.0, "all recall": 98.0}
BANDS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0)


@dataclass
class Tally:
    truth: Counter[str] = field(default_factory=Counter)  # expected matches per truth method
    found: Counter[str] = field(default_factory=Counter)  # right proposals per truth method
    found_auto: Counter[str] = field(default_factory=Counter)
    proposed: Counter[str] = field(default_factory=Counter)  # proposals per proposal method
    right: Counter[str] = field(default_factory=Counter)  # right proposals per proposal method
    auto: Counter[str] = field(default_factory=Counter)
    right_auto: Counter[str] = field(default_factory=Counter)
    band_all: Counter[float] = field(default_factory=Counter)
    band_right: Counter[float] = field(default_factory=Counter)
    must_not: int = 0  # proposals touching a bank entry that must stay unmatched
    must_not_auto: int = 0
    undeposited: int = 0  # proposals using an item no deposit carries
    wrong_examples: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("truth", "found", "found_auto", "proposed", "right", "auto", "right_auto",
                     "band_all", "band_right"):  # fmt: skip
            getattr(self, name).update(getattr(other, name))
        self.must_not += other.must_not
        self.must_not_auto += other.must_not_auto
        self.undeposited += other.undeposited
        self.wrong_examples += other.wrong_examples[: max(0, 12 - len(self.wrong_examples))]


def band(score: float) -> float:
    return max((b for b in BANDS if score >= b), default=0.0)


def score_run(scenario: Scenario, proposals: tuple[Match, ...]) -> Tally:
    truth = scenario.truth
    tally = Tally()
    for expected in truth.matches:
        tally.truth[expected.method.value] += 1
    for m in proposals:
        method = m.method.value
        tally.proposed[method] += 1
        tally.auto[method] += m.auto
        tally.band_all[band(m.score)] += 1
        expected = truth.for_bank(m.bank_refs[0]) if len(m.bank_refs) == 1 else None
        right = (
            expected is not None
            and m.item_refs == tuple(sorted(expected.item_refs))
            and m.difference == expected.difference
        )
        if right:
            assert expected is not None
            tally.right[method] += 1
            tally.right_auto[method] += m.auto
            tally.found[expected.method.value] += 1
            tally.found_auto[expected.method.value] += m.auto
            tally.band_right[band(m.score)] += 1
        else:
            why = truth.unmatched.get(m.bank_refs[0])
            tally.must_not += why is not None
            tally.must_not_auto += why is not None and m.auto
            if len(tally.wrong_examples) < 12 and (m.auto or why is None):
                exp = (
                    f"expected {expected.method.value} {expected.item_refs[:2]}"
                    if expected
                    else why
                )
                tally.wrong_examples.append(
                    f"{'AUTO ' if m.auto else ''}{m.id} {m.method.value} {m.score:.2f} "
                    f"{m.bank_refs[0]} -> {m.item_refs[:2]}{'…' if len(m.item_refs) > 2 else ''}"
                    f" diff {m.difference}; {exp}"
                )
        tally.undeposited += sum(1 for r in m.item_refs if r in truth.undeposited_item_refs)
    return tally


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:6.2f}" if whole else "     -"


def report(tally: Tally) -> dict[str, float]:
    methods = [m.value for m in MatchMethod if m is not MatchMethod.MANUAL]
    print(f"{'layer':12} {'truth':>7} {'recall':>7} {'auto rec':>8} | {'proposed':>8} "
          f"{'precis':>7} {'auto':>6} {'auto prec':>9}")  # fmt: skip
    for m in methods:
        print(
            f"{m:12} {tally.truth[m]:7d} {pct(tally.found[m], tally.truth[m]):>7} "
            f"{pct(tally.found_auto[m], tally.truth[m]):>8} | {tally.proposed[m]:8d} "
            f"{pct(tally.right[m], tally.proposed[m]):>7} {tally.auto[m]:6d} "
            f"{pct(tally.right_auto[m], tally.auto[m]):>9}"
        )
    truth = sum(tally.truth.values())
    found, found_auto = sum(tally.found.values()), sum(tally.found_auto.values())
    proposed, right = sum(tally.proposed.values()), sum(tally.right.values())
    auto, right_auto = sum(tally.auto.values()), sum(tally.right_auto.values())
    print(
        f"{'overall':12} {truth:7d} {pct(found, truth):>7} {pct(found_auto, truth):>8} | "
        f"{proposed:8d} {pct(right, proposed):>7} {auto:6d} {pct(right_auto, auto):>9}"
    )
    print("\ncalibration (precision of all proposals by score band):")
    for b in sorted(tally.band_all):
        print(f"  score >= {b:4.2f}: {tally.band_all[b]:7d} proposals, "
              f"{pct(tally.band_right[b], tally.band_all[b])} % right")  # fmt: skip
    print(
        f"\nmust-not-match bank entries proposed: {tally.must_not} (auto: {tally.must_not_auto});"
        f" undeposited items proposed: {tally.undeposited}"
    )
    if tally.wrong_examples:
        print("some wrong proposals:")
        for line in tally.wrong_examples:
            print("  " + line)
    figures = {
        "auto precision": 100 * right_auto / auto if auto else 100.0,
        "auto recall": 100 * found_auto / truth if truth else 100.0,
        "all recall": 100 * found / truth if truth else 100.0,
        "all precision": 100 * right / proposed if proposed else 100.0,
    }
    print()
    for name, target in TARGETS.items():
        mark = "ok" if figures[name] >= target else "BELOW TARGET"
        print(f"{name:15} {figures[name]:7.2f} %  (target >= {target} %)  {mark}")
    print(f"{'all precision':15} {figures['all precision']:7.2f} %")
    return figures


def specs(args: argparse.Namespace) -> list[ScenarioSpec]:
    if args.scenario:
        return [NAMED[name] for name in args.scenario]
    return [
        replace(ScenarioSpec(), seed=seed, size=size, name=f"size {size} seed {seed}")
        for size in args.sizes
        for seed in args.seeds
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 20_000])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--scenario", nargs="+", choices=sorted(NAMED), help="named scenarios")
    parser.add_argument("--threshold", type=float, help="auto threshold (default: the matcher's)")
    parser.add_argument("--margin", type=float, help="auto margin over the runner-up")
    parser.add_argument(
        "--exact", type=int, default=0, help="solve conflict groups up to this size optimally"
    )
    parser.add_argument(
        "--payment-apis",
        action="store_true",
        help="Clearhaus and MobilePay payouts from their API sandboxes; print their recall",
    )
    args = parser.parse_args()
    total = Tally()
    api_totals: dict[str, Any] = {}
    settings = replace(default_settings(), exact_assignment_limit=args.exact)
    if args.threshold is not None:
        settings = replace(settings, auto_threshold=args.threshold)
    if args.margin is not None:
        settings = replace(settings, auto_margin=args.margin)
    for spec in specs(args):
        t0 = time.perf_counter()
        scenario = generate(spec)
        t1 = time.perf_counter()
        payouts = list(scenario.payouts)
        if args.payment_apis:
            from _payment_apis import with_api_payouts

            payouts = with_api_payouts(scenario)
        t1 = time.perf_counter()
        result = match(MatchInputs(scenario.bank_entries, scenario.all_items(), payouts), settings)
        t2 = time.perf_counter()
        tally = score_run(scenario, result.proposals)
        if args.payment_apis:
            from _payment_apis import Recall, api_recall

            for name, recall in api_recall(scenario, payouts, result.proposals).items():
                into = api_totals.setdefault(name, Recall())
                into.deposits += recall.deposits
                into.found += recall.found
                into.found_auto += recall.found_auto
        truth = sum(tally.truth.values())
        print(
            f"{spec.name}: {len(scenario.items)} items, {len(scenario.bank_entries)} bank entries,"
            f" {truth} expected; right {sum(tally.found.values())}, auto right "
            f"{sum(tally.found_auto.values())} of {sum(tally.auto.values())} auto "
            f"(generate {t1 - t0:.1f} s, match {t2 - t1:.1f} s)"
        )
        total.add(tally)
    print()
    figures = report(total)
    if api_totals:
        print(
            "\n(the ground truth names a MobilePay deposit by its Frisbii items, as a subset: the"
            "\n table above counts a proposal of the report's payout for it as wrong; these lines"
            "\n score the reported payouts themselves)"
        )
        print(api_totals["clearhaus"].line("Clearhaus by API"))
        print(api_totals["mobilepay"].line("MobilePay by report"))
    return 0 if all(figures[k] >= v for k, v in TARGETS.items()) else 1


if __name__ == "__main__":
    sys.exit(main())
