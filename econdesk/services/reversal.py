"""Reversing a posted match: a voucher with the same lines and opposite signs, exactly once.

`reverse_match(posting, match_id, reason=..., on=None)` (or `ReversalService.reverse`) posts
the reversal of the match's posted voucher, through the same machinery as posting
(`services.posting.PostingRun`), so it carries the same guarantees:

- **One reversal per posting.** The reversal is claimed in the store before anything is sent
  (a posting of kind "reversal", subject "r-000123", with the match row locked); a second
  `reverse` of the same match waits for the lock, then finds it claimed or the match no
  longer posted.
- **Its own marker** (`accounting.marker.reversal_marker`): a crash after the request and
  before the record is settled by finding that marker in the daybook, like a posting's; a
  reversal left in doubt is settled first by the next `reverse` (or `post`).
- **The match returns to proposed** in the transaction that records the reversal posted,
  audited as `match.reversed` with the reason, both voucher numbers and who. Approved and
  posted again, it gets a new marker (its posting's `round` goes into the marker's hash).
- **Its own bilag**, attached exactly once like every posted voucher's (`services.bilag`).

Refused before anything is sent: a match that is not posted; a match in a signed-off month
(reopen it first, like approving or posting); a date in a signed-off month; an accounting year
e-conomic holds closed (then `on` books it in an open one, the way a Danish bookkeeper
corrects a closed period in the current one); a date before the original voucher's.

A split voucher (one posting that e-conomic numbered as several vouchers) is reversed whole:
the reversal holds every line of every part. See docs/reversal.md.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from econdesk.accounting.chart import AccountingYear, Chart
from econdesk.accounting.marker import reversal_marker
from econdesk.accounting.reversal import PreparedReversal, reverse_voucher
from econdesk.accounting.texts import voucher_language
from econdesk.domain import format_match_id
from econdesk.domain.model import MatchState, VoucherRef
from econdesk.errors import EcondeskError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import Message, reason_of, say
from econdesk.i18n.states import state_word
from econdesk.services.bilag import BilagAttacher, BilagReport
from econdesk.services.closed_periods import ClosedPeriod
from econdesk.services.posting import (
    EconomicPort,
    MatchOutcome,
    Outcome,
    PostingRun,
    PostingService,
    PostReport,
    load_material,
    read_chart,
)
from econdesk.storage import (
    PeriodLockedError,
    PostingStateError,
    Store,
    parse_match_id,
    period_of,
    reversal_subject,
)


class ReversalError(EcondeskError):
    """The reversal was refused before anything was sent; the match is as it was."""


@dataclass(frozen=True, slots=True)
class ReversalOutcome:
    match_id: str  # "m-000123"
    outcome: Outcome  # POSTED: reversed; UNPOSTED, IN_DOUBT or BUSY: still posted
    voucher: VoucherRef | None = None  # the reversal voucher, when posted
    reverses: tuple[VoucherRef, ...] = ()  # the voucher(s) it reverses
    marker: str = ""  # the reversal's marker
    reason: str | None = None  # why it did not post (or is in doubt)
    recovered: bool = False  # found in e-conomic by its marker (after a crash)
    bilag: BilagReport = field(default_factory=BilagReport)
    booking_error: str | None = None
    closed: ClosedPeriod | None = None  # refused by e-conomic: its date is closed there

    @property
    def refusal(self) -> Message | str | None:
        """Why it did not post, in the reader's language when e-conomic refused its date as
        closed (then: reverse again with --date on an open day)."""
        return self.closed.reversal_text() if self.closed is not None else self.reason

    @property
    def ok(self) -> bool:
        return (
            self.outcome is Outcome.POSTED and not self.bilag.failed and self.booking_error is None
        )


class ReversalService:
    """Reverse posted matches with the posting service's settings, store and e-conomic."""

    def __init__(self, posting: PostingService) -> None:
        self.posting = posting
        self.db = posting.db
        self.options = posting.options

    async def reverse(
        self, match_id: str, *, reason: str, on: date | None = None
    ) -> ReversalOutcome:
        """Post the reversal of the match's posted voucher(s), dated like the original (or
        `on`), and make the match proposed. ReversalError (or PeriodLockedError) when it is
        refused before anything is sent; otherwise the outcome says what happened."""
        match_id = format_match_id(parse_match_id(match_id))
        subject = reversal_subject(match_id)
        if not reason.strip():
            raise ReversalError(say(QT_TRANSLATE_NOOP("CLI", "a reversal needs a reason")))
        report = PostReport()
        async with self.posting.client_factory() as client:
            chart, years = await read_chart(client)
            run = PostingRun(self.posting, client, years, report)
            await run.settle_in_doubt(only={subject})  # an earlier attempt first
            earlier = _outcome_of(report, subject)
            if earlier is not None and earlier.outcome is not Outcome.UNPOSTED:
                return await self._finish(client, run, chart, match_id, outcome=earlier)
            prepared = self._prepare(chart, match_id, subject, on)
            key = f"econdesk-{uuid.uuid4().hex}"
            if self._claim(prepared, key, reason.strip(), run):
                await run.send_claimed([prepared], key)
            outcome = _outcome_of(report, subject)
            assert outcome is not None  # claimed or not, the run reported it
            return await self._finish(
                client, run, chart, match_id, outcome=outcome, prepared=prepared
            )

    # -- before sending ----------------------------------------------------------------------
    def _prepare(
        self, chart: Chart, match_id: str, subject: str, on: date | None
    ) -> PreparedReversal:
        with self.db.reader() as store:
            match = store.matches.get(match_id)
            if match.state is not MatchState.POSTED:
                line = QT_TRANSLATE_NOOP("CLI", "only posted matches can be reversed: {0} is {1}")
                raise ReversalError(say(line, match_id, state_word(match.state)))
            store.periods.ensure_open([match_id], "reverse")
            posting = store.postings.posted_match(match_id)
            if posting is None or posting.voucher_ref is None:
                line = QT_TRANSLATE_NOOP(
                    "CLI", "{0} is posted, but econdesk holds no record of its voucher's lines"
                )
                raise ReversalError(say(line, match_id))
            reverses = store.postings.vouchers(posting)
            locked = store.periods.locked_periods()
        original = posting.voucher
        first_day = min(line.entry_date for line in original.lines)
        year = _open_year(chart, original.accounting_year, reverses[0], on, first_day)
        if on is not None and period_of(on) in locked:
            line = QT_TRANSLATE_NOOP(
                "CLI",
                "{0} is in {1}, which is signed off: reopen the period or book the reversal "
                "on a day of an open month",
            )
            raise ReversalError(say(line, on.isoformat(), period_of(on)))
        language = voucher_language(self.options.voucher_language, chart.base_currency)
        return reverse_voucher(
            original,
            reverses,
            subject=subject,
            marker=reversal_marker(match_id, posting.round, original.marker),
            journal=self.options.journal,
            year=year,
            round_=posting.round,
            language=language,
            on=on,
        )

    def _claim(self, prepared: PreparedReversal, key: str, reason: str, run: PostingRun) -> bool:
        subject = prepared.match_id
        match_id = format_match_id(parse_match_id("m-" + subject.removeprefix("r-")))
        try:
            with self.db.transaction() as store:
                # Lock the match row: a second `reverse` waits here, then sees the claim.
                store.matches.lock_row(match_id)
                store.periods.ensure_open([match_id], "reverse")
                _still_the_same(store, match_id, prepared)
                store.postings.claim(prepared.voucher, f"{key}:{subject}", reason=reason)
                store.record(
                    "reversal.built",
                    [subject, match_id],
                    {
                        "idempotency_key": key,
                        "marker": prepared.marker,
                        "reverses": [r.number for r in prepared.reverses],
                        "reversed_marker": prepared.original_marker,
                        "round": prepared.round,
                        "reason": reason,
                        "lines": len(prepared.voucher.lines),
                    },
                )
        except PostingStateError as exc:
            run.report.add(MatchOutcome(subject, Outcome.BUSY, reason=reason_of(exc)))
            return False
        except PeriodLockedError as exc:  # signed off while the reversal was built
            run.report.add(MatchOutcome(subject, Outcome.UNPOSTED, reason=reason_of(exc)))
            return False
        return True

    # -- after sending -----------------------------------------------------------------------
    async def _finish(
        self,
        client: EconomicPort,
        run: PostingRun,
        chart: Chart,
        match_id: str,
        *,
        outcome: MatchOutcome,
        prepared: PreparedReversal | None = None,
    ) -> ReversalOutcome:
        bilag = BilagReport()
        if outcome.outcome is Outcome.POSTED and self.options.attach_bilag:
            attacher = BilagAttacher(
                self.db,
                client,
                load_material,
                language=voucher_language(self.options.voucher_language, chart.base_currency),
                stale_after=self.options.stale_after,
                clock=self.options.clock,
            )
            bilag = await attacher.attach_missing(only={reversal_subject(match_id)})
        if outcome.outcome is Outcome.POSTED and self.options.book:
            await run.book()
        with self.db.reader() as store:
            posting = store.postings.get(reversal_subject(match_id))
            reverses = prepared.reverses if prepared is not None else ()
            if not reverses and posting is not None:
                original = store.postings.at_round(match_id, posting.round)
                reverses = () if original is None else store.postings.vouchers(original)
        return ReversalOutcome(
            match_id=match_id,
            outcome=outcome.outcome,
            voucher=outcome.voucher,
            reverses=reverses,
            marker=posting.voucher.marker if posting is not None else "",
            reason=outcome.reason,
            recovered=outcome.recovered,
            bilag=bilag,
            booking_error=run.report.booking_error,
            closed=outcome.closed,
        )


async def reverse_match(
    posting: PostingService, match_id: str, *, reason: str, on: date | None = None
) -> ReversalOutcome:
    """Reverse one posted match (see the module docstring); the team-load benchmark's entry."""
    return await ReversalService(posting).reverse(match_id, reason=reason, on=on)


def _outcome_of(report: PostReport, subject: str) -> MatchOutcome | None:
    return next((o for o in report.outcomes if o.match_id == subject), None)


def _still_the_same(store: Store, match_id: str, prepared: PreparedReversal) -> None:
    """The match is still posted under the voucher the reversal was built from."""
    match = store.matches.get(match_id)
    posting = store.postings.posted_match(match_id)
    if (
        match.state is not MatchState.POSTED
        or posting is None
        or posting.voucher.marker != prepared.original_marker
    ):
        changed = QT_TRANSLATE_NOOP(
            "CLI", "{0} changed while its reversal was built (it is {1} now): look at it again"
        )
        raise PostingStateError(say(changed, match_id, state_word(match.state)))


def _open_year(
    chart: Chart, original_year: str, voucher: VoucherRef, on: date | None, first_day: date
) -> str:
    """The accounting year the reversal is booked in: the original's, or the one holding
    `on`; ReversalError when e-conomic holds it closed (or holds none)."""
    if on is not None and on < first_day:
        line = QT_TRANSLATE_NOOP(
            "CLI", "a reversal cannot be dated {0}, before the voucher it reverses ({1})"
        )
        raise ReversalError(say(line, on.isoformat(), first_day.isoformat()))
    found: AccountingYear | None
    if on is None:
        found = next((y for y in chart.years if y.year == original_year), None)
    else:
        found = next((y for y in chart.years if y.covers(on)), None)
    if found is None and on is not None:
        line = QT_TRANSLATE_NOOP("CLI", "e-conomic has no accounting year holding {0}")
        raise ReversalError(say(line, on.isoformat()))
    if found is not None and found.closed:
        if on is None:
            line = QT_TRANSLATE_NOOP(
                "CLI",
                "voucher {0} is in accounting year {1}, which is closed in e-conomic: book "
                "the reversal in an open period with --date YYYY-MM-DD",
            )
            raise ReversalError(say(line, voucher.number, found.year))
        line = QT_TRANSLATE_NOOP("CLI", "accounting year {0} is closed in e-conomic")
        raise ReversalError(say(line, found.year))
    return original_year if found is None else found.year


__all__ = ["ReversalError", "ReversalOutcome", "ReversalService", "reverse_match"]
