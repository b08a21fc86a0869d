"""A Clearhaus deposit whose settlement never arrived, over loopback: the settlements that did
arrive are synced from the Clearhaus API sandbox, matched and approved, which teaches
Clearhaus's fee schedule; the deposits without one are then proposed from Frisbii's card
payments of their sales day less the learned fees, never for unattended approval."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest

from econdesk.connectors.clearhaus.client import ClearhausClient
from econdesk.connectors.http import RetryPolicy
from econdesk.connectors.ratelimit import RequestRate
from econdesk.i18n.explain import explanation_text
from econdesk.sandbox.clearhaus.app import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    ClearhausData,
    ClearhausSandbox,
)
from econdesk.sandbox.clearhaus.render import clearhaus_data
from econdesk.sandbox.ratelimit import BucketLimiter
from econdesk.sandbox.scenario import Scenario, ScenarioSpec, generate
from econdesk.sandbox.server import SandboxServer
from econdesk.services.matching import MatchingService, memory_from_store
from econdesk.services.sync import SyncService
from econdesk.storage import Database
from tests.services.frisbii_items import FrisbiiItems

START, END = date(2026, 3, 1), date(2026, 3, 31)


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return generate(ScenarioSpec(seed=5, size=400, start=START, end=END, name="unspecified"))


def lost(scenario: Scenario) -> set[str]:
    """Every fifth settlement after the first week never reaches the API."""
    late = [p for p in scenario.payouts if p.provider == "clearhaus" and p.arrival_date.day > 8]
    return {p.external_id for p in late[::5]}


@pytest.fixture
def server(scenario: Scenario) -> Iterator[SandboxServer]:
    data = clearhaus_data(scenario)
    missing = lost(scenario)
    kept = ClearhausData([s for s in data.settlements if s.id not in missing])
    with ClearhausSandbox(kept).server(limiter=BucketLimiter(5000, 1.0)) as srv:
        yield srv


def test_deposits_without_a_settlement_are_proposed_with_the_learned_fees(
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

    sync = SyncService(
        db, platforms=[clearhaus, lambda: FrisbiiItems(scenario)], today=lambda: date(2026, 6, 30)
    )
    assert sync.run(START, date(2026, 4, 10)).ok
    with db.transaction() as store:
        store.bank_entries.upsert_many(scenario.bank_entries)
    service = MatchingService(db)
    service.run()
    approved = service.approve_auto()
    assert any(r.startswith("clearhaus:") for m in approved for r in m.item_refs)
    with db.reader() as store:
        (schedule,) = memory_from_store(store).fee_schedules
    assert (schedule.provider, schedule.percent, schedule.fixed_minor) == (
        "clearhaus", Decimal("1.450"), 25,
    )  # fmt: skip

    service.run()
    proposals = {m.bank_refs[0]: m for m in service.matches()}
    missing = lost(scenario)
    deposits = [
        t for t in scenario.truth.matches
        if t.item_refs[0].removeprefix("clearhaus:") in missing
    ]  # fmt: skip
    assert len(deposits) >= 3
    found = 0
    for truth in deposits:
        m = proposals.get(truth.bank_ref)
        if m is None or set(m.item_refs) != set(truth.component_refs):
            continue
        found += 1
        assert not m.auto  # inferred from a schedule: a person decides
        assert m.inferred_fee == truth.fees
        said = explanation_text(m.explanation, "en")
        assert "fee schedule (1.450 % + 0.25 DKK a payment)" in said
        assert "no settlement from clearhaus" in said
    assert found >= len(deposits) - 1  # a day with a chargeback is beyond the schedule
