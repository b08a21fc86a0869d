"""`econdesk period list|sign-off|approve|reopen`: close a month's reconciliation, or reopen it.

A month (PERIOD = YYYY-MM, by the bank entries' dates) is signed off by its preparer and may be
approved by a reviewer, who must be someone else (the `[app] actor` names who is acting).
While signed off, its matches are not approved, rejected or posted; `reopen --reason` opens it
again. `--json` prints the period as `period list --json` does (one object, or an array).
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from econdesk.cli.context import Context
from econdesk.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from econdesk.services.periods import PeriodStatus
    from econdesk.storage import PeriodSignoff


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "period",
        help=QT_TRANSLATE_NOOP(
            "CLI help", "sign off, approve or reopen a month's reconciliation; list months"
        ),
    )
    actions = parser.add_subparsers(dest="period_command", metavar="ACTION", required=True)
    listing = actions.add_parser(
        "list", help=QT_TRANSLATE_NOOP("CLI help", "every month with matches or a sign-off")
    )
    listing.add_argument(
        "--json", action="store_true", help=QT_TRANSLATE_NOOP("CLI help", "print a JSON array")
    )
    listing.set_defaults(func=run_list)
    for name, helptext, func in (
        (
            "sign-off",
            QT_TRANSLATE_NOOP("CLI help", "sign off a month as its preparer (locks it)"),
            run_sign_off,
        ),
        (
            "approve",
            QT_TRANSLATE_NOOP("CLI help", "approve a signed-off month as its reviewer"),
            run_approve,
        ),
        (
            "reopen",
            QT_TRANSLATE_NOOP("CLI help", "reopen a signed-off month (needs --reason)"),
            run_reopen,
        ),
    ):
        action = actions.add_parser(name, help=helptext)
        action.add_argument(
            "period",
            metavar="PERIOD",
            type=_period,
            help=QT_TRANSLATE_NOOP("CLI help", "the month, as YYYY-MM"),
        )
        action.add_argument(
            "--json",
            action="store_true",
            help=QT_TRANSLATE_NOOP("CLI help", "print the period as JSON"),
        )
        if name == "reopen":
            action.add_argument(
                "--reason",
                required=True,
                help=QT_TRANSLATE_NOOP("CLI help", "why it is reopened (kept in the audit log)"),
            )
        action.set_defaults(func=func)


def _period(text: str) -> str:
    from econdesk.storage.repos.periods import parse_period  # start-up: parsing only

    try:
        parse_period(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def signoff_json(signoff: PeriodSignoff | None) -> dict[str, Any]:
    """The sign-off's facts (README, `period list --json`); empty for a month never signed."""
    if signoff is None:
        return {}
    return {
        "preparer": signoff.preparer,
        "signed_at": signoff.signed_at.isoformat(),
        "reviewer": signoff.reviewer,
        "approved_at": None if signoff.approved_at is None else signoff.approved_at.isoformat(),
        "report_hash": signoff.report_hash,
        "audit_head": {"seq": signoff.audit_seq, "hash": signoff.audit_hash},
        "balances": signoff.balances,
        "reopened_by": signoff.reopened_by,
        "reopened_at": None if signoff.reopened_at is None else signoff.reopened_at.isoformat(),
        "reopen_reason": signoff.reopen_reason,
        "version": signoff.version,
    }


def status_json(status: PeriodStatus) -> dict[str, Any]:
    return {
        "period": status.period,
        "state": status.state.value,
        "locked": status.signoff is not None and status.signoff.locked,
        "matches": status.matches,
        "unposted": status.unposted,
        **signoff_json(status.signoff),
    }


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    found = ctx.services.periods().list()
    if args.json:
        ctx.print(json.dumps([status_json(s) for s in found], indent=2, ensure_ascii=False))
        return 0
    if not found:
        ctx.print(ctx.say(QT_TRANSLATE_NOOP("CLI", "no periods yet")))
        return 0
    for s in found:
        who = ""
        if s.signoff is not None and s.signoff.locked:
            who = s.signoff.preparer + (f" / {s.signoff.reviewer}" if s.signoff.reviewer else "")
        line = QT_TRANSLATE_NOOP("CLI", "{0}  {1:<9}  {2} matches, {3} not posted  {4}")
        ctx.print(ctx.say(line, s.period, s.state.value, s.matches, s.unposted, who).rstrip())
    return 0


def _done(args: argparse.Namespace, ctx: Context, signoff: PeriodSignoff, line: str) -> int:
    if args.json:
        body = {"period": signoff.period, "state": signoff.state.value, "locked": signoff.locked}
        ctx.print(json.dumps({**body, **signoff_json(signoff)}, indent=2, ensure_ascii=False))
    else:
        ctx.print(line)
    return 0


def run_sign_off(args: argparse.Namespace, ctx: Context) -> int:
    signoff = ctx.services.periods().sign_off(args.period)
    source = signoff.balances.get("source", "")
    said = QT_TRANSLATE_NOOP(
        "CLI", "{0} signed off by {1}: report hash {2}, audit head #{3}, balances from {4}"
    )
    line = ctx.say(said, signoff.period, signoff.preparer, signoff.report_hash,
                   signoff.audit_seq, source)  # fmt: skip
    return _done(args, ctx, signoff, line)


def run_approve(args: argparse.Namespace, ctx: Context) -> int:
    signoff = ctx.services.periods().approve(args.period)
    said = QT_TRANSLATE_NOOP("CLI", "{0} approved by {1} (signed off by {2})")
    line = ctx.say(said, signoff.period, signoff.reviewer, signoff.preparer)
    return _done(args, ctx, signoff, line)


def run_reopen(args: argparse.Namespace, ctx: Context) -> int:
    signoff = ctx.services.periods().reopen(args.period, args.reason)
    said = QT_TRANSLATE_NOOP("CLI", "{0} reopened by {1}: {2}")
    line = ctx.say(said, signoff.period, signoff.reopened_by, signoff.reopen_reason)
    return _done(args, ctx, signoff, line)
