"""Postings: each approved match's voucher on its way into e-conomic, exactly once.

The status moves claimed -> sent -> posted, or to failed (then it may be claimed again):

1. `claim(voucher, key)` in its own committed transaction, before any request: the match is
   taken for posting; a second claim (another process, another bookkeeper) is refused.
2. `mark_sent(match_id)`, committed, right before the request carrying `Idempotency-Key: key`
   and the voucher's `marker` in its entry text.
3. `mark_posted(match_id, voucher_ref)` when e-conomic answered: the match becomes POSTED with
   its voucher number in the same transaction. Or `mark_failed(match_id, reason)` when it
   certainly did not post: the match stays approved, with the reason.

A request whose answer was lost leaves its posting *sent*, in doubt: e-conomic may still be
committing it, so a marker search that finds nothing proves nothing yet. `mark_in_doubt`
keeps the reason; the posting stays sent (the match cannot be un-approved) until its marker is
found (posted), or the request is resent under the same Idempotency-Key within the key's hour,
or the hour has passed and a fresh search still finds nothing (then `mark_failed`).
`mark_sent(match_id, key)` records a new key when a voucher is sent under one.

A reversal ("r-000123", kind "reversal") goes the same way: claimed while its match is
POSTED, and `mark_posted` makes the match PROPOSED again in the same transaction. The match's
later posting is a new row (`round` + 1) with a marker of its own; the first one stays POSTED
beside its reversal, for the record.

After a crash, `in_doubt()` lists claimed/sent postings: look for each marker in the daybook,
then settle them as above before anything is retried. `earlier_attempts(match_id)` lists the
unfinished or failed postings of other matches that covered any of this match's bank entries
or items: their markers are searched before this match is sent.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, Final

from sqlalchemy import select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from econdesk.domain import (
    MatchState,
    Money,
    Voucher,
    VoucherEntryKind,
    VoucherLine,
    VoucherRef,
)
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import Message, say
from econdesk.i18n.states import state_word
from econdesk.storage.audit import ACTOR_KEY, events, record
from econdesk.storage.errors import PostingStateError
from econdesk.storage.jsoncodec import canonical_json
from econdesk.storage.models import MatchLinkRow, MatchRow, PostingRow, SalesSummaryRow
from econdesk.storage.repos._ids import (
    MATCH_KIND,
    REVERSAL_KIND,
    match_number,
    parse_match_id,
    parse_summary_id,
    posting_subject,
)
from econdesk.storage.repos.matches import MatchRepository
from econdesk.storage.repos.periods import word_of
from econdesk.storage.repos.posting_state import (
    IN_FLIGHT,
    PostingStatus,
    busy_message,
    ensure_not_in_flight,
    is_in_flight,
    posting_row,
)


@dataclass(frozen=True, slots=True)
class Posting:
    # What it posts: a match ("m-000123"), or a daily sales summary ("s-000007") when `kind`
    # is "sales_day". The name stays: every caller keys postings by it.
    match_id: str
    voucher: Voucher
    idempotency_key: str
    status: PostingStatus
    voucher_ref: VoucherRef | None
    attempts: int
    last_error: str | None
    claimed_at: datetime
    claimed_by: str
    updated_at: datetime
    booked_at: datetime | None = None  # when econdesk booked the voucher's draft entries
    sent_at: datetime | None = None  # when the request under idempotency_key first went out
    kind: str = MATCH_KIND
    round: int = 0  # how many of the match's postings were reversed before this one
    reason: str | None = None  # a reversal's, as the bookkeeper gave it
    split: tuple[VoucherRef, ...] = ()  # the other vouchers e-conomic split it into

    @property
    def key_sent_at(self) -> datetime:
        """When the current Idempotency-Key's hour began (the claim, for older postings)."""
        return self.sent_at or self.claimed_at

    @property
    def batch_key(self) -> str:
        """The Idempotency-Key of the request that carried it (the stored key adds the match)."""
        return self.idempotency_key.rsplit(":", 1)[0]


def _money(value: Money | None) -> dict[str, str] | None:
    return None if value is None else {"amount": f"{value.amount:f}", "currency": value.currency}


def _money_back(value: dict[str, str] | None) -> Money | None:
    return None if value is None else Money.of(value["amount"], value["currency"])


def voucher_to_json(voucher: Voucher) -> dict[str, Any]:
    """An exact JSON form of a voucher (amounts as decimal strings)."""
    return {
        "match_id": voucher.match_id,
        "journal": voucher.journal,
        "accounting_year": voucher.accounting_year,
        "marker": voucher.marker,
        "lines": [
            {
                "kind": line.kind.value,
                "entry_date": line.entry_date.isoformat(),
                "amount": _money(line.amount),
                "text": line.text,
                "account": line.account,
                "contra_account": line.contra_account,
                "vat_code": line.vat_code,
                "contra_vat_code": line.contra_vat_code,
                "customer_number": line.customer_number,
                "customer_invoice": line.customer_invoice,
                "exchange_rate": None if line.exchange_rate is None else f"{line.exchange_rate:f}",
                "amount_base": _money(line.amount_base),
            }
            for line in voucher.lines
        ],
    }


def voucher_from_json(data: dict[str, Any]) -> Voucher:
    return Voucher(
        match_id=data["match_id"],
        journal=data["journal"],
        accounting_year=data["accounting_year"],
        marker=data["marker"],
        lines=tuple(
            VoucherLine(
                kind=VoucherEntryKind(line["kind"]),
                entry_date=date.fromisoformat(line["entry_date"]),
                amount=Money.of(line["amount"]["amount"], line["amount"]["currency"]),
                text=line["text"],
                account=line["account"],
                contra_account=line["contra_account"],
                vat_code=line["vat_code"],
                contra_vat_code=line["contra_vat_code"],
                customer_number=line["customer_number"],
                customer_invoice=line["customer_invoice"],
                exchange_rate=None
                if line["exchange_rate"] is None
                else Decimal(line["exchange_rate"]),
                amount_base=_money_back(line["amount_base"]),
            )
            for line in data["lines"]
        ),
    )


def _to_domain(row: PostingRow) -> Posting:
    return Posting(
        match_id=row.subject,
        voucher=voucher_from_json(json.loads(row.voucher_json)),
        idempotency_key=row.idempotency_key,
        status=PostingStatus(row.status),
        voucher_ref=None
        if row.voucher_number is None
        else VoucherRef(row.journal, row.accounting_year, row.voucher_number),
        attempts=row.attempts,
        last_error=row.last_error,
        claimed_at=row.claimed_at,
        claimed_by=row.claimed_by,
        updated_at=row.updated_at,
        booked_at=row.booked_at,
        sent_at=row.sent_at,
        kind=row.kind,
        round=row.round,
        reason=row.reason,
        split=_split(row),
    )


def _split(row: PostingRow) -> tuple[VoucherRef, ...]:
    if not row.split_json:
        return ()
    return tuple(
        VoucherRef(row.journal, row.accounting_year, int(n)) for n in json.loads(row.split_json)
    )


class PostingRepository:
    """The posting ledger; see the module docstring for the exactly-once protocol."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, match_id: str) -> Posting | None:
        row = self._row_or_none(match_id)
        return None if row is None else _to_domain(row)

    def find(self, *, statuses: tuple[PostingStatus, ...] | None = None) -> list[Posting]:
        query = select(PostingRow).order_by(PostingRow.id)
        if statuses is not None:
            query = query.where(PostingRow.status.in_([s.value for s in statuses]))
        return [_to_domain(row) for row in self.session.scalars(query)]

    def in_doubt(self) -> list[Posting]:
        """Claimed or sent postings: check their markers in the daybook before any retry."""
        return self.find(statuses=IN_FLIGHT)

    def rounds(self, match_id: str) -> int:
        """How many of the match's postings were reversed: its next posting's round."""
        query = select(PostingRow.id).where(
            PostingRow.kind == REVERSAL_KIND,
            PostingRow.match_id == match_number(match_id),
            PostingRow.status == PostingStatus.POSTED.value,
        )
        return len(self.session.scalars(query).all())

    def claim(
        self, voucher: Voucher, idempotency_key: str, *, reason: str | None = None
    ) -> Posting:
        """Take an approved match (or a sales summary, or a posted match's reversal) for
        posting, or a failed one again.

        Refused with PostingStateError when the match is not approved (for a reversal: not
        posted), is already claimed or sent (someone is posting it, or a crash left it in
        doubt), or is posted. Two processes claiming at once: one wins, the other gets
        PostingStateError.
        """
        kind, subject = posting_subject(voucher.match_id)
        number, summary_number = self._claimable_subject(kind, subject)
        now = datetime.now(UTC)
        actor = self._actor()
        row = self._row_or_none(subject)
        round_ = 0 if number is None else self.rounds(subject)
        if row is None or row.round < round_:  # first, or the first since a reversal
            row = PostingRow(
                kind=kind,
                subject=subject,
                match_id=number,
                sales_summary_id=summary_number,
                round=round_,
                attempts=0,
                claimed_at=now,
                claimed_by=actor,
            )
            self.session.add(row)
        elif row.status != PostingStatus.FAILED.value:
            raise PostingStateError(busy_message(row))
        row.reason = reason
        row.journal = voucher.journal
        row.accounting_year = voucher.accounting_year
        row.marker = voucher.marker
        row.idempotency_key = idempotency_key
        row.voucher_json = canonical_json(voucher_to_json(voucher))
        row.status = PostingStatus.CLAIMED.value
        row.last_error = None  # the earlier attempt's reason stays in the audit log
        row.attempts += 1
        row.claimed_at, row.claimed_by, row.updated_at = now, actor, now
        self._flush_claim(voucher)
        record(
            self.session,
            "posting.claimed",
            [voucher.match_id],
            {"marker": voucher.marker, "attempt": row.attempts, "journal": voucher.journal},
        )
        return _to_domain(row)

    def _claimable_subject(self, kind: str, subject: str) -> tuple[int | None, int | None]:
        """(match number, sales summary number) of what is claimed, one of them None; refused
        when the match is not in the state its posting needs, or the summary does not exist."""
        if kind not in (MATCH_KIND, REVERSAL_KIND):
            summary_number = parse_summary_id(subject)
            if self.session.get(SalesSummaryRow, summary_number) is None:
                raise PostingStateError(
                    say(QT_TRANSLATE_NOOP("CLI", "no sales summary {0}"), subject)
                )
            return None, summary_number
        number = match_number(subject)
        wanted = MatchState.APPROVED if kind == MATCH_KIND else MatchState.POSTED
        match = self.session.get(MatchRow, number)
        if match is None:
            raise PostingStateError(
                say(QT_TRANSLATE_NOOP("CLI", "no match {0}"), f"m-{number:06d}")
            )
        if match.state != wanted.value:
            not_wanted = QT_TRANSLATE_NOOP("CLI", "{0} is {1}, not {2}")
            raise PostingStateError(
                say(not_wanted, f"m-{number:06d}", state_word(match.state), state_word(wanted))
            )
        return number, None

    def _flush_claim(self, voucher: Voucher) -> None:
        # The unique subject/marker/key columns are what make a racing second claim fail.
        try:
            self.session.flush()
        except IntegrityError:
            raise PostingStateError(
                say(
                    QT_TRANSLATE_NOOP(
                        "CLI",
                        "{0} was just claimed for posting by someone else, or its marker {1!r} / "
                        "idempotency key is already used",
                    ),
                    voucher.match_id,
                    voucher.marker,
                )
            ) from None

    def mark_sent(self, match_id: str, idempotency_key: str | None = None) -> Posting:
        """The request is about to go out: from here on, a crash leaves the posting in doubt.

        `idempotency_key` (the request's) replaces the stored one when it is new: a voucher
        resent under a new key is settled later by that key, not the first one.
        """
        row = self._in_flight(match_id, "send")
        now = datetime.now(UTC)
        payload: dict[str, Any] = {"attempt": row.attempts}
        if idempotency_key is not None and row.idempotency_key != f"{idempotency_key}:{match_id}":
            row.idempotency_key = f"{idempotency_key}:{match_id}"
            row.sent_at = None  # a new key: its hour starts with this request
            payload["idempotency_key"] = idempotency_key
        if row.status == PostingStatus.CLAIMED.value:
            row.sent_at = None  # claimed again under a new key
        if row.sent_at is None:
            row.sent_at = now
        row.last_error = None  # on its way again: not (yet) in doubt
        row.status = PostingStatus.SENT.value
        row.updated_at = now
        self.session.flush()
        record(self.session, "posting.sent", [match_id], payload)
        return _to_domain(row)

    def mark_in_doubt(self, match_id: str, reason: str) -> Posting:
        """Sent, and it cannot be told yet whether e-conomic has it: it stays sent, with why."""
        row = self._in_flight(match_id, "mark in doubt")
        if row.status != PostingStatus.SENT.value:
            raise PostingStateError(
                say(
                    QT_TRANSLATE_NOOP("CLI", "cannot mark {0} in doubt: it was never sent"),
                    match_id,
                )
            )
        row.last_error = reason
        row.updated_at = datetime.now(UTC)
        self.session.flush()
        record(self.session, "posting.in_doubt", [match_id], {"reason": reason})
        return _to_domain(row)

    def earlier_attempts(self, match_id: str) -> list[Posting]:
        """Claimed, sent or failed postings of *other* matches that covered any of this match's
        bank entries or items (the match was un-approved and its lines matched again): one of
        them may have reached e-conomic, so their markers are searched before this is sent.
        A sales summary has none: its items are its own for good (`sales_summary_items`)."""
        kind, subject = posting_subject(match_id)
        if kind != MATCH_KIND:
            return []
        number = parse_match_id(subject)
        refs = select(MatchLinkRow.ref).where(MatchLinkRow.match_id == number)
        others = select(MatchLinkRow.match_id).where(
            MatchLinkRow.ref.in_(refs), MatchLinkRow.match_id != number
        )
        query = (
            select(PostingRow)
            .where(
                PostingRow.kind == MATCH_KIND,
                PostingRow.match_id.in_(others),
                PostingRow.status != PostingStatus.POSTED.value,
            )
            .order_by(PostingRow.id)
        )
        return [_to_domain(row) for row in self.session.scalars(query)]

    def mark_split(self, match_id: str, also: Iterable[VoucherRef]) -> Posting:
        """The posted voucher was split by e-conomic into more: keep the other numbers (each
        gets a bilag of its own)."""
        row = posting_row(self.session, match_id)
        if row is None or row.status != PostingStatus.POSTED.value:
            unposted = QT_TRANSLATE_NOOP("CLI", "cannot mark {0} split: it is not posted")
            raise PostingStateError(say(unposted, match_id))
        others = sorted({r.number for r in also} - {row.voucher_number})
        row.split_json = json.dumps(others) if others else None
        self.session.flush()
        return _to_domain(row)

    def mark_posted(self, match_id: str, voucher: VoucherRef) -> Posting:
        """e-conomic holds the voucher: record its number and make the match POSTED, together
        (a sales summary's posting is its only record of being posted)."""
        row = self._in_flight(match_id, "mark posted")
        row.status = PostingStatus.POSTED.value
        row.voucher_number = voucher.number
        row.journal, row.accounting_year = voucher.journal, voucher.year
        row.last_error = None
        row.updated_at = datetime.now(UTC)
        self.session.flush()
        record(
            self.session,
            "posting.posted",
            [match_id],
            {"journal": voucher.journal, "year": voucher.year, "number": voucher.number},
        )
        matches = MatchRepository(self.session)
        if row.kind == REVERSAL_KIND:
            reversed_ = self._posted_round(row)
            matches.unpost(
                f"m-{row.match_id:06d}",
                reason=row.reason or "",
                reversal=voucher,
                reverses=None if reversed_ is None else reversed_.voucher_ref,
                marker=row.marker,
            )
            return _to_domain(row)
        if row.kind != MATCH_KIND:
            return _to_domain(row)
        current = matches.get(match_id)
        matches.transition(
            match_id, MatchState.POSTED, expected_version=current.version, voucher=voucher
        )
        return _to_domain(row)

    def at_voucher(self, subject: str, voucher: VoucherRef) -> Posting | None:
        """The subject's posting recorded under this voucher number, its own or one it was
        split into (any round)."""
        kind, key = posting_subject(subject)
        rows = self.session.scalars(
            select(PostingRow).where(
                PostingRow.kind == kind,
                PostingRow.subject == key,
                PostingRow.journal == voucher.journal,
                PostingRow.accounting_year == voucher.year,
            )
        )
        for row in rows:
            if row.voucher_number == voucher.number or voucher in _split(row):
                return _to_domain(row)
        return None

    def at_round(self, match_id: str, round_: int) -> Posting | None:
        """The match's own posting of that round (0: its first)."""
        row = self.session.scalar(
            select(PostingRow).where(
                PostingRow.kind == MATCH_KIND,
                PostingRow.match_id == match_number(match_id),
                PostingRow.round == round_,
            )
        )
        return None if row is None else _to_domain(row)

    def vouchers(self, posting: Posting) -> tuple[VoucherRef, ...]:
        """Every voucher number e-conomic gave the posting: its own, then those it was split
        into (recorded with it, or, before revision 0014, in the `posting.split` event its
        marker names)."""
        if posting.voucher_ref is None:
            return ()
        first = posting.voucher_ref
        if posting.split:
            return (first, *posting.split)
        for event in events(self.session, subject=posting.match_id, action_prefix="posting.split"):
            if event.payload.get("marker") == posting.voucher.marker:
                numbers = [int(n) for n in event.payload.get("vouchers", [])]
                rest = [
                    VoucherRef(first.journal, first.year, n) for n in numbers if n != first.number
                ]
                return (first, *rest)
        return (first,)

    def posted_match(self, match_id: str) -> Posting | None:
        """The match's posting that is in the books now (the latest round, posted)."""
        row = self._row_or_none(f"m-{match_number(match_id):06d}")
        if row is None or row.status != PostingStatus.POSTED.value:
            return None
        return _to_domain(row)

    def _posted_round(self, reversal: PostingRow) -> Posting | None:
        """The match posting a reversal row reverses: the match's, of the same round."""
        row = self.session.scalar(
            select(PostingRow).where(
                PostingRow.kind == MATCH_KIND,
                PostingRow.match_id == reversal.match_id,
                PostingRow.round == reversal.round,
            )
        )
        return None if row is None else _to_domain(row)

    def mark_failed(self, match_id: str, reason: str) -> Posting:
        """It certainly did not post: the match stays approved, with the reason kept here."""
        row = self._in_flight(match_id, "mark failed")
        row.status = PostingStatus.FAILED.value
        row.last_error = reason
        row.updated_at = datetime.now(UTC)
        self.session.flush()
        record(
            self.session, "posting.failed", [match_id], {"reason": reason, "attempt": row.attempts}
        )
        return _to_domain(row)

    def mark_booked(self, match_ids: Iterable[str]) -> int:
        """econdesk booked these posted vouchers' draft entries: note when. Returns how many
        postings it marked (a posting already marked keeps its first time)."""
        subjects = sorted({posting_subject(m) for m in match_ids})
        if not subjects:
            return 0
        now = datetime.now(UTC)
        marked = 0
        for start in range(0, len(subjects), 500):  # bounded IN lists, whatever the run's size
            chunk = subjects[start : start + 500]
            query = select(PostingRow).where(
                tuple_(PostingRow.kind, PostingRow.subject).in_(chunk),
                PostingRow.status == PostingStatus.POSTED.value,
                PostingRow.booked_at.is_(None),
            )
            for row in self.session.scalars(query):
                row.booked_at = now
                marked += 1
        self.session.flush()
        return marked

    def ensure_not_in_flight(self, match_id: str) -> None:
        """Raise PostingStateError if the match is claimed or sent (used before un-approving)."""
        ensure_not_in_flight(self.session, match_id)

    # -- helpers
    def _row_or_none(self, match_id: str) -> PostingRow | None:
        return posting_row(self.session, match_id)

    def _in_flight(self, match_id: str, doing: str) -> PostingRow:
        # Locked (PostgreSQL; SQLite holds the write lock): two processes settling one posting
        # take turns, and the second sees what the first recorded.
        kind, subject = posting_subject(match_id)
        row = self.session.scalar(
            select(PostingRow)
            .where(PostingRow.kind == kind, PostingRow.subject == subject)
            .order_by(PostingRow.round.desc())
            .limit(1)
            .with_for_update()
        )
        if row is None:
            never = QT_TRANSLATE_NOOP("CLI", "cannot {0} {1}: it was never claimed for posting")
            raise PostingStateError(say(never, _doing_word(doing), match_id))
        if not is_in_flight(row):
            settled = QT_TRANSLATE_NOOP("CLI", "cannot {0} {1}: its posting is {2}")
            raise PostingStateError(
                say(settled, _doing_word(doing), match_id, state_word(row.status))
            )
        return row

    def _actor(self) -> str:
        return str(self.session.info.get(ACTOR_KEY) or "unknown")


# A settling step refused ("cannot send m-000012: ..."), in the reader's words
_DOING_TEXT: Final = {
    "send": QT_TRANSLATE_NOOP("CLI", "send"),
    "mark in doubt": QT_TRANSLATE_NOOP("CLI", "mark in doubt"),
    "mark posted": QT_TRANSLATE_NOOP("CLI", "mark posted"),
    "mark failed": QT_TRANSLATE_NOOP("CLI", "mark failed"),
}


def _doing_word(doing: str) -> Message:
    return word_of(_DOING_TEXT, doing)
