"""The server side of e-conomic's `filter=` syntax: parse, check filterable fields, evaluate.

Grammar (docs/economic-api.md#filtering):

    expr      := and_expr ( "$or:" and_expr )*
    and_expr  := term ( "$and:" term )*
    term      := "(" expr ")" | predicate
    predicate := field "$" op ":" value       op in eq ne gt gte lt lte like in nin
    value     := "$null:" | "[" item ("," item)* "]" (for in/nin) | text with escapes

Escapes in values: `$$ $( $) $* $,`. `$[` / `$]` are refused, as the live API does not
understand them either (observed). `$like:` without `*` means contains; `*` is a wildcard and
`$*` a literal star. String comparisons are case-insensitive; numbers compare as numbers;
dates compare as their ISO text. `$in:`/`$nin:` take at most 200 numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

MAX_IN = 200
_OPS = ("gte", "lte", "eq", "ne", "gt", "lt", "like", "nin", "in")
_FIELD = re.compile(r"[A-Za-z][A-Za-z0-9.]*")


class FilterError(ValueError):
    """A filter the server refuses; `field` is set when it names an unfilterable property."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


Getter = Callable[[Any], Any]  # reads one filterable property of an item (None when absent)


@dataclass(frozen=True, slots=True)
class Predicate:
    field: str
    op: str
    value: Any  # str | None | list[str] (raw, unescaped); "like" keeps a regex

    def test(self, item: Any, getters: Mapping[str, Getter]) -> bool:
        actual = getters[self.field](item)
        return _compare(self.op, actual, self.value)


@dataclass(frozen=True, slots=True)
class Junction:
    op: str  # "and" | "or"
    parts: tuple[Node, ...]

    def test(self, item: Any, getters: Mapping[str, Getter]) -> bool:
        if self.op == "and":
            return all(p.test(item, getters) for p in self.parts)
        return any(p.test(item, getters) for p in self.parts)


Node = Predicate | Junction


def parse_filter(text: str, getters: Mapping[str, Getter]) -> Node:
    """Parse `text`, refusing properties not in `getters` (the filterable ones)."""
    parser = _Parser(text)
    node = parser.expr()
    if parser.pos != len(text):
        raise FilterError(f"unexpected {text[parser.pos :]!r} at position {parser.pos}")
    for field in _fields(node):
        if field not in getters:
            raise FilterError(f"Filtering on the property '{field}' is not allowed.", field)
    return node


def _fields(node: Node) -> list[str]:
    if isinstance(node, Predicate):
        return [node.field]
    return [f for part in node.parts for f in _fields(part)]


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def expr(self) -> Node:
        parts = [self.and_expr()]
        while self.text.startswith("$or:", self.pos):
            self.pos += 4
            parts.append(self.and_expr())
        return parts[0] if len(parts) == 1 else Junction("or", tuple(parts))

    def and_expr(self) -> Node:
        parts = [self.term()]
        while self.text.startswith("$and:", self.pos):
            self.pos += 5
            parts.append(self.term())
        return parts[0] if len(parts) == 1 else Junction("and", tuple(parts))

    def term(self) -> Node:
        if self.text.startswith("(", self.pos):
            self.pos += 1
            node = self.expr()
            if not self.text.startswith(")", self.pos):
                raise FilterError(f"missing ')' at position {self.pos}")
            self.pos += 1
            return node
        return self.predicate()

    def predicate(self) -> Predicate:
        found = _FIELD.match(self.text, self.pos)
        if found is None:
            raise FilterError(f"expected a property name at position {self.pos}")
        field = found.group(0)
        self.pos = found.end()
        for op in _OPS:
            token = f"${op}:"
            if self.text.startswith(token, self.pos):
                self.pos += len(token)
                break
        else:
            raise FilterError(f"expected an operator after '{field}' at position {self.pos}")
        if op in ("in", "nin"):
            return Predicate(field, op, self.listing(field))
        raw, wildcard = self.value()
        if op == "like":
            if raw is None:
                raise FilterError(f"$like: needs a text for '{field}'")
            return Predicate(field, op, _like_regex(raw, wildcard))
        return Predicate(field, op, raw if raw is None else "".join(raw))

    def listing(self, field: str) -> list[str]:
        if not self.text.startswith("[", self.pos):
            raise FilterError(f"$in: needs a [list] for '{field}'")
        end = self.text.find("]", self.pos)
        if end < 0:
            raise FilterError(f"missing ']' for '{field}'")
        items = [v.strip() for v in self.text[self.pos + 1 : end].split(",")]
        self.pos = end + 1
        if len(items) > MAX_IN:
            raise FilterError(f"$in: takes at most {MAX_IN} values, got {len(items)}")
        for item in items:
            if item != "$null:":
                try:
                    Decimal(item)
                except InvalidOperation:
                    raise FilterError(f"$in: takes numbers only, got {item!r}") from None
        return items

    def value(self) -> tuple[list[str] | None, list[bool]]:
        """The unescaped characters of a value (None for $null:) and, per char, wildcard-ness."""
        if self.text.startswith("$null:", self.pos):
            self.pos += 6
            return None, []
        chars: list[str] = []
        wild: list[bool] = []
        text = self.text
        while self.pos < len(text):
            c = text[self.pos]
            if c == "$":
                if text.startswith(("$and:", "$or:"), self.pos):
                    break
                nxt = text[self.pos + 1 : self.pos + 2]
                if nxt in ("$", "(", ")", "*", ","):
                    chars.append(nxt)
                    wild.append(False)
                    self.pos += 2
                    continue
                raise FilterError(f"unknown escape '${nxt}' at position {self.pos}")
            if c == ")":
                break
            chars.append(c)
            wild.append(c == "*")
            self.pos += 1
        return chars, wild


def _like_regex(chars: list[str], wild: list[bool]) -> re.Pattern[str]:
    if not any(wild):  # no wildcard: "contains"
        return re.compile(re.escape("".join(chars)), re.IGNORECASE)
    pattern = "".join(".*" if w else re.escape(c) for c, w in zip(chars, wild, strict=True))
    return re.compile(f"^{pattern}$", re.IGNORECASE | re.DOTALL)


def _compare(op: str, actual: Any, wanted: Any) -> bool:
    if op == "like":
        return isinstance(actual, str) and wanted.search(actual) is not None
    if op in ("in", "nin"):
        hit = any(_equal(actual, w if w != "$null:" else None) for w in wanted)
        return hit if op == "in" else not hit
    if wanted is None:
        if op == "eq":
            return actual is None
        if op == "ne":
            return actual is not None
        return False
    if actual is None:
        return op == "ne"
    if op == "eq":
        return _equal(actual, wanted)
    if op == "ne":
        return not _equal(actual, wanted)
    left, right = _comparable(actual, wanted)
    if left is None or right is None:
        return False
    if op == "gt":
        return bool(left > right)
    if op == "gte":
        return bool(left >= right)
    if op == "lt":
        return bool(left < right)
    return bool(left <= right)  # lte


def _comparable(actual: Any, wanted: str) -> tuple[Any, Any]:
    if isinstance(actual, bool):
        return actual, wanted.lower() == "true"
    if isinstance(actual, (int, Decimal)):
        try:
            return Decimal(actual), Decimal(wanted)
        except InvalidOperation:
            return None, None
    return str(actual).lower(), wanted.lower()


def _equal(actual: Any, wanted: str | None) -> bool:
    if wanted is None or actual is None:
        return actual is None and wanted is None
    left, right = _comparable(actual, wanted)
    return left is not None and bool(left == right)
