"""The fee a hand-made match leaves unsaid: the platform's fee model, as the matcher uses it.

A bookkeeper who matches a MobilePay transfer by hand with the payments it carries sees the
bank total fall short of the payments by MobilePay's 1 %: the platform states no fee per
payment. The matcher infers that fee for its own proposals (`Match.inferred_fee`); a manual
match or a correction gets the same, from the same fee models and tolerances, when one of the
source's fee models explains the difference to within the source's rounding tolerance. Then
the match reads `bank total = items' net - inferred_fee + difference` like an automatic one,
and posting books the fee on the platform's fee account instead of a large difference.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from econdesk.domain.model import ExplanationTerm, ItemKind, PlatformItem
from econdesk.domain.money import Money, currency_exponent
from econdesk.i18n.explain import explained, phrase
from econdesk.matching.settings import MatchSettings, allowed_difference_minor


@dataclass(frozen=True, slots=True)
class InferredFee:
    fee: Money
    model: str  # the fee model's name, for the explanation

    def term(self) -> ExplanationTerm:
        said = phrase(
            "fee.inferred_model",
            fee=self.fee.to_minor(),
            currency=self.fee.currency,
            model=self.model,
        )
        return explained("fee", 0.0, said)


def infer_fee(
    bank_total: Money, nets_total: Money, items: Sequence[PlatformItem], settings: MatchSettings
) -> InferredFee | None:
    """The fee the items' platform would have kept, when it explains `bank_total - nets_total`.

    Only items that state no fee count, and only when they all come from one platform with
    fee models; of its models the one leaving the smallest remainder within the tolerance wins.
    None when no fee is unsaid or no model fits (the difference stays a difference).
    """
    currency = bank_total.currency
    unstated = [i for i in items if i.fee is None]
    providers = {i.provider for i in unstated}
    if len(providers) != 1 or nets_total.currency != currency:
        return None
    if any(i.currency != currency for i in unstated):
        return None
    provider = providers.pop()
    models = settings.source(provider).fee_models
    if not models:
        return None
    exponent = currency_exponent(currency)
    difference = bank_total.to_minor() - nets_total.to_minor()
    allowed = allowed_difference_minor(
        settings.tolerance_for(provider, currency), currency, bank_total.to_minor()
    )
    best: tuple[int, int, str] | None = None  # (remainder, fee, model)
    for model in models:
        fee = sum(
            model.fee_minor(i.amount.to_minor(), exponent, i.kind is ItemKind.CHARGEBACK)
            for i in unstated
        )
        remainder = abs(difference + fee)
        if fee and remainder <= allowed and (best is None or remainder < best[0]):
            best = (remainder, fee, model.describe())
    if best is None:
        return None
    return InferredFee(Money.from_minor(best[1], currency), best[2])
