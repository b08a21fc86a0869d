"""One matching run: layers a-e into one pool, a global assignment, then proposals with ids.

`match()` is pure: no I/O, no clock in its results (only in its timing figures), and the same
inputs in any order give the same proposals with the same ids.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from econdesk.domain import (
    Match,
    MatchMethod,
    MatchState,
    Money,
    format_match_id,
)
from econdesk.i18n.explain import explained
from econdesk.matching.assignment import assign, judge
from econdesk.matching.book import BankRow, Book
from econdesk.matching.candidates import Candidate, CandidatePool, to_points
from econdesk.matching.inputs import MatchInputs, PriorDecisions
from econdesk.matching.layers import (
    deposit,
    invoice,
    learned,
    one_to_one,
    payout,
    reference,
    split,
    unspecified,
)
from econdesk.matching.learning import memory_words
from econdesk.matching.result import (
    AccountSuggestion,
    Alternative,
    LayerStats,
    MatchResult,
    SubsetStats,
)
from econdesk.matching.settings import MatchSettings

if TYPE_CHECKING:
    from econdesk.matching.assignment import Judgement

LAYERS: tuple[tuple[str, MatchMethod], ...] = (
    ("a reference", MatchMethod.REFERENCE),
    ("b payout", MatchMethod.PAYOUT),
    ("c one-to-one", MatchMethod.ONE_TO_ONE),
    ("d deposit", MatchMethod.SUBSET),
    ("e learned", MatchMethod.LEARNED),
)
ALTERNATIVES = 3
ClaimKey = tuple[tuple[str, ...], tuple[str, ...]]  # (bank refs, item refs), sorted
_ID_NUMBER = re.compile(r"(\d+)$")


def match(
    inputs: MatchInputs,
    settings: MatchSettings | None = None,
    prior: PriorDecisions | None = None,
    *,
    new_id: Callable[[], str] | None = None,
) -> MatchResult:
    """Propose matches for everything open in `inputs`, respecting `prior` decisions.

    `new_id` hands out ids for new proposals (the store's sequence); by default they continue
    after the highest number among the prior matches' ids, as `m-000124`.
    """
    return _match(inputs, settings, prior, new_id)


def _match(
    inputs: MatchInputs,
    settings: MatchSettings | None,
    prior: PriorDecisions | None,
    new_id: Callable[[], str] | None,
) -> MatchResult:
    started = time.perf_counter()
    settings = settings or MatchSettings()
    prior = prior or PriorDecisions()
    timer = _LayerTimer()
    # Building the book is shared by the layers; it counts with layer a.
    with timer.timed(MatchMethod.REFERENCE):
        book = Book(inputs, settings, prior)
    pool = CandidatePool(len(book.banks))
    subset_stats = _run_layers(book, pool, settings, prior, timer)

    candidates = pool.all()
    chosen = assign(candidates, settings.exact_assignment_limit)
    verdicts = judge(chosen, candidates, settings.auto_threshold, settings.auto_margin)
    ids = _IdSource(book, new_id)
    proposals, alternatives = _proposals(candidates, chosen, verdicts, ids)

    used = set().union(*(c.resources for c in chosen)) if chosen else set()
    unmatched_banks = [b for b in book.banks if b.index not in used]
    return MatchResult(
        proposals=tuple(proposals),
        withdrawn=ids.withdrawn(),
        alternatives=alternatives,
        suggestions=_suggestions(book, prior, unmatched_banks),
        unmatched_bank=tuple(b.ref for b in unmatched_banks),
        unmatched_items=tuple(it.ref for it in book.items if it.resource not in used),
        layers=timer.stats(chosen, candidates, verdicts),
        subset=subset_stats,
        seconds=round(time.perf_counter() - started, 6),
    )


class _LayerTimer:
    """Wall and CPU time per layer, and each layer's figures for the result."""

    def __init__(self) -> None:
        self.seconds: dict[MatchMethod, float] = {}
        self.cpu: dict[MatchMethod, float] = {}

    @contextmanager
    def timed(self, method: MatchMethod) -> Iterator[None]:
        t0, c0 = time.perf_counter(), time.process_time()
        yield
        self.seconds[method] = self.seconds.get(method, 0.0) + time.perf_counter() - t0
        self.cpu[method] = self.cpu.get(method, 0.0) + time.process_time() - c0

    def stats(
        self,
        chosen: Sequence[Candidate],
        candidates: Sequence[Candidate],
        verdicts: Mapping[ClaimKey, Judgement],
    ) -> tuple[LayerStats, ...]:
        stats = []
        for name, method in LAYERS:
            won = [c for c in chosen if c.method is method]
            stats.append(
                LayerStats(
                    layer=name,
                    candidates=sum(1 for c in candidates if c.method is method),
                    proposed=len(won),
                    auto=sum(1 for c in won if verdicts[c.key].auto),
                    seconds=round(self.seconds.get(method, 0.0), 6),
                    cpu_seconds=round(self.cpu.get(method, 0.0), 6),
                )
            )
        return tuple(stats)


def _run_layers(
    book: Book,
    pool: CandidatePool,
    settings: MatchSettings,
    prior: PriorDecisions,
    timer: _LayerTimer,
) -> SubsetStats:
    """Layers a-e add their candidates to `pool`; the subset search's figures."""
    with timer.timed(MatchMethod.REFERENCE):
        reference.run(book, pool)
    with timer.timed(MatchMethod.PAYOUT):
        payout.run(book, pool)
    with timer.timed(MatchMethod.ONE_TO_ONE):
        # Layer f, open invoices: a number in the text (REFERENCE) or amount and payer
        # (ONE_TO_ONE); timed with layer c, the transfers it competes with, and run first so
        # that layer c knows which invoice a text names.
        invoice.run(book, pool)
        one_to_one.run(book, pool)
    with timer.timed(MatchMethod.PAYOUT):
        # A payout in several bank lines, among the lines the strong evidence leaves open.
        split.run(book, pool)
    with timer.timed(MatchMethod.SUBSET):
        # Deposits are searched for what the strong evidence leaves open.
        strong = [c for c in assign(pool.all()) if c.points >= to_points(settings.settled_score)]
        subset_stats = deposit.run(book, pool, strong)
    with timer.timed(MatchMethod.LEARNED):
        taken = {b for c in strong for b in c.bank}
        open_banks = [b for b in book.banks if b.index not in taken]
        learned.run(book, pool, prior.memory, open_banks)
    with timer.timed(MatchMethod.SUBSET):
        # Layer g: an acquirer's deposit with no settlement, from its learned fee schedule.
        unspecified.run(book, pool, prior.memory.fee_schedules, open_banks)
    return subset_stats


def _proposals(
    candidates: Sequence[Candidate],
    chosen: Sequence[Candidate],
    verdicts: Mapping[ClaimKey, Judgement],
    ids: _IdSource,
) -> tuple[list[Match], dict[str, tuple[Alternative, ...]]]:
    """The chosen candidates as proposals in a stable order, each with its best rivals."""
    proposals: list[Match] = []
    alternatives: dict[str, tuple[Alternative, ...]] = {}
    by_bank: dict[int, list[Candidate]] = {}
    for c in candidates:
        for b in c.bank:
            by_bank.setdefault(b, []).append(c)
    for c in sorted(chosen, key=lambda c: (c.bank_refs, c.items)):
        m = _to_match(c, verdicts[c.key].auto, ids.for_claim(c))
        proposals.append(m)
        rivals = sorted(
            {o.key: o for b in c.bank for o in by_bank[b] if o.key != c.key}.values(),
            key=Candidate.order,
        )[:ALTERNATIVES]
        if rivals:
            alternatives[m.id] = tuple(_alternative(o) for o in rivals)
    return proposals, alternatives


class _IdSource:
    """Ids for proposals: an earlier proposal of the same claim keeps its id."""

    def __init__(self, book: Book, new_id: Callable[[], str] | None) -> None:
        self.previous = book.previous
        self.reused: set[str] = set()
        numbers = [int(m.group(1)) for i in book.all_previous_ids if (m := _ID_NUMBER.search(i))]
        self.next_number = max(numbers, default=0) + 1
        self.new_id = new_id

    def for_claim(self, c: Candidate) -> tuple[str, int]:
        old = self.previous.get(c.key)
        if old is not None:
            self.reused.add(old.id)
            return old.id, old.version
        if self.new_id is not None:
            return self.new_id(), 1
        number = self.next_number
        self.next_number += 1
        return format_match_id(number), 1

    def withdrawn(self) -> tuple[str, ...]:
        return tuple(sorted(m.id for m in self.previous.values() if m.id not in self.reused))


def _to_match(c: Candidate, auto: bool, ident: tuple[str, int]) -> Match:
    return Match(
        id=ident[0],
        state=MatchState.PROPOSED,
        method=c.method,
        score=c.score,
        auto=auto,
        bank_refs=c.bank_refs,
        item_refs=c.items,
        amount=Money.from_minor(c.bank_minor, c.currency),
        difference=Money.from_minor(c.difference_minor, c.currency),
        component_refs=c.components,
        explanation=c.terms,
        version=ident[1],
        inferred_fee=Money.from_minor(c.fee_minor, c.currency) if c.fee_minor else None,
    )


def _alternative(c: Candidate) -> Alternative:
    return Alternative(
        method=c.method,
        score=c.score,
        item_refs=c.items,
        component_refs=c.components,
        difference=Money.from_minor(c.difference_minor, c.currency),
        explanation=c.terms,
    )


def _suggestions(
    book: Book, prior: PriorDecisions, banks: list[BankRow]
) -> tuple[AccountSuggestion, ...]:
    if not prior.memory.accounts and not prior.memory.rules:
        return ()
    out = []
    for bank in banks:
        entry = bank.entry
        words = memory_words(" ".join(x for x in (entry.text, entry.counterparty) if x))
        found = prior.memory.account_evidence(words)
        if found:
            ev = found[0]
            out.append(
                AccountSuggestion(
                    bank_ref=entry.ref,
                    account=int(ev.target),
                    score=round(ev.weight * 2, 6),
                    explanation=(explained("learned", ev.weight, ev.said),),
                )
            )
    return tuple(out)
