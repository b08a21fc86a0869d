"""Pairs a bookkeeper rejected: the matcher must never propose them together again."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from econdesk.storage.audit import ACTOR_KEY
from econdesk.storage.models import RejectedPairRow
from econdesk.storage.repos._ids import parse_match_id
from econdesk.storage.repos._upsert import insert_or_update


class RejectedPairRepository:
    """(bank ref, item ref) pairs. Rejecting a match adds its pairs (see MatchRepository)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, bank_ref: str, item_ref: str, *, match_id: str | None = None) -> None:
        """Remember the pair as rejected (idempotent: an existing pair is kept as it is)."""
        if self.session.get(RejectedPairRow, (bank_ref, item_ref)) is not None:
            return
        self.session.add(
            RejectedPairRow(
                bank_ref=bank_ref,
                item_ref=item_ref,
                match_id=_match_number(match_id),
                rejected_at=datetime.now(UTC),
                rejected_by=str(self.session.info.get(ACTOR_KEY) or "unknown"),
            )
        )
        self.session.flush()

    def add_many(self, pairs: Iterable[tuple[str, str]], *, match_id: str | None = None) -> None:
        """`add` for each (bank ref, item ref), in one statement."""
        now = datetime.now(UTC)
        actor = str(self.session.info.get(ACTOR_KEY) or "unknown")
        number = _match_number(match_id)
        rows = [
            {"bank_ref": bank, "item_ref": item, "match_id": number, "rejected_at": now,
             "rejected_by": actor}
            for bank, item in dict.fromkeys(pairs)
        ]  # fmt: skip
        insert_or_update(self.session, RejectedPairRow, rows, key=("bank_ref", "item_ref"))

    def is_rejected(self, bank_ref: str, item_ref: str) -> bool:
        return self.session.get(RejectedPairRow, (bank_ref, item_ref)) is not None

    def all_pairs(self) -> set[tuple[str, str]]:
        """Every rejected (bank ref, item ref): load once per matcher run, test in memory."""
        rows = self.session.execute(select(RejectedPairRow.bank_ref, RejectedPairRow.item_ref))
        return {(bank, item) for bank, item in rows}

    def remove(self, bank_ref: str, item_ref: str) -> None:
        self.session.execute(
            delete(RejectedPairRow).where(
                RejectedPairRow.bank_ref == bank_ref, RejectedPairRow.item_ref == item_ref
            )
        )

    def forget_match(self, match_id: str) -> None:
        """Drop the pairs a match's rejection recorded (when the rejection is undone)."""
        number = _match_number(match_id)
        self.session.execute(delete(RejectedPairRow).where(RejectedPairRow.match_id == number))


def _match_number(match_id: str | None) -> int | None:
    if match_id is None:
        return None
    return parse_match_id(match_id)
