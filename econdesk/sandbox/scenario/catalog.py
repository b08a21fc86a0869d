"""The business being simulated: its plans, payment channels and what each channel charges.

A Danish subscription company sells a consumer product (Basis, Plus, Pro) paid by card
through Frisbii with Clearhaus as acquirer, by MobilePay Subscriptions through Frisbii, or
through Stripe (DKK and EUR); a second, business product line (Team, per seat) is billed in
Chargebee and paid by bank transfer against the invoice.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal

from econdesk.domain.money import Money


class Channel(enum.IntEnum):
    """How a customer pays; decides the provider and how the money reaches the bank."""

    FRISBII_CARD = 0  # Frisbii invoice, card via Clearhaus: daily settlement less fees
    FRISBII_MOBILEPAY = 1  # Frisbii invoice, MobilePay Subscriptions: one daily transfer
    STRIPE = 2  # Stripe Billing: balance transactions grouped into payouts
    CHARGEBEE = 3  # Chargebee invoice paid by bank transfer: one deposit per payment

    @property
    def provider(self) -> str:
        return _PROVIDER[self]

    @property
    def payment_type(self) -> str:
        """Frisbii's `payment_type` (and the equivalent word elsewhere)."""
        return _PAYMENT_TYPE[self]


_PROVIDER = {
    Channel.FRISBII_CARD: "frisbii",
    Channel.FRISBII_MOBILEPAY: "frisbii",
    Channel.STRIPE: "stripe",
    Channel.CHARGEBEE: "chargebee",
}
_PAYMENT_TYPE = {
    Channel.FRISBII_CARD: "card",
    Channel.FRISBII_MOBILEPAY: "mobilepay_subscriptions",
    Channel.STRIPE: "card",
    Channel.CHARGEBEE: "bank_transfer",
}

CURRENCIES = ("DKK", "EUR")  # index stored per customer and transaction
DKK, EUR = 0, 1

# Share of customers per (channel, currency); the Team line is a minority of B2B customers.
CHANNEL_MIX: tuple[tuple[Channel, int, float], ...] = (
    (Channel.FRISBII_CARD, DKK, 0.58),
    (Channel.FRISBII_MOBILEPAY, DKK, 0.17),
    (Channel.STRIPE, DKK, 0.10),
    (Channel.STRIPE, EUR, 0.06),
    (Channel.CHARGEBEE, DKK, 0.09),
)


@dataclass(frozen=True, slots=True)
class Plan:
    id: str  # the plan handle on every platform
    name: str
    price_minor: int  # incl. VAT, per seat for per-seat plans
    currency: str
    interval: str  # "month" or "year"
    product_line: str  # "consumer" or "team"
    vat_percent: int = 25
    per_seat: bool = False

    @property
    def price(self) -> Money:
        return Money.from_minor(self.price_minor, self.currency)

    @property
    def vat_rate(self) -> Decimal:
        return Decimal(self.vat_percent) / 100


PLANS: tuple[Plan, ...] = (
    Plan("basis-maaned", "Basis (måned)", 9_900, "DKK", "month", "consumer"),
    Plan("plus-maaned", "Plus (måned)", 14_900, "DKK", "month", "consumer"),
    Plan("pro-maaned", "Pro (måned)", 29_900, "DKK", "month", "consumer"),
    Plan("pro-aar", "Pro (år)", 124_900, "DKK", "year", "consumer"),
    Plan("basis-maaned-eur", "Basis (month, EUR)", 1_350, "EUR", "month", "consumer"),
    Plan("plus-maaned-eur", "Plus (month, EUR)", 1_990, "EUR", "month", "consumer"),
    Plan("pro-maaned-eur", "Pro (month, EUR)", 3_990, "EUR", "month", "consumer"),
    Plan("pro-aar-eur", "Pro (year, EUR)", 16_900, "EUR", "year", "consumer"),
    Plan("team-maaned", "Team pr. bruger (måned)", 14_900, "DKK", "month", "team", per_seat=True),
    Plan("team-aar", "Team pr. bruger (år)", 149_000, "DKK", "year", "team", per_seat=True),
)
PLAN_INDEX = {plan.id: i for i, plan in enumerate(PLANS)}

# Which plans each kind of customer picks, with weights.
CONSUMER_DKK_PLANS = ((0, 0.36), (1, 0.30), (2, 0.20), (3, 0.14))
CONSUMER_EUR_PLANS = ((4, 0.30), (5, 0.30), (6, 0.26), (7, 0.14))
TEAM_PLANS = ((8, 0.82), (9, 0.18))


def vat_of(gross_minor: int, vat_percent: int) -> int:
    """The VAT inside an amount incl. VAT, rounded half up in minor units (25 %: a fifth)."""
    sign = -1 if gross_minor < 0 else 1
    gross = abs(gross_minor)
    net = (gross * 100 * 2 + (100 + vat_percent)) // ((100 + vat_percent) * 2)
    return sign * (gross - net)


@dataclass(frozen=True, slots=True)
class FeeModel:
    """What a channel keeps per transaction: basis points of the amount (half up) + fixed."""

    name: str
    percent_bp: int  # 145 = 1.45 %
    fixed_minor: dict[str, int]
    chargeback_minor: dict[str, int]
    refund_fee: bool = False

    def sale_fee(self, amount_minor: int, currency: str) -> int:
        return (amount_minor * self.percent_bp + 5_000) // 10_000 + self.fixed_minor[currency]

    def describe(self) -> str:
        fixed = ", ".join(f"{Money.from_minor(v, c)}" for c, v in self.fixed_minor.items())
        return f"{self.name}: {Decimal(self.percent_bp) / 100} % + {fixed} per sale"


FEE_MODELS: dict[Channel, FeeModel] = {
    Channel.FRISBII_CARD: FeeModel("Clearhaus", 145, {"DKK": 25}, {"DKK": 7_500}),
    Channel.FRISBII_MOBILEPAY: FeeModel("MobilePay Subscriptions", 100, {"DKK": 0}, {"DKK": 0}),
    Channel.STRIPE: FeeModel("Stripe", 150, {"DKK": 180, "EUR": 25}, {"DKK": 11_000, "EUR": 1_500}),
    Channel.CHARGEBEE: FeeModel("Bank transfer", 0, {"DKK": 0}, {"DKK": 0}),
}
