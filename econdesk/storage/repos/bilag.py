"""Bilag: each posted voucher's PDF specification, attached in e-conomic exactly once.

A voucher's bilag goes pending -> sending -> attached. "sending" is committed before the file
goes out, so a run that dies between sending and recording leaves it "sending": the next run
asks e-conomic whether the voucher has its attachment (GET) before it sends it again. A
refused or failed upload goes back to pending with the reason.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from econdesk.domain import VoucherRef, format_match_id
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import Message, say
from econdesk.storage.audit import record
from econdesk.storage.errors import PostingStateError
from econdesk.storage.models import BilagRow, PostingRow
from econdesk.storage.repos._ids import MATCH_KIND, REVERSAL_KIND, match_number
from econdesk.storage.repos.posting_state import PostingStatus


class BilagStatus(enum.StrEnum):
    PENDING = "pending"  # not sent (or its last upload failed: `last_error`)
    SENDING = "sending"  # sent or about to be: look it up before sending again
    ATTACHED = "attached"  # e-conomic holds it


@dataclass(frozen=True, slots=True)
class Bilag:
    voucher: VoucherRef
    match_id: str  # the posting's subject: a match ("m-000123") or a reversal ("r-000123")
    status: BilagStatus
    attempts: int = 0
    sha256: str | None = None
    size: int | None = None
    last_error: str | None = None
    attached_at: datetime | None = None
    updated_at: datetime | None = None


def _key(ref: VoucherRef) -> tuple[int, str, int]:
    return (ref.journal, ref.year, ref.number)


def _to_domain(row: BilagRow) -> Bilag:
    return Bilag(
        voucher=VoucherRef(row.journal, row.accounting_year, row.voucher_number),
        match_id=format_match_id(row.match_id),
        status=BilagStatus(row.status),
        attempts=row.attempts,
        sha256=row.sha256,
        size=row.size,
        last_error=row.last_error,
        attached_at=row.attached_at,
        updated_at=row.updated_at,
    )


class BilagRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, voucher: VoucherRef) -> Bilag | None:
        row = self.session.get(BilagRow, _key(voucher))
        return None if row is None else _to_domain(row)

    def all(self) -> list[Bilag]:
        return [_to_domain(r) for r in self.session.scalars(select(BilagRow))]

    def missing(self) -> list[Bilag]:
        """Every posted voucher without an attached bilag, oldest posting first (vouchers
        posted before econdesk attached bilag included)."""
        rows = self.session.execute(
            select(PostingRow.subject, PostingRow.journal, PostingRow.accounting_year,
                   PostingRow.voucher_number, BilagRow)
            .outerjoin(BilagRow, (BilagRow.journal == PostingRow.journal)
                       & (BilagRow.accounting_year == PostingRow.accounting_year)
                       & (BilagRow.voucher_number == PostingRow.voucher_number))
            .where(PostingRow.status == PostingStatus.POSTED.value,
                   # a match's voucher or a reversal's; sales days have none
                   PostingRow.kind.in_([MATCH_KIND, REVERSAL_KIND]),
                   PostingRow.voucher_number.is_not(None))
            .order_by(PostingRow.id)
        )  # fmt: skip
        found: list[Bilag] = []
        for match_id, journal, year, number, joined in [*rows, *self._split_parts()]:
            row: BilagRow | None = joined  # None: no bilag recorded (outer join)
            if row is None and number is not None:  # (never NULL: filtered above)
                ref = VoucherRef(journal, year, number)
                found.append(Bilag(ref, match_id, BilagStatus.PENDING))
            elif row is not None and row.status != BilagStatus.ATTACHED.value:
                found.append(replace(_to_domain(row), match_id=match_id))  # "r-…" stays
        return found

    def _split_parts(self) -> list[tuple[str, int, str, int, BilagRow | None]]:
        """The other vouchers of posted postings e-conomic split into several, each with its
        bilag row if one was recorded: every voucher gets a bilag of its own."""
        split = self.session.execute(
            select(PostingRow.subject, PostingRow.journal, PostingRow.accounting_year,
                   PostingRow.split_json)
            .where(PostingRow.status == PostingStatus.POSTED.value,
                   PostingRow.kind.in_([MATCH_KIND, REVERSAL_KIND]),
                   PostingRow.split_json.is_not(None))
            .order_by(PostingRow.id)
        )  # fmt: skip
        parts: list[tuple[str, int, str, int, BilagRow | None]] = []
        for subject, journal, year, numbers in split:
            for number in json.loads(numbers or "[]"):
                row = self.session.get(BilagRow, (journal, year, int(number)))
                parts.append((subject, journal, year, int(number), row))
        return parts

    def mark_sending(self, bilag: Bilag, *, sha256: str, size: int) -> Bilag:
        """Committed before the upload: a crash after it is looked up, not sent twice.

        `bilag` is the state the caller read: if another run has moved it on since (sent or
        attached it), PostingStateError, and the caller leaves it to that run."""
        row = self.session.get(BilagRow, _key(bilag.voucher))
        if (0 if row is None else row.attempts) != bilag.attempts:
            raise PostingStateError(
                say(
                    QT_TRANSLATE_NOOP(
                        "CLI", "the bilag of voucher {0} is being sent by another run"
                    ),
                    bilag.voucher.number,
                )
            )
        if row is None:
            row = BilagRow(
                journal=bilag.voucher.journal,
                accounting_year=bilag.voucher.year,
                voucher_number=bilag.voucher.number,
                match_id=match_number(bilag.match_id),
                attempts=0,
            )
            self.session.add(row)
        elif row.status == BilagStatus.ATTACHED.value:
            raise PostingStateError(_attached(bilag.voucher.number))
        row.status = BilagStatus.SENDING.value
        row.sha256, row.size = sha256, size
        row.attempts += 1
        row.updated_at = datetime.now(UTC)
        self.session.flush()
        return replace(_to_domain(row), match_id=bilag.match_id)  # "r-…" stays

    def mark_attached(self, bilag: Bilag, *, recovered: bool) -> Bilag:
        row = self._row(bilag.voucher)
        if row.status == BilagStatus.ATTACHED.value:
            raise PostingStateError(_attached(bilag.voucher.number))
        now = datetime.now(UTC)
        row.status = BilagStatus.ATTACHED.value
        row.attached_at = now
        row.updated_at = now
        row.last_error = None
        self.session.flush()
        payload = {
            "journal": row.journal,
            "year": row.accounting_year,
            "voucher": row.voucher_number,
            "sha256": row.sha256,
            "size": row.size,
            "recovered": recovered,  # found in e-conomic after a run died, not re-sent
        }
        record(self.session, "bilag.attached", [bilag.match_id], payload)
        return replace(_to_domain(row), match_id=bilag.match_id)

    def mark_failed(self, bilag: Bilag, reason: str) -> Bilag:
        row = self._row(bilag.voucher)
        row.status = BilagStatus.PENDING.value
        row.last_error = reason
        row.updated_at = datetime.now(UTC)
        self.session.flush()
        record(
            self.session,
            "bilag.failed",
            [bilag.match_id],
            {"voucher": row.voucher_number, "reason": reason},
        )
        return replace(_to_domain(row), match_id=bilag.match_id)

    def _row(self, voucher: VoucherRef) -> BilagRow:
        row = self.session.get(BilagRow, _key(voucher))
        if row is None:
            raise PostingStateError(
                say(QT_TRANSLATE_NOOP("CLI", "no bilag recorded for voucher {0}"), voucher.number)
            )
        return row


def _attached(voucher_number: int) -> Message:
    return say(QT_TRANSLATE_NOOP("CLI", "the bilag of voucher {0} is attached"), voucher_number)
