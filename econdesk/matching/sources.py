"""What econdesk knows out of the box about the sources it connects to.

These are starting points a config overrides per key (see MatchSettings.sources):

- stripe: payouts carry their breakdown and per-item fees; the bank shows "STRIPE".
- clearhaus: settlements (from the settlement report) carry sales, fees and a reference
  number such as CH2400017 that the bank text repeats.
- frisbii: card payments settle through the acquirer (a Clearhaus settlement), MobilePay
  Subscriptions payments come in one daily transfer less the MobilePay fee, and Frisbii states
  no fee per item; nothing is paid to the bank one by one.
- chargebee: invoices paid by bank transfer, one transfer per payment, often quoting the
  invoice number; no fees.
- mobilepay: MobilePay's own transfers.

Fee models are the merchant's agreement, not a fact about the platform: the defaults below
are list prices and belong in the config when they differ.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Final

from econdesk.matching.settings import FeeModel, MatchSettings, SourceProfile

MOBILEPAY_SUBSCRIPTIONS: Final = FeeModel(Decimal(1), name="MobilePay Subscriptions 1 %")

DEFAULT_SOURCES: Final[Mapping[str, SourceProfile]] = {
    "stripe": SourceProfile(descriptors=("STRIPE",), one_to_one=False, batched=False),
    "clearhaus": SourceProfile(
        descriptors=("CLEARHAUS",), one_to_one=False, batched=False, acquires=("frisbii",)
    ),
    "frisbii": SourceProfile(
        descriptors=("MOBILEPAY", "FRISBII", "REEPAY"),
        fee_models=(MOBILEPAY_SUBSCRIPTIONS,),
        one_to_one=False,
        batched=True,
    ),
    "chargebee": SourceProfile(one_to_one=True, batched=False),
    "mobilepay": SourceProfile(
        descriptors=("MOBILEPAY",), fee_models=(MOBILEPAY_SUBSCRIPTIONS,), one_to_one=False
    ),
}


def default_settings(overrides: Mapping[str, SourceProfile] | None = None) -> MatchSettings:
    """MatchSettings with the built-in source profiles, `overrides` replacing whole profiles."""
    return MatchSettings(sources={**DEFAULT_SOURCES, **(overrides or {})})
