"""A connector's failure reaches the command line as one line in the user's language."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from econdesk.cli import main
from econdesk.sandbox.economic import EconomicSandbox
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
