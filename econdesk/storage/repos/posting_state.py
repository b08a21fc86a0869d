"""Where a match's voucher is on its way into e-conomic, as both repositories check it.

The posting repository makes a match POSTED (it uses the match repository); the match
repository refuses to take an approval back while its voucher is claimed or sent (it reads the
posting's state here). Both import this module, so neither has to import the other backwards.
"""

from __future__ import annotations

import enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import Message, say
from econdesk.i18n.states import state_word
from econdesk.storage.errors import PostingStateError
from econdesk.storage.models import PostingRow
from econdesk.storage.repos._ids import posting_subject


class PostingStatus(enum.StrEnum):
    CLAIMED = "claimed"  # taken for posting; nothing sent yet
    SENT = "sent"  # the request may have reached e-conomic: check the daybook before retrying
    POSTED = "posted"  # e-conomic has it; voucher_ref says where
    FAILED = "failed"  # it certainly did not post; may be claimed again


IN_FLIGHT = (PostingStatus.CLAIMED, PostingStatus.SENT)


def posting_row(session: Session, subject: str) -> PostingRow | None:
    """The latest posting row of a match ("m-000123"), a reversal ("r-000123") or a sales
    summary ("s-000007"), if it was ever claimed. A match posted, reversed and posted again
    has a row per round; the latest is the one that counts."""
    kind, key = posting_subject(subject)
    return session.scalar(
        select(PostingRow)
        .where(PostingRow.kind == kind, PostingRow.subject == key)
        .order_by(PostingRow.round.desc())
        .limit(1)
    )


def is_in_flight(row: PostingRow) -> bool:
    return row.status in (s.value for s in IN_FLIGHT)


def busy_message(row: PostingRow) -> Message:
    """Why the match cannot be claimed or changed: posted already, or being posted."""
    match_id = row.subject
    if row.status == PostingStatus.POSTED.value:
        posted = QT_TRANSLATE_NOOP("CLI", "{0} is already posted as voucher {1}")
        return say(posted, match_id, row.voucher_number)
    busy = QT_TRANSLATE_NOOP(
        "CLI",
        "{0} is being posted ({1} by {2} at {3} UTC); if that run died, check the daybook for "
        "marker {4!r} first",
    )
    claimed_at = f"{row.claimed_at:%Y-%m-%d %H:%M}"
    return say(busy, match_id, state_word(row.status), row.claimed_by, claimed_at, row.marker)


def ensure_not_in_flight(session: Session, match_id: str) -> None:
    """Raise PostingStateError if the match is claimed or sent (used before un-approving)."""
    row = posting_row(session, match_id)
    if row is not None and is_in_flight(row):
        raise PostingStateError(busy_message(row))
