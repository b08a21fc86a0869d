"""Sync end to end: e-conomic and the three platforms' sandboxes over loopback, into a store."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from econdesk.connectors.chargebee.client import ChargebeeClient
from econdesk.connectors.economic.client import EconomicClient
from econdesk.connectors.frisbii.client import FrisbiiClient
from econdesk.connectors.http import RetryPolicy
from econdesk.connectors.platform import PlatformSource
from econdesk.connectors.ratelimit import RequestRate
from econdesk.connectors.stripe.client import StripeClient
from econdesk.domain.model import PlatformItem
from econdesk.sandbox import chargebee, frisbii, stripe
from econdesk.sandbox.chargebee.app import ChargebeeSandbox
from econdesk.sandbox.chargebee.render import chargebee_data
from econdesk.sandbox.economic import (
    SANDBOX_AGREEMENT_GRANT_TOKEN,
    SANDBOX_APP_SECRET_TOKEN,
    EconomicSandbox,
    from_bank_entries,
)
from econdesk.sandbox.faults import FaultConfig
from econdesk.sandbox.frisbii.app import FrisbiiSandbox
from econdesk.sandbox.frisbii.render import frisbii_data
from econdesk.sandbox.ratelimit import BucketLimiter
from econdesk.sandbox.scenario import Scenario, ScenarioSpec, generate
from econdesk.sandbox.server import SandboxServer
from econdesk.sandbox.stripe.app import StripeSandbox
from econdesk.sandbox.stripe.render import stripe_data
from econdesk.services.sync import (
    CancelToken,
    EconomicBank,
    SyncProgress,
    SyncReport,
    SyncService,
)
from econdesk.storage import Database, open_database

START, END = date(2026, 3, 1), date(2026, 3, 31)
FAST = RetryPolicy(attempts=6, base_delay=0.01, max_delay=0.05)
# small pages, so that every stream has several and a sync can stop between them
QUICK = {"rate_limit": RequestRate(5000, burst=8), "retry": FAST, "page_size": 20}
LAST = END + timedelta(days=14)  # the last Stripe payouts arrive after the period


@dataclass
class Sandboxes:
    scenario: Scenario
    economic: EconomicSandbox
    stripe: SandboxServer
    frisbii: SandboxServer
    chargebee: SandboxServer
    stripe_data: stripe.app.StripeData
    frisbii_data: frisbii.app.FrisbiiData
    chargebee_data: chargebee.app.ChargebeeData

    def servers(self) -> list[SandboxServer]:
        return [self.economic.server, self.stripe, self.frisbii, self.chargebee]


@pytest.fixture(scope="module")
def sandboxes() -> Iterator[Sandboxes]:
    scenario = generate(ScenarioSpec(seed=21, size=260, start=START, end=END, name="sync"))
    sd, fd, cd = stripe_data(scenario), frisbii_data(scenario), chargebee_data(scenario)
    generous = lambda: BucketLimiter(5000, 1.0)  # noqa: E731
    with (
        EconomicSandbox(from_bank_entries(scenario.bank_entries)) as economic,
        StripeSandbox(sd).server(limiter=generous()) as stripe_server,
        FrisbiiSandbox(fd).server(limiter=generous()) as frisbii_server,
        ChargebeeSandbox(cd).server(limiter=generous()) as chargebee_server,
    ):
        yield Sandboxes(
            scenario, economic, stripe_server, frisbii_server, chargebee_server, sd, fd, cd
        )


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(f"sqlite:///{tmp_path / 'sync.db'}", actor="sync-test")
    yield database
    database.dispose()


def service(box: Sandboxes, db: Database) -> SyncService:
    def platforms() -> list[Callable[[], PlatformSource]]:
        return [
            lambda: StripeClient(stripe.app.DEMO_KEY, base_url=box.stripe.base_url, **QUICK),
            lambda: FrisbiiClient(frisbii.app.DEMO_KEY, base_url=box.frisbii.base_url, **QUICK),
            lambda: ChargebeeClient(
                chargebee.app.DEMO_KEY, base_url=box.chargebee.base_url, **QUICK
            ),
        ]

    economic = EconomicBank(
        lambda: EconomicClient(
            SANDBOX_APP_SECRET_TOKEN,
            SANDBOX_AGREEMENT_GRANT_TOKEN,
            base_url=box.economic.base_url,
            retry=FAST,
        ),
        5820,
    )
    return SyncService(db, platforms=platforms(), economic=economic, today=lambda: END)


def expected_items(scenario: Scenario) -> dict[str, PlatformItem]:
    providers = ("stripe", "frisbii", "chargebee")
    return {i.ref: i for i in scenario.all_items() if i.provider in providers}


def stored_items(db: Database) -> dict[str, PlatformItem]:
    with db.reader() as store:
        return {
            i.ref: i
            for provider in ("stripe", "frisbii", "chargebee")
            for i in store.items.find(provider=provider)
        }


def run(box: Sandboxes, db: Database, **kw: object) -> SyncReport:
    return service(box, db).run(START, LAST, **kw)  # type: ignore[arg-type]


def expected_bank(scenario: Scenario) -> dict[str, object]:
    return {e.ref: e for e in scenario.bank_entries if START <= e.entry_date <= LAST}


def test_a_sync_stores_exactly_what_the_sources_hold(sandboxes: Sandboxes, db: Database) -> None:
    report = run(sandboxes, db)
    assert report.ok and not report.cancelled
    assert {s.source for s in report.sources} == {
        "economic:bank", "stripe:payouts", "stripe:balance_transactions",
        "frisbii:transactions", "frisbii:disputes", "chargebee:transactions",
        "frisbii:open_invoices", "chargebee:open_invoices",
    }  # fmt: skip
    assert all(s.finished for s in report.sources)
    want = expected_items(sandboxes.scenario)
    got = stored_items(db)
    assert got.keys() == want.keys()
    for ref, item in want.items():
        assert got[ref] == item, ref
    with db.reader() as store:
        payouts = {p.ref for p in store.payouts.find(provider="stripe")}
        assert payouts == {p.ref for p in sandboxes.scenario.payouts if p.provider == "stripe"}
        bank = expected_bank(sandboxes.scenario)
        assert store.bank_entries.get_many(bank) == bank
        cursors = store.cursors.all()
    assert cursors["stripe:payouts"]["done_until"] == (END + timedelta(days=15)).isoformat()
    assert "running" not in cursors["frisbii:transactions"]


def test_a_rerun_stores_nothing_twice_and_audits_nothing(
    sandboxes: Sandboxes, db: Database
) -> None:
    first = run(sandboxes, db)
    with db.reader() as store:
        events = len(store.audit_events())
    again = run(sandboxes, db)
    assert first.stored.inserted == len(expected_items(sandboxes.scenario)) + len(
        [p for p in sandboxes.scenario.payouts if p.provider == "stripe"]
    ) + len(expected_bank(sandboxes.scenario))
    assert again.stored.inserted == 0 and again.stored.updated == 0
    # booked e-conomic entries are not even fetched again (entry numbers only grow)
    assert again.stored.unchanged >= len(expected_items(sandboxes.scenario))
    with db.reader() as store:
        assert len(store.audit_events()) == events
        assert store.verify_audit().ok


def test_a_cancelled_sync_resumes_after_its_last_stored_page(
    sandboxes: Sandboxes, db: Database
) -> None:
    token = CancelToken()
    seen: list[SyncProgress] = []

    def progress(step: SyncProgress) -> None:
        seen.append(step)
        if step.source == "stripe:balance_transactions" and step.pages == 1:
            token.cancel()

    first = run(sandboxes, db, progress=progress, cancel=token)
    assert first.cancelled
    paused = [s for s in first.sources if not s.finished]
    assert paused, "something must have been left for the next run"
    with db.reader() as store:
        cursor = store.cursors.get("stripe:balance_transactions")
        partly = store.items.count()
    assert cursor is not None and cursor["running"]["resume"]
    assert 0 < partly < len(expected_items(sandboxes.scenario))

    resumed = service(sandboxes, db).run(progress=seen.append)  # no dates: continue where it was
    assert resumed.ok and not resumed.cancelled
    assert stored_items(db).keys() == expected_items(sandboxes.scenario).keys()
    # nothing was stored twice: the two runs' new objects add up to the whole
    with db.reader() as store:
        total = store.items.count() + store.payouts.count() + store.bank_entries.count()
    assert first.stored.inserted + resumed.stored.inserted == total


def test_a_changed_object_is_updated_and_the_change_audited(
    sandboxes: Sandboxes, db: Database
) -> None:
    run(sandboxes, db)
    charge = next(
        t
        for t in sandboxes.scenario.transactions
        if t.provider == "stripe" and t.settled and t.kind.value == "payment"
    )
    listing = sandboxes.stripe_data.charges
    listing.tamper(charge.charge_id or "", {"billing_details.name": "Ny Kundesen ApS"})
    try:
        again = run(sandboxes, db)
    finally:
        listing.restore(charge.charge_id or "")
    assert again.stored.updated == 1 and again.stored.inserted == 0
    ref = f"stripe:{charge.id}"
    with db.reader() as store:
        assert store.items.get(ref).customer_name == "Ny Kundesen ApS"  # type: ignore[union-attr]
        changes = store.audit_events(action_prefix="platform_item.changed")
    assert len(changes) == 1
    assert changes[0].subjects == (ref,)
    assert changes[0].payload == {"changes": {}, "personal_changed": ["customer_name"]}
    assert "Kundesen" not in json.dumps(changes[0].payload), "no name in the hashed log"


def test_a_malformed_page_stores_nothing_of_it_and_names_object_and_field(
    sandboxes: Sandboxes, db: Database
) -> None:
    victim = next(
        t
        for t in sandboxes.scenario.transactions
        if t.provider == "frisbii" and t.settled and t.kind.value == "payment"
    )
    listing = sandboxes.frisbii_data.transactions.by_range["created"]
    listing.tamper(victim.id, {"amount": str(abs(victim.amount.to_minor()))})
    try:
        broken = run(sandboxes, db)
    finally:
        listing.restore(victim.id)
    failed = {s.source: s for s in broken.failures}
    assert set(failed) == {"frisbii:transactions"}
    message = failed["frisbii:transactions"].error or ""
    assert f"transaction {victim.id}" in message and "'amount'" in message
    assert "must be an integer, got str" in message
    with db.reader() as store:
        assert store.items.get(f"frisbii:{victim.id}") is None
        cursor = store.cursors.get("frisbii:transactions")
    # the other platforms finished regardless
    assert {s.source for s in broken.sources if s.finished} >= {
        "stripe:payouts", "chargebee:transactions", "economic:bank",
    }  # fmt: skip
    assert cursor is None or "done_until" not in cursor
    fixed = run(sandboxes, db)
    assert fixed.ok
    assert stored_items(db).keys() == expected_items(sandboxes.scenario).keys()


def test_faults_on_every_sandbox_change_nothing_in_the_result(
    sandboxes: Sandboxes, db: Database
) -> None:
    for server in sandboxes.servers():
        server.faults.config = FaultConfig(
            error_rate=0.08, throttle_rate=0.04, drop_rate=0.04, retry_after_seconds=0.01,
            latency_ms=1, seed=4,
        )  # fmt: skip
    try:
        report = run(sandboxes, db)
    finally:
        for server in sandboxes.servers():
            server.faults.config = FaultConfig()
    assert report.ok, [s.error for s in report.failures]
    injected = sum(sum(s.faults.injected.values()) for s in sandboxes.servers())
    assert injected > 5
    got = stored_items(db)
    want = expected_items(sandboxes.scenario)
    assert got == want


def test_incremental_window_starts_before_where_the_last_sync_finished(
    sandboxes: Sandboxes, db: Database
) -> None:
    run(sandboxes, db)
    later = service(sandboxes, db)
    later.today = lambda: END + timedelta(days=20)
    report = later.run()
    stripe_report = next(s for s in report.sources if s.source == "stripe:payouts")
    assert stripe_report.window is not None
    assert stripe_report.window.start == END + timedelta(days=15 - 3)
    assert stripe_report.window.end == END + timedelta(days=21)
    assert report.stored.inserted == 0


def test_sync_keeps_e_conomics_years_and_never_stores_again_what_a_purge_took(
    sandboxes: Sandboxes, db: Database
) -> None:
    """After a purge up to 15 March, a sync of March stores only what is dated from then on:
    storing the older objects again would bring back the names the purge removed."""
    cut = date(2026, 3, 15)
    with db.transaction() as store:
        store.record("privacy.purged", ["privacy"], {"before": cut.isoformat()})
    assert run(sandboxes, db).ok
    with db.reader() as store:
        items = store.items.find()
        bank = store.bank_entries.find()
        years = store.privacy.years()
    assert items and all(i.occurred_at.date() >= cut for i in items)
    assert bank and all(e.entry_date >= cut for e in bank)
    assert any(i.occurred_at.date() < cut for i in expected_items(sandboxes.scenario).values())
    assert years and all(y.from_date <= START and y.to_date >= LAST for y in years), years
