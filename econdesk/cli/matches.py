"""`econdesk matches [--state STATE] [--json]`: list matches (README gives the JSON)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from econdesk.cli.context import Context
from econdesk.domain import MatchState
from econdesk.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from econdesk.domain import Match, VoucherRef


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "matches",
        help=QT_TRANSLATE_NOOP(
            "CLI help", "list matches (proposed, approved, rejected, parked, posted, withdrawn)"
        ),
    )
    parser.add_argument(
        "--state",
        choices=[s.value for s in MatchState],
        help=QT_TRANSLATE_NOOP("CLI help", "only matches in this state"),
    )
    parser.add_argument(
        "--json", action="store_true", help=QT_TRANSLATE_NOOP("CLI help", "print a JSON array")
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from econdesk.services.matching import match_json  # start-up: the matcher loads here

    state = MatchState(args.state) if args.state else None
    found = ctx.services.matching().matches(state)
    if args.json:
        reversals = reversals_json(ctx)
        listed = [match_json(m, ctx.language, reversals.get(m.id, ())) for m in found]
        ctx.print(json.dumps(listed, indent=2, ensure_ascii=False))
    else:
        ctx.print(table(found))
    return 0


def reversals_json(ctx: Context) -> dict[str, list[dict[str, Any]]]:
    """Each match's posted reversals, oldest first: `{"voucher", "reverses": [...], "reason",
    "by", "at"}`, so a match posted, reversed and posted again shows its whole history."""
    from econdesk.services.report import Period, reversal_vouchers  # start-up: only with --json

    with ctx.database.reader() as store:
        found = reversal_vouchers(store, Period())
    by_match: dict[str, list[dict[str, Any]]] = {}
    for posted in found:  # in voucher order: each match's oldest first
        row = posted.row
        by_match.setdefault(row.match_id, []).append(
            {
                "voucher": _voucher(row.voucher),
                "reverses": [_voucher(v) for v in row.related],
                "reason": row.reason,
                "by": row.posted_by,
                "at": None if row.posted_at is None else row.posted_at.isoformat(),
            }
        )
    return by_match


def _voucher(ref: VoucherRef) -> dict[str, Any]:
    return {"journal": ref.journal, "year": ref.year, "number": ref.number}


def table(found: list[Match]) -> str:
    if not found:
        return "no matches"
    rows = [f"{'id':<10} {'state':<9} {'method':<11} {'score':>5} {'auto':<4} "
            f"{'amount':>14} {'diff':>7}  bank -> items"]  # fmt: skip
    for m in found:
        items = ", ".join(m.item_refs[:2]) + (f" (+{len(m.item_refs) - 2})" if len(m.item_refs) > 2
                                              else "")  # fmt: skip
        rows.append(
            f"{m.id:<10} {m.state.value:<9} {m.method.value:<11} {m.score:5.2f} "
            f"{'yes' if m.auto else '':<4} {m.amount.format():>10} {m.currency} "
            f"{m.difference.format():>7}  {', '.join(m.bank_refs)} -> {items}"
        )
    return "\n".join(rows)
