"""`econdesk reverse MATCH_ID --reason TEXT [--date] [--json]` through the real command line."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from econdesk.cli import main
from econdesk.connectors import eventloop
from econdesk.domain.model import MatchState
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.storage import Database
from tests.services.posting_world import World, agreement, write_config


@pytest.fixture
def sandbox() -> Iterator[EconomicSandbox]:
    with EconomicSandbox(agreement(seed=91)) as running:
        yield running


def econdesk(config: Path, db: Database, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--config", str(config), "--db", db.url, *args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_reverse_prints_both_vouchers_and_json_and_refuses_twice(
    sqlite_db: Database, sandbox: EconomicSandbox, tmp_path: Path
) -> None:
    world = World.build(sqlite_db, sandbox, seed=91, count=2)
    config = write_config(tmp_path / "config.toml", sandbox)
    assert eventloop.run(world.service().post()).ok
    first, second = world.matches
    voucher = world.states()[first.id].voucher
    assert voucher is not None

    code, out, err = econdesk(config, sqlite_db, "reverse", first.id, "--reason", "wrong payout")
    assert (code, err) == (0, ""), err
    number = f"{voucher.year}-{voucher.number}"
    assert f"{first.id}  voucher {number} reversed by voucher " in out
    assert "the match is proposed again" in out
    assert world.states()[first.id].state is MatchState.PROPOSED

    code, out, err = econdesk(config, sqlite_db, "reverse", first.id, "--reason", "again")
    assert code == 1 and out == ""
    assert f"only posted matches can be reversed: {first.id} is proposed" in err

    code, out, err = econdesk(config, sqlite_db, "reverse", second.id, "--reason", "x", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["id"] == second.id and data["outcome"] == "posted"
    assert len(data["reverses"]) == 1 and data["voucher"]["number"] != data["reverses"][0]["number"]
    assert data["marker"].startswith("ED-r-")


def test_reverse_needs_a_reason_and_a_real_date(
    sqlite_db: Database, sandbox: EconomicSandbox, tmp_path: Path
) -> None:
    world = World.build(sqlite_db, sandbox, seed=92, count=1)
    config = write_config(tmp_path / "config.toml", sandbox)
    (match,) = world.matches
    code, _, err = econdesk(config, sqlite_db, "reverse", match.id)
    assert code == 2 and "reverse needs --reason TEXT" in err
    code, _, err = econdesk(
        config, sqlite_db, "reverse", match.id, "--reason", "x", "--date", "2026-13-01"
    )
    assert code == 2 and "expected a date YYYY-MM-DD" in err
    code, _, err = econdesk(config, sqlite_db, "reverse", match.id, "--reason", "x")
    assert code == 1 and f"only posted matches can be reversed: {match.id} is approved" in err


def test_reverse_speaks_danish(
    sqlite_db: Database, sandbox: EconomicSandbox, tmp_path: Path
) -> None:
    world = World.build(sqlite_db, sandbox, seed=93, count=1)
    config = write_config(tmp_path / "config.toml", sandbox)
    text = config.read_text(encoding="utf-8").replace("[app]\n", '[app]\nlanguage = "da"\n')
    config.write_text(text, encoding="utf-8")
    (match,) = world.matches
    code, _, err = econdesk(config, sqlite_db, "reverse", match.id, "--reason", "x")
    assert code == 1 and "kun bogførte afstemninger kan tilbageføres" in err
    assert eventloop.run(world.service().post()).ok
    code, out, _ = econdesk(config, sqlite_db, "reverse", match.id, "--reason", "forkert")
    assert code == 0 and "tilbageført med bilag" in out


def test_a_closed_period_says_to_reverse_again_on_an_open_day_in_danish(
    sqlite_db: Database, sandbox: EconomicSandbox, tmp_path: Path
) -> None:
    world = World.build(sqlite_db, sandbox, seed=95, count=1)
    config = write_config(tmp_path / "config.toml", sandbox)
    (match,) = world.matches
    assert eventloop.run(world.service().post()).ok
    with sqlite_db.reader() as store:
        entry = store.bank_entries.get(match.bank_refs[0])
    assert entry is not None
    sandbox.data.close_period(entry.entry_date)
    code, out, err = econdesk(config, sqlite_db, "reverse", match.id, "--reason", "wrong")
    assert code == 1
    assert "Reverse it again on a day of an open period (--date YYYY-MM-DD)" in out + err
    assert "post again" not in out + err

    text = config.read_text(encoding="utf-8").replace("[app]\n", '[app]\nlanguage = "da"\n')
    config.write_text(text, encoding="utf-8")
    code, out, err = econdesk(config, sqlite_db, "reverse", match.id, "--reason", "forkert")
    assert code == 1
    assert "er lukket i e-conomic, så tilbageførslen kan ikke dateres i den" in err
    assert "Tilbagefør igen på en dag i en åben periode (--date ÅÅÅÅ-MM-DD)" in err
    assert world.states()[match.id].state is MatchState.POSTED
