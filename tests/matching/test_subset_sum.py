"""Bounded subset-sum: exact in minor units, complete when it says so, bounded when it must be."""

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from econdesk.matching.subset_sum import MITM_LIMIT, Budget, find_subsets


def brute_force(values: list[int], lo: int, hi: int, max_size: int) -> set[tuple[int, ...]]:
    return {
        combo
        for size in range(1, max_size + 1)
        for combo in combinations(range(len(values)), size)
        if lo <= sum(values[i] for i in combo) <= hi
    }


def roomy() -> Budget:
    return Budget(steps=10**7, seconds=60.0)


@settings(max_examples=150, deadline=None)
@given(
    values=st.lists(st.integers(-5_000, 20_000), min_size=1, max_size=12),
    target=st.integers(-5_000, 60_000),
    tolerance=st.integers(0, 3),
    max_size=st.integers(1, 6),
)
def test_meet_in_the_middle_finds_exactly_the_subsets_that_fit(
    values: list[int], target: int, tolerance: int, max_size: int
) -> None:
    lo, hi = target - tolerance, target + tolerance
    expected = brute_force(values, lo, hi, max_size)
    found = find_subsets(
        values, lo, hi, max_size=max_size, max_results=len(expected) + 1, budget=roomy()
    )
    assert set(found.solutions) == expected
    assert found.complete
    for solution in found.solutions:
        assert lo <= sum(values[i] for i in solution) <= hi
        assert len(solution) <= max_size


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(st.integers(1, 50_000), min_size=MITM_LIMIT + 1, max_size=40),
    picks=st.sets(st.integers(0, MITM_LIMIT), min_size=2, max_size=6),
    refund=st.integers(-3_000, -1),
)
def test_branch_and_bound_finds_a_planted_deposit_with_a_refund(
    values: list[int], picks: set[int], refund: int
) -> None:
    values = [*values, refund]
    chosen = sorted(picks | {len(values) - 1})
    target = sum(values[i] for i in chosen)
    found = find_subsets(values, target, target, max_size=8, max_results=50, budget=roomy())
    assert found.solutions, "a planted solution must be found"
    for solution in found.solutions:
        assert sum(values[i] for i in solution) == target


def test_alternatives_are_kept_and_ambiguity_is_reported() -> None:
    values = [9_801, 9_801, 14_751, 29_601]  # two 99 kr. payments less 1 %: either fits
    found = find_subsets(values, 24_552, 24_552, max_size=3, max_results=5, budget=roomy())
    assert found.solutions == ((0, 2), (1, 2))
    capped = find_subsets(values, 24_552, 24_552, max_size=3, max_results=1, budget=roomy())
    assert len(capped.solutions) == 1 and not capped.complete


def test_the_budget_stops_a_hopeless_search_and_says_so() -> None:
    values = [1_000 + 7 * i for i in range(60)]
    budget = Budget(steps=5_000, seconds=5.0)
    found = find_subsets(values, 1, 1, max_size=30, max_results=3, budget=budget)
    assert not found.complete or found.solutions == ()
    assert budget.used <= 5_001
