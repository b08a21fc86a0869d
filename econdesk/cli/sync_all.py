"""`econdesk sync --all-clients`: every client of the firm, a few at a time.

One client's failure (a wrong config, a refused key, a source that fails) does not stop the
others. Prints a line per client as it finishes (stderr), then the summary; exit 1 when any
client failed, naming them. Each client's outcome is kept for the app's firm overview.
"""

from __future__ import annotations

import argparse
import json
import os
from typing import TYPE_CHECKING, Any

from econdesk import paths
from econdesk.cli.context import Context
from econdesk.errors import EcondeskError, UsageError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

if TYPE_CHECKING:
    from econdesk.clients import Client
    from econdesk.connectors.ratelimit import SharedLimits
    from econdesk.services.firm_sync import ClientJob, ClientOutcome, FirmSyncReport
    from econdesk.services.sync import SyncService


def run_all(args: argparse.Namespace, ctx: Context) -> int:
    from econdesk import clients
    from econdesk.connectors.ratelimit import SharedLimits
    from econdesk.services.firm_sync import sync_all

    if args.db or os.environ.get(paths.DB_ENV) or args.config or args.client:
        single = QT_TRANSLATE_NOOP(
            "CLI",
            "--all-clients syncs each client into its own store: leave out --db, --config, "
            "--client and ${0}",
        )
        raise UsageError(say(single, paths.DB_ENV))
    if args.concurrency < 1:
        raise UsageError(say(QT_TRANSLATE_NOOP("CLI", "--concurrency must be 1 or more")))
    registry = clients.adopt_single_setup()
    if not registry.clients:
        none = QT_TRANSLATE_NOOP("CLI", "no clients yet: `econdesk clients add NAME` adds one")
        raise UsageError(say(none))
    limits = SharedLimits()  # one budget per API and credential, across the clients
    jobs = [_job(client, limits) for client in registry.clients]

    def finished(outcome: ClientOutcome) -> None:
        done = ctx.say(QT_TRANSLATE_NOOP("CLI", "done"))
        state = done if outcome.ok else outcome.reason_in(ctx.language)
        print(f"{outcome.client}: {state}", file=ctx.err)

    report = sync_all(jobs, start=args.start, end=args.end, concurrency=args.concurrency,
                      on_done=finished)  # fmt: skip
    ctx.print(json.dumps(report_json(report), indent=2) if args.json else summary(report, ctx))
    if not report.ok:
        names = ", ".join(o.client for o in report.failed)
        ctx.warn(ctx.say(QT_TRANSLATE_NOOP("CLI", "failed clients: {0}"), names))
    return 0 if report.ok else 1


def _job(client: Client, limits: SharedLimits) -> ClientJob:
    from econdesk import clients
    from econdesk.services.firm_sync import ClientJob

    def record(outcome: ClientOutcome) -> None:
        done = clients.LastSync(
            outcome.finished, outcome.ok, outcome.reason, outcome.credentials_refused
        )
        clients.record_sync(client, done)

    return ClientJob(client.name, lambda: _prepare(client, limits), record)


def _prepare(client: Client, limits: SharedLimits) -> SyncService:
    """The client's sync service over its own store; the store is closed again if the
    config cannot make one."""
    from econdesk.composition import client_config, open_store, sync_service

    config = client_config(client)
    db = open_store(config, None, client)
    try:
        service = sync_service(config, db, limits)
        if service.economic is None and not service.platforms:
            nothing = QT_TRANSLATE_NOOP("CLI", "{0}: nothing to sync")
            raise EcondeskError(say(nothing, client.config_path))
    except BaseException:
        db.dispose()
        raise
    return service


def summary(report: FirmSyncReport, ctx: Context) -> str:
    lines = []
    for outcome in report.outcomes:
        if outcome.ok and outcome.report is not None:
            stored = outcome.report.stored
            line = QT_TRANSLATE_NOOP("CLI", "{0:<32} ok      new {1:>6}  changed {2:>5}")
            lines.append(ctx.say(line, outcome.client, stored.inserted, stored.updated))
        else:
            line = QT_TRANSLATE_NOOP("CLI", "{0:<32} FAILED  {1}")
            lines.append(ctx.say(line, outcome.client, outcome.reason_in(ctx.language)))
    total = QT_TRANSLATE_NOOP("CLI", "{0} of {1} clients synced, {2} failed")
    done = len(report.outcomes) - len(report.failed)
    lines.append(ctx.say(total, done, len(report.outcomes), len(report.failed)))
    return "\n".join(lines)


def report_json(report: FirmSyncReport) -> dict[str, Any]:
    return {
        "ok": report.ok,
        "failed": [o.client for o in report.failed],
        "max_concurrent": report.max_concurrent,
        "clients": [
            {
                "client": o.client,
                "ok": o.ok,
                "error": o.reason,
                "started": o.started.isoformat(),
                "finished": o.finished.isoformat(),
                "new": o.report.stored.inserted if o.report is not None else 0,
                "changed": o.report.stored.updated if o.report is not None else 0,
                "failed_sources": [f.source for f in o.report.failures] if o.report else [],
            }
            for o in report.outcomes
        ],
    }
