"""e-conomic's legacy `filter=` expressions, built and escaped per the documented syntax.

Form `prop$op:value`, joined by `$and:` / `$or:`, grouped with parentheses
(docs/economic-api.md#filtering). Inside a value these characters are escaped:

    $ -> $$    ( -> $(    ) -> $)    * -> $*    , -> $,

`$[` and `$]` are documented too but do not work on the live API (observed), so brackets are sent as
they are. `$null:` is a value (`ean$eq:$null:`). `$like:` without `*` means "contains"; a
literal `*` in the searched text is escaped, so a marker is matched as written. `$in:` takes
at most 200 numbers. String comparisons are case-insensitive on the server.

httpx URL-encodes the whole parameter, as the docs ask.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Final

# Order matters: `$` first, or the escapes of the others would be escaped again.
ESCAPES: Final[tuple[tuple[str, str], ...]] = (
    ("$", "$$"),
    ("(", "$("),
    (")", "$)"),
    ("*", "$*"),
    (",", "$,"),
)
NULL: Final = "$null:"
MAX_IN_VALUES: Final = 200
OPERATORS: Final = frozenset({"eq", "ne", "gt", "gte", "lt", "lte", "like", "in", "nin"})

Value = str | int | Decimal | date | bool | None


def escape(text: str) -> str:
    """A string value made safe inside a filter expression."""
    for char, replacement in ESCAPES:
        text = text.replace(char, replacement)
    return text


def literal(value: Value) -> str:
    if value is None:
        return NULL
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, int):
        return str(value)
    return escape(value)


def _check_field(field: str) -> str:
    if not field or not all(part.isidentifier() for part in field.split(".")):
        raise ValueError(f"not a filterable property name: {field!r}")
    return field


@dataclass(frozen=True, slots=True)
class Filter:
    """A filter expression; combine with `&` and `|` (parentheses are added where needed)."""

    text: str
    joiner: str = ""  # "and"/"or" when this is a composite, for grouping

    def __str__(self) -> str:
        return self.text

    def _grouped_for(self, joiner: str) -> str:
        return f"({self.text})" if self.joiner and self.joiner != joiner else self.text

    def _join(self, other: Filter, joiner: str) -> Filter:
        return Filter(f"{self._grouped_for(joiner)}${joiner}:{other._grouped_for(joiner)}", joiner)

    def __and__(self, other: Filter) -> Filter:
        return self._join(other, "and")

    def __or__(self, other: Filter) -> Filter:
        return self._join(other, "or")


def predicate(field: str, op: str, value: Value) -> Filter:
    if op not in OPERATORS - {"in", "nin"}:
        raise ValueError(f"unknown filter operator {op!r}")
    return Filter(f"{_check_field(field)}${op}:{literal(value)}")


def eq(field: str, value: Value) -> Filter:
    return predicate(field, "eq", value)


def ne(field: str, value: Value) -> Filter:
    return predicate(field, "ne", value)


def gt(field: str, value: Value) -> Filter:
    return predicate(field, "gt", value)


def gte(field: str, value: Value) -> Filter:
    return predicate(field, "gte", value)


def lt(field: str, value: Value) -> Filter:
    return predicate(field, "lt", value)


def lte(field: str, value: Value) -> Filter:
    return predicate(field, "lte", value)


def contains(field: str, text: str) -> Filter:
    """`$like:` without wildcards: the property contains `text` (case-insensitive)."""
    if not text:
        raise ValueError("cannot search for an empty text")
    return predicate(field, "like", text)


def starts_with(field: str, text: str) -> Filter:
    return Filter(f"{_check_field(field)}$like:{escape(text)}*")


def is_in(field: str, values: Iterable[int], *, negate: bool = False) -> Filter:
    """`$in:[1,2,3]` (numbers only, at most 200)."""
    numbers = list(values)
    if not numbers:
        raise ValueError(f"empty list for {field}$in:")
    if len(numbers) > MAX_IN_VALUES:
        raise ValueError(f"{field}$in: takes at most {MAX_IN_VALUES} values, got {len(numbers)}")
    if any(isinstance(n, bool) or not isinstance(n, int) for n in numbers):
        raise ValueError(f"{field}$in: takes numbers only")
    op = "nin" if negate else "in"
    return Filter(f"{_check_field(field)}${op}:[{','.join(str(n) for n in numbers)}]")


def all_of(*filters: Filter | None) -> Filter | None:
    present = [f for f in filters if f is not None]
    if not present:
        return None
    result = present[0]
    for item in present[1:]:
        result = result & item
    return result


def any_of(*filters: Filter) -> Filter:
    result = filters[0]
    for item in filters[1:]:
        result = result | item
    return result
