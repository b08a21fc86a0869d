"""`econdesk match [--json]`: auto-match everything unmatched and print a summary."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from econdesk.cli.context import Context
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

if TYPE_CHECKING:
    from econdesk.services.matching import MatchRun


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "match",
        help=QT_TRANSLATE_NOOP("CLI help", "auto-match everything unmatched; print a summary"),
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help=QT_TRANSLATE_NOOP("CLI help", "print the summary as JSON"),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from econdesk.services.matching import run_summary  # start-up: the matcher loads here

    result = ctx.services.matching().run()
    if args.json:
        ids = [m.id for m in result.proposals]
        ctx.print(json.dumps({**run_summary(result), "after": list(result.after), "ids": ids}))
    else:
        ctx.print(summary_text(result, ctx.language))
    return 0


def summary_text(result: MatchRun, language: str = "en") -> str:
    def say_in(source: str, *values: object) -> str:
        return say(source, *values).render(language)

    after = QT_TRANSLATE_NOOP(
        "CLI", "{0} matched a moment ago; this run worked on what was left: {1} new proposals"
    )
    looked = QT_TRANSLATE_NOOP("CLI", "looked at {0} open bank entries and {1} open items in {2} s")
    proposed = QT_TRANSLATE_NOOP(
        "CLI", "proposed {0} matches, {1} safe to approve (econdesk approve --auto)"
    )
    seconds = f"{result.seconds:.1f}".replace(".", "," if language == "da" else ".")
    lines = []
    if result.after:
        lines.append(say_in(after, ", ".join(result.after), len(result.proposals)))
    lines += [
        say_in(looked, result.open_bank, result.open_items, seconds),
        say_in(proposed, len(result.proposals), len(result.auto)),
    ]
    if result.revised or result.withdrawn:
        earlier = QT_TRANSLATE_NOOP(
            "CLI",
            "earlier proposals: {0} revised, {1} withdrawn (no longer the best), {2} unchanged",
        )
        lines.append(say_in(earlier, len(result.revised), len(result.withdrawn), result.unchanged))
    layer_line = QT_TRANSLATE_NOOP("CLI", "  {0:<14} {1:>7} proposed {2:>7} safe")
    for layer in result.layers:
        if layer.proposed:
            lines.append(say_in(layer_line, layer.layer, layer.proposed, layer.auto))
    unmatched = QT_TRANSLATE_NOOP("CLI", "still unmatched: {0} bank entries, {1} items")
    lines.append(say_in(unmatched, result.unmatched_bank, result.unmatched_items))
    return "\n".join(lines)
