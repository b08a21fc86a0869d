"""Hypothesis strategies: random approved matches that the voucher builder must post."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from hypothesis import strategies as st

from econdesk.accounting.vouchers import MatchMaterial, PostingProfile, PostingSettings
from econdesk.domain.model import BankEntryOrigin, ItemKind, Mappings, PlatformItem, Tolerance
from econdesk.domain.money import Money, money_sum
from tests.accounting.samples import BANK, MAPPINGS, approved, bank_entry, item

CURRENCIES = ["DKK", "EUR", "SEK", "JPY"]
FALLBACK_RATE = Decimal("123.456789")
PLANS = ["gold", "eu-b2b", "unknown-plan", None]
CUSTOMERS = [None, None, "cus_ACME"]


@st.composite
def platform_items(draw: st.DrawFn, currency: str) -> list[PlatformItem]:
    n = draw(st.integers(min_value=1, max_value=12))
    result: list[PlatformItem] = []
    for i in range(n):
        kind = draw(
            st.sampled_from(
                [ItemKind.PAYMENT] * 5
                + [ItemKind.REFUND, ItemKind.CHARGEBACK, ItemKind.FEE, ItemKind.ADJUSTMENT]
            )
        )
        minor = draw(st.integers(min_value=1, max_value=5_000_000))
        amount = Money.from_minor(minor, currency)
        if kind is not ItemKind.PAYMENT and (
            kind is not ItemKind.ADJUSTMENT or draw(st.booleans())
        ):
            amount = -amount
        fee = None
        if kind in (ItemKind.PAYMENT, ItemKind.CHARGEBACK) and draw(st.booleans()):
            fee = Money.from_minor(draw(st.integers(0, max(1, minor // 20))), currency)
        result.append(
            dataclasses.replace(
                item(
                    f"it_{i}",
                    kind,
                    "0",
                    currency=currency,
                    plan=draw(st.sampled_from(PLANS)),
                    customer=draw(st.sampled_from(CUSTOMERS)),
                ),
                amount=amount,
                fee=fee,
            )
        )
    return result


@st.composite
def materials(draw: st.DrawFn) -> tuple[MatchMaterial, Mappings, PostingSettings]:
    currency = draw(st.sampled_from(CURRENCIES))
    items = draw(platform_items(currency))
    net = money_sum((i.net for i in items), currency)
    # An allowed difference of a few minor units (within the 1.00 DKK tolerance in samples).
    diff_minor = draw(st.integers(min_value=-9, max_value=9))
    deposit = net + Money.from_minor(diff_minor, currency)
    profile = draw(st.sampled_from(list(PostingProfile)))
    origin = BankEntryOrigin.FILE if profile is PostingProfile.DIRECT else BankEntryOrigin.BOOKED
    base = None
    if currency != "DKK":
        rate = Decimal(draw(st.integers(min_value=1_000, max_value=90_000_000))) / 100_000
        base = Money(deposit.amount * rate / 100, "DKK").rounded()
        if deposit.is_zero() or base.is_zero() or (base.amount > 0) != (deposit.amount > 0):
            base = None  # a rate the bank amount cannot imply; the settings rate is used
    n = draw(st.integers(min_value=0, max_value=10**6))
    entry = bank_entry(
        f"{n}",
        f"{deposit.amount}",
        currency=currency,
        base=f"{base.amount}" if base is not None else None,
        origin=origin,
    )
    material = approved(f"m-{n:06d}", [entry], items)
    rates = dict.fromkeys(CURRENCIES, FALLBACK_RATE)
    settings = PostingSettings(profile, journal=1, bank_account=BANK, exchange_rates=rates)
    # The tolerance admits the drawn difference: up to 10 minor units of the deposit currency.
    mappings = dataclasses.replace(
        MAPPINGS, tolerances={"stripe": Tolerance(Money.from_minor(10, currency))}
    )
    return material, mappings, settings
