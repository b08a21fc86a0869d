"""Matching as a use case: match what is open, store the proposals; approve and reject them.

- `run()` first sets aside the open bank lines a rule says are not platform money
  (services/rules.py); then it reads every bank entry, item and payout no decision
  claims (what no live match claims, and what the stored proposals claim: nobody decided on
  those, so they are weighed again), every stored match (kept decisions and rejections), the
  rejected pairs and the learned memory; runs the matcher; and brings the stored proposals
  in line with what it proposes now, so that they are the current best ones:
  - a proposal it makes again (the same bank entries with the same items) keeps its id; if
    its evidence, score or safety changed it is revised (audited `match.revised`), else it
    is left untouched;
  - a stored proposal it no longer makes is withdrawn (audited `match.withdrawn` with the
    reason: its bank entry or items vanished or were decided elsewhere, or a stronger
    proposal took them), and its bank entries and items are free again;
  - a new proposal is created (audited `match.created`).
  Approved, parked, posted and rejected matches are never touched, and a rejected pair is
  never proposed again. The run itself is audited as `match.run`; if anything fails, nothing
  of the run is stored. The matcher works without the writer lock; what it found is stored
  under the lock, unless a colleague changed what it relied on meanwhile: then the run is
  redone under the lock (see `MatchingService.run`).
- `approve(ids)` / `approve_auto()` move proposals to approved, all in one transaction (an
  unknown id or a match that is not proposed fails the whole command), and teach the memory
  which customer the bank text belonged to.
- `reject(ids)` moves proposals (or parked matches) to rejected: their bank entries and items
  are open again, and the store remembers the pairs so they are never proposed again. A
  rejected learned proposal unteaches what led to it.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from econdesk.accounting.marker import markers_in
from econdesk.domain import (
    BankEntry,
    Match,
    MatchMethod,
    MatchState,
    Money,
    Payout,
    PlatformItem,
    Tolerance,
)
from econdesk.domain.phrases import term_record
from econdesk.errors import UsageError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.explain import explanation_text
from econdesk.i18n.message import say
from econdesk.matching import (
    LayerStats,
    LearnedMemory,
    LearningExample,
    MatchInputs,
    MatchResult,
    MatchSettings,
    PriorDecisions,
    default_settings,
    examples_from_matches,
    match,
)
from econdesk.matching.fee_schedule import FeeSample, sample_of, schedules
from econdesk.matching.learning import customer_key, memory_words
from econdesk.services.links import link_components
from econdesk.services.own_sales import booked_as_own_sales
from econdesk.services.payout_rates import payout_rates
from econdesk.services.rules import apply_rules
from econdesk.services.sale_rates import RateSource
from econdesk.storage.errors import ConcurrencyError, ConflictError

if TYPE_CHECKING:
    from econdesk.config import Config
    from econdesk.storage import AuditEvent, Database, Store

CUSTOMER_FACT = "platform-customer"  # bank-text word -> "provider:customer id"
ACCOUNT_FACT = "account"  # bank-text word -> G/L account number
FEE_FACT = "fee-sample"  # "acquirer:currency" -> one settlement's sales, payments and fees
# Plans made without the writer lock before one is made under it: planning takes seconds at
# a busy store, and colleagues' approvals would wait all that time behind a plan under the lock.
OPTIMISTIC_ATTEMPTS = 3
STEPS_PER_MS = 800  # subset-search steps per millisecond of budget (about a million a second)


@dataclass(frozen=True, slots=True)
class MatchRun:
    """What one run stored, with the matcher's own figures."""

    proposals: tuple[Match, ...]  # new proposals, as stored, with their ids
    layers: tuple[LayerStats, ...]
    open_bank: int  # bank entries no live match claimed
    open_items: int
    unmatched_bank: int  # bank entries without a proposal after the run
    unmatched_items: int
    seconds: float
    revised: tuple[Match, ...] = ()  # earlier proposals made again with other evidence
    withdrawn: tuple[Match, ...] = ()  # earlier proposals no longer made
    unchanged: int = 0  # earlier proposals made again exactly as they were
    # Colleagues (audit actors) whose match run finished while this one waited its turn: this
    # run then worked on what theirs left, and their proposals count as `unchanged`.
    after: tuple[str, ...] = ()

    @property
    def auto(self) -> tuple[Match, ...]:
        return tuple(m for m in self.proposals if m.auto)


def matching_settings(config: Config) -> MatchSettings:
    """The matcher's settings from the config's [matching] and [providers.*] tables."""
    m = config.matching
    base = default_settings()
    currency = config.economic.currency
    sources = dict(base.sources)
    # An acquirer's tolerance applies to its settlements too.
    for name, provider in config.every_provider().items():
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


def _complete_payouts(
    store: Store, payouts: Sequence[Payout], items: Sequence[PlatformItem]
) -> tuple[list[Payout], list[PlatformItem]]:
    """The payouts whose components the store all holds, and the items without those of the
    other payouts.

    An acquirer's settlement names the gateway's payments it settles (`frisbii:...`); those
    made before the synced days are not in the store yet. Such a settlement waits, and its
    payments the store does hold wait with it (no other deposit may take them), until a sync
    reaching further back brings the rest: a match that named only some of them could be
    approved but never posted.
    """
    declared = {c for p in payouts for c in p.component_refs}
    if not declared:
        return list(payouts), list(items)
    unknown = declared.difference(i.ref for i in items)
    if unknown:
        unknown.difference_update(store.items.get_many(unknown))  # held, claimed elsewhere
    if not unknown:
        return list(payouts), list(items)
    waiting = {p.ref: p for p in payouts if unknown.intersection(p.component_refs)}
    held_back = {c for p in waiting.values() for c in p.component_refs}
    return (
        [p for p in payouts if p.ref not in waiting],
        [i for i in items if i.ref not in held_back],
    )


def _is_deposit(entry: BankEntry) -> bool:
    """Lines econdesk posted itself carry its marker: they are its vouchers, never deposits."""
    return "ED-" not in entry.text or not markers_in(entry.text)


def memory_from_store(store: Store) -> LearnedMemory:
    customers: dict[str, dict[str, int]] = {}
    for fact in store.memory.all(CUSTOMER_FACT):
        customers.setdefault(fact.token, {})[fact.value] = fact.hits
    accounts: dict[str, dict[str, int]] = {}
    for fact in store.memory.all(ACCOUNT_FACT):
        accounts.setdefault(fact.token, {})[fact.value] = fact.hits
    samples = []
    for fact in store.memory.all(FEE_FACT):
        provider, _, currency = fact.token.partition(":")
        sample = FeeSample.decode(provider, currency, fact.value)
        if sample is not None:
            samples.append(sample)
    return LearnedMemory(customers, accounts, fee_schedules=schedules(samples))


class MatchingService:
    def __init__(
        self,
        database: Database,
        settings: MatchSettings | None = None,
        rates: RateSource | None = None,
    ) -> None:
        self.database = database
        self.settings = settings or default_settings()
        # Published rates for payouts paid out in another currency (services/payout_rates.py).
        self.rates = rates

    # -- matching ----------------------------------------------------------------------------
    def run(self) -> MatchRun:
        """Match what is open and store the proposals; see the module docstring.

        The matcher works on what a read showed, without holding the writer lock, so that
        colleagues' approvals are not kept waiting meanwhile; the result is then stored under
        the lock if nothing it touches was changed since (audit events after the read name
        every match and ref they changed). Otherwise, and if storing it fails on a guard, it
        plans again the same way (OPTIMISTIC_ATTEMPTS in all), and then under the lock. The
        later of two runs reads what the earlier stored, so the two never propose the same
        thing twice, and says whose run it followed (`MatchRun.after`).
        """
        started = time.perf_counter()
        with self.database.reader() as store:
            # colleagues' runs stored from here on are the ones this run follows (`after`)
            start_head = store.audit_head()
            has_rules = bool(store.rules.all())
        if has_rules:  # lines that are not platform money are set aside first
            with self.database.transaction() as store:
                apply_rules(store)
        if self.rates is not None:  # fetched (and stored) before the run reads the store
            fx = payout_rates(self.database, self.rates)
            self.settings = replace(self.settings, fx_daily=fx)
        for _attempt in range(OPTIMISTIC_ATTEMPTS):
            with self.database.reader() as store:
                head = store.audit_head()
                plan = self._plan(store)
            try:
                with self.database.transaction() as store:
                    since = store.audit_events(after_seq=start_head, newest_first=False)
                    if not _touched(plan, [e for e in since if e.seq > head]):
                        return self._store(store, plan, _runs(store, since), started)
            except (ConcurrencyError, ConflictError):
                pass  # a change the audit log did not name: plan again
        # Colleagues kept changing what the plans relied on: plan under the lock (they wait).
        with self.database.transaction() as store:
            since = store.audit_events(after_seq=start_head, newest_first=False)
            return self._store(store, self._plan(store), _runs(store, since), started)

    def _plan(self, store: Store) -> _Plan:
        """Read what is open and run the matcher on it (writes nothing)."""
        aside = store.rules.lines()  # not platform money: never proposed
        banks = [b for b in store.bank_entries.unmatched() if _is_deposit(b) and b.ref not in aside]
        items = store.items.unmatched()
        twice = booked_as_own_sales(store, items)  # an acquirer's own sale holds that money
        items = [i for i in items if i.ref not in twice]
        payouts = store.payouts.unmatched()
        matches = store.matches.find()
        # What the stored proposals claim is open to the matcher again.
        proposed = {m.id: m for m in matches if m.state is MatchState.PROPOSED}
        proposed_banks = {r for m in proposed.values() for r in m.bank_refs}
        gone = store.bank_entries.unusable(proposed_banks)
        claimed_banks = {
            ref: entry
            for ref, entry in store.bank_entries.get_many(proposed_banks - gone.keys()).items()
            if _is_deposit(entry)
        }
        claimed = {r for m in proposed.values() for r in (*m.item_refs, *m.component_refs)}
        claimed_items = store.items.get_many(claimed)
        claimed_payouts = store.payouts.get_many(claimed - claimed_items.keys())
        open_payouts, linked = link_components(
            [*payouts, *claimed_payouts.values()], [*items, *claimed_items.values()]
        )
        complete, open_items = _complete_payouts(
            store, open_payouts, [*items, *claimed_items.values()]
        )
        inputs = MatchInputs([*banks, *claimed_banks.values()], open_items, complete)
        prior = PriorDecisions(
            matches=matches,
            memory=memory_from_store(store),
            rejected_pairs=frozenset(store.rejected_pairs.all_pairs()),
        )
        result = match(inputs, self.settings, prior)
        withdrawals: tuple[tuple[Match, str], ...] = ()
        if result.withdrawn:
            present = {*claimed_banks, *claimed_items, *claimed_payouts}
            reason = _Reasons(present, matches, result.proposals, set(proposed))
            withdrawals = tuple((proposed[i], reason(proposed[i])) for i in result.withdrawn)
        return _Plan(
            result=result,
            proposed=proposed,
            withdrawals=withdrawals,
            linked=tuple(linked),
            open_bank=len(banks),
            open_items=len(items),
        )

    def _store(self, store: Store, plan: _Plan, after: tuple[str, ...], started: float) -> MatchRun:
        """Bring the stored proposals in line with the plan, and audit the run."""
        if plan.linked:  # posting reads the stored payout: it must name the items too
            store.payouts.upsert_many(plan.linked)
        withdrawn = [
            store.matches.withdraw(stale.id, expected_version=stale.version, reason=reason)
            for stale, reason in plan.withdrawals
        ]
        revised: list[Match] = []
        new: list[Match] = []
        unchanged = 0
        for m in plan.result.proposals:
            old = plan.proposed.get(m.id)
            if old is None:
                new.append(replace(m, id=""))
            elif _content(old) == _content(m):
                unchanged += 1
            else:
                revised.append(
                    store.matches.revise(replace(m, note=old.note), expected_version=old.version)
                )
        stored = store.matches.create_many(new)
        run = MatchRun(
            proposals=tuple(stored),
            layers=plan.result.layers,
            open_bank=plan.open_bank,
            open_items=plan.open_items,
            unmatched_bank=len(plan.result.unmatched_bank),
            unmatched_items=len(plan.result.unmatched_items),
            seconds=round(time.perf_counter() - started, 3),
            revised=tuple(revised),
            withdrawn=tuple(withdrawn),
            unchanged=unchanged,
            after=after,
        )
        touched = [m.id for m in (*stored, *revised, *withdrawn)]
        store.record("match.run", touched, run_summary(run))
        return run

    # -- reading -----------------------------------------------------------------------------
    def matches(self, state: MatchState | None = None) -> list[Match]:
        with self.database.reader() as store:
            return store.matches.find(states=None if state is None else [state])

    # -- decisions ---------------------------------------------------------------------------
    def approve(self, ids: Sequence[str]) -> list[Match]:
        """Approve these proposals (or parked matches), all or none."""
        if not ids:
            raise UsageError(say(QT_TRANSLATE_NOOP("CLI", "approve needs match ids, or --auto")))
        with self.database.transaction(lock_first=False) as store:
            return self._approve(store, store.matches.get_many(_unique(ids)))

    def approve_auto(self) -> list[Match]:
        """Approve exactly the proposals the matcher marked safe."""
        with self.database.transaction() as store:
            safe = [m for m in store.matches.find(states=[MatchState.PROPOSED]) if m.auto]
            return self._approve(store, safe)

    def reject(self, ids: Sequence[str]) -> list[Match]:
        """Reject these proposals (or parked matches), all or none."""
        if not ids:
            raise UsageError(say(QT_TRANSLATE_NOOP("CLI", "reject needs match ids")))
        with self.database.transaction(lock_first=False) as store:
            # Read before the writer lock: each transition checks the version read here.
            chosen = store.matches.get_many(_unique(ids))
            learned = [m for m in chosen if m.method is MatchMethod.LEARNED]
            unteach = self._examples(store, learned, MatchState.REJECTED)
            store.lock_writes()
            done = [
                store.matches.transition(
                    current.id, MatchState.REJECTED, expected_version=current.version
                )
                for current in chosen
            ]
            self._unlearn(store, unteach)
            return done

    def learn_from(self, matches: Sequence[Match]) -> None:
        """Teach the memory from matches approved elsewhere (a hand-made match, a correction)."""
        with self.database.transaction() as store:
            teach = self._examples(store, matches, MatchState.APPROVED)
            self._learn(store, teach, self._fee_samples(store, matches))

    def _approve(self, store: Store, matches: Sequence[Match]) -> list[Match]:
        """Approve the matches as read (each transition checks the version read), and teach
        the memory. What they teach is read before the writer lock (in a transaction that
        takes it late): the matches' items, bank entries and payouts, which an approval does
        not change."""
        teach = self._examples(store, matches, MatchState.APPROVED)
        fees = self._fee_samples(store, matches)
        store.lock_writes()
        approved = [
            store.matches.transition(m.id, MatchState.APPROVED, expected_version=m.version)
            for m in matches
        ]
        self._learn(store, teach, fees)
        return approved

    # -- memory --------------------------------------------------------------------------------
    @staticmethod
    def _examples(
        store: Store, matches: Sequence[Match], state: MatchState
    ) -> list[LearningExample]:
        """What these matches teach (or unteach). The items are read first: a match of many
        customers (a payout) teaches nothing, and its bank entries need not be read."""
        items = store.items.get_many({r for m in matches for r in m.item_refs})
        teaching = [m for m in matches if _one_customer(m, items)]
        if not teaching:
            return []
        banks = store.bank_entries.get_many({r for m in teaching for r in m.bank_refs})
        return examples_from_matches([replace(m, state=state) for m in teaching], banks, items)

    @staticmethod
    def _learn(
        store: Store, examples: Sequence[LearningExample], samples: Sequence[FeeSample]
    ) -> None:
        """Each approved one-customer match's bank-text words -> that customer; each approved
        acquirer's settlement: its fees, for the acquirer's fee schedule (one statement for
        each kind of fact)."""
        store.memory.learn_many(
            CUSTOMER_FACT,
            (
                (word, example.customer)
                for example in examples
                if example.customer is not None
                for word in memory_words(example.bank_text)
            ),
        )
        store.memory.learn_many(
            FEE_FACT, ((f"{x.provider}:{x.currency}", x.encode()) for x in samples)
        )

    @staticmethod
    def _fee_samples(store: Store, approved: Sequence[Match]) -> list[FeeSample]:
        """The fees of the acquirer settlements among the matches' items."""
        payouts = store.payouts.get_many({r for m in approved for r in m.item_refs})
        out = []
        for payout in payouts.values():
            found = store.items.get_many(payout.component_refs)
            sample = sample_of(payout, [found[r] for r in payout.component_refs if r in found])
            if sample is not None:
                out.append(sample)
        return out

    @staticmethod
    def _unlearn(store: Store, examples: Sequence[LearningExample]) -> None:
        """Each rejected learned proposal: forget what its bank-text words taught."""
        for example in examples:
            store.memory.forget_many(
                CUSTOMER_FACT, memory_words(example.bank_text), example.customer
            )


@dataclass(frozen=True, slots=True)
class _Plan:
    """What a run means to store: the matcher's result, read against these proposals."""

    result: MatchResult
    proposed: dict[str, Match]  # the stored proposals it read, by id
    withdrawals: tuple[tuple[Match, str], ...]  # (proposal, why it is withdrawn)
    linked: tuple[Payout, ...]  # payouts whose settlement links were resolved: to store
    open_bank: int
    open_items: int

    def subjects(self) -> set[str]:
        """Every match id and ref storing the plan would write: linked payouts, withdrawn,
        revised and new proposals (a proposal made again unchanged is not written, so a
        decision on it meanwhile stands as it is)."""
        found: set[str] = {p.ref for p in self.linked}
        for stale, _ in self.withdrawals:
            found.update((stale.id, *_refs(stale)))
        for m in self.result.proposals:
            old = self.proposed.get(m.id)
            if old is None or _content(old) != _content(m):
                found.update(_refs(m))
                if old is not None:
                    found.update((old.id, *_refs(old)))
        return found


def _touched(plan: _Plan, events: Sequence[AuditEvent]) -> bool:
    """Whether one of these events (those after the plan's read) names a match or ref the
    plan writes. (Another run's proposals are named by its `match.created` events: one
    sharing a ref with the plan's counts; others do not stop the plan being stored beside
    them.)"""
    subjects = plan.subjects()
    return any(subjects.intersection(event.subjects) for event in events)


def _runs(store: Store, events: Sequence[AuditEvent]) -> tuple[str, ...]:
    """Who else stored a match run among these events (those since this run began)."""
    runs = [e for e in events if e.action.startswith("match.run")]
    return tuple(dict.fromkeys(e.actor for e in runs if e.actor != store.actor))


def _one_customer(m: Match, items: Mapping[str, PlatformItem]) -> bool:
    """Whether the match's items (those stored) are all one customer's: only such a match
    teaches the memory anything (see `examples_from_matches`)."""
    keys = {customer_key(items[r]) for r in m.item_refs if r in items}
    return len(keys) == 1 and None not in keys


def _content(m: Match) -> tuple[Any, ...]:
    """What a proposal says, apart from its id, state, version and note."""
    return (m.method, m.score, m.auto, m.bank_refs, m.item_refs, m.component_refs, m.amount,
            m.difference, m.explanation, m.inferred_fee)  # fmt: skip


class _Reasons:
    """Why a run no longer proposes an earlier proposal, in a bookkeeper's words (for the
    audit log). The refs' owners are indexed once, for all withdrawals of the run."""

    def __init__(
        self,
        present: set[str],
        matches: Sequence[Match],
        proposals: Sequence[Match],
        stored_ids: set[str],
    ) -> None:
        self.present = present
        self.stored_ids = stored_ids
        kept = (MatchState.APPROVED, MatchState.PARKED, MatchState.POSTED)
        self.kept = {r: m for m in matches if m.state in kept for r in _refs(m)}
        self.proposed = {r: m for m in proposals for r in _refs(m)}

    def __call__(self, old: Match) -> str:
        gone = [r for r in (*old.bank_refs, *old.item_refs) if r not in self.present]
        if gone:
            return f"{', '.join(gone)} is no longer in the store"
        for ref in _refs(old):
            other = self.kept.get(ref)
            if other is not None:
                return f"{ref} is in {other.state.value} match {other.id} now"
        for ref in _refs(old):
            other = self.proposed.get(ref)
            if other is not None:
                which = f"proposal {other.id}" if other.id in self.stored_ids else "a new proposal"
                return (
                    f"{which} for {ref} has stronger evidence ({other.method.value}, score "
                    f"{other.score:.2f} against {old.score:.2f})"
                )
        return "the matcher no longer finds enough evidence for it"


def _refs(m: Match) -> tuple[str, ...]:
    return (*m.bank_refs, *m.item_refs, *m.component_refs)


def run_summary(run: MatchRun) -> dict[str, Any]:
    """What the audit log and `econdesk match --json` keep about a run."""
    return {
        "proposed": len(run.proposals),
        "revised": len(run.revised),
        "withdrawn": len(run.withdrawn),
        "unchanged": run.unchanged,
        "auto": len(run.auto),
        "open_bank": run.open_bank,
        "open_items": run.open_items,
        "unmatched_bank": run.unmatched_bank,
        "unmatched_items": run.unmatched_items,
        "layers": {
            layer.layer: {"proposed": layer.proposed, "auto": layer.auto} for layer in run.layers
        },
    }


def match_json(
    m: Match, language: str = "en", reversals: Sequence[dict[str, Any]] = ()
) -> dict[str, Any]:
    """One element of `econdesk matches --json` (README, "The command line"): amounts as strings.
    `reversals`: the reversal vouchers posted for the match, oldest first (see
    `cli.matches.reversals_json`)."""
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
        # the terms as data (term, detail in English, weight, key, facts), then as one text
        # in the reader's language
        "explanation": [term_record(t) for t in m.explanation],
        "explanation_text": explanation_text(m.explanation, language),
        "voucher": None
        if m.voucher is None
        else {"journal": m.voucher.journal, "year": m.voucher.year, "number": m.voucher.number},
        "note": m.note,
        "reversals": list(reversals),
    }


def _unique(ids: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(ids))
