"""Layer b: a payout or settlement reaches the bank as one entry of its net amount.

For each payout: bank entries of the same amount (within tolerance; converted at the configured
rate when paid out in another currency) booked within the arrival window, scored by amount,
lag and whether the bank text names the source. Lookups go through the bank amount index.
"""

from __future__ import annotations

from econdesk.domain import MatchMethod, Phrase
from econdesk.matching.book import Book, PayoutRow
from econdesk.matching.candidates import CandidatePool
from econdesk.matching.scoring import amount_term, date_term, descriptor_term, what

W_AMOUNT = 0.45
W_DATE = 0.25
W_DESCRIPTOR = 0.20


def run(book: Book, pool: CandidatePool) -> None:
    currencies = sorted({b.currency for b in book.banks})
    for p in book.payouts:
        source = book.settings.source(p.provider)
        if source.reference_only:
            continue
        window = source.payout_lag if p.payout is not None else source.settlement_lag
        descriptors = book.descriptors(p.provider, p.descriptor)
        arrival = book.bday(p.day)
        for currency in currencies:
            expected = book.convert(p.minor, p.currency, currency, p.day)
            if expected is None:
                continue
            converted = book.conversion_term(p.minor, p.currency, currency, p.day)
            allowed = book.tolerance_minor(p.provider, currency, p.currency, expected)
            for b in book.banks_near(currency, expected, allowed):
                named = book.named_payouts.get(b)
                if named is not None and p.resource not in named:
                    continue  # the bank text names another payout: that one it is
                bank = book.banks[b]
                date = date_term(W_DATE, bank.bday - arrival, window, _what(p))
                if date is None:
                    continue
                amount = amount_term(
                    W_AMOUNT, bank.minor - expected, allowed, currency, _amount_what(p)
                )
                if amount is None:
                    continue
                terms = [amount, date] if converted is None else [amount, converted, date]
                described = descriptor_term(W_DESCRIPTOR, bank.word_set, descriptors, p.provider)
                if described is not None:
                    terms.append(described)
                pool.add(book.payout_candidate(MatchMethod.PAYOUT, bank, p, expected, terms))


def _what(p: PayoutRow) -> Phrase:
    return what("booked_after_arrival" if p.payout is not None else "booked_after_its_last_item")


def _amount_what(p: PayoutRow) -> Phrase:
    if p.payout is None:
        return what("items_naming", count=len(p.components), payout=p.external_id)
    kind = p.payout.kind.value
    return what("platform_payout", provider=p.provider, kind=kind, payout=p.external_id[:14])
