"""`econdesk audit verify` and `econdesk audit show [--json] [--limit N]`."""

from __future__ import annotations

import argparse
import json
from typing import Any

from econdesk.cli.context import Context
from econdesk.errors import EcondeskError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "audit", help=QT_TRANSLATE_NOOP("CLI help", "check or show the audit log")
    )
    actions = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = actions.add_parser(
        "verify",
        help=QT_TRANSLATE_NOOP(
            "CLI help", "check the hash chain; exit 1 and name the first bad event"
        ),
    )
    verify.set_defaults(func=run_verify)
    show = actions.add_parser(
        "show", help=QT_TRANSLATE_NOOP("CLI help", "print the latest events, oldest first")
    )
    show.add_argument(
        "--json", action="store_true", help=QT_TRANSLATE_NOOP("CLI help", "print a JSON array")
    )
    show.add_argument(
        "--limit",
        type=_positive,
        default=50,
        metavar="N",
        help=QT_TRANSLATE_NOOP("CLI help", "how many (default 50)"),
    )
    show.set_defaults(func=run_show)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def run_verify(args: argparse.Namespace, ctx: Context) -> int:
    from econdesk.storage.audit import verify  # start-up: SQLAlchemy loads only here

    with ctx.database.reader() as store:
        result = verify(store.session)
    if result.problem is not None:
        broken = QT_TRANSLATE_NOOP("CLI", "audit log broken: {0}")
        raise EcondeskError(say(broken, result.problem.message))
    if result.events == 0:
        ctx.print(ctx.say(QT_TRANSLATE_NOOP("CLI", "audit log is empty")))
    else:
        intact = QT_TRANSLATE_NOOP("CLI", "audit log intact: {0} events, head {1}")
        ctx.print(ctx.say(intact, result.events, result.head_hash))
    return 0


def run_show(args: argparse.Namespace, ctx: Context) -> int:
    from econdesk.storage.audit import events  # start-up: SQLAlchemy loads only here

    with ctx.database.reader() as store:
        latest = list(reversed(events(store.session, limit=args.limit)))
    if args.json:
        ctx.print(
            json.dumps(
                [
                    {
                        "seq": e.seq,
                        "occurred_at": e.occurred_at.isoformat(),
                        "actor": e.actor,
                        "action": e.action,
                        "subjects": list(e.subjects),
                        "payload": e.payload,
                        "prev_hash": e.prev_hash,
                        "hash": e.hash,
                    }
                    for e in latest
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    for e in latest:
        subjects = " ".join(e.subjects)
        payload = json.dumps(e.payload, ensure_ascii=False, sort_keys=True)
        ctx.print(f"#{e.seq} {e.occurred_at:%Y-%m-%d %H:%M:%S} {e.actor} {e.action} {subjects}")
        ctx.print(f"    {payload}")
    return 0
