"""One clear error for a file that cannot be imported: which file, line, column and value.

Importers collect every problem while parsing and raise once at the end, so nothing from a
failing file is ever imported and the user sees the first problem plus how many more exist.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from econdesk.connectors.errors import ConnectorError


@dataclass(frozen=True, slots=True)
class FileProblem:
    file: str  # the file's name as the user knows it
    line: int | None  # 1-based physical line; None when the problem is about the whole file
    column: str | None  # the header name (or "column 3" without a header, or an XML path)
    value: str | None
    message: str  # "is not an amount"
    element: str | None = None  # XML files: the element's path, e.g. "Stmt[1]/Ntry[3]/Amt"

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f" line {self.line}"
        if self.column is not None:
            where += f', column "{self.column}"'
        if self.element is not None:
            where += f", element {self.element}"
        if self.value is not None:
            return f'{where}: "{self.value}" {self.message}'
        return f"{where}: {self.message}"


class FileImportError(ConnectorError):
    """The file was not imported at all; `problems` lists every problem found."""

    def __init__(self, problems: Sequence[FileProblem]) -> None:
        if not problems:
            raise ValueError("FileImportError needs at least one problem")
        self.problems = tuple(problems)
        first = str(self.problems[0])
        more = len(self.problems) - 1
        message = first if not more else f"{first} (and {more} more problem{'s' * (more > 1)})"
        super().__init__(message, detail="; ".join(str(p) for p in self.problems[1:20]))

    @classmethod
    def single(
        cls,
        file: str,
        message: str,
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
        message: str,
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
