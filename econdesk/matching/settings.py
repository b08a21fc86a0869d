"""How the matcher is tuned: per source (tolerance, fee model, lags, descriptors) and overall.

Every number here is a default a bookkeeper can override in the config; none is a hidden
constant in a layer. Day windows are counted in Danish bank days (business_days.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from econdesk.domain import Tolerance, currency_exponent
from econdesk.domain.model import DEFAULT_TOLERANCES


@dataclass(frozen=True, slots=True)
class FeeModel:
    """What a platform keeps per item when it does not state fees per item.

    Per payment: `percent` of the amount rounded half up to the minor unit, plus `fixed`;
    per chargeback: `chargeback`; refunds cost nothing. `fixed` and `chargeback` are in the
    item currency's major unit (0.25 = 25 øre or 25 cents). MobilePay Subscriptions keeps
    1 %; a Clearhaus card agreement might keep 1.45 % + 0.25.
    """

    percent: Decimal = Decimal(0)
    fixed: Decimal = Decimal(0)
    chargeback: Decimal = Decimal(0)
    name: str = ""

    def fee_minor(self, gross_minor: int, exponent: int, chargeback: bool = False) -> int:
        """The fee on one item of `gross_minor` (signed, merchant's side)."""
        if chargeback:
            return int(self.chargeback.scaleb(exponent).to_integral_value(ROUND_HALF_UP))
        if gross_minor <= 0:
            return 0
        scaled = (Decimal(gross_minor) * self.percent / Decimal(100)).to_integral_value(
            ROUND_HALF_UP
        )
        return int(scaled) + int(self.fixed.scaleb(exponent).to_integral_value(ROUND_HALF_UP))

    def describe(self) -> str:
        return self.name or f"{self.percent} % + {self.fixed}"


@dataclass(frozen=True, slots=True)
class SourceProfile:
    """What the matcher knows about one billing platform or acquirer."""

    # Words that show this source in the bank text ("STRIPE", "CLEARHAUS", "MOBILEPAY").
    descriptors: tuple[str, ...] = ()
    # Allowed differences between the bank amount and the items' net (rounding), one per
    # currency (picked by the currency of `fixed`); none for a currency: the settings' own.
    tolerances: tuple[Tolerance, ...] = ()
    # Fee models to try for items whose fees the source does not state (deposit layer).
    fee_models: tuple[FeeModel, ...] = ()
    # Its items may reach the bank one by one (a bank transfer per invoice) ...
    one_to_one: bool = True
    # ... and/or gathered into deposits that the platform gives no payout object for.
    batched: bool = True
    # Bank days from a payout's arrival date to the bank's booking date (early, late).
    payout_lag: tuple[int, int] = (-1, 3)
    # Bank days from a single payment to its bank line (bank transfers, MobilePay).
    transfer_lag: tuple[int, int] = (-2, 5)
    # Bank days from the last item of a deposit to the deposit, and how many bank days of
    # items one deposit may gather (a Monday deposit holds Friday to Sunday).
    settlement_lag: tuple[int, int] = (1, 3)
    settlement_days: int = 4
    # Only reference evidence may match this source (no amount-only guesses).
    reference_only: bool = False
    # An acquirer: the gateways whose card payments it settles ("frisbii" for Clearhaus). A
    # deposit of it with no settlement is proposed from their payments (layers/unspecified.py).
    acquires: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MatchSettings:
    sources: Mapping[str, SourceProfile] = field(default_factory=dict)
    default_source: SourceProfile = field(default_factory=SourceProfile)
    # Used when a source has none for the currency; picked by the currency of `fixed`.
    tolerances: tuple[Tolerance, ...] = DEFAULT_TOLERANCES
    # A proposal is safe to approve without a person at this score or above, when no other
    # candidate for the same bank entry or items comes within `auto_margin` of it.
    auto_threshold: float = 0.85
    auto_margin: float = 0.15
    # Layers c-e are skipped for a bank entry that already has a candidate this strong.
    settled_score: float = 0.85
    # Value of one unit of a foreign currency in the bank account's currency, for payouts paid
    # out in another currency; the conversion may be off by `fx_tolerance_percent`.
    fx_rates: Mapping[str, Decimal] = field(default_factory=dict)
    fx_tolerance_percent: Decimal = Decimal("1.5")
    # The published rate of a day, when known: (currency, bank currency, date ordinal) ->
    # (value of one unit in the bank currency, where it was published). A payout is converted
    # at its arrival day's rate (services/matching.py fills it from the rates service).
    fx_daily: Mapping[tuple[str, str, int], tuple[Decimal, str]] = field(default_factory=dict)
    timezone: str = "Europe/Copenhagen"
    # Subset search per deposit: candidate items considered, items per subset, alternatives
    # kept, deterministic work budget (steps) and a CPU-time safety cap.
    subset_candidates: int = 48
    subset_max_items: int = 20
    subset_alternatives: int = 3
    subset_steps: int = 40_000
    subset_seconds: float = 0.05
    # Conflict groups of at most this many candidates are assigned optimally (largest total
    # score); larger ones greedily by score. 0: always greedy.
    exact_assignment_limit: int = 0

    def acquired(self) -> frozenset[str]:
        """Gateways an acquirer settles card payments for (their items with an acquirer
        reference reach the bank in its settlements, not in the gateway's own transfers)."""
        return frozenset(g for s in self.sources.values() for g in s.acquires)

    def source(self, provider: str) -> SourceProfile:
        return self.sources.get(provider, self.default_source)

    def tolerance_for(self, provider: str, currency: str) -> Tolerance | None:
        for tolerance in (*self.source(provider).tolerances, *self.tolerances):
            if tolerance.fixed.currency == currency:
                return tolerance
        return None

    def widest_tolerance_minor(self, currency: str, base_minor: int) -> int:
        """The most any source allows for an amount (to size index lookups)."""
        return max(
            (allowed_difference_minor(t, currency, base_minor) for t in self._all_tolerances()),
            default=0,
        )

    def widest_fixed_tolerance_minor(self, currency: str) -> int | None:
        """widest_tolerance_minor() for any amount when no tolerance in `currency` has a
        percentage (then the amount does not matter); None when one has."""
        tolerances = self._all_tolerances()
        if any(t.percent for t in tolerances if t.fixed.currency == currency):
            return None
        return self.widest_tolerance_minor(currency, 0)

    def _all_tolerances(self) -> list[Tolerance]:
        tolerances = [*self.tolerances]
        for profile in (self.default_source, *self.sources.values()):
            tolerances += profile.tolerances
        return tolerances


def allowed_difference_minor(tolerance: Tolerance | None, currency: str, base_minor: int) -> int:
    """The tolerance in minor units of `currency` for an amount of `base_minor`."""
    if tolerance is None or tolerance.fixed.currency != currency:
        return 0
    exponent = currency_exponent(currency)
    fixed = int(tolerance.fixed.amount.scaleb(exponent).to_integral_value(ROUND_FLOOR))
    percent = Decimal(abs(base_minor)) * tolerance.percent / Decimal(100)
    return fixed + int(percent.to_integral_value(ROUND_FLOOR))
