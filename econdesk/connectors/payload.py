"""Typed reading of a platform's JSON objects, refusing anything off the documented shape.

Platforms send money as integer minor units and times as Unix seconds or ISO-8601 strings.
A `Fields` wraps one native object and hands out checked values; the first missing field,
wrong type, unknown enum value or amount sent as a string raises `MalformedResponse` naming
the system, the object (kind and id) and the field path, e.g.
"Stripe: balance_transaction txn_1Pga…: field 'fee' must be integer minor units, got str '30'".
msgspec decodes e-conomic's bulk entry pages (economic/parse.py) and hands a page that does
not fit to these readers for the message: its own errors name neither the object nor the
value ("Expected `int`, got `str` - at `$.fee`").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime, tzinfo
from decimal import Decimal
from typing import Any, TypeVar

from econdesk.connectors.errors import MalformedResponse
from econdesk.domain.money import Money, MoneyError, normalise_currency
from econdesk.errors import Said
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

T = TypeVar("T")

_MISSING = object()
# Unix seconds outside 1970..2200 are a unit mix-up (milliseconds) rather than a date.
_MAX_UNIX = 7_258_118_400


def _describe(value: object) -> str:
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{type(value).__name__} {text}"


class Fields:
    """One native object: `system` ("Stripe"), `kind` ("payout"), the raw mapping and a path."""

    __slots__ = ("_data", "kind", "object_id", "path", "system")

    def __init__(
        self,
        system: str,
        kind: str,
        data: object,
        *,
        object_id: str | None = None,
        path: str = "",
        id_field: str = "id",
    ) -> None:
        self.system = system
        self.kind = kind
        self.path = path
        if not isinstance(data, Mapping):
            raise MalformedResponse(
                say(
                    QT_TRANSLATE_NOOP("CLI", "expected a {0} object at {1}, got {2}"),
                    kind,
                    path,
                    _describe(data),
                )
                if path
                else say(
                    QT_TRANSLATE_NOOP("CLI", "expected a {0} object, got {1}"),
                    kind,
                    _describe(data),
                ),
                obj=kind,
                field=path,
                system=system,
            )
        self._data: Mapping[str, Any] = data
        if object_id is None:
            raw_id = data.get(id_field)
            object_id = raw_id if isinstance(raw_id, str) and raw_id else None
        self.object_id = object_id

    # -- failure ------------------------------------------------------------------------
    @property
    def label(self) -> str:
        return f"{self.kind} {self.object_id}" if self.object_id else f"{self.kind} (no id)"

    def _field_path(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def fail(self, key: str, problem: Said) -> MalformedResponse:
        """The object and field at fault, and what is wrong with it (said with `say`)."""
        field = self._field_path(key)
        return MalformedResponse(
            say(QT_TRANSLATE_NOOP("CLI", "{0}: field '{1}' {2}"), self.label, field, problem),
            obj=self.label,
            field=field,
            system=self.system,
        )

    # -- raw access ---------------------------------------------------------------------
    def has(self, key: str) -> bool:
        return self._data.get(key) is not None

    def raw(self, key: str, default: object = _MISSING) -> Any:
        if key in self._data:
            return self._data[key]
        if default is _MISSING:
            raise self.fail(key, say(QT_TRANSLATE_NOOP("CLI", "is missing")))
        return default

    def _required(self, key: str) -> Any:
        value = self.raw(key)
        if value is None:
            raise self.fail(key, say(QT_TRANSLATE_NOOP("CLI", "is null")))
        return value

    # -- scalars ------------------------------------------------------------------------
    def text(self, key: str) -> str:
        value = self._required(key)
        if not isinstance(value, str):
            raise self.fail(
                key, say(QT_TRANSLATE_NOOP("CLI", "must be a string, got {0}"), _describe(value))
            )
        return value

    def opt_text(self, key: str) -> str | None:
        value = self.raw(key, None)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(
                key,
                say(
                    QT_TRANSLATE_NOOP("CLI", "must be a string or null, got {0}"), _describe(value)
                ),
            )
        return value

    def id(self, key: str = "id") -> str:
        value = self.text(key)
        if not value:
            raise self.fail(key, say(QT_TRANSLATE_NOOP("CLI", "is empty")))
        return value

    def integer(self, key: str) -> int:
        value = self._required(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(
                key, say(QT_TRANSLATE_NOOP("CLI", "must be an integer, got {0}"), _describe(value))
            )
        return value

    def opt_integer(self, key: str) -> int | None:
        if self.raw(key, None) is None:
            return None
        return self.integer(key)

    def flag(self, key: str) -> bool:
        value = self._required(key)
        if not isinstance(value, bool):
            raise self.fail(
                key,
                say(QT_TRANSLATE_NOOP("CLI", "must be true or false, got {0}"), _describe(value)),
            )
        return value

    def opt_flag(self, key: str, default: bool) -> bool:
        return default if self.raw(key, None) is None else self.flag(key)

    def decimal(self, key: str) -> Decimal:
        """A JSON number that may carry a fraction (exchange rates), never a string."""
        value = self._required(key)
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            raise self.fail(
                key, say(QT_TRANSLATE_NOOP("CLI", "must be a number, got {0}"), _describe(value))
            )
        return Decimal(value)

    def enum(self, key: str, allowed: Mapping[str, T]) -> T:
        value = self.text(key)
        if value not in allowed:
            known = ", ".join(sorted(allowed))
            raise self.fail(
                key,
                say(QT_TRANSLATE_NOOP("CLI", "has unknown value {0!r} (known: {1})"), value, known),
            )
        return allowed[value]

    def currency(self, key: str) -> str:
        value = self.text(key)
        try:
            return normalise_currency(value)
        except MoneyError:
            raise self.fail(
                key, say(QT_TRANSLATE_NOOP("CLI", "is not an ISO 4217 currency code: {0!r}"), value)
            ) from None

    def minor(self, key: str, currency: str) -> Money:
        """Integer minor units (12500 -> 125.00 DKK); an amount sent as a string is refused."""
        value = self._required(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(
                key,
                say(
                    QT_TRANSLATE_NOOP("CLI", "must be integer minor units, got {0}"),
                    _describe(value),
                ),
            )
        return Money.from_minor(value, currency)

    def opt_minor(self, key: str, currency: str) -> Money | None:
        if self.raw(key, None) is None:
            return None
        return self.minor(key, currency)

    # -- times --------------------------------------------------------------------------
    def unix(self, key: str, tz: tzinfo = UTC) -> datetime:
        """Unix seconds (Stripe, Chargebee) as an aware datetime in `tz`."""
        value = self._required(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(
                key,
                say(
                    QT_TRANSLATE_NOOP("CLI", "must be Unix seconds (an integer), got {0}"),
                    _describe(value),
                ),
            )
        if not 0 <= value <= _MAX_UNIX:
            raise self.fail(
                key,
                say(
                    QT_TRANSLATE_NOOP("CLI", "is not a plausible Unix time in seconds: {0}"), value
                ),
            )
        return datetime.fromtimestamp(value, UTC).astimezone(tz)

    def opt_unix(self, key: str, tz: tzinfo = UTC) -> datetime | None:
        return None if self.raw(key, None) is None else self.unix(key, tz)

    def iso(self, key: str, tz: tzinfo = UTC) -> datetime:
        """An ISO-8601 date-time with an offset (Frisbii) as an aware datetime in `tz`."""
        text = self.text(key)
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            raise self.fail(
                key, say(QT_TRANSLATE_NOOP("CLI", "is not an ISO-8601 date-time: {0!r}"), text)
            ) from None
        if parsed.tzinfo is None:
            raise self.fail(key, say(QT_TRANSLATE_NOOP("CLI", "has no UTC offset: {0!r}"), text))
        return parsed.astimezone(tz)

    def opt_iso(self, key: str, tz: tzinfo = UTC) -> datetime | None:
        return None if self.raw(key, None) is None else self.iso(key, tz)

    # -- nesting ------------------------------------------------------------------------
    def obj(self, key: str, kind: str | None = None) -> Fields:
        value = self._required(key)
        if not isinstance(value, Mapping):
            raise self.fail(
                key, say(QT_TRANSLATE_NOOP("CLI", "must be an object, got {0}"), _describe(value))
            )
        if kind is not None:  # a wrapped object of its own (Chargebee's list entries)
            return Fields(self.system, kind, value)
        return Fields(
            self.system, self.kind, value, object_id=self.object_id, path=self._field_path(key)
        )

    def opt_obj(self, key: str, kind: str | None = None) -> Fields | None:
        return None if self.raw(key, None) is None else self.obj(key, kind)

    def array(self, key: str) -> list[Any]:
        value = self._required(key)
        if not isinstance(value, list):
            raise self.fail(
                key, say(QT_TRANSLATE_NOOP("CLI", "must be a list, got {0}"), _describe(value))
            )
        return value

    def opt_array(self, key: str) -> list[Any]:
        return [] if self.raw(key, None) is None else self.array(key)

    def objs(self, key: str) -> Iterator[Fields]:
        """Each element of a list of objects, keeping this object's identity in errors."""
        for i, item in enumerate(self.opt_array(key)):
            yield Fields(
                self.system,
                self.kind,
                item,
                object_id=self.object_id,
                path=f"{self._field_path(key)}[{i}]",
            )

    def map_str(self, key: str) -> dict[str, str]:
        """A string-to-string mapping such as Stripe's `metadata`; absent means empty."""
        value = self.raw(key, None)
        if value is None:
            return {}
        if not isinstance(value, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise self.fail(
                key,
                say(
                    QT_TRANSLATE_NOOP("CLI", "must map strings to strings, got {0}"),
                    _describe(value),
                ),
            )
        return dict(value)


def parse_page(
    system: str,
    kind: str,
    items: list[Any],
    parse: Callable[[Fields], T],
    *,
    id_field: str = "id",
) -> list[T]:
    """Parse every object of one page before any is used: one bad object fails the page."""
    return [parse(Fields(system, kind, item, id_field=id_field)) for item in items]
