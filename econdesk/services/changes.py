"""Hearing what colleagues (or a scheduled job) change in the store, while the app is open.

Every change is in the audit log, so the log's head says whether anything changed, and the
events after the head one last saw say what. `ChangeWatcher.wait(timeout)` returns once the
store may have changed:
- **PostgreSQL**: every transaction that appends to the audit log notifies the channel
  `econdesk_audit` (a NOTIFY is delivered when, and only if, the transaction commits); the
  watcher LISTENs on a connection of its own, so it hears a colleague's change at once.
- **SQLite**: no notifications cross processes, so the watcher polls the audit head (one
  indexed read) every `poll_seconds`.
`ChangeFeed.since(seq)` then reads what happened: the events, and the matches they touched as
they are now, so an open window can refresh exactly those rows.

Presence ("Jane has m-000012 open") travels on the channel `econdesk_presence` on PostgreSQL
(nothing is stored: it is news, not a record); SQLite has no colleagues to tell.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from econdesk.domain import Match
from econdesk.storage import Database
from econdesk.storage.audit import AUDIT_CHANNEL, PRESENCE_CHANNEL, AuditEvent
from econdesk.storage.errors import NotFoundError

log = logging.getLogger("econdesk.changes")

POLL_SECONDS = 0.5


@dataclass(frozen=True, slots=True)
class Changes:
    """What happened after some audit event: the events, and the matches they name, now."""

    head: int  # the newest event's number: pass it to the next `since`
    events: tuple[AuditEvent, ...]
    matches: tuple[Match, ...]

    @property
    def data_changed(self) -> bool:
        """Whether lines came or changed (a sync, a bank file): the period is worth reloading."""
        return any(not e.action.startswith(("match.", "posting.")) for e in self.events)

    def last_event_for(self, match_id: str) -> AuditEvent | None:
        return next((e for e in reversed(self.events) if match_id in e.subjects), None)


@dataclass(frozen=True, slots=True)
class Presence:
    actor: str
    match_id: str | None  # None: closed whatever they had open
    at: float  # time.monotonic() when heard


class ChangeFeed:
    """Reads what changed in the store since an audit event (any thread, own sessions)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def head(self) -> int:
        with self.db.reader() as store:
            return store.audit_head()

    def since(self, seq: int, *, limit: int = 500) -> Changes:
        with self.db.reader() as store:
            events = store.audit_events(after_seq=seq, newest_first=False, limit=limit)
            head = events[-1].seq if events else seq
            ids = dict.fromkeys(
                s for e in events if e.action.startswith("match.") for s in e.subjects
            )
            matches = []
            for match_id in (i for i in ids if i.startswith("m-")):
                try:
                    matches.append(store.matches.get(match_id))
                except NotFoundError:  # created and then rolled back cannot happen; be safe
                    continue
        return Changes(head, tuple(events), tuple(matches))


class ChangeWatcher:
    """Blocks in `wait` until the store may have changed; see the module docstring."""

    def __init__(self, db: Database, *, poll_seconds: float = POLL_SECONDS) -> None:
        self.db = db
        self.poll_seconds = poll_seconds
        self._head = ChangeFeed(db).head()
        self._conn: Any = None  # the PostgreSQL connection that listens
        self.presence: list[Presence] = []  # heard since the last `take_presence`
        if db.dialect == "postgresql":
            self._connection()  # listening from now on: nothing committed later is missed

    def wait(self, timeout: float) -> bool:
        """True when the audit log grew (or, on PostgreSQL, a colleague's presence changed)."""
        if self.db.dialect == "postgresql":
            return self._listen(timeout)
        time.sleep(min(timeout, self.poll_seconds))
        head = ChangeFeed(self.db).head()
        grew, self._head = head != self._head, head
        return grew

    def take_presence(self) -> list[Presence]:
        heard, self.presence = self.presence, []
        return heard

    def _listen(self, timeout: float) -> bool:
        conn = self._connection()
        heard = False
        for note in conn.notifies(timeout=timeout, stop_after=1):
            heard = True
            if note.channel == PRESENCE_CHANNEL:
                self.presence.append(_presence(note.payload))
        return heard

    def _connection(self) -> Any:
        if self._conn is None:
            raw = self.db.engine.raw_connection()
            conn = raw.driver_connection
            raw.detach()  # ours for good: it is in LISTEN mode, never back in the pool
            if conn is None:  # pragma: no cover - a pooled connection always has one
                raise RuntimeError("no database connection to listen on")
            conn.autocommit = True
            conn.execute(f"LISTEN {AUDIT_CHANNEL}")
            conn.execute(f"LISTEN {PRESENCE_CHANNEL}")
            self._conn = conn
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def announce_presence(db: Database, match_id: str | None) -> None:
    """Tell colleagues which match this person has open (None: none). PostgreSQL only."""
    if db.dialect != "postgresql":
        return
    payload = json.dumps({"actor": db.actor, "match": match_id})
    with db.engine.connect() as conn:
        conn.exec_driver_sql("SELECT pg_notify(%s, %s)", (PRESENCE_CHANNEL, payload))
        conn.commit()


def _presence(payload: str) -> Presence:
    data = json.loads(payload)
    return Presence(str(data["actor"]), data.get("match"), time.monotonic())


def who_has_open(
    heard: Sequence[Presence], me: str, *, fresh_seconds: float = 300
) -> dict[str, str]:
    """match id -> the colleague who has it open, from what was heard (newest wins)."""
    now = time.monotonic()
    latest: dict[str, Presence] = {}
    for p in heard:
        if p.actor != me:
            latest[p.actor] = p
    return {
        p.match_id: actor
        for actor, p in latest.items()
        if p.match_id is not None and now - p.at < fresh_seconds
    }
