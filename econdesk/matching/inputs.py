"""What one matching run works on: the open money on both sides, and what was decided before."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from econdesk.domain import BankEntry, Match, Payout, PlatformItem
from econdesk.matching.learning import LearnedMemory


@dataclass(frozen=True, slots=True)
class MatchInputs:
    """Bank entries, platform items and payouts/settlements, in any order.

    Objects already covered by a kept decision (see PriorDecisions) may be included; the
    matcher leaves them out itself.
    """

    bank_entries: Sequence[BankEntry] = ()
    items: Sequence[PlatformItem] = ()
    payouts: Sequence[Payout] = ()


@dataclass(frozen=True, slots=True)
class PriorDecisions:
    """Every stored match, whatever its state, and the learned memory.

    - approved, posted and parked matches are kept exactly as they are: their bank entries,
      items, payouts and components take part in nothing else;
    - a rejected match's exact claim (its bank entries with its items) is never proposed
      again, so a rejected one-to-one or payout pair stays rejected; so is any claim whose
      every (bank ref, item ref) pair is in `rejected_pairs` (the store's list of them);
    - a proposed match that the run proposes again keeps its id; one it no longer proposes is
      listed in MatchResult.withdrawn.
    """

    matches: Sequence[Match] = ()
    memory: LearnedMemory = field(default_factory=LearnedMemory)
    rejected_pairs: frozenset[tuple[str, str]] = frozenset()
