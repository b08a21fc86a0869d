"""`econdesk approve (--auto | MATCH_ID ...)`: approve proposals, all of them or none."""

from __future__ import annotations

import argparse
from typing import Any

from econdesk.cli.context import Context
from econdesk.errors import UsageError
from econdesk.i18n import QT_TRANSLATE_NOOP


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "approve", help=QT_TRANSLATE_NOOP("CLI help", "approve proposed matches")
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--auto",
        action="store_true",
        help=QT_TRANSLATE_NOOP("CLI help", "approve exactly those the matcher marked safe"),
    )
    which.add_argument("match_ids", nargs="*", default=[], metavar="MATCH_ID")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from econdesk.i18n import QT_TRANSLATE_NOOP  # start-up: only for a command's own lines
    from econdesk.i18n.message import say

    service = ctx.services.matching()
    if args.auto:
        approved = service.approve_auto()
    elif args.match_ids:
        approved = service.approve(args.match_ids)
    else:
        raise UsageError(say(QT_TRANSLATE_NOOP("CLI", "approve needs match ids, or --auto")))
    if not approved:
        ctx.print(ctx.say(QT_TRANSLATE_NOOP("CLI", "nothing to approve")))
    for m in approved:
        line = QT_TRANSLATE_NOOP("CLI", "{0} approved ({1}, {2})")
        ctx.print(ctx.say(line, m.id, m.method.value, m.amount))
    return 0
