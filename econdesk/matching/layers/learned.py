"""Layer e: what earlier approvals taught about who is behind a bank text.

The learned memory names likely customers for a bank entry's words; their open items of the
bank amount become candidates, and candidates the other layers found for those customers get
the learned evidence added. Learned weight never counts towards `auto` (assignment.judge).
"""

from __future__ import annotations

from collections import defaultdict

from econdesk.domain import MatchMethod
from econdesk.i18n.explain import explained
from econdesk.matching.book import BankRow, Book, ItemRow
from econdesk.matching.candidates import LEARNED_TERM, CandidatePool
from econdesk.matching.learning import Evidence, LearnedMemory, customer_key, memory_words
from econdesk.matching.scoring import amount_term, date_term, what

PAYMENT = what("payment")
W_AMOUNT = 0.30
W_DATE = 0.10
TOP_CUSTOMERS = 3
WINDOW = (-10, 30)  # bank days: learned customers pay late and early


class Learned:
    def __init__(self, book: Book, memory: LearnedMemory) -> None:
        self.book = book
        self.memory = memory
        self._evidence: dict[int, list[Evidence]] = {}
        self.by_customer: dict[str, list[ItemRow]] = defaultdict(list)
        for it in book.free_items:
            key = customer_key(it.item)
            if key is not None:
                self.by_customer[key].append(it)

    def evidence(self, bank: BankRow) -> list[Evidence]:
        found = self._evidence.get(bank.index)
        if found is None:
            text = " ".join(x for x in (bank.entry.text, bank.entry.counterparty) if x)
            found = self.memory.customer_evidence(memory_words(text))[:TOP_CUSTOMERS]
            self._evidence[bank.index] = found
        return found

    def run(self, pool: CandidatePool, open_banks: list[BankRow]) -> None:
        if self.memory.empty:
            return
        for bank in open_banks:
            for ev in self.evidence(bank):
                for item in self.by_customer.get(ev.target, ()):
                    self._propose(bank, item, ev, pool)
        self._reinforce(pool)

    def _propose(self, bank: BankRow, item: ItemRow, ev: Evidence, pool: CandidatePool) -> None:
        book = self.book
        if item.currency != bank.currency:
            return
        allowed = book.tolerance_minor(item.provider, bank.currency, item.currency, item.net)
        amount = amount_term(W_AMOUNT, bank.minor - item.net, allowed, bank.currency, PAYMENT)
        if amount is None:
            return
        lag = bank.bday - book.bday(item.day)
        date = date_term(W_DATE, lag, WINDOW, what("booked_after_payment"), slack=10)
        if date is None:
            return
        terms = [explained(LEARNED_TERM, ev.weight, ev.said), amount, date]
        pool.add(
            book.items_candidate(
                MatchMethod.LEARNED, [bank], [item], expected=item.net, fee=0, terms=terms
            )
        )

    def _reinforce(self, pool: CandidatePool) -> None:
        """Add learned evidence to other layers' one-customer candidates it agrees with."""
        for c in pool.all():
            if c.method is MatchMethod.LEARNED or len(c.bank) != 1:
                continue
            if any(t.term == LEARNED_TERM for t in c.terms):
                continue
            customers = {
                customer_key(self.book.item_by_ref[r].item)
                for r in c.items
                if r in self.book.item_by_ref
            }
            if len(customers) != 1:
                continue
            (customer,) = customers
            for ev in self.evidence(self.book.banks[c.bank[0]]):
                if ev.target == customer:
                    term = explained(LEARNED_TERM, ev.weight, ev.said)
                    pool.replace(c.with_terms([term]))
                    break


def run(book: Book, pool: CandidatePool, memory: LearnedMemory, open_banks: list[BankRow]) -> None:
    Learned(book, memory).run(pool, open_banks)
