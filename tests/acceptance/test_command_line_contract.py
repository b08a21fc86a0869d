"""The command line as the README gives it: the commands, the global options, the exit codes.

Exit codes: 0 done; 1 the work failed (one clear line on stderr, nothing half-written); 2 the
command line or the config is wrong (the line names the key and the file). `--config`
defaults to $ECONDESK_CONFIG, `--db` to $ECONDESK_DB, then a file in the user folders.
"""

from __future__ import annotations

import re
import socket
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.acceptance.harness import Econdesk, InProcessEcondesk, Outcome, SubprocessEcondesk

# Every command the README lists, with the options it names for it.
CONTRACT_COMMANDS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("gui",): (),
    ("demo",): (),
    ("sandbox", "serve"): (
        "--host", "--port", "--seed", "--scenario", "--latency-ms", "--fault-rate",
    ),
    ("init",): ("--sandbox",),
    ("sync",): ("--from", "--to"),
    ("match",): (),
    ("matches",): ("--state", "--json"),
    ("approve",): ("--auto",),
    ("reject",): (),
    ("post",): ("--dry-run",),
    ("report",): ("--xlsx", "--from", "--to"),
    ("audit", "verify"): (),
    ("audit", "show"): ("--json", "--limit"),
    ("status",): ("--json",),
}  # fmt: skip


@pytest.fixture
def econdesk() -> Econdesk:
    """In this module `econdesk` runs in-process (fast); `real_econdesk` is the installed
    command as a child process, for what only a real process shows (exit status, stderr)."""
    return InProcessEcondesk()


@pytest.fixture
def real_econdesk() -> Econdesk:
    return SubprocessEcondesk()


def no_traceback(outcome: Outcome) -> None:
    assert "Traceback" not in outcome.err and "Traceback" not in outcome.out, outcome


def one_line(outcome: Outcome) -> str:
    lines = [line for line in outcome.err.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line on stderr:\n{outcome}"
    no_traceback(outcome)
    return lines[0]


def dead_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- --version and --help ---------------------------------------------------------------------


def test_version_names_the_installed_release(real_econdesk: Econdesk) -> None:
    done = real_econdesk("--version")
    assert done.out.strip() == f"econdesk {version('econdesk')}"


def test_help_lists_every_command_of_the_contract(real_econdesk: Econdesk) -> None:
    listed = real_econdesk("--help").out
    for command in {c[0] for c in CONTRACT_COMMANDS}:
        assert re.search(rf"^\s+{command}\s", listed, re.MULTILINE), f"{command} not in --help"
    assert "--config" in listed and "--db" in listed and "--version" in listed


@pytest.mark.parametrize("command", sorted(CONTRACT_COMMANDS), ids=" ".join)
def test_each_command_takes_the_options_the_contract_names(command: tuple[str, ...]) -> None:
    shown = InProcessEcondesk()(*command, "--help").out
    missing = [o for o in CONTRACT_COMMANDS[command] if o not in shown]
    assert missing == [], f"econdesk {' '.join(command)} --help lacks {missing}:\n{shown}"


# -- exit code 2: the command line or the config is wrong --------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("nonesuch",),
        ("--nonesuch", "status"),
        ("matches", "--state", "bogus"),
        ("approve",),
        ("sync", "--from", "01-03-2026"),
        ("report",),
        ("audit",),
        ("sandbox", "serve", "--port", "eighty"),
    ],
    ids=" ".join,
)
def test_a_wrong_command_line_exits_2(econdesk: Econdesk, args: tuple[str, ...]) -> None:
    wrong = econdesk(*args, expect=2)
    assert wrong.err.strip(), wrong
    no_traceback(wrong)


def test_a_wrong_command_line_exits_2_from_a_real_process(real_econdesk: Econdesk) -> None:
    wrong = real_econdesk("matches", "--state", "bogus", expect=2)
    assert "bogus" in wrong.err
    no_traceback(wrong)


def test_a_wrong_key_in_the_config_exits_2_naming_key_and_file(
    econdesk: Econdesk, real_econdesk: Econdesk, tmp_path: Path
) -> None:
    config = tmp_path / "wrong.toml"
    config.write_text("[economic]\nbank_acount = 5820\n", encoding="utf-8")
    for run, how in ((econdesk, ("--config", str(config))), (real_econdesk, ())):
        env = {} if how else {"ECONDESK_CONFIG": str(config)}
        wrong = run(*how, "status", expect=2, env=env)
        line = one_line(wrong)
        assert "economic.bank_acount" in line and str(config) in line, wrong
        assert not (tmp_path / "data").exists()


def test_a_wrong_value_in_the_config_exits_2_naming_key_and_file(
    econdesk_in_process: Econdesk, tmp_path: Path
) -> None:
    config = tmp_path / "wrong.toml"
    config.write_text('[matching]\nauto_threshold = "high"\n', encoding="utf-8")
    line = one_line(econdesk_in_process("--config", str(config), "match", expect=2))
    assert "matching.auto_threshold" in line and str(config) in line


def test_a_named_config_file_that_is_missing_exits_2(
    econdesk_in_process: Econdesk, tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere.toml"
    line = one_line(econdesk_in_process("--config", str(missing), "status", expect=2))
    assert str(missing) in line


# -- exit code 1: the work failed, one line, nothing half-written -------------------------------


def test_init_from_a_sandbox_that_is_not_there_fails_and_writes_nothing(
    econdesk: Econdesk, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    failed = econdesk(
        "--config", str(config), "init", "--sandbox", f"http://127.0.0.1:{dead_port()}", expect=1
    )
    one_line(failed)
    assert not config.exists()


def test_a_sync_whose_sources_cannot_be_reached_fails_with_one_line(
    real_econdesk: Econdesk, econdesk: Econdesk, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        "[economic]\n"
        f'base_url = "http://127.0.0.1:{dead_port()}"\n'
        'app_secret_token = "app-SECRET-1"\nagreement_grant_token = "grant-SECRET-2"\n'
        "bank_account = 5820\n"
        "[providers.stripe]\n"
        f'base_url = "http://127.0.0.1:{dead_port()}"\n'
        'api_key = "sk_test_SECRET-3"\nclearing_account = 5830\nfee_account = 7220\n',
        encoding="utf-8",
    )
    database = tmp_path / "books.sqlite3"
    failed = real_econdesk("--config", str(config), "--db", str(database), "sync", expect=1)
    line = one_line(failed)
    assert "economic" in line and "stripe" in line, line
    assert "SECRET" not in failed.err + failed.out, "a secret was printed"
    status = econdesk("--config", str(config), "--db", str(database), "status", "--json").json()
    assert all(row["count"] == 0 for row in status["totals"]), status


def test_approving_an_unknown_match_fails_with_one_line(econdesk: Econdesk, tmp_path: Path) -> None:
    database = tmp_path / "books.sqlite3"
    line = one_line(econdesk("--db", str(database), "approve", "m-999999", expect=1))
    assert "m-999999" in line


def test_a_report_into_a_missing_folder_is_refused_and_writes_nothing(
    econdesk_in_process: Econdesk, tmp_path: Path
) -> None:
    target = tmp_path / "missing-folder" / "report.xlsx"
    database = tmp_path / "books.sqlite3"
    refused = econdesk_in_process(
        "--db", str(database), "report", "--xlsx", str(target), "--offline", expect=2
    )
    assert str(target.parent) in one_line(refused)
    assert not target.parent.exists()


# -- where the config and the database are ---------------------------------------------------


def database_of(econdesk: Econdesk, *args: str, env: dict[str, str] | None = None) -> str:
    shown: str = econdesk(*args, "status", "--json", env=env).json()["database"]
    return shown


def test_db_option_and_environment_choose_the_database(
    econdesk: Econdesk, tmp_path: Path, econdesk_home: Path
) -> None:
    by_option, by_env = tmp_path / "option.sqlite3", tmp_path / "env.sqlite3"
    assert str(by_option) in database_of(econdesk, "--db", str(by_option))
    assert by_option.exists()
    assert str(by_env) in database_of(econdesk, env={"ECONDESK_DB": str(by_env)})
    assert by_env.exists()
    shown = database_of(econdesk, "--db", str(by_option), env={"ECONDESK_DB": str(by_env)})
    assert str(by_option) in shown, "--db wins over $ECONDESK_DB"
    url = f"sqlite:///{tmp_path / 'url.sqlite3'}"
    assert str(tmp_path / "url.sqlite3") in database_of(econdesk, "--db", url)
    # Neither: the user data folder ($ECONDESK_HOME/data in tests).
    assert str(econdesk_home / "data") in database_of(econdesk)


def test_config_option_and_environment_choose_the_config(
    econdesk: Econdesk, tmp_path: Path
) -> None:
    first, second = tmp_path / "first.toml", tmp_path / "second.toml"
    for config in (first, second):
        database = tmp_path / f"{config.stem}.sqlite3"
        config.write_text(f'[database]\nurl = "sqlite:///{database}"\n', encoding="utf-8")
    assert "first.sqlite3" in database_of(econdesk, env={"ECONDESK_CONFIG": str(first)})
    shown = database_of(econdesk, "--config", str(second), env={"ECONDESK_CONFIG": str(first)})
    assert "second.sqlite3" in shown, "--config wins over $ECONDESK_CONFIG"
    shown = database_of(
        econdesk,
        "--config",
        str(second),
        "--db",
        str(tmp_path / "third.sqlite3"),
    )
    assert "third.sqlite3" in shown, "--db wins over the config's [database] url"


def test_init_writes_a_starter_config_that_econdesk_reads(
    econdesk: Econdesk, econdesk_home: Path
) -> None:
    done = econdesk("init")
    written = econdesk_home / "config" / "config.toml"
    assert str(written) in done.out and written.exists()
    econdesk("status")
    econdesk("audit", "verify")
