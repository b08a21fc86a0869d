"""Global assignment: pick non-conflicting candidates across all layers, then judge which are safe.

Two candidates conflict when they claim a common bank entry, item or payout. Greedy by score
(strongest evidence first, ties broken by evidence kind and refs) keeps every proposal clear of
any better one that conflicts with it — the property a reviewer expects ("the best candidate
for this line was taken unless something better took its items"). Optionally, conflict groups
up to `exact_limit` candidates are solved for the largest total score by branch and bound; the
tests compare both with brute force.

`auto` is then: score without learned terms at or above the threshold, not a learned match,
and every other candidate touching the same bank entries or items at least `margin` below.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from econdesk.domain import MatchMethod
from econdesk.matching.candidates import Candidate, to_points


def greedy(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Candidates in `Candidate.order`, each taken when none of its resources is taken yet."""
    used: set[int] = set()
    chosen = []
    for c in sorted(candidates, key=Candidate.order):
        if used.isdisjoint(c.resources):
            chosen.append(c)
            used.update(c.resources)
    return chosen


def components(candidates: Sequence[Candidate]) -> list[list[int]]:
    """Indices of candidates grouped into connected conflict groups (union-find over resources)."""
    parent = list(range(len(candidates)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    owner: dict[int, int] = {}
    for i, c in enumerate(candidates):
        for r in c.resources:
            j = owner.setdefault(r, i)
            if j != i:
                a, b = find(i), find(j)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for i in range(len(candidates)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def best_packing(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Non-conflicting subset with the largest total points (exact; small inputs only)."""
    ordered = sorted(candidates, key=Candidate.order)
    n = len(ordered)
    suffix = [0] * (n + 1)
    for i in range(n - 1, -1, -1):
        suffix[i] = suffix[i + 1] + ordered[i].points
    best: list[int] = []
    best_total = -1
    chosen: list[int] = []

    def walk(i: int, used: frozenset[int], total: int) -> None:
        nonlocal best, best_total
        if total + suffix[i] <= best_total:
            return  # cannot beat (ties keep the earlier, greedier solution)
        if i == n:
            best, best_total = list(chosen), total
            return
        c = ordered[i]
        if used.isdisjoint(c.resources):
            chosen.append(i)
            walk(i + 1, used | c.resources, total + c.points)
            chosen.pop()
        walk(i + 1, used, total)

    walk(0, frozenset(), 0)
    return [ordered[i] for i in best]


def assign(candidates: Sequence[Candidate], exact_limit: int = 0) -> list[Candidate]:
    if exact_limit <= 0:
        return greedy(candidates)
    chosen: list[Candidate] = []
    for group in components(candidates):
        members = [candidates[i] for i in group]
        chosen += best_packing(members) if len(members) <= exact_limit else greedy(members)
    return sorted(chosen, key=Candidate.order)


@dataclass(frozen=True, slots=True)
class Judgement:
    auto: bool
    runner_up: Candidate | None


def judge(
    chosen: Sequence[Candidate],
    candidates: Sequence[Candidate],
    threshold: float,
    margin: float,
) -> dict[tuple[tuple[str, ...], tuple[str, ...]], Judgement]:
    """Auto flag and strongest competitor for each chosen candidate."""
    # The two best candidates per resource are enough to know any candidate's best rival.
    # Visiting candidates best first, the first two to touch a resource are its two best; set
    # operations keep that to a few Python steps per resource rather than per claim.
    ordered = sorted(candidates, key=Candidate.order)
    first: dict[int, int] = {}
    second: dict[int, int] = {}
    once: set[int] = set()
    twice: set[int] = set()
    for index, c in enumerate(ordered):
        again = c.resources & once
        for r in again - twice:
            second[r] = index
        twice |= again
        for r in c.resources - once:
            first[r] = index
        once |= c.resources
    need = to_points(threshold)
    gap = to_points(margin)
    out = {}
    for c in chosen:
        rival: Candidate | None = None
        for r in c.resources:
            for found in (first.get(r), second.get(r)):
                if found is None:
                    continue
                other = ordered[found]
                if other.key != c.key:
                    if rival is None or other.order() < rival.order():
                        rival = other
                    break
        own = c.points - c.learned_points
        auto = (
            c.method is not MatchMethod.LEARNED
            and not c.needs_person
            and own >= need
            and (rival is None or c.points - rival.points >= gap)
        )
        out[c.key] = Judgement(auto, rival)
    return out
