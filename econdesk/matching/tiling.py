"""How well a run of consecutive items fits a tiling of the stream by deposits.

Deposits of one source cut its item stream into consecutive runs, in the deposits' own order.
Given candidate runs (first position `i`, one past the last `j`, and the deposit's `rank`, e.g.
its bank day), this computes for every run the value of the best chain of runs through it: a
chain takes runs left to right with increasing rank (so no deposit twice), each run adds 1 and
every item skipped between two runs costs `gap_cost`. Two passes over the endpoints with a
Fenwick tree of prefix maxima over ranks: O(n log n) for n runs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

NEG = float("-inf")
Rank = tuple[int, ...]  # compared as tuples: (bank day, date in text, entry index)


@dataclass(frozen=True, slots=True)
class Fit:
    through: float  # best chain value through the run
    start_touch: bool  # a run of an earlier rank ends exactly where this one starts
    end_touch: bool  # a run of a later rank starts exactly where this one ends


class _MaxTree:
    """Fenwick tree of prefix maxima over ranks 1..n."""

    def __init__(self, n: int) -> None:
        self.tree = [NEG] * (n + 1)

    def update(self, rank: int, value: float) -> None:
        while rank < len(self.tree):
            self.tree[rank] = max(self.tree[rank], value)
            rank += rank & -rank

    def query(self, rank: int) -> float:
        best = NEG
        while rank > 0:
            best = max(best, self.tree[rank])
            rank -= rank & -rank
        return best


def chain_fits(runs: Sequence[tuple[int, int, Rank]], gap_cost: float) -> list[Fit]:
    """`runs` are (i, j, rank) with i < j; returns one Fit per run, in the same order."""
    n = len(runs)
    if n == 0:
        return []
    ranks = sorted({r for _, _, r in runs})
    dense = {r: k + 1 for k, r in enumerate(ranks)}  # 1-based for the tree
    size = len(ranks)
    by_start: dict[int, list[int]] = defaultdict(list)
    by_end: dict[int, list[int]] = defaultdict(list)
    for k, (i, j, _) in enumerate(runs):
        by_start[i].append(k)
        by_end[j].append(k)
    points = sorted(set(by_start) | set(by_end))

    # Forward: best chain ending with run k.
    forward = [0.0] * n
    tree = _MaxTree(size)
    for p in points:
        for k in by_end.get(p, ()):  # runs ending here can precede runs starting here
            tree.update(dense[runs[k][2]], forward[k] + gap_cost * runs[k][1])
        for k in by_start.get(p, ()):
            i, _, rank = runs[k]
            before = tree.query(dense[rank] - 1) - gap_cost * i
            forward[k] = 1.0 + max(0.0, before)

    # Backward: best chain starting with run k (ranks mirrored so "later" is a prefix).
    backward = [0.0] * n
    tree = _MaxTree(size)
    for p in reversed(points):
        for k in by_start.get(p, ()):
            tree.update(size + 1 - dense[runs[k][2]], backward[k] - gap_cost * runs[k][0])
        for k in by_end.get(p, ()):
            _, j, rank = runs[k]
            after = tree.query(size - dense[rank]) + gap_cost * j
            backward[k] = 1.0 + max(0.0, after)

    lowest_ending: dict[int, Rank] = {}
    highest_starting: dict[int, Rank] = {}
    for i, j, rank in runs:
        lowest_ending[j] = min(rank, lowest_ending.get(j, rank))
        highest_starting[i] = max(rank, highest_starting.get(i, rank))
    return [
        Fit(
            through=forward[k] + backward[k] - 1.0,
            start_touch=lowest_ending.get(i, rank) < rank,
            end_touch=highest_starting.get(j, rank) > rank,
        )
        for k, (i, j, rank) in enumerate(runs)
    ]
