"""Learned memory: what bookkeepers' corrections taught the matcher.

A token seen in bank text (or a platform customer id, an e-mail domain, ...) maps to a value of
some kind: "customer" -> an e-conomic customer number, "account" -> a G/L account, and so on.
Callers normalise tokens (e.g. casefold) before storing and looking up; the store keeps them
as given. Each time the same fact is learned again its `hits` grows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from econdesk.storage.models import LearnedRow
from econdesk.storage.repos._upsert import insert_or_update


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

    def learn_many(self, kind: str, facts: Iterable[tuple[str, str]]) -> None:
        """`learn` for each (token, value), in one statement: a fact given twice adds two hits
        (an approval is one round trip to the database, not one per word)."""
        hits = Counter(facts)
        if not hits:
            return
        now = datetime.now(UTC)
        rows = [
            {"kind": kind, "token": token, "value": value, "hits": n,
             "first_learned_at": now, "last_used_at": now}
            for (token, value), n in sorted(hits.items())
        ]  # fmt: skip
        insert_or_update(
            self.session,
            LearnedRow,
            rows,
            key=("kind", "token", "value"),
            update=lambda table, new: {
                "hits": table.c.hits + new.hits,
                "last_used_at": new.last_used_at,
            },
        )

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

    def forget_many(self, kind: str, tokens: Iterable[str], value: str | None = None) -> int:
        """`forget` for each token, in one statement; returns how many facts went."""
        wanted = sorted(set(tokens))
        if not wanted:
            return 0
        query = delete(LearnedRow).where(LearnedRow.kind == kind, LearnedRow.token.in_(wanted))
        if value is not None:
            query = query.where(LearnedRow.value == value)
        result = self.session.execute(query)
        return int(getattr(result, "rowcount", 0) or 0)
