"""`econdesk reject MATCH_ID ...`: reject proposals; their bank entries and items are open again
and the matcher never proposes those pairs again."""

from __future__ import annotations

import argparse
from typing import Any

from econdesk.cli.context import Context
from econdesk.i18n import QT_TRANSLATE_NOOP


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "reject",
        help=QT_TRANSLATE_NOOP(
            "CLI help", "reject proposed matches; their items become unmatched again"
        ),
    )
    parser.add_argument("match_ids", nargs="+", metavar="MATCH_ID")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from econdesk.i18n import QT_TRANSLATE_NOOP  # start-up: only for a command's own lines

    for m in ctx.services.matching().reject(args.match_ids):
        ctx.print(ctx.say(QT_TRANSLATE_NOOP("CLI", "{0} rejected"), m.id))
    return 0
