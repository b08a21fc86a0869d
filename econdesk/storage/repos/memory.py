"""Learned memory: what bookkeepers' corrections taught the matcher.

A token seen in bank text (or a platform customer id, an e-mail domain, ...) maps to a value of
some kind: "customer" -> an e-conomic customer number, "account" -> a G/L account, and so on.
Callers normalise tokens (e.g. casefold) before storing and looking up; the store keeps them
as given. Each time the same fact is learned again its `hits` grows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from econdesk.storage.models import LearnedRow


@dataclass(frozen=True, slots=True)
class LearnedFact:
    kind: str  # "customer", "account", ...
    token: str
    value: str
    hits: int
    first_learned_at: datetime
    last_used_at: datetime


def _fact(row: LearnedRow) -> LearnedFact:
    return LearnedFact(
        row.kind, row.token, row.value, row.hits, row.first_learned_at, row.last_used_at
    )


class LearnedMemoryRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def learn(self, kind: str, token: str, value: str) -> LearnedFact:
        """Record that `token` means `value` (of `kind`); learning it again adds a hit."""
        now = datetime.now(UTC)
        row = self.session.scalar(
            select(LearnedRow).where(
                LearnedRow.kind == kind, LearnedRow.token == token, LearnedRow.value == value
            )
        )
        if row is None:
            row = LearnedRow(
                kind=kind, token=token, value=value, hits=1, first_learned_at=now, last_used_at=now
            )
            self.session.add(row)
        else:
            row.hits += 1
            row.last_used_at = now
        self.session.flush()
        return _fact(row)

    def recall(self, kind: str, token: str) -> list[LearnedFact]:
        """What `token` was taught to mean, most often taught first."""
        query = (
            select(LearnedRow)
            .where(LearnedRow.kind == kind, LearnedRow.token == token)
            .order_by(LearnedRow.hits.desc(), LearnedRow.last_used_at.desc())
        )
        return [_fact(row) for row in self.session.scalars(query)]

    def all(self, kind: str | None = None) -> list[LearnedFact]:
        """Every fact (of `kind`): load once per matcher run and index in memory."""
        query = select(LearnedRow).order_by(LearnedRow.kind, LearnedRow.token, LearnedRow.id)
        if kind is not None:
            query = query.where(LearnedRow.kind == kind)
        return [_fact(row) for row in self.session.scalars(query)]

    def forget(self, kind: str, token: str, value: str | None = None) -> int:
        """Remove what `token` means (only `value`, if given); returns how many facts went."""
        query = delete(LearnedRow).where(LearnedRow.kind == kind, LearnedRow.token == token)
        if value is not None:
            query = query.where(LearnedRow.value == value)
        result = self.session.execute(query)
        return int(getattr(result, "rowcount", 0) or 0)
