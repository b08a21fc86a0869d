"""Live updates: what colleagues (or a scheduled job) change shows in the open window.

A thread of its own waits on `ChangeWatcher` (LISTEN/NOTIFY on PostgreSQL, polling the audit
head on SQLite), reads what changed with `ChangeFeed` and hands it to the GUI thread as a
signal. The window refreshes the matches named, marks those a colleague changed ("Approved by
jane just now"), and reloads the period when lines came or changed. On PostgreSQL the window
also tells colleagues which match it has open, and hears theirs.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QTimer, Signal

from econdesk.services.changes import (
    ChangeFeed,
    ChangeWatcher,
    Presence,
    announce_presence,
    who_has_open,
)
from econdesk.storage import Database

log = logging.getLogger("econdesk.qt.live")

WAIT_SECONDS = 0.5
ANNOUNCE_EVERY_MS = 60_000  # presence is repeated, so a window opened later learns it too


class LiveUpdates(QObject):
    """Emits `changed(Changes)` and `presence(dict match id -> actor)` on the GUI thread."""

    changed = Signal(object)  # econdesk.services.changes.Changes
    presence = Signal(object)  # dict[str, str]

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.feed = ChangeFeed(db)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._heard: list[Presence] = []
        self._open: str | None = None
        self._announce = QTimer(self)
        self._announce.setInterval(ANNOUNCE_EVERY_MS)
        self._announce.timeout.connect(lambda: self._send_presence(self._open))

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        """Listen from now on (the window calls it once it is shown and loaded)."""
        if self._thread is not None:
            return
        watcher = ChangeWatcher(self.db)
        head = self.feed.head()
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run, args=(watcher, head), name="econdesk-live", daemon=True
        )
        self._thread.start()
        if self.db.dialect == "postgresql":
            self._announce.start()

    def stop(self) -> None:
        self._announce.stop()
        if self._open is not None:
            self._send_presence(None)
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def opened(self, match_id: str | None) -> None:
        """The match this window now shows (None: none); colleagues on PostgreSQL hear it."""
        if self.running and match_id != self._open:
            self._open = match_id
            self._send_presence(match_id)

    def _send_presence(self, match_id: str | None) -> None:
        try:
            announce_presence(self.db, match_id)
        except Exception:  # news, not a record: a lost one is repeated within a minute
            log.debug("could not announce presence", exc_info=True)

    def _run(self, watcher: ChangeWatcher, head: int) -> None:
        try:
            while not self._stop.is_set():
                try:
                    if not watcher.wait(WAIT_SECONDS):
                        continue
                    changes = self.feed.since(head)
                except Exception:  # the database went away for a moment: try again shortly
                    log.debug("live updates: could not read changes", exc_info=True)
                    self._stop.wait(WAIT_SECONDS)
                    continue
                head = changes.head
                if changes.events:
                    self.changed.emit(changes)
                heard = watcher.take_presence()
                if heard:
                    self._heard = [*self._heard, *heard][-200:]
                    self.presence.emit(who_has_open(self._heard, self.db.actor))
        finally:
            watcher.close()
