"""Global assignment: nothing used twice; greedy compared with the optimum; when `auto` holds."""

import random
from itertools import combinations

import pytest

from econdesk.domain import ExplanationTerm, MatchMethod
from econdesk.matching.assignment import assign, best_packing, greedy, judge
from econdesk.matching.candidates import LEARNED_TERM, POINTS, Candidate


def cand(
    bank: int,
    items: tuple[int, ...],
    score: float,
    *,
    method: MatchMethod = MatchMethod.ONE_TO_ONE,
    learned: float = 0.0,
) -> Candidate:
    terms = [ExplanationTerm("amount", "", round(score - learned, 6))]
    if learned:
        terms.append(ExplanationTerm(LEARNED_TERM, "", learned))
    return Candidate(
        method=method,
        bank=(bank,),
        bank_refs=(f"economic:{bank}",),
        items=tuple(f"p:{i}" for i in items),
        components=(),
        resources=frozenset({bank} | {1000 + i for i in items}),
        currency="DKK",
        bank_minor=100,
        expected_minor=100,
        fee_minor=0,
        terms=tuple(terms),
    )


def total(chosen: list[Candidate]) -> int:
    return sum(c.points for c in chosen)


def brute_force_best(cands: list[Candidate]) -> int:
    best = 0
    for size in range(1, len(cands) + 1):
        for combo in combinations(cands, size):
            used: set[int] = set()
            if all(used.isdisjoint(c.resources) and not used.update(c.resources) for c in combo):
                best = max(best, total(list(combo)))
    return best


def random_instance(rng: random.Random, *, one_to_one: bool) -> list[Candidate]:
    banks, items = rng.randint(2, 5), rng.randint(2, 6)
    out = []
    for _ in range(rng.randint(2, 10)):
        size = 1 if one_to_one else rng.randint(1, 3)
        chosen = tuple(sorted(rng.sample(range(items), min(size, items))))
        out.append(cand(rng.randrange(banks), chosen, round(rng.uniform(0.3, 1.0), 2)))
    return list({c.key: c for c in out}.values())


def assert_disjoint(chosen: list[Candidate]) -> None:
    used: set[int] = set()
    for c in chosen:
        assert used.isdisjoint(c.resources)
        used |= c.resources


def test_exact_assignment_equals_brute_force_on_random_instances() -> None:
    rng = random.Random(5)
    for _ in range(300):
        cands = random_instance(rng, one_to_one=False)
        chosen = best_packing(cands)
        assert_disjoint(chosen)
        assert total(chosen) == brute_force_best(cands)
        assert total(assign(cands, exact_limit=12)) == total(chosen)


def test_greedy_against_the_optimum_on_random_one_to_one_instances() -> None:
    rng = random.Random(11)
    ratios = []
    for _ in range(300):
        cands = random_instance(rng, one_to_one=True)
        chosen = greedy(cands)
        assert_disjoint(chosen)
        optimum = brute_force_best(cands)
        ratios.append(total(chosen) / optimum)
        # Greedy on a bipartite matching is never worse than half the optimum ...
        assert 2 * total(chosen) >= optimum
        # ... and never leaves a candidate out that conflicts with nothing chosen.
        used = set().union(*(c.resources for c in chosen))
        assert all(not c.resources.isdisjoint(used) for c in cands)
    # ... and in practice close to it (measured: about 0.98 on these instances).
    assert sum(ratios) / len(ratios) > 0.95


def test_greedy_takes_the_strongest_evidence_first() -> None:
    strong = cand(1, (1,), 0.95)
    weak_same_item = cand(2, (1,), 0.70)
    weak_other = cand(1, (2,), 0.60)
    assert greedy([weak_other, weak_same_item, strong]) == [strong]


def test_auto_needs_threshold_and_a_clear_lead() -> None:
    lone = cand(1, (1,), 0.92)
    leader, close = cand(2, (2,), 0.92), cand(2, (3,), 0.85)
    ahead, far = cand(3, (4,), 0.95), cand(4, (4,), 0.70)  # rival on the item side
    low = cand(5, (5,), 0.80)
    cands = [lone, leader, close, ahead, far, low]
    verdict = judge(greedy(cands), cands, threshold=0.85, margin=0.15)
    assert verdict[lone.key].auto
    assert not verdict[leader.key].auto and verdict[leader.key].runner_up == close
    assert verdict[ahead.key].auto and verdict[ahead.key].runner_up == far
    assert not verdict[low.key].auto


def test_learned_evidence_alone_never_makes_auto() -> None:
    boosted = cand(1, (1,), 0.95, learned=0.3)  # 0.65 without what was learned
    learned_only = cand(2, (2,), 0.95, method=MatchMethod.LEARNED)
    cands = [boosted, learned_only]
    verdict = judge(greedy(cands), cands, threshold=0.85, margin=0.15)
    assert not verdict[boosted.key].auto
    assert not verdict[learned_only.key].auto
    assert boosted.points == round(0.95 * POINTS)


@pytest.mark.parametrize("seed", range(5))
def test_the_choice_does_not_depend_on_the_order_candidates_come_in(seed: int) -> None:
    rng = random.Random(seed)
    cands = random_instance(rng, one_to_one=False)
    shuffled = cands[:]
    rng.shuffle(shuffled)
    assert greedy(cands) == greedy(shuffled)
    assert best_packing(cands) == best_packing(shuffled)
