"""`econdesk match [--json]`: auto-match everything unmatched and print a summary."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from econdesk.cli.context import Context

if TYPE_CHECKING:
    from econdesk.services.matching import MatchRun


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("match", help="auto-match everything unmatched; print a summary")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from econdesk.services.matching import run_summary  # start-up: the matcher loads here

    result = ctx.services.matching().run()
    if args.json:
        ids = [m.id for m in result.proposals]
        ctx.print(json.dumps({**run_summary(result), "after": list(result.after), "ids": ids}))
    else:
        ctx.print(summary_text(result))
    return 0


def summary_text(result: MatchRun) -> str:
    lines = []
    if result.after:
        lines.append(
            f"{' and '.join(result.after)} matched a moment ago; this run worked on what was "
            f"left: {len(result.proposals)} new proposals"
        )
    lines += [
        f"looked at {result.open_bank} open bank entries and {result.open_items} open items "
        f"in {result.seconds:.1f} s",
        f"proposed {len(result.proposals)} matches, {len(result.auto)} safe to approve "
        "(econdesk approve --auto)",
    ]
    if result.revised or result.withdrawn:
        lines.append(
            f"earlier proposals: {len(result.revised)} revised, {len(result.withdrawn)} withdrawn "
            "(no longer the best), "
            f"{result.unchanged} unchanged"
        )
    for layer in result.layers:
        if layer.proposed:
            lines.append(f"  {layer.layer:<14} {layer.proposed:>7} proposed {layer.auto:>7} safe")
    lines.append(
        f"still unmatched: {result.unmatched_bank} bank entries, {result.unmatched_items} items"
    )
    return "\n".join(lines)
