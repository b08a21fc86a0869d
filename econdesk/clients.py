"""An accounting firm's clients: each with its own config file, secrets and store.

The registry is `clients.toml` in the user config folder (README, "Many clients"):

    current = "Hansen ApS"            # the client a command without --client works on

    [[client]]
    name = "Hansen ApS"              # what the bookkeeper calls it; `clients rename` changes it
    id = "hansen-aps"                # fixed when added: its folders and its keyring names
    database = "postgresql+psycopg://firm-db/econdesk"   # optional: a shared server...
    schema = "econdesk_hansen_aps"   # ...and this client's own schema on it

A client's config is `clients/<id>/config.toml` in the config folder, its SQLite store
`clients/<id>/econdesk.sqlite3` in the data folder, its secrets are keyring entries named
`clients/<id>/<key>`. Since a rename changes only the name, the store and the secrets stay
where they were. The setup from before clients existed (config.toml and econdesk.sqlite3 in
the folders themselves, secrets under their plain key names) becomes the first client the
first time econdesk finds it, with nothing moved (`adopt_single_setup`).
"""

from __future__ import annotations

import json
import re
import shutil
import tomllib
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import tomlkit

from econdesk import filemodes, paths
from econdesk.errors import ConfigError, UsageError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

REGISTRY_FILE = "clients.toml"
CLIENT_ENV = "ECONDESK_CLIENT"
FIRST_CLIENT = "main"  # the name the single setup gets; rename it at will
HEADER = "econdesk's clients (written by `econdesk clients`; see README.md, Many clients)."
_NAME = re.compile(r"^\w[\w .,&'/()+-]{0,62}$")
_SCHEMA = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_EXISTS = QT_TRANSLATE_NOOP("CLI", "a client called '{0}' exists already")
_KEYS = ("name", "id", "config", "database", "schema", "secrets")


@dataclass(frozen=True, slots=True)
class Client:
    """One client as the registry holds it; paths relative to the user folders."""

    name: str
    id: str
    config: str | None = None  # default clients/<id>/config.toml (relative: config folder)
    database: str | None = None  # a URL, or an SQLite file (relative: data folder)
    schema: str | None = None  # the PostgreSQL schema holding this client's tables
    secrets: str | None = None  # keyring prefix; default clients/<id>; "" the plain names

    @property
    def config_path(self) -> Path:
        given = Path(self.config) if self.config else Path("clients", self.id, "config.toml")
        return given if given.is_absolute() else paths.config_dir() / given

    @property
    def data_folder(self) -> Path:
        """Where this client's SQLite store and its last sync's record are kept."""
        return paths.data_dir() / "clients" / self.id

    @property
    def database_url(self) -> str:
        """The registry's database, else the client's own SQLite file."""
        if self.database and "://" in self.database:
            return self.database
        file = Path(self.database) if self.database else self.data_folder / "econdesk.sqlite3"
        return paths.sqlite_url(file if file.is_absolute() else paths.data_dir() / file)

    @property
    def secret_prefix(self) -> str:
        return f"clients/{self.id}" if self.secrets is None else self.secrets


@dataclass(frozen=True, slots=True)
class Registry:
    clients: tuple[Client, ...] = ()
    current: str | None = None

    def find(self, name: str) -> Client:
        """The client called `name` (case and accents as typed, spacing ignored at the ends)."""
        wanted = _fold(name)
        for client in self.clients:
            if _fold(client.name) == wanted:
                return client
        known = ", ".join(c.name for c in self.clients) or "none yet"
        unknown = QT_TRANSLATE_NOOP("CLI", "no client called '{0}' (clients: {1})")
        raise UsageError(say(unknown, name.strip(), known))

    def default(self) -> Client | None:
        """The current client, else the only one, else None."""
        if self.current:
            for client in self.clients:
                if client.name == self.current:
                    return client
        return self.clients[0] if len(self.clients) == 1 else None


def registry_path() -> Path:
    return paths.config_dir() / REGISTRY_FILE


def load_registry(path: Path | None = None) -> Registry:
    """The registry; an empty one when the file does not exist."""
    path = path or registry_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Registry()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read the clients: {exc}", path=path) from None
    rows = data.get("client", [])
    if not isinstance(rows, list):
        raise ConfigError("must be a list of [[client]] tables", key="client", path=path)
    clients = tuple(_client(row, path, i) for i, row in enumerate(rows))
    current = data.get("current")
    return Registry(clients, current if isinstance(current, str) else None)


def _client(row: Any, path: Path, index: int) -> Client:
    key = f"client[{index}]"
    if not isinstance(row, dict) or not all(isinstance(v, str) for v in row.values()):
        raise ConfigError("must be a table of strings", key=key, path=path)
    unknown = sorted(set(row) - set(_KEYS))
    if unknown:
        raise ConfigError(f"unknown key {unknown[0]!r}", key=key, path=path)
    if not row.get("name") or not row.get("id"):
        raise ConfigError("needs a name and an id", key=key, path=path)
    return Client(**row)


def save_registry(registry: Registry, path: Path | None = None) -> None:
    """Write the registry whole or not at all (0600, like the config beside it)."""
    path = path or registry_path()
    document = tomlkit.document()
    document.add(tomlkit.comment(HEADER))
    if registry.current:
        document["current"] = registry.current
    rows = tomlkit.aot()
    for client in registry.clients:
        rows.append({k: v for k in _KEYS if (v := getattr(client, k)) is not None})
    document["client"] = rows
    filemodes.private_folder(path.parent)
    filemodes.write_private_text(path, document.as_string())


# -- the single setup from before clients ------------------------------------------------------


def adopt_single_setup(path: Path | None = None) -> Registry:
    """The registry; written first, when there is none yet but a single setup (its config
    or its store in the user folders), naming that setup the first client, files in place."""
    path = path or registry_path()
    registry = load_registry(path)
    if registry.clients or path.exists():
        return registry
    config, store = paths.default_config_file(), paths.default_database_file()
    if not config.exists() and not store.exists():
        return registry
    first = Client(FIRST_CLIENT, FIRST_CLIENT, config=config.name, database=store.name, secrets="")
    registry = Registry((first,), FIRST_CLIENT)
    save_registry(registry, path)
    return registry


# -- the last sync's outcome, for the firm overview -----------------------------------------


@dataclass(frozen=True, slots=True)
class LastSync:
    at: datetime  # when it finished (UTC)
    ok: bool
    reason: str | None = None  # what failed, one line
    auth_failed: bool = False  # a credential was refused: expired or revoked


def last_sync_file(client: Client) -> Path:
    return client.data_folder / "last_sync.json"


def record_sync(client: Client, outcome: LastSync) -> None:
    """Keep the outcome of the client's newest sync (whole or not at all)."""
    document = {
        "at": outcome.at.isoformat(),
        "ok": outcome.ok,
        "reason": outcome.reason,
        "auth_failed": outcome.auth_failed,
    }
    filemodes.private_folder(client.data_folder)
    filemodes.write_private_text(last_sync_file(client), json.dumps(document, indent=2))


def last_sync(client: Client) -> LastSync | None:
    """The newest sync's outcome; None when none was recorded (or the record is unreadable:
    it only informs the overview)."""
    try:
        data = json.loads(last_sync_file(client).read_text(encoding="utf-8"))
        return LastSync(
            datetime.fromisoformat(data["at"]),
            bool(data["ok"]),
            data.get("reason"),
            bool(data.get("auth_failed", False)),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


# -- changes -----------------------------------------------------------------------------------


def check_name(name: str) -> str:
    name = name.strip()
    if not _NAME.match(name):
        bad = QT_TRANSLATE_NOOP(
            "CLI",
            "'{0}' is not a client name: letters, digits, spaces and . , & ' / ( ) + - "
            "(up to 63, starting with a letter or digit)",
        )
        raise UsageError(say(bad, name))
    return name


def new_id(name: str, taken: set[str]) -> str:
    """A folder- and keyring-safe id from the name: `Hansen & Søn ApS` -> `hansen-son-aps`."""
    plain = unicodedata.normalize("NFKD", name.replace("ø", "o").replace("Ø", "O"))
    plain = plain.replace("æ", "ae").replace("Æ", "Ae")
    ascii_ = plain.encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")[:40] or "client"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def add(registry: Registry, name: str, *, database: str | None, schema: str | None) -> Client:
    name = check_name(name)
    if any(_fold(c.name) == _fold(name) for c in registry.clients):
        raise UsageError(say(_EXISTS, name))
    # A removed client's folders may still be there: a new client never takes them over.
    left = {p.name for f in (paths.config_dir(), paths.data_dir()) for p in _listed(f / "clients")}
    client_id = new_id(name, {c.id for c in registry.clients} | left)
    if database and database.startswith("postgresql") and schema is None:
        schema = "econdesk_" + client_id.replace("-", "_")
    if schema is not None and not _SCHEMA.match(schema):
        bad = QT_TRANSLATE_NOOP("CLI", "'{0}' is not a schema name (a-z, 0-9, _; up to 63)")
        raise UsageError(say(bad, schema))
    return Client(name, client_id, database=database, schema=schema)


def with_client(registry: Registry, client: Client) -> Registry:
    current = registry.current or client.name
    return Registry((*registry.clients, client), current)


def renamed(registry: Registry, old: str, new: str) -> tuple[Registry, Client]:
    """The registry with `old` called `new`; its id (folders, keyring names) is kept."""
    client = registry.find(old)
    new = check_name(new)
    if any(_fold(c.name) == _fold(new) and c is not client for c in registry.clients):
        raise UsageError(say(_EXISTS, new))
    moved = replace(client, name=new)
    clients = tuple(moved if c is client else c for c in registry.clients)
    current = new if registry.current == client.name else registry.current
    return Registry(clients, current), moved


def without(registry: Registry, name: str) -> tuple[Registry, Client]:
    client = registry.find(name)
    clients = tuple(c for c in registry.clients if c is not client)
    current = None if registry.current == client.name else registry.current
    return Registry(clients, current), client


def chosen(registry: Registry, name: str) -> Registry:
    return Registry(registry.clients, registry.find(name).name)


def delete_files(client: Client) -> list[Path]:
    """Remove the client's config and SQLite store (with its -wal/-shm) and its folders;
    returns what was removed. The secrets and a PostgreSQL schema are the caller's."""
    removed: list[Path] = []
    files = [client.config_path]
    url = client.database_url
    if url.startswith("sqlite:///"):
        store = Path(url.removeprefix("sqlite:///"))
        files += [store, store.with_name(store.name + "-wal"), store.with_name(store.name + "-shm")]
    for file in files:
        if file.exists():
            file.unlink()
            removed.append(file)
    for folder in (paths.config_dir() / "clients" / client.id, client.data_folder):
        if folder.exists():
            shutil.rmtree(folder)
            removed.append(folder)
    return removed


def _listed(folder: Path) -> list[Path]:
    return list(folder.iterdir()) if folder.is_dir() else []


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()
