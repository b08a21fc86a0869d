"""Layer b, split: a payout that reaches the bank in two or a few parts.

A bank sometimes books one settlement as several lines on several bank days (a transfer held
over a weekend or a bank holiday, paid partly before and partly after it). When no single
bank line fits a payout inside its arrival window, this layer looks for two to `MAX_PARTS`
lines on one bank account, each inside that window and of the payout's sign, whose sum is the
payout (within its tolerance), by a bounded subset search over the few lines of the window.

Such a split is never safe unattended: the candidate needs a person, and its weights stay
below the auto threshold. Every part naming the source in its text counts, as for a payout;
without that, only the one combination of the window that fits is put forward.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from econdesk.domain import ExplanationTerm, MatchMethod, Phrase
from econdesk.i18n.explain import both, explained, phrase
from econdesk.matching.book import BankRow, Book, PayoutRow
from econdesk.matching.candidates import CandidatePool, to_points
from econdesk.matching.scoring import amount_term, date_term, descriptor_term, what
from econdesk.matching.subset_sum import Budget, find_subsets

MAX_PARTS = 3
MAX_LINES = 24  # bank lines of one window searched (the window is a few bank days)
MAX_SOLUTIONS = 3
W_AMOUNT = 0.35
W_DATE = 0.15
W_DESCRIPTOR = 0.15  # every part names the source

_Account = tuple[str, int]  # (currency, bank G/L account)


@dataclass(frozen=True, slots=True)
class _Want:
    """What one payout's parts must make on one account: `expected` within `allowed`, each
    part booked `lags` bank days from the payout's `arrival` (bank-day index)."""

    account: _Account
    expected: int
    allowed: int
    arrival: int
    lags: tuple[int, int]

    @property
    def lo(self) -> int:
        return self.arrival + self.lags[0]

    @property
    def hi(self) -> int:
        return self.arrival + self.lags[1]


class SplitArrivals:
    def __init__(self, book: Book, pool: CandidatePool) -> None:
        self.book = book
        self.pool = pool
        self.settled = to_points(book.settings.settled_score)
        # Per bank account: its lines by bank day, to slice a payout's window.
        by_account: dict[_Account, list[tuple[int, int]]] = defaultdict(list)
        for bank in book.banks:
            by_account[(bank.currency, bank.entry.account_number)].append((bank.bday, bank.index))
        self.lines = {k: sorted(v) for k, v in by_account.items()}
        self.days = {k: [d for d, _ in v] for k, v in self.lines.items()}

    def run(self) -> None:
        for p in self.book.payouts:
            source = self.book.settings.source(p.provider)
            if source.reference_only or p.payout is None:
                continue  # only a payout the platform states arrives as its own transfer
            for account in sorted(self.lines):
                self.search(p, account, source.payout_lag)

    def search(self, p: PayoutRow, account: _Account, lags: tuple[int, int]) -> None:
        book = self.book
        currency = account[0]
        expected = book.convert(p.minor, p.currency, currency, p.day)
        if expected is None or expected == 0:
            return
        arrival = book.bday(p.day)
        want = _Want(
            account,
            expected,
            book.tolerance_minor(p.provider, currency, p.currency, expected),
            arrival,
            lags,
        )
        parts = self.parts(p, want)
        if len(parts) < 2 or self.arrived_whole(want):
            return
        budget = Budget(book.settings.subset_steps, book.settings.subset_seconds)
        found = find_subsets(
            [b.minor for b in parts],
            expected - want.allowed,
            expected + want.allowed,
            max_size=MAX_PARTS,
            max_results=MAX_SOLUTIONS,
            budget=budget,
        )
        descriptors = book.descriptors(p.provider, p.descriptor)
        for solution in found.solutions:
            chosen = [parts[i] for i in solution]
            named = all(descriptor_term(0.0, b.word_set, descriptors, "") for b in chosen)
            if not named and (len(found.solutions) > 1 or not found.complete):
                continue  # amounts alone, and more than one way to make them: say nothing
            terms = self.terms(p, chosen, want, named=named)
            if terms is not None:
                self.pool.add(
                    book.payout_candidate(
                        MatchMethod.PAYOUT, chosen, p, expected, terms, needs_person=True
                    )
                )

    def parts(self, p: PayoutRow, want: _Want) -> list[BankRow]:
        """The account's lines in the window that may be a part of the payout."""
        days, lines = self.days[want.account], self.lines[want.account]
        out = []
        for _, index in lines[bisect_left(days, want.lo) : bisect_right(days, want.hi)]:
            bank = self.book.banks[index]
            if (bank.minor > 0) != (want.expected > 0) or abs(bank.minor) >= abs(want.expected):
                continue
            if self.pool.settled(index, self.settled):
                continue  # strong evidence explains the line already
            named = self.book.named_payouts.get(index)
            if named is not None and p.resource not in named:
                continue  # the text names another payout
            out.append(bank)
        return out[:MAX_LINES]

    def arrived_whole(self, want: _Want) -> bool:
        """A single line of the account inside the window is the payout: layer b's case."""
        banks = self.book.banks
        return any(
            want.lo <= banks[b].bday <= want.hi and banks[b].entry.account_number == want.account[1]
            for b in self.book.banks_near(want.account[0], want.expected, want.allowed)
        )

    def terms(
        self, p: PayoutRow, chosen: list[BankRow], want: _Want, *, named: bool
    ) -> list[ExplanationTerm] | None:
        currency = chosen[0].currency
        total = sum(b.minor for b in chosen)
        difference = total - want.expected
        amount = amount_term(W_AMOUNT, difference, want.allowed, currency, _amount_what(p))
        lag = max(b.bday for b in chosen) - want.arrival
        when = date_term(W_DATE, lag, want.lags, what("booked_after_arrival"), slack=0)
        if amount is None or when is None:
            return None
        terms = [amount, when, explained("split", 0.0, arrived_in_parts(chosen))]
        if named:
            terms.append(self._descriptor(p, chosen[0]))
        return terms

    def _descriptor(self, p: PayoutRow, bank: BankRow) -> ExplanationTerm:
        descriptors = self.book.descriptors(p.provider, p.descriptor)
        term = descriptor_term(W_DESCRIPTOR, bank.word_set, descriptors, p.provider)
        assert term is not None  # every part names the source
        return term


def arrived_in_parts(parts: list[BankRow]) -> Phrase:
    """ "arrived in 2 parts: 2,500.00 DKK on 17 May 2024 and 1,687.87 DKK on 21 May 2024"."""
    ordered = sorted(parts, key=lambda b: (b.day, b.ref))
    each = [
        phrase(
            "split.part",
            amount=b.minor,
            currency=b.currency,
            day=date.fromordinal(b.day).isoformat(),
        )
        for b in ordered
    ]
    return phrase("split.parts", count=len(parts), parts=both(*each))


def _amount_what(p: PayoutRow) -> Phrase:
    assert p.payout is not None
    kind = p.payout.kind.value
    return what("platform_payout", provider=p.provider, kind=kind, payout=p.external_id[:14])


def run(book: Book, pool: CandidatePool) -> None:
    SplitArrivals(book, pool).run()
