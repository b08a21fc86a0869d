"""Several Vipps MobilePay sales units (MSNs) over loopback: the ledger list is asked once per
unit, a ledger that settles several units together is read once, and every unit's payouts
come back; the single-unit `Merchant-Serial-Number` header is not sent for several."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from econdesk.connectors import eventloop
from econdesk.connectors.http import RetryPolicy
from econdesk.connectors.mobilepay.client import MobilePayReportClient
from econdesk.connectors.platform import Window
from econdesk.connectors.ratelimit import RequestRate
from econdesk.sandbox.mobilepay.app import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    DEMO_SUBSCRIPTION_KEY,
    MobilePayData,
    MobilePaySandbox,
    SandboxLedger,
)
from econdesk.sandbox.ratelimit import BucketLimiter
from econdesk.sandbox.server import SandboxServer
from tests.connectors.platform_client_support import read_pages

MAY = Window(date(2024, 5, 1), date(2024, 6, 1))
SHOP, WEB, KIOSK, CAFE, OTHER = "123456", "234567", "345678", "456789", "999999"


def _ledger(ledger_id: str, msn: str, capture: int, *also: str) -> SandboxLedger:
    """A ledger with one day: a capture, its fee retained, the payout scheduled."""
    ledger = SandboxLedger(id=ledger_id, currency="DKK", msn=msn, also_settles=also)
    day, at = date(2024, 5, 6), "2024-05-06T12:00:00+02:00"
    fee = capture // 100
    ledger.add("funds", day, "capture", capture, psp_reference=f"{ledger_id}-c", at=at,
               reference=f"order-{ledger_id}")  # fmt: skip
    ledger.add("fees", day, "capture-fee", -fee, psp_reference=f"{ledger_id}-c", at=at)
    for topic, sign in (("funds", -1), ("fees", 1)):
        ledger.add(topic, day, "fees-retained", sign * fee, psp_reference=f"{ledger_id}-f", at=at)
    ledger.add("funds", day, "payout-scheduled", -(capture - fee), psp_reference=f"{ledger_id}-p",
               at=at, reference=f"MobilePay {ledger_id}")  # fmt: skip
    return ledger


@pytest.fixture
def server() -> Iterator[SandboxServer]:
    data = MobilePayData(
        [
            _ledger("500001", SHOP, 10_000),
            _ledger("500002", WEB, 20_000),
            _ledger("500003", KIOSK, 40_000, CAFE),  # two units settled together
            _ledger("500004", OTHER, 80_000),  # a unit the business did not list
        ]
    )
    sandbox = MobilePaySandbox(data, ledgers_per_page=1)
    with sandbox.server(limiter=BucketLimiter(5000, 1.0)) as srv:
        yield srv


def _client(server: SandboxServer, msns: list[str]) -> MobilePayReportClient:
    return MobilePayReportClient(
        DEMO_CLIENT_ID,
        DEMO_CLIENT_SECRET,
        DEMO_SUBSCRIPTION_KEY,
        merchant_serial_numbers=msns,
        base_url=server.base_url,
        rate_limit=RequestRate(5000, burst=8),
        retry=RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05),
    )


def _payouts(server: SandboxServer, msns: list[str]) -> dict[str, int]:
    (page,) = read_pages(lambda: _client(server, msns), ["payouts"], MAY)
    return {p.external_id: p.amount.to_minor() for p in page.payouts}


def test_every_listed_unit_is_read_and_a_shared_ledger_once(server: SandboxServer) -> None:
    got = _payouts(server, [SHOP, WEB, KIOSK, CAFE])
    assert got == {
        "500001-2024-05-06": 9_900,
        "500002-2024-05-06": 19_800,
        "500003-2024-05-06": 39_600,  # KIOSK and CAFE's ledger, not twice
    }
    asked = [e.target for e in server.exchanges("GET", "/settlement/v1/ledgers")]
    for msn in (SHOP, WEB, KIOSK, CAFE):
        assert any(f"settlesForRecipientHandles=api%3A{msn}" in t for t in asked), msn
    reads = [e.target for e in server.exchanges("GET", "/ledgers/500003/funds/dates/2024-05-06")]
    assert len(reads) == 1
    (token,) = server.exchanges("POST", "/accesstoken/get")
    assert "merchant-serial-number" not in token.headers  # it names a single unit


def test_one_unit_reads_its_own_ledger_only_and_says_which(server: SandboxServer) -> None:
    assert _payouts(server, [WEB]) == {"500002-2024-05-06": 19_800}
    (token,) = server.exchanges("POST", "/accesstoken/get")
    assert token.headers["merchant-serial-number"] == WEB


def test_no_unit_reads_every_ledger_the_keys_reach(server: SandboxServer) -> None:
    assert len(_payouts(server, [])) == 4


def test_ledgers_are_listed_once_per_unit_in_order(server: SandboxServer) -> None:
    async def run() -> list[str]:
        client = _client(server, [CAFE, SHOP, KIOSK])
        try:
            return [ledger.id for ledger in await client.ledgers()]
        finally:
            await client.aclose()

    assert eventloop.run(run()) == ["500003", "500001"]
