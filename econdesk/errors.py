"""The error classes every layer raises, so the command line can pick the right exit code.

README, "The command line": exit 1 when the work failed (one clear line on stderr), exit 2 when
the command line or the config is wrong. Raise `EcondeskError` (or a subclass) with a message a
bookkeeper can act on; raise `ConfigError` / `UsageError` for what the user must fix before
trying again.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class Said(Protocol):
    """A message that can be said in a language (econdesk.i18n.message.Message)."""

    def render(self, language: str) -> str: ...


class EcondeskError(Exception):
    """The work failed for a reason the user can read: exit code 1.

    Raised with a message that can be said in a language (econdesk.i18n.message.say), the
    command line says it in the user's; str() of the error is always the English text."""

    exit_code: int = 1

    def __init__(self, *args: object) -> None:
        first = args[0] if len(args) == 1 else None
        self.said: Said | None = first if isinstance(first, Said) else None
        super().__init__(*(str(a) if isinstance(a, Said) else a for a in args))


class UsageError(EcondeskError):
    """The command line is wrong: exit code 2."""

    exit_code = 2


class ConfigError(UsageError):
    """The config file is wrong; the message names the key and the file: exit code 2."""

    def __init__(self, message: str | Said, *, key: str | None = None, path: object = None) -> None:
        self.key = key
        self.path = path
        where = f"{path}: " if path is not None else ""
        what = f"{key}: " if key else ""
        if isinstance(message, Said):  # said in the reader's language after the file and key
            super().__init__(_Placed(f"{where}{what}", message))
        else:
            super().__init__(f"{where}{what}{message}")


class _Placed:
    """A message said after where it applies ("config.toml: economic.journal: ...")."""

    def __init__(self, where: str, said: Said) -> None:
        self.where = where
        self.said = said

    def render(self, language: str) -> str:
        return self.where + self.said.render(language)

    def __str__(self) -> str:
        return self.render("en")
