"""`econdesk privacy purge --before YEAR` and `econdesk privacy export --customer REF`.

purge: pseudonymise the personal data of everything dated before YEAR, once the Bookkeeping
Act's five years after the end of those financial years are over (refused before, naming the
day it becomes allowed). Amounts, ids, matches and vouchers stay; it is audited.

export: everything stored about one person as JSON (a data subject's access request), on
standard output or into --out FILE (readable by the user alone).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from econdesk.cli.context import Context
from econdesk.filemodes import write_private_text
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "privacy",
        help=QT_TRANSLATE_NOOP(
            "CLI help", "purge personal data past its retention, or export one person's data"
        ),
    )
    actions = parser.add_subparsers(dest="privacy_command", metavar="ACTION", required=True)
    purge = actions.add_parser(
        "purge",
        help=QT_TRANSLATE_NOOP(
            "CLI help", "pseudonymise names in everything dated before YEAR (after retention)"
        ),
    )
    purge.add_argument(
        "--before",
        required=True,
        metavar="YEAR",
        help=QT_TRANSLATE_NOOP(
            "CLI help",
            "first financial year to keep as it is: 2021, or e-conomic's name, e.g. 2021/2022",
        ),
    )
    purge.set_defaults(func=run_purge)
    export = actions.add_parser(
        "export",
        help=QT_TRANSLATE_NOOP("CLI help", "write everything stored about one person (JSON)"),
    )
    who = export.add_mutually_exclusive_group(required=True)
    who.add_argument(
        "--customer",
        metavar="REF",
        help=QT_TRANSLATE_NOOP(
            "CLI help", "the platform's customer, e.g. stripe:cus_NZbFQAsc0ptasX"
        ),
    )
    who.add_argument(
        "--name",
        metavar="NAME",
        help=QT_TRANSLATE_NOOP("CLI help", "the person's name as the platform gives it"),
    )
    export.add_argument(
        "--out",
        type=Path,
        metavar="FILE",
        help=QT_TRANSLATE_NOOP("CLI help", "write here (default: stdout)"),
    )
    export.set_defaults(func=run_export)


def run_purge(args: argparse.Namespace, ctx: Context) -> int:
    from econdesk.services.privacy import purge  # start-up: SQLAlchemy loads only here

    result = purge(ctx.database, args.before)
    counts = result.counts
    ctx.print(
        f"pseudonymised everything before {result.cutoff.first_day.isoformat()}: "
        f"{counts.items} platform items, {counts.bank_entries} bank entries, "
        f"{counts.matches} matches; {counts.learned} learned words forgotten"
    )
    return 0


def run_export(args: argparse.Namespace, ctx: Context) -> int:
    # start-up: SQLAlchemy loads only for this command
    from econdesk.services.privacy import export_customer

    with ctx.database.reader() as store:
        found = export_customer(store, ref=args.customer, name=args.name)
    if not found["platform_items"] and not found["bank_entries"]:
        ctx.warn(
            say(
                QT_TRANSLATE_NOOP("CLI", "nothing is stored about {0!r}"),
                args.customer or args.name,
            )
        )
    text = json.dumps(found, indent=2, ensure_ascii=False) + "\n"
    if args.out is None:
        ctx.out.write(text)
        return 0
    write_private_text(args.out, text)
    ctx.print(
        f"wrote {args.out}: {len(found['platform_items'])} platform items, "
        f"{len(found['bank_entries'])} bank entries, {len(found['matches'])} matches"
    )
    return 0
