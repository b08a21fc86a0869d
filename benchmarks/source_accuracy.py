"""Accuracy per source of deposit, against the scenario's ground truth.

Cases: Clearhaus settlements read from its API sandbox, MobilePay payouts read from the Report
API sandbox (both over loopback with the real connectors), open invoices paid by bank transfer
(Frisbii dunning, Chargebee payment due), open invoices paid by MobilePay, and Clearhaus
deposits with no settlement at all (every fifth settlement after the first ten is withheld from
the matcher; the fee schedule is fitted on the others, as approving them would store it), and
Clearhaus settlements reaching the bank in two parts (every seventh settlement's bank line is
cut in two, about 60 % on its day and the rest the next bank day; right when one proposal
holds both lines and the settlement, never auto), and e-conomic's own booked invoices paid by
bank transfer (drawn beside the scenario by `_economic_invoices.py`: the number written several
ways, the bare number, the customer's name and the exact remainder, part payments and
overpayments quoting the number).

Per case: the deposits, how many the proposals explain correctly (the right payout with the
right components, or the right items; for the no-specification case also the fee Clearhaus
really kept), how many wrongly, how many are unexplained, and the same for auto proposals.

    .venv/bin/python benchmarks/source_accuracy.py                  # sizes 2000, seeds 1 2 3
    .venv/bin/python benchmarks/source_accuracy.py --sizes 20000 --seeds 4
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _economic_invoices import EconomicInvoices, economic_invoices
from _payment_apis import api_payouts

from econdesk.domain import BankEntry, Match, Money, Payout
from econdesk.matching import MatchInputs, PriorDecisions, default_settings, match
from econdesk.matching.business_days import BankCalendar
from econdesk.matching.fee_schedule import sample_of, schedules
from econdesk.matching.learning import LearnedMemory
from econdesk.sandbox.scenario import ExpectedMatch, Scenario, ScenarioSpec, generate

CASES = (
    "Clearhaus by API",
    "MobilePay by report",
    "invoice by transfer",
    "invoice by MobilePay",
    "no specification",
    "arrived in two parts",
    "e-conomic invoice by transfer",
)
ECONOMIC_INVOICES_PER = 20  # one e-conomic invoice per this many scenario objects (size)
WITHHELD_FROM, WITHHELD_EVERY = 10, 5
SPLIT_FROM, SPLIT_EVERY = 3, 7


@dataclass
class Tally:
    deposits: int = 0
    right: int = 0
    wrong: int = 0
    unexplained: int = 0
    auto: int = 0
    auto_wrong: int = 0

    def add(self, other: Tally) -> None:
        for name in ("deposits", "right", "wrong", "unexplained", "auto", "auto_wrong"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def line(self, name: str) -> str:
        pct = 100 * self.right / self.deposits if self.deposits else 0.0
        return (
            f"{name:29} {self.deposits:8d} {self.right:8d} {self.wrong:6d} {self.unexplained:11d}"
            f" {pct:8.2f} % {self.auto:6d} {self.auto_wrong:10d}"
        )


def withheld(scenario: Scenario) -> set[str]:
    """Clearhaus settlements (refs) the matcher does not get: their deposits have no spec."""
    refs = [p.ref for p in scenario.payouts if p.provider == "clearhaus"]
    return set(refs[WITHHELD_FROM::WITHHELD_EVERY])


def split_in_two(
    scenario: Scenario, missing: set[str]
) -> tuple[list[BankEntry], dict[str, tuple[str, str]]]:
    """The bank entries with some Clearhaus settlements' lines cut in two; per cut line's
    ref, the refs of its two parts."""
    calendar = BankCalendar()
    chosen = [
        e.bank_ref
        for e in scenario.truth.matches
        if e.provider == "clearhaus" and e.item_refs[0] not in missing
    ][SPLIT_FROM::SPLIT_EVERY]
    cut = set(chosen)
    entries: list[BankEntry] = []
    parts: dict[str, tuple[str, str]] = {}
    for entry in scenario.bank_entries:
        if entry.ref not in cut:
            entries.append(entry)
            continue
        first_minor = entry.amount.to_minor() * 6 // 10
        first = replace(entry, amount=Money.from_minor(first_minor, entry.amount.currency))
        rest = replace(
            entry,
            external_id=f"{entry.external_id}-2",
            entry_date=calendar.add(entry.entry_date, 1),
            amount=entry.amount - first.amount,
        )
        entries += [first, rest]
        parts[entry.ref] = (first.ref, rest.ref)
    return entries, parts


def fee_memory(scenario: Scenario, payouts: Sequence[Payout]) -> LearnedMemory:
    items = {i.ref: i for i in scenario.items}
    samples = [
        sample_of(p, [items[r] for r in p.component_refs if r in items])
        for p in payouts
        if p.provider == "clearhaus"
    ]
    return LearnedMemory(fee_schedules=schedules(s for s in samples if s is not None))


def case_of(scenario: Scenario, expected: ExpectedMatch, missing: set[str]) -> str | None:
    if expected.provider == "clearhaus":
        return CASES[4] if expected.item_refs[0] in missing else CASES[0]
    if expected.provider == "mobilepay":
        return CASES[1]
    if "invoice-" in expected.item_refs[0]:
        by_mobilepay = expected.note == "invoice_payment" and _text(scenario, expected)
        return CASES[3] if by_mobilepay else CASES[2]
    return None


def _text(scenario: Scenario, expected: ExpectedMatch) -> bool:
    entry = next(e for e in scenario.bank_entries if e.ref == expected.bank_ref)
    return entry.text.upper().startswith("MOBILEPAY")


def correct(expected: ExpectedMatch, m: Match, components: dict[str, set[str]], case: str) -> bool:
    carried = set(expected.component_refs or expected.item_refs)
    if case in (CASES[0], CASES[1], CASES[5]):
        return (
            len(m.item_refs) == 1
            and components.get(m.item_refs[0]) == carried
            and set(m.component_refs) == carried
        )
    if case == CASES[4]:
        return set(m.item_refs) == carried and m.inferred_fee == expected.fees
    return m.item_refs == expected.item_refs


def score(
    scenario: Scenario,
    payouts: Sequence[Payout],
    proposals: Sequence[Match],
    parts: dict[str, tuple[str, str]],
    extra: EconomicInvoices,
) -> dict[str, Tally]:
    missing = withheld(scenario)
    by_bank = {m.bank_refs[0]: m for m in proposals if len(m.bank_refs) == 1}
    by_part = {ref: m for m in proposals if len(m.bank_refs) > 1 for ref in m.bank_refs}
    components = {p.ref: set(p.component_refs) for p in payouts}
    out = {name: Tally() for name in CASES}
    for expected in scenario.truth.matches:
        case = case_of(scenario, expected, missing)
        if case is None:
            continue
        cut = parts.get(expected.bank_ref)
        if cut is not None:
            case = CASES[5]
        tally = out[case]
        tally.deposits += 1
        m = by_part.get(cut[0]) if cut is not None else by_bank.get(expected.bank_ref)
        if m is None:
            tally.unexplained += 1
            continue
        right = correct(expected, m, components, case)
        if cut is not None:
            right = right and tuple(sorted(cut)) == m.bank_refs
        tally.right += right
        tally.wrong += not right
        tally.auto += m.auto
        tally.auto_wrong += m.auto and not right
    economic = out[CASES[6]]
    for bank_ref, item_ref in extra.truth.items():
        economic.deposits += 1
        m = by_bank.get(bank_ref)
        if m is None:
            economic.unexplained += 1
            continue
        right = m.item_refs == (item_ref,)
        economic.right += right
        economic.wrong += not right
        economic.auto += m.auto
        economic.auto_wrong += m.auto and not right
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    args = parser.parse_args()
    totals = {name: Tally() for name in CASES}
    settings = default_settings()
    for size in args.sizes:
        for seed in args.seeds:
            t0 = time.perf_counter()
            scenario = generate(replace(ScenarioSpec(), seed=seed, size=size))
            missing = withheld(scenario)
            read = api_payouts(scenario)
            payouts = [p for p in scenario.payouts if p.provider == "stripe"]
            payouts += [p for p in read if p.ref not in missing]
            memory = fee_memory(scenario, payouts)
            banks, parts = split_in_two(scenario, missing)
            extra = economic_invoices(scenario, seed, size // ECONOMIC_INVOICES_PER)
            inputs = MatchInputs(
                [*banks, *extra.bank_entries], [*scenario.all_items(), *extra.items], payouts
            )
            result = match(inputs, settings, PriorDecisions(memory=memory))
            for name, tally in score(scenario, read, result.proposals, parts, extra).items():
                totals[name].add(tally)
            learned = ", ".join(f"{s.percent} % + {s.fixed_minor}" for s in memory.fee_schedules)
            print(
                f"size {size} seed {seed}: {len(scenario.bank_entries)} bank entries, "
                f"{len(missing)} settlements withheld, schedule learned {learned or 'none'} "
                f"({time.perf_counter() - t0:.1f} s)"
            )
    print()
    print(f"{'case':29} {'deposits':>8} {'correct':>8} {'wrong':>6} {'unexplained':>11} "
          f"{'recall':>10} {'auto':>6} {'auto wrong':>10}")  # fmt: skip
    for name in CASES:
        print(totals[name].line(name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
