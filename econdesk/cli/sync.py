"""`econdesk sync [--from DATE] [--to DATE]`: fetch the bank entries and the platforms' money.

Without dates each source continues where its last sync finished (a few days back, for late
settlements); a sync that was interrupted resumes after its last stored page. `--from` and
`--to` (inclusive, YYYY-MM-DD) pin the range, e.g. to backfill a month. Prints what was new,
changed and unchanged per source; exit 1 when a source failed (the others are still stored).
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from econdesk.cli.context import Context
from econdesk.cli.usage import add_days_span
from econdesk.errors import UsageError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

if TYPE_CHECKING:
    from econdesk.services.sync import SyncProgress, SyncReport


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sync",
        help=QT_TRANSLATE_NOOP(
            "CLI help",
            "fetch e-conomic bank entries and every configured platform's money into the store",
        ),
    )
    add_days_span(parser)
    parser.add_argument(
        "--json",
        action="store_true",
        help=QT_TRANSLATE_NOOP("CLI help", "print the summary as JSON"),
    )
    parser.add_argument(
        "--all-clients",
        action="store_true",
        help=QT_TRANSLATE_NOOP(
            "CLI help", "sync every client; one client's failure does not stop the others"
        ),
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=4,
        metavar="N",
        help=QT_TRANSLATE_NOOP(
            "CLI help", "with --all-clients: how many clients sync at once (default 4)"
        ),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    if args.start and args.end and args.end < args.start:
        raise UsageError(
            say(QT_TRANSLATE_NOOP("CLI", "--to {0} is before --from {1}"), args.end, args.start)
        )
    if args.all_clients:
        from econdesk.cli.sync_all import run_all

        return run_all(args, ctx)
    service = ctx.services.sync()
    if service.economic is None and not service.platforms:
        nothing = QT_TRANSLATE_NOOP(
            "CLI",
            "{0}: nothing to sync: set economic.bank_account or a [providers.stripe], "
            "[providers.frisbii], [providers.chargebee], [providers.clearhaus] or "
            "[providers.mobilepay] table",
        )
        raise UsageError(say(nothing, ctx.config_path))

    def progress(step: SyncProgress) -> None:
        if step.finished:
            done = QT_TRANSLATE_NOOP("CLI", "{0}: {1} pages, {2} new, {3} changed")
            print(ctx.say(done, step.source, step.pages, step.inserted, step.updated), file=ctx.err)

    report = service.run(args.start, args.end, progress=progress)
    if ctx.client is not None:
        _record(ctx, report)
    text = json.dumps(report_json(report), indent=2) if args.json else None
    ctx.print(text or report_text(report, ctx.language))
    if report.failures:  # one line (README: exit codes), however many sources failed
        from econdesk.i18n.message import text_in

        errors = [f"{f.source}: {text_in(f.error, ctx.language)}" for f in report.failures]
        ctx.warn("; ".join(errors))
    return 0 if report.ok else 1


def _record(ctx: Context, report: SyncReport) -> None:
    """Keep the outcome for the firm overview (a failure to write it fails no sync)."""
    from datetime import UTC, datetime

    from econdesk import clients

    assert ctx.client is not None
    reason = "; ".join(f"{f.source}: {f.error}" for f in report.failures) or None
    refused = any(f.credentials_refused for f in report.failures)
    outcome = clients.LastSync(datetime.now(UTC), report.ok, reason, refused)
    try:
        clients.record_sync(ctx.client, outcome)
    except OSError as exc:
        ctx.warn(exc)


def report_text(report: SyncReport, language: str = "en") -> str:
    def say_in(source: str, *values: object) -> str:
        return say(source, *values).render(language)

    row = QT_TRANSLATE_NOOP(
        "CLI", "{0:<34}{1}  new {2:>6}  changed {3:>5}  unchanged {4:>6}  pages {5:>4}  {6}"
    )
    lines = []
    for s in report.sources:
        counts = s.stored
        window = f" {s.window.start}..{s.window.end}" if s.window else ""
        if s.finished:
            state = say_in(QT_TRANSLATE_NOOP("CLI", "done"))
        elif s.error:
            state = say_in(QT_TRANSLATE_NOOP("CLI", "FAILED"))
        else:
            state = say_in(QT_TRANSLATE_NOOP("CLI", "paused, resumes next time"))
        lines.append(say_in(row, s.source, window, counts.inserted, counts.updated,
                            counts.unchanged, s.pages, state))  # fmt: skip
    if report.cancelled:
        cancelled = QT_TRANSLATE_NOOP(
            "CLI", "cancelled: the next sync continues after the last stored page"
        )
        lines.append(say_in(cancelled))
    return "\n".join(lines) if lines else say_in(QT_TRANSLATE_NOOP("CLI", "nothing to sync"))


def report_json(report: SyncReport) -> dict[str, Any]:
    return {
        "cancelled": report.cancelled,
        "ok": report.ok,
        "sources": [
            {
                "source": s.source,
                "from": s.window.start.isoformat() if s.window else None,
                "until": s.window.end.isoformat() if s.window else None,
                "pages": s.pages,
                "requests": s.requests,
                "finished": s.finished,
                "error": s.error,
                "new": s.stored.inserted,
                "changed": s.stored.updated,
                "unchanged": s.stored.unchanged,
                "items": _counts(s.items),
                "payouts": _counts(s.payouts),
                "bank_entries": _counts(s.bank_entries),
            }
            for s in report.sources
        ],
    }


def _counts(counts: Any) -> dict[str, int]:
    return {"new": counts.inserted, "changed": counts.updated, "unchanged": counts.unchanged}
