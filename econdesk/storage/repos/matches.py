"""Matches: proposals and decisions, with optimistic concurrency and the one-live-match guard.

A match's bank entries, items and payout components are its *links*. While the match is live
(proposed, approved, parked or posted) its links are live, and the database refuses a second
live link to the same ref (a partial unique index), so no bank entry or item can be in two live
matches, even when two bookkeepers share one PostgreSQL database. Every change bumps the match's
`version`; a change made against a version that has moved on raises ConcurrencyError.
Withdrawn and rejected matches are not live: their links stay for the record only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from econdesk.domain import (
    ExplanationTerm,
    Match,
    MatchMethod,
    MatchState,
    MoneyError,
    VoucherRef,
    format_match_id,
)
from econdesk.domain.phrases import term_from_record, term_record
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say
from econdesk.i18n.states import state_word
from econdesk.storage.audit import ACTOR_KEY, record, record_many
from econdesk.storage.errors import (
    ConcurrencyError,
    ConflictError,
    InvalidTransitionError,
    NotFoundError,
    UnknownRefError,
)
from econdesk.storage.models import MatchLinkRow, MatchRow
from econdesk.storage.personal import NOTE_DIGEST_KEY, note_digest
from econdesk.storage.repos._convert import from_minor, opt_from_minor, to_minor
from econdesk.storage.repos._ids import parse_match_id
from econdesk.storage.repos._upsert import chunks
from econdesk.storage.repos.bank import BankEntryRepository
from econdesk.storage.repos.items import PlatformItemRepository
from econdesk.storage.repos.payouts import PayoutRepository
from econdesk.storage.repos.periods import PeriodRepository
from econdesk.storage.repos.posting_state import ensure_not_in_flight
from econdesk.storage.repos.rejections import RejectedPairRepository

LIVE_STATES = frozenset(
    {MatchState.PROPOSED, MatchState.APPROVED, MatchState.PARKED, MatchState.POSTED}
)
CREATABLE_STATES = frozenset({MatchState.PROPOSED, MatchState.APPROVED, MatchState.PARKED})
# What a move to a state is called in a refusal ("... before you approve it").
_DOING = {
    MatchState.APPROVED: "approve",
    MatchState.REJECTED: "reject",
    MatchState.PARKED: "park",
    MatchState.PROPOSED: "reopen",
}
# Which field holds which refs, in link order.
_ROLES = (("bank", "bank_refs"), ("item", "item_refs"), ("component", "component_refs"))


def _explanation_json(terms: Iterable[ExplanationTerm]) -> str:
    return json.dumps([term_record(t) for t in terms], ensure_ascii=False)


def _inferred_fee_minor(match: Match) -> int | None:
    """The inferred fee in minor units; the column has no currency of its own, so it must be
    the match's."""
    fee = match.inferred_fee
    if fee is None:
        return None
    if fee.currency != match.currency:
        raise MoneyError(
            f"{match.id or 'the new match'}: its inferred fee {fee} is not in the match's "
            f"currency {match.currency}"
        )
    return to_minor(fee, "match inferred fee")


def to_domain(row: MatchRow) -> Match:
    refs: dict[str, list[str]] = {"bank": [], "item": [], "component": []}
    for link in row.links:
        refs[link.role].append(link.ref)
    voucher = (
        VoucherRef(row.voucher_journal, row.voucher_year, row.voucher_number)
        if row.voucher_journal is not None
        and row.voucher_year is not None
        and row.voucher_number is not None
        else None
    )
    return Match(
        id=format_match_id(row.id),
        state=MatchState(row.state),
        method=MatchMethod(row.method),
        score=row.score,
        auto=row.auto,
        bank_refs=tuple(refs["bank"]),
        item_refs=tuple(refs["item"]),
        amount=from_minor(row.amount_minor, row.currency),
        difference=from_minor(row.difference_minor, row.currency),
        component_refs=tuple(refs["component"]),
        explanation=tuple(term_from_record(t) for t in json.loads(row.explanation_json)),
        version=row.version,
        voucher=voucher,
        note=row.note,
        inferred_fee=opt_from_minor(row.inferred_fee_minor, row.currency),
    )


def _summary(match: Match) -> dict[str, Any]:
    """What the audit log keeps about a match's content."""
    summary: dict[str, Any] = {
        "state": match.state.value,
        "method": match.method.value,
        "score": match.score,
        "auto": match.auto,
        "bank": list(match.bank_refs),
        "items": list(match.item_refs),
        "components": list(match.component_refs),
        "amount": match.amount,
        "difference": match.difference,
        "version": match.version,
    }
    if match.inferred_fee is not None:  # posted as a fee, so part of what was approved
        summary["inferred_fee"] = match.inferred_fee
    return summary


class MatchRepository:
    """Create, read and move matches between states; every change is audited."""

    def __init__(self, session: Session) -> None:
        self.session = session
        # Rows read by id in this transaction, held so that the session's identity map keeps
        # them: a `transition` after a `get` then finds the row without reading it again (and
        # its UPDATE still checks the version it was read at).
        self._held: dict[int, MatchRow] = {}

    # -- reading ---------------------------------------------------------------------------
    def lock_row(self, match_id: str) -> None:
        """Lock the match's row until the transaction ends: a second writer of the same
        match (a poster, a reversal) waits here, then sees what the first one claimed."""
        self.session.execute(
            select(MatchRow.id).where(MatchRow.id == parse_match_id(match_id)).with_for_update()
        )

    def get(self, match_id: str) -> Match:
        """The match, or NotFoundError naming the id."""
        return to_domain(self._row(match_id))

    def get_many(self, match_ids: Sequence[str]) -> list[Match]:
        """The matches, in the order given, read together; NotFoundError naming the first id
        that is not stored."""
        numbers = [parse_match_id(i) for i in match_ids]
        wanted = [n for n in dict.fromkeys(numbers) if n not in self._held]
        for part in range(0, len(wanted), 500):
            query = select(MatchRow).where(MatchRow.id.in_(wanted[part : part + 500]))
            self._held.update((row.id, row) for row in self.session.scalars(query))
        for match_id, number in zip(match_ids, numbers, strict=True):
            if number not in self._held:
                raise NotFoundError(say(QT_TRANSLATE_NOOP("CLI", "no match {0}"), match_id))
        return [to_domain(self._held[n]) for n in numbers]

    def find(
        self,
        *,
        states: Iterable[MatchState] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Match]:
        """Matches in any of `states` (all when None), oldest id first."""
        query = select(MatchRow).order_by(MatchRow.id)
        if states is not None:
            query = query.where(MatchRow.state.in_([s.value for s in states]))
        if offset:
            query = query.offset(offset)
        if limit is not None:
            query = query.limit(limit)
        return [to_domain(row) for row in self.session.scalars(query)]

    def count_by_state(self) -> dict[MatchState, int]:
        rows = self.session.execute(
            select(MatchRow.state, func.count()).group_by(MatchRow.state)
        ).all()
        counts = dict.fromkeys(MatchState, 0)
        for state, n in rows:
            counts[MatchState(state)] = int(n)
        return counts

    def live_match_for(self, ref: str) -> Match | None:
        """The live match that claims this bank entry, item or component, if any."""
        link = self.session.scalar(
            select(MatchLinkRow).where(MatchLinkRow.ref == ref, MatchLinkRow.live)
        )
        return None if link is None else to_domain(link.match)

    def live_refs(self) -> set[str]:
        """Every ref claimed by a live match: what the matcher must leave alone."""
        return set(self.session.scalars(select(MatchLinkRow.ref).where(MatchLinkRow.live)))

    # -- writing ---------------------------------------------------------------------------
    def create(self, match: Match) -> Match:
        """Store a new match; returns it with its assigned id ("m-000123") and version 1.

        `match.id` and `match.version` are ignored (pass id=""). The state must be proposed,
        approved or parked. Every ref must be stored (bank refs as bank entries, item refs as
        platform items or payouts, component refs as platform items), else UnknownRefError;
        a ref already in a live match raises ConflictError naming that match.
        """
        return self.create_many([match])[0]

    def create_many(self, matches: Sequence[Match]) -> list[Match]:
        """`create` for each, in order, in this transaction (all or nothing), checked and
        written together: a ref in two of them is a ConflictError as well."""
        for match in matches:
            if match.state not in CREATABLE_STATES:
                raise InvalidTransitionError(
                    say(
                        QT_TRANSLATE_NOOP("CLI", "a new match cannot start as {0}"),
                        state_word(match.state),
                    )
                )
        if not matches:
            return []
        self._check_refs_exist(matches)
        claimed: set[str] = set()
        for match in matches:
            for ref in _all_refs(match):
                if ref in claimed:
                    raise ConflictError(
                        say(QT_TRANSLATE_NOOP("CLI", "{0} is in two of the new matches"), ref)
                    )
                claimed.add(ref)
        self._check_free(claimed, exclude_id=None)
        decided = [r for m in matches if m.state is not MatchState.PROPOSED for r in m.bank_refs]
        PeriodRepository(self.session).ensure_refs_open(decided, "make")
        now = datetime.now(UTC)
        actor = self._actor()
        rows = []
        for match in matches:
            row = MatchRow(
                state=match.state.value,
                method=match.method.value,
                score=match.score,
                auto=match.auto,
                amount_minor=to_minor(match.amount, "match amount"),
                currency=match.currency,
                difference_minor=to_minor(match.difference, "match difference"),
                inferred_fee_minor=_inferred_fee_minor(match),
                explanation_json=_explanation_json(match.explanation),
                note=match.note,
                version=1,
                created_at=now,
                created_by=actor,
                updated_at=now,
                updated_by=actor,
            )
            row.links = self._links(match, live=True)
            rows.append(row)
        self.session.add_all(rows)
        self._flush_guarded(*matches)
        stored = [to_domain(row) for row in rows]
        record_many(
            self.session,
            [("match.created", [m.id, *_all_refs(m)], _summary(m)) for m in stored],
        )
        return stored

    def transition(
        self,
        match_id: str,
        to: MatchState,
        *,
        expected_version: int,
        note: str | None = None,
        voucher: VoucherRef | None = None,
        reason: str | None = None,
    ) -> Match:
        """Move a match to `to` if allowed from its state and nobody changed it meanwhile.

        Raises ConcurrencyError if its version is no longer `expected_version`,
        InvalidTransitionError if the domain does not allow the move (see MATCH_TRANSITIONS),
        ConflictError if un-rejecting would put a ref in two live matches. Rejecting records
        each bank x item pair as rejected (the matcher never proposes them again); un-rejecting
        forgets those pairs. Going to POSTED needs `voucher`. Audited as `match.<state>`, with
        `reason` (why the system made the move, e.g. a withdrawal) when given.
        """
        row = self._row(match_id)
        current = to_domain(row)
        self._check_version(current, expected_version)
        if not current.can_become(to):
            cannot = QT_TRANSLATE_NOOP("CLI", "{0} is {1} and cannot become {2}")
            raise InvalidTransitionError(
                say(cannot, current.id, state_word(current.state), state_word(to))
            )
        if to is MatchState.POSTED and voucher is None:
            raise InvalidTransitionError(
                say(QT_TRANSLATE_NOOP("CLI", "{0}: posting needs the voucher number"), current.id)
            )
        self._check_not_being_posted(current, to)
        self._check_period_open(current, to)
        becomes_live = to in LIVE_STATES
        if becomes_live and current.state not in LIVE_STATES:
            self._check_free(_all_refs(current), exclude_id=row.id)
        row.state = to.value
        if note is not None:
            row.note = note
        if voucher is not None:
            row.voucher_journal, row.voucher_year, row.voucher_number = (
                voucher.journal,
                voucher.year,
                voucher.number,
            )
        row.updated_at = datetime.now(UTC)
        row.updated_by = self._actor()
        for link in row.links:
            link.live = becomes_live
        self._flush_guarded(current)
        rejections = RejectedPairRepository(self.session)
        if to is MatchState.REJECTED:
            pairs = [(b, i) for b in current.bank_refs for i in current.item_refs]
            rejections.add_many(pairs, match_id=current.id)
        elif current.state is MatchState.REJECTED:
            rejections.forget_match(current.id)
        updated = to_domain(row)
        payload: dict[str, Any] = {"from": current.state.value, "to": to.value}
        payload["version"] = updated.version
        if note is not None:  # the words stay in the match row, where the purge reaches them
            payload[NOTE_DIGEST_KEY] = note_digest(note)
        if reason is not None:
            payload["reason"] = reason
        if voucher is not None:
            payload["voucher"] = {
                "journal": voucher.journal,
                "year": voucher.year,
                "number": voucher.number,
            }
        record(self.session, f"match.{to.value}", [updated.id, *_all_refs(updated)], payload)
        return updated

    def unpost(
        self,
        match_id: str,
        *,
        reason: str,
        reversal: VoucherRef,
        reverses: VoucherRef | None,
        marker: str,
    ) -> Match:
        """A posted match whose voucher a reversal voucher cancelled: PROPOSED again, its
        voucher number cleared, its bank entries and items live (to approve again, or to let
        go by rejecting it). Only the posting of the reversal calls this, in the transaction
        that records the reversal posted; audited as `match.reversed` with the reason and
        both voucher numbers."""
        row = self._row(match_id)
        current = to_domain(row)
        if current.state is not MatchState.POSTED:
            not_posted = QT_TRANSLATE_NOOP("CLI", "{0} is {1}, not {2}")
            raise InvalidTransitionError(
                say(not_posted, current.id, state_word(current.state), state_word("posted"))
            )
        row.state = MatchState.PROPOSED.value
        row.voucher_journal = row.voucher_year = row.voucher_number = None
        row.updated_at = datetime.now(UTC)
        row.updated_by = self._actor()
        self._flush_guarded(current)
        updated = to_domain(row)
        payload: dict[str, Any] = {
            "from": current.state.value,
            "to": updated.state.value,
            "version": updated.version,
            "reason": reason,
            "marker": marker,
            "reversal": {"journal": reversal.journal, "year": reversal.year,
                         "number": reversal.number},
            "reverses": None if reverses is None else {
                "journal": reverses.journal, "year": reverses.year, "number": reverses.number},
        }  # fmt: skip
        record(self.session, "match.reversed", [updated.id, *_all_refs(updated)], payload)
        return updated

    def withdraw(self, match_id: str, *, expected_version: int, reason: str) -> Match:
        """A proposal the matcher no longer proposes: withdrawn, its links released (not live),
        no pair remembered as rejected. Only a proposed match can be withdrawn; audited as
        `match.withdrawn` with the reason."""
        return self.transition(
            match_id, MatchState.WITHDRAWN, expected_version=expected_version, reason=reason
        )

    def revise(self, match: Match, *, expected_version: int | None = None) -> Match:
        """Replace a proposed or parked match's content (refs, amounts, method, score, ...).

        For corrections in review. The id says which match; its state is kept. The version
        checked is `expected_version`, else `match.version`. Audited as `match.revised` with
        the content before and after.
        """
        row = self._row(match.id)
        current = to_domain(row)
        self._check_version(
            current, match.version if expected_version is None else expected_version
        )
        if current.state not in (MatchState.PROPOSED, MatchState.PARKED):
            only = QT_TRANSLATE_NOOP("CLI", "{0} is {1}: only proposed or parked matches change")
            raise InvalidTransitionError(say(only, current.id, state_word(current.state)))
        revised = replace(match, state=current.state, voucher=None)
        inferred_fee_minor = _inferred_fee_minor(revised)  # refused before anything changes
        self._check_refs_exist([revised])
        self._check_free(_all_refs(revised), exclude_id=row.id)
        row.method = revised.method.value
        row.score = revised.score
        row.auto = revised.auto
        row.amount_minor = to_minor(revised.amount, "match amount")
        row.currency = revised.currency
        row.difference_minor = to_minor(revised.difference, "match difference")
        row.inferred_fee_minor = inferred_fee_minor
        row.explanation_json = _explanation_json(revised.explanation)
        row.note = revised.note
        row.updated_at = datetime.now(UTC)
        row.updated_by = self._actor()
        # Drop the old links first: the live-ref index must never see old and new together.
        row.links = []
        self._flush_guarded(revised)
        row.links = self._links(revised, live=True)
        self._flush_guarded(revised)
        updated = to_domain(row)
        record(
            self.session,
            "match.revised",
            [updated.id, *_all_refs(current), *_all_refs(updated)],
            {"before": _summary(current), "after": _summary(updated)},
        )
        return updated

    def take_over(self, old_ref: str, new_ref: str, *, reason: str) -> Match | None:
        """`new_ref` is the same money as `old_ref` (a draft and the entry it was booked as):
        the live match holding `old_ref` holds `new_ref` in its place, keeping its state and
        history (audited as `match.ref_replaced`, under both refs). A proposal that claims
        `new_ref` on its own is withdrawn first (it would count the money twice). Returns the
        match that took it over, or None when no live match holds `old_ref`.

        ConflictError when `new_ref` is in another live match that is not a proposal.
        """
        link = self.session.scalar(
            select(MatchLinkRow).where(MatchLinkRow.ref == old_ref, MatchLinkRow.live)
        )
        if link is None:
            return None
        rival = self.live_match_for(new_ref)
        if rival is not None and rival.id != format_match_id(link.match_id):
            if rival.state is not MatchState.PROPOSED:
                twice = QT_TRANSLATE_NOOP(
                    "CLI", "{0} (booked from {1}) is in {2} match {3} as well as in {4}"
                )
                raise ConflictError(
                    say(
                        twice,
                        new_ref,
                        old_ref,
                        state_word(rival.state),
                        rival.id,
                        format_match_id(link.match_id),
                    )
                )
            self.withdraw(
                rival.id,
                expected_version=rival.version,
                reason=f"{new_ref} is {old_ref} booked, already in another match",
            )
        row = link.match
        link.ref = new_ref
        row.updated_at = datetime.now(UTC)  # a new version: a voucher built before is stale
        row.updated_by = self._actor()
        self._flush_guarded(to_domain(row))
        updated = to_domain(row)
        record(
            self.session,
            "match.ref_replaced",
            [updated.id, old_ref, new_ref],
            {"from": old_ref, "to": new_ref, "reason": reason, "version": updated.version},
        )
        return updated

    # -- helpers ---------------------------------------------------------------------------
    def _row(self, match_id: str) -> MatchRow:
        number = parse_match_id(match_id)
        row = self._held.get(number) or self.session.get(MatchRow, number)
        if row is None:
            raise NotFoundError(say(QT_TRANSLATE_NOOP("CLI", "no match {0}"), match_id))
        self._held[number] = row
        return row

    def _actor(self) -> str:
        return str(self.session.info.get(ACTOR_KEY) or "unknown")

    @staticmethod
    def _check_version(current: Match, expected: int) -> None:
        if current.version != expected:
            changed = QT_TRANSLATE_NOOP(
                "CLI",
                "{0} was changed by someone else (it is now version {1}, {2}; you had version "
                "{3}): reload it and try again",
            )
            raise ConcurrencyError(
                say(changed, current.id, current.version, state_word(current.state), expected)
            )

    def _check_period_open(self, current: Match, to: MatchState) -> None:
        """A signed-off month's matches keep their state until it is reopened. Withdrawing a
        stale proposal stays possible (no decision), and so does recording a voucher as
        posted: posting checks the lock when it claims the match, before anything is sent."""
        if to in (MatchState.WITHDRAWN, MatchState.POSTED):
            return
        PeriodRepository(self.session).ensure_open([current.id], _DOING.get(to, "change"))

    def _check_not_being_posted(self, current: Match, to: MatchState) -> None:
        if current.state is MatchState.APPROVED and to is not MatchState.POSTED:
            ensure_not_in_flight(self.session, current.id)

    def _links(self, match: Match, *, live: bool) -> list[MatchLinkRow]:
        links: list[MatchLinkRow] = []
        for role, attr in _ROLES:
            for ref in getattr(match, attr):
                links.append(MatchLinkRow(position=len(links), role=role, ref=ref, live=live))
        return links

    def _check_refs_exist(self, matches: Sequence[Match]) -> None:
        bank = {ref for m in matches for ref in m.bank_refs}
        missing = bank - BankEntryRepository(self.session).refs_existing(bank)
        item_refs = {ref for m in matches for ref in m.item_refs}
        items = item_refs | {ref for m in matches for ref in m.component_refs}
        found = PlatformItemRepository(self.session).refs_existing(items)
        found |= PayoutRepository(self.session).refs_existing(item_refs - found)
        missing |= items - found
        if missing:
            raise UnknownRefError(
                say(
                    QT_TRANSLATE_NOOP("CLI", "the match names refs the store does not hold: {0}"),
                    _few(missing),
                )
            )
        for match in matches:
            seen: set[str] = set()
            for ref in _all_refs(match):
                if ref in seen:
                    raise ConflictError(
                        say(QT_TRANSLATE_NOOP("CLI", "{0} appears twice in one match"), ref)
                    )
                seen.add(ref)

    def _check_free(self, refs: Iterable[str], *, exclude_id: int | None) -> None:
        """ConflictError when one of `refs` is in a live match (but the one excluded)."""
        for part in chunks(list(refs)):
            query = select(MatchLinkRow.ref, MatchLinkRow.match_id).where(
                MatchLinkRow.live, MatchLinkRow.ref.in_(part)
            )
            if exclude_id is not None:
                query = query.where(MatchLinkRow.match_id != exclude_id)
            taken = self.session.execute(query.limit(1)).first()
            if taken is not None:
                taken_text = QT_TRANSLATE_NOOP("CLI", "{0} is already in live match {1}")
                raise ConflictError(say(taken_text, taken[0], format_match_id(taken[1])))

    def _flush_guarded(self, *matches: Match) -> None:
        """Flush; turn the database's own guards into clear errors."""
        try:
            self.session.flush()
        except StaleDataError:
            one = matches[0].id if len(matches) == 1 else None
            name = one or say(QT_TRANSLATE_NOOP("CLI", "the match"))
            meanwhile = QT_TRANSLATE_NOOP(
                "CLI", "{0} was changed by someone else meanwhile: reload it and try again"
            )
            raise ConcurrencyError(say(meanwhile, name)) from None
        except IntegrityError as exc:
            if "match_links" not in str(exc.orig):
                raise
            refs = [ref for m in matches for ref in _all_refs(m)]
            just_taken = QT_TRANSLATE_NOOP(
                "CLI",
                "one of the match's bank entries or items was just put in another live match "
                "({0}): reload and try again",
            )
            raise ConflictError(say(just_taken, _few(refs))) from None


def _all_refs(match: Match) -> tuple[str, ...]:
    return (*match.bank_refs, *match.item_refs, *match.component_refs)


def _few(refs: Iterable[str], limit: int = 5) -> str:
    ordered = sorted(refs)
    more = f" and {len(ordered) - limit} more" if len(ordered) > limit else ""
    return ", ".join(ordered[:limit]) + more
