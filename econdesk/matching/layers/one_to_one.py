"""Layer c: one bank entry is one payment (a bank transfer, a MobilePay payment, a refund).

Items are indexed by (currency, net amount) with each bucket sorted by day, so a bank entry
looks at the items of its own amount inside its date window only. Where a popular price makes
that slice a crowd (hundreds of 99 kr. payments in a week), amount and date say nothing, so
only the crowd members whose customer name shows in the bank text are scored; those come from
a name index built lazily for that bucket alone.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from operator import attrgetter

from econdesk.domain import MatchMethod
from econdesk.matching.book import BankRow, Book, ItemRow
from econdesk.matching.candidates import CandidatePool, to_points
from econdesk.matching.invoice_numbers import number_key
from econdesk.matching.scoring import (
    COMMON_WORD,
    amount_term,
    date_term,
    descriptor_term,
    name_term,
    what,
)
from econdesk.matching.text import name_similarity, name_tokens

PAYMENT = what("payment")
W_AMOUNT = 0.40
W_DATE = 0.20
W_NAME = 0.30
W_DESCRIPTOR = 0.10
# More same-amount items in the window than this: amount and date cannot tell them apart, so
# only those whose customer the bank text names are scored.
CROWD = 4
NAMED = 0.5  # name similarity that counts as naming the customer
DAYS_BEFORE = 45  # calendar days an item may precede its bank entry (outer bound)
DAYS_AFTER = 12
_by_day_ref = attrgetter("day", "ref")


class _Bucket:
    __slots__ = ("days", "names", "rows")

    def __init__(self, rows: list[ItemRow]) -> None:
        rows.sort(key=_by_day_ref)
        self.rows = rows
        self.days = [r.day for r in rows]
        self.names: dict[str, list[int]] | None = None

    def window(self, lo: int, hi: int) -> range:
        return range(bisect_left(self.days, lo), bisect_right(self.days, hi))

    def named(self, bank: BankRow, span: range, vocabulary: frozenset[str]) -> list[int]:
        """Positions in `span` whose customer the bank text names (half the name or more)."""
        if self.names is None:
            names: dict[str, list[int]] = defaultdict(list)
            for i, row in enumerate(self.rows):
                for tok in set(name_tokens(row.item.customer_name or "")):
                    names[tok].append(i)
            self.names = dict(names)
        # Letters of the text's name words each item's customer shares: a name explaining less
        # than half of them cannot reach NAMED (name_similarity), so it is not scored at all.
        shared: dict[int, int] = defaultdict(int)
        letters = 0
        for word in bank.names.words:
            if word not in vocabulary:
                continue
            letters += len(word)
            positions = self.names.get(word)
            if positions:  # ascending, so the window is a slice: no scan of the whole bucket
                lo = bisect_left(positions, span.start)
                hi = bisect_left(positions, span.stop, lo)
                if hi - lo <= COMMON_WORD:
                    for i in positions[lo:hi]:
                        shared[i] += len(word)
        found = [i for i, n in shared.items() if n >= NAMED * letters]
        similarity: dict[str, float] = {}  # per customer name: customers have many items
        named = []
        for i in found:
            name = self.rows[i].item.customer_name or ""
            if name not in similarity:
                similarity[name] = name_similarity(name_tokens(name), bank.names, vocabulary)
            if similarity[name] >= NAMED:
                named.append((-similarity[name], i))
        # The best-named few: more namesakes than that cannot make a safe match anyway, and
        # keeping them all would let the cost grow with the number of customers.
        named.sort()
        return sorted(i for _, i in named[:CROWD])


class OneToOne:
    def __init__(self, book: Book) -> None:
        self.book = book
        buckets: dict[tuple[str, int], list[ItemRow]] = defaultdict(list)
        paid_singly: dict[str, bool] = {}  # per provider
        for it in book.free_items:
            single = paid_singly.get(it.provider)
            if single is None:
                source = book.settings.source(it.provider)
                single = paid_singly[it.provider] = source.one_to_one and not source.reference_only
            if single:
                buckets[(it.currency, it.net)].append(it)
        self.buckets = {k: _Bucket(v) for k, v in buckets.items()}
        self.amounts: dict[str, list[int]] = defaultdict(list)
        for currency, net in self.buckets:
            self.amounts[currency].append(net)
        for values in self.amounts.values():
            values.sort()
        # Per currency: the widest tolerance, when it does not depend on the amount.
        self._widest: dict[str, int] = {}

    def run(self, pool: CandidatePool) -> None:
        settled = to_points(self.book.settings.settled_score)
        for bank in self.book.banks:
            if not pool.settled(bank.index, settled):
                self.match(bank, pool)

    def match(self, bank: BankRow, pool: CandidatePool) -> None:
        widest = self._widest.get(bank.currency)
        if widest is None:
            settings = self.book.settings
            widest = settings.widest_tolerance_minor(bank.currency, bank.minor)
            if settings.widest_fixed_tolerance_minor(bank.currency) is not None:
                self._widest[bank.currency] = widest  # the same for every amount
        if widest <= 0:
            amounts = [bank.minor] if (bank.currency, bank.minor) in self.buckets else []
        else:
            values = self.amounts.get(bank.currency, [])
            lo = bisect_left(values, bank.minor - widest)
            amounts = values[lo : bisect_right(values, bank.minor + widest)]
        for net in amounts:
            bucket = self.buckets[(bank.currency, net)]
            span = bucket.window(bank.day - DAYS_BEFORE, bank.day + DAYS_AFTER)
            indices: list[int] | range = span
            if len(span) > CROWD:
                indices = bucket.named(bank, span, self.book.name_vocabulary)
            for i in indices:
                self._score(bank, bucket.rows[i], pool)

    def _score(self, bank: BankRow, item: ItemRow, pool: CandidatePool) -> None:
        book = self.book
        quoted = book.quoted_invoices.get(bank.index) if book.quoted_invoices else None
        if quoted is not None and number_key(item.item.invoice_ref or "") not in quoted:
            return  # the text names an open invoice, not the one this payment paid
        source = book.settings.source(item.provider)
        allowed = book.tolerance_minor(item.provider, bank.currency, item.currency, item.net)
        amount = amount_term(W_AMOUNT, bank.minor - item.net, allowed, bank.currency, PAYMENT)
        if amount is None:
            return
        lag = bank.bday - book.bday(item.day)
        date = date_term(W_DATE, lag, source.transfer_lag, what("booked_after_payment"))
        if date is None:
            return
        terms = [amount, date]
        name = item.item.customer_name
        if name:
            similarity = name_similarity(name_tokens(name), bank.names, book.name_vocabulary)
            if similarity > 0:
                terms.append(name_term(W_NAME, name, similarity))
        described = descriptor_term(
            W_DESCRIPTOR, bank.word_set, book.descriptors(item.provider), item.provider
        )
        if described is not None:
            terms.append(described)
        pool.add(
            book.items_candidate(
                MatchMethod.ONE_TO_ONE, [bank], [item], expected=item.net, fee=0, terms=terms
            )
        )


def run(book: Book, pool: CandidatePool) -> None:
    OneToOne(book).run(pool)
