"""End to end: MobilePay transfers whose fee the matcher inferred are synced, matched, approved
and posted, and e-conomic's books show the fee on the fee account and the clearing emptied.

MobilePay Subscriptions payments reach econdesk as Frisbii transactions that state no fee; the
daily transfer is their total less MobilePay's fee. The e-conomic sandbox holds the scenario's
bank lines, and each MobilePay transfer's other leg on Frisbii's clearing account (as the bank
rule booked it), so after posting and booking the sandbox's own balances show the outcome.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import timedelta
from decimal import Decimal

import pytest

from econdesk.accounting.marker import markers_in, match_marker
from econdesk.accounting.vouchers import PostingProfile
from econdesk.connectors import eventloop
from econdesk.connectors.economic.client import EconomicClient
from econdesk.connectors.frisbii.client import FrisbiiClient
from econdesk.connectors.ratelimit import RequestRate
from econdesk.domain.model import (
    BankEntry,
    BankEntryOrigin,
    Mappings,
    MatchMethod,
    MatchState,
    ProviderMapping,
    Tolerance,
)
from econdesk.domain.money import Money
from econdesk.sandbox import frisbii
from econdesk.sandbox.economic import (
    SANDBOX_AGREEMENT_GRANT_TOKEN,
    SANDBOX_APP_SECRET_TOKEN,
    EconomicSandbox,
    from_bank_entries,
)
from econdesk.sandbox.economic.chart import SUSPENSE_ACCOUNT
from econdesk.sandbox.frisbii.app import FrisbiiSandbox
from econdesk.sandbox.frisbii.render import frisbii_data
from econdesk.sandbox.ratelimit import BucketLimiter
from econdesk.sandbox.scenario import ExpectedMatch, Scenario, load_scenario
from econdesk.sandbox.server import SandboxServer
from econdesk.services.mappings import MappingService
from econdesk.services.matching import MatchingService, match_json
from econdesk.services.posting import EconomicPort, Outcome, PostingOptions, PostingService
from econdesk.services.sync import EconomicBank, SyncService
from econdesk.storage import Database
from tests.services.posting_world import BANK, DIFFERENCE, FAST_RETRY, FEES

FRISBII_CLEARING = 5831
MAPPINGS = Mappings(
    providers=(ProviderMapping("frisbii", FRISBII_CLEARING, FEES),),
    difference_account=DIFFERENCE,
    default_revenue_account=1010,
    default_vat_code="U25",
    tolerances={"frisbii": Tolerance(Money.of("0.50", "DKK"))},
)


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario("tiny")


def booked_transfers(scenario: Scenario) -> dict[str, ExpectedMatch]:
    """The scenario's MobilePay transfers already booked in e-conomic, by bank ref."""
    truth = {m.bank_ref: m for m in scenario.truth.matches if m.provider == "mobilepay"}
    return {
        e.ref: truth[e.ref]
        for e in scenario.bank_entries
        if e.ref in truth and e.origin is BankEntryOrigin.BOOKED
    }


@pytest.fixture
def economic(scenario: Scenario) -> Iterator[EconomicSandbox]:
    """The scenario's bank lines, booked whole: the MobilePay transfers bank debit / Frisbii
    clearing credit, the rest waiting on the suspense account (this test posts only those)."""
    transfers = booked_transfers(scenario)

    def contra(entry: BankEntry) -> int:
        return FRISBII_CLEARING if entry.ref in transfers else SUSPENSE_ACCOUNT

    data = from_bank_entries(scenario.bank_entries, contra=contra)
    with EconomicSandbox(data) as running:
        yield running


@pytest.fixture
def frisbii_server(scenario: Scenario) -> Iterator[SandboxServer]:
    with FrisbiiSandbox(frisbii_data(scenario)).server(limiter=BucketLimiter(5000, 1.0)) as s:
        yield s


def _client(sandbox: EconomicSandbox) -> EconomicClient:
    return EconomicClient(
        SANDBOX_APP_SECRET_TOKEN,
        SANDBOX_AGREEMENT_GRANT_TOKEN,
        base_url=sandbox.base_url,
        journals_url=sandbox.journals_url,
        retry=FAST_RETRY,
        timeout=5.0,
    )


def _posting(db: Database, sandbox: EconomicSandbox) -> PostingService:
    @asynccontextmanager
    async def factory() -> AsyncIterator[EconomicPort]:
        async with _client(sandbox) as client:
            yield client

    options = PostingOptions(PostingProfile.CLEARING, journal=1, bank_account=BANK, book=True)
    return PostingService(db, factory, options, MappingService(db, MAPPINGS))


def test_mobilepay_transfers_post_their_inferred_fee_and_empty_the_clearing_account(
    sqlite_db: Database,
    scenario: Scenario,
    economic: EconomicSandbox,
    frisbii_server: SandboxServer,
) -> None:
    start, end = scenario.spec.start, scenario.spec.end
    sync = SyncService(
        sqlite_db,
        platforms=[
            lambda: FrisbiiClient(
                frisbii.app.DEMO_KEY,
                base_url=frisbii_server.base_url,
                rate_limit=RequestRate(5000, burst=8),
                retry=FAST_RETRY,
                page_size=20,
            )
        ],
        economic=EconomicBank(lambda: _client(economic), BANK),
        today=lambda: end,
    )
    assert sync.run(start, end + timedelta(days=30)).ok

    matching = MatchingService(sqlite_db)
    run = matching.run()
    truth = booked_transfers(scenario)
    assert truth, "the tiny scenario has MobilePay transfers booked in e-conomic"
    transfers = [m for m in run.proposals if m.bank_refs[0] in truth]
    assert sorted(m.bank_refs[0] for m in transfers) == sorted(truth)
    fees: dict[str, Money] = {}
    for m in transfers:  # the platform states no fee: the matcher inferred MobilePay's
        expected = truth[m.bank_refs[0]]
        assert m.method is MatchMethod.SUBSET
        # (which payments of one price it picks may differ from the truth; the fee may not)
        assert len(m.item_refs) == len(expected.item_refs)
        assert m.inferred_fee == expected.fees and expected.fees.amount > 0, m
        fees[m.id] = expected.fees
    approved = matching.approve([m.id for m in transfers])
    assert {m.id: m.inferred_fee for m in approved} == fees  # the store kept them
    listed = {m.id: match_json(m)["inferred_fee"] for m in matching.matches(MatchState.APPROVED)}
    assert listed == {match_id: fee.format() for match_id, fee in fees.items()}

    report = eventloop.run(_posting(sqlite_db, economic).post([m.id for m in transfers]))
    assert report.ok, report
    assert {o.match_id for o in report.by(Outcome.POSTED)} == set(fees)

    # What e-conomic was sent: each transfer's fee, whole, on the fee account against clearing.
    sent = [
        entry
        for record in economic.data.posted
        for body in (record.body if isinstance(record.body, list) else [record.body])
        for entries in body["entries"].values()
        for entry in entries
    ]
    for m in transfers:
        marker = match_marker(m)
        lines = [e for e in sent if markers_in(e["text"]) == [marker]]
        on_fees = [e for e in lines if e.get("account", {}).get("accountNumber") == FEES]
        assert [(e["amount"], e["contraAccount"]["accountNumber"]) for e in on_fees] == [
            (fees[m.id].amount, FRISBII_CLEARING)
        ], m.id
        on_difference = [
            e["amount"] for e in lines if e.get("account", {}).get("accountNumber") == DIFFERENCE
        ]
        assert sum(on_difference, Decimal(0)) == -m.difference.amount, m.id
    # ...and its books once booked: the fees on the fee account, the clearing account empty.
    assert economic.data.balance(FEES) == sum(f.amount for f in fees.values())
    assert economic.data.balance(FRISBII_CLEARING) == 0
    with sqlite_db.reader() as store:
        for match_id in fees:
            assert store.matches.get(match_id).state is MatchState.POSTED
