"""`econdesk reverse MATCH_ID [--reason TEXT] [--date YYYY-MM-DD] [--json]`: undo a posting.

Posts to e-conomic the voucher that reverses the match's posted voucher(s) (the same lines with
opposite signs, its own marker and bilag), exactly once, and makes the match proposed again.
Dated like the original, or `--date` (in an open period, when the original's is closed).
Exit 0 when the reversal is posted, 1 when it was refused or did not post (the reason on
stderr; the match stays posted), 2 for a wrong command line.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from econdesk.cli.context import Context
from econdesk.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from econdesk.services.reversal import ReversalOutcome


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "reverse",
        help=QT_TRANSLATE_NOOP(
            "CLI help",
            "post a voucher reversing a posted match's voucher; the match becomes proposed",
        ),
    )
    parser.add_argument("match_id", metavar="MATCH_ID")
    parser.add_argument(
        "--reason",
        default="",
        metavar="TEXT",
        help=QT_TRANSLATE_NOOP("CLI help", "why it is reversed (audited, and on its bilag)"),
    )
    parser.add_argument(
        "--date",
        type=_day,
        default=None,
        metavar="YYYY-MM-DD",
        help=QT_TRANSLATE_NOOP(
            "CLI help",
            "book the reversal on this day (an open period) instead of the original's date",
        ),
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help=QT_TRANSLATE_NOOP("CLI help", "print JSON instead of text"),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from econdesk.connectors import eventloop
    from econdesk.errors import UsageError
    from econdesk.i18n.message import say

    if not args.reason.strip():
        raise UsageError(say(QT_TRANSLATE_NOOP("CLI", "reverse needs --reason TEXT")))
    service = ctx.services.reversal()
    outcome = eventloop.run(service.reverse(args.match_id, reason=args.reason, on=args.date))
    ctx.print(_json(outcome) if args.json else _text(outcome, ctx))
    if not outcome.ok:
        ctx.warn(_failure(outcome, ctx))
        return 1
    return 0


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def _numbers(outcome: ReversalOutcome) -> str:
    return ", ".join(f"{r.year}-{r.number}" for r in outcome.reverses) or "?"


def _text(outcome: ReversalOutcome, ctx: Context) -> str:
    from econdesk.services.posting import Outcome  # start-up: loads httpx

    lines: list[str] = []
    if outcome.outcome is Outcome.POSTED and outcome.voucher is not None:
        voucher = f"{outcome.voucher.year}-{outcome.voucher.number}"
        line = (
            QT_TRANSLATE_NOOP(
                "CLI",
                "{0}  voucher {1} reversed by voucher {2} (found in e-conomic after an "
                "interrupted run); the match is proposed again",
            )
            if outcome.recovered
            else QT_TRANSLATE_NOOP(
                "CLI", "{0}  voucher {1} reversed by voucher {2}; the match is proposed again"
            )
        )
        lines.append(ctx.say(line, outcome.match_id, _numbers(outcome), voucher))
    else:
        line = QT_TRANSLATE_NOOP("CLI", "{0}  not reversed ({1}): {2}")
        lines.append(ctx.say(line, outcome.match_id, outcome.outcome.value, outcome.refusal))
    subject = "r-" + outcome.match_id.removeprefix("m-")
    for _ in outcome.bilag.attached:
        lines.append(ctx.say(QT_TRANSLATE_NOOP("CLI", "{0}  bilag attached"), subject))
    for _ in outcome.bilag.recovered:
        found = QT_TRANSLATE_NOOP("CLI", "{0}  bilag found in e-conomic, not sent again")
        lines.append(ctx.say(found, subject))
    for _, why in outcome.bilag.failed:
        lines.append(
            ctx.say(QT_TRANSLATE_NOOP("CLI", "{0}  bilag not attached: {1}"), subject, why)
        )
    if outcome.booking_error:
        lines.append(outcome.booking_error)
    return "\n".join(lines)


def _failure(outcome: ReversalOutcome, ctx: Context) -> str:
    from econdesk.services.posting import Outcome

    if outcome.outcome is Outcome.POSTED:
        line = QT_TRANSLATE_NOOP("CLI", "{0} is reversed, but its bilag or booking failed")
        return ctx.say(line, outcome.match_id)
    line = QT_TRANSLATE_NOOP("CLI", "{0} was not reversed: {1}")
    return ctx.say(line, outcome.match_id, outcome.refusal)


def _json(outcome: ReversalOutcome) -> str:
    def ref(r: Any) -> dict[str, Any] | None:
        return None if r is None else {"journal": r.journal, "year": r.year, "number": r.number}

    return json.dumps(
        {
            "id": outcome.match_id,
            "outcome": outcome.outcome.value,
            "voucher": ref(outcome.voucher),
            "reverses": [ref(r) for r in outcome.reverses],
            "marker": outcome.marker,
            "reason": outcome.reason,
            "recovered": outcome.recovered,
            "bilag": {
                "attached": outcome.bilag.attached,
                "recovered": outcome.bilag.recovered,
                "failed": [{"id": m, "reason": why} for m, why in outcome.bilag.failed],
            },
            "booking_error": outcome.booking_error,
        },
        indent=2,
    )
