"""Sync: bring e-conomic's bank entries and every platform's money into the local store.

- **Incremental.** Each source stream keeps a cursor in the store (`store.cursors`, key
  `<source>:<stream>`). When a run finishes a stream it records `done_until`, the local day
  it is complete up to; the next run starts `overlap_days` before that, because money settles
  late (a card payment created on Monday is settled on Tuesday) and objects change (a payout
  links its transactions days after they were made).
- **Resumable.** Each page is stored in its own transaction together with the cursor that
  continues after it (`running`: the window and the platform's own page token). A run that
  was cancelled, crashed or lost the network resumes after the last stored page.
- **Idempotent.** Everything is upserted by its ref: an object already stored as it is stores
  nothing; a changed one is updated and the storage audits the change field by field. New
  objects are audited once per page (`sync.stored`), so a re-run with nothing new adds
  nothing to the audit log either.
- **Brief under the writer lock** (colleagues' approvals wait behind it): a page is compared
  with the store on a read, and the write transaction writes only what is new or changed,
  checking again under the lock what the read could not settle (`store_planned`).
- **Retention.** Nothing dated before the last privacy purge's cut-off is stored again (it
  would bring back the names the purge removed); e-conomic's accounting years are kept, so
  the purge knows where each financial year ends.
- **Safe on bad data.** A connector validates a whole page before handing it over; a
  malformed page raises before any of it reaches the store, and the cursor stays before it.
- **Progress and cancellation** are passed in: `progress(SyncProgress)` after every page and
  `CancelToken`, checked between pages.

The e-conomic bank account is one stream (`economic:bank`): booked entries since the last
entry number seen (booked entries never change) plus every draft line of the window.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import threading
from collections.abc import Awaitable, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

from econdesk.connectors import eventloop
from econdesk.connectors.economic.models import BankFetch, BankSyncMark
from econdesk.connectors.errors import AuthError, ConnectorError
from econdesk.connectors.platform import MERCHANT_TZ, PlatformSource, SourcePage, Window
from econdesk.domain.links import parse_link
from econdesk.domain.model import BankEntry, ItemKind, MatchState, Payout, PlatformItem
from econdesk.domain.money import Money
from econdesk.errors import EcondeskError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import reason_of, say
from econdesk.services.links import keep_resolved
from econdesk.services.privacy import purged_before
from econdesk.storage import ConflictError, Database, Store, UpsertCounts, UpsertPlan
from econdesk.storage.repos.privacy import StoredYear

log = logging.getLogger("econdesk.sync")

ECONOMIC_SOURCE = "economic:bank"
FIRST_SYNC_DAYS = 90  # how far back a source's first sync reaches without --from
OVERLAP_DAYS = 3  # re-read this many days before where the last sync finished


class SyncError(EcondeskError):
    """Some source could not be synced; the message names each and why."""


class Cancellation(Protocol):
    """What the sync reads to stop early: a CancelToken, or the app's job."""

    @property
    def cancelled(self) -> bool: ...


class CancelToken:
    """Set from any thread (the Cancel button); the sync stops after the page in hand."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


@dataclass(frozen=True, slots=True)
class SyncProgress:
    """After each stored page: the stream, how far it got and what it stored so far."""

    source: str  # "stripe:payouts", "economic:bank"
    pages: int
    inserted: int
    updated: int
    unchanged: int
    finished: bool = False  # the stream is complete for this run


@dataclass(frozen=True, slots=True)
class SourceReport:
    source: str
    window: Window | None = None
    pages: int = 0
    requests: int = 0
    items: UpsertCounts = field(default_factory=UpsertCounts)
    payouts: UpsertCounts = field(default_factory=UpsertCounts)
    bank_entries: UpsertCounts = field(default_factory=UpsertCounts)
    finished: bool = False
    error: str | None = None  # why the stream stopped, when it failed
    credentials_refused: bool = False  # the failure was a refused (expired, revoked) credential

    @property
    def stored(self) -> UpsertCounts:
        return self.items + self.payouts + self.bank_entries


@dataclass(frozen=True, slots=True)
class SyncReport:
    sources: tuple[SourceReport, ...]
    cancelled: bool = False

    @property
    def failures(self) -> tuple[SourceReport, ...]:
        return tuple(s for s in self.sources if s.error is not None)

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def stored(self) -> UpsertCounts:
        total = UpsertCounts()
        for source in self.sources:
            total = total + source.stored
        return total


class BankPort(Protocol):
    """What sync needs of the e-conomic client."""

    async def fetch_bank(
        self,
        account_number: int,
        start: date,
        end: date,
        mark: BankSyncMark | None = None,
        *,
        drafts: bool = True,
    ) -> BankFetch: ...


@dataclass(frozen=True, slots=True)
class EconomicBank:
    """The e-conomic side: a client factory and the bank G/L account whose entries we read."""

    client: Callable[[], AbstractAsyncContextManager[BankPort]]
    account: int


PlatformFactory = Callable[[], PlatformSource]
ProgressCallback = Callable[[SyncProgress], None]


def merchant_today() -> date:
    return datetime.now(MERCHANT_TZ).date()


class SyncService:
    """Runs the sync for the configured sources; see the module docstring."""

    def __init__(
        self,
        db: Database,
        *,
        platforms: Sequence[PlatformFactory] = (),
        economic: EconomicBank | None = None,
        first_sync_days: int = FIRST_SYNC_DAYS,
        overlap_days: int = OVERLAP_DAYS,
        today: Callable[[], date] = merchant_today,
    ) -> None:
        self.db = db
        self.platforms = tuple(platforms)
        self.economic = economic
        self.first_sync_days = first_sync_days
        self.overlap_days = overlap_days
        self.today = today

    # -- entry points ---------------------------------------------------------------------
    def run(
        self,
        start: date | None = None,
        end: date | None = None,
        *,
        progress: ProgressCallback | None = None,
        cancel: Cancellation | None = None,
    ) -> SyncReport:
        """Sync every source; `start`/`end` (inclusive local days) pin the range."""
        return eventloop.run(self.run_async(start, end, progress=progress, cancel=cancel))

    async def run_async(
        self,
        start: date | None = None,
        end: date | None = None,
        *,
        progress: ProgressCallback | None = None,
        cancel: Cancellation | None = None,
    ) -> SyncReport:
        if start is not None and end is not None and end < start:
            raise SyncError(
                say(QT_TRANSLATE_NOOP("CLI", "--to {0} is before --from {1}"), end, start)
            )
        token: Cancellation = cancel or CancelToken()
        report = progress or (lambda _: None)
        jobs: list[Awaitable[list[SourceReport]]] = []
        if self.economic is not None:
            jobs.append(self._economic(self.economic, start, end, report, token))
        jobs.extend(self._platform(f, start, end, report, token) for f in self.platforms)
        # Sources run side by side (each within its own rate limit); their pages are stored
        # one at a time, since every store call runs on this one event-loop thread.
        done = await asyncio.gather(*jobs)
        return SyncReport(tuple(r for reports in done for r in reports), token.cancelled)

    # -- windows and cursors --------------------------------------------------------------
    def _plan(
        self, state: Mapping[str, Any] | None, start: date | None, end: date | None
    ) -> tuple[Window, str | None]:
        """The window this run covers and the page token to resume from, if any."""
        state = state or {}
        running = state.get("running")
        if start is not None or end is not None:
            window = Window(
                start or self.today() - timedelta(days=self.first_sync_days),
                (end or self.today()) + timedelta(days=1),
            )
            if running and running.get("window") == _window_json(window):
                return window, running.get("resume")
            return window, None
        if running:  # an interrupted run: finish it first
            return _window_of(running["window"]), running.get("resume")
        done_until = state.get("done_until")
        today = self.today()
        first = (
            date.fromisoformat(done_until) - timedelta(days=self.overlap_days)
            if done_until
            else today - timedelta(days=self.first_sync_days)
        )
        # an earlier --to in the future may have finished past today: still look at today
        return Window(min(first, today), today + timedelta(days=1)), None

    @staticmethod
    def _finished_state(state: Mapping[str, Any] | None, window: Window) -> dict[str, Any]:
        """The cursor once `window` is complete: `done_until` grows only over a contiguous
        range (a backfill of an old month does not claim the weeks after it)."""
        state = dict(state or {})
        state.pop("running", None)
        # When the stream was last complete: a day is complete once synced past its end
        # (daily sales summaries, services/sales_days.py).
        state["synced_at"] = datetime.now(UTC).isoformat()
        done = state.get("done_until")
        if done is None or window.start <= date.fromisoformat(done):
            latest = max(date.fromisoformat(done), window.end) if done else window.end
            state["done_until"] = latest.isoformat()
        return state

    # -- platforms ------------------------------------------------------------------------
    async def _platform(
        self,
        factory: PlatformFactory,
        start: date | None,
        end: date | None,
        progress: ProgressCallback,
        cancel: Cancellation,
    ) -> list[SourceReport]:
        source = factory()
        try:
            reports: list[SourceReport] = []
            for stream in source.streams:
                if cancel.cancelled:
                    break
                key = f"{source.provider}:{stream}"
                result = await self._stream(
                    source, stream, key, start=start, end=end, progress=progress, cancel=cancel
                )
                reports.append(result)
                if result.error is not None:
                    break  # the next stream would most likely fail the same way
            return reports
        finally:
            await source.aclose()

    async def _stream(
        self,
        source: PlatformSource,
        stream: str,
        key: str,
        *,
        start: date | None,
        end: date | None,
        progress: ProgressCallback,
        cancel: Cancellation,
    ) -> SourceReport:
        with self.db.reader() as store:
            state = store.cursors.get(key)
        window, resume = self._plan(state, start, end)
        report = SourceReport(key, window)
        pages = source.pages(stream, window, resume)
        try:
            async for page in pages:
                report = self._store_page(key, window, state, page, report)
                progress(_progress(report))
                if cancel.cancelled and page.resume is not None:
                    return report  # the cursor continues after this page next time
        except (ConnectorError, EcondeskError) as exc:
            # The report carries the failure to the user; the technical detail is for the log
            # (ECONDESK_LOG_LEVEL=INFO), not a second line on the command line's stderr.
            log.info("%s: %s", key, exc.technical() if isinstance(exc, ConnectorError) else exc)
            return dataclasses.replace(
                report, error=reason_of(exc), credentials_refused=_refused(exc)
            )
        finally:
            await pages.aclose()
        with self.db.transaction(row_locks_only=True) as store:
            cursor = store.cursors.get(key, for_update=True)
            store.cursors.set(key, self._finished_state(cursor, window))
        report = dataclasses.replace(report, finished=True)
        progress(_progress(report))
        return report

    def _store_page(
        self,
        key: str,
        window: Window,
        state: Mapping[str, Any] | None,
        page: SourcePage,
        report: SourceReport,
    ) -> SourceReport:
        """One page and the cursor after it, in one transaction. What is new or changed is
        worked out from a read before the writer lock; the lock is held only to write that
        (colleagues' approvals wait behind it)."""
        provider = key.partition(":")[0]
        with self.db.reader() as store:
            planned = _plan_page(store, page, provider)
        # A page stored as it is already writes only its cursor: no writer lock for that.
        with self.db.transaction(row_locks_only=not planned.writes) as store:
            if planned.writes and purged_before(store) != planned.cut:  # a purge meanwhile
                planned = _plan_page(store, page, provider)  # plan again, under the lock
            item_counts = store.items.store_planned(
                planned.items, lambda items: _keep_payout_links(store, items)
            )
            payout_counts = store.payouts.store_planned(
                planned.payouts, lambda payouts: _keep_resolved_links(store, payouts)
            )
            cursor = dict(store.cursors.get(key, for_update=True) or state or {})
            if page.resume is None:
                cursor.pop("running", None)  # the last page: finished below
            else:
                cursor["running"] = {"window": _window_json(window), "resume": page.resume}
            store.cursors.set(key, cursor)
            if item_counts.inserted or payout_counts.inserted:
                store.record(
                    "sync.stored",
                    [key],
                    {
                        "window": _window_json(window),
                        "items": item_counts.inserted,
                        "payouts": payout_counts.inserted,
                    },
                )
        return dataclasses.replace(
            report,
            pages=report.pages + 1,
            requests=report.requests + page.requests,
            items=report.items + item_counts,
            payouts=report.payouts + payout_counts,
        )

    # -- e-conomic ------------------------------------------------------------------------
    async def _economic(
        self,
        economic: EconomicBank,
        start: date | None,
        end: date | None,
        progress: ProgressCallback,
        cancel: Cancellation,
    ) -> list[SourceReport]:
        key = ECONOMIC_SOURCE
        if cancel.cancelled:
            return []
        with self.db.reader() as store:
            state = store.cursors.get(key) or {}
        window, _ = self._plan({k: v for k, v in state.items() if k != "running"}, start, end)
        mark = _mark_of(state.get("mark"))
        report = SourceReport(key, window)
        try:
            async with economic.client() as client:
                fetched = await client.fetch_bank(
                    economic.account, window.start, window.end - timedelta(days=1), mark
                )
        except (ConnectorError, EcondeskError) as exc:
            log.info("%s: %s", key, exc.technical() if isinstance(exc, ConnectorError) else exc)
            return [
                dataclasses.replace(report, error=reason_of(exc), credentials_refused=_refused(exc))
            ]
        with self.db.reader() as store:
            plan = _plan_bank(store, economic.account, window, fetched)
        with self.db.transaction(row_locks_only=not plan.writes) as store:
            if plan.writes and purged_before(store) != plan.cut:  # a purge meanwhile
                plan = _plan_bank(store, economic.account, window, fetched)  # again, locked
            store.privacy.remember_years(plan.years)
            counts = store.bank_entries.store_planned(plan.entries)
            if plan.drafts:
                _settle_drafts(store, economic.account, window, fetched)
            cursor = self._finished_state(state, window)
            cursor["mark"] = _mark_json(fetched.mark)
            store.cursors.set(key, cursor)
            if counts.inserted:
                store.record(
                    "sync.stored",
                    [key],
                    {"window": _window_json(window), "bank_entries": counts.inserted},
                )
        report = dataclasses.replace(
            report, pages=1, bank_entries=counts, finished=True, requests=0
        )
        progress(_progress(report))
        return [report]


def _refused(error: Exception) -> bool:
    return isinstance(error, AuthError)


def _kept(moment: datetime, purged: datetime | None) -> bool:
    """Not older than the last privacy purge: what is older is stored pseudonymised, and
    storing it again would bring the names back."""
    return purged is None or moment >= purged


def _kept_day(day: date, purged: datetime | None) -> bool:
    return purged is None or day >= purged.date()


@dataclass(frozen=True, slots=True)
class _PagePlan:
    """A page compared with the store, before the writer lock (`SyncService._store_page`)."""

    cut: datetime | None  # the privacy purge's cut-off the page was filtered by
    items: UpsertPlan[PlatformItem]
    payouts: UpsertPlan[Payout]

    @property
    def writes(self) -> bool:
        return self.items.writes or self.payouts.writes


def _plan_page(store: Store, page: SourcePage, provider: str) -> _PagePlan:
    cut = purged_before(store)
    items = _keep_payout_links(store, [i for i in page.items if _kept(i.occurred_at, cut)])
    if page.lists_all_open:
        items += _closed_invoices(store, provider, page.items)
    payouts = _keep_resolved_links(
        store, [p for p in page.payouts if _kept_day(p.arrival_date, cut)]
    )
    return _PagePlan(cut, store.items.plan(items), store.payouts.plan(payouts))


@dataclass(frozen=True, slots=True)
class _BankPlan:
    """e-conomic's bank entries compared with the store, before the writer lock."""

    cut: datetime | None  # the privacy purge's cut-off the entries were filtered by
    entries: UpsertPlan[BankEntry]
    years: tuple[StoredYear, ...]  # accounting years the store does not hold as they are
    drafts: bool  # whether `_settle_drafts` may find a draft to settle

    @property
    def writes(self) -> bool:
        return self.entries.writes or bool(self.years) or self.drafts


def _plan_bank(store: Store, account: int, window: Window, fetched: BankFetch) -> _BankPlan:
    cut = purged_before(store)
    entries = store.bank_entries.plan(
        e for e in fetched.bank_entries() if _kept_day(e.entry_date, cut)
    )
    held = set(store.privacy.years())
    years = (StoredYear(y.year, y.from_date, y.to_date) for y in fetched.years)
    return _BankPlan(
        cut,
        entries,
        tuple(y for y in years if y not in held),
        _drafts_to_settle(store, account, window, fetched, entries),
    )


def _drafts_to_settle(
    store: Store, account: int, window: Window, fetched: BankFetch, entries: UpsertPlan[BankEntry]
) -> bool:
    """Whether a stored draft of the window may need settling: one e-conomic no longer lists,
    or one taken for deleted whose booked entry is stored, or may be stored with these
    entries. (A draft a colleague stores after this read is settled by the next sync.)"""
    listed = {d.to_bank_entry(account).ref for d in fetched.drafts}
    last = window.end - timedelta(days=1)
    bank = store.bank_entries
    if any(d.ref not in listed for d in bank.open_drafts(account, window.start, last)):
        return True
    gone = bank.open_drafts(account, window.start, last, gone=True)
    return bool(gone) and (entries.writes or any(bank.booked_twin(d) for d in gone))


def _settle_drafts(store: Store, account: int, window: Window, fetched: BankFetch) -> None:
    """Drafts of the window that e-conomic no longer lists: booked (the booked entry with the
    same voucher number, date, amount and text takes the draft's place in its match) or, with
    no such entry, deleted (marked gone; a proposal on it is withdrawn). A draft taken for
    deleted whose booked entry turns up later is settled as booked then."""
    listed = {d.to_bank_entry(account).ref for d in fetched.drafts}
    last = window.end - timedelta(days=1)
    bank = store.bank_entries
    missing = [d for d in bank.open_drafts(account, window.start, last) if d.ref not in listed]
    for draft in [*missing, *bank.open_drafts(account, window.start, last, gone=True)]:
        twin = bank.booked_twin(draft)
        if twin is not None:
            bank.mark_booked_as(draft.ref, twin)
            try:
                store.matches.take_over(draft.ref, twin, reason="the daybook draft was booked")
            except ConflictError as exc:  # both already matched: the bookkeeper decides
                store.record("bank_entry.double_match", [draft.ref, twin], {"reason": str(exc)})
        elif draft in missing:
            bank.mark_gone(draft.ref)
            match = store.matches.live_match_for(draft.ref)
            if match is not None and match.state is MatchState.PROPOSED:
                store.matches.withdraw(
                    match.id,
                    expected_version=match.version,
                    reason=f"{draft.ref} was deleted from e-conomic's daybook",
                )


def _closed_invoices(
    store: Store, provider: str, listed: Sequence[PlatformItem]
) -> list[PlatformItem]:
    """The provider's stored open invoices that a complete list of them no longer holds (paid
    or cancelled since), as closed: nothing left open (amount 0), which the matcher passes by,
    so its next run withdraws a proposal of one. One an approved or posted match claims is left
    as it was matched: posting re-checks it (accounting/voucher_modes.py, `stale_invoice`).
    """
    keep = {i.ref for i in listed}
    stored = store.items.find(provider=provider, kinds=[ItemKind.INVOICE], unmatched_only=True)
    undecided = store.matches.find(states=[MatchState.PROPOSED, MatchState.PARKED])
    proposed = store.items.get_many(
        r for m in undecided for r in m.item_refs if r.startswith(f"{provider}:")
    )
    stored += [i for i in proposed.values() if i.kind is ItemKind.INVOICE]
    return [
        dataclasses.replace(i, amount=Money.zero(i.currency), vat_amount=None)
        for i in stored
        if i.ref not in keep and not i.amount.is_zero()
    ]


def _keep_payout_links(store: Store, items: Sequence[PlatformItem]) -> list[PlatformItem]:
    """An item listed without its payout (Stripe's balance history) keeps the payout link a
    payout's breakdown gave it: not knowing the payout is not the payout being gone."""
    unlinked = [i.ref for i in items if i.payout_ref is None]
    if not unlinked:
        return list(items)
    stored = store.items.get_many(unlinked)
    return [_with_known_payout(item, stored.get(item.ref)) for item in items]


def _keep_resolved_links(store: Store, payouts: Sequence[Payout]) -> list[Payout]:
    """Payouts whose components are links keep the items a match already put in their place."""
    linked = [p for p in payouts if any(parse_link(c) for c in p.component_refs)]
    if not linked:
        return list(payouts)
    stored = store.payouts.get_many(p.ref for p in linked)
    items = store.items.get_many(c for p in stored.values() for c in p.component_refs)
    return [keep_resolved(p, stored.get(p.ref), items) for p in payouts]


def _with_known_payout(item: PlatformItem, known: PlatformItem | None) -> PlatformItem:
    if item.payout_ref is None and known is not None and known.payout_ref is not None:
        return dataclasses.replace(item, payout_ref=known.payout_ref)
    return item


def _progress(report: SourceReport) -> SyncProgress:
    stored = report.stored
    return SyncProgress(
        report.source,
        report.pages,
        stored.inserted,
        stored.updated,
        stored.unchanged,
        report.finished,
    )


def _window_json(window: Window) -> dict[str, str]:
    return {"start": window.start.isoformat(), "end": window.end.isoformat()}


def _window_of(data: Mapping[str, str]) -> Window:
    return Window(date.fromisoformat(data["start"]), date.fromisoformat(data["end"]))


def _mark_json(mark: BankSyncMark) -> dict[str, Any]:
    return {
        "account": mark.account_number,
        "start": mark.start.isoformat(),
        "last_entry_by_year": dict(mark.last_entry_by_year),
    }


def _mark_of(data: Mapping[str, Any] | None) -> BankSyncMark | None:
    if not data:
        return None
    return BankSyncMark(
        int(data["account"]),
        date.fromisoformat(data["start"]),
        {str(k): int(v) for k, v in data["last_entry_by_year"].items()},
    )
