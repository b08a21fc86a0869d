"""Open invoices over loopback: Frisbii's pending and dunning invoices and Chargebee's invoices
with payment due are synced from their sandboxes as open items, the transfers that pay them
(by bank or MobilePay, however the payer wrote the number) are matched to them, and the
voucher books a mapped customer's payment of the invoice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from econdesk.accounting.vouchers import LineRole, PostingProfile, PostingSettings, build_voucher
from econdesk.connectors.chargebee.client import ChargebeeClient
from econdesk.connectors.frisbii.client import FrisbiiClient
from econdesk.connectors.ratelimit import RequestRate
from econdesk.domain import ItemKind
from econdesk.domain.booking import BookingMode
from econdesk.domain.model import CustomerMapping, Mappings, ProviderMapping
from econdesk.sandbox import chargebee, frisbii
from econdesk.sandbox.chargebee.render import chargebee_data
from econdesk.sandbox.frisbii.render import frisbii_data
from econdesk.sandbox.ratelimit import BucketLimiter
from econdesk.sandbox.scenario import Scenario, ScenarioSpec, generate
from econdesk.sandbox.server import SandboxServer
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
