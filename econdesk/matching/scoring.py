"""The explanation terms every layer shares, and their weights, in one place.

A score is the sum of its terms' weights (clipped to [0, 1]). The weights are set so that a
layer's strongest complete evidence reaches the auto threshold (0.85 by default) and no single
kind of evidence does on its own:

    reference  full id 0.60 | cut-off id 0.50-0.60 | invoice number 0.55 | its digits 0.40
    amount     exact: 0.30 with a reference, 0.45 for a payout, 0.40 one-to-one, 0.40 subset
    date       0.10 with a reference, 0.25 payout, 0.20 one-to-one, 0.20 subset window
    descriptor 0.20 payout, 0.10 one-to-one, 0.20 subset (source named in the bank text)
    name       0.30 x name similarity (one-to-one)
    learned    at most 0.50, never counted towards auto

Terms are immutable and depend only on their arguments, so each distinct term is built once
and shared (interned): a run scores tens of thousands of candidates whose amount, date and
descriptor terms repeat, and building their texts is most of what scoring them costs.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from econdesk.domain import ExplanationTerm, Money, Phrase
from econdesk.i18n.explain import explained, phrase

W_REFERENCE_FULL = 0.60
W_REFERENCE_CUT = 0.50
W_REFERENCE_SHORT = 0.55
W_REFERENCE_DIGITS = 0.40

# Amount weights when exact; within tolerance a match gets TOLERANCE_SHARE of it.
TOLERANCE_SHARE = 0.8
DATE_SLACK = 5  # bank days outside the window over which a date term fades to nothing
PREFER_SAME_DAY = 0.002  # per bank day of lag inside the window: a tie-breaker, no more
# A name word shared by more open items than this inside one lookup's window (a trade such as
# CONSULT, a town) names nobody: looking it up would cost more as the business grows, and the
# customer is found by the rarer words of its name.
COMMON_WORD = 64


def fmt_minor(minor: int, currency: str) -> str:
    return Money.from_minor(minor, currency).format()


@lru_cache(maxsize=1 << 16)
def amount_term(
    weight: float, difference: int, allowed: int, currency: str, what: Phrase
) -> ExplanationTerm | None:
    """Exact (full weight), within tolerance (reduced) or None when outside it."""
    if difference == 0:
        return explained("amount", weight, phrase("amount.equal", what=what))
    if abs(difference) > allowed:
        return None
    said = phrase(
        "amount.within", what=what, difference=difference, allowed=allowed, currency=currency
    )
    return explained("amount", round(weight * TOLERANCE_SHARE, 6), said)


@lru_cache(maxsize=1 << 14)
def date_term(
    weight: float, lag: int, window: tuple[int, int], what: Phrase, slack: int = DATE_SLACK
) -> ExplanationTerm | None:
    """Full weight inside the window of bank days, fading outside it; None beyond `slack`.

    Inside the window each bank day away from 0 costs a token PREFER_SAME_DAY, so that of two
    otherwise equal candidates the nearer one wins, without moving anything near the margin.
    """
    lo, hi = window
    if lo <= lag <= hi:
        near = round(weight - PREFER_SAME_DAY * min(abs(lag), 4), 6)
        said = phrase("date.inside", what=what, lag=_days(lag), lo=lo, hi=hi)
        return explained("date", near, said)
    off = lo - lag if lag < lo else lag - hi
    if off > slack:
        return None
    faded = round(weight * (1 - off / (slack + 1)), 6)
    return explained("date", faded, phrase("date.outside", what=what, lag=_days(lag), lo=lo, hi=hi))


def _days(lag: int) -> Phrase:
    if lag == 0:
        return phrase("days.same")
    way = "later" if lag > 0 else "earlier"
    return phrase(f"days.{way}.one" if abs(lag) == 1 else f"days.{way}", n=abs(lag))


def what(key: str, **facts: str | int) -> Phrase:
    """What an amount or date term speaks of: phrase("what.<key>", ...)."""
    return phrase(f"what.{key}", **facts)


def descriptor_term(
    weight: float, bank_words: frozenset[str], descriptors: Iterable[str], source: str
) -> ExplanationTerm | None:
    """The source's name or statement descriptor shows in the bank text."""
    for word in descriptors:
        if word in bank_words:
            return _descriptor(weight, word, source)
    return None


@lru_cache(maxsize=1 << 12)
def _descriptor(weight: float, word: str, source: str) -> ExplanationTerm:
    return explained("descriptor", weight, phrase("descriptor", word=word, source=source))


@lru_cache(maxsize=1 << 16)
def name_term(weight: float, name: str, similarity: float) -> ExplanationTerm:
    """The customer's name shows in the bank text (`similarity` of it, in [0, 1])."""
    said = phrase("name", name=name, similarity=similarity)
    return explained("name", round(weight * similarity, 6), said)


def shorten(ref: str, keep: int = 12) -> str:
    return ref if len(ref) <= keep + 1 else ref[:keep] + "…"
