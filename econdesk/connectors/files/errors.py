"""One clear error for a file that cannot be imported: which file, line, column and value.

Importers collect every problem while parsing and raise once at the end, so nothing from a
failing file is ever imported and the user sees the first problem plus how many more exist.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from econdesk.connectors.errors import ConnectorError, and_more
from econdesk.errors import Said
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say


@dataclass(frozen=True, slots=True)
class FileProblem:
    file: str  # the file's name as the user knows it
    line: int | None  # 1-based physical line; None when the problem is about the whole file
    column: str | None  # the header name (or "column 3" without a header, or an XML path)
    value: str | None
    message: Said  # say("is not an amount")
    element: str | None = None  # XML files: the element's path, e.g. "Stmt[1]/Ntry[3]/Amt"

    def render(self, language: str) -> str:
        """'bank.csv line 12, column "amount": "12,x" is not an amount' in `language`."""
        where = self.file
        if self.line is not None:
            where += say(QT_TRANSLATE_NOOP("CLI", " line {0}"), self.line).render(language)
        if self.column is not None:
            where += say(QT_TRANSLATE_NOOP("CLI", ', column "{0}"'), self.column).render(language)
        if self.element is not None:
            where += say(QT_TRANSLATE_NOOP("CLI", ", element {0}"), self.element).render(language)
        message = self.message.render(language)
        if self.value is not None:
            return f'{where}: "{self.value}" {message}'
        return f"{where}: {message}"

    def __str__(self) -> str:
        return self.render("en")


class FileImportError(ConnectorError):
    """The file was not imported at all; `problems` lists every problem found."""

    def __init__(self, problems: Sequence[FileProblem]) -> None:
        if not problems:
            raise ValueError("FileImportError needs at least one problem")
        self.problems = tuple(problems)
        super().__init__(
            and_more(self.problems[0], len(self.problems) - 1),
            detail="; ".join(str(p) for p in self.problems[1:20]),
        )

    @classmethod
    def single(
        cls,
        file: str,
        message: Said,
        *,
        line: int | None = None,
        column: str | None = None,
        value: str | None = None,
        element: str | None = None,
    ) -> FileImportError:
        return cls([FileProblem(file, line, column, value, message, element)])


class Problems:
    """Collects problems while a file is parsed; `raise_if_any` at the end."""

    def __init__(self, file: str, limit: int = 1_000) -> None:
        self.file = file
        self.limit = limit
        self.items: list[FileProblem] = []

    def add(
        self,
        message: Said,
        *,
        line: int | None = None,
        column: str | None = None,
        value: str | None = None,
        element: str | None = None,
    ) -> None:
        if len(self.items) < self.limit:
            self.items.append(FileProblem(self.file, line, column, value, message, element))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise FileImportError(self.items)
