"""Layer f (run before layer c): a transfer pays an open invoice (Frisbii pending or
dunning, Chargebee payment due).

Two kinds of evidence, each its own candidate:

- the bank text quotes the invoice's number however the payer wrote it
  (matching/invoice_numbers.py), and the amount is what is open: method REFERENCE;
- no number (or only numbers of invoices that ask another amount: a payer's slip), but the
  amount is exactly what one open invoice asks and the text names that invoice's customer:
  method ONE_TO_ONE, never approved unattended.

Only money in counts (a supplier's "fakt. 45148" on a payment out is not ours). When two open
invoices fit one transfer, each candidate carries the "ambiguous" term, which keeps it below
the auto threshold: a person chooses. A part payment (less than is open) of a platform's invoice
is left to a person. Of e-conomic's own invoices, whose payment is booked as what was paid
(domain/invoices.py), a transfer quoting the number after a word for "invoice" is proposed
even when it pays less (the rest stays open) or more (the excess is the customer's credit);
such a proposal is never approved unattended.
The numbers a text quotes after a word for "invoice" are kept (`Book.quoted_invoices`): layer c
then leaves out payments of other invoices for that transfer, which the text contradicts.
"""

from __future__ import annotations

from collections import defaultdict

from econdesk.domain import ExplanationTerm, MatchMethod
from econdesk.domain.invoices import pays_what_was_paid
from econdesk.i18n.explain import explained, phrase
from econdesk.matching.book import BankRow, Book, ItemRow
from econdesk.matching.candidates import CandidatePool
from econdesk.matching.invoice_numbers import Quoted, number_key, quoted_numbers
from econdesk.matching.scoring import (
    W_REFERENCE_DIGITS,
    W_REFERENCE_SHORT,
    amount_term,
    date_term,
    name_term,
    what,
)
from econdesk.matching.text import name_similarity, name_tokens

W_NUMBER = W_REFERENCE_SHORT  # the number after a word for "invoice"
W_BARE = W_REFERENCE_DIGITS  # the number alone: never enough for auto with amount and date
W_AMOUNT = 0.30
W_DATE = 0.10
# Amount and name, no number: at most 0.70, never auto, and far enough below layer c's
# transfer (0.90) that a payment the platform recorded, of the same amount by the same
# customer, wins and stays safe to approve unattended (the auto margin is 0.15).
W_AMOUNT_ALONE = 0.30
W_NAME = 0.30
W_DATE_ALONE = 0.10
W_OTHER_AMOUNT = 0.10  # a part payment or overpayment of an e-conomic invoice
W_AMBIGUOUS = -0.30  # two invoices fit: keeps each below the auto threshold
PAID_WITHIN = (-2, 60)  # bank days from the invoice to its payment (dunning takes a while)
DATE_SLACK = 40
KNOWN_PAYER = 0.75  # name similarity that makes the payer the invoice's customer
OPEN_INVOICE = what("open_invoice")


class _Index:
    def __init__(self, book: Book) -> None:
        self.by_number: dict[str, list[ItemRow]] = defaultdict(list)
        self.by_amount: dict[tuple[str, int], list[ItemRow]] = defaultdict(list)
        for it in book.open_invoices:
            keys = {number_key(r) for r in (it.item.invoice_ref or "", *it.item.references)}
            for key in sorted(k for k in keys if k):
                self.by_number[key].append(it)
            self.by_amount[(it.currency, it.net)].append(it)


def run(book: Book, pool: CandidatePool) -> None:
    if not book.open_invoices:
        return
    index = _Index(book)
    for bank in book.banks:
        if bank.minor <= 0:
            continue
        text = " ".join(x for x in (bank.entry.text, bank.entry.counterparty) if x)
        hits = _number_hits(index, quoted_numbers(text, bank.minor))
        named = {q.key for _, q in hits if q.named}
        if named:
            book.quoted_invoices[bank.index] = frozenset(named)
        fitted = _numbered(book, pool, bank, hits) if hits else 0
        if not fitted:  # no number, or a number whose invoice asks another amount (a slip)
            _by_amount_and_name(book, pool, bank, index.by_amount.get((bank.currency, bank.minor)))


def _number_hits(index: _Index, quoted: tuple[Quoted, ...]) -> list[tuple[ItemRow, Quoted]]:
    """Open invoices whose number the text quotes; numbers after an invoice word only, if
    there are any such."""
    named = [q for q in quoted if q.named and q.key in index.by_number]
    chosen = named or [q for q in quoted if q.key in index.by_number]
    hits: dict[str, tuple[ItemRow, Quoted]] = {}
    for q in chosen:
        for it in index.by_number[q.key]:
            hits.setdefault(it.ref, (it, q))
    return list(hits.values())


def _numbered(
    book: Book, pool: CandidatePool, bank: BankRow, hits: list[tuple[ItemRow, Quoted]]
) -> int:
    """Candidates for the quoted invoices whose open amount the transfer pays; how many."""
    fitting = []
    for it, q in hits:
        if it.currency != bank.currency:
            continue
        allowed = book.tolerance_minor(it.provider, bank.currency, it.currency, it.net)
        amount = amount_term(W_AMOUNT, bank.minor - it.net, allowed, bank.currency, OPEN_INVOICE)
        other = amount is None and q.named and pays_what_was_paid(it.provider)
        if other:
            amount = _other_amount(bank, it)
        if amount is not None:
            fitting.append((it, q, amount, other))
    for it, q, amount, other in fitting:
        key = "reference.invoice" if q.named else "reference.invoice_bare"
        said = phrase(key, word=q.written, ref=it.item.invoice_ref or it.ref)
        terms = [explained("reference", W_NUMBER if q.named else W_BARE, said), amount]
        _add(
            book, pool, MatchMethod.REFERENCE, bank, it,
            terms=terms, rivals=len(fitting), date_weight=W_DATE,
            expected=bank.minor if other else it.net, needs_person=other,
        )  # fmt: skip
    return len(fitting)


def _other_amount(bank: BankRow, it: ItemRow) -> ExplanationTerm:
    """A transfer of another amount than is open on an e-conomic invoice it names: booked as
    what was paid, the rest stays open or the excess is the customer's credit."""
    ref = it.item.invoice_ref or it.ref
    if bank.minor < it.net:
        said = phrase(
            "invoice.part_payment", paid=bank.minor, open=it.net, rest=it.net - bank.minor,
            currency=bank.currency, ref=ref,
        )  # fmt: skip
    else:
        said = phrase(
            "invoice.overpayment", paid=bank.minor, open=it.net, excess=bank.minor - it.net,
            currency=bank.currency, customer=it.item.customer_id or "?",
        )  # fmt: skip
    return explained("amount", W_OTHER_AMOUNT, said)


def _by_amount_and_name(
    book: Book, pool: CandidatePool, bank: BankRow, same_amount: list[ItemRow] | None
) -> None:
    if not same_amount:
        return
    named = []
    for it in same_amount:
        name = it.item.customer_name
        if not name or it.day > bank.day + 3:
            continue
        similarity = name_similarity(name_tokens(name), bank.names, book.name_vocabulary)
        if similarity >= KNOWN_PAYER:
            named.append((it, name, similarity))
    for it, name, similarity in named:
        amount = explained("amount", W_AMOUNT_ALONE, phrase("amount.equal", what=OPEN_INVOICE))
        terms = [amount, name_term(W_NAME, name, similarity)]
        _add(
            book, pool, MatchMethod.ONE_TO_ONE, bank, it,
            terms=terms, rivals=len(named), date_weight=W_DATE_ALONE,
        )  # fmt: skip


def _add(
    book: Book,
    pool: CandidatePool,
    method: MatchMethod,
    bank: BankRow,
    it: ItemRow,
    *,
    terms: list[ExplanationTerm],
    rivals: int,
    date_weight: float,
    expected: int | None = None,
    needs_person: bool = False,
) -> None:
    lag = bank.bday - book.bday(it.day)
    date = date_term(date_weight, lag, PAID_WITHIN, what("booked_after_invoice"), DATE_SLACK)
    if date is None:
        return
    terms.append(date)
    if rivals > 1:
        terms.append(explained("ambiguous", W_AMBIGUOUS, phrase("invoice.ambiguous", count=rivals)))
    pool.add(
        book.items_candidate(
            method, [bank], [it], expected=it.net if expected is None else expected, fee=0,
            terms=terms, needs_person=needs_person,
        )
    )  # fmt: skip
