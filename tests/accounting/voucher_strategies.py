"""Hypothesis strategies: random approved matches that the voucher builder must post."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from hypothesis import strategies as st

from econdesk.accounting.vouchers import MatchMaterial, PostingProfile, PostingSettings
from econdesk.domain.model import (
    BankEntryOrigin,
    ItemKind,
    Mappings,
    PlatformItem,
    ProviderMapping,
    Tolerance,
)
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
    # Sometimes a fee the matcher inferred (a platform that states none per item): the deposit
    # is then that much smaller, and the voucher must book it as a fee, not as a difference.
    gross_minor = sum(i.amount.to_minor() for i in items if i.kind is ItemKind.PAYMENT)
    inferred_minor = draw(st.none() | st.integers(min_value=1, max_value=max(1, gross_minor // 20)))
    inferred = None if inferred_minor is None else Money.from_minor(inferred_minor, currency)
    # An allowed difference of a few minor units (within the 1.00 DKK tolerance in samples).
    diff_minor = draw(st.integers(min_value=-9, max_value=9))
    deposit = net - (inferred or Money.zero(currency)) + Money.from_minor(diff_minor, currency)
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
    if currency != "DKK" and draw(st.booleans()):
        # each sale worth its own date's rate (sale_value.py): a realised exchange difference
        day_rate = st.integers(min_value=1_000, max_value=90_000_000).map(
            lambda r: Decimal(r) / 100_000
        )
        material = dataclasses.replace(material, sale_rates={i.ref: draw(day_rate) for i in items})
    if inferred is not None:
        match = material.match
        material = dataclasses.replace(
            material,
            match=dataclasses.replace(
                match, inferred_fee=inferred, difference=match.difference + inferred
            ),
        )
    rates = dict.fromkeys(CURRENCIES, FALLBACK_RATE)
    settings = PostingSettings(profile, journal=1, bank_account=BANK, exchange_rates=rates)
    # The tolerance admits the drawn difference: up to 10 minor units of the deposit currency.
    mappings = dataclasses.replace(
        MAPPINGS, tolerances={"stripe": Tolerance(Money.from_minor(10, currency))}
    )
    return material, mappings, settings


# A platform whose items state no fee (MobilePay), with its own clearing and fee accounts.
MOBILEPAY_CLEARING, MOBILEPAY_FEES = 5831, 7221
MOBILEPAY_TOLERANCE = Tolerance(Money.of("0.10", "DKK"))
MOBILEPAY_MAPPINGS = dataclasses.replace(
    MAPPINGS,
    providers=(
        *MAPPINGS.providers,
        ProviderMapping("mobilepay", MOBILEPAY_CLEARING, MOBILEPAY_FEES),
    ),
    tolerances={**MAPPINGS.tolerances, "mobilepay": MOBILEPAY_TOLERANCE},
)


@st.composite
def inferred_fee_deposits(draw: st.DrawFn) -> tuple[MatchMaterial, Mappings, PostingSettings]:
    """A MobilePay daily transfer as the matcher proposes it: payments (and perhaps a refund)
    that state no fee, the fee inferred from the fee model (a percentage of the payments) and
    a difference within the tolerance; deposit = items - inferred fee + difference."""
    payments = draw(
        st.lists(st.integers(min_value=100, max_value=500_000), min_size=1, max_size=30)
    )
    refunds = draw(st.lists(st.integers(min_value=1, max_value=min(payments)), max_size=2))
    items = [
        item(f"mp_{n}", ItemKind.PAYMENT, "0", provider="mobilepay", plan=None)
        for n in range(len(payments))
    ] + [
        item(f"mp_r{n}", ItemKind.REFUND, "0", provider="mobilepay", plan=None)
        for n in range(len(refunds))
    ]
    amounts = [*payments, *(-r for r in refunds)]
    items = [
        dataclasses.replace(i, amount=Money.from_minor(a, "DKK"))
        for i, a in zip(items, amounts, strict=True)
    ]
    basis_points = draw(st.integers(min_value=50, max_value=300))  # 0.50 % to 3.00 %
    fee = Money.from_minor(max(1, sum(payments) * basis_points // 10_000), "DKK")
    limit = MOBILEPAY_TOLERANCE.fixed.to_minor()
    difference = Money.from_minor(draw(st.integers(min_value=-limit, max_value=limit)), "DKK")
    net = money_sum((i.net for i in items), "DKK")
    deposit = net - fee + difference
    if not deposit.amount > 0:  # a transfer is money in; a refund-heavy day carries over
        items = items[: len(payments)]
        deposit = money_sum((i.net for i in items), "DKK") - fee + difference
    profile = draw(st.sampled_from(list(PostingProfile)))
    origin = BankEntryOrigin.FILE if profile is PostingProfile.DIRECT else BankEntryOrigin.BOOKED
    n = draw(st.integers(min_value=0, max_value=10**6))
    entry = bank_entry(f"{n}", f"{deposit.amount}", origin=origin)
    material = approved(f"m-{n:06d}", [entry], items)
    match = dataclasses.replace(material.match, inferred_fee=fee, difference=difference)
    settings = PostingSettings(profile, journal=1, bank_account=BANK)
    return dataclasses.replace(material, match=match), MOBILEPAY_MAPPINGS, settings
