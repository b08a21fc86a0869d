"""Properties on generated scenarios: amounts add up, nothing is used twice, order is irrelevant."""

import random
from dataclasses import replace
from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from econdesk.domain import Money
from econdesk.matching import MatchInputs, MatchResult, default_settings, match
from econdesk.sandbox.scenario import Scenario, ScenarioSpec, generate

SPECS = st.builds(
    lambda seed, size, days: replace(
        ScenarioSpec(),
        seed=seed,
        size=size,
        start=date(2026, 3, 1),
        end=date.fromordinal(date(2026, 3, 1).toordinal() + days),
        name="property",
    ),
    st.integers(0, 10**6),
    st.integers(20, 250),
    st.integers(20, 60),
)
TOLERANCE = {"DKK": Decimal("0.05"), "EUR": Decimal("0.10")}


def run(scenario: Scenario, order: random.Random | None = None) -> MatchResult:
    banks, items, payouts = (
        list(scenario.bank_entries), scenario.all_items(), list(scenario.payouts),
    )  # fmt: skip
    if order is not None:
        for seq in (banks, items, payouts):
            order.shuffle(seq)
    return match(MatchInputs(banks, items, payouts), default_settings())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=SPECS)
def test_every_match_adds_up_to_its_bank_amount_within_its_stated_difference(
    spec: ScenarioSpec,
) -> None:
    scenario = generate(spec)
    banks = {b.ref: b for b in scenario.bank_entries}
    items = {i.ref: i for i in scenario.all_items()}
    payouts = {p.ref: p for p in scenario.payouts}
    for m in run(scenario).proposals:
        currency = m.currency
        bank_total = sum((banks[r].amount for r in m.bank_refs), Money.zero(currency))
        assert m.amount == bank_total
        nets = [payouts[r].amount if r in payouts else items[r].net for r in m.item_refs]
        explained = sum(nets, Money.zero(currency))
        fee = m.inferred_fee or Money.zero(currency)
        assert m.amount - m.difference == explained - fee, m
        assert abs(m.difference.amount) <= TOLERANCE[currency], m


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=SPECS)
def test_no_bank_entry_item_or_payout_is_used_twice(spec: ScenarioSpec) -> None:
    scenario = generate(spec)
    seen: set[str] = set()
    for m in run(scenario).proposals:
        claimed = [*m.bank_refs, *m.item_refs, *m.component_refs]
        assert len(claimed) == len(set(claimed)), m
        assert seen.isdisjoint(claimed), m
        seen.update(claimed)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=SPECS, shuffle=st.randoms(use_true_random=False))
def test_any_input_order_gives_the_same_matches(spec: ScenarioSpec, shuffle: random.Random) -> None:
    scenario = generate(spec)
    assert run(scenario, shuffle).proposals == run(scenario).proposals
