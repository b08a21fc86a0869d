"""`econdesk matches [--state STATE] [--json]`: list matches (README gives the JSON)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from econdesk.cli.context import Context
from econdesk.domain import MatchState
from econdesk.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from econdesk.domain import Match


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
        ctx.print(
            json.dumps([match_json(m, ctx.language) for m in found], indent=2, ensure_ascii=False)
        )
    else:
        ctx.print(table(found))
    return 0


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
