"""Syncing every client of a firm (`econdesk sync --all-clients`), a few at a time.

Each client's sync is its own: a client whose config is wrong, whose store cannot be opened
or whose sources fail is reported, and the others go on. At most `concurrency` clients sync
at once (each already keeps several requests in flight), all on the connectors' one event
loop, so the rate-limit budgets shared per API and credential (`SharedLimits`) pace them
together.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from econdesk import crashlog
from econdesk.connectors import eventloop
from econdesk.errors import EcondeskError
from econdesk.i18n.message import text_in
from econdesk.services.sync import Cancellation, SyncReport, SyncService

DEFAULT_CONCURRENCY = 4


@dataclass(frozen=True, slots=True)
class ClientJob:
    """One client to sync: `prepare` reads its config and opens its store (may raise);
    `record` keeps the outcome where the firm overview reads it."""

    name: str
    prepare: Callable[[], SyncService]
    record: Callable[[ClientOutcome], None] | None = None


@dataclass(frozen=True, slots=True)
class ClientOutcome:
    client: str
    started: datetime
    finished: datetime
    report: SyncReport | None = None
    error: EcondeskError | str | None = None  # why the client could not sync at all

    @property
    def ok(self) -> bool:
        return self.error is None and self.report is not None and self.report.ok

    @property
    def credentials_refused(self) -> bool:
        report = self.report
        return report is not None and any(f.credentials_refused for f in report.failures)

    @property
    def reason(self) -> str | None:
        """One line saying what failed, or None."""
        return self.reason_in("en")

    def reason_in(self, language: str) -> str | None:
        """`reason` in `language` where econdesk says it (a source's failure is the outside
        system's own words)."""
        if self.error is not None:
            return text_in(self.error, language)
        if self.report is not None and not self.report.ok:
            return "; ".join(
                f"{f.source}: {text_in(f.error, language)}" for f in self.report.failures
            )
        return None


@dataclass(frozen=True, slots=True)
class FirmSyncReport:
    outcomes: tuple[ClientOutcome, ...]
    max_concurrent: int

    @property
    def failed(self) -> tuple[ClientOutcome, ...]:
        return tuple(o for o in self.outcomes if not o.ok)

    @property
    def ok(self) -> bool:
        return not self.failed


def sync_all(
    jobs: Sequence[ClientJob],
    *,
    start: date | None = None,
    end: date | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    cancel: Cancellation | None = None,
    on_done: Callable[[ClientOutcome], None] | None = None,
) -> FirmSyncReport:
    """Sync each client; outcomes in the order of `jobs`."""
    run = sync_all_async(jobs, start=start, end=end, concurrency=concurrency, cancel=cancel,
                         on_done=on_done)  # fmt: skip
    return eventloop.run(run)


async def sync_all_async(
    jobs: Sequence[ClientJob],
    *,
    start: date | None = None,
    end: date | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    cancel: Cancellation | None = None,
    on_done: Callable[[ClientOutcome], None] | None = None,
) -> FirmSyncReport:
    if concurrency < 1:
        raise ValueError("at least one client must sync at a time")
    gate = asyncio.Semaphore(concurrency)
    opening = asyncio.Lock()  # alembic's migration context is process-global: one at a time
    running = [0, 0]  # now, most at once

    async def one(job: ClientJob) -> ClientOutcome:
        async with gate:
            running[0] += 1
            running[1] = max(running[1], running[0])
            try:
                outcome = await _sync_client(job, start, end, cancel, opening)
            finally:
                running[0] -= 1
        if job.record is not None:
            _record(job, outcome)
        if on_done is not None:
            on_done(outcome)
        return outcome

    outcomes = await asyncio.gather(*(one(job) for job in jobs))
    return FirmSyncReport(tuple(outcomes), running[1])


async def _sync_client(
    job: ClientJob,
    start: date | None,
    end: date | None,
    cancel: Cancellation | None,
    opening: asyncio.Lock,
) -> ClientOutcome:
    began = datetime.now(UTC)
    service: SyncService | None = None
    try:
        # Reading the config and opening (perhaps migrating) the store blocks: off the loop.
        async with opening:
            service = await asyncio.to_thread(job.prepare)
        report = await service.run_async(start, end, cancel=cancel)
    except EcondeskError as exc:  # a wrong config, a missing secret, an unreachable store
        return ClientOutcome(job.name, began, datetime.now(UTC), error=exc)
    except Exception as exc:  # one line, never the error's own text (it may hold data)
        error = _unexpected(f"sync of {job.name}", exc)
        return ClientOutcome(job.name, began, datetime.now(UTC), error=error)
    finally:
        if service is not None:
            service.db.dispose()
    return ClientOutcome(job.name, began, datetime.now(UTC), report=report)


def _unexpected(what: str, error: Exception) -> str:
    """What failed and its kind, and where the traceback was written (crashlog.py)."""
    path = crashlog.write_traceback(what, error)
    where = f"; the details are in {path}" if path is not None else ""
    return f"{what} failed unexpectedly ({crashlog.kind(error)}){where}"


def _record(job: ClientJob, outcome: ClientOutcome) -> None:
    """Recording is a convenience for the overview: its failure fails no sync."""
    assert job.record is not None
    try:
        job.record(outcome)
    except OSError as exc:
        crashlog.write_traceback(f"recording the sync of {job.name}", exc)
