"""Canonical JSON: one byte-exact text per value, for hashing and for JSON columns."""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from econdesk.domain import Money


def _default(value: Any) -> Any:
    if isinstance(value, Money):
        return {"amount": f"{value.amount:f}", "currency": value.currency}  # exact, unrounded
    if isinstance(value, Decimal):
        return f"{value:f}"  # exact; never a float
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    raise TypeError(f"cannot store {type(value).__name__} as JSON")


def canonical_json(value: Any) -> str:
    """Sorted keys, no spaces, UTF-8 kept: equal values always give equal text."""
    return json.dumps(
        value, default=_default, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


def loads_object(text: str) -> dict[str, Any]:
    value = json.loads(text)
    if not isinstance(value, Mapping):
        raise ValueError("expected a JSON object")
    return dict(value)
