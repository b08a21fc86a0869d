"""Insert-or-update by ref, shared by bank entries, platform items and payouts."""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.dialects.postgresql import insert as postgres_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from econdesk.storage.audit import EventSpec, lock_writes, record_many
from econdesk.storage.personal import personal_fields

CHUNK = 500  # refs per IN (...) query: well under SQLite's and PostgreSQL's parameter limits
ROW_ID = "upsert_row_id"  # the bound row id of a batched UPDATE (no column has this name)


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


@dataclass(frozen=True, slots=True)
class UpsertPlan(Generic[D]):
    """An upsert decided from a read that held no lock (`plan_upsert`); `write_planned`
    stores it under the writer lock, checking again what that read could not settle."""

    objects: tuple[D, ...]
    fresh: frozenset[int]  # positions of objects whose ref was not stored (each once here)
    same: frozenset[int]  # positions of objects stored exactly so: nothing to write

    @property
    def writes(self) -> bool:
        """Whether storing it may write anything (else it is all stored already)."""
        return len(self.same) < len(self.objects)


def insert_or_update(
    session: Session,
    row_type: type[Any],
    rows: Sequence[dict[str, Any]],
    *,
    key: Sequence[str],
    update: Callable[[Any, Any], dict[str, Any]] | None = None,
) -> None:
    """One multi-row INSERT of `rows`; a row whose `key` (a unique constraint's columns) is
    stored already is left alone, or, with `update`, changed to `update(table, new)` (`new`
    holds the row that was to be inserted). Both SQLite and PostgreSQL say this as
    INSERT ... ON CONFLICT. The rows' keys must differ from each other."""
    if not rows:
        return
    postgres = session.get_bind().dialect.name == "postgresql"
    for start in range(0, len(rows), CHUNK):
        part = list(rows[start : start + CHUNK])
        statement = (postgres_insert if postgres else sqlite_insert)(row_type).values(part)
        if update is None:
            statement = statement.on_conflict_do_nothing(index_elements=list(key))
        else:
            statement = statement.on_conflict_do_update(
                index_elements=list(key),
                set_=update(row_type.__table__, statement.excluded),
            )
        session.execute(statement)


def chunks(values: Sequence[str], size: int = CHUNK) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def upsert_many(
    session: Session,
    row_type: type[R],
    objects: Iterable[D],
    *,
    values_of: Callable[[D], dict[str, Any]],
    domain_of: Callable[[Any], D],
    apply_extra: Callable[[R, D], None] | None = None,
    noun: str,
) -> list[UpsertOutcome]:
    """Store each object by its ref; return what happened to each, in order.

    An object equal to the stored one is left alone; a changed one is updated and the change
    (field: [old, new]) is audited as `<noun>.changed` in this transaction. New rows are not
    audited one by one: the caller (sync) records one event for the batch. Without
    `apply_extra` (child rows), existing rows are read as plain column tuples and new rows are
    written with one multi-row INSERT per batch: the fast path for 100,000-line syncs.
    """
    if apply_extra is not None:
        return _upsert_orm(
            session,
            row_type,
            objects,
            values_of=values_of,
            domain_of=domain_of,
            apply_extra=apply_extra,
            noun=noun,
        )
    table = row_type.__table__  # type: ignore[attr-defined]
    items = list(objects)
    known: dict[str, tuple[int | None, D]] = {}  # ref -> (row id, or None if new; current)
    for part in chunks(list(dict.fromkeys(o.ref for o in items))):
        for found in session.execute(select(table).where(table.c.ref.in_(part))):
            known[found.ref] = (found.id, domain_of(found))
    now = datetime.now(UTC)
    outcomes: list[UpsertOutcome] = []
    new_rows: dict[str, dict[str, Any]] = {}
    updates: list[dict[str, Any]] = []
    changes: list[EventSpec] = []
    for obj in items:
        values = values_of(obj)
        entry = known.get(obj.ref)
        if entry is None:
            new_rows[obj.ref] = {**values, "first_seen_at": now, "updated_at": now}
            known[obj.ref] = (None, obj)
            outcomes.append(UpsertOutcome.INSERTED)
            continue
        row_id, old = entry
        if old == obj:
            outcomes.append(UpsertOutcome.UNCHANGED)
            continue
        if row_id is None:  # the same ref twice in one batch: the last one wins
            new_rows[obj.ref].update(values)
        else:
            updates.append({**values, "updated_at": now, ROW_ID: row_id})
            changes.append(_change(noun, old, obj))
        known[obj.ref] = (row_id, obj)
        outcomes.append(UpsertOutcome.UPDATED)
    if updates:  # one batched UPDATE (executemany), in the objects' order
        session.execute(update(table).where(table.c.id == bindparam(ROW_ID)), updates)
    rows = list(new_rows.values())
    for start in range(0, len(rows), CHUNK):
        session.execute(insert(table), rows[start : start + CHUNK])
    record_many(session, changes)
    return outcomes


def plan_upsert(
    session: Session,
    row_type: type[Any],
    objects: Iterable[D],
    *,
    domain_of: Callable[[Any], D],
    orm: bool = False,
) -> UpsertPlan[D]:
    """Compare `objects` with what is stored, without the writer lock: which are new and which
    are stored as they are. A ref given more than once is left to `write_planned` to decide.
    `orm`: read whole mapped rows (for `domain_of` that needs their children)."""
    items = tuple(objects)
    once = [ref for ref, n in Counter(o.ref for o in items).items() if n == 1]
    stored: dict[str, D] = {}
    for part in chunks(once):
        if orm:
            rows: Iterable[Any] = session.scalars(select(row_type).where(row_type.ref.in_(part)))
        else:
            table = row_type.__table__
            rows = session.execute(select(table).where(table.c.ref.in_(part)))
        stored.update((row.ref, domain_of(row)) for row in rows)
    single = set(once)
    fresh = {i for i, o in enumerate(items) if o.ref in single and o.ref not in stored}
    same = {i for i, o in enumerate(items) if o.ref in stored and stored[o.ref] == o}
    return UpsertPlan(items, frozenset(fresh), frozenset(same))


def write_planned(
    session: Session,
    row_type: type[R],
    plan: UpsertPlan[D],
    *,
    values_of: Callable[[D], dict[str, Any]],
    domain_of: Callable[[Any], D],
    apply_extra: Callable[[R, D], None] | None = None,
    noun: str,
    adjust: Callable[[list[D]], list[D]] | None = None,
) -> list[UpsertOutcome]:
    """Store a plan under the writer lock; return what happened to each object, in order.

    What the plan found stored as it is stays untouched (a colleague's change since is newer
    than the read, and stands). New rows are inserted unless a colleague inserted the ref
    meanwhile: such a row is compared again, like every changed one, under the lock
    (`upsert_many`); `adjust` first brings those up to date with what the store holds now
    (it must keep their number and order). So the lock is held for a few statements, not
    for the reading and comparing of a whole page.
    """
    objects = plan.objects
    if not plan.writes:  # all stored as it is: no writer lock needed
        return [UpsertOutcome.UNCHANGED] * len(objects)
    lock_writes(session)
    fresh = [objects[i] for i in sorted(plan.fresh)]
    inserted = _insert_new(session, row_type, fresh, values_of, apply_extra)
    outcomes = [UpsertOutcome.UNCHANGED] * len(objects)
    pending: list[int] = []
    for i, obj in enumerate(objects):
        if i in plan.fresh and obj.ref in inserted:
            outcomes[i] = UpsertOutcome.INSERTED
        elif i not in plan.same:
            pending.append(i)
    if pending:
        again = [objects[i] for i in pending]
        redone = upsert_many(
            session,
            row_type,
            adjust(again) if adjust is not None else again,
            values_of=values_of,
            domain_of=domain_of,
            apply_extra=apply_extra,
            noun=noun,
        )
        for i, outcome in zip(pending, redone, strict=True):
            outcomes[i] = outcome
    return outcomes


def _insert_new(
    session: Session,
    row_type: type[R],
    objects: Sequence[D],
    values_of: Callable[[D], dict[str, Any]],
    apply_extra: Callable[[R, D], None] | None,
) -> set[str]:
    """INSERT the objects whose ref is still not stored; the refs that went in.

    Under the writer lock, which every writer holds, what the SELECT finds cannot change
    before the INSERT. (INSERT ... ON CONFLICT DO NOTHING RETURNING would say the same in one
    statement, but RETURNING makes SQLAlchemy send a page as one statement as long as the
    page, several times slower than the plain batched INSERT.)"""
    if not objects:
        return set()
    table = row_type.__table__  # type: ignore[attr-defined]
    taken: set[str] = set()
    for part in chunks([o.ref for o in objects]):
        taken.update(session.scalars(select(table.c.ref).where(table.c.ref.in_(part))))
    new = [o for o in objects if o.ref not in taken]
    now = datetime.now(UTC)
    rows = [{**values_of(o), "first_seen_at": now, "updated_at": now} for o in new]
    if apply_extra is None:
        for start in range(0, len(rows), CHUNK):
            session.execute(insert(table), rows[start : start + CHUNK])
    else:  # child rows too: through the ORM
        for obj, values in zip(new, rows, strict=True):
            row = row_type(**values)
            apply_extra(row, obj)
            session.add(row)
        session.flush()
    return {o.ref for o in new}


def _change(noun: str, old: _HasRef, new: _HasRef) -> EventSpec:
    """`<noun>.changed` with each changed field's old and new value; a personal field (a
    payer's name, a bank text) by its name only, so the chain never holds personal data."""
    personal = personal_fields(noun)
    changed = [
        f.name
        for f in fields(new)  # type: ignore[arg-type]
        if getattr(old, f.name) != getattr(new, f.name)
    ]
    payload: dict[str, Any] = {
        "changes": {
            name: [getattr(old, name), getattr(new, name)]
            for name in changed
            if name not in personal
        }
    }
    hidden = sorted(name for name in changed if name in personal)
    if hidden:
        payload["personal_changed"] = hidden
    return f"{noun}.changed", [new.ref], payload


def _upsert_orm(
    session: Session,
    row_type: type[R],
    objects: Iterable[D],
    *,
    values_of: Callable[[D], dict[str, Any]],
    domain_of: Callable[[Any], D],
    apply_extra: Callable[[R, D], None],
    noun: str,
) -> list[UpsertOutcome]:
    items = list(objects)
    ref_col = row_type.ref
    existing: dict[str, R] = {}
    for part in chunks(list(dict.fromkeys(o.ref for o in items))):
        for found in session.scalars(select(row_type).where(ref_col.in_(part))):
            existing[found.ref] = found
    now = datetime.now(UTC)
    outcomes: list[UpsertOutcome] = []
    changes: list[EventSpec] = []
    for obj in items:
        values = values_of(obj)
        row = existing.get(obj.ref)
        if row is None:
            new = row_type(**{**values, "first_seen_at": now, "updated_at": now})
            apply_extra(new, obj)
            session.add(new)
            existing[obj.ref] = new
            outcomes.append(UpsertOutcome.INSERTED)
            continue
        old = domain_of(row)
        if old == obj:
            outcomes.append(UpsertOutcome.UNCHANGED)
            continue
        for key, value in values.items():
            setattr(row, key, value)
        apply_extra(row, obj)
        row.updated_at = now
        changes.append(_change(noun, old, obj))
        outcomes.append(UpsertOutcome.UPDATED)
    session.flush()  # the ORM batches the UPDATEs of rows that changed the same columns
    record_many(session, changes)
    return outcomes


def count_outcomes(outcomes: Iterable[UpsertOutcome]) -> UpsertCounts:
    seen = list(outcomes)
    return UpsertCounts(
        inserted=seen.count(UpsertOutcome.INSERTED),
        updated=seen.count(UpsertOutcome.UPDATED),
        unchanged=seen.count(UpsertOutcome.UNCHANGED),
    )
