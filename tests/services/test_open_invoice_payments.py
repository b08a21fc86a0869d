"""Open invoices over loopback: Frisbii's pending and dunning invoices and Chargebee's invoices
with payment due are synced from their sandboxes as open items, the transfers that pay them
(by bank or MobilePay, however the payer wrote the number) are matched to them, and the
voucher books a mapped customer's payment of the invoice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from econdesk.accounting.vouchers import LineRole, PostingProfile, PostingSettings, build_voucher
from econdesk.connectors import eventloop
from econdesk.connectors.chargebee.client import ChargebeeClient
from econdesk.connectors.frisbii.client import FrisbiiClient
from econdesk.connectors.platform import Window
from econdesk.connectors.ratelimit import RequestRate
from econdesk.domain import ItemKind, Match, Voucher, VoucherEntryKind, VoucherLine, VoucherRef
from econdesk.domain.booking import BookingMode
from econdesk.domain.model import CustomerMapping, Mappings, ProviderMapping
from econdesk.sandbox import chargebee, frisbii
from econdesk.sandbox.chargebee.render import chargebee_data
from econdesk.sandbox.frisbii.render import frisbii_data
from econdesk.sandbox.ratelimit import BucketLimiter
from econdesk.sandbox.scenario import Scenario, ScenarioSpec, generate
from econdesk.sandbox.server import SandboxServer
from econdesk.services.invoice_marking import MARKED, InvoiceMarkingService
from econdesk.services.matching import MatchingService
from econdesk.services.posting import load_material
from econdesk.services.sync import SyncService
from econdesk.storage import Database
from tests.accounting.samples import CHART

START, END = date(2026, 3, 1), date(2026, 4, 30)
QUICK = {"rate_limit": RequestRate(5000, burst=8)}


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    spec = ScenarioSpec(seed=12, size=700, start=START, end=END, name="open", dunning_rate=0.1)
    return generate(spec)


@pytest.fixture(scope="module")
def servers(scenario: Scenario) -> Iterator[tuple[SandboxServer, SandboxServer]]:
    generous = BucketLimiter(5000, 1.0)
    with (
        frisbii.app.FrisbiiSandbox(frisbii_data(scenario)).server(limiter=generous) as f,
        chargebee.app.ChargebeeSandbox(chargebee_data(scenario)).server(limiter=generous) as c,
    ):
        yield f, c


def test_transfers_paying_open_invoices_are_matched_to_them_and_book_the_customer(
    scenario: Scenario, servers: tuple[SandboxServer, SandboxServer], db: Database
) -> None:
    f, c = servers
    sync = SyncService(
        db,
        platforms=[
            lambda: FrisbiiClient(frisbii.app.DEMO_KEY, base_url=f.base_url, **QUICK),
            lambda: ChargebeeClient(chargebee.app.DEMO_KEY, base_url=c.base_url, **QUICK),
        ],
        today=lambda: date(2026, 6, 30),
    )
    assert sync.run(START, END).ok
    with db.transaction() as store:
        store.bank_entries.upsert_many(scenario.bank_entries)
        stored_open = {i.ref for i in store.items.find(kinds=[ItemKind.INVOICE])}
    assert stored_open == {i.ref for i in scenario.open_items}
    run = MatchingService(db).run()

    by_bank = {m.bank_refs[0]: m for m in run.proposals}
    paid = [t for t in scenario.truth.matches if t.item_refs[0] in stored_open]
    assert {t.provider for t in paid} == {"frisbii", "chargebee"} and len(paid) >= 10
    right = [t for t in paid if (m := by_bank.get(t.bank_ref)) and m.item_refs == t.item_refs]
    assert len(right) >= 0.9 * len(paid)
    wrong = [m for m in run.proposals if set(m.item_refs) & stored_open]
    wrong = [m for m in wrong if m.bank_refs[0] not in {t.bank_ref for t in right}]
    assert not [m for m in wrong if m.auto], wrong  # never approved unattended when wrong

    # A mapped customer's transfer pays the invoice: a customer payment, no revenue.
    match = next(
        by_bank[t.bank_ref] for t in right if t.provider == "chargebee" and by_bank[t.bank_ref]
    )
    (approved,) = MatchingService(db).approve([match.id])
    with db.reader() as store:
        material = load_material(store, approved)
    invoice = material.items[0]
    mappings = Mappings(
        providers=(ProviderMapping("chargebee", 5832, 7220, booking=BookingMode.SETTLE),),
        customers=(CustomerMapping("chargebee", invoice.customer_id or "", 12),),
        difference_account=7290,
    )
    settings = PostingSettings(PostingProfile.CLEARING, journal=1, bank_account=5820)
    prepared = build_voucher(material, mappings, CHART, settings)
    assert [p.role for p in prepared.lines] == [LineRole.CUSTOMER_PAYMENT]
    assert prepared.lines[0].line.amount == -invoice.amount


def test_posted_payments_of_open_invoices_are_marked_paid_offline_once_and_audited(
    scenario: Scenario, db: Database
) -> None:
    generous = BucketLimiter(5000, 1.0)
    with (
        frisbii.app.FrisbiiSandbox(frisbii_data(scenario)).server(limiter=generous) as f,
        chargebee.app.ChargebeeSandbox(chargebee_data(scenario)).server(limiter=generous) as c,
    ):
        clients = {
            "frisbii": lambda: FrisbiiClient(frisbii.app.DEMO_KEY, base_url=f.base_url, **QUICK),
            "chargebee": lambda: ChargebeeClient(
                chargebee.app.DEMO_KEY, base_url=c.base_url, **QUICK
            ),
        }
        sync = SyncService(db, platforms=list(clients.values()), today=lambda: date(2026, 6, 30))
        assert sync.run(START, END).ok
        with db.transaction() as store:
            store.bank_entries.upsert_many(scenario.bank_entries)
        matching = MatchingService(db)
        run = matching.run()
        paying = [m for m in run.proposals if m.auto and "invoice-" in m.item_refs[0]]
        providers = {m.item_refs[0].partition(":")[0] for m in paying}
        assert providers == {"frisbii", "chargebee"}
        for m in matching.approve([m.id for m in paying]):
            post(db, m)
        # Chargebee is not allowed to: only Frisbii's invoices are marked.
        service = InvoiceMarkingService(db, {"frisbii": clients["frisbii"]})
        marked = eventloop.run(service.mark())
        frisbii_paid = [m for m in paying if m.item_refs[0].startswith("frisbii:")]
        assert len(marked) == len(frisbii_paid)
        assert all(m.state == "settled" and m.error is None for m in marked)
        assert eventloop.run(service.mark()) == []  # marked once, never again
        with db.reader() as store:
            events = store.audit_events(action_prefix=MARKED)
        assert len(events) == len(marked)
        assert all(e.payload["reference"].startswith("ED-m-") for e in events)
        invoice = f.exchanges("POST", r"/manual_settle$")[0]
        assert b'"method":"bank_transfer"' in invoice.body.replace(b" ", b"")
        # The platform no longer lists them as open.
        settled = {m.item_ref for m in marked}
        reread = FrisbiiClient(frisbii.app.DEMO_KEY, base_url=f.base_url, **QUICK)
        still_open = eventloop.run(_open_refs(reread))
        assert settled.isdisjoint(still_open) and still_open

        # Chargebee's record_payment: the invoice becomes paid and leaves the open list.
        service = InvoiceMarkingService(db, {"chargebee": clients["chargebee"]})
        (first, *_) = eventloop.run(service.mark())
        assert first.state == "paid" and first.provider == "chargebee"
        sent = c.exchanges("POST", r"/record_payment$")[0].body.decode()
        assert "transaction%5Bpayment_method%5D=bank_transfer" in sent


async def _open_refs(client: FrisbiiClient) -> set[str]:
    async with client:
        window = Window(START, END)
        return {i.ref async for p in client.pages("open_invoices", window) for i in p.items}


def post(db: Database, match: Match) -> None:
    """Record the match as posted (the posting service's own steps, without e-conomic)."""
    line = VoucherLine(
        VoucherEntryKind.FINANCE, date(2026, 4, 1), match.amount, "test", account=1000,
        contra_account=5832,
    )  # fmt: skip
    with db.transaction() as store:
        voucher = Voucher(match.id, 1, "2026", f"ED-{match.id}", (line,))
        store.postings.claim(voucher, f"k-{match.id}")
        store.postings.mark_sent(match.id)
        store.postings.mark_posted(match.id, VoucherRef(1, "2026", 1))
