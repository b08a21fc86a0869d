"""Period sign-off: a month's reconciliation signed by its preparer, approved by a reviewer,
reopened with a reason; and the lock a signed month puts on its matches.

A month (`YYYY-MM`, by the bank entry's date) is *locked* while its sign-off is "signed" or
"approved": no match of it is approved, rejected, parked or posted (`ensure_open`, called by
the match repository's transitions and by posting's claim). Every step is audited in the
transaction that makes it, and every step runs under the store's one writer lock (as every
write transaction does), so a sign-off and an approval racing each other queue: the later one
reads what the earlier committed.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import Message, say
from econdesk.i18n.states import state_word
from econdesk.storage.audit import ACTOR_KEY, record
from econdesk.storage.errors import InvalidTransitionError, StorageError
from econdesk.storage.jsoncodec import canonical_json
from econdesk.storage.models import BankEntryRow, MatchLinkRow, PeriodSignoffRow
from econdesk.storage.repos._ids import parse_match_id


class PeriodState(enum.StrEnum):
    OPEN = "open"  # never signed off (no row)
    SIGNED = "signed"  # signed off by its preparer: locked
    APPROVED = "approved"  # and approved by a reviewer: locked
    REOPENED = "reopened"  # reopened with a reason: open again


LOCKED_STATES = frozenset({PeriodState.SIGNED, PeriodState.APPROVED})

# What was refused in a locked month ("... before you approve it"), said in the reader's words
DOING_TEXT: Final = {
    "approve": QT_TRANSLATE_NOOP("CLI", "approve"),
    "reject": QT_TRANSLATE_NOOP("CLI", "reject"),
    "park": QT_TRANSLATE_NOOP("CLI", "park"),
    "reopen": QT_TRANSLATE_NOOP("CLI", "reopen"),
    "change": QT_TRANSLATE_NOOP("CLI", "change"),
    "post": QT_TRANSLATE_NOOP("CLI", "post"),
    "make": QT_TRANSLATE_NOOP("CLI", "make"),
    "reverse": QT_TRANSLATE_NOOP("CLI", "reverse"),
}


def doing_word(doing: str) -> Message:
    return word_of(DOING_TEXT, doing)


def word_of(texts: Mapping[str, str], doing: str) -> Message:
    """`doing` said in the reader's words from `texts`; one not listed is said as it is."""
    source = texts.get(doing)
    return say(source) if source is not None else say("{0}", doing)


def locked_reason(subject: str, period: str, doing: str) -> Message:
    """Why `subject` cannot be `doing` ("post", "approve", ...): its month is signed off."""
    locked = QT_TRANSLATE_NOOP(
        "CLI",
        "{0} is in {1}, which is signed off: reopen the period "
        "(econdesk period reopen {1} --reason ...) before you {2} it",
    )
    return say(locked, subject, period, doing_word(doing))


class PeriodLockedError(StorageError):
    """A match of a signed-off month was to be decided or posted: reopen the month first."""


@dataclass(frozen=True, slots=True)
class PeriodSignoff:
    period: str  # "2026-01"
    state: PeriodState
    preparer: str
    signed_at: datetime
    report_hash: str
    audit_seq: int
    audit_hash: str
    balances: dict[str, Any]  # {"source": ..., "accounts": {"5830": {"amount": ..}}}
    reviewer: str | None = None
    approved_at: datetime | None = None
    reopened_by: str | None = None
    reopened_at: datetime | None = None
    reopen_reason: str | None = None
    version: int = 1

    @property
    def locked(self) -> bool:
        return self.state in LOCKED_STATES


def period_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def parse_period(text: str) -> tuple[date, date]:
    """The first and last day of `YYYY-MM`; ValueError naming the text otherwise."""
    try:
        year, month = (int(part) for part in text.split("-"))
        first = date(year, month, 1)
    except ValueError:
        raise ValueError(f"{text!r} is not a period: use YYYY-MM, e.g. 2026-01") from None
    if len(text) != 7:
        raise ValueError(f"{text!r} is not a period: use YYYY-MM, e.g. 2026-01")
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return first, date.fromordinal(nxt.toordinal() - 1)


def _to_domain(row: PeriodSignoffRow) -> PeriodSignoff:
    return PeriodSignoff(
        period=row.period,
        state=PeriodState(row.state),
        preparer=row.preparer,
        signed_at=row.signed_at,
        report_hash=row.report_hash,
        audit_seq=row.audit_seq,
        audit_hash=row.audit_hash,
        balances=json.loads(row.balances_json),
        reviewer=row.reviewer,
        approved_at=row.approved_at,
        reopened_by=row.reopened_by,
        reopened_at=row.reopened_at,
        reopen_reason=row.reopen_reason,
        version=row.version,
    )


class PeriodRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- reading -------------------------------------------------------------------------------
    def get(self, period: str) -> PeriodSignoff | None:
        row = self.session.get(PeriodSignoffRow, period)
        return None if row is None else _to_domain(row)

    def all(self) -> list[PeriodSignoff]:
        rows = self.session.scalars(select(PeriodSignoffRow).order_by(PeriodSignoffRow.period))
        return [_to_domain(r) for r in rows]

    def locked_periods(self) -> set[str]:
        rows = self.session.scalars(
            select(PeriodSignoffRow.period).where(
                PeriodSignoffRow.state.in_([s.value for s in LOCKED_STATES])
            )
        )
        return set(rows)

    def periods_of_matches(self, match_ids: Iterable[str]) -> dict[str, set[str]]:
        """Match id -> the months of its bank entries' dates."""
        ids = {parse_match_id(m): m for m in match_ids}
        keys = list(ids)
        found: dict[str, set[str]] = {}
        for start in range(0, len(keys), 500):
            part = keys[start : start + 500]
            rows = self.session.execute(
                select(MatchLinkRow.match_id, BankEntryRow.entry_date)
                .join(BankEntryRow, BankEntryRow.ref == MatchLinkRow.ref)
                .where(MatchLinkRow.role == "bank", MatchLinkRow.match_id.in_(part))
            )
            for match_id, day in rows:
                found.setdefault(ids[match_id], set()).add(period_of(day))
        return found

    def ensure_open(self, match_ids: Iterable[str], doing: str) -> None:
        """PeriodLockedError when one of the matches is in a locked month."""
        locked = self.locked_periods()
        if not locked:
            return
        for match_id, periods in sorted(self.periods_of_matches(match_ids).items()):
            closed = sorted(periods & locked)
            if closed:
                raise PeriodLockedError(locked_reason(match_id, closed[0], doing))

    def ensure_refs_open(self, bank_refs: Iterable[str], doing: str) -> None:
        """PeriodLockedError when one of these bank entries is dated in a locked month."""
        locked = self.locked_periods()
        refs = list(bank_refs)
        if not locked or not refs:
            return
        rows = self.session.execute(
            select(BankEntryRow.ref, BankEntryRow.entry_date).where(BankEntryRow.ref.in_(refs))
        )
        for ref, day in sorted(rows):
            if period_of(day) in locked:
                locked_text = QT_TRANSLATE_NOOP(
                    "CLI",
                    "{0} is in {1}, which is signed off: reopen the period before you {2} a "
                    "match of it",
                )
                raise PeriodLockedError(say(locked_text, ref, period_of(day), doing_word(doing)))

    # -- steps ---------------------------------------------------------------------------------
    def sign_off(
        self,
        period: str,
        *,
        report_hash: str,
        audit_seq: int,
        audit_hash: str,
        balances: Mapping[str, Any],
    ) -> PeriodSignoff:
        parse_period(period)
        now = datetime.now(UTC)
        row = self.session.get(PeriodSignoffRow, period)
        if row is not None and PeriodState(row.state) in LOCKED_STATES:
            raise InvalidTransitionError(
                say(
                    QT_TRANSLATE_NOOP("CLI", "{0} is already signed off ({1})"),
                    period,
                    state_word(row.state),
                )
            )
        if row is None:
            row = PeriodSignoffRow(period=period, version=0)
            self.session.add(row)
        row.state = PeriodState.SIGNED.value
        row.preparer = self._actor()
        row.signed_at = now
        row.report_hash = report_hash
        row.audit_seq = audit_seq
        row.audit_hash = audit_hash
        row.balances_json = canonical_json(dict(balances))
        row.reviewer = row.approved_at = None
        row.version += 1
        self.session.flush()
        record(
            self.session,
            "period.signed_off",
            [f"period:{period}"],
            {
                "report_hash": report_hash,
                "audit_head": {"seq": audit_seq, "hash": audit_hash},
                "balances": dict(balances),
                "version": row.version,
            },
        )
        return _to_domain(row)

    def approve(self, period: str) -> PeriodSignoff:
        row = self._row(period)
        if row.state != PeriodState.SIGNED.value:
            only_signed = QT_TRANSLATE_NOOP(
                "CLI", "{0} is {1}: only a signed-off period can be approved"
            )
            raise InvalidTransitionError(say(only_signed, period, state_word(row.state)))
        reviewer = self._actor()
        if reviewer == row.preparer:
            same_person = QT_TRANSLATE_NOOP(
                "CLI", "{0} was signed off by {1}: a different person must approve it"
            )
            raise InvalidTransitionError(say(same_person, period, reviewer))
        row.state = PeriodState.APPROVED.value
        row.reviewer = reviewer
        row.approved_at = datetime.now(UTC)
        row.version += 1
        self.session.flush()
        record(
            self.session,
            "period.approved",
            [f"period:{period}"],
            {"preparer": row.preparer, "report_hash": row.report_hash, "version": row.version},
        )
        return _to_domain(row)

    def reopen(self, period: str, reason: str) -> PeriodSignoff:
        if not reason.strip():
            raise InvalidTransitionError(
                say(QT_TRANSLATE_NOOP("CLI", "reopening {0} needs a reason"), period)
            )
        row = self._row(period)
        if PeriodState(row.state) not in LOCKED_STATES:
            raise InvalidTransitionError(
                say(
                    QT_TRANSLATE_NOOP("CLI", "{0} is {1}, not signed off"),
                    period,
                    state_word(row.state),
                )
            )
        was = row.state
        row.state = PeriodState.REOPENED.value
        row.reopened_by = self._actor()
        row.reopened_at = datetime.now(UTC)
        row.reopen_reason = reason.strip()
        row.version += 1
        self.session.flush()
        record(
            self.session,
            "period.reopened",
            [f"period:{period}"],
            {"from": was, "reason": reason.strip(), "version": row.version},
        )
        return _to_domain(row)

    def _row(self, period: str) -> PeriodSignoffRow:
        parse_period(period)
        row = self.session.get(PeriodSignoffRow, period)
        if row is None:
            raise InvalidTransitionError(
                say(QT_TRANSLATE_NOOP("CLI", "{0} has not been signed off"), period)
            )
        return row

    def _actor(self) -> str:
        who = str(self.session.info.get(ACTOR_KEY) or "")
        if not who:
            raise StorageError(
                say(QT_TRANSLATE_NOOP("CLI", "no actor: open the database with an actor"))
            )
        return who
