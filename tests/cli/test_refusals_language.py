"""The store's and the services' refusals reach the command line in [app] language, on one
line: an unknown match, a signed-off month, a refused posting, a colleague's change."""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from econdesk.cli import main
from econdesk.domain import MatchState
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.storage import Database
from tests.services.posting_world import World, agreement, write_config
from tests.storage.helpers import seed_pair


def run(config: Path, db: Database, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--config", str(config), "--db", db.url, *args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def config_in(tmp_path: Path, language: str) -> Path:
    config = tmp_path / f"config-{language}.toml"
    config.write_text(f'[app]\nlanguage = "{language}"\nactor = "tester"\n', encoding="utf-8")
    return config


def test_an_unknown_match_is_named_in_danish(sqlite_db: Database, tmp_path: Path) -> None:
    danish = config_in(tmp_path, "da")
    assert run(danish, sqlite_db, "approve", "m-999999") == (
        1, "", "econdesk: ingen afstemning m-999999\n"
    )  # fmt: skip
    assert run(danish, sqlite_db, "reject", "x12") == (
        1, "", "econdesk: ikke et afstemnings-id: 'x12' (forventede f.eks. m-000123)\n"
    )  # fmt: skip
    english = config_in(tmp_path, "en")
    assert run(english, sqlite_db, "approve", "m-999999") == (
        1, "", "econdesk: no match m-999999\n"
    )  # fmt: skip


def test_a_signed_off_month_refuses_in_danish(sqlite_db: Database, tmp_path: Path) -> None:
    match = seed_pair(sqlite_db)  # a bank entry of January 2026
    danish = config_in(tmp_path, "da")
    code, _, err = run(danish, sqlite_db, "period", "sign-off", "2026-01")
    assert (code, err) == (0, "")
    code, out, err = run(danish, sqlite_db, "approve", match.id)
    assert (code, out) == (1, "")
    assert err == (
        f"econdesk: {match.id} er i 2026-01, som er afsluttet: genåbn perioden (econdesk period "
        "reopen 2026-01 --reason ...), før du godkender den\n"
    )
    code, _, err = run(danish, sqlite_db, "reject", match.id)
    assert code == 1 and err.endswith(", før du afviser den\n") and err.count("\n") == 1
    code, _, err = run(danish, sqlite_db, "period", "approve", "2026-01")
    assert (code, err) == (
        1, "econdesk: 2026-01 blev afsluttet af tester: en anden person skal godkende den\n"
    )  # fmt: skip
    code, _, err = run(config_in(tmp_path, "en"), sqlite_db, "approve", match.id)
    assert code == 1 and err.endswith("before you approve it\n")
    with sqlite_db.reader() as store:
        assert store.matches.get(match.id).state is MatchState.PROPOSED


@pytest.fixture
def sandbox() -> Iterator[EconomicSandbox]:
    with EconomicSandbox(agreement(seed=43)) as running:
        yield running


def test_a_refused_posting_reads_in_danish(
    sqlite_db: Database, sandbox: EconomicSandbox, tmp_path: Path
) -> None:
    world = World.build(sqlite_db, sandbox, seed=43, count=2)
    english = write_config(tmp_path / "config.toml", sandbox)
    text = english.read_text(encoding="utf-8").replace("[app]\n", '[app]\nlanguage = "da"\n', 1)
    danish = tmp_path / "config-da.toml"
    danish.write_text(text, encoding="utf-8")
    proposed = seed_pair(sqlite_db, 99)
    code, out, err = run(danish, sqlite_db, "post", proposed.id)
    assert (code, out) == (1, "")
    assert err == f"econdesk: kun godkendte afstemninger overføres: {proposed.id}\n"
    with sandbox.data.lock:  # the journal has one voucher number left
        sandbox.data.journals[1] = dataclasses.replace(
            sandbox.data.journals[1], min_voucher=1, max_voucher=1
        )
    code, out, err = run(danish, sqlite_db, *(["post", *(m.id for m in world.matches)]))
    assert code == 1
    assert err == (
        "econdesk: 1 afstemning(er) ikke overført; de forbliver godkendt (se årsagerne ovenfor)\n"
    )
    refused = [line for line in out.splitlines() if "ikke overført:" in line]
    # e-conomic's own words stay as e-conomic gives them; econdesk's are Danish
    assert len(refused) == 1 and ": e-conomic afviste det: " in refused[0]
    assert "No voucher numbers left" in refused[0]


@pytest.mark.postgres
def test_a_colleagues_change_meanwhile_is_named_in_danish(
    postgres_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from econdesk.services.matching import MatchingService

    match = seed_pair(postgres_db)
    jane = Database(postgres_db.url, actor="jane")
    original = MatchingService._examples
    acted: list[bool] = []

    def colleague_rejects_first(*args):  # type: ignore[no-untyped-def]
        if not acted:  # the approval has read the match, and not yet taken the writer lock
            acted.append(True)
            MatchingService(jane).reject([match.id])
        return original(*args)

    monkeypatch.setattr(MatchingService, "_examples", staticmethod(colleague_rejects_first))
    try:
        code, out, err = run(config_in(tmp_path, "da"), postgres_db, "approve", match.id)
    finally:
        jane.dispose()
    assert (code, out) == (1, "")
    assert err == (
        f"econdesk: {match.id} blev ændret af en anden i mellemtiden: genindlæs den og prøv igen\n"
    )
    with postgres_db.reader() as store:
        assert store.matches.get(match.id).state is MatchState.REJECTED


def test_a_stale_version_is_said_in_danish_and_logged_in_english(sqlite_db: Database) -> None:
    from econdesk.i18n.message import reason_of, text_in
    from econdesk.storage import ConcurrencyError

    match = seed_pair(sqlite_db)
    with pytest.raises(ConcurrencyError) as caught, sqlite_db.transaction() as store:
        store.matches.transition(match.id, MatchState.APPROVED, expected_version=match.version + 1)
    assert str(caught.value) == (
        f"{match.id} was changed by someone else (it is now version 1, proposed; you had "
        "version 2): reload it and try again"
    )
    assert text_in(caught.value, "da") == (
        f"{match.id} blev ændret af en anden (den er nu version 1, foreslået; du havde "
        "version 2): genindlæs den og prøv igen"
    )
    # kept as a reason (a posting outcome, the store, JSON): the English text it always was
    reason = reason_of(caught.value)
    assert json.dumps({"reason": reason}) == json.dumps({"reason": str(caught.value)})
    assert text_in(reason, "da") == text_in(caught.value, "da")


def test_a_kept_reason_survives_a_copy_and_a_pickle() -> None:
    import copy
    import pickle

    from econdesk.i18n.message import said_text, text_in
    from econdesk.services.posting import MatchOutcome, Outcome
    from econdesk.storage.repos.periods import locked_reason

    outcome = MatchOutcome(
        "m-000012", Outcome.UNPOSTED, reason=said_text(locked_reason("m-000012", "2026-01", "post"))
    )
    for kept in (copy.deepcopy(outcome), pickle.loads(pickle.dumps(outcome))):
        assert kept == outcome
        assert text_in(kept.reason, "da").endswith(", før du overfører den")
        assert kept.reason.endswith("before you post it")
