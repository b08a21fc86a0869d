"""Layer a: a reference in the bank text names the payout, settlement or invoice."""

from __future__ import annotations

from econdesk.domain import MatchMethod
from econdesk.i18n.explain import explained, joined
from econdesk.matching.book import BankRow, Book, ItemRow, PayoutRow
from econdesk.matching.candidates import CandidatePool
from econdesk.matching.references import Hit, ReferenceIndex
from econdesk.matching.scoring import amount_term, date_term, what
from econdesk.matching.text import tokens

W_AMOUNT = 0.30
W_DATE = 0.10
DATE_SLACK = 20  # a reference is strong enough to hold across a late booking
MAX_ITEMS = 20  # invoice numbers listed in one transfer


def build_index(book: Book) -> ReferenceIndex:
    index = ReferenceIndex()
    for p in book.payouts:
        index.add(p.external_id, p.resource)
        for word in tokens(p.descriptor):
            if len(word) >= 5 and any(c.isdigit() for c in word) and not word.isdigit():
                index.add(word, p.resource)  # "CH2400017" in "CH2400017 2026-03-05"
    singly: dict[str, bool] = {}  # per provider: its items may be paid one by one
    for it in book.free_items:
        single = singly.get(it.provider)
        if single is None:
            single = singly[it.provider] = book.settings.source(it.provider).one_to_one
        if not single:
            continue  # paid in batches: its own references never stand in a bank text
        if it.item.invoice_ref:
            index.add(it.item.invoice_ref, it.resource)
        for ref in it.item.references:
            index.add(ref, it.resource)
    return index


def run(book: Book, pool: CandidatePool) -> None:
    index = build_index(book)
    if not len(index):
        return
    nb = len(book.banks)
    for bank in book.banks:
        hits = index.scan(bank)
        if not hits:
            continue
        item_hits: list[tuple[ItemRow, Hit]] = []
        for target in sorted(hits):
            hit = hits[target]
            if target >= book.first_payout:
                book.named_payouts.setdefault(bank.index, set()).add(target)
                _payout(book, pool, bank, book.payouts[target - book.first_payout], hit)
            else:
                item = book.items[target - nb]
                item_hits.append((item, hit))
                _items(book, pool, bank, [(item, hit)])
        if 2 <= len(item_hits) <= MAX_ITEMS:
            _items(book, pool, bank, item_hits)


def _payout(book: Book, pool: CandidatePool, bank: BankRow, p: PayoutRow, hit: Hit) -> None:
    expected = book.convert(p.minor, p.currency, bank.currency, p.day)
    if expected is None:
        return
    converted = book.conversion_term(p.minor, p.currency, bank.currency, p.day)
    allowed = book.tolerance_minor(p.provider, bank.currency, p.currency, expected)
    amount = amount_term(W_AMOUNT, bank.minor - expected, allowed, bank.currency, what("payout"))
    if amount is None:
        return
    terms = [explained("reference", hit.weight, hit.said), amount]
    if converted is not None:
        terms.append(converted)
    window = (
        book.settings.source(p.provider).payout_lag
        if p.payout is not None
        else book.settings.source(p.provider).settlement_lag
    )
    date = date_term(W_DATE, bank.bday - book.bday(p.day), window, what("booked"), DATE_SLACK)
    if date is not None:
        terms.append(date)
    pool.add(book.payout_candidate(MatchMethod.REFERENCE, bank, p, expected, terms))


def _items(book: Book, pool: CandidatePool, bank: BankRow, hits: list[tuple[ItemRow, Hit]]) -> None:
    items = [hits[0][0]] if len(hits) == 1 else [it for it, _ in hits]
    first = items[0]
    currency = first.currency
    single = len(items) == 1
    if not single and any(it.currency != currency for it in items):
        return
    net = first.net if single else sum(it.net for it in items)
    expected = book.convert(net, currency, bank.currency)
    if expected is None:
        return
    provider = first.provider
    allowed = book.tolerance_minor(provider, bank.currency, currency, expected)
    said = what("payment") if single else what("payments", count=len(items))
    amount = amount_term(W_AMOUNT, bank.minor - expected, allowed, bank.currency, said)
    if amount is None:
        return
    if single:
        hit = hits[0][1]
        reference = explained("reference", hit.weight, hit.said)
    else:
        weakest = min(h.weight for _, h in hits)
        reference = explained("reference", weakest, joined(*(h.said for _, h in hits)))
    terms = [reference, amount]
    window = book.settings.source(provider).transfer_lag
    if single:
        worst = bank.bday - book.bday(first.day)
    else:
        lags = [bank.bday - book.bday(it.day) for it in items]
        worst = max(lags, key=lambda lag: max(window[0] - lag, lag - window[1], 0))
    date = date_term(W_DATE, worst, window, what("booked"), DATE_SLACK)
    if date is not None:
        terms.append(date)
    pool.add(
        book.items_candidate(
            MatchMethod.REFERENCE, [bank], items, expected=expected, fee=0, terms=terms
        )
    )
