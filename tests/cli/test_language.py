"""The command line speaks [app] language, else the system's: output, errors, the report."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from econdesk.cli import main
from econdesk.sandbox.scenario import load_scenario
from econdesk.storage import Database


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def danish(tmp_path: Path) -> Path:
    config = tmp_path / "config.toml"
    config.write_text('[app]\nlanguage = "da"\n', encoding="utf-8")
    return config


@pytest.fixture
def filled(sqlite_db: Database) -> Database:
    scenario = load_scenario("tiny")
    with sqlite_db.transaction() as store:
        store.bank_entries.upsert_many(scenario.bank_entries)
        store.items.upsert_many(scenario.items)
        store.payouts.upsert_many(scenario.payouts)
    return sqlite_db


def test_errors_are_one_line_in_danish(danish: Path, sqlite_db: Database, tmp_path: Path) -> None:
    code, out, err = run("--config", str(danish), "--db", sqlite_db.url, "report",
                         "--offline", "--xlsx", str(tmp_path / "r.txt"))  # fmt: skip
    assert (code, out) == (2, "")
    assert err == f"econdesk: {tmp_path / 'r.txt'}: rapportfilen skal ende på .xlsx\n"
    code, _, err = run("--config", str(danish), "--db", sqlite_db.url, "report", "--offline",
                       "--xlsx", str(tmp_path / "r.xlsx"), "--from", "2026-02-01",
                       "--to", "2026-01-31")  # fmt: skip
    assert code == 2 and err == "econdesk: --to 2026-01-31 ligger før --from 2026-02-01\n"


def test_the_system_language_counts_without_a_setting(
    monkeypatch: pytest.MonkeyPatch, sqlite_db: Database, tmp_path: Path
) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    empty = tmp_path / "empty.toml"
    empty.write_text("", encoding="utf-8")
    wrong = ("report", "--offline", "--xlsx", str(tmp_path / "r.ods"))
    _, _, err = run("--config", str(empty), "--db", sqlite_db.url, *wrong)
    assert err.endswith("r.ods: rapportfilen skal ende på .xlsx\n")
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    _, _, err = run("--config", str(empty), "--db", sqlite_db.url, *wrong)
    assert err.endswith("r.ods: the report file must end in .xlsx\n")


def test_init_speaks_the_language_of_the_config_it_finds(
    danish: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    target = tmp_path / "new.toml"
    code, out, _ = run("--config", str(target), "init")
    assert code == 0 and out.startswith(f"wrote {target}")  # no config yet: the system's
    code, _, err = run("--config", str(target), "init")
    assert code == 2 and "--force" in err
    target.write_text(danish.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run("--config", str(target), "init")
    assert (code, err) == (2, f"econdesk: {target} findes allerede (brug --force for at "
                              "overskrive den)\n")  # fmt: skip


def test_match_approve_and_report_speak_danish(
    danish: Path, filled: Database, tmp_path: Path
) -> None:
    base = ("--config", str(danish), "--db", filled.url)
    code, out, _ = run(*base, "match")
    assert code == 0 and "foreslog" in out and "stadig uafstemt:" in out
    code, out, _ = run(*base, "status")
    assert code == 0 and "afstemninger: " in out and "revisionslog: " in out
    code, out, _ = run(*base, "approve", "--auto")
    assert code == 0 and ("godkendt (" in out or out == "intet at godkende\n")
    workbook = tmp_path / "rapport.xlsx"
    code, out, _ = run(*base, "report", "--offline", "--xlsx", str(workbook))
    assert code == 0 and out.startswith(f"skrev {workbook}: ")
    assert load_workbook(workbook, read_only=True).sheetnames[:2] == ["Oversigt", "Afstemninger"]
    code, _, _ = run(*base, "report", "--offline", "--language", "en", "--xlsx", str(workbook))
    assert code == 0
    assert load_workbook(workbook, read_only=True).sheetnames[:2] == ["Summary", "Matches"]
