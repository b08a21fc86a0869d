"""Insert-or-update by ref, shared by bank entries, platform items and payouts."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from econdesk.storage.audit import record

CHUNK = 500  # refs per IN (...) query: well under SQLite's and PostgreSQL's parameter limits


class UpsertOutcome(enum.StrEnum):
    INSERTED = "inserted"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class UpsertCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.inserted + self.updated + self.unchanged

    def __add__(self, other: UpsertCounts) -> UpsertCounts:
        return UpsertCounts(
            self.inserted + other.inserted,
            self.updated + other.updated,
            self.unchanged + other.unchanged,
        )


class _RefRow(Protocol):
    ref: Any
    first_seen_at: Any
    updated_at: Any


class _HasRef(Protocol):
    @property
    def ref(self) -> str: ...


D = TypeVar("D", bound=_HasRef)
R = TypeVar("R", bound=_RefRow)


def chunks(values: Sequence[str], size: int = CHUNK) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def upsert_many(
    session: Session,
    row_type: type[R],
    objects: Iterable[D],
    *,
    values_of: Callable[[D], dict[str, Any]],
    domain_of: Callable[[R], D],
    apply_extra: Callable[[R, D], None] | None = None,
    noun: str,
) -> list[UpsertOutcome]:
    """Store each object by its ref; return what happened to each, in order.

    An object equal to the stored one is left alone; a changed one is updated and the change
    (field: [old, new]) is audited as `<noun>.changed` in this transaction. New rows are not
    audited one by one: the caller (sync) records one event for the batch.
    """
    items = list(objects)
    ref_col = row_type.ref
    existing: dict[str, R] = {}
    for part in chunks(list(dict.fromkeys(o.ref for o in items))):
        for found in session.scalars(select(row_type).where(ref_col.in_(part))):
            existing[found.ref] = found
    now = datetime.now(UTC)
    outcomes: list[UpsertOutcome] = []
    for obj in items:
        values = values_of(obj)
        row = existing.get(obj.ref)
        if row is None:
            new = row_type(**{**values, "first_seen_at": now, "updated_at": now})
            if apply_extra is not None:
                apply_extra(new, obj)
            session.add(new)
            existing[obj.ref] = new
            outcomes.append(UpsertOutcome.INSERTED)
            continue
        old = domain_of(row)
        if old == obj:
            outcomes.append(UpsertOutcome.UNCHANGED)
            continue
        changes = {
            f.name: [getattr(old, f.name), getattr(obj, f.name)]
            for f in fields(obj)  # type: ignore[arg-type]
            if getattr(old, f.name) != getattr(obj, f.name)
        }
        for key, value in values.items():
            setattr(row, key, value)
        if apply_extra is not None:
            apply_extra(row, obj)
        row.updated_at = now
        record(session, f"{noun}.changed", [obj.ref], {"changes": changes})
        outcomes.append(UpsertOutcome.UPDATED)
    session.flush()
    return outcomes


def count_outcomes(outcomes: Iterable[UpsertOutcome]) -> UpsertCounts:
    seen = list(outcomes)
    return UpsertCounts(
        inserted=seen.count(UpsertOutcome.INSERTED),
        updated=seen.count(UpsertOutcome.UPDATED),
        unchanged=seen.count(UpsertOutcome.UNCHANGED),
    )
