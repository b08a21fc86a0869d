"""A candidate match as the layers propose it, before the global assignment picks among them.

Scores are sums of explanation-term weights clipped to [0, 1]. For assignment and sorting they
are compared as integer "points" (millionths) so that float summation order can never make two
runs disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from operator import attrgetter

from econdesk.domain import ExplanationTerm, MatchMethod

POINTS = 1_000_000  # points per score unit

# When two candidates tie on points, the stronger kind of evidence wins.
METHOD_RANK: dict[MatchMethod, int] = {
    MatchMethod.REFERENCE: 0,
    MatchMethod.PAYOUT: 1,
    MatchMethod.ONE_TO_ONE: 2,
    MatchMethod.SUBSET: 3,
    MatchMethod.LEARNED: 4,
    MatchMethod.MANUAL: 5,
}

LEARNED_TERM = "learned"
_weight = attrgetter("weight")
_term = attrgetter("term")


def to_points(score: float) -> int:
    return round(min(1.0, max(0.0, score)) * POINTS)


@dataclass(slots=True)
class Candidate:
    """Some bank entries explained by some platform objects, with the evidence for it.

    `bank` holds indices of bank rows; `items` the refs that go into Match.item_refs (a payout's
    ref, or the items themselves); `resources` every bank row, item and payout it uses up, as
    integer ids, so that two candidates conflict exactly when their resources intersect.
    Amounts are in minor units of the bank entry's currency: `expected` is what the evidence
    says should reach the bank (items' net less `fee`, the fees inferred from a fee model), and
    the difference is bank - expected.
    """

    method: MatchMethod
    bank: tuple[int, ...]
    bank_refs: tuple[str, ...]
    items: tuple[str, ...]
    components: tuple[str, ...]
    resources: frozenset[int]
    currency: str
    bank_minor: int
    expected_minor: int  # converted to the bank currency if needed
    fee_minor: int  # fees inferred because the platform did not state them (inside expected)
    terms: tuple[ExplanationTerm, ...]
    # Evidence may be strong, yet the result cannot be posted without a person's decision
    # (a manual payout that the platform does not break down): never auto.
    needs_person: bool = False
    points: int = field(init=False)
    learned_points: int = field(init=False)

    def __post_init__(self) -> None:
        terms = self.terms
        self.points = to_points(sum(map(_weight, terms)))  # the same sum, in the same order
        if LEARNED_TERM in map(_term, terms):
            learned = sum(t.weight for t in terms if t.term == LEARNED_TERM)
            self.learned_points = min(self.points, to_points(learned))
        else:
            self.learned_points = 0

    @property
    def score(self) -> float:
        return self.points / POINTS

    @property
    def difference_minor(self) -> int:
        return self.bank_minor - self.expected_minor

    @property
    def key(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """What the candidate claims, independent of how it was found."""
        return self.bank_refs, self.items

    def order(self) -> tuple[int, int, tuple[str, ...], tuple[str, ...]]:
        """Sort key: best first, then deterministic by evidence kind and refs."""
        return (-self.points, METHOD_RANK[self.method], self.bank_refs, self.items)

    def with_terms(self, extra: Iterable[ExplanationTerm]) -> Candidate:
        """The same claim with more evidence (points are recomputed)."""
        return replace(self, terms=self.terms + tuple(extra))


class CandidatePool:
    """All candidates of a run, one per claim (the best-scoring way of finding it wins)."""

    def __init__(self, bank_count: int) -> None:
        self._by_key: dict[tuple[tuple[str, ...], tuple[str, ...]], Candidate] = {}
        self.best_points = [0] * bank_count  # per bank row

    def add(self, candidate: Candidate | None) -> None:
        if candidate is None or candidate.points <= 0:
            return
        old = self._by_key.get(candidate.key)
        if old is not None and old.order() <= candidate.order():
            return
        self._by_key[candidate.key] = candidate
        for b in candidate.bank:
            self.best_points[b] = max(self.best_points[b], candidate.points)

    def replace(self, candidate: Candidate) -> None:
        """Put a re-scored version of an existing claim in place of the old one."""
        self._by_key[candidate.key] = candidate
        for b in candidate.bank:
            self.best_points[b] = max(self.best_points[b], candidate.points)

    def settled(self, bank: int, points: int) -> bool:
        return self.best_points[bank] >= points

    def all(self) -> list[Candidate]:
        return sorted(self._by_key.values(), key=Candidate.order)

    def __len__(self) -> int:
        return len(self._by_key)
