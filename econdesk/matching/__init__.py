"""The matcher: pure domain logic that explains bank entries by platform money, in layers.

    result = match(MatchInputs(bank_entries, items, payouts), settings, PriorDecisions(matches))

Layers, strongest evidence first: a (reference in the bank text), b (payout or settlement by
net amount, arrival window and descriptor), c (one-to-one by amount, date window and name), d
(a deposit of many items less fees: consecutive runs and bounded subset-sum), e (learned from
approvals), f (a transfer paying an open invoice, by its number or its amount and payer), g (an
acquirer's deposit with no settlement, from its learned fee schedule). A global assignment
keeps every bank entry and item in at most one proposal; `auto` marks the proposals safe to
approve without a person. No I/O anywhere in here.
"""

from econdesk.matching.engine import match
from econdesk.matching.inputs import MatchInputs, PriorDecisions
from econdesk.matching.learning import (
    LearnedMemory,
    LearningExample,
    Rule,
    examples_from_matches,
    learn,
)
from econdesk.matching.result import (
    AccountSuggestion,
    Alternative,
    LayerStats,
    MatchResult,
    SubsetStats,
)
from econdesk.matching.settings import FeeModel, MatchSettings, SourceProfile
from econdesk.matching.sources import DEFAULT_SOURCES, default_settings

__all__ = [
    "DEFAULT_SOURCES", "AccountSuggestion", "Alternative", "FeeModel", "LayerStats",
    "LearnedMemory", "LearningExample", "MatchInputs", "MatchResult", "MatchSettings",
    "PriorDecisions", "Rule", "SourceProfile", "SubsetStats", "default_settings",
    "examples_from_matches", "learn", "match",
]  # fmt: skip
