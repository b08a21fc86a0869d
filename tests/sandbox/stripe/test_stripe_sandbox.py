"""The Stripe sandbox serves a Scenario as Stripe does, and the connector reads it back exactly."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest

from econdesk.connectors import eventloop
from econdesk.connectors.platform import Window
from econdesk.connectors.ratelimit import RequestRate
from econdesk.connectors.stripe.client import StripeClient
from econdesk.domain.model import Payout, PlatformItem
from econdesk.sandbox.ratelimit import BucketLimiter
from econdesk.sandbox.scenario import Scenario, ScenarioSpec, generate
from econdesk.sandbox.server import SandboxServer
from econdesk.sandbox.stripe.app import DEMO_KEY, StripeSandbox
from econdesk.sandbox.stripe.render import stripe_data


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return generate(ScenarioSpec(seed=11, size=400, name="stripe-test"))


@pytest.fixture(scope="module")
def server(scenario: Scenario) -> Iterator[SandboxServer]:
    sandbox = StripeSandbox(stripe_data(scenario))
    with sandbox.server(limiter=BucketLimiter(5000, 1.0)) as srv:
        yield srv


def whole(scenario: Scenario) -> Window:
    # payouts of the last days arrive after the period: reach a fortnight past it
    return Window(scenario.spec.start, scenario.spec.end + timedelta(days=14))


def fetch(server: SandboxServer, window: Window) -> tuple[list[PlatformItem], list[Payout]]:
    async def run() -> tuple[list[PlatformItem], list[Payout]]:
        async with StripeClient(
            DEMO_KEY, base_url=server.base_url, rate_limit=RequestRate(2000, burst=8)
        ) as c:
            items: dict[str, PlatformItem] = {}
            payouts: list[Payout] = []
            async for page in c.pages("balance_transactions", window):
                items.update((i.ref, i) for i in page.items)
            async for page in c.pages("payouts", window):
                items.update((i.ref, i) for i in page.items)  # these know their payout
                payouts.extend(page.payouts)
            return list(items.values()), payouts

    return eventloop.run(run())


def test_connector_reads_back_exactly_the_scenarios_stripe_items_and_payouts(
    scenario: Scenario, server: SandboxServer
) -> None:
    items, payouts = fetch(server, whole(scenario))
    expected = {i.ref: i for i in scenario.iter_items("stripe")}
    assert len(expected) > 40
    got = {i.ref: i for i in items}
    assert got.keys() == expected.keys()
    for ref, item in expected.items():
        assert got[ref] == item, ref
    expected_payouts = {p.ref: p for p in scenario.payouts if p.provider == "stripe"}
    assert {p.ref for p in payouts} == expected_payouts.keys()
    assert any(not p.has_breakdown for p in payouts)
    for payout in payouts:
        want = expected_payouts[payout.ref]
        if not want.has_breakdown:
            # Stripe cannot break a manual payout down, so its sales and fees are unknown
            want = dataclasses.replace(want, gross=None, fees=None)
        assert payout == want, payout.ref


def auth(key: str = DEMO_KEY) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_lists_are_newest_first_and_page_by_starting_after(server: SandboxServer) -> None:
    first = httpx.get(f"{server.base_url}/v1/charges?limit=5", headers=auth()).json()
    assert first["object"] == "list" and first["url"] == "/v1/charges" and first["has_more"]
    created = [c["created"] for c in first["data"]]
    assert created == sorted(created, reverse=True)
    after = first["data"][-1]["id"]
    second = httpx.get(
        f"{server.base_url}/v1/charges?limit=5&starting_after={after}", headers=auth()
    ).json()
    assert second["data"][0]["created"] <= created[-1]
    assert {c["id"] for c in second["data"]}.isdisjoint(c["id"] for c in first["data"])
    failed = [c for c in first["data"] + second["data"] if c["status"] == "failed"]
    assert all(c["balance_transaction"] is None for c in failed)


def test_basic_auth_is_accepted_and_a_wrong_key_gets_stripes_401(server: SandboxServer) -> None:
    ok = httpx.get(f"{server.base_url}/v1/payouts?limit=1", auth=(DEMO_KEY, ""))
    assert ok.status_code == 200
    wrong = httpx.get(f"{server.base_url}/v1/payouts", headers=auth("sk_test_wrong_key_12345678"))
    assert wrong.status_code == 401
    error = wrong.json()["error"]
    assert error["type"] == "invalid_request_error"
    assert error["message"].startswith("Invalid API Key provided: sk_test_")
    assert "wrong_key_1234" not in error["message"]  # Stripe masks the key
    missing = httpx.get(f"{server.base_url}/v1/payouts")
    assert missing.status_code == 401 and "did not provide an API key" in missing.text


def test_not_found_and_bad_parameters_in_stripes_shape(server: SandboxServer) -> None:
    gone = httpx.get(f"{server.base_url}/v1/charges/ch_missing", headers=auth())
    assert gone.status_code == 404
    assert gone.json()["error"] == {
        "code": "resource_missing",
        "doc_url": "https://stripe.com/docs/error-codes/resource-missing",
        "message": "No such charge: 'ch_missing'",
        "param": "id",
        "type": "invalid_request_error",
    }
    route = httpx.get(f"{server.base_url}/v1/nothing", headers=auth())
    assert route.status_code == 404 and "Unrecognized request URL" in route.text
    too_many = httpx.get(f"{server.base_url}/v1/charges?limit=101", headers=auth())
    assert too_many.status_code == 400 and too_many.json()["error"]["param"] == "limit"


def test_a_manual_payout_cannot_be_broken_down(scenario: Scenario, server: SandboxServer) -> None:
    manual = next(p for p in scenario.payouts if p.provider == "stripe" and not p.has_breakdown)
    answer = httpx.get(
        f"{server.base_url}/v1/balance_transactions?payout={manual.external_id}", headers=auth()
    )
    assert answer.status_code == 400
    assert "only be filtered on automatic transfers" in answer.json()["error"]["message"]
    automatic = next(p for p in scenario.payouts if p.provider == "stripe" and p.has_breakdown)
    lines = httpx.get(
        f"{server.base_url}/v1/balance_transactions?payout={automatic.external_id}&limit=100",
        headers=auth(),
    ).json()["data"]
    # the components plus the payout's own line, which takes the whole amount out
    assert len(lines) == len(automatic.component_refs) + 1
    assert sum(b["net"] for b in lines) == 0
    own = [b for b in lines if b["type"] == "payout"]
    assert own and own[0]["source"] == automatic.external_id
