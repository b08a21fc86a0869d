"""Layer g: an acquirer's deposit with no settlement at all (a Clearhaus payout whose
settlement data never arrived).

Where the bank text names an acquirer whose fee schedule was learned from its earlier
settlements (fee_schedule.py), the card payments of the gateways it settles (items carrying an
acquirer reference) are gathered by local sales day. A deposit lands `LAG` calendar days after
the day(s) it settles; for each possible span of one or two sales days, the payments, refunds
and chargebacks of those days less the schedule's fee on each payment are compared with the
deposit. A fit becomes a proposal that says which fee was inferred and from how many
settlements; it always needs a person (never auto-approved), and two fitting spans carry the
"ambiguous" term as well.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from econdesk.domain import ExplanationTerm, ItemKind, MatchMethod, currency_exponent
from econdesk.i18n.explain import explained, phrase
from econdesk.matching.book import BankRow, Book, ItemRow
from econdesk.matching.candidates import CandidatePool
from econdesk.matching.fee_schedule import FeeSchedule
from econdesk.matching.scoring import amount_term, date_term, descriptor_term, what

W_AMOUNT = 0.35
W_DATE = 0.10
W_DESCRIPTOR = 0.10
W_AMBIGUOUS = -0.30
LAG = (2, 6)  # calendar days from the last sales day to the bank's booking
SPANS = (1, 2)  # sales days one deposit may settle (a day carried forward joins the next)
DATE_WINDOW = (1, 4)  # bank days, for the date term
ROUNDING_PER_PAYMENT = 1  # minor units: a fitted percent may round one øre off per payment


def run(
    book: Book, pool: CandidatePool, fee_schedules: Sequence[FeeSchedule], banks: list[BankRow]
) -> None:
    for schedule in fee_schedules:
        source = book.settings.source(schedule.provider)
        if not source.acquires:
            continue
        by_day: dict[int, list[ItemRow]] = defaultdict(list)
        for it in book.free_items:
            if (
                it.provider in source.acquires
                and it.currency == schedule.currency
                and it.item.references
                and it.item.kind is not ItemKind.INVOICE
            ):
                by_day[it.day].append(it)
        if not by_day:
            continue
        words = book.descriptors(schedule.provider)
        for bank in banks:
            if bank.minor > 0 and bank.currency == schedule.currency:
                described = descriptor_term(W_DESCRIPTOR, bank.word_set, words, schedule.provider)
                if described is not None:
                    _propose(book, pool, schedule, bank, by_day=by_day, terms=[described])


def _spans(bank: BankRow, by_day: dict[int, list[ItemRow]]) -> list[list[int]]:
    """The sales days a deposit booked on the bank's day may settle: one day, or two adjacent
    days with sales (the earlier one carried forward)."""
    days = sorted(d for d in by_day if LAG[0] <= bank.day - d <= LAG[1])
    out = [[d] for d in days]
    for d in days:
        earlier = [e for e in by_day if 1 <= d - e <= 3]
        if earlier and 2 in SPANS:
            out.append([max(earlier), d])
    return out


def _propose(
    book: Book,
    pool: CandidatePool,
    schedule: FeeSchedule,
    bank: BankRow,
    *,
    by_day: dict[int, list[ItemRow]],
    terms: list[ExplanationTerm],
) -> None:
    exponent = currency_exponent(schedule.currency)
    fits = []
    for span in _spans(bank, by_day):
        rows = [r for d in span for r in by_day[d]]
        payments = [r for r in rows if r.item.kind is ItemKind.PAYMENT]
        if not payments:
            continue
        fee = sum(schedule.fee_minor(r.gross, exponent) for r in payments)
        expected = sum(r.net for r in rows) - fee
        allowed = book.tolerance_minor(schedule.provider, bank.currency, bank.currency, expected)
        allowed += ROUNDING_PER_PAYMENT * len(payments)
        amount = amount_term(
            W_AMOUNT, bank.minor - expected, allowed, bank.currency, what("items", count=len(rows))
        )
        if amount is not None:
            fits.append((span, rows, payments, fee, expected, amount))
    unspecified = phrase("breakdown.unspecified", provider=schedule.provider)
    ambiguous = explained("ambiguous", W_AMBIGUOUS, phrase("spans.ambiguous", count=len(fits)))
    for span, rows, payments, fee, expected, amount in fits:
        said = phrase(
            "fee.inferred_schedule",
            provider=schedule.provider,
            fee=fee,
            currency=bank.currency,
            percent=str(schedule.percent),
            fixed=schedule.fixed_minor,
            samples=schedule.samples,
            payments=len(payments),
        )
        found = [
            *terms,
            amount,
            explained("fee", 0.0, said),
            explained("breakdown", 0.0, unspecified),
        ]
        lag = bank.bday - book.bday(max(span))
        date = date_term(W_DATE, lag, DATE_WINDOW, what("booked_after_last_item"))
        if date is not None:
            found.append(date)
        if len(fits) > 1:
            found.append(ambiguous)
        pool.add(
            book.items_candidate(
                MatchMethod.SUBSET, [bank], rows, expected=expected, fee=fee, terms=found,
                needs_person=True,
            )
        )  # fmt: skip
