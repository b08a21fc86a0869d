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


class SyncCursorRepository:
    """One JSON state per source name (e.g. "economic:entries", "stripe:balance_transactions").

    Save the cursor in the same transaction as the page it follows, so a crash resumes exactly
    after the last stored page.
    """

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, source: str) -> dict[str, Any] | None:
        row = self.session.get(SyncCursorRow, source)
        return None if row is None else loads_object(row.state_json)

    def set(self, source: str, state: Mapping[str, Any]) -> None:
        text = canonical_json(dict(state))
        row = self.session.get(SyncCursorRow, source)
        now = datetime.now(UTC)
        if row is None:
            self.session.add(SyncCursorRow(source=source, state_json=text, updated_at=now))
        else:
            row.state_json = text
            row.updated_at = now
        self.session.flush()

    def updated_at(self, source: str) -> datetime | None:
        row = self.session.get(SyncCursorRow, source)
        return None if row is None else row.updated_at

    def all(self) -> dict[str, dict[str, Any]]:
        rows = self.session.scalars(select(SyncCursorRow).order_by(SyncCursorRow.source))
        return {row.source: json.loads(row.state_json) for row in rows}

    def clear(self, source: str) -> None:
        """Forget where the source stopped: the next sync fetches it from the start."""
        self.session.execute(delete(SyncCursorRow).where(SyncCursorRow.source == source))
