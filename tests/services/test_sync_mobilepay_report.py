"""The Vipps MobilePay Report API as a sync source: each transfer is stored as a payout of
links to Frisbii's MobilePay payments, matched as that payout (no fee guessed), and its voucher
books the payments, the fees the report states and the move off MobilePay's clearing account."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest

from econdesk.accounting.vouchers import (
    LineRole,
    PostingProfile,
    PostingSettings,
    build_voucher,
)
from econdesk.connectors.http import RetryPolicy
from econdesk.connectors.mobilepay.client import MobilePayReportClient
from econdesk.connectors.ratelimit import RequestRate
from econdesk.domain.model import Mappings, ProviderMapping
from econdesk.sandbox.mobilepay.app import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    DEMO_MSN,
    DEMO_SUBSCRIPTION_KEY,
    MobilePaySandbox,
)
from econdesk.sandbox.mobilepay.render import mobilepay_data
from econdesk.sandbox.ratelimit import BucketLimiter
from econdesk.sandbox.scenario import Scenario, ScenarioSpec, generate
from econdesk.sandbox.scenario.deposits import DepositKind
from econdesk.sandbox.server import SandboxServer
from econdesk.services.matching import MatchingService
from econdesk.services.posting import load_material
from econdesk.services.sync import SyncService
from econdesk.storage import Database
from tests.accounting.samples import CHART
from tests.services.frisbii_items import FrisbiiItems

START, END = date(2026, 3, 1), date(2026, 3, 31)
FRISBII_CLEARING, MOBILEPAY_CLEARING = 5831, 5840


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return generate(ScenarioSpec(seed=8, size=160, start=START, end=END, name="mobilepay-api"))


@pytest.fixture
def server(scenario: Scenario) -> Iterator[SandboxServer]:
    with MobilePaySandbox(mobilepay_data(scenario)).server(limiter=BucketLimiter(5000, 1.0)) as srv:
        yield srv


def test_transfers_are_matched_as_reported_payouts_and_post_their_stated_fees(
    scenario: Scenario, server: SandboxServer, db: Database
) -> None:
    def mobilepay() -> MobilePayReportClient:
        return MobilePayReportClient(
            DEMO_CLIENT_ID,
            DEMO_CLIENT_SECRET,
            DEMO_SUBSCRIPTION_KEY,
            merchant_serial_numbers=[DEMO_MSN],
            base_url=server.base_url,
            rate_limit=RequestRate(5000, burst=8),
            retry=RetryPolicy(attempts=4, base_delay=0.01),
        )

    sync = SyncService(
        db, platforms=[mobilepay, lambda: FrisbiiItems(scenario)], today=lambda: date(2026, 6, 30)
    )
    assert sync.run(START, date(2026, 4, 10)).ok
    with db.transaction() as store:
        store.bank_entries.upsert_many(scenario.bank_entries)
    run = MatchingService(db).run()
    deposits = {
        d.index: d
        for d in scenario.deposits
        if d.kind is DepositKind.MOBILEPAY_TRANSFER and START < d.created <= date(2026, 4, 9)
    }
    assert len(deposits) >= 10
    reported = {r: m for m in run.proposals for r in m.item_refs if r.startswith("mobilepay:")}
    matched = 0
    for deposit in deposits.values():
        ref = f"mobilepay:302321-{deposit.created.isoformat()}"
        match = reported.get(ref)
        if match is None:
            continue
        matched += 1
        assert set(match.component_refs) == {scenario.item_ref(t) for t in deposit.transactions}
        assert match.inferred_fee is None
    assert matched >= len(deposits) - 1
    # no item a report explains is also in a deposit whose fee was guessed
    explained = {c for m in reported.values() for c in m.component_refs}
    guessed = {r for m in run.proposals if m.inferred_fee is not None for r in m.item_refs}
    assert not explained & guessed

    # the voucher of one of them: Frisbii's payments, MobilePay's stated fees
    match = next(iter(reported.values()))
    (approved,) = MatchingService(db).approve([match.id])
    with db.reader() as store:
        material = load_material(store, approved)
        payout = store.payouts.get(match.item_refs[0])
    assert payout is not None and payout.fees is not None
    mappings = Mappings(
        providers=(
            ProviderMapping("frisbii", FRISBII_CLEARING, 7220),
            ProviderMapping("mobilepay", MOBILEPAY_CLEARING, 7221),
        ),
        difference_account=7290,
        default_revenue_account=1010,
        default_vat_code="U25",
    )
    settings = PostingSettings(PostingProfile.CLEARING, journal=1, bank_account=5820)
    prepared = build_voucher(material, mappings, CHART, settings)
    roles = {p.role: p.line for p in prepared.lines}
    assert roles[LineRole.FEE].account == 7221 and roles[LineRole.FEE].amount == payout.fees
    assert roles[LineRole.TRANSFER].account == MOBILEPAY_CLEARING
    assert roles[LineRole.TRANSFER].amount == prepared.deposit
    assert abs(prepared.difference.amount) <= Decimal("0.05")
