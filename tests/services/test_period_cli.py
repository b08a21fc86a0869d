"""`econdesk period ...` and `econdesk post`'s bilag through the real command line, against
the e-conomic sandbox (the sign-off reads the clearing balance from it)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from econdesk.cli import main
from econdesk.connectors import jsonio
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.storage import Database, period_of
from tests.services.posting_world import CLEARING, World, agreement, write_config


@pytest.fixture
def sandbox() -> Iterator[EconomicSandbox]:
    with EconomicSandbox(agreement(seed=51)) as running:
        yield running


def econdesk(config: Path, db: Database, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--config", str(config), "--db", db.url, *args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_sign_off_approve_reopen_and_list(
    sqlite_db: Database, sandbox: EconomicSandbox, tmp_path: Path
) -> None:
    world = World.build(sqlite_db, sandbox, seed=51, count=4)
    preparer = write_config(tmp_path / "preparer.toml", sandbox, actor="Per Preparer")
    reviewer = write_config(tmp_path / "reviewer.toml", sandbox, actor="Rita Reviewer")
    with sqlite_db.reader() as store:
        month = period_of(store.bank_entries.get(world.matches[0].bank_refs[0]).entry_date)

    code, out, err = econdesk(preparer, sqlite_db, "period", "sign-off", month, "--json")
    assert (code, err) == (0, "")
    signed = json.loads(out)
    assert signed["period"] == month and signed["state"] == "signed" and signed["locked"]
    assert signed["preparer"] == "Per Preparer" and len(signed["report_hash"]) == 64
    assert signed["balances"]["source"] == "economic"
    balance = signed["balances"]["accounts"][str(CLEARING)]["booked"]
    assert balance["amount"] == f"{sandbox.data.balance(CLEARING):.2f}"  # a string, never a float

    code, _, err = econdesk(preparer, sqlite_db, "period", "approve", month)
    assert code == 1 and err.count("\n") == 1 and "a different person must approve it" in err
    code, out, err = econdesk(reviewer, sqlite_db, "period", "approve", month)
    assert (code, err) == (0, "") and "approved by Rita Reviewer" in out

    ids = [m.id for m in world.matches]
    code, out, err = econdesk(preparer, sqlite_db, "post")
    assert code == 1 and "signed off" in out  # the month's approved matches wait
    waiting = sorted(line.split()[0] for line in out.splitlines() if "signed off" in line)
    assert out.count("bilag attached") == len(ids) - len(waiting)

    code, _, err = econdesk(preparer, sqlite_db, "period", "reopen", month)
    assert code == 2 and "--reason" in err
    code, out, err = econdesk(
        reviewer, sqlite_db, "period", "reopen", month, "--reason", "late refund"
    )
    assert (code, err) == (0, "") and "reopened by Rita Reviewer: late refund" in out

    code, out, _ = econdesk(preparer, sqlite_db, "period", "list", "--json")
    listed = {p["period"]: p for p in json.loads(out)}
    assert listed[month]["state"] == "reopened" and not listed[month]["locked"]
    assert listed[month]["reopen_reason"] == "late refund"
    assert listed[month]["reviewer"] == "Rita Reviewer"
    code, out, _ = econdesk(preparer, sqlite_db, "period", "list")
    assert f"{month}  reopened" in out

    code, out, err = econdesk(preparer, sqlite_db, "post", "--json")
    assert code == 0, err
    answer = jsonio.loads(out)
    assert sorted(o["id"] for o in answer["outcomes"]) == waiting
    assert sorted(answer["bilag"]["attached"]) == waiting
    assert len(sandbox.data.documents) == len(ids)  # one bilag for every voucher


def test_a_period_must_be_yyyy_mm(
    sqlite_db: Database, sandbox: EconomicSandbox, tmp_path: Path
) -> None:
    config = write_config(tmp_path / "config.toml", sandbox)
    code, _, err = econdesk(config, sqlite_db, "period", "sign-off", "2026-13")
    assert code == 2 and "use YYYY-MM" in err
