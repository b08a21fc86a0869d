"""`econdesk report` end to end: post to the e-conomic sandbox, then report what happened."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from econdesk.cli import main
from econdesk.domain.model import MatchState
from econdesk.domain.money import money_sum
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.storage import Database
from tests.reports.factory import as_decimal
from tests.reports.reading import block, column, rows
from tests.services.posting_world import CLEARING, World, agreement, write_config


@pytest.fixture
def sandbox() -> Iterator[EconomicSandbox]:
    with EconomicSandbox(agreement(seed=61)) as running:
        yield running


def econdesk(config: Path, db: Database, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--config", str(config), "--db", db.url, *args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_report_after_posting_shows_vouchers_and_a_zero_clearing_account(
    sqlite_db: Database, sandbox: EconomicSandbox, tmp_path: Path
) -> None:
    world = World.build(sqlite_db, sandbox, seed=61, count=4)
    config = write_config(tmp_path / "config.toml", sandbox)
    assert econdesk(config, sqlite_db, "post")[0] == 0
    posted = world.states()
    assert all(m.state is MatchState.POSTED for m in posted.values())

    target = tmp_path / "report.xlsx"
    code, out, err = econdesk(config, sqlite_db, "report", "--xlsx", str(target))
    assert (code, err) == (0, "")
    assert out.startswith(
        f"wrote {target}: 4 matches, 0 payouts, 0 open bank entries, 0 open items, 4 vouchers, "
    )
    wb = load_workbook(target)

    vouchers = wb["Vouchers posted"]
    listed = {r[4]: (r[0], r[1], r[2], r[7]) for r in rows(vouchers)[1:5]}
    for match_id, match in posted.items():
        assert match.voucher is not None
        journal, year, number, lines = listed[match_id]
        assert (journal, year, number) == (1, match.voucher.year, match.voucher.number)
        assert lines >= 2
    amount = column(vouchers, "Amount")
    assert sorted(as_decimal(vouchers.cell(r, amount).value) for r in range(2, 6)) == sorted(
        world.deposits[m].amount for m in posted
    )

    summary = wb["Summary"]
    facts = {r[0]: r[1:] for r in rows(summary) if r[0]}
    assert facts["Company"][0] == sandbox.data.company_name
    (stripe,) = block(summary, "Clearing account (should be zero)")
    assert stripe[1] == CLEARING
    # Booked, the deposits sit in clearing; with econdesk's drafts counted it nets to zero.
    assert as_decimal(stripe[3]) == -money_sum(world.deposits.values(), "DKK").amount
    assert as_decimal(stripe[4]) == 0 and stripe[5] == "zero"

    with zipfile.ZipFile(target) as archive:
        text = "".join(archive.read(n).decode() for n in archive.namelist())
    for secret in (sandbox.app_secret_token, sandbox.agreement_grant_token, "sk_test_unused"):
        assert secret not in text


def test_offline_period_and_bad_arguments(
    sqlite_db: Database, sandbox: EconomicSandbox, tmp_path: Path
) -> None:
    World.build(sqlite_db, sandbox, seed=62, count=3)
    config = write_config(tmp_path / "config.toml", sandbox)
    before = len(sandbox.server.exchanges())
    target = tmp_path / "jan.xlsx"
    # World deposits fall from 31 January on: none before it.
    january = ["--from", "2026-01-01", "--to", "2026-01-30", "--offline"]
    code, out, err = econdesk(config, sqlite_db, "report", "--xlsx", str(target), *january)
    assert (code, err) == (0, "")
    assert f"wrote {target}: 0 matches, 0 payouts, 0 open bank entries" in out
    assert len(sandbox.server.exchanges()) == before  # --offline asks e-conomic nothing
    notes = block(load_workbook(target)["Summary"], "Clearing account (should be zero)")
    assert notes[0][0] == "clearing balances not read: --offline"

    for args, message in (
        (["--xlsx", str(tmp_path / "r.xlsx"), "--from", "2026-03-01", "--to", "2026-02-01"],
         "--to 2026-02-01 is before --from 2026-03-01"),
        (["--xlsx", str(tmp_path / "r.csv")], "must end in .xlsx"),
        (["--xlsx", str(tmp_path / "nowhere" / "r.xlsx")], "does not exist"),
        (["--xlsx", str(tmp_path / "r.xlsx"), "--from", "1 March"], "not a date (YYYY-MM-DD)"),
    ):  # fmt: skip
        code, _, err = econdesk(config, sqlite_db, "report", "--offline", *args)
        assert code == 2 and message in err, (args, err)
    assert not (tmp_path / "r.xlsx").exists()
