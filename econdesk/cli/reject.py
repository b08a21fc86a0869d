"""`econdesk reject MATCH_ID ...`: reject proposals; their bank entries and items are open again
and the matcher never proposes those pairs again."""

from __future__ import annotations

import argparse
from typing import Any

from econdesk.cli.context import Context


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "reject", help="reject proposed matches; their items become unmatched again"
    )
    parser.add_argument("match_ids", nargs="+", metavar="MATCH_ID")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    for m in ctx.services.matching().reject(args.match_ids):
        ctx.print(f"{m.id} rejected")
    return 0
