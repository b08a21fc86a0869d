"""Matching as a use case: match what is open, store the proposals; approve and reject them.

- `run()` reads, in one write transaction, every bank entry, item and payout no live match
  claims, every stored match (kept decisions and rejections), the rejected pairs and the
  learned memory; runs the matcher; and stores each proposal. The store audits each created
  match in that same transaction, and the run itself is audited as `match.run`; if anything
  fails, nothing of the run is stored. Proposals already stored stay as they are: what they
  hold is not open, so a run only ever adds (CONTRACT.md: "auto-match everything unmatched").
- `approve(ids)` / `approve_auto()` move proposals to approved, all in one transaction (an
  unknown id or a match that is not proposed fails the whole command), and teach the memory
  which customer the bank text belonged to.
- `reject(ids)` moves proposals (or parked matches) to rejected: their bank entries and items
  are open again, and the store remembers the pairs so they are never proposed again. A
  rejected learned proposal unteaches what led to it.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from econdesk.domain import Match, MatchMethod, MatchState, Money, Tolerance
from econdesk.errors import UsageError
from econdesk.matching import (
    LayerStats,
    LearnedMemory,
    LearningExample,
    MatchInputs,
    MatchSettings,
    PriorDecisions,
    default_settings,
    examples_from_matches,
    match,
)
from econdesk.matching.learning import memory_words

if TYPE_CHECKING:
    from econdesk.config import Config
    from econdesk.storage import Database, Store

CUSTOMER_FACT = "platform-customer"  # bank-text word -> "provider:customer id"
ACCOUNT_FACT = "account"  # bank-text word -> G/L account number
STEPS_PER_MS = 800  # subset-search steps per millisecond of budget (about a million a second)


@dataclass(frozen=True, slots=True)
class MatchRun:
    """What one run stored, with the matcher's own figures."""

    proposals: tuple[Match, ...]  # as stored, with their ids
    layers: tuple[LayerStats, ...]
    open_bank: int  # bank entries looked at
    open_items: int
    unmatched_bank: int  # ... of which still unmatched after the run
    unmatched_items: int
    seconds: float

    @property
    def auto(self) -> tuple[Match, ...]:
        return tuple(m for m in self.proposals if m.auto)


def matching_settings(config: Config) -> MatchSettings:
    """The matcher's settings from the config's [matching] and [providers.*] tables."""
    m = config.matching
    base = default_settings()
    currency = config.economic.currency
    sources = dict(base.sources)
    for name, provider in config.providers.items():
        profile = sources.get(name, base.default_source)
        if provider.tolerance_fixed is not None or provider.tolerance_percent is not None:
            tolerance = Tolerance(
                Money.of(provider.tolerance_fixed or Decimal(0), currency),
                provider.tolerance_percent or Decimal(0),
            )
            profile = replace(profile, tolerances=(tolerance,))
        sources[name] = profile
    sources = {
        name: replace(
            profile,
            payout_lag=(profile.payout_lag[0], m.payout_window_days),
            transfer_lag=(profile.transfer_lag[0], m.payment_window_days),
        )
        for name, profile in sources.items()
    }
    return replace(
        base,
        sources=sources,
        default_source=replace(
            base.default_source,
            payout_lag=(base.default_source.payout_lag[0], m.payout_window_days),
            transfer_lag=(base.default_source.transfer_lag[0], m.payment_window_days),
        ),
        auto_threshold=m.auto_threshold,
        auto_margin=m.auto_margin,
        subset_candidates=m.subset_max_items,
        subset_steps=m.subset_time_budget_ms * STEPS_PER_MS,
        subset_seconds=m.subset_time_budget_ms / 1000,
    )


def memory_from_store(store: Store) -> LearnedMemory:
    customers: dict[str, dict[str, int]] = {}
    for fact in store.memory.all(CUSTOMER_FACT):
        customers.setdefault(fact.token, {})[fact.value] = fact.hits
    accounts: dict[str, dict[str, int]] = {}
    for fact in store.memory.all(ACCOUNT_FACT):
        accounts.setdefault(fact.token, {})[fact.value] = fact.hits
    return LearnedMemory(customers, accounts)


class MatchingService:
    def __init__(self, database: Database, settings: MatchSettings | None = None) -> None:
        self.database = database
        self.settings = settings or default_settings()

    # -- matching ----------------------------------------------------------------------------
    def run(self) -> MatchRun:
        started = time.perf_counter()
        with self.database.transaction() as store:
            banks = store.bank_entries.unmatched()
            items = store.items.unmatched()
            payouts = store.payouts.unmatched()
            prior = PriorDecisions(
                matches=store.matches.find(),
                memory=memory_from_store(store),
                rejected_pairs=frozenset(store.rejected_pairs.all_pairs()),
            )
            result = match(MatchInputs(banks, items, payouts), self.settings, prior)
            stored = store.matches.create_many([replace(m, id="") for m in result.proposals])
            run = MatchRun(
                proposals=tuple(stored),
                layers=result.layers,
                open_bank=len(banks),
                open_items=len(items),
                unmatched_bank=len(result.unmatched_bank),
                unmatched_items=len(result.unmatched_items),
                seconds=round(time.perf_counter() - started, 3),
            )
            store.record("match.run", [m.id for m in stored], run_summary(run))
        return run

    # -- reading -----------------------------------------------------------------------------
    def matches(self, state: MatchState | None = None) -> list[Match]:
        with self.database.reader() as store:
            return store.matches.find(states=None if state is None else [state])

    # -- decisions ---------------------------------------------------------------------------
    def approve(self, ids: Sequence[str]) -> list[Match]:
        """Approve these proposals (or parked matches), all or none."""
        if not ids:
            raise UsageError("approve needs match ids, or --auto")
        with self.database.transaction() as store:
            return self._approve(store, [store.matches.get(i) for i in _unique(ids)])

    def approve_auto(self) -> list[Match]:
        """Approve exactly the proposals the matcher marked safe."""
        with self.database.transaction() as store:
            safe = [m for m in store.matches.find(states=[MatchState.PROPOSED]) if m.auto]
            return self._approve(store, safe)

    def reject(self, ids: Sequence[str]) -> list[Match]:
        """Reject these proposals (or parked matches), all or none."""
        if not ids:
            raise UsageError("reject needs match ids")
        with self.database.transaction() as store:
            done = []
            for current in [store.matches.get(i) for i in _unique(ids)]:
                rejected = store.matches.transition(
                    current.id, MatchState.REJECTED, expected_version=current.version
                )
                if current.method is MatchMethod.LEARNED:
                    self._unlearn(store, current)
                done.append(rejected)
            return done

    def learn_from(self, matches: Sequence[Match]) -> None:
        """Teach the memory from matches approved elsewhere (a hand-made match, a correction)."""
        with self.database.transaction() as store:
            self._learn(store, matches)

    def _approve(self, store: Store, matches: Iterable[Match]) -> list[Match]:
        approved = [
            store.matches.transition(m.id, MatchState.APPROVED, expected_version=m.version)
            for m in matches
        ]
        self._learn(store, approved)
        return approved

    # -- memory --------------------------------------------------------------------------------
    @staticmethod
    def _examples(
        store: Store, matches: Sequence[Match], state: MatchState
    ) -> list[LearningExample]:
        banks = store.bank_entries.get_many({r for m in matches for r in m.bank_refs})
        items = store.items.get_many({r for m in matches for r in m.item_refs})
        return examples_from_matches([replace(m, state=state) for m in matches], banks, items)

    def _learn(self, store: Store, approved: Sequence[Match]) -> None:
        """Each approved one-customer match: its bank-text words -> that customer."""
        for example in self._examples(store, approved, MatchState.APPROVED):
            for word in sorted(memory_words(example.bank_text)):
                if example.customer is not None:
                    store.memory.learn(CUSTOMER_FACT, word, example.customer)

    def _unlearn(self, store: Store, rejected: Match) -> None:
        for example in self._examples(store, [rejected], MatchState.REJECTED):
            for word in sorted(memory_words(example.bank_text)):
                store.memory.forget(CUSTOMER_FACT, word, example.customer)


def run_summary(run: MatchRun) -> dict[str, Any]:
    """What the audit log and `econdesk match --json` keep about a run."""
    return {
        "proposed": len(run.proposals),
        "auto": len(run.auto),
        "open_bank": run.open_bank,
        "open_items": run.open_items,
        "unmatched_bank": run.unmatched_bank,
        "unmatched_items": run.unmatched_items,
        "layers": {
            layer.layer: {"proposed": layer.proposed, "auto": layer.auto} for layer in run.layers
        },
    }


def match_json(m: Match) -> dict[str, Any]:
    """One element of `econdesk matches --json` (CONTRACT.md): amounts as strings."""
    return {
        "id": m.id,
        "state": m.state.value,
        "method": m.method.value,
        "score": m.score,
        "auto": m.auto,
        "bank": list(m.bank_refs),
        "items": list(m.item_refs),
        "components": list(m.component_refs),
        "amount": m.amount.format(),
        "currency": m.currency,
        "difference": m.difference.format(),
        # the fee the matcher inferred for items that state none (posted on the fee account)
        "inferred_fee": None if m.inferred_fee is None else m.inferred_fee.format(),
        "explanation": [
            {"term": t.term, "detail": t.detail, "weight": t.weight} for t in m.explanation
        ],
        "voucher": None
        if m.voucher is None
        else {"journal": m.voucher.journal, "year": m.voucher.year, "number": m.voucher.number},
        "note": m.note,
    }


def _unique(ids: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(ids))
