"""What a command handler gets besides its arguments: config, database, services, output.

Everything is loaded on first use, so `econdesk --version` or `econdesk init` never touches a
database, and a command that needs no config does not fail on a broken one. The database and
the services come from the composition root (`econdesk.composition`), as the app's do.
"""

from __future__ import annotations

import sys
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from econdesk.clients import Client
    from econdesk.composition import Services
    from econdesk.config import Config
    from econdesk.secrets import SecretStore
    from econdesk.storage import Database


class Context:
    """Handed to every `func(args, ctx) -> int`; cheap to build, lazy to use."""

    def __init__(
        self,
        *,
        config_arg: str | None = None,
        db_arg: str | None = None,
        client_arg: str | None = None,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
    ) -> None:
        self._config_arg = config_arg
        self._db_arg = db_arg
        self._client_arg = client_arg
        self.out: TextIO = stdout if stdout is not None else sys.stdout
        self.err: TextIO = stderr if stderr is not None else sys.stderr
        self._database: Database | None = None

    @cached_property
    def client(self) -> Client | None:
        """The client this command works on: --client, else $ECONDESK_CLIENT, else the
        registry's current one; None with --config or $ECONDESK_CONFIG (a config named by
        its file), and before there are any clients. A single setup from before clients
        becomes the first client here, the first time a command needs its config."""
        import os

        from econdesk import clients  # start-up: not for --version or --help
        from econdesk.config import config_path_is_explicit
        from econdesk.errors import UsageError
        from econdesk.i18n import QT_TRANSLATE_NOOP
        from econdesk.i18n.message import say

        if self._client_arg and self._config_arg:
            both = QT_TRANSLATE_NOOP("CLI", "--client and --config each name a config: give one")
            raise UsageError(say(both))
        explicit = config_path_is_explicit(self._config_arg)
        name = self._client_arg or (None if explicit else os.environ.get(clients.CLIENT_ENV))
        if name is None and explicit:
            return None
        registry = clients.adopt_single_setup()
        if name:
            return registry.find(name)
        chosen = registry.default()
        if chosen is None and registry.clients:
            several = QT_TRANSLATE_NOOP(
                "CLI",
                "econdesk has several clients: name one with --client NAME "
                "(`econdesk clients list` shows them)",
            )
            raise UsageError(say(several))
        return chosen

    @cached_property
    def config_path(self) -> Path:
        """The client's config; else --config, else $ECONDESK_CONFIG, else config.toml in the
        user config folder."""
        from econdesk.config import resolve_config_path  # start-up: not for --version or --help

        if self.client is not None:
            return self.client.config_path
        return resolve_config_path(self._config_arg)

    @cached_property
    def secrets(self) -> SecretStore | None:
        """The client's secrets (keyring entries named for it); None: the plain names."""
        from econdesk.secrets import store_for  # start-up: as above

        prefix = self.client.secret_prefix if self.client is not None else ""
        return store_for(prefix) if prefix else None

    @cached_property
    def config(self) -> Config:
        """The parsed config; a missing file at the default place gives the defaults."""
        from econdesk.config import config_path_is_explicit, load_config  # start-up: as above

        required = config_path_is_explicit(self._config_arg) and self.client is None
        return load_config(self.config_path, required=required, secrets=self.secrets)

    @cached_property
    def language(self) -> str:
        """[app] language, else the system's ("da" or "en"). A config that is wrong elsewhere
        still says its language, so its error is said in it; one that cannot be read at all
        leaves the system's."""
        from econdesk.config import language_setting
        from econdesk.errors import EcondeskError
        from econdesk.i18n import resolve_language  # start-up: as above

        try:
            setting = self.config.app.language
        except EcondeskError:
            try:
                setting = language_setting(self.config_path)
            except EcondeskError:  # no config to read: a client named that does not exist
                setting = None
        return resolve_language(setting)

    @property
    def database(self) -> Database:
        """The store (--db, else $ECONDESK_DB, else the config's, else the client's, else the
        local SQLite),
        opened and migrated to the newest schema on first use."""
        if self._database is None:
            # start-up: SQLAlchemy loads only for a command that uses the store
            from econdesk.composition import open_store

            self._database = open_store(self.config, self._db_arg, self.client)
        return self._database

    @property
    def services(self) -> Services:
        """The services over the store, built from the config by the composition root."""
        from econdesk.composition import Services  # start-up: as for `database`

        return Services(self.config, lambda: self.database)

    def close(self) -> None:
        if self._database is not None:
            self._database.dispose()
            self._database = None

    def print(self, *parts: object) -> None:
        print(*parts, file=self.out)

    def say(self, source: str, *values: object) -> str:
        """A catalogue text in the user's language, `{0}`... filled with `values` (mark
        `source` with QT_TRANSLATE_NOOP("CLI", ...) where it is written)."""
        from econdesk.i18n.message import say

        return say(source, *values).render(self.language)

    def warn(self, message: object) -> None:
        """One line on stderr: a Message in the user's language, anything else as it reads."""
        from econdesk.i18n.message import text_in

        print(f"econdesk: {text_in(message, self.language)}", file=self.err)
