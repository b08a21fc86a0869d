"""The Clearhaus Merchant API client over loopback against the sandbox: OAuth client
credentials (expiry and revocation answered by a new token), HAL links followed (templated,
page-numbered and cursor-paged lists), 401, 429 and bad queries, and settlements with a
reserve and other postings becoming payouts and the acquirer's own items."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from econdesk.connectors.clearhaus.client import ClearhausClient
from econdesk.connectors.errors import AuthError, ValidationError
from econdesk.connectors.http import RetryPolicy
from econdesk.connectors.platform import SourcePage, Window
from econdesk.connectors.ratelimit import RequestRate
from econdesk.domain.links import parse_link
from econdesk.domain.model import ItemKind
from econdesk.domain.money import Money
from econdesk.sandbox.clearhaus.app import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    CardDispute,
    CardTransaction,
    ClearhausData,
    ClearhausSandbox,
    SandboxSettlement,
)
from econdesk.sandbox.clearhaus.render import clearhaus_data
from econdesk.sandbox.faults import FaultKind
from econdesk.sandbox.ratelimit import BucketLimiter
from econdesk.sandbox.scenario import Scenario, load_scenario
from econdesk.sandbox.server import SandboxServer
from tests.connectors.platform_client_support import MARCH, read_pages

SPRING = Window(date(2026, 3, 1), date(2026, 7, 1))


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario("tiny")


def client(
    server: SandboxServer,
    *,
    secret: str = DEMO_CLIENT_SECRET,
    page_size: int = 3,
    clock: Clock | None = None,
) -> ClearhausClient:
    return ClearhausClient(
        DEMO_CLIENT_ID,
        secret,
        base_url=server.base_url,
        page_size=page_size,
        rate_limit=RequestRate(5000, burst=8),
        retry=RetryPolicy(attempts=6, base_delay=0.01, max_delay=0.05),
        clock=clock,
    )


@pytest.fixture
def sandbox(scenario: Scenario) -> ClearhausSandbox:
    return ClearhausSandbox(clearhaus_data(scenario))


@pytest.fixture
def server(sandbox: ClearhausSandbox) -> Iterator[SandboxServer]:
    with sandbox.server(limiter=BucketLimiter(5000, 1.0)) as srv:
        yield srv


def fetch(server: SandboxServer, window: Window = SPRING, **kw: object) -> list[SourcePage]:
    return read_pages(lambda: client(server, **kw), ["settlements"], window)  # type: ignore[arg-type]


def test_every_settlement_paid_in_the_window_comes_with_its_card_payments(
    server: SandboxServer, scenario: Scenario
) -> None:
    pages = fetch(server, MARCH)
    payouts = [p for page in pages for p in page.payouts]
    expected = [
        p
        for p in scenario.payouts
        if p.provider == "clearhaus" and MARCH.start <= p.arrival_date < MARCH.end
    ]
    assert len(pages) > 1  # page-numbered: the `next` link was followed
    assert {p.ref for p in payouts} == {p.ref for p in expected}
    by_ref = {p.ref: p for p in expected}
    for payout in payouts:
        truth = by_ref[payout.ref]
        assert payout.amount == truth.amount
        assert payout.arrival_date == truth.arrival_date
        assert payout.statement_descriptor == truth.statement_descriptor
        assert payout.fees == truth.fees
        assert len(payout.component_refs) == len(truth.component_refs)
        assert all(parse_link(c) is not None for c in payout.component_refs)
    # each link names the Frisbii item by its acquirer reference, of the right kind
    frisbii = {i.ref: i for i in scenario.iter_items("frisbii")}
    for payout in payouts:
        keys = {parse_link(c).key for c in payout.component_refs}  # type: ignore[union-attr]
        wanted = {frisbii[c].references[0] for c in by_ref[payout.ref].component_refs}
        assert keys == wanted


def test_the_query_asks_for_the_window_and_the_transactions_are_cursor_paged(
    server: SandboxServer,
) -> None:
    fetch(server, MARCH)
    lists = server.exchanges("GET", r"^/settlements$")
    assert "payout.date%3A2026-03-01..2026-03-31" in lists[0].target
    cursors = [e for e in server.exchanges("GET", r"/transactions$") if "next=" in e.target]
    assert cursors, "a settlement with more transactions than a page was walked by `next`"
    assert all(e.headers["authorization"].startswith("Bearer ") for e in lists)


def test_one_token_serves_the_run_and_a_revoked_token_is_replaced(
    server: SandboxServer, sandbox: ClearhausSandbox
) -> None:
    async def run() -> tuple[int, int]:
        c = client(server)
        try:
            first = [p async for p in c.pages("settlements", MARCH)]
            sandbox.revoke_tokens()  # rotated or expired early: the next call gets a 401
            second = [p async for p in c.pages("settlements", MARCH)]
            assert [p.payouts for p in first] == [p.payouts for p in second]
            return c.auth.fetched, len(server.exchanges("POST", "/oauth/token"))
        finally:
            await c.aclose()

    from econdesk.connectors import eventloop

    fetched, posted = eventloop.run(run())
    assert fetched == posted == 2
    assert any(e.status == 401 for e in server.exchanges("GET"))


def test_a_token_past_its_lifetime_is_renewed_before_it_is_refused(
    scenario: Scenario,
) -> None:
    clock = Clock()
    sandbox = ClearhausSandbox(clearhaus_data(scenario), token_lifetime=600, clock=clock)
    with sandbox.server(limiter=BucketLimiter(5000, 1.0)) as server:

        async def run() -> int:
            c = client(server, clock=clock)
            try:
                [p async for p in c.pages("settlements", MARCH)]
                clock.now += 601  # both sides: the token has run out
                [p async for p in c.pages("settlements", MARCH)]
                return c.auth.fetched
            finally:
                await c.aclose()

        from econdesk.connectors import eventloop

        assert eventloop.run(run()) == 2
        # renewed from `expires_in`, not after a refusal
        assert not any(e.status == 401 for e in server.exchanges("GET"))
        form = server.exchanges("POST", "/oauth/token")[0].body.decode()
        assert "grant_type=client_credentials" in form
        assert f"audience={server.base_url}".replace(":", "%3A").replace("/", "%2F") in form


def test_wrong_client_credentials_are_an_auth_error_naming_the_client(
    server: SandboxServer,
) -> None:
    with pytest.raises(AuthError, match="client id and secret were not accepted"):
        fetch(server, secret="wrong-secret")
    assert len(server.exchanges("POST", "/oauth/token")) == 1  # not retried


def test_429_and_5xx_are_waited_out(server: SandboxServer) -> None:
    clean = fetch(server, MARCH)
    server.clear_exchanges()
    server.faults.script(FaultKind.THROTTLE, method="GET", path="/settlements", retry_after=0.01)
    server.faults.script(FaultKind.ERROR, method="GET", path="/transactions", status=503)
    server.faults.script(FaultKind.THROTTLE, method="POST", path="/oauth/token", retry_after=0.01)
    again = fetch(server, MARCH)
    assert [p.payouts for p in again] == [p.payouts for p in clean]
    assert any(e.status == 429 for e in server.exchanges())


def test_a_query_the_api_refuses_is_a_validation_error(server: SandboxServer) -> None:
    async def run() -> None:
        c = client(server)
        c.settlement_query = lambda window: "paid:yes"  # type: ignore[method-assign]
        try:
            [p async for p in c.pages("settlements", MARCH)]
        finally:
            await c.aclose()

    from econdesk.connectors import eventloop

    with pytest.raises(ValidationError, match="Unknown query modifier"):
        eventloop.run(run())


def _reserved_settlement() -> SandboxSettlement:
    return SandboxSettlement(
        id="5a1d2c3e-0000-4000-8000-000000000001",
        currency="DKK",
        period_start=date(2026, 3, 2),
        period_end=date(2026, 3, 2),
        payout_date=date(2026, 3, 4),
        reference_number="CH2000001",
        transactions=[
            CardTransaction("tx-1", "capture", 50_000, "2026-03-02T10:00:00Z", "inv-1", 750),
            CardTransaction("tx-2", "capture", 30_000, "2026-03-02T11:00:00Z", "inv-2", 460),
            CardTransaction("tx-3", "refund", 10_000, "2026-03-02T12:00:00Z", "inv-3"),
        ],
        disputes=[CardDispute("dp-1", "tx-0", 5_000, "2026-03-01T09:00:00Z")],
        other_postings=[(date(2026, 3, 2), "Chargeback fee", -7_500)],
        reserve=4_000,
        reserve_date=date(2026, 6, 1),
    )


def test_a_reserve_and_other_postings_become_items_and_a_later_payout() -> None:
    data = ClearhausData([_reserved_settlement()])
    with ClearhausSandbox(data).server(limiter=BucketLimiter(5000, 1.0)) as server:
        pages = fetch(server)
    payouts = {p.external_id: p for page in pages for p in page.payouts}
    items = {i.external_id: i for page in pages for i in page.items}
    sid = "5a1d2c3e-0000-4000-8000-000000000001"
    main, reserve = payouts[sid], payouts[f"{sid}/reserve"]
    # 800 - 100 - 50 - 12.10 - 75 = 562.90 net; 40 withheld
    assert main.amount == Money.of("522.90", "DKK")
    assert main.fees == Money.of("12.10", "DKK")
    assert reserve.amount == Money.of("40.00", "DKK")
    assert reserve.arrival_date == date(2026, 6, 1)
    assert reserve.statement_descriptor == "CH2000001 2026-06-01"
    withheld, released = items[f"{sid}/reserve-withheld"], items[f"{sid}/reserve-released"]
    posting = items[f"{sid}/posting-1"]
    assert (withheld.amount, released.amount) == (Money.of("-40", "DKK"), Money.of("40", "DKK"))
    assert posting.amount == Money.of("-75", "DKK") and posting.description == "Chargeback fee"
    assert all(i.kind is ItemKind.ADJUSTMENT for i in items.values())
    assert set(main.component_refs) == {
        "clearhaus:capture:tx-1",
        "clearhaus:capture:tx-2",
        "clearhaus:refund:tx-3",
        "clearhaus:chargeback:tx-0",
        withheld.ref,
        posting.ref,
    }
    assert reserve.component_refs == (released.ref,)
