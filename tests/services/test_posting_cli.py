"""`econdesk post [--dry-run] [--json]` against the sandbox, through the real command line."""

import dataclasses
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from econdesk.cli import main
from econdesk.connectors import jsonio
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.storage import Database
from tests.services.posting_world import World, agreement, check_exactly_once, write_config


@pytest.fixture
def sandbox() -> Iterator[EconomicSandbox]:
    with EconomicSandbox(agreement(seed=41)) as running:
        yield running


def econdesk(config: Path, db: Database, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--config", str(config), "--db", db.url, *args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_dry_run_prints_lines_and_bodies_and_writes_nothing(
    sqlite_db: Database, sandbox: EconomicSandbox, tmp_path: Path
) -> None:
    world = World.build(sqlite_db, sandbox, seed=41, count=3)
    config = write_config(tmp_path / "config.toml", sandbox)
    with sqlite_db.reader() as store:
        events = len(store.audit_events())
    code, out, err = econdesk(config, sqlite_db, "post", "--dry-run")
    assert (code, err) == (0, "")
    for match_id, marker in world.markers().items():
        assert f"{match_id}  stripe  deposit" in out
        assert f"marker {marker}" in out
    assert out.count("request body: [") == 0 and out.count("request body: {") == 3
    assert "3 voucher(s) would be posted (mappings version 0); dry run, nothing sent" in out
    assert sandbox.server.exchanges(method="POST") == []
    with sqlite_db.reader() as store:
        assert len(store.audit_events()) == events  # not even the mappings were saved
        assert store.postings.find() == []

    code, out, _ = econdesk(config, sqlite_db, "post", "--dry-run", "--json")
    preview = jsonio.loads(out)
    bodies = [v["body"] for v in preview["vouchers"]]
    code, _, _ = econdesk(config, sqlite_db, "post")
    assert code == 0
    (sent,) = sandbox.data.posted
    assert sent.body == bodies  # the dry run showed exactly what was sent


def test_post_reports_voucher_numbers_then_nothing_left(
    sqlite_db: Database, sandbox: EconomicSandbox, tmp_path: Path
) -> None:
    world = World.build(sqlite_db, sandbox, seed=42, count=2)
    config = write_config(tmp_path / "config.toml", sandbox, book=True)
    code, out, err = econdesk(config, sqlite_db, "post")
    assert (code, err) == (0, "")
    states = world.states()
    for match in world.matches:
        voucher = states[match.id].voucher
        assert voucher is not None
        assert f"{match.id}  posted as voucher {voucher.year}-{voucher.number}" in out
    assert "booked" in out and sandbox.data.drafts == {}
    assert check_exactly_once(world) == {"posted": 2, "total": 2}
    code, out, _ = econdesk(config, sqlite_db, "post", "--json")
    assert code == 0 and jsonio.loads(out)["outcomes"] == []


def test_a_refused_voucher_exits_1_with_one_line_and_stays_approved(
    sqlite_db: Database, sandbox: EconomicSandbox, tmp_path: Path
) -> None:
    world = World.build(sqlite_db, sandbox, seed=43, count=2)
    config = write_config(tmp_path / "config.toml", sandbox)
    with sandbox.data.lock:  # the journal has one voucher number left
        sandbox.data.journals[1] = dataclasses.replace(
            sandbox.data.journals[1], min_voucher=1, max_voucher=1
        )
    code, out, err = econdesk(config, sqlite_db, "post")
    assert code == 1
    assert err == "econdesk: 1 match(es) not posted; they stay approved (see the reasons above)\n"
    # The request for both was refused as a whole; each was then tried on its own.
    assert out.count("posted as voucher 2025/2026-1") == 1
    assert out.count("not posted: e-conomic refused it") == 1 and "No voucher numbers left" in out
    states = sorted(m.state.value for m in world.states().values())
    assert states == ["approved", "posted"]
    assert check_exactly_once(world) == {"posted": 1, "total": 2}


def test_missing_journal_in_the_config_is_a_usage_error(
    sqlite_db: Database, sandbox: EconomicSandbox, tmp_path: Path
) -> None:
    config = write_config(tmp_path / "config.toml", sandbox)
    config.write_text(config.read_text().replace("journal = 1\n", ""), encoding="utf-8")
    code, _, err = econdesk(config, sqlite_db, "post", "--dry-run")
    assert code == 2
    assert "economic.journal: must be set" in err


def test_dry_run_shows_each_accounts_effect_and_nothing_left_on_clearing(
    sqlite_db: Database, sandbox: EconomicSandbox, tmp_path: Path
) -> None:
    world = World.build(sqlite_db, sandbox, seed=43, count=2)
    config = write_config(tmp_path / "config.toml", sandbox)
    code, out, _ = econdesk(config, sqlite_db, "post", "--dry-run")
    assert code == 0
    assert out.count("  effect per account:") == 2
    assert out.count("stays on clearing account ") == 2
    assert out.count(": 0.00 DKK") >= 2
    code, out, _ = econdesk(config, sqlite_db, "post", "--dry-run", "--json")
    vouchers = jsonio.loads(out)["vouchers"]
    assert {v["id"] for v in vouchers} == {m.id for m in world.matches}
    for v in vouchers:
        effect = v["effect"]
        kinds = {a["kind"] for a in effect["accounts"]}
        assert {"clearing", "revenue"} <= kinds
        debit = sum(jsonio.loads(a["debit"]) for a in effect["accounts"])
        credit = sum(jsonio.loads(a["credit"]) for a in effect["accounts"])
        assert debit == credit  # the voucher balances, account by account summed
        [clearing] = effect["clearing"]
        assert clearing["left"] == "0.00"
        assert [b["reason"] for b in clearing["before"]] == ["deposit"]
        assert jsonio.loads(clearing["before"][0]["amount"]) == -jsonio.loads(v["deposit"])
