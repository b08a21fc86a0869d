"""The ground truth of a scenario: which bank entry should match what, by which layer, and
which bank entries must stay unmatched. The matcher's accuracy benchmark scores against it.

Format (also `GroundTruth.to_json()`):

- `matches`: one `ExpectedMatch` per bank entry that should match. `item_refs` is what the
  matcher's `Match.item_refs` should hold (the payout/settlement ref for a payout, else the
  platform items); `component_refs` what `Match.component_refs` should hold (a payout's
  breakdown; empty for Stripe manual payouts, which have none); `method` the strongest layer
  whose evidence is present (reference in text > payout amount > one-to-one > subset);
  `difference` is bank amount minus expected net (rounding or FX; zero for most); `fees` what
  the platform kept (for items without a fee field, e.g. Frisbii's, the matcher has to infer
  it from the fee model).
- `unmatched`: bank ref -> why it must stay unmatched (rent, salaries, tax, decoys).
- `undeposited_item_refs`: items no deposit in the scenario carries (a negative balance carried
  past the end); they must stay unmatched too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from econdesk.domain.model import MatchMethod
from econdesk.domain.money import Money


@dataclass(frozen=True, slots=True)
class ExpectedMatch:
    bank_ref: str
    method: MatchMethod
    item_refs: tuple[str, ...]
    component_refs: tuple[str, ...]
    amount: Money  # the bank entry's amount
    fees: Money
    difference: Money  # bank amount - expected net
    provider: str  # "clearhaus", "stripe", "mobilepay", "chargebee"
    note: str = ""
    # Items the deposit really carried when no match can name them (Stripe manual payouts).
    carried_refs: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "bank": self.bank_ref,
            "method": self.method.value,
            "items": list(self.item_refs),
            "components": list(self.component_refs),
            "amount": self.amount.format(),
            "currency": self.amount.currency,
            "fees": self.fees.format(),
            "difference": self.difference.format(),
            "provider": self.provider,
            "note": self.note,
            "carried": list(self.carried_refs),
        }


@dataclass(frozen=True)
class GroundTruth:
    matches: tuple[ExpectedMatch, ...]
    unmatched: Mapping[str, str]  # bank ref -> reason
    undeposited_item_refs: frozenset[str] = frozenset()
    _by_bank: dict[str, ExpectedMatch] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_bank.update((m.bank_ref, m) for m in self.matches)

    def for_bank(self, bank_ref: str) -> ExpectedMatch | None:
        return self._by_bank.get(bank_ref)

    def by_method(self, method: MatchMethod) -> tuple[ExpectedMatch, ...]:
        return tuple(m for m in self.matches if m.method is method)

    def to_json(self) -> dict[str, Any]:
        return {
            "matches": [m.to_json() for m in self.matches],
            "unmatched": dict(self.unmatched),
            "undeposited_items": sorted(self.undeposited_item_refs),
        }
