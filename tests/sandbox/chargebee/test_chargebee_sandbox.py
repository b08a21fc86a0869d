"""The Chargebee sandbox serves a Scenario as Chargebee does; the connector reads it back."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest

from econdesk.connectors import eventloop
from econdesk.connectors.chargebee.client import ChargebeeClient
from econdesk.connectors.http import RetryPolicy
from econdesk.connectors.platform import Window
from econdesk.connectors.ratelimit import RequestRate
from econdesk.domain.model import PlatformItem
from econdesk.sandbox.chargebee.app import DEMO_KEY, ChargebeeSandbox
from econdesk.sandbox.chargebee.render import chargebee_data
from econdesk.sandbox.ratelimit import BucketLimiter
from econdesk.sandbox.scenario import Scenario, ScenarioSpec, generate
from econdesk.sandbox.server import SandboxServer


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return generate(ScenarioSpec(seed=3, size=500, name="chargebee-test"))


@pytest.fixture(scope="module")
def server(scenario: Scenario) -> Iterator[SandboxServer]:
    with ChargebeeSandbox(chargebee_data(scenario)).server(limiter=BucketLimiter(5000, 1)) as srv:
        yield srv


def fetch(scenario: Scenario, server: SandboxServer, **kw: object) -> list[PlatformItem]:
    window = Window(scenario.spec.start, scenario.spec.end + timedelta(days=1))

    async def run() -> list[PlatformItem]:
        async with ChargebeeClient(DEMO_KEY, base_url=server.base_url, **kw) as c:  # type: ignore[arg-type]
            return [i async for p in c.pages("transactions", window) for i in p.items]

    return eventloop.run(run())


def test_connector_reads_back_exactly_the_scenarios_chargebee_items(
    scenario: Scenario, server: SandboxServer
) -> None:
    items = fetch(scenario, server, page_size=7, rate_limit=RequestRate(2000, burst=8))
    expected = {i.ref: i for i in scenario.iter_items("chargebee")}
    assert len(expected) >= 20
    got = {i.ref: i for i in items}
    assert len(got) == len(items)
    assert got.keys() == expected.keys()
    for ref, item in expected.items():
        assert got[ref] == item, ref
    times = [i.occurred_at for i in items]
    assert times == sorted(times)  # asked for sort_by[asc]=date


def test_a_site_over_its_limit_answers_429_and_the_client_waits_it_out(
    scenario: Scenario,
) -> None:
    with ChargebeeSandbox(chargebee_data(scenario)).server(limiter=BucketLimiter(4, 1.0)) as tight:
        items = fetch(
            scenario,
            tight,
            page_size=10,
            rate_limit=RequestRate(1000, burst=8),
            retry=RetryPolicy(attempts=8, base_delay=0.05),
        )
        refused = [e for e in tight.exchanges() if e.status == 429]
    assert refused, "the client should have run into the site's limit"
    assert {i.ref for i in items} == {i.ref for i in scenario.iter_items("chargebee")}


def get(server: SandboxServer, path: str, key: str = DEMO_KEY) -> httpx.Response:
    return httpx.get(f"{server.base_url}/api/v2{path}", auth=(key, ""))


def test_list_shape_offset_and_filters(server: SandboxServer) -> None:
    first = get(server, "/transactions?limit=3&sort_by[asc]=date&status[is]=success").json()
    assert set(first) == {"list", "next_offset"}
    assert [set(e) for e in first["list"]] == [{"transaction"}] * 3
    dates = [e["transaction"]["date"] for e in first["list"]]
    assert dates == sorted(dates)
    nxt = get(server, "/transactions?limit=3&sort_by[asc]=date&status[is]=success"
              f"&offset={first['next_offset']}").json()  # fmt: skip
    assert nxt["list"][0]["transaction"]["date"] >= dates[-1]
    refunds = get(server, '/transactions?limit=100&type[in]=["refund"]').json()
    assert {e["transaction"]["type"] for e in refunds["list"]} <= {"refund"}
    day = dates[0]
    on_day = get(server, f"/transactions?limit=100&date[after]={day - 1}&date[before]={day + 1}")
    assert all(day - 1 < e["transaction"]["date"] < day + 1 for e in on_day.json()["list"])


def test_customers_and_invoices_by_id_in(scenario: Scenario, server: SandboxServer) -> None:
    ids = [c.handle for c in scenario.customers if c.provider == "chargebee"][:3]
    found = get(server, f"/customers?id[in]={json.dumps(ids)}").json()["list"]
    assert sorted(e["customer"]["id"] for e in found) == sorted(ids)
    invoice = next(i for i in scenario.invoices if i.provider == "chargebee")
    one = get(server, f"/invoices/{invoice.id}").json()
    assert one["invoice"]["line_items"][0]["entity_id"] == invoice.plan


def test_errors_in_chargebees_shape(server: SandboxServer) -> None:
    wrong = get(server, "/transactions", key="test_wrong")
    assert wrong.status_code == 401
    assert wrong.json()["api_error_code"] == "api_authentication_failed"
    missing = get(server, "/invoices/does-not-exist")
    assert missing.status_code == 404
    assert missing.json()["api_error_code"] == "resource_not_found"
    too_many = get(server, "/transactions?limit=500")
    assert too_many.status_code == 400
    assert too_many.json()["param"] == "limit"
    assert too_many.json()["type"] == "invalid_request"


def test_connector_reads_the_invoices_with_payment_due_as_open_items(
    scenario: Scenario, server: SandboxServer
) -> None:
    window = Window(scenario.spec.start, scenario.spec.end + timedelta(days=1))

    async def run() -> list[PlatformItem]:
        async with ChargebeeClient(
            DEMO_KEY, base_url=server.base_url, page_size=5, rate_limit=RequestRate(2000, burst=8)
        ) as c:
            return [i async for p in c.pages("open_invoices", window) for i in p.items]

    items = eventloop.run(run())
    expected = {i.ref: i for i in scenario.open_items if i.provider == "chargebee"}
    assert expected, "the scenario should leave some Chargebee invoices due"
    assert {i.ref: i for i in items} == expected
    sent = [e.target for e in server.exchanges(path="/invoices$")]
    assert any("status%5Bin%5D" in p and "payment_due" in p for p in sent)
