"""`econdesk report --xlsx FILE [--from DATE] [--to DATE] [--offline] [--pseudonymise]
[--language da|en]`: the reconciliation workbook for a period (inclusive days, YYYY-MM-DD;
without them, everything in the store). --pseudonymise shows payers by pseudonym, for sharing
outside the firm; the workbook is in the language asked for, else [app] language, else the
system's.

e-conomic is asked for the company name and the clearing accounts' balances; `--offline` skips
that, and so does a failure to reach it (a warning says why; the workbook is still written).
The file appears complete or not at all; exit 1 names why it could not be written.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from econdesk.cli.context import Context
from econdesk.cli.usage import add_days_span
from econdesk.i18n import LANGUAGES, QT_TRANSLATE_NOOP


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report", help=QT_TRANSLATE_NOOP("CLI help", "write the reconciliation report workbook")
    )
    parser.add_argument(
        "--xlsx",
        required=True,
        type=Path,
        metavar="FILE",
        help=QT_TRANSLATE_NOOP("CLI help", "the workbook to write (.xlsx)"),
    )
    add_days_span(parser)
    parser.add_argument(
        "--offline",
        action="store_true",
        help=QT_TRANSLATE_NOOP(
            "CLI help",
            "do not ask e-conomic for the company name and the clearing-account balances",
        ),
    )
    parser.add_argument(
        "--pseudonymise",
        action="store_true",
        help=QT_TRANSLATE_NOOP(
            "CLI help", "show customers and payers as 'customer 4711', for sharing outside the firm"
        ),
    )
    parser.add_argument(
        "--language",
        choices=LANGUAGES,
        help=QT_TRANSLATE_NOOP(
            "CLI help", "the workbook's language (default: [app] language, else the system's)"
        ),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    # start-up: openpyxl and SQLAlchemy load only for this command
    from econdesk.domain.rollforward import RollForward
    from econdesk.i18n.message import say_text
    from econdesk.reports.workbook import check_target
    from econdesk.services.report import Ledger, Period, result_text, write_period_report

    period = Period(args.start, args.end)
    target = check_target(args.xlsx)  # a wrong path fails before anything is asked or read
    config = ctx.config
    rollforward: list[RollForward] = []
    if args.offline:
        offline = QT_TRANSLATE_NOOP("CLI", "clearing balances not read: --offline")
        ledger = Ledger.unknown(say_text(offline))
    else:
        ledger = ctx.services.ledger()
        if ledger.note:
            ctx.warn(ledger.note)
        else:
            rollforward, note = ctx.services.rollforward().for_period(period.start, period.end)
            if note:
                ctx.warn(note)
    result = write_period_report(
        ctx.database,
        target,
        config=config,
        period=period,
        ledger=ledger,
        pseudonymise=args.pseudonymise,
        language=args.language or ctx.language,
        rollforward=rollforward,
    )
    ctx.print(result_text(result, ctx.language))
    return 0
