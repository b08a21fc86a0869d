"""The audit log: append-only, hash-chained, written in the caller's transaction.

Every state change writes one event with `record(session, action, subjects, payload)` in the same
transaction as the change, so either both land or neither does. Each event's hash covers its
time, actor, action, subjects, payload and the previous event's hash; the first event follows
GENESIS_HASH. The database refuses UPDATE and DELETE on the table (triggers, see migration
0001), `prev_hash` is UNIQUE (two events can never claim the same predecessor, so the chain
cannot fork), and appends are serialized: on SQLite by the writer lock (BEGIN IMMEDIATE), on
PostgreSQL by a transaction-scoped advisory lock taken before the chain head is read. The same
lock serializes every write transaction (`lock_writes`, taken by `Database.transaction`), so
on both databases writers queue instead of colliding.

The hash is not keyed: someone who can rewrite the whole table can recompute it. `verify`
prints the head hash; writing it down (or filing it in the report) anchors the chain.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import socket
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import Text, cast, func, select, text
from sqlalchemy.orm import Session

from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say
from econdesk.storage.errors import StorageError
from econdesk.storage.jsoncodec import canonical_json
from econdesk.storage.models import AuditEventRow

GENESIS_HASH = "0" * 64
# pg_advisory_xact_lock key that serializes audit appends on PostgreSQL ("econdesk" in ASCII).
ADVISORY_LOCK_KEY = int.from_bytes(b"econdesk", "big") & 0x7FFF_FFFF_FFFF_FFFF
ACTOR_KEY = "actor"  # Session.info key the Database sets to the configured actor
_LOCKED_KEY = "econdesk_write_locked"  # Session.info: the transaction that holds the lock
# Session.info: the transaction that promised to take row locks only (Database.transaction)
ROW_LOCKS_ONLY_KEY = "econdesk_row_locks_only"
_HEAD_KEY = "econdesk_audit_head"  # Session.info: (transaction, seq, hash) it appended last
# PostgreSQL channels: a committed append notifies AUDIT_CHANNEL with the new head's number,
# so an open app hears a colleague's change at once; PRESENCE_CHANNEL carries who has what open.
AUDIT_CHANNEL = "econdesk_audit"
PRESENCE_CHANNEL = "econdesk_presence"


@dataclass(frozen=True, slots=True)
class AuditEvent:
    seq: int
    occurred_at: datetime  # UTC
    actor: str
    action: str  # "match.approved", "bank_entry.changed", ...
    subjects: tuple[str, ...]  # refs and match ids the event is about
    payload: dict[str, Any]
    prev_hash: str
    hash: str


def default_actor() -> str:
    """`user@host` from the operating system, for when no actor name is configured."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers)
        user = "unknown"
    return f"{user}@{socket.gethostname() or 'localhost'}"


def event_hash(
    occurred_at: datetime,
    actor: str,
    action: str,
    *,
    subjects_json: str,
    payload_json: str,
    prev_hash: str,
) -> str:
    """SHA-256 over a canonical JSON of the event's content and its predecessor's hash."""
    body = canonical_json(
        {
            "occurred_at": _timestamp(occurred_at),
            "actor": actor,
            "action": action,
            "subjects": subjects_json,
            "payload": payload_json,
            "prev_hash": prev_hash,
        }
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def record(
    session: Session,
    action: str,
    subjects: Sequence[str] = (),
    payload: Mapping[str, Any] | None = None,
    *,
    actor: str | None = None,
) -> AuditEvent:
    """Append one event in `session`'s transaction; it commits or rolls back with the change.

    `action` is a dotted verb ("match.approved"); `subjects` the refs/ids it concerns; `payload`
    any JSON-able details (Money, Decimal, dates and enums are converted exactly). Never put a
    secret in a payload. The actor defaults to the one the Database was opened with.
    """
    return record_many(session, [(action, subjects, payload)], actor=actor)[0]


EventSpec = tuple[str, Sequence[str], Mapping[str, Any] | None]  # action, subjects, payload


def record_many(
    session: Session, specs: Sequence[EventSpec], *, actor: str | None = None
) -> list[AuditEvent]:
    """`record` for each (action, subjects, payload), in order, chained in one go: the chain's
    head is read and the rows are written once for all (a run storing a hundred proposals
    spent most of its time re-reading the head and flushing per event)."""
    who = actor or session.info.get(ACTOR_KEY)
    if not who:
        raise StorageError(
            say(
                QT_TRANSLATE_NOOP(
                    "CLI", "no actor for the audit log: open the database with an actor"
                )
            )
        )
    if not specs:
        return []
    lock_writes(session)
    head, notified = _read_head(session, len(specs))
    seq, prev = (head[0] + 1, head[1]) if head else (1, GENESIS_HASH)
    now = datetime.now(UTC)
    rows: list[AuditEventRow] = []
    for action, subjects, payload in specs:
        subjects_json = canonical_json([str(s) for s in subjects])
        payload_json = canonical_json(dict(payload or {}))
        digest = event_hash(
            now, who, action, subjects_json=subjects_json, payload_json=payload_json, prev_hash=prev
        )
        rows.append(
            AuditEventRow(
                seq=seq,
                occurred_at=now,
                actor=who,
                action=action,
                subjects_json=subjects_json,
                payload_json=payload_json,
                prev_hash=prev,
                hash=digest,
            )
        )
        seq, prev = seq + 1, digest
    session.add_all(rows)
    session.flush()
    # Under the writer lock the head moves only by this transaction's own appends.
    session.info[_HEAD_KEY] = (session.get_transaction(), rows[-1].seq, rows[-1].hash)
    if not notified:
        _notify(session, seq - 1)
    return [_to_event(row) for row in rows]


def _read_head(session: Session, adding: int) -> tuple[Any, bool]:
    """The chain's head (seq, hash), or None for an empty log; and whether the notification
    of the new head (`adding` events on) was queued with it.

    A transaction that appended already knows the head (it holds the writer lock, so nobody
    else appended since), and its first append notified: listeners read the log on any
    notification, so one per transaction wakes them. On PostgreSQL the notification of a
    first append is queued in the head read's round trip: it is delivered only if the
    transaction commits."""
    known = session.info.get(_HEAD_KEY)
    mine = known is not None and known[0] is session.get_transaction()
    if known is not None and mine and not session.in_nested_transaction():  # savepoints undo
        return (known[1], known[2]), True
    query = select(AuditEventRow.seq, AuditEventRow.hash)
    postgres = session.get_bind().dialect.name == "postgresql"
    if postgres:  # a volatile function in the select list runs after ORDER BY and LIMIT
        new_head = cast(AuditEventRow.seq + adding, Text)
        query = query.add_columns(func.pg_notify(AUDIT_CHANNEL, new_head))
    head = session.execute(query.order_by(AuditEventRow.seq.desc()).limit(1)).first()
    return (None if head is None else (head[0], head[1])), postgres and head is not None


def _notify(session: Session, head: int) -> None:
    """PostgreSQL delivers the notification when (and only if) the transaction commits."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_notify(:channel, :head)"),
            {"channel": AUDIT_CHANNEL, "head": str(head)},
        )


def lock_writes(session: Session) -> None:
    """Wait for, then hold to the end of this transaction, the store's one writer lock.

    PostgreSQL: a transaction-scoped advisory lock (taking it again in the same transaction is
    free). A write transaction takes it before it reads anything, as SQLite's BEGIN
    IMMEDIATE does, so a writer always reads what the writer before it committed: two syncs
    storing the same page, or two match runs, queue instead of failing on a unique key. (A
    decision on a match reads the match first and takes it then, before it writes: see
    `Database.transaction(lock_first=False)`.) Since every writer takes this one lock before
    its first write, writers never deadlock on row locks.
    SQLite: nothing to do, the writer transaction already holds the database's write lock.
    """
    transaction = session.get_transaction()
    if transaction is not None and session.info.get(ROW_LOCKS_ONLY_KEY) is transaction:
        # it may hold a row lock a writer waits for: waiting for the writer could deadlock
        row_locks_only = QT_TRANSLATE_NOOP(
            "CLI", "a transaction that takes row locks only cannot take the writer lock"
        )
        raise StorageError(say(row_locks_only))
    if session.get_bind().dialect.name != "postgresql":
        return
    if transaction is not None and session.info.get(_LOCKED_KEY) is transaction:
        return  # held already: spare the round trip
    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
    session.info[_LOCKED_KEY] = transaction


def _to_event(row: AuditEventRow) -> AuditEvent:
    return AuditEvent(
        seq=row.seq,
        occurred_at=row.occurred_at,
        actor=row.actor,
        action=row.action,
        subjects=tuple(json.loads(row.subjects_json)),
        payload=json.loads(row.payload_json),
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


def events(
    session: Session,
    *,
    limit: int | None = None,
    newest_first: bool = True,
    since: datetime | None = None,
    until: datetime | None = None,
    subject: str | None = None,
    action_prefix: str | None = None,
    after_seq: int | None = None,
) -> list[AuditEvent]:
    """Events, newest first by default; filter by time range [since, until), subject, action,
    and to those after event number `after_seq`."""
    query = select(AuditEventRow)
    if after_seq is not None:
        query = query.where(AuditEventRow.seq > after_seq)
    if since is not None:
        query = query.where(AuditEventRow.occurred_at >= since)
    if until is not None:
        query = query.where(AuditEventRow.occurred_at < until)
    if subject is not None:
        # subjects_json is canonical ('["a","b"]'), so an exact quoted token is a safe probe.
        query = query.where(AuditEventRow.subjects_json.contains(json.dumps(subject)))
    if action_prefix is not None:
        query = query.where(AuditEventRow.action.startswith(action_prefix, autoescape=True))
    order = AuditEventRow.seq.desc() if newest_first else AuditEventRow.seq.asc()
    query = query.order_by(order)
    if limit is not None:
        query = query.limit(limit)
    return [_to_event(row) for row in session.scalars(query)]


def head_seq(session: Session) -> int:
    """The newest event's number (0 for an empty log): one cheap read, for noticing changes."""
    return int(session.scalar(select(func.max(AuditEventRow.seq))) or 0)


def count_events(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(AuditEventRow)) or 0)


ProblemKind = Literal["changed", "removed", "inserted", "reordered"]


@dataclass(frozen=True, slots=True)
class ChainProblem:
    seq: int  # the first event that is wrong (or, for "removed", the missing number)
    kind: ProblemKind
    message: str


@dataclass(frozen=True, slots=True)
class VerifyResult:
    events: int
    head_hash: str | None
    problem: ChainProblem | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify(session: Session, *, batch: int = 2000) -> VerifyResult:
    """Walk the chain in seq order; name the first changed, removed, inserted or reordered event.

    Streams in batches, so it runs in bounded memory on any size of log.
    """
    expected_seq, prev_hash, count = 1, GENESIS_HASH, 0
    pending: AuditEventRow | None = None  # a row whose link broke: judged by the one after it
    last_seq = 0
    while True:
        rows = list(
            session.scalars(
                select(AuditEventRow)
                .where(AuditEventRow.seq > last_seq)
                .order_by(AuditEventRow.seq)
                .limit(batch)
            )
        )
        if not rows:
            break
        for row in rows:
            count += 1
            last_seq = row.seq
            if pending is not None:
                return _result(count, _judge_broken_link(session, pending, row))
            if row.seq != expected_seq:
                if row.seq > expected_seq:
                    gap = (
                        f"event #{expected_seq} is missing"
                        if row.seq == expected_seq + 1
                        else f"events #{expected_seq}-#{row.seq - 1} are missing"
                    )
                    return _result(count, ChainProblem(expected_seq, "removed", f"{gap} (removed)"))
                return _result(  # pragma: no cover - seq is the primary key, so it is unique
                    count, ChainProblem(row.seq, "reordered", f"event #{row.seq} is out of order")
                )
            own = event_hash(
                row.occurred_at,
                row.actor,
                row.action,
                subjects_json=row.subjects_json,
                payload_json=row.payload_json,
                prev_hash=row.prev_hash,
            )
            if own != row.hash:
                return _result(
                    count,
                    ChainProblem(
                        row.seq,
                        "changed",
                        f"event #{row.seq} ({row.action}) was changed: its content does not "
                        "match its hash",
                    ),
                )
            if row.prev_hash != prev_hash:
                pending = row
            expected_seq, prev_hash = row.seq + 1, row.hash
    if pending is not None:
        return _result(count, _judge_broken_link(session, pending, None))
    return VerifyResult(events=count, head_hash=None if count == 0 else prev_hash, problem=None)


def _result(count: int, problem: ChainProblem) -> VerifyResult:
    return VerifyResult(events=count, head_hash=None, problem=problem)


def _judge_broken_link(
    session: Session, row: AuditEventRow, following: AuditEventRow | None
) -> ChainProblem:
    """`row` is intact but does not follow its predecessor: reordered, inserted, or a removal."""
    linked_seq = session.scalar(
        select(AuditEventRow.seq).where(AuditEventRow.hash == row.prev_hash)
    )
    name = f"event #{row.seq} ({row.action})"
    if linked_seq is not None and linked_seq > row.seq:
        return ChainProblem(
            row.seq, "reordered", f"{name} is out of order: it belongs after event #{linked_seq}"
        )
    if linked_seq is not None and linked_seq < row.seq - 1:
        first = linked_seq + 1
        return ChainProblem(
            first,
            "inserted",
            f"event #{first} was inserted: event #{row.seq} follows event #{linked_seq} directly",
        )
    if following is not None and following.prev_hash == row.hash:
        # The chain goes on from this event, so it is genuine: what preceded it is gone.
        return ChainProblem(
            row.seq, "removed", f"the event before {name} was removed (and the rest renumbered)"
        )
    return ChainProblem(row.seq, "inserted", f"{name} was inserted: it follows no event")
