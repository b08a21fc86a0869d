"""`econdesk status [--json]`: counts and amounts by state, per source."""

from __future__ import annotations

import argparse
import json
from typing import Any

from econdesk.cli.context import Context
from econdesk.i18n import QT_TRANSLATE_NOOP


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "status", help=QT_TRANSLATE_NOOP("CLI help", "counts and amounts by state, per source")
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help=QT_TRANSLATE_NOOP("CLI help", "print JSON instead of a table"),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    # start-up: SQLAlchemy loads only for a command that reads the store
    from econdesk.services.status import status_json, status_report, status_text

    report = status_report(ctx.database)
    if args.json:
        ctx.print(json.dumps(status_json(report), indent=2))
    else:
        ctx.print(status_text(report, ctx.language))
    return 0
