"""The Frisbii sandbox serves a Scenario as Frisbii does; the connector reads it back exactly."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest

from econdesk.connectors import eventloop
from econdesk.connectors.frisbii.client import FrisbiiClient
from econdesk.connectors.platform import Window
from econdesk.connectors.ratelimit import RequestRate
from econdesk.domain.model import PlatformItem
from econdesk.sandbox.frisbii.app import DEMO_KEY, FrisbiiSandbox
from econdesk.sandbox.frisbii.render import frisbii_data
from econdesk.sandbox.ratelimit import BucketLimiter
from econdesk.sandbox.scenario import Scenario, ScenarioSpec, generate
from econdesk.sandbox.server import SandboxServer


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return generate(ScenarioSpec(seed=5, size=300, name="frisbii-test"))


@pytest.fixture(scope="module")
def server(scenario: Scenario) -> Iterator[SandboxServer]:
    with FrisbiiSandbox(frisbii_data(scenario)).server(limiter=BucketLimiter(5000, 1)) as srv:
        yield srv


def test_connector_reads_back_exactly_the_scenarios_frisbii_items(
    scenario: Scenario, server: SandboxServer
) -> None:
    window = Window(scenario.spec.start, scenario.spec.end + timedelta(days=1))

    async def run() -> list[PlatformItem]:
        async with FrisbiiClient(
            DEMO_KEY, base_url=server.base_url, rate_limit=RequestRate(2000, burst=8)
        ) as c:
            return [i for s in c.streams async for p in c.pages(s, window) for i in p.items]

    items = eventloop.run(run())
    expected = {i.ref: i for i in scenario.iter_items("frisbii")}
    assert len(expected) > 100
    open_invoices = {i.ref: i for i in scenario.open_items if i.provider == "frisbii"}
    assert any(i.invoice_ref for i in open_invoices.values())  # pending and dunning ones
    expected.update(open_invoices)
    got = {i.ref: i for i in items}
    assert len(got) == len(items)  # nothing twice
    assert got.keys() == expected.keys()
    for ref, item in expected.items():
        assert got[ref] == item, ref


def get(server: SandboxServer, path: str, key: str = DEMO_KEY) -> httpx.Response:
    return httpx.get(f"{server.base_url}{path}", auth=(key, ""))


def test_list_pages_by_token_bound_to_the_same_parameters(server: SandboxServer) -> None:
    query = "/v1/list/transaction?from=2026-03-01&to=2026-04-01&size=10"
    first = get(server, query).json()
    assert set(first) == {"size", "count", "from", "to", "range", "content", "next_page_token"}
    assert first["count"] == 10 and first["range"] == "created"
    created = [t["created"] for t in first["content"]]
    assert created == sorted(created, reverse=True)  # newest first
    token = first["next_page_token"]
    second = get(server, f"{query}&next_page_token={token}").json()
    assert {t["id"] for t in second["content"]}.isdisjoint(t["id"] for t in first["content"])
    changed = get(server, f"{query.replace('size=10', 'size=20')}&next_page_token={token}")
    assert changed.status_code == 400
    assert "same for all pages" in changed.json()["message"]


def test_from_is_inclusive_to_exclusive_in_local_time(server: SandboxServer) -> None:
    day = get(server, "/v1/list/transaction?from=2026-03-10&to=2026-03-11&size=100").json()
    assert day["content"], "the scenario has transactions on 10 March"
    assert all(t["created"].startswith("2026-03-10T") for t in day["content"])
    assert all(t["created"].endswith("+01:00") for t in day["content"])  # CET in March


def test_filters_repeat_for_any_of(server: SandboxServer) -> None:
    refunds = get(server, "/v1/list/transaction?from=2026-03-01&to=2026-06-01&size=100"
                  "&type=refund").json()  # fmt: skip
    assert refunds["content"] and {t["type"] for t in refunds["content"]} == {"refund"}
    both = get(server, "/v1/list/transaction?from=2026-03-01&to=2026-06-01&size=100"
               "&state=failed&state=refunded").json()  # fmt: skip
    assert {t["state"] for t in both["content"]} == {"failed", "refunded"}


def test_errors_in_frisbiis_shape(server: SandboxServer) -> None:
    wrong = get(server, "/v1/list/invoice", key="priv_wrong")
    assert wrong.status_code == 401
    body = wrong.json()
    assert body["http_status"] == 401 and body["http_reason"] == "Unauthorized"
    assert {"error", "message", "path", "timestamp", "request_id"} <= set(body)
    missing = get(server, "/v1/invoice/inv-999999")
    assert missing.status_code == 404 and missing.json()["path"] == "/v1/invoice/inv-999999"
    small = get(server, "/v1/list/invoice?size=5")
    assert small.status_code == 400 and "10 to 100" in small.json()["message"]
    bad_range = get(server, "/v1/list/transaction?range=settled")
    assert bad_range.status_code == 400


def test_invoice_by_id_or_handle_with_lines_transactions_and_credit_notes(
    scenario: Scenario, server: SandboxServer
) -> None:
    refund = next(t for t in scenario.transactions if t.provider == "frisbii"
                  and t.kind.value == "refund" and t.settled)  # fmt: skip
    invoice = scenario.invoices[refund.invoice]
    by_handle = get(server, f"/v1/invoice/{invoice.number}").json()
    by_id = get(server, f"/v1/invoice/{invoice.id}").json()
    assert by_handle == by_id
    assert by_handle["order_lines"][0]["origin"] == "plan"
    assert refund.id in {t["id"] for t in by_handle["transactions"]}
    assert by_handle["credit_notes"][0]["transaction"] == refund.id
