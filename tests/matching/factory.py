"""Small hand-built domain objects for matcher tests: amounts as strings, dates as 'YYYY-MM-DD'."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from econdesk.domain import (
    BankEntry,
    BankEntryOrigin,
    ItemKind,
    Match,
    Money,
    Payout,
    PayoutKind,
    PlatformItem,
)
from econdesk.matching import MatchInputs, MatchResult, MatchSettings, PriorDecisions, match
from econdesk.matching.sources import default_settings

CPH = ZoneInfo("Europe/Copenhagen")


def bank(
    number: int | str,
    amount: str,
    day: str,
    text: str,
    *,
    currency: str = "DKK",
    counterparty: str | None = None,
    account: int = 5820,
) -> BankEntry:
    return BankEntry(
        origin=BankEntryOrigin.BOOKED,
        external_id=str(number),
        account_number=account,
        entry_date=date.fromisoformat(day),
        amount=Money.of(amount, currency),
        text=text,
        counterparty=counterparty,
    )


def item(
    provider: str,
    ident: str,
    amount: str,
    day: str,
    *,
    at: str = "12:00",
    kind: ItemKind | None = None,
    fee: str | None = None,
    currency: str = "DKK",
    customer: str | None = None,
    name: str | None = None,
    invoice: str | None = None,
    payout: str | None = None,
    references: tuple[str, ...] = (),
) -> PlatformItem:
    money = Money.of(amount, currency)
    if kind is None:
        kind = ItemKind.REFUND if money.is_negative() else ItemKind.PAYMENT
    moment = datetime.combine(date.fromisoformat(day), time.fromisoformat(at), tzinfo=CPH)
    return PlatformItem(
        provider=provider,
        external_id=ident,
        kind=kind,
        amount=money,
        occurred_at=moment,
        fee=Money.of(fee, currency) if fee is not None else None,
        customer_id=customer or (name.lower().replace(" ", "-") if name else None),
        customer_name=name,
        invoice_ref=invoice,
        payout_ref=payout,
        references=references,
    )


def payout(
    provider: str,
    ident: str,
    amount: str,
    arrival: str,
    *,
    components: tuple[PlatformItem, ...] = (),
    descriptor: str | None = None,
    currency: str = "DKK",
    kind: PayoutKind = PayoutKind.PAYOUT,
    has_breakdown: bool = True,
) -> Payout:
    return Payout(
        provider=provider,
        external_id=ident,
        kind=kind,
        amount=Money.of(amount, currency),
        arrival_date=date.fromisoformat(arrival),
        statement_descriptor=descriptor,
        component_refs=tuple(c.ref for c in components),
        has_breakdown=has_breakdown,
    )


def run(
    banks: Sequence[BankEntry],
    items: Sequence[PlatformItem] = (),
    payouts: Sequence[Payout] = (),
    *,
    settings: MatchSettings | None = None,
    prior: PriorDecisions | None = None,
) -> MatchResult:
    return match(
        MatchInputs(tuple(banks), tuple(items), tuple(payouts)),
        settings or default_settings(),
        prior,
    )


def only(result: MatchResult, bank_ref: str) -> Match:
    """The proposal for one bank entry (fails the test when there is none)."""
    found = [m for m in result.proposals if bank_ref in m.bank_refs]
    assert len(found) == 1, f"{bank_ref}: {len(found)} proposals in {result.proposals}"
    return found[0]
