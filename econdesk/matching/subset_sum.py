"""Bounded subset-sum in integer minor units: which of these amounts add up to the deposit?

Two searches, both deterministic and both bounded by a work budget (counted in steps, so the
same input always gives the same answer) with a CPU-time cap as a safety net:

- meet-in-the-middle for up to `MITM_LIMIT` values: every solution, so ambiguity is counted,
  not guessed;
- depth-first branch and bound for larger sets: values in a fixed order, pruned by the range
  the remaining values can still reach, stopping at `max_results` solutions or the budget.

Values may be negative (refunds, chargebacks); the target is a closed range [lo, hi] so that a
rounding tolerance is part of the search, not an afterthought.
"""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

MITM_LIMIT = 24  # 2 x 2^12 half-sums: well inside one deposit's budget


@dataclass(slots=True)
class Budget:
    """Work allowed for one deposit: `steps` is deterministic, `seconds` (CPU) a safety net.

    The default 40,000 steps stay well inside the time allowed per deposit
    (`matching.subset_time_budget_ms`; benchmarks/RESULTS.md gives the rate of steps); the
    CPU cap only bites on a machine far slower than that, where it trades determinism for the
    promise of a bounded wait.
    """

    steps: int
    seconds: float
    used: int = 0
    started: float = field(default_factory=time.process_time)
    exhausted: bool = False

    def spend(self, steps: int = 1) -> bool:
        """Count work; False once the budget is gone (and from then on)."""
        self.used += steps
        over_time = self.used & 0x3FF == 0 and time.process_time() - self.started > self.seconds
        if self.used > self.steps or over_time:
            self.exhausted = True
        return not self.exhausted

    @property
    def elapsed(self) -> float:
        """CPU seconds since the budget was opened."""
        return time.process_time() - self.started


@dataclass(frozen=True, slots=True)
class SubsetSearch:
    """Solutions as sorted index tuples into the values, and whether the search was complete."""

    solutions: tuple[tuple[int, ...], ...]
    complete: bool  # every solution within the bounds was seen (none cut by budget or cap)


def find_subsets(
    values: Sequence[int],
    lo: int,
    hi: int,
    *,
    max_size: int,
    max_results: int,
    budget: Budget,
) -> SubsetSearch:
    """Non-empty subsets of at most `max_size` values whose sum lies in [lo, hi]."""
    if lo > hi or not values or max_size <= 0 or max_results <= 0:
        return SubsetSearch((), True)
    search = _meet_in_the_middle if len(values) <= MITM_LIMIT else _branch_and_bound
    return search(values, lo, hi, max_size=max_size, max_results=max_results, budget=budget)


def _half_sums(values: Sequence[int], offset: int, max_size: int) -> list[tuple[int, int, int]]:
    """(sum, size, bitmask) of every subset of the half, with at most max_size members."""
    sums = [(0, 0, 0)]
    for i, value in enumerate(values):
        bit = 1 << (offset + i)
        sums += [(s + value, n + 1, m | bit) for s, n, m in sums if n < max_size]
    return sums


def _meet_in_the_middle(
    values: Sequence[int], lo: int, hi: int, *, max_size: int, max_results: int, budget: Budget
) -> SubsetSearch:
    half = len(values) // 2
    left = _half_sums(values[:half], 0, max_size)
    right = sorted(_half_sums(values[half:], half, max_size))
    right_sums = [s for s, _, _ in right]
    budget.spend(len(left) + len(right))
    found: list[tuple[int, ...]] = []
    complete = True
    for s, n, mask in left:
        if not budget.spend():
            complete = False
            break
        start = bisect_left(right_sums, lo - s)
        stop = bisect_right(right_sums, hi - s)
        for j in range(start, stop):
            _, rn, rmask = right[j]
            if n + rn == 0 or n + rn > max_size:
                continue
            found.append(_indices(mask | rmask))
            if len(found) > max_results * 4:  # enough to rank; more only says "ambiguous"
                complete = False
                break
        if not complete:
            break
    found.sort(key=lambda sol: (len(sol), sol))
    return SubsetSearch(tuple(found[:max_results]), complete and len(found) <= max_results)


def _indices(mask: int) -> tuple[int, ...]:
    out = []
    i = 0
    while mask:
        if mask & 1:
            out.append(i)
        mask >>= 1
        i += 1
    return tuple(out)


def _branch_and_bound(
    values: Sequence[int], lo: int, hi: int, *, max_size: int, max_results: int, budget: Budget
) -> SubsetSearch:
    # Largest magnitudes first: big values decide quickly whether a branch can still work.
    order = sorted(range(len(values)), key=lambda i: (-abs(values[i]), i))
    vals = [values[i] for i in order]
    n = len(vals)
    # What the values from position k on can still add, at most and at least.
    pos_rest = [0] * (n + 1)
    neg_rest = [0] * (n + 1)
    for k in range(n - 1, -1, -1):
        pos_rest[k] = pos_rest[k + 1] + max(vals[k], 0)
        neg_rest[k] = neg_rest[k + 1] + min(vals[k], 0)
    found: list[tuple[int, ...]] = []
    chosen: list[int] = []
    complete = True

    def walk(k: int, total: int) -> bool:
        """False to stop everything (budget or enough results)."""
        nonlocal complete
        if not budget.spend():
            complete = False
            return False
        if chosen and lo <= total <= hi:
            found.append(tuple(sorted(order[i] for i in chosen)))
            if len(found) >= max_results:
                complete = False  # there may be more; the caller treats it as ambiguous
                return False
        if k == n or len(chosen) >= max_size:
            return True
        if total + pos_rest[k] < lo or total + neg_rest[k] > hi:
            return True
        for i in range(k, n):
            if total + pos_rest[i] < lo or total + neg_rest[i] > hi:
                break
            chosen.append(i)
            go_on = walk(i + 1, total + vals[i])
            chosen.pop()
            if not go_on:
                return False
        return True

    walk(0, 0)
    found.sort(key=lambda sol: (len(sol), sol))
    return SubsetSearch(tuple(found), complete)
