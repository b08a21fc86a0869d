"""What a matching run hands back: proposals with ids, their runner-ups, and the run's figures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from econdesk.domain import ExplanationTerm, Match, MatchMethod, Money


@dataclass(frozen=True, slots=True)
class Alternative:
    """A candidate that lost to a proposal on the same bank entry (for review)."""

    method: MatchMethod
    score: float
    item_refs: tuple[str, ...]
    component_refs: tuple[str, ...]
    difference: Money
    explanation: tuple[ExplanationTerm, ...]


@dataclass(frozen=True, slots=True)
class AccountSuggestion:
    """A G/L account the learned memory suggests for a bank entry nothing else explained."""

    bank_ref: str
    account: int
    score: float
    explanation: tuple[ExplanationTerm, ...]


@dataclass(frozen=True, slots=True)
class LayerStats:
    layer: str
    candidates: int  # candidates the layer put forward (after de-duplication)
    proposed: int  # of which won the assignment
    auto: int  # of which are safe to auto-approve
    seconds: float  # wall-clock time
    cpu_seconds: float = 0.0  # CPU time (steadier on a busy machine)


@dataclass(frozen=True, slots=True)
class SubsetStats:
    deposits: int = 0  # bank entries searched
    searches: int = 0  # subset searches run (windows and free searches)
    exhausted: int = 0  # searches stopped by their budget
    max_seconds: float = 0.0  # CPU time of the slowest deposit's search
    seconds: float = 0.0  # CPU time of all searches


@dataclass(frozen=True, slots=True)
class MatchResult:
    proposals: tuple[Match, ...]
    withdrawn: tuple[str, ...] = ()  # ids of earlier proposals this run no longer proposes
    alternatives: Mapping[str, tuple[Alternative, ...]] = field(default_factory=dict)
    suggestions: tuple[AccountSuggestion, ...] = ()
    unmatched_bank: tuple[str, ...] = ()
    unmatched_items: tuple[str, ...] = ()
    layers: tuple[LayerStats, ...] = ()
    subset: SubsetStats = field(default_factory=SubsetStats)
    seconds: float = 0.0

    @property
    def auto(self) -> tuple[Match, ...]:
        return tuple(m for m in self.proposals if m.auto)
