"""`econdesk clients` and `--client NAME`: each client its own config, store and secrets."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from econdesk import clients
from econdesk.cli import main
from econdesk.secrets import FileStore, PrefixedStore


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def listed() -> list[dict[str, object]]:
    code, out, err = run("clients", "list", "--json")
    assert code == 0, err
    rows: list[dict[str, object]] = json.loads(out)
    return rows


def test_a_single_setup_becomes_the_first_client_with_its_files_in_place(
    econdesk_home: Path,
) -> None:
    assert run("init")[0] == 0
    config = econdesk_home / "config" / "config.toml"
    assert not (econdesk_home / "config" / "clients.toml").exists()
    code, out, err = run("status")  # the first command after the update
    assert code == 0, err
    assert f"sqlite:///{econdesk_home / 'data' / 'econdesk.sqlite3'}" in out
    assert (econdesk_home / "config" / "clients.toml").exists()
    rows = listed()
    assert [(r["name"], r["config"], r["current"]) for r in rows] == [("main", str(config), True)]
    # the store it used before is the one the client uses: nothing moved, nothing new
    assert run("--client", "main", "status")[1] == out
    assert not (econdesk_home / "data" / "clients" / "main" / "econdesk.sqlite3").exists()


def test_a_fresh_install_has_no_clients_until_one_is_added() -> None:
    assert listed() == []
    code, out, _ = run("clients", "list")
    assert code == 0 and "no clients yet" in out


def test_client_routes_each_command_to_that_clients_own_store(econdesk_home: Path) -> None:
    for name in ("Hansen & Søn ApS", "Berg A/S"):
        code, _, err = run("clients", "add", name)
        assert code == 0, err
        assert run("--client", name, "init")[0] == 0
    hansen, berg = clients.load_registry().clients
    assert (hansen.id, berg.id) == ("hansen-son-aps", "berg-a-s")
    assert hansen.config_path == econdesk_home / "config/clients/hansen-son-aps/config.toml"
    assert hansen.config_path.exists() and berg.config_path.exists()
    _, out_hansen, _ = run("--client", "hansen & søn aps", "status")  # case is not asked
    _, out_berg, _ = run("--client", "Berg A/S", "status")
    assert "data/clients/hansen-son-aps/econdesk.sqlite3" in out_hansen
    assert "data/clients/berg-a-s/econdesk.sqlite3" in out_berg
    assert (econdesk_home / "data/clients/berg-a-s/econdesk.sqlite3").exists()
    # without --client: the current one (the first added); $ECONDESK_CLIENT names another
    assert run("status")[1] == out_hansen
    code, _out, err = run("--client", "Nobody", "status")
    assert code == 2 and "no client called 'Nobody'" in err


def test_the_environment_names_a_client_and_an_explicit_config_still_wins(
    econdesk_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    run("clients", "add", "Alfa")
    run("clients", "add", "Beta")
    monkeypatch.setenv("ECONDESK_CLIENT", "Beta")
    assert "data/clients/beta/" in run("status")[1]
    own = tmp_path / "own.toml"
    own.write_text(f'[database]\nurl = "sqlite:///{tmp_path}/own.sqlite3"\n', encoding="utf-8")
    code, out, err = run("--config", str(own), "status")
    assert code == 0, err
    assert "data/clients" not in out and "own.sqlite3" in out
    code, _, err = run("--config", str(own), "--client", "Alfa", "status")
    assert code == 2 and "--client and --config" in err


def test_rename_keeps_the_store_and_the_secrets_reachable(econdesk_home: Path) -> None:
    run("clients", "add", "Alfa")
    run("--client", "Alfa", "init")
    secrets = FileStore(econdesk_home / "config" / "secrets.json")
    alfa = clients.load_registry().find("Alfa")
    PrefixedStore(secrets, alfa.secret_prefix).set("providers.stripe.api_key", "sk_alfa")
    _, before, _ = run("--client", "Alfa", "status")
    code, _out, err = run("clients", "rename", "Alfa", "Omega")
    assert code == 0, err
    omega = clients.load_registry().find("Omega")
    assert omega.id == alfa.id and omega.config_path == alfa.config_path
    assert run("--client", "Omega", "status")[1] == before
    assert PrefixedStore(secrets, omega.secret_prefix).get("providers.stripe.api_key") == "sk_alfa"
    assert secrets.get("providers.stripe.api_key") is None  # not under the plain name
    assert run("--client", "Alfa", "status")[0] == 2
    assert run("clients", "rename", "Omega", "bad\nname")[0] == 2


def test_remove_keeps_the_data_unless_told_to_delete_it(econdesk_home: Path) -> None:
    run("clients", "add", "Alfa")
    run("clients", "add", "Beta")
    for name in ("Alfa", "Beta"):
        run("--client", name, "init")
        run("--client", name, "status")  # makes the store
    alfa, beta = clients.load_registry().clients
    code, out, _ = run("clients", "remove", "Alfa")
    assert code == 0 and "its data is kept" in out
    assert alfa.config_path.exists() and (alfa.data_folder / "econdesk.sqlite3").exists()
    assert [r["name"] for r in listed()] == ["Beta"]
    # a new client of the same name gets folders of its own, not the old ones
    run("clients", "add", "Alfa")
    assert clients.load_registry().find("Alfa").id == "alfa-2"
    code, out, _ = run("clients", "remove", "Beta", "--delete-data")
    assert code == 0 and "deleted its data" in out
    assert not beta.config_path.exists() and not beta.data_folder.exists()
    assert alfa.config_path.exists()  # the other client's data is untouched


@pytest.mark.postgres
def test_clients_on_a_shared_postgresql_server_each_get_a_schema(
    postgres_database_url: str,
) -> None:
    from econdesk.storage import open_database

    for name in ("Alfa", "Beta"):
        code, _, err = run("clients", "add", name, "--database", postgres_database_url)
        assert code == 0, err
        run("--client", name, "init")
    alfa, beta = clients.load_registry().clients
    assert (alfa.schema, beta.schema) == ("econdesk_alfa", "econdesk_beta")
    code, out, err = run("--client", "Alfa", "status")
    assert code == 0, err
    assert "(schema econdesk_alfa)" in out
    db = open_database(postgres_database_url, schema="econdesk_alfa")
    try:
        with db.transaction() as store:
            store.record("test.marker")
    finally:
        db.dispose()
    _, alfa_out, _ = run("--client", "Alfa", "status")
    _, beta_out, _ = run("--client", "Beta", "status")
    assert "audit log: 1 events" in alfa_out and "audit log: 0 events" in beta_out
    # the firm overview reads each client's own schema
    from econdesk.composition import summary_store
    from econdesk.services.firm_overview import client_overview

    seen = client_overview(alfa, summary_store)
    assert seen.figures is not None and seen.figures.unmatched_count == 0
    assert run("clients", "remove", "Beta", "--delete-data")[0] == 0
    assert "schema econdesk_alfa" in run("clients", "remove", "Alfa", "--delete-data")[1]


def test_a_store_without_a_config_is_adopted_too_and_only_once(econdesk_home: Path) -> None:
    assert run("status")[0] == 0  # nothing to adopt yet: makes the store in the data folder
    assert clients.load_registry().clients == ()
    assert run("status")[0] == 0  # a store without a config: a single setup all the same
    registry = clients.load_registry()
    assert [c.name for c in registry.clients] == ["main"]
    assert registry.clients[0].secret_prefix == ""  # the secrets keep their plain names
    assert run("clients", "remove", "main")[0] == 0
    assert run("clients", "list", "--json")[1].strip() == "[]"  # not adopted a second time


def test_a_broken_registry_is_named_in_one_line(econdesk_home: Path) -> None:
    path = econdesk_home / "config" / "clients.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[[client]]\nname = "A"\n', encoding="utf-8")
    code, _, err = run("clients", "list")
    assert code == 2 and f"{path}" in err and "needs a name and an id" in err
    assert len(err.strip().splitlines()) == 1
