"""A EUR Stripe payout into the DKK bank account, posted over loopback: each sale leaves the
clearing account at its own date's Nationalbanken/ECB rate (fetched once, stored), the
realised exchange difference goes to the exchange difference account, and the clearing
account nets to zero in DKK."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest

from econdesk.accounting.currency import rate_per_100
from econdesk.composition import rate_feeds
from econdesk.connectors import eventloop
from econdesk.domain.model import (
    BankEntry,
    BankEntryOrigin,
    ItemKind,
    Match,
    MatchMethod,
    MatchState,
    Payout,
    PayoutKind,
    PlatformItem,
)
from econdesk.domain.money import Money
from econdesk.matching import default_settings
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.sandbox.economic.store import Booked
from econdesk.sandbox.rates import RateHistory, RatesSandbox, generate_history
from econdesk.services.matching import MatchingService
from econdesk.services.posting import Outcome
from econdesk.services.rates import ExchangeRates
from econdesk.storage import Database
from tests.services.posting_world import BANK, CLEARING, FEES, MAPPINGS, World, agreement

EXCHANGE = 7295
TODAY = date(2026, 3, 31)
# EUR per 100 on the sales' days (the sandbox's euro otherwise stays at 746.04)
EUR_LEVELS = {date(2026, 3, 2): "745.20", date(2026, 3, 9): "744.00", date(2026, 3, 10): "746.90"}


def history() -> RateHistory:
    base = generate_history(date(2025, 6, 1), TODAY, seed=5)
    levels = {d: dict(v) for d, v in base.levels.items()}
    for day, level in EUR_LEVELS.items():
        levels[day]["EUR"] = Decimal(level)
    return dataclasses.replace(base, levels=levels)


@pytest.fixture
def economic() -> Iterator[EconomicSandbox]:
    with EconomicSandbox(agreement(seed=11)) as running:
        yield running


@pytest.fixture
def rates() -> Iterator[RatesSandbox]:
    with RatesSandbox(history()) as running:
        yield running


def eur(amount: str) -> Money:
    return Money.of(amount, "EUR")


def sale(ref: str, kind: ItemKind, amount: str, fee: str | None, at: datetime) -> PlatformItem:
    return PlatformItem(
        provider="stripe",
        external_id=ref,
        kind=kind,
        amount=eur(amount),
        occurred_at=at,
        fee=eur(fee) if fee else None,
        plan="basic",
        payout_ref="stripe:po_eur1",
    )


SALES = (
    sale("txn_a", ItemKind.PAYMENT, "400.00", "6.00", datetime(2026, 3, 2, 10, tzinfo=UTC)),
    # 23:30 UTC on 9 March is 00:30 on 10 March in Copenhagen: 10 March's rate
    sale("txn_b", ItemKind.PAYMENT, "250.00", "3.75", datetime(2026, 3, 9, 23, 30, tzinfo=UTC)),
    sale("txn_c", ItemKind.REFUND, "-50.00", None, datetime(2026, 3, 11, 9, tzinfo=UTC)),
)
PAID_OUT = eur("590.25")  # 650.00 - 50.00 - 9.75 fees
ARRIVED = Decimal("4392.50")  # DKK on the bank account: the bank's own conversion


def store_payout(db: Database, economic: EconomicSandbox, *, matched: bool = True) -> Match | None:
    """The payout, its items and the DKK deposit the bank feed booked bank / clearing; with
    `matched`, the approved match of the two."""
    day = date(2026, 3, 13)
    payout = Payout(
        provider="stripe",
        external_id="po_eur1",
        kind=PayoutKind.PAYOUT,
        amount=PAID_OUT,
        arrival_date=day,
        component_refs=tuple(s.ref for s in SALES),
    )
    data = economic.data
    with data.lock:
        number = max(1000, data.last_entry_number) + 1
        year = data.year_of(day)
        assert year is not None
        for account, signed, offset in ((BANK, ARRIVED, 0), (CLEARING, -ARRIVED, 1)):
            data.book(
                Booked(
                    number + offset, year.year, account, day, signed, signed, "DKK",
                    "STRIPE PAYOUT po_eur1", "financeVoucher", voucher_number=90_500,
                )
            )  # fmt: skip
    entry = BankEntry(
        origin=BankEntryOrigin.BOOKED,
        external_id=str(number),
        account_number=BANK,
        entry_date=day,
        amount=Money(ARRIVED, "DKK"),
        text="STRIPE PAYOUT po_eur1",
    )
    with db.transaction() as store:
        store.bank_entries.upsert_many([entry])
        store.items.upsert_many(SALES)
        store.payouts.upsert_many([payout])
        if not matched:
            return None
        return store.matches.create(
            Match(
                id="",
                state=MatchState.APPROVED,
                method=MatchMethod.PAYOUT,
                score=0.97,
                auto=False,
                bank_refs=(entry.ref,),
                item_refs=(payout.ref,),
                component_refs=tuple(s.ref for s in SALES),
                amount=Money(ARRIVED, "DKK"),
                difference=Money.zero("DKK"),
            )
        )


def at(rate: str, amount: str) -> Decimal:
    return (Decimal(amount) * Decimal(rate) / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)


def rate_requests(rates: RatesSandbox) -> list[str]:
    return [e.target.split("?")[0].rsplit("/", 1)[-1] for e in rates.server.exchanges()]


def test_a_eur_payout_into_the_dkk_account_books_the_realised_exchange_difference(
    sqlite_db: Database, economic: EconomicSandbox, rates: RatesSandbox
) -> None:
    match = store_payout(sqlite_db, economic)
    assert match is not None
    world = World(economic, sqlite_db, [match])
    mappings = dataclasses.replace(MAPPINGS, exchange_difference_account=EXCHANGE)
    service = world.service(book=True, mappings=mappings)
    feeds = rate_feeds(rates.base_url, rates.base_url)
    service.rates = ExchangeRates(sqlite_db, feeds, today=lambda: TODAY)

    report = eventloop.run(service.post())

    assert report.ok and [o.outcome for o in report.outcomes] == [Outcome.POSTED], report
    # Each sale at its own Copenhagen date's rate (10 March for txn_b), fees at the bank's.
    sales_dkk = at("745.20", "400.00") + at("746.90", "250.00") - at("746.04", "50.00")
    bank_rate = rate_per_100(PAID_OUT, Money(ARRIVED, "DKK"))
    fees_dkk = at(str(bank_rate), "9.75")
    realised = ARRIVED - (sales_dkk - fees_dkk)
    assert realised == Decimal("-9.97")  # a loss: the bank paid less than the sales were worth
    data = economic.data
    assert data.balance(CLEARING) == 0
    assert data.balance(EXCHANGE) == -realised
    assert data.balance(FEES) == fees_dkk
    (sent,) = data.posted
    lines = sent.body[0]["entries"]["financeVouchers"]
    revenue = [e for e in lines if e["account"] == {"accountNumber": 1010}]
    assert {e["amountBaseCurrency"] for e in revenue} == {
        -(at("745.20", "400.00") + at("746.90", "250.00")),
        at("746.04", "50.00"),
    }
    assert all(e["currency"] == {"code": "EUR"} for e in revenue)

    # The rates were fetched once (Nationalbanken's latest day, the ECB's 90 days), and are
    # stored: a second run over the same store asks the banks for nothing.
    assert rate_requests(rates) == ["currencyratesxml", "eurofxref-hist-90d.xml"]
    with sqlite_db.reader() as store:
        stored = store.rates.on_or_before("EUR", date(2026, 3, 10))
    assert stored is not None and stored.per_100 == Decimal("746.90")
    again = ExchangeRates(sqlite_db, feeds, today=lambda: TODAY)
    assert again.rate("EUR", date(2026, 3, 2)).per_100 == Decimal("745.20")
    assert len(rate_requests(rates)) == 2


def test_the_matcher_proposes_the_eur_payout_for_the_dkk_deposit_and_it_posts(
    sqlite_db: Database, economic: EconomicSandbox, rates: RatesSandbox
) -> None:
    store_payout(sqlite_db, economic, matched=False)
    feeds = rate_feeds(rates.base_url, rates.base_url)
    service = MatchingService(
        sqlite_db, default_settings(), ExchangeRates(sqlite_db, feeds, today=lambda: TODAY)
    )
    run = service.run()
    (proposal,) = run.proposals
    assert proposal.item_refs == ("stripe:po_eur1",)
    assert proposal.amount == Money(ARRIVED, "DKK")
    # 590.25 EUR at 13 March's 746.04: 4 403.50; the bank's conversion gave 4 392.50
    assert proposal.difference == Money.of("-11.00", "DKK")
    (term,) = [t for t in proposal.explanation if t.term == "exchange"]
    assert term.detail == "590.25 EUR converted at 746.04 per 100 of 13.03.2026 (ecb)"
    service.approve([proposal.id])
    world = World(economic, sqlite_db, [proposal])
    mappings = dataclasses.replace(MAPPINGS, exchange_difference_account=EXCHANGE)
    posting = world.service(book=True, mappings=mappings)
    posting.rates = ExchangeRates(sqlite_db, feeds, today=lambda: TODAY)
    report = eventloop.run(posting.post())
    assert [o.outcome for o in report.outcomes] == [Outcome.POSTED], report
    assert economic.data.balance(CLEARING) == 0
    assert economic.data.balance(EXCHANGE) == Decimal("9.97")
