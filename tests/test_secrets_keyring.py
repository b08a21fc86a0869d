"""Secrets live in the keyring (or a 0600 file) and never reach the database, logs or errors."""

from __future__ import annotations

import io
import logging
import stat
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from econdesk.cli import main
from econdesk.config import load_config, parse_config
from econdesk.errors import ConfigError, EcondeskError
from econdesk.secrets import FileStore, KeyringStore, Secret, default_store, keyring_usable
from econdesk.storage import open_database

APP_SECRET = "app-SECRET-7f3a9c"
GRANT = "grant-SECRET-b81e"
STRIPE_KEY = "sk_test_SECRET_51HxQ"
KEYRING_ONLY = "frisbii-SECRET-from-keyring"
DB_PASSWORD = "pg-SECRET-pass"
ALL = (APP_SECRET, GRANT, STRIPE_KEY, KEYRING_ONLY, DB_PASSWORD)


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.values.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_secret_repr_and_str_are_masked() -> None:
    secret = Secret("providers.stripe.api_key", STRIPE_KEY)
    assert STRIPE_KEY not in repr(secret) and STRIPE_KEY not in str(secret)
    assert STRIPE_KEY not in f"{secret} {secret!r} {[secret]}"
    assert secret.reveal() == STRIPE_KEY
    with pytest.raises(TypeError):
        import pickle

        pickle.dumps(secret)


def test_a_missing_secret_names_its_key_only() -> None:
    secret = Secret("economic.app_secret_token", None, resolve=lambda name: None)
    with pytest.raises(
        ConfigError, match=r"economic\.app_secret_token: not set in the config file"
    ):
        secret.reveal()
    assert not secret.is_available()


def test_the_keyring_is_used_when_there_is_one(memory_keyring: MemoryKeyring) -> None:
    assert keyring_usable()
    store = default_store()
    assert isinstance(store, KeyringStore)
    store.set("providers.frisbii.api_key", KEYRING_ONLY)
    assert memory_keyring.values[("econdesk", "providers.frisbii.api_key")] == KEYRING_ONLY
    config = parse_config(
        '[providers.frisbii]\nclearing_account = 5831\nfee_account = 7220\nbooking = "settle"\n'
    )
    assert config.providers["frisbii"].api_key.reveal() == KEYRING_ONLY
    store.delete("providers.frisbii.api_key")
    assert store.get("providers.frisbii.api_key") is None


def test_without_a_keyring_a_0600_file_is_used_with_a_warning(
    econdesk_home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    assert not keyring_usable()  # the suite runs with keyring's "fail" backend
    with caplog.at_level(logging.WARNING):
        store = default_store()
    assert isinstance(store, FileStore)
    assert "no system keyring available" in caplog.text
    store.set("providers.stripe.api_key", STRIPE_KEY)
    path = econdesk_home / "config" / "secrets.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert FileStore(path).get("providers.stripe.api_key") == STRIPE_KEY


def test_a_broken_secrets_file_is_reported_without_its_content(tmp_path: Path) -> None:
    path = tmp_path / "secrets.json"
    path.write_text('{"providers.stripe.api_key": "' + STRIPE_KEY + '"')  # cut short
    with pytest.raises(EcondeskError) as caught:
        FileStore(path).get("providers.stripe.api_key")
    assert str(path) in str(caught.value) and STRIPE_KEY not in str(caught.value)


def test_no_secret_reaches_the_database_a_log_line_or_an_error(
    econdesk_home: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    FileStore(econdesk_home / "config" / "secrets.json").set(
        "providers.frisbii.api_key", KEYRING_ONLY
    )
    config_path = tmp_path / "config.toml"
    config_path.write_text(
        f"""
[economic]
app_secret_token = "{APP_SECRET}"
agreement_grant_token = "{GRANT}"
bank_account = 5820
[providers.stripe]
api_key = "{STRIPE_KEY}"
clearing_account = 5830
fee_account = 7220
booking = "sales"
[providers.frisbii]
clearing_account = 5831
fee_account = 7220
booking = "settle"
"""
    )
    db_path = tmp_path / "econdesk.sqlite3"
    messages: list[str] = []
    # Every SQL statement and its parameters go to the log too.
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")
    with caplog.at_level(logging.DEBUG):
        config = load_config(config_path, required=True)
        # Every secret resolves (file and fallback store)...
        assert config.providers["frisbii"].api_key.reveal() == KEYRING_ONLY
        assert config.economic.app_secret_token.reveal() == APP_SECRET
        logging.getLogger("econdesk.test").info("loaded %s / %r", config, config)
        db = open_database(f"sqlite:///{db_path}", actor="tester")
        with db.transaction() as store:
            # ...and even careless code that audits or stores the config object leaks nothing.
            store.record("config.loaded", ["config"], {"config": repr(config), "text": str(config)})
            store.cursors.set("economic", {"config": repr(config.economic)})
        db.dispose()
        for argv in (["status", "--json"], ["audit", "show", "--json"], ["audit", "verify"]):
            out, err = io.StringIO(), io.StringIO()
            code = main(
                ["--config", str(config_path), "--db", f"sqlite:///{db_path}", *argv],
                stdout=out,
                stderr=err,
            )
            assert code == 0, err.getvalue()
            messages += [out.getvalue(), err.getvalue()]
        # Errors about secrets and secret-bearing values name keys, never values.
        for bad in (
            f'[economic]\nbank_account = "{APP_SECRET}{APP_SECRET}{APP_SECRET}"',
            f'[database]\nurl = "mysql://u:{DB_PASSWORD}@h/db"',
        ):
            with pytest.raises(ConfigError) as caught:
                parse_config(bad, path=config_path)
            messages.append(str(caught.value))
        try:
            open_database(f"postgresql+psycopg://u:{DB_PASSWORD}@127.0.0.1:1/x", actor="t")
        except EcondeskError as exc:
            messages.append(str(exc))
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("econdesk.sqlite3*"))
    assert b"config.loaded" in stored  # the event is there, the secrets are not
    everything = "\n".join([caplog.text, *messages])
    assert "SELECT" in caplog.text  # the SQL log was really captured
    for secret in ALL:
        assert secret.encode() not in stored, secret
        assert secret not in everything, secret
