"""Sync cursors: where each source's incremental fetch stopped, as a small JSON object."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from econdesk.storage.jsoncodec import canonical_json, loads_object
from econdesk.storage.models import SyncCursorRow
from econdesk.storage.repos._upsert import insert_or_update


class SyncCursorRepository:
    """One JSON state per source name (e.g. "economic:entries", "stripe:balance_transactions").

    Save the cursor in the same transaction as the page it follows, so a crash resumes exactly
    after the last stored page.
    """

    def __init__(self, session: Session) -> None:
        self.session = session

    # Read and written with plain statements, not through the session's identity map: one
    # round trip each (a sync page writes its cursor under the writer lock).
    def get(self, source: str, *, for_update: bool = False) -> dict[str, Any] | None:
        """The source's state; `for_update`: locked until the transaction ends (PostgreSQL),
        so that two syncs of one source change it one after the other."""
        query = select(SyncCursorRow.state_json).where(SyncCursorRow.source == source)
        text = self.session.scalar(query.with_for_update() if for_update else query)
        return None if text is None else loads_object(text)

    def set(self, source: str, state: Mapping[str, Any]) -> None:
        row = {
            "source": source,
            "state_json": canonical_json(dict(state)),
            "updated_at": datetime.now(UTC),
        }
        insert_or_update(
            self.session,
            SyncCursorRow,
            [row],
            key=("source",),
            update=lambda _, new: {"state_json": new.state_json, "updated_at": new.updated_at},
        )

    def updated_at(self, source: str) -> datetime | None:
        query = select(SyncCursorRow.updated_at).where(SyncCursorRow.source == source)
        return self.session.scalar(query)

    def all(self) -> dict[str, dict[str, Any]]:
        rows = self.session.scalars(select(SyncCursorRow).order_by(SyncCursorRow.source))
        return {row.source: json.loads(row.state_json) for row in rows}

    def clear(self, source: str) -> None:
        """Forget where the source stopped: the next sync fetches it from the start."""
        self.session.execute(delete(SyncCursorRow).where(SyncCursorRow.source == source))
