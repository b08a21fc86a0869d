"""Secrets (API keys, tokens): the OS keyring, else a 0600 file with a warning.

A secret is held in a `Secret`, whose repr and str never show the value, so a config object can
be logged, printed or put into an exception message without leaking. Only `reveal()` gives the
value, and only connectors building an HTTP header should call it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from econdesk import filemodes, paths
from econdesk.errors import ConfigError, EcondeskError

log = logging.getLogger(__name__)

KEYRING_SERVICE = "econdesk"


class SecretStore(Protocol):
    """Where secrets typed by a user are kept, by name (e.g. "providers.stripe.api_key")."""

    description: str

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...

    def delete(self, name: str) -> None: ...


class Secret:
    """A secret value from the config file or a store; masked everywhere except `reveal()`."""

    __slots__ = ("_name", "_resolve", "_value")

    def __init__(
        self,
        name: str,
        value: str | None = None,
        *,
        resolve: Callable[[str], str | None] | None = None,
    ) -> None:
        self._name = name
        self._value = value
        self._resolve = resolve

    @property
    def name(self) -> str:
        return self._name

    def reveal(self) -> str:
        """The value; looked up in the secret store on first use if the file did not give it."""
        if self._value is None and self._resolve is not None:
            self._value = self._resolve(self._name)
        if not self._value:
            raise ConfigError(
                "not set in the config file and not found in the keyring", key=self._name
            )
        return self._value

    def is_available(self) -> bool:
        try:
            self.reveal()
        except ConfigError:
            return False
        return True

    def __repr__(self) -> str:
        return f"Secret({self._name!r}, '********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        return self._name == other._name and self._value == other._value

    def __hash__(self) -> int:
        return hash(self._name)

    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("a Secret is not pickled, so it is never written anywhere by accident")


class KeyringStore:
    """The OS keyring (Windows Credential Locker, macOS Keychain, Secret Service)."""

    description = "the system keyring"

    def get(self, name: str) -> str | None:
        import keyring  # start-up: the keyring's backends load when a secret is first read

        value: str | None = keyring.get_password(KEYRING_SERVICE, name)
        return value

    def set(self, name: str, value: str) -> None:
        import keyring  # start-up: as in get

        keyring.set_password(KEYRING_SERVICE, name, value)

    def delete(self, name: str) -> None:
        import keyring  # start-up: as in get
        import keyring.errors

        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            keyring.delete_password(KEYRING_SERVICE, name)


class FileStore:
    """A JSON file readable only by its owner (0600): the fallback where no keyring exists."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.description = f"the file {path} (readable only by you)"

    def _load(self) -> dict[str, str]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            # Never quote the content: it is secrets.
            raise EcondeskError(f"{self.path} is not valid JSON (line {exc.lineno})") from None
        if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
            raise EcondeskError(f"{self.path} must hold a JSON object of strings")
        return data

    def _save(self, data: dict[str, str]) -> None:
        filemodes.private_folder(self.path.parent)
        tmp = self.path.with_suffix(".tmp")
        # Create with 0600 from the start, so the secrets are never readable by others.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, stat.S_IRUSR | stat.S_IWUSR)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2, sort_keys=True)
        filemodes.restrict(tmp)  # 0600 again (umask aside); on Windows, the user's ACL
        tmp.replace(self.path)

    def get(self, name: str) -> str | None:
        return self._load().get(name)

    def set(self, name: str, value: str) -> None:
        data = self._load()
        data[name] = value
        self._save(data)

    def delete(self, name: str) -> None:
        data = self._load()
        if data.pop(name, None) is not None:
            self._save(data)


class PrefixedStore:
    """Another store's entries under `prefix/` (one client's secrets in a firm's keyring).

    Without `inner`, the default store is found at the first lookup, so a command that reads
    no secret never loads the keyring."""

    def __init__(self, inner: SecretStore | None, prefix: str) -> None:
        self._inner = inner
        self.prefix = prefix
        self.description = inner.description if inner else f"the secrets named {prefix}/..."

    @property
    def inner(self) -> SecretStore:
        if self._inner is None:
            self._inner = default_store()
        return self._inner

    def get(self, name: str) -> str | None:
        return self.inner.get(f"{self.prefix}/{name}")

    def set(self, name: str, value: str) -> None:
        self.inner.set(f"{self.prefix}/{name}", value)

    def delete(self, name: str) -> None:
        self.inner.delete(f"{self.prefix}/{name}")


def store_for(prefix: str) -> SecretStore:
    """The default store, or its entries under `prefix/` when a prefix is given."""
    return PrefixedStore(None, prefix) if prefix else default_store()


def keyring_usable() -> bool:
    """True when keyring has a real backend (not the 'fail' or 'null' placeholder)."""
    try:  # start-up: as in KeyringStore.get
        import keyring
        from keyring.backends import fail, null
    except ImportError:  # pragma: no cover - keyring is a dependency
        return False
    backend = keyring.get_keyring()
    chained = getattr(backend, "backends", None)
    if chained is not None and not chained:
        return False
    return not isinstance(backend, (fail.Keyring, null.Keyring))


def default_store() -> SecretStore:
    """The keyring when the OS has one; else the 0600 file, with a warning saying so."""
    if keyring_usable():
        return KeyringStore()
    store = FileStore(paths.secrets_fallback_file())
    if store.path not in _warned:
        _warned.add(store.path)
        log.warning("no system keyring available; secrets are kept in %s (mode 0600)", store.path)
    return store


_warned: set[Path] = set()
