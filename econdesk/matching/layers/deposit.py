"""Layer d: a deposit that is many items less refunds and fees, with no payout object to say so.

MobilePay Subscriptions transfers a day's payments in one amount; an acquirer without a
settlement file does the same. Per source and currency the open items form a stream in time
order, and each fee model of the source gives every item an expected net (stated fees win).

1. Windows. A daily transfer is a run of consecutive items: for a deposit D, every run whose
   last item lies `settlement_lag` bank days before the deposit and whose net sum is D within
   tolerance. With prefix sums sorted by value that is one bisection per possible last item.
2. Alignment. Runs that shift by an item or two can add up to the same amount (prices repeat),
   so runs are judged together: the deposits of one stream should tile it, each run starting
   where the previous one ended. A forward and a backward pass over the run endpoints give
   each run the longest chain of adjacent runs through it (gaps cost a little per skipped
   item); a run whose chain is the best among the runs it overlaps, and that touches a
   neighbour at its start or end, is "aligned".
3. Free subsets. Where no run fits, a bounded subset-sum (subset_sum.py) searches small sets:
   the open items of the customers the bank text names, or a stream's items in the window when
   they are few. Several solutions are all kept as alternatives, so none is safe alone.

Every deposit gets one work budget (steps, deterministic, plus a wall-clock cap).
"""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from econdesk.domain import ExplanationTerm, ItemKind, MatchMethod, currency_exponent
from econdesk.i18n.explain import explained, phrase
from econdesk.matching.book import BankRow, Book, ItemRow
from econdesk.matching.candidates import Candidate, CandidatePool, to_points
from econdesk.matching.result import SubsetStats
from econdesk.matching.scoring import (
    COMMON_WORD,
    amount_term,
    date_term,
    descriptor_term,
    what,
)
from econdesk.matching.settings import FeeModel, SourceProfile
from econdesk.matching.subset_sum import Budget, find_subsets
from econdesk.matching.text import name_similarity, name_tokens, text_dates
from econdesk.matching.tiling import chain_fits

# Runs of consecutive items.
W_RUN_AMOUNT = 0.35
W_RUN_DATE = 0.15
W_ALIGNED_SIDE = 0.10  # per side (start, end) that touches a neighbouring deposit's run
W_TEXT_DATE = 0.10  # the items are from the date the bank text names
# Free subsets.
W_AMOUNT = 0.40
W_DATE = 0.20
W_UNIQUE = 0.10  # the free search saw every combination and only this one fits
W_NAME = 0.30
W_DESCRIPTOR = 0.20  # both
GAP_COST = 0.001  # chain value lost per item skipped between two runs
MAX_RUNS = 8  # per deposit, stream and fee model: more means the amount says little
NAME_MIN = 0.6  # name similarity for the bank text to "name" a customer
NAMED_DAYS = (45, 12)  # calendar days before/after the deposit for a named customer's items
EPSILON = 1e-9
UNNAMED_WINDOW = 2_000  # stream items a bank text naming no source may be searched against


@dataclass(slots=True)
class _Model:
    model: FeeModel | None
    nets: list[int]
    fees: list[int]
    prefix: list[int]
    values: list[int]  # prefix values sorted
    positions: list[int]  # the position of each sorted value


@dataclass(slots=True)
class _Run:
    bank: BankRow
    model: int
    i: int  # first item position
    j: int  # one past the last
    difference: int
    through: float = 0.0
    start_touch: bool = False
    end_touch: bool = False


class _Stream:
    def __init__(self, book: Book, provider: str, currency: str, rows: list[ItemRow]) -> None:
        rows.sort(key=lambda r: (r.item.occurred_at, r.ref))
        self.provider = provider
        self.currency = currency
        self.rows = rows
        self.days = [r.day for r in rows]
        self.bdays = [book.bday(day) for day in self.days]
        self.source: SourceProfile = book.settings.source(provider)
        self.descriptors = book.descriptors(provider)
        exponent = currency_exponent(currency)
        fee_models: Sequence[FeeModel | None] = self.source.fee_models
        if not fee_models or all(r.fee_known for r in rows):
            fee_models = (None,)
        self.models = [self._model(m, exponent) for m in fee_models]

    def _model(self, model: FeeModel | None, exponent: int) -> _Model:
        nets, fees = [], []
        known: dict[tuple[int, bool], int] = {}  # prices repeat: one fee computation per price
        for r in self.rows:
            fee = 0
            if model is not None and not r.fee_known:
                key = (r.gross, r.item.kind is ItemKind.CHARGEBACK)
                fee = known.get(key, -1)
                if fee < 0:
                    fee = known[key] = model.fee_minor(r.gross, exponent, key[1])
            nets.append(r.net - fee)
            fees.append(fee)
        prefix = [0]
        for net in nets:
            prefix.append(prefix[-1] + net)
        order = sorted(range(len(prefix)), key=lambda k: (prefix[k], k))
        return _Model(model, nets, fees, prefix, [prefix[k] for k in order], order)

    def item_range(self, bank: BankRow) -> tuple[int, int, int]:
        """(first allowed position, first and one-past-last position of a run's last item)."""
        early, late = self.source.settlement_lag
        first = bisect_left(self.bdays, bank.bday - late - self.source.settlement_days)
        last_lo = bisect_left(self.bdays, bank.bday - late)
        last_hi = bisect_right(self.bdays, bank.bday - early)
        return first, last_lo, last_hi

    def runs(
        self, bank: BankRow, tolerance: int, budget: Budget, named: tuple[date, ...] = ()
    ) -> list[_Run]:
        """Runs ending inside the lag window; first those whose last item is from the day the
        text names (or the day before), which is where a daily transfer's run ends."""
        first, last_lo, last_hi = self.item_range(bank)
        for day in named:
            lo = max(last_lo, bisect_left(self.days, day.toordinal() - 1))
            hi = min(last_hi, bisect_right(self.days, day.toordinal()))
            if lo < hi:
                found = self._runs(bank, tolerance, budget, (first, lo, hi))
                if found:
                    return found
        return self._runs(bank, tolerance, budget, (first, last_lo, last_hi))

    def _runs(
        self, bank: BankRow, tolerance: int, budget: Budget, span: tuple[int, int, int]
    ) -> list[_Run]:
        """Runs starting at `first` or later whose last item is in [last_lo, last_hi)."""
        first, last_lo, last_hi = span
        found: list[_Run] = []
        for m, model in enumerate(self.models):
            prefix, values, positions = model.prefix, model.values, model.positions
            mine: list[_Run] = []
            for j in range(last_lo + 1, last_hi + 1):
                if j & 31 == 0 and not budget.spend(32):
                    break
                want = prefix[j] - bank.minor
                lo = bisect_left(values, want - tolerance)
                hi = bisect_right(values, want + tolerance)
                for k in range(lo, hi):
                    i = positions[k]
                    if first <= i < j:
                        mine.append(_Run(bank, m, i, j, bank.minor - (prefix[j] - prefix[i])))
            mine.sort(key=lambda r: (abs(r.difference), -r.j, r.i))
            found += mine[:MAX_RUNS]
        return found


def _align(runs: list[_Run], dates: dict[int, tuple[date, ...]]) -> None:
    """Deposits are ordered by bank day, then the date their text names, then entry order."""
    ranks = [
        (
            r.bank.bday,
            dates[r.bank.index][0].toordinal() if dates[r.bank.index] else 0,
            r.bank.index,
        )
        for r in runs
    ]
    fits = chain_fits([(r.i, r.j, rank) for r, rank in zip(runs, ranks, strict=True)], GAP_COST)
    for r, fit in zip(runs, fits, strict=True):
        r.through, r.start_touch, r.end_touch = fit.through, fit.start_touch, fit.end_touch


def _best_among_overlapping(runs: list[_Run]) -> set[int]:
    """Indices of runs whose chain value no overlapping run beats."""
    order = sorted(range(len(runs)), key=lambda k: (runs[k].i, runs[k].j))
    best = [True] * len(runs)
    for pos, a in enumerate(order):
        ra = runs[a]
        for b in order[pos + 1 :]:
            rb = runs[b]
            if rb.i >= ra.j:
                break
            if rb.through > ra.through + EPSILON:
                best[a] = False
            elif ra.through > rb.through + EPSILON:
                best[b] = False
    return {k for k, ok in enumerate(best) if ok}


class Deposits:
    def __init__(self, book: Book, pool: CandidatePool, strong: Sequence[Candidate]) -> None:
        self.book = book
        self.pool = pool
        self.taken_banks = {b for c in strong for b in c.bank}
        taken = set().union(*(c.resources for c in strong)) if strong else set()
        groups: dict[tuple[str, str], list[ItemRow]] = defaultdict(list)
        acquired = book.settings.acquired()
        for it in book.free_items:
            source = book.settings.source(it.provider)
            if source.batched and not source.reference_only and it.resource not in taken:
                if it.provider in acquired and it.item.references:
                    continue  # a card payment an acquirer settles: never in the own batches
                groups[(it.provider, it.currency)].append(it)
        self.streams = [_Stream(book, p, c, rows) for (p, c), rows in sorted(groups.items())]
        # Open items of customers who pay by transfer, by name word and day (for named free
        # subsets): a bank entry looks at its own date window of each word, never all of it.
        named: dict[str, list[ItemRow]] = defaultdict(list)
        for it in book.free_items:
            source = book.settings.source(it.provider)
            if source.one_to_one and not source.reference_only and it.resource not in taken:
                for tok in set(name_tokens(it.item.customer_name or "")):
                    named[tok].append(it)
        self.named: dict[str, tuple[list[int], list[ItemRow]]] = {}
        for tok, rows in named.items():
            rows.sort(key=lambda r: (r.day, r.ref))
            self.named[tok] = ([r.day for r in rows], rows)
        # Which sources each bank-text word names (payouts' and streams' sources alike).
        self.source_words: dict[str, set[str]] = defaultdict(set)
        for provider in {p.provider for p in book.payouts} | {s.provider for s in self.streams}:
            for word in book.descriptors(provider):
                self.source_words[word].add(provider)
        self.stats = SubsetStats()
        self.dates: dict[int, tuple[date, ...]] = {}

    # -- orchestration -----------------------------------------------------------------------
    def run(self) -> SubsetStats:
        book, settings = self.book, self.book.settings
        settled = to_points(settings.settled_score)
        runs_by_stream: dict[tuple[int, int], list[_Run]] = defaultdict(list)
        searched: list[tuple[BankRow, Budget]] = []
        deposits = searches = exhausted = 0
        slowest = total = 0.0
        for bank in book.banks:
            if bank.minor <= 0 or bank.index in self.taken_banks:
                continue
            if self.pool.settled(bank.index, settled):
                continue
            budget = Budget(settings.subset_steps, settings.subset_seconds)
            self.dates[bank.index] = text_dates(bank.entry.text, bank.entry.entry_date)
            deposits += 1
            found_any = False
            for s, stream in enumerate(self._streams_for(bank)):
                searches += 1
                allowed = book.tolerance_minor(
                    stream.provider, bank.currency, bank.currency, bank.minor
                )
                for run in stream.runs(bank, allowed, budget, self.dates[bank.index]):
                    runs_by_stream[(s, run.model)].append(run)
                    found_any = True
            searched.append((bank, budget))
            if not found_any:
                searches += self._free_search(bank, budget)
            exhausted += budget.exhausted
            slowest = max(slowest, budget.elapsed)
            total += budget.elapsed
        for (s, _m), runs in sorted(runs_by_stream.items()):
            t0 = time.process_time()
            self._propose_runs(self.streams[s], runs)
            total += time.process_time() - t0
        self.stats = SubsetStats(deposits, searches, exhausted, round(slowest, 6), round(total, 6))
        return self.stats

    def _streams_for(self, bank: BankRow) -> list[_Stream]:
        """Streams in the bank's currency; only the named ones when the text names a source.

        A text naming no source is searched only in streams whose window holds few items:
        a run search costs the window's length, and a busy stream's deposits name their
        source anyway, so unnamed bank lines (decoys, transfers) would cost much and find
        nothing that could be safe.
        """
        mine = [s for s in self.streams if s.currency == bank.currency and s.models and s.rows]
        named = [s for s in mine if any(w in bank.word_set for w in s.descriptors)]
        if named:
            return named
        # A text naming another source (STRIPE, CLEARHAUS) is not one of these streams' deposits.
        if any(w in self.source_words for w in bank.word_set):
            return []
        quiet = []
        for stream in mine:
            first, _, last_hi = stream.item_range(bank)
            if last_hi - first <= UNNAMED_WINDOW:
                quiet.append(stream)
        return quiet

    # -- runs ----------------------------------------------------------------------------------
    def _propose_runs(self, stream: _Stream, runs: list[_Run]) -> None:
        _align(runs, self.dates)
        best = _best_among_overlapping(runs)
        for k, run in enumerate(runs):
            model = stream.models[run.model]
            items = stream.rows[run.i : run.j]
            fee = sum(model.fees[run.i : run.j])
            expected = run.bank.minor - run.difference
            allowed = self.book.tolerance_minor(
                stream.provider, run.bank.currency, stream.currency, run.bank.minor
            )
            said = (
                what("provider_items", count=len(items), provider=stream.provider)
                if model.model is None
                else what(
                    "provider_items_less_fees",
                    count=len(items),
                    provider=stream.provider,
                    model=model.model.describe(),
                )
            )
            amount = amount_term(W_RUN_AMOUNT, run.difference, allowed, run.bank.currency, said)
            if amount is None:
                continue
            terms = [amount]
            lag = run.bank.bday - stream.bdays[run.j - 1]
            window = stream.source.settlement_lag
            booked = date_term(W_RUN_DATE, lag, window, what("booked_after_last_item"))
            if booked is not None:
                terms.append(booked)
            named_day = self._named_day(run.bank, items)
            if named_day is not None:
                terms.append(named_day)
            described = descriptor_term(
                W_DESCRIPTOR, run.bank.word_set, stream.descriptors, stream.provider
            )
            if described is not None:
                terms.append(described)
            if k in best:
                sides = [s for s, ok in (("start", run.start_touch), ("end", run.end_touch)) if ok]
                if sides:
                    key = "sequence.both" if len(sides) == 2 else f"sequence.{sides[0]}"
                    terms.append(explained("sequence", W_ALIGNED_SIDE * len(sides), phrase(key)))
            if fee:
                said = (
                    phrase(
                        "fee.inferred_from_model",
                        fee=fee,
                        currency=stream.currency,
                        model=model.model.describe(),
                    )
                    if model.model
                    else phrase("fee.inferred_from_fee_model", fee=fee, currency=stream.currency)
                )
                terms.append(explained("fee", 0.0, said))
            self.pool.add(
                self.book.items_candidate(
                    MatchMethod.SUBSET, [run.bank], items, expected=expected, fee=fee, terms=terms
                )
            )

    def _named_day(self, bank: BankRow, items: Sequence[ItemRow]) -> ExplanationTerm | None:
        """The bank text names the day the items are from (a cut-off late that day or the
        evening before, as MobilePay's 22:00, is allowed)."""
        first, last = items[0].day, items[-1].day
        for named in self.dates.get(bank.index, ()):
            day = named.toordinal()
            if day - 1 <= first and last <= day:
                said = phrase("date.named", day=named.isoformat())
                return explained("date", W_TEXT_DATE, said)
        return None

    # -- free subset search --------------------------------------------------------------------
    def _free_search(self, bank: BankRow, budget: Budget) -> int:
        """Bounded subset-sum over a small candidate set; returns the number of searches."""
        settings = self.book.settings
        searches = 0
        named = self._named_items(bank)
        if named:
            searches += 1
            self._subsets(bank, named, budget, named=True)
        for stream in self._streams_for(bank):
            first, _, last_hi = stream.item_range(bank)
            if 2 <= last_hi - first <= settings.subset_candidates:
                searches += 1
                self._subsets(bank, stream.rows[first:last_hi], budget, named=False)
        return searches

    def _named_items(self, bank: BankRow) -> list[ItemRow]:
        lo, hi = bank.day - NAMED_DAYS[0], bank.day + NAMED_DAYS[1]
        seen: dict[str, ItemRow] = {}
        for word in bank.names.words:
            found = self.named.get(word)
            if found is None:
                continue
            days, rows = found
            first, last = bisect_left(days, lo), bisect_right(days, hi)
            if last - first > COMMON_WORD:
                continue
            for it in rows[first:last]:
                if it.currency == bank.currency:
                    seen[it.ref] = it
        rows = [
            it
            for it in seen.values()
            if name_similarity(
                name_tokens(it.item.customer_name or ""), bank.names, self.book.name_vocabulary
            )
            >= NAME_MIN
        ]
        rows.sort(key=lambda r: (abs(bank.day - r.day), r.ref))
        return rows[: self.book.settings.subset_candidates]

    def _subsets(self, bank: BankRow, rows: list[ItemRow], budget: Budget, named: bool) -> None:
        settings = self.book.settings
        rows = sorted(rows, key=lambda r: r.ref)
        allowed = max(
            self.book.tolerance_minor(r.provider, bank.currency, r.currency, bank.minor)
            for r in rows
        )
        result = find_subsets(
            [r.net for r in rows],
            bank.minor - allowed,
            bank.minor + allowed,
            max_size=settings.subset_max_items,
            max_results=settings.subset_alternatives + 1,
            budget=budget,
        )
        solutions = [s for s in result.solutions if len(s) >= 2]  # one item is layer c's job
        unique = result.complete and len(solutions) == 1
        for solution in solutions[: settings.subset_alternatives]:
            items = [rows[k] for k in solution]
            if len({(r.provider, r.currency) for r in items}) != 1:
                continue
            expected = sum(r.net for r in items)
            amount = amount_term(
                W_AMOUNT, bank.minor - expected, allowed, bank.currency,
                what("items", count=len(items)),
            )  # fmt: skip
            if amount is None:
                continue
            terms = [amount]
            source = settings.source(items[0].provider)
            lag = bank.bday - self.book.bday(max(r.day for r in items))
            window = source.transfer_lag if named else source.settlement_lag
            date = date_term(W_DATE, lag, window, what("booked_after_last_item"))
            if date is None:
                continue
            terms.append(date)
            if named:
                names = sorted({r.item.customer_name or "" for r in items})
                vocabulary = self.book.name_vocabulary
                similarity = min(
                    name_similarity(name_tokens(n), bank.names, vocabulary) for n in names
                )
                said = phrase("names", names=", ".join(names))
                terms.append(explained("name", round(W_NAME * similarity, 6), said))
            else:
                described = descriptor_term(
                    W_DESCRIPTOR, bank.word_set, self.book.descriptors(items[0].provider),
                    items[0].provider,
                )  # fmt: skip
                if described is not None:
                    terms.append(described)
            if unique:
                terms.append(explained("unique", W_UNIQUE, phrase("unique")))
            elif not result.complete:
                terms.append(explained("search", 0.0, phrase("search.budget")))
            self.pool.add(
                self.book.items_candidate(
                    MatchMethod.SUBSET, [bank], items, expected=expected, fee=0, terms=terms
                )
            )


def run(book: Book, pool: CandidatePool, strong: Sequence[Candidate]) -> SubsetStats:
    return Deposits(book, pool, strong).run()
