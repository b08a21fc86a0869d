"""`econdesk sync` against every sandbox `econdesk sandbox serve` starts, config as it prints."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from econdesk.cli import main
from econdesk.sandbox.scenario import load_scenario
from econdesk.sandbox.serve import RunningSandbox, ServeOptions, start, stop_all


@pytest.fixture(scope="module")
def served() -> Iterator[list[RunningSandbox]]:
    running = start(ServeOptions(scenario="tiny", seed=7))
    try:
        yield running
    finally:
        stop_all(running)


def write_config(running: list[RunningSandbox], path: Path) -> Path:
    lines = []
    for sandbox in running:
        lines.append(f"[{sandbox.config_table}]")
        lines.extend(f"{key} = {json.dumps(value)}" for key, value in sandbox.config.items())
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def sync(config: Path, db: str, *extra: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--config", str(config), "--db", db, "sync", *extra], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_econdesk_sync_fetches_everything_once(
    served: list[RunningSandbox], tmp_path: Path
) -> None:
    assert {s.name for s in served} == {
        "economic", "stripe", "frisbii", "chargebee", "clearhaus", "mobilepay", "rates",
    }  # fmt: skip
    config = write_config(served, tmp_path / "config.toml")
    db = f"sqlite:///{tmp_path / 'econdesk.db'}"
    code, out, err = sync(config, db, "--from", "2026-03-01", "--to", "2026-04-14", "--json")
    assert code == 0, err
    summary = json.loads(out)
    sources = {s["source"]: s for s in summary["sources"]}
    assert set(sources) == {
        "economic:bank", "stripe:payouts", "stripe:balance_transactions",
        "frisbii:transactions", "frisbii:disputes", "chargebee:transactions",
        "clearhaus:settlements", "mobilepay:payouts",
        "frisbii:open_invoices", "chargebee:open_invoices", "economic:open_invoices",
    }  # fmt: skip
    assert all(s["finished"] for s in sources.values())
    scenario = load_scenario("tiny", seed=7)
    platform_items = [i for i in scenario.all_items() if i.provider != "clearhaus"]
    own_postings = sources["clearhaus:settlements"]["items"]["new"]  # reserves: none here
    assert own_postings == sources["mobilepay:payouts"]["items"]["new"] == 0
    new_items = sum(s["items"]["new"] for s in sources.values())
    assert new_items == len(platform_items)
    assert sources["clearhaus:settlements"]["payouts"]["new"] > 0
    assert sources["mobilepay:payouts"]["payouts"]["new"] > 0
    again_code, again_out, _ = sync(config, db, "--from", "2026-03-01", "--to", "2026-04-14")
    assert again_code == 0
    assert "new      0" in again_out and "changed     0" in again_out


def test_a_bad_key_fails_that_source_with_exit_1_and_the_others_still_sync(
    served: list[RunningSandbox], tmp_path: Path
) -> None:
    config = write_config(served, tmp_path / "config.toml")
    text = config.read_text(encoding="utf-8").replace("priv_econdesk", "priv_wrong")
    config.write_text(text, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'econdesk.db'}"
    code, out, err = sync(config, db, "--from", "2026-03-01", "--to", "2026-03-31")
    assert code == 1
    assert "frisbii:transactions: Frisbii: the private API key was not accepted" in err
    assert "priv_wrong" not in err + out
    assert "stripe:payouts" in out and "done" in out


def test_a_reversed_range_is_a_usage_error(served: list[RunningSandbox], tmp_path: Path) -> None:
    config = write_config(served, tmp_path / "config.toml")
    code, _, err = sync(config, "sqlite://", "--from", "2026-03-31", "--to", "2026-03-01")
    assert code == 2 and "--to 2026-03-01 is before --from 2026-03-31" in err
