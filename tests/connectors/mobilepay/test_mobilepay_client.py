"""The Vipps MobilePay Report API client over loopback against the sandbox: the merchant
token (its string `expires_in`, renewal after a 401), ledgers and day reports paged by cursor,
days not closed yet left for later, and payouts made of captures, refunds, retained fees and
the ledger's own corrections."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from econdesk.connectors import eventloop
from econdesk.connectors.errors import AuthError
from econdesk.connectors.http import RetryPolicy
from econdesk.connectors.mobilepay.client import MobilePayReportClient
from econdesk.connectors.platform import SourcePage, Window
from econdesk.connectors.ratelimit import RequestRate
from econdesk.domain.links import parse_link
from econdesk.domain.model import ItemKind
from econdesk.domain.money import Money
from econdesk.sandbox.faults import FaultKind
from econdesk.sandbox.mobilepay.app import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    DEMO_MSN,
    DEMO_SUBSCRIPTION_KEY,
    MobilePayData,
    MobilePaySandbox,
    SandboxLedger,
)
from econdesk.sandbox.mobilepay.render import mobilepay_data
from econdesk.sandbox.ratelimit import BucketLimiter
from econdesk.sandbox.scenario import Scenario, load_scenario
from econdesk.sandbox.scenario.deposits import DepositKind
from econdesk.sandbox.server import SandboxServer
from tests.connectors.platform_client_support import MARCH, read_pages


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario("tiny")


@pytest.fixture
def sandbox(scenario: Scenario) -> MobilePaySandbox:
    data = mobilepay_data(scenario)
    data.ledgers.append(SandboxLedger(id="302322", currency="EUR", msn=DEMO_MSN))  # no sales
    return MobilePaySandbox(data, ledgers_per_page=1)


@pytest.fixture
def server(sandbox: MobilePaySandbox) -> Iterator[SandboxServer]:
    with sandbox.server(limiter=BucketLimiter(5000, 1.0)) as srv:
        yield srv


def client(
    server: SandboxServer,
    *,
    secret: str = DEMO_CLIENT_SECRET,
    key: str = DEMO_SUBSCRIPTION_KEY,
    page_size: int = 1000,
) -> MobilePayReportClient:
    return MobilePayReportClient(
        DEMO_CLIENT_ID,
        secret,
        key,
        merchant_serial_numbers=[DEMO_MSN],
        base_url=server.base_url,
        rate_limit=RequestRate(5000, burst=8),
        retry=RetryPolicy(attempts=6, base_delay=0.01, max_delay=0.05),
        page_size=page_size,
    )


def fetch(server: SandboxServer, window: Window = MARCH, **kw: object) -> list[SourcePage]:
    return read_pages(lambda: client(server, **kw), ["payouts"], window)  # type: ignore[arg-type]


def test_each_transfer_is_a_payout_of_its_captures_refunds_and_fees(
    server: SandboxServer, scenario: Scenario
) -> None:
    (page,) = fetch(server)
    deposits = [
        d
        for d in scenario.deposits
        if d.kind is DepositKind.MOBILEPAY_TRANSFER and MARCH.start <= d.created < MARCH.end
    ]
    assert deposits
    got = sorted(page.payouts, key=lambda p: p.arrival_date)
    assert [p.amount.to_minor() for p in got] == [d.net for d in deposits]
    assert [p.fees.to_minor() for p in got if p.fees] == [d.fees for d in deposits if d.fees]
    assert all(p.has_breakdown for p in got)
    for payout, deposit in zip(got, deposits, strict=True):
        invoices = sorted(
            scenario.invoices[scenario.transactions[t].invoice].number for t in deposit.transactions
        )
        links = [parse_link(c) for c in payout.component_refs]
        assert sorted(link.key for link in links if link) == invoices
        assert payout.statement_descriptor == deposit.descriptor
    # the merchant token was asked for with the subscription key and the sales unit
    (token_call,) = server.exchanges("POST", "/accesstoken/get")
    assert token_call.headers["merchant-serial-number"] == DEMO_MSN
    assert token_call.headers["client_id"] == DEMO_CLIENT_ID


def test_small_pages_and_faults_give_the_same_payouts(server: SandboxServer) -> None:
    (clean,) = fetch(server)
    server.clear_exchanges()
    server.faults.script(FaultKind.THROTTLE, method="GET", path="/funds/", retry_after=0.01)
    server.faults.script(FaultKind.ERROR, method="GET", path="/fees/", status=502)
    (paged,) = fetch(server, page_size=1)
    assert paged.payouts == clean.payouts
    assert any("cursor=" in e.target for e in server.exchanges("GET", "/funds/"))
    assert any("cursor=" in e.target for e in server.exchanges("GET", "/settlement/v1/ledgers"))


def test_a_revoked_token_is_replaced_once(server: SandboxServer, sandbox: MobilePaySandbox) -> None:
    async def run() -> int:
        c = client(server)
        try:
            await c.ledgers()
            sandbox.revoke_tokens()
            await c.day((await c.ledgers())[0], "funds", date(2026, 3, 3))
            return c.auth.fetched
        finally:
            await c.aclose()

    assert eventloop.run(run()) == 2


def test_wrong_credentials_and_a_wrong_subscription_key_are_auth_errors(
    server: SandboxServer,
) -> None:
    with pytest.raises(AuthError, match="access token refused"):
        fetch(server, secret="nope")
    with pytest.raises(AuthError, match="subscription key"):
        fetch(server, key="not-the-key")


def _ledger() -> SandboxLedger:
    """Two days: a capture and a refund with a correction, fees retained, paid out the second
    day; a third day is not closed yet."""
    lg = SandboxLedger(id="L1", currency="DKK", msn=DEMO_MSN, closed_until=date(2026, 3, 3))
    d1, d2 = date(2026, 3, 2), date(2026, 3, 3)
    lg.add(
        "funds",
        d1,
        "capture",
        10_000,
        psp_reference="p1",
        at="2026-03-02T10:00:00+01:00",
        reference="inv-1",
    )
    lg.add("fees", d1, "capture-fee", -100, psp_reference="p1", at="2026-03-02T10:00:00+01:00")
    lg.add(
        "funds",
        d2,
        "capture",
        20_000,
        psp_reference="p2",
        at="2026-03-03T09:00:00+01:00",
        reference="inv-2",
    )
    lg.add("fees", d2, "capture-fee", -200, psp_reference="p2", at="2026-03-03T09:00:00+01:00")
    lg.add(
        "funds",
        d2,
        "refund",
        -5_000,
        psp_reference="p3",
        at="2026-03-03T10:00:00+01:00",
        reference="inv-1",
    )
    lg.add(
        "funds",
        d2,
        "correction",
        -1_000,
        psp_reference="p4",
        at="2026-03-03T11:00:00+01:00",
        reference="adj 7",
    )
    lg.add("funds", d2, "fees-retained", -300, psp_reference="p5", at="2026-03-03T23:00:00+01:00")
    lg.add("fees", d2, "fees-retained", 300, psp_reference="p5", at="2026-03-03T23:00:00+01:00")
    lg.add(
        "funds",
        d2,
        "payout-scheduled",
        -23_700,
        psp_reference="p6",
        at="2026-03-03T23:00:00+01:00",
        reference="Vipps utbet. 2000023",
    )
    lg.add(
        "funds",
        date(2026, 3, 4),
        "capture",
        5_000,
        psp_reference="p7",
        at="2026-03-04T09:00:00+01:00",
        reference="inv-3",
    )
    return lg


def test_a_correction_is_the_ledgers_own_posting_and_open_days_wait() -> None:
    data = MobilePayData([_ledger()])
    with MobilePaySandbox(data).server(limiter=BucketLimiter(5000, 1.0)) as server:
        (page,) = fetch(server)
    (payout,) = page.payouts
    (correction,) = page.items
    assert payout.amount == Money.of("237.00", "DKK")
    assert payout.arrival_date == date(2026, 3, 4)
    assert payout.fees == Money.of("3.00", "DKK")
    assert payout.gross == Money.of("300.00", "DKK")
    assert payout.statement_descriptor == "Vipps utbet. 2000023"
    assert correction.kind is ItemKind.ADJUSTMENT and correction.amount == Money.of("-10", "DKK")
    assert correction.description == "correction adj 7"
    assert payout.component_refs == (
        "mobilepay:capture:inv-1",
        "mobilepay:capture:inv-2",
        "mobilepay:refund:inv-1",
        correction.ref,
    )


def test_an_aborted_payout_goes_on_into_the_next_one() -> None:
    lg = SandboxLedger(id="L2", currency="DKK", msn=DEMO_MSN)
    d1, d2, d3 = date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4)
    at = "T12:00:00+01:00"
    lg.add("funds", d1, "capture", 10_000, psp_reference="a1", at=f"{d1}{at}", reference="inv-1")
    lg.add("funds", d1, "payout-scheduled", -10_000, psp_reference="a2", at=f"{d1}T23:00:00+01:00")
    lg.add("funds", d2, "payout-aborted", 10_000, psp_reference="a3", at=f"{d2}{at}")
    lg.add("funds", d3, "capture", 5_000, psp_reference="a4", at=f"{d3}{at}", reference="inv-2")
    lg.add("funds", d3, "payout-scheduled", -15_000, psp_reference="a5", at=f"{d3}T23:00:00+01:00")
    with MobilePaySandbox(MobilePayData([lg])).server(limiter=BucketLimiter(5000, 1.0)) as server:
        (page,) = fetch(server)
    (payout,) = page.payouts  # the aborted one never reached the bank
    assert payout.amount == Money.of("150.00", "DKK") and payout.has_breakdown
    assert payout.arrival_date == date(2026, 3, 5)
    assert payout.component_refs == ("mobilepay:capture:inv-1", "mobilepay:capture:inv-2")
    assert page.items == ()
