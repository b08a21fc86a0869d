"""An acquirer's fee schedule, learned from the settlements it stated: percent + fixed per
payment, fitted by least squares on earlier settlements (fees = percent × sales + fixed ×
payments). Used where a deposit of that acquirer comes with no settlement at all
(layers/unspecified.py), and always shown as inferred.

Samples are plain data (`FeeSample`), kept by the caller (the store's learned memory); the fit
is exact arithmetic on integers and Fractions, so the same samples always give the same
schedule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from econdesk.domain import ItemKind, Payout, PayoutKind, PlatformItem
from econdesk.matching.settings import FeeModel

MIN_SAMPLES = 2  # settlements needed before a schedule is trusted at all
PERCENT_PLACES = Decimal("0.001")  # percent kept to 1/1000 of a percent


@dataclass(frozen=True, slots=True)
class FeeSample:
    """One settled batch of card payments: its sales, how many, and the fees kept on them.
    Refunds cost nothing and a batch with chargebacks is no sample (their fee is another)."""

    provider: str  # the acquirer, e.g. "clearhaus"
    currency: str
    sales_minor: int
    payments: int
    fees_minor: int
    settlement: str = ""  # the settlement's ref, so one batch counts once

    def encode(self) -> str:
        return f"{self.settlement}|{self.sales_minor}|{self.payments}|{self.fees_minor}"

    @classmethod
    def decode(cls, provider: str, currency: str, text: str) -> FeeSample | None:
        parts = text.rsplit("|", 3)
        if len(parts) != 4 or not all(p.lstrip("-").isdigit() for p in parts[1:]):
            return None  # not a sample this version can read: ignored, not fatal
        return cls(provider, currency, int(parts[1]), int(parts[2]), int(parts[3]), parts[0])


@dataclass(frozen=True, slots=True)
class FeeSchedule:
    provider: str
    currency: str
    percent: Decimal  # of each payment
    fixed_minor: int  # per payment
    samples: int  # settlements it was fitted on

    def fee_minor(self, gross_minor: int, exponent: int) -> int:
        """The fee on one payment, as the acquirer computes it (rounded per payment)."""
        model = FeeModel(self.percent, Decimal(self.fixed_minor).scaleb(-exponent))
        return model.fee_minor(gross_minor, exponent)


def fit(samples: Sequence[FeeSample]) -> FeeSchedule | None:
    """The least-squares schedule of one acquirer and currency; None with too few samples or
    samples that cannot tell percent from fixed (every batch the same average payment)."""
    usable = {
        s.settlement or s.encode(): s for s in samples if s.payments > 0 and s.sales_minor > 0
    }
    rows = list(usable.values())
    if len(rows) < MIN_SAMPLES:
        return None
    # Normal equations of fees = p·G + f·n, in exact fractions.
    gg = sum(Fraction(s.sales_minor) ** 2 for s in rows)
    gn = sum(Fraction(s.sales_minor * s.payments) for s in rows)
    nn = sum(Fraction(s.payments) ** 2 for s in rows)
    gf = sum(Fraction(s.sales_minor * s.fees_minor) for s in rows)
    nf = sum(Fraction(s.payments * s.fees_minor) for s in rows)
    det = gg * nn - gn * gn
    if det == 0:
        return None
    share = Fraction(gf * nn - gn * nf) / det
    fixed = Fraction(gg * nf - gn * gf) / det
    percent = (Decimal(share.numerator) / Decimal(share.denominator) * 100).quantize(
        PERCENT_PLACES, ROUND_HALF_UP
    )
    fixed_minor = round(fixed)
    if percent < 0 or fixed_minor < 0:
        return None  # no schedule an acquirer would have
    first = rows[0]
    return FeeSchedule(first.provider, first.currency, percent, fixed_minor, len(rows))


def schedules(samples: Iterable[FeeSample]) -> tuple[FeeSchedule, ...]:
    """One fitted schedule per (acquirer, currency) that has enough samples."""
    grouped: dict[tuple[str, str], list[FeeSample]] = {}
    for s in samples:
        grouped.setdefault((s.provider, s.currency), []).append(s)
    fitted = (fit(grouped[key]) for key in sorted(grouped))
    return tuple(s for s in fitted if s is not None)


def sample_of(payout: Payout, components: Sequence[PlatformItem]) -> FeeSample | None:
    """What an acquirer's stated settlement teaches about its fees; None for anything else (a
    payout, a settlement without fees or with a chargeback, one whose payments are missing)."""
    if payout.kind is not PayoutKind.SETTLEMENT or payout.fees is None:
        return None
    if len(components) != len(payout.component_refs):
        return None
    if any(c.kind is ItemKind.CHARGEBACK or c.currency != payout.currency for c in components):
        return None
    payments = [c for c in components if c.kind is ItemKind.PAYMENT]
    if not payments:
        return None
    return FeeSample(
        payout.provider,
        payout.currency,
        sum(p.amount.to_minor() for p in payments),
        len(payments),
        abs(payout.fees.to_minor()),
        payout.ref,
    )
