"""Realistic domain objects for widget tests: a Stripe payout, Frisbii card payments, bank lines."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from econdesk.domain.model import (
    BankEntry,
    BankEntryOrigin,
    ExplanationTerm,
    ItemKind,
    Match,
    MatchMethod,
    MatchState,
    Payout,
    PayoutKind,
    PlatformItem,
    format_match_id,
)
from econdesk.domain.money import Money

NAMES = ("Jens Hansen", "Mette Nielsen", "Søren Kierkegaard ApS", "Anne Jørgensen", "Lars Ørsted")


def dkk(amount: str) -> Money:
    return Money.of(amount, "DKK")


def bank(n: int, amount: str, text: str, day: date | None = None) -> BankEntry:
    return BankEntry(
        origin=BankEntryOrigin.BOOKED,
        external_id=str(4700 + n),
        account_number=5820,
        entry_date=day or date(2026, 3, 1) + timedelta(days=n % 28),
        amount=dkk(amount),
        text=text,
        voucher_number=900 + n,
        entry_type="financeVoucher",
    )


def payment(n: int, amount: str, fee: str = "0", provider: str = "frisbii") -> PlatformItem:
    return PlatformItem(
        provider=provider,
        external_id=f"inv-{n:05d}",
        kind=ItemKind.PAYMENT,
        amount=dkk(amount),
        occurred_at=datetime(2026, 3, 1, 9, tzinfo=UTC) + timedelta(hours=7 * n),
        fee=dkk(fee),
        customer_id=f"cust-{n % 5}",
        customer_name=NAMES[n % 5],
        invoice_ref=f"INV{1000 + n}",
        plan="plan-basic",
    )


def payout(n: int, amount: str, components: tuple[str, ...] = ()) -> Payout:
    return Payout(
        provider="stripe",
        external_id=f"po_{n:04d}",
        kind=PayoutKind.PAYOUT,
        amount=dkk(amount),
        arrival_date=date(2026, 3, 2) + timedelta(days=n % 27),
        statement_descriptor=f"STRIPE PAYOUT {n:04d}",
        component_refs=components,
    )


def match(
    n: int,
    bank_refs: tuple[str, ...],
    item_refs: tuple[str, ...],
    amount: str,
    *,
    state: MatchState = MatchState.PROPOSED,
    score: float = 0.9,
    auto: bool = False,
    method: MatchMethod = MatchMethod.ONE_TO_ONE,
    difference: str = "0.00",
) -> Match:
    return Match(
        id=format_match_id(n),
        state=state,
        method=method,
        score=score,
        auto=auto,
        bank_refs=bank_refs,
        item_refs=item_refs,
        amount=dkk(amount),
        difference=dkk(difference),
        explanation=(
            ExplanationTerm(
                "amount", f"amount {amount} equals net of items", round(score * 0.5, 2)
            ),
            ExplanationTerm("date", "within 2 days", round(score * 0.3, 2)),
            ExplanationTerm("name", "customer name in bank text", round(score * 0.2, 2)),
        ),
    )


def workspace_rows(n: int = 40) -> tuple[list[BankEntry], list[PlatformItem], list[Match]]:
    """n bank lines, n payments and n proposals mixing states, scores and methods."""
    entries: list[BankEntry] = []
    items: list[PlatformItem] = []
    matches: list[Match] = []
    states = [MatchState.PROPOSED] * 3 + [MatchState.APPROVED, MatchState.PARKED]
    for i in range(n):
        gross = Decimal(100 + 37 * i) + Decimal("0.95")
        fee = (gross * Decimal("0.014")).quantize(Decimal("0.01"))
        net = gross - fee
        item = payment(i, f"{gross}", f"{fee}")
        entry = bank(i, f"{net}", f"Frisbii {item.invoice_ref} {NAMES[i % 5]}")
        items.append(item)
        entries.append(entry)
        if i % 4 != 3:  # a quarter stays open for manual matching
            state = states[i % len(states)]
            matches.append(
                match(
                    i + 1,
                    (entry.ref,),
                    (item.ref,),
                    f"{net}",
                    state=state,
                    score=0.55 + (i % 9) * 0.05,
                    auto=state is MatchState.PROPOSED and i % 3 == 0,
                )
            )
    return entries, items, matches
