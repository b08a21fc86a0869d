"""`econdesk sync --all-clients` against the sandboxes: failures stay with their client."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from econdesk import clients
from econdesk.cli import main
from econdesk.composition import client_config, economic_client, platform_source
from econdesk.connectors.platform_http import HttpOwner
from econdesk.connectors.ratelimit import SharedLimits
from econdesk.sandbox.serve import RunningSandbox, ServeOptions, start, stop_all


@pytest.fixture(scope="module")
def served() -> Iterator[list[RunningSandbox]]:
    running = start(ServeOptions(scenario="tiny", seed=7), ["economic", "stripe", "frisbii"])
    try:
        yield running
    finally:
        stop_all(running)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def add_client(name: str, running: list[RunningSandbox], *, replace: str = "") -> clients.Client:
    assert run("clients", "add", name)[0] == 0
    client = clients.load_registry().find(name)
    lines = []
    for sandbox in running:
        lines.append(f"[{sandbox.config_table}]")
        lines.extend(f"{key} = {json.dumps(value)}" for key, value in sandbox.config.items())
    text = "\n".join(lines) + "\n"
    if replace:
        old, new = replace.split("->")
        text = text.replace(old, new)
    client.config_path.parent.mkdir(parents=True, exist_ok=True)
    client.config_path.write_text(text, encoding="utf-8")
    return client


def test_one_failing_client_is_named_and_the_others_are_synced(
    served: list[RunningSandbox],
) -> None:
    alfa = add_client("Alfa", served)
    beta = add_client("Beta", served, replace="priv_econdesk->priv_revoked")
    gamma = add_client("Gamma", served)
    args = ["sync", "--all-clients", "--from", "2026-03-01", "--to", "2026-03-31"]
    code, out, err = run(*args, "--concurrency", "2")
    assert code == 1
    assert "failed clients: Beta" in err
    lines = out.splitlines()
    assert lines[0].startswith("Alfa") and " ok " in lines[0]
    assert lines[1].startswith("Beta") and "FAILED" in lines[1] and "frisbii" in lines[1]
    assert lines[2].startswith("Gamma") and " ok " in lines[2]
    assert lines[3] == "2 of 3 clients synced, 1 failed"
    for client in (alfa, beta, gamma):  # each synced into its own store
        _, status, _ = run("--client", client.name, "status")
        assert f"data/clients/{client.id}/econdesk.sqlite3" in status
        assert "stripe" in status
    recorded = {c.name: clients.last_sync(c) for c in (alfa, beta, gamma)}
    assert recorded["Alfa"] is not None and recorded["Alfa"].ok
    beta_sync = recorded["Beta"]
    assert beta_sync is not None and not beta_sync.ok and beta_sync.auth_failed
    code, out, _ = run(*args, "--json")
    summary = json.loads(out)
    assert code == 1 and summary["failed"] == ["Beta"]
    assert 1 <= summary["max_concurrent"] <= 3


def test_a_client_whose_config_is_missing_fails_alone(served: list[RunningSandbox]) -> None:
    add_client("Alfa", served)
    run("clients", "add", "Empty")  # added, never set up
    code, out, err = run("sync", "--all-clients", "--from", "2026-03-01", "--to", "2026-03-05")
    assert code == 1 and "failed clients: Empty" in err
    assert "no such config file" in out and "1 of 2 clients synced" in out


def test_all_clients_refuses_a_single_store(served: list[RunningSandbox], tmp_path: Path) -> None:
    add_client("Alfa", served)
    code, _, err = run("--db", f"sqlite:///{tmp_path}/x.db", "sync", "--all-clients")
    assert code == 2 and "its own store" in err
    assert run("sync", "--all-clients", "--concurrency", "0")[0] == 2


def test_clients_over_one_agreement_or_key_share_one_budget(
    served: list[RunningSandbox],
) -> None:
    alfa = client_config(add_client("Alfa", served))
    beta = client_config(add_client("Beta", served))
    other = client_config(add_client("Other", served, replace="sk_test_econdesk->sk_test_other"))
    limits = SharedLimits()
    first, second = economic_client(alfa.economic, limits), economic_client(beta.economic, limits)
    assert first.rate_limit is second.rate_limit is second.journals_http.rate_limit

    def pacing(config: object) -> object:
        source = platform_source(config.providers["stripe"], limits)  # type: ignore[attr-defined]
        assert isinstance(source, HttpOwner)
        return source.http.rate_limit

    assert pacing(alfa) is pacing(beta)
    assert pacing(other) is not pacing(alfa)  # another Stripe account: a budget of its own
    unshared = economic_client(alfa.economic)
    assert unshared.rate_limit is not first.rate_limit
