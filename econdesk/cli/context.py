"""What a command handler gets besides its arguments: config, database, actor, output.

Everything is loaded on first use, so `econdesk --version` or `econdesk init` never touches a
database, and a command that needs no config does not fail on a broken one.
"""

from __future__ import annotations

import sys
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from econdesk.config import Config
    from econdesk.storage import Database


class Context:
    """Handed to every `func(args, ctx) -> int`; cheap to build, lazy to use."""

    def __init__(
        self,
        *,
        config_arg: str | None = None,
        db_arg: str | None = None,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
    ) -> None:
        self._config_arg = config_arg
        self._db_arg = db_arg
        self.out: TextIO = stdout if stdout is not None else sys.stdout
        self.err: TextIO = stderr if stderr is not None else sys.stderr
        self._database: Database | None = None

    @cached_property
    def config_path(self) -> Path:
        """--config, else $ECONDESK_CONFIG, else config.toml in the user config folder."""
        from econdesk.config import resolve_config_path

        return resolve_config_path(self._config_arg)

    @cached_property
    def config(self) -> Config:
        """The parsed config; a missing file at the default place gives the defaults."""
        from econdesk.config import load_config

        return load_config(self.config_path, required=self._config_explicit)

    @property
    def _config_explicit(self) -> bool:
        from econdesk.config import config_path_is_explicit

        return config_path_is_explicit(self._config_arg)

    @cached_property
    def db_url(self) -> str:
        """--db, else $ECONDESK_DB, else [database] url in the config, else the local SQLite."""
        from econdesk.config import resolve_database_url

        return resolve_database_url(self._db_arg, self.config)

    @cached_property
    def actor(self) -> str:
        """Who is acting, for the audit log: [app] actor, else the OS user@host."""
        from econdesk.config import resolve_actor

        return resolve_actor(self.config)

    @property
    def database(self) -> Database:
        """The store, opened and migrated to the newest schema on first use."""
        if self._database is None:
            from econdesk.storage import open_database

            self._database = open_database(self.db_url, actor=self.actor)
        return self._database

    def close(self) -> None:
        if self._database is not None:
            self._database.dispose()
            self._database = None

    def print(self, *parts: object) -> None:
        print(*parts, file=self.out)

    def warn(self, message: str) -> None:
        print(f"econdesk: {message}", file=self.err)
