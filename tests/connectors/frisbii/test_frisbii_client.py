"""The Frisbii client over loopback: faults are retried away, malformed pages are refused."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from econdesk.connectors.errors import AuthError, MalformedResponse
from econdesk.connectors.frisbii.client import FrisbiiClient
from econdesk.connectors.platform import SourcePage
from econdesk.sandbox.faults import FaultConfig
from econdesk.sandbox.frisbii.app import DEMO_KEY, FrisbiiData, FrisbiiSandbox
from econdesk.sandbox.frisbii.render import frisbii_data
from econdesk.sandbox.listing import DELETE
from econdesk.sandbox.ratelimit import BucketLimiter
from econdesk.sandbox.scenario import Scenario, load_scenario
from econdesk.sandbox.server import SandboxServer
from tests.connectors.platform_client_support import (
    MARCH,
    fast_client,
    read_pages,
    refs,
    script_transient_faults,
)


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario("tiny")


@pytest.fixture
def data(scenario: Scenario) -> FrisbiiData:
    return frisbii_data(scenario)


@pytest.fixture
def server(data: FrisbiiData) -> Iterator[SandboxServer]:
    with FrisbiiSandbox(data).server(limiter=BucketLimiter(5000, 1.0)) as srv:
        yield srv


def fetch(
    server: SandboxServer, key: str = DEMO_KEY, sink: list[SourcePage] | None = None
) -> list[SourcePage]:
    def open_client() -> FrisbiiClient:
        return fast_client(FrisbiiClient, server, key, page_size=10)

    return read_pages(open_client, FrisbiiClient.streams, MARCH, sink=sink)


def test_5xx_429_drops_and_latency_are_retried_to_the_same_result(
    server: SandboxServer, scenario: Scenario
) -> None:
    clean = fetch(server)
    open_invoices = {i.ref for i in scenario.open_items if i.provider == "frisbii"}
    assert set(refs(clean)) == {i.ref for i in scenario.iter_items("frisbii")} | open_invoices
    script_transient_faults(
        server,
        error_path="/v1/list/transaction",
        throttle_path="/v1/list/",
        drop_path="/v1/",
        latency=FaultConfig(latency_ms=3, latency_jitter_ms=5),
        status=502,
    )
    faulty = fetch(server)
    assert [p.items for p in faulty] == [p.items for p in clean]
    statuses = [e.status for e in server.exchanges()]
    assert statuses.count(502) == 2 and statuses.count(429) == 1 and statuses.count(None) == 2


def test_a_wrong_private_key_is_refused_in_words(server: SandboxServer) -> None:
    with pytest.raises(AuthError, match="private API key was not accepted") as caught:
        fetch(server, key="priv_00000000wrong")
    assert "priv_00000000wrong" not in caught.value.technical()


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"amount": "14900"}, "amount", "must be an integer, got str"),
        ({"currency": "kroner"}, "currency", "not an ISO 4217 currency code"),
        ({"created": DELETE}, "created", "is missing"),
        ({"settled": 1_772_400_000}, "settled", "must be a string"),
    ],
)
def test_a_malformed_transaction_fails_its_page_naming_object_and_field(
    data: FrisbiiData,
    server: SandboxServer,
    scenario: Scenario,
    change: dict[str, Any],
    field: str,
    words: str,
) -> None:
    victim = next(i for i in scenario.iter_items("frisbii") if i.kind.value == "payment")
    data.transactions.by_range["created"].tamper(victim.external_id, change)
    got: list[SourcePage] = []
    with pytest.raises(MalformedResponse) as caught:
        fetch(server, sink=got)
    error = caught.value
    assert error.obj == f"transaction {victim.external_id}" and error.field == field
    assert words in str(error) and str(error).startswith("Frisbii: ")
    assert victim.ref not in refs(got)
