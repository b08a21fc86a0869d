"""`econdesk sandbox serve` and the registry behind it."""

from __future__ import annotations

import io
import re
import threading
import time
import tomllib

import httpx
import pytest

from econdesk.cli import main
from econdesk.errors import UsageError
from econdesk.sandbox.serve import (
    SANDBOXES,
    ServeOptions,
    connection_document,
    describe,
    start,
    stop_all,
)


def test_the_economic_sandbox_starts_from_the_registry_and_describes_itself() -> None:
    running = start(ServeOptions(seed=4, latency_ms=5, fault_rate=0.0), ["economic"])
    try:
        (economic,) = running
        text = describe(running)
        assert economic.urls["REST"] in text and economic.credentials["X-AppSecretToken"] in text
        assert "[economic]" in text and f'base_url = "{economic.urls["REST"]}"' in text
        table = tomllib.loads(text.split("config.toml for these sandboxes:\n", 1)[1])
        assert table["economic"]["base_url"] == economic.urls["REST"]  # pasted, it is TOML
        headers = dict(economic.credentials)
        answer = httpx.get(f"{economic.urls['REST']}/self", headers=headers, verify=False)
        assert answer.status_code == 200
    finally:
        stop_all(running)


def test_the_rates_sandbox_serves_both_banks_and_names_its_rates_table() -> None:
    running = start(ServeOptions(seed=4), ["rates"])
    try:
        (rates,) = running
        assert rates.config_table == "rates"
        url = rates.config["nationalbanken_url"]
        assert rates.config["ecb_url"] == url
        answer = httpx.get(f"{url}/api/currencyratesxml", params={"lang": "en"})
        assert answer.status_code == 200 and b'<currency code="EUR"' in answer.content
        ecb = httpx.get(f"{url}/stats/eurofxref/eurofxref-daily.xml")
        assert ecb.status_code == 200 and b"currency='USD'" in ecb.content
        assert connection_document(running)["rates"] == rates.config
        assert "[rates]" in describe(running)
    finally:
        stop_all(running)


def test_options_are_checked_and_unknown_sandboxes_named() -> None:
    with pytest.raises(UsageError):
        ServeOptions(fault_rate=1.5)
    with pytest.raises(UsageError) as caught:
        start(ServeOptions(), ["nonesuch"])
    assert "economic" in str(caught.value)
    assert "economic" in SANDBOXES


def test_the_command_serves_until_stopped() -> None:
    from econdesk.cli import build_parser
    from econdesk.cli.context import Context
    from econdesk.cli.sandbox import run

    args = build_parser().parse_args(["sandbox", "serve", "--only", "economic", "--seed", "3"])
    out = io.StringIO()
    stop = threading.Event()
    result: list[int] = []
    worker = threading.Thread(target=lambda: result.append(run(args, Context(stdout=out), stop)))
    worker.start()
    deadline = time.monotonic() + 20
    while "press Ctrl+C" not in out.getvalue() and time.monotonic() < deadline:
        time.sleep(0.02)
    printed = out.getvalue()
    url = re.search(r"REST:\s+(http://\S+)", printed)
    token = re.search(r"X-AppSecretToken:\s+(\S+)", printed)
    grant = re.search(r"X-AgreementGrantToken:\s+(\S+)", printed)
    assert url and token and grant, printed
    headers = {"X-AppSecretToken": token.group(1), "X-AgreementGrantToken": grant.group(1)}
    assert (
        httpx.get(f"{url.group(1)}/accounts/5820", headers=headers, verify=False).status_code == 200
    )
    stop.set()
    worker.join(timeout=10)
    assert result == [0]
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{url.group(1)}/self", headers=headers, verify=False, timeout=1)


def test_a_wrong_option_is_a_usage_error() -> None:
    err = io.StringIO()
    assert main(["sandbox", "serve", "--fault-rate", "2"], stdout=io.StringIO(), stderr=err) == 2
    assert "--fault-rate" in err.getvalue()
