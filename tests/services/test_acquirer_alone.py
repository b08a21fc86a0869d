"""Clearhaus used without a gateway (no Frisbii in front of it), in `sales` mode, end to end over
loopback: its settlements synced from the Clearhaus sandbox with their own card transactions,
matched to the deposits (the explanation says from what), the sales booked in daily sales
summaries on the source's own revenue account, and each payout clearing the clearing account
net of the fees, so that in e-conomic's own books the clearing account nets to 0 and revenue,
output VAT, fees and bank hold exactly what the transactions say, to the øre."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from econdesk.accounting.vouchers import PostingProfile
from econdesk.connectors import eventloop
from econdesk.connectors.clearhaus.client import ClearhausClient
from econdesk.connectors.economic.client import EconomicClient
from econdesk.connectors.http import RetryPolicy
from econdesk.connectors.mobilepay.client import MobilePayReportClient
from econdesk.connectors.ratelimit import RequestRate
from econdesk.domain import BookingMode
from econdesk.domain.links import OWN_SALES_PLAN, is_own_sale
from econdesk.domain.model import (
    BankEntry,
    BankEntryOrigin,
    ItemKind,
    Mappings,
    PlanMapping,
    PlatformItem,
    ProviderMapping,
)
from econdesk.domain.money import Money
from econdesk.i18n.explain import explanation_text
from econdesk.sandbox.clearhaus.app import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    CardDispute,
    CardTransaction,
    ClearhausData,
    ClearhausSandbox,
    SandboxSettlement,
)
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.sandbox.economic.chart import OUTPUT_VAT_ACCOUNT
from econdesk.sandbox.economic.invoices import book_invoice
from econdesk.sandbox.economic.store import Booked, SandboxInvoice
from econdesk.sandbox.mobilepay.app import DEMO_CLIENT_ID as MP_CLIENT_ID
from econdesk.sandbox.mobilepay.app import DEMO_CLIENT_SECRET as MP_CLIENT_SECRET
from econdesk.sandbox.mobilepay.app import (
    DEMO_MSN,
    DEMO_SUBSCRIPTION_KEY,
    MobilePayData,
    MobilePaySandbox,
    SandboxLedger,
)
from econdesk.sandbox.ratelimit import BucketLimiter
from econdesk.services.mappings import MappingService
from econdesk.services.matching import MatchingService
from econdesk.services.posting import EconomicPort, Outcome, PostingOptions, PostingService
from econdesk.services.sales_days import make_summaries
from econdesk.services.sync import SyncService
from econdesk.storage import Database
from tests.services.posting_world import FAST_RETRY, agreement

BANK, CLEARING, FEES, REVENUE, DIFFERENCE = 5820, 5830, 7220, 1010, 7290
START, END = date(2026, 3, 1), date(2026, 3, 10)
MAPPINGS = Mappings(
    providers=(ProviderMapping("clearhaus", CLEARING, FEES, booking=BookingMode.SALES),),
    plans=(PlanMapping("clearhaus", OWN_SALES_PLAN, REVENUE, "U25"),),
    difference_account=DIFFERENCE,
)


def _tx(id_: str, type_: str, amount: int, at: str, ref: str, fee: int = 0) -> CardTransaction:
    return CardTransaction(id_, type_, amount, at, reference=ref, fee=fee)


def settlements() -> ClearhausData:
    """Three settlements over four Copenhagen days: captures, a refund made at 00:30 in
    Copenhagen (23:30 UTC the day before), and a chargeback with its fee."""
    s1 = SandboxSettlement(
        "s-1", "DKK", date(2026, 3, 2), date(2026, 3, 2), date(2026, 3, 4), "CH1001",
        transactions=[
            _tx("t-1", "capture", 10050, "2026-03-02T09:00:00Z", "order-1", 150),
            _tx("t-2", "capture", 25000, "2026-03-02T14:00:00Z", "order-2", 375),
        ],
    )  # fmt: skip
    s2 = SandboxSettlement(
        "s-2", "DKK", date(2026, 3, 3), date(2026, 3, 3), date(2026, 3, 5), "CH1001",
        transactions=[
            _tx("t-3", "capture", 40000, "2026-03-03T10:00:00Z", "order-3", 600),
            _tx("t-4", "refund", 5000, "2026-03-03T23:30:00Z", "order-1"),
        ],
    )  # fmt: skip
    s3 = SandboxSettlement(
        "s-3", "DKK", date(2026, 3, 5), date(2026, 3, 5), date(2026, 3, 6), "CH1001",
        transactions=[_tx("t-5", "capture", 60000, "2026-03-05T08:00:00Z", "order-5", 900)],
        disputes=[CardDispute("d-1", "t-2", 25000, "2026-03-05T12:00:00Z")],
        fees=1500,  # the chargeback fee
    )  # fmt: skip
    return ClearhausData([s1, s2, s3])


# What reaches the bank: each settlement's sales less refunds, chargebacks and fees.
DEPOSITS = {"s-1": Decimal("345.25"), "s-2": Decimal("344.00"), "s-3": Decimal("326.00")}


@dataclass
class Books:
    db: Database
    economic: EconomicSandbox
    clearhaus_url: str

    def balance(self, account: int) -> Decimal:
        return self.economic.data.balance(account)


@pytest.fixture
def books(db: Database) -> Iterator[Books]:
    with (
        EconomicSandbox(agreement(seed=17)) as economic,
        ClearhausSandbox(settlements()).server(limiter=BucketLimiter(5000, 1.0)) as clearhaus,
    ):
        yield Books(db, economic, clearhaus.base_url)


def clearhaus(url: str, *, own_sales: bool = True) -> ClearhausClient:
    return ClearhausClient(
        DEMO_CLIENT_ID,
        DEMO_CLIENT_SECRET,
        base_url=url,
        rate_limit=RequestRate(5000, burst=8),
        retry=RetryPolicy(attempts=4, base_delay=0.01),
        own_sales=own_sales,
    )


def deposit_in_bank(books: Books) -> None:
    """The Clearhaus settlements' deposits."""
    deposits = [
        (date(2026, 3, 4 + n), amount, f"CLEARHAUS A/S CH1001 {date(2026, 3, 4 + n).isoformat()}")
        for n, amount in enumerate(DEPOSITS.values())
    ]
    book_deposits(books, deposits)


def book_deposits(books: Books, deposits: list[tuple[date, Decimal, str]]) -> None:
    """Each payout as the bank feed booked it: bank debit, clearing credit."""
    data = books.economic.data
    entries = []
    with data.lock:
        number = max(1000, data.last_entry_number) + 1
        for n, (day, amount, text) in enumerate(deposits):
            year = data.year_of(day)
            assert year is not None
            for account, signed, offset in ((BANK, amount, 0), (CLEARING, -amount, 1)):
                data.book(
                    Booked(
                        number + offset, year.year, account, day, signed, signed, "DKK",
                        text, "financeVoucher", voucher_number=70_000 + n,
                    )
                )  # fmt: skip
            entries.append(
                BankEntry(
                    BankEntryOrigin.BOOKED, str(number), BANK, day, Money(amount, "DKK"), text
                )
            )
            number += 2
    with books.db.transaction() as store:
        store.bank_entries.upsert_many(entries)


def poster(books: Books, mappings: Mappings = MAPPINGS) -> PostingService:
    sandbox = books.economic

    @asynccontextmanager
    async def factory() -> AsyncIterator[EconomicPort]:
        async with EconomicClient(
            sandbox.app_secret_token,
            sandbox.agreement_grant_token,
            base_url=sandbox.base_url,
            journals_url=sandbox.journals_url,
            retry=FAST_RETRY,
            timeout=5.0,
        ) as client:
            yield client

    options = PostingOptions(
        PostingProfile.CLEARING, journal=1, bank_account=BANK, book=True, batch_size=3,
        stale_after=timedelta(0), exchange_rates={},
    )  # fmt: skip
    return PostingService(books.db, factory, options, MappingService(books.db, mappings))


def sync(books: Books, *, own_sales: bool = True) -> None:
    service = SyncService(
        books.db,
        platforms=[lambda: clearhaus(books.clearhaus_url, own_sales=own_sales)],
        today=lambda: date(2026, 6, 30),
    )
    report = service.run(START, END)
    assert report.ok, report.failures


def test_sales_mode_books_the_acquirers_own_sales_and_the_clearing_account_nets_to_zero(
    books: Books,
) -> None:
    before = {a: books.balance(a) for a in (BANK, CLEARING, FEES, REVENUE, OUTPUT_VAT_ACCOUNT)}
    sync(books)
    with books.db.reader() as store:
        items = {i.external_id: i for i in store.items.find(provider="clearhaus")}
        payouts = {p.external_id: p for p in store.payouts.find() if p.provider == "clearhaus"}
    assert {k for k, i in items.items() if is_own_sale(i)} == {
        "t-1",
        "t-2",
        "t-3",
        "t-4",
        "t-5",
        "d-1",
    }
    assert items["t-4"].kind is ItemKind.REFUND and items["t-4"].amount == Money.of("-50", "DKK")
    assert items["d-1"].kind is ItemKind.CHARGEBACK and items["d-1"].references[0] == "t-2"
    assert [p.amount.amount for p in payouts.values()] == list(DEPOSITS.values())

    deposit_in_bank(books)
    run = MatchingService(books.db).run()
    assert len(run.proposals) == 3, run.proposals
    for proposal in run.proposals:
        said = explanation_text(proposal.explanation, "en")
        assert "matched from the acquirer's own 2 transactions (clearhaus, no gateway" in said
        assert "ud fra indløserens egne 2 transaktioner" in explanation_text(
            proposal.explanation, "da"
        )
    MatchingService(books.db).approve([m.id for m in run.proposals])

    report = eventloop.run(poster(books).post())
    outcomes = {o.match_id: o for o in report.outcomes}
    assert all(o.outcome is Outcome.POSTED for o in outcomes.values()), outcomes
    days = sorted(n.day for n in report.summaries.values())
    # the refund of 00:30 in Copenhagen is a sale of 4 March; the chargeback is on the payout
    assert days == [date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4), date(2026, 3, 5)]

    moved = {a: books.balance(a) - b for a, b in before.items()}
    assert moved[CLEARING] == 0  # the summaries filled it, the payouts emptied it
    assert moved[BANK] == Decimal("1015.25")
    assert moved[FEES] == Decimal("35.25")  # 5.25 + 6.00 + 9.00 + the chargeback's 15.00
    # sales 1300.50 less the refund 50.00 and the lost chargeback 250.00, incl. 25 % VAT
    assert moved[REVENUE] == Decimal("-840.40")
    assert moved[OUTPUT_VAT_ACCOUNT] == Decimal("-210.10")

    again = eventloop.run(poster(books).post())
    assert again.outcomes == [] and not again.summaries  # nothing is booked twice


def test_a_gateway_added_later_does_not_count_the_same_payments_twice(books: Books) -> None:
    sync(books)
    # Frisbii configured later: its card payments carry Clearhaus's id as acquirer reference.
    frisbii = [
        PlatformItem(
            provider="frisbii",
            external_id=f"frisbii-{tx}",
            kind=ItemKind.PAYMENT,
            amount=Money.from_minor(minor, "DKK"),
            occurred_at=datetime(2026, 3, 2, 9, tzinfo=UTC),
            references=(tx,),
            invoice_ref=f"order-{tx[-1]}",
        )
        for tx, minor in (("t-1", 10050), ("t-3", 40000), ("t-9", 7000))
    ]
    with books.db.transaction() as store:
        store.items.upsert_many(frisbii)
    # Re-read with the gateway in front: the settlements declare links again, and keep the
    # own sales they were made of.
    sync(books, own_sales=False)
    with books.db.reader() as store:
        components = {c for p in store.payouts.find() for c in p.component_refs}
    assert {"clearhaus:t-1", "clearhaus:t-3", "clearhaus:d-1"} <= components
    assert not {"frisbii:frisbii-t-1", "frisbii:frisbii-t-3"} & components

    deposit_in_bank(books)
    run = MatchingService(books.db).run()
    claimed = {r for m in run.proposals for r in (*m.item_refs, *m.component_refs)}
    assert len(run.proposals) == 3
    assert {"clearhaus:t-1", "clearhaus:t-3"} <= claimed
    assert not {"frisbii:frisbii-t-1", "frisbii:frisbii-t-3"} & claimed
    with books.db.reader() as store:
        open_items = {i.ref for i in store.items.unmatched()}
    assert "frisbii:frisbii-t-9" in open_items  # a payment Clearhaus never had stays open

    # Frisbii in sales mode beside Clearhaus: its day is summarised without the two payments
    # Clearhaus's own sales hold.
    with books.db.transaction() as store:
        store.cursors.set(
            "frisbii:invoices",
            {"done_until": END.isoformat(), "synced_at": datetime.now(UTC).isoformat()},
        )
    both = Mappings(
        providers=(
            *MAPPINGS.providers,
            ProviderMapping("frisbii", 5831, FEES, booking=BookingMode.SALES),
        ),
        plans=MAPPINGS.plans,
        difference_account=DIFFERENCE,
        default_revenue_account=REVENUE,
        default_vat_code="U25",
    )
    made = make_summaries(books.db, both, "DKK", lambda c, d: Decimal(100))
    assert not made.problems, made.problems
    with books.db.reader() as store:
        covered = store.sales.coverage(i.ref for i in frisbii)
        own = store.sales.coverage(["clearhaus:t-1", "clearhaus:t-3", "clearhaus:t-4"])
    assert set(covered) == {"frisbii:frisbii-t-9"}
    assert set(own) == {"clearhaus:t-1", "clearhaus:t-3", "clearhaus:t-4"}


# -- Vipps MobilePay alone --------------------------------------------------------------------

MP_MAPPINGS = Mappings(
    providers=(ProviderMapping("mobilepay", CLEARING, FEES, booking=BookingMode.SALES),),
    plans=(PlanMapping("mobilepay", OWN_SALES_PLAN, REVENUE, "U25"),),
    difference_account=DIFFERENCE,
)


def mobilepay_ledger() -> MobilePayData:
    """Two ledger days: two captures paid out net of their fees; then a capture, a refund of
    the first day's order and a disputed capture retained, paid out net."""
    ledger = SandboxLedger(id="302321", currency="DKK", msn=DEMO_MSN)
    day1, day2 = date(2026, 3, 2), date(2026, 3, 3)
    rows = [
        (day1, "capture", 20000, "p-1", "2026-03-02T10:00:00+01:00", "m-1"),
        (day1, "capture", 15000, "p-2", "2026-03-02T11:00:00+01:00", "m-2"),
        (day1, "fees-retained", -700, "p-f1", "2026-03-02T23:00:00+01:00", None),
        (day1, "payout-scheduled", -34300, "p-o1", "2026-03-02T23:30:00+01:00", "MP 1001"),
        (day2, "capture", 40000, "p-3", "2026-03-03T09:00:00+01:00", "m-3"),
        (day2, "refund", -5000, "p-4", "2026-03-03T12:00:00+01:00", "m-1"),
        (day2, "retained-disputed-capture", -15000, "p-5", "2026-03-03T13:00:00+01:00", "m-2"),
        (day2, "fees-retained", -800, "p-f2", "2026-03-03T23:00:00+01:00", None),
        (day2, "payout-scheduled", -19200, "p-o2", "2026-03-03T23:30:00+01:00", "MP 1002"),
    ]
    for day, kind, amount, psp, at, reference in rows:
        ledger.add("funds", day, kind, amount, psp_reference=psp, at=at, reference=reference)
    return MobilePayData([ledger])


def test_mobilepay_alone_in_sales_mode_clears_its_clearing_account(db: Database) -> None:
    with (
        EconomicSandbox(agreement(seed=19)) as economic,
        MobilePaySandbox(mobilepay_ledger()).server(limiter=BucketLimiter(5000, 1.0)) as srv,
    ):
        books = Books(db, economic, srv.base_url)
        before = {a: books.balance(a) for a in (BANK, CLEARING, FEES, REVENUE, OUTPUT_VAT_ACCOUNT)}

        def mobilepay() -> MobilePayReportClient:
            return MobilePayReportClient(
                MP_CLIENT_ID, MP_CLIENT_SECRET, DEMO_SUBSCRIPTION_KEY,
                merchant_serial_numbers=(DEMO_MSN,), base_url=srv.base_url,
                rate_limit=RequestRate(5000, burst=8),
                retry=RetryPolicy(attempts=4, base_delay=0.01), own_sales=True,
            )  # fmt: skip

        sync = SyncService(db, platforms=[mobilepay], today=lambda: date(2026, 6, 30))
        assert sync.run(START, END).ok
        with db.reader() as store:
            own = {i.external_id: i for i in store.items.find(provider="mobilepay")}
        assert {i.kind for i in own.values()} == {
            ItemKind.PAYMENT, ItemKind.REFUND, ItemKind.CHARGEBACK
        }  # fmt: skip
        assert own["p-4-refund"].invoice_ref == "m-1" and is_own_sale(own["p-4-refund"])

        paid = {"MP 1001": (date(2026, 3, 3), "343.00"), "MP 1002": (date(2026, 3, 4), "192.00")}
        book_deposits(books, [(day, Decimal(a), text) for text, (day, a) in paid.items()])
        run = MatchingService(db).run()
        assert len(run.proposals) == 2
        assert all("acquirer's own" in explanation_text(m.explanation, "en") for m in run.proposals)
        MatchingService(db).approve([m.id for m in run.proposals])
        report = eventloop.run(poster(books, MP_MAPPINGS).post())
        assert report.outcomes and all(o.outcome is Outcome.POSTED for o in report.outcomes)
        moved = {a: books.balance(a) - b for a, b in before.items()}
        assert moved[CLEARING] == 0
        assert moved[BANK] == Decimal("535.00")
        assert moved[FEES] == Decimal("15.00")
        assert moved[REVENUE] == Decimal("-440.00")  # 700.00 less the dispute's 150.00, ex VAT
        assert moved[OUTPUT_VAT_ACCOUNT] == Decimal("-110.00")


def test_payments_mode_without_an_open_invoice_posts_nothing_and_names_the_order(
    books: Books,
) -> None:
    """In `payments` the invoices are in e-conomic: each own payment pays the booked invoice
    its order reference names. With none open, the payout is not posted, and says which."""
    sync(books)
    deposit_in_bank(books)
    run = MatchingService(books.db).run()
    MatchingService(books.db).approve([m.id for m in run.proposals])
    payments = Mappings(
        providers=(ProviderMapping("clearhaus", CLEARING, FEES, booking=BookingMode.PAYMENTS),),
        plans=MAPPINGS.plans,
        difference_account=DIFFERENCE,
    )
    before = books.balance(CLEARING)
    report = eventloop.run(poster(books, payments).post())
    reasons = {o.match_id: o.reason or "" for o in report.outcomes}
    assert len(reasons) == 3 and not report.summaries
    assert all(o.outcome is Outcome.UNPOSTED for o in report.outcomes)
    assert any("no open booked invoice in e-conomic for clearhaus:t-1 (invoice order-1)" in r
               for r in reasons.values()), reasons  # fmt: skip
    assert books.balance(CLEARING) == before  # nothing half-booked


def test_payments_mode_pays_each_orders_booked_invoice_and_the_books_balance(
    books: Books,
) -> None:
    """The orders invoiced in e-conomic (debtor, revenue, VAT); each own payment pays the
    invoice its order reference names, refunds and the lost chargeback reverse the sale."""
    data = books.economic.data
    debtors = data.debtors_account
    customer = min(data.customers)
    with data.lock:
        for n, (order, gross) in enumerate(
            (("order-1", "100.50"), ("order-2", "250.00"), ("order-3", "400.00"),
             ("order-5", "600.00"))
        ):  # fmt: skip
            amount = Decimal(gross)
            invoice = SandboxInvoice(
                number=30_001 + n, customer=customer, recipient=data.customers[customer],
                day=date(2026, 3, 1), due=date(2026, 3, 15), currency="DKK",
                exchange_rate=Decimal(100), net=amount * 4 / 5, vat=amount / 5,
                remainder=amount, reference=order,
            )  # fmt: skip
            data.invoices[invoice.number] = invoice
            book_invoice(data, invoice, revenue_account=REVENUE, vat_code="U25")
    before = {a: books.balance(a) for a in (CLEARING, debtors, REVENUE, OUTPUT_VAT_ACCOUNT)}
    sync(books)
    deposit_in_bank(books)
    run = MatchingService(books.db).run()
    MatchingService(books.db).approve([m.id for m in run.proposals])
    payments = Mappings(
        providers=(ProviderMapping("clearhaus", CLEARING, FEES, booking=BookingMode.PAYMENTS),),
        plans=MAPPINGS.plans,
        difference_account=DIFFERENCE,
    )
    report = eventloop.run(poster(books, payments).post())
    assert report.outcomes and all(o.outcome is Outcome.POSTED for o in report.outcomes), [
        o.reason for o in report.outcomes
    ]
    moved = {a: books.balance(a) - b for a, b in before.items()}
    assert moved[CLEARING] == 0  # the deposits credited it, the payments debit it back
    assert moved[debtors] == Decimal("-1350.50")  # every invoice paid in full
    assert all(i.remainder == 0 for i in data.invoices.values() if i.number > 30_000)
    assert moved[REVENUE] == Decimal("50.00") * 4 / 5 + Decimal("250.00") * 4 / 5
    assert moved[OUTPUT_VAT_ACCOUNT] == Decimal("10.00") + Decimal("50.00")
