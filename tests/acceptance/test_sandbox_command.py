"""`econdesk sandbox serve [--scenario NAME|FILE]`: what it prints is enough to connect.

README, "The command line": it runs the fake e-conomic and billing-platform APIs on loopback and
prints the base URLs and demo credentials. Each printed URL is called with the printed
credentials (and refused without them), and the document `econdesk init --sandbox URL` reads
names the same URLs and keys. (`--scenario FILE` is what the workflow test serves and syncs in
full.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.acceptance.harness import ServedSandboxes, SubprocessEcondesk, serve_sandboxes

# One list endpoint per platform that answers 200 to its key and 401 to none, and whether the
# key goes as a Bearer token (Stripe) or as the Basic auth user name (Frisbii, Chargebee), as
# each platform documents.
PLATFORM_CALLS = {
    "stripe": ("/v1/payouts", True),
    "frisbii": ("/v1/list/transaction", False),
    "chargebee": ("/api/v2/transactions", False),
}


@pytest.fixture
def demo() -> Iterator[ServedSandboxes]:
    sandboxes = serve_sandboxes("--scenario", "demo")
    try:
        yield sandboxes
    finally:
        sandboxes.stop()


def printed_value(printed: str, label: str, after: str) -> str:
    """The value printed for `label` in the block that starts with a line containing `after`."""
    block = printed[printed.index(after) :]
    found = re.search(rf"^\s+{re.escape(label)}:\s+(\S+)$", block, re.MULTILINE)
    assert found, f"{label!r} not printed under {after!r}:\n{printed}"
    return found.group(1)


def test_the_demo_scenario_is_served_with_working_urls_and_credentials(
    demo: ServedSandboxes,
) -> None:
    printed = demo.printed
    rest = printed_value(printed, "REST", "e-conomic sandbox")
    tokens = {
        name: printed_value(printed, name, "e-conomic sandbox")
        for name in ("X-AppSecretToken", "X-AgreementGrantToken")
    }
    assert httpx.get(f"{rest}/self", headers=tokens, timeout=10).status_code == 200
    assert httpx.get(f"{rest}/self", timeout=10).status_code == 401

    document = demo.connections()
    assert document["economic"]["base_url"] == rest
    assert document["economic"]["app_secret_token"] == tokens["X-AppSecretToken"]
    for name, (path, bearer) in PLATFORM_CALLS.items():
        title = f"\n{name.capitalize()} "  # "Stripe sandbox (...)", "Frisbii (Reepay) ..."
        url = printed_value(printed, "API", title)
        key = printed_value(printed, "API key", title)
        assert document["providers"][name]["base_url"] == url
        assert document["providers"][name]["api_key"] == key
        headers = {"Authorization": f"Bearer {key}"} if bearer else {}
        auth = None if bearer else (key, "")
        answer = httpx.get(f"{url}{path}", headers=headers, auth=auth, timeout=10)
        assert answer.status_code == 200, (name, answer.text)
        assert httpx.get(f"{url}{path}", timeout=10).status_code == 401, name


@pytest.mark.parametrize(
    ("scenario", "named"),
    [("nonesuch", "nonesuch"), ("missing.toml", "missing.toml"), ("bad.toml", "colour")],
)
def test_a_wrong_scenario_is_refused_with_exit_2(tmp_path: Path, scenario: str, named: str) -> None:
    (tmp_path / "bad.toml").write_text('[scenario]\ncolour = "blue"\n', encoding="utf-8")
    target = scenario if scenario == "nonesuch" else str(tmp_path / scenario)
    refused = SubprocessEcondesk()("sandbox", "serve", "--scenario", target, expect=2)
    assert named in refused.err and "Traceback" not in refused.err, refused
