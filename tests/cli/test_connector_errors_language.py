"""A connector's failure reaches the command line as one line in the user's language."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from econdesk.cli import main
from econdesk.connectors.files.clearhaus import write_clearhaus
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.sandbox.scenario import ScenarioSpec, generate
from econdesk.storage import Database
from tests.services.posting_world import World, agreement, write_config


@pytest.fixture
def sandbox() -> Iterator[EconomicSandbox]:
    with EconomicSandbox(agreement(seed=41)) as running:
        yield running


def econdesk(config: Path, db: Database, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--config", str(config), "--db", db.url, *args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def in_language(config: Path, language: str) -> Path:
    text = config.read_text(encoding="utf-8").replace(
        "[app]\n", f'[app]\nlanguage = "{language}"\n'
    )
    config.write_text(text, encoding="utf-8")
    return config


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("da", "econdesk: e-conomic: app- eller aftaletokenet blev ikke godtaget (forkert, eller "
               "aftalen har trukket econdesks adgang tilbage); forbind econdesk til e-conomic "
               "igen"),
        ("en", "econdesk: e-conomic: the app or agreement token was not accepted (wrong, or the "
               "agreement revoked econdesk's access); connect econdesk to e-conomic again"),
    ],
)  # fmt: skip
def test_refused_credentials_are_one_line_in_the_users_language(
    sqlite_db: Database, sandbox: EconomicSandbox, tmp_path: Path, language: str, said: str
) -> None:
    World.build(sqlite_db, sandbox, seed=41, count=1)
    config = in_language(write_config(tmp_path / "config.toml", sandbox), language)
    wrong = config.read_text(encoding="utf-8").replace(sandbox.agreement_grant_token, "grant-9f3e")
    config.write_text(wrong, encoding="utf-8")
    code, out, err = econdesk(config, sqlite_db, "post", "--dry-run")
    assert (code, out) == (1, "")
    assert err.startswith(said) and err.count("\n") == 1
    assert "grant-9f3e" not in err  # the token is never shown


def test_the_dry_runs_lines_follow_the_language(
    sqlite_db: Database, sandbox: EconomicSandbox, tmp_path: Path
) -> None:
    world = World.build(sqlite_db, sandbox, seed=43, count=1)
    [match] = world.matches
    config = write_config(tmp_path / "config.toml", sandbox)
    code, english, _ = econdesk(in_language(config, "en"), sqlite_db, "post", "--dry-run")
    assert code == 0
    for text in ("  effect per account:", "  revenue ", "  contra ", "    total ", "  marker ",
                 "stays on clearing account ", "  request body: ",
                 f"{match.id}  stripe  deposit "):  # fmt: skip
        assert text in english
    config.write_text(config.read_text(encoding="utf-8").replace('"en"', '"da"'), "utf-8")
    code, danish, _ = econdesk(config, sqlite_db, "post", "--dry-run")
    assert code == 0
    for text in ("  virkning pr. konto:", "  omsætning ", "  modkonto ", "    i alt ",
                 "  markør ", "står tilbage på mellemregningskonto ",
                 "  forespørgslens indhold: ", f"{match.id}  stripe  indbetaling ",
                 "1 bilag ville blive overført"):  # fmt: skip
        assert text in danish, text
    for english_word in ("effect per account", "contra ", "stays on clearing", "request body"):
        assert english_word not in danish


def test_a_broken_settlement_file_is_one_danish_line_naming_line_column_and_value(
    tmp_path: Path,
) -> None:
    scenario = generate(ScenarioSpec(seed=3, size=40, start=date(2026, 3, 1),
                                     end=date(2026, 3, 31), name="broken-file"))  # fmt: skip
    settlements, lines = scenario.clearhaus_report()
    folder = tmp_path / "downloads"
    folder.mkdir()
    summary = folder / "Clearhaus-Settlements-1.csv"
    write_clearhaus(settlements, lines, summary, folder / "Clearhaus-Transactions-1.csv")
    rows = summary.read_text(encoding="utf-8").splitlines()
    cells = rows[2].split(",")
    cells[9] = "-2.4x"  # fees, on the file's line 3
    rows[2] = ",".join(cells)
    summary.write_text("\n".join(rows) + "\n", encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text(
        '[app]\nlanguage = "da"\n[providers.clearhaus]\nsettlements_folder = "downloads"\n'
        'clearing_account = 5831\nfee_account = 7220\nbooking = "settle"\n',
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    args = ["--config", str(config), "--db", f"sqlite:///{tmp_path / 'e.db'}", "sync",
            "--from", "2026-03-01", "--to", "2026-04-10"]  # fmt: skip
    assert main(args, stdout=out, stderr=err) == 1
    assert err.getvalue().splitlines()[-1] == (
        "econdesk: clearhaus:settlements: Clearhaus-Settlements-1.csv linje 3, "
        'kolonne "fees": "-2.4x" er ikke et beløb (og 1 problem mere)'
    )


def test_sync_says_its_progress_and_its_usage_errors_in_danish(
    sqlite_db: Database, sandbox: EconomicSandbox, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[app]\nlanguage = "da"\n', encoding="utf-8")
    code, _, err = econdesk(config, sqlite_db, "sync")
    assert code == 2
    assert err.startswith(f"econdesk: {config}: intet at synkronisere: angiv economic.bank_account")
    code, _, err = econdesk(config, sqlite_db, "sync", "--from", "2026-03-31", "--to", "2026-03-01")
    assert (code, err) == (2, "econdesk: --to 2026-03-01 ligger før --from 2026-03-31\n")
    config.write_text(
        '[app]\nlanguage = "da"\n[economic]\n'
        f'base_url = "{sandbox.base_url}"\njournals_url = "{sandbox.journals_url}"\n'
        f'app_secret_token = "{sandbox.app_secret_token}"\n'
        f'agreement_grant_token = "{sandbox.agreement_grant_token}"\n'
        "bank_account = 5820\njournal = 1\n",
        encoding="utf-8",
    )
    code, out, err = econdesk(
        config, sqlite_db, "sync", "--from", "2025-03-01", "--to", "2025-03-31"
    )
    assert code == 0, err
    # e-conomic's open invoices ([economic] open_invoices, on by default) are a source too
    lines = sorted(err.splitlines())
    assert [line.split(":", 2)[1] for line in lines] == ["bank", "open_invoices"]
    assert all(": 1 sider, " in line and line.endswith(" nye, 0 ændrede") for line in lines)
    assert "færdig" in out
