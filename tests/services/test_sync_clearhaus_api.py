"""The Clearhaus Merchant API as a sync source: settlements stored with links to Frisbii's card
payments, the links resolved when matching, and each settlement matched to its deposit with
the very payments the scenario put into it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest

from econdesk.connectors.clearhaus.client import ClearhausClient
from econdesk.connectors.http import RetryPolicy
from econdesk.connectors.ratelimit import RequestRate
from econdesk.domain.links import parse_link
from econdesk.domain.model import MatchMethod
from econdesk.sandbox.clearhaus.app import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, ClearhausSandbox
from econdesk.sandbox.clearhaus.render import clearhaus_data
from econdesk.sandbox.ratelimit import BucketLimiter
from econdesk.sandbox.scenario import Scenario, ScenarioSpec, generate
from econdesk.sandbox.server import SandboxServer
from econdesk.services.matching import MatchingService
from econdesk.services.sync import SyncService
from econdesk.storage import Database
from tests.services.frisbii_items import FrisbiiItems

START, END = date(2026, 3, 1), date(2026, 3, 31)


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return generate(ScenarioSpec(seed=5, size=120, start=START, end=END, name="clearhaus-api"))


@pytest.fixture
def server(scenario: Scenario) -> Iterator[SandboxServer]:
    sandbox = ClearhausSandbox(clearhaus_data(scenario))
    with sandbox.server(limiter=BucketLimiter(5000, 1.0)) as srv:
        yield srv


def test_settlements_are_synced_linked_and_matched_with_their_card_payments(
    scenario: Scenario, server: SandboxServer, db: Database
) -> None:
    def clearhaus() -> ClearhausClient:
        return ClearhausClient(
            DEMO_CLIENT_ID,
            DEMO_CLIENT_SECRET,
            base_url=server.base_url,
            rate_limit=RequestRate(5000, burst=8),
            retry=RetryPolicy(attempts=4, base_delay=0.01),
        )

    service = SyncService(
        db, platforms=[clearhaus, lambda: FrisbiiItems(scenario)], today=lambda: date(2026, 6, 30)
    )
    report = service.run(START, date(2026, 4, 10))
    assert report.ok, report.failures
    truth = {
        p.ref: p
        for p in scenario.payouts
        if p.provider == "clearhaus" and START <= p.arrival_date <= date(2026, 4, 10)
    }
    with db.reader() as store:
        stored = {p.ref: p for p in store.payouts.find() if p.provider == "clearhaus"}
    assert stored.keys() == truth.keys()
    assert all(parse_link(c) for p in stored.values() for c in p.component_refs)

    with db.transaction() as store:
        store.bank_entries.upsert_many(scenario.bank_entries)
    run = MatchingService(db).run()
    by_payout = {r: m for m in run.proposals for r in m.item_refs if r.startswith("clearhaus:")}
    with db.reader() as store:
        linked = {p.ref: p for p in store.payouts.find() if p.provider == "clearhaus"}
    complete = 0
    for ref, payout in truth.items():
        if set(linked[ref].component_refs) != set(payout.component_refs):
            # a settlement of payments made before the synced days waits for them
            assert any(parse_link(c) for c in linked[ref].component_refs)
            continue
        complete += 1
        match = by_payout.get(ref)
        assert match is not None, ref
        assert set(match.component_refs) == set(payout.component_refs)
        assert abs((match.amount - payout.amount).amount) <= Decimal("0.05")  # bank rounding
        assert match.method in (MatchMethod.PAYOUT, MatchMethod.REFERENCE)
    assert complete >= len(truth) - 2
