"""`econdesk rules list|add|remove|set-aside|release`: the bank lines that are not platform money.

`list [--json] [--suggest]` shows each rule with how many lines it caught (and, with
`--suggest`, rules the bookkeeper's own repeated decisions suggest); `add` keeps a rule and
sets aside the open lines it catches at once; `remove ID` gives its lines back to the review
queue; `set-aside REF... --label L` and `release REF...` decide single lines by hand.
"""

from __future__ import annotations

import argparse
import json
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from econdesk.cli.context import Context
from econdesk.domain.rules import Sign
from econdesk.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from econdesk.domain.rules import Suggestion
    from econdesk.services.rules import RuleCount


LABEL_HELP = QT_TRANSLATE_NOOP(
    "CLI help", "rent, wages, tax, vat, bank_fees, supplier, transfer, loan, other, or your own"
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "rules",
        help=QT_TRANSLATE_NOOP(
            "CLI help", "rules that mark bank lines as not platform money (rent, wages, tax …)"
        ),
    )
    commands = parser.add_subparsers(dest="rules_command", required=True, metavar="COMMAND")
    _register_list(commands)
    _register_add(commands)
    _register_remove(commands)
    _register_set_aside(commands)
    _register_release(commands)


def _register_list(commands: Any) -> None:
    listing = commands.add_parser(
        "list", help=QT_TRANSLATE_NOOP("CLI help", "the rules and how many lines each caught")
    )
    listing.add_argument(
        "--json", action="store_true", help=QT_TRANSLATE_NOOP("CLI help", "print JSON")
    )
    listing.add_argument(
        "--suggest",
        action="store_true",
        help=QT_TRANSLATE_NOOP("CLI help", "also the rules your repeated decisions suggest"),
    )
    listing.set_defaults(func=run_list)


def _register_add(commands: Any) -> None:
    add = commands.add_parser(
        "add",
        help=QT_TRANSLATE_NOOP("CLI help", "add a rule; it sets aside the open lines it catches"),
    )
    add.add_argument("--label", required=True, help=LABEL_HELP)
    add.add_argument(
        "--contains",
        default="",
        help=QT_TRANSLATE_NOOP("CLI help", "the bank text contains this (any case)"),
    )
    add.add_argument(
        "--pattern",
        default="",
        help=QT_TRANSLATE_NOOP("CLI help", "the bank text matches this regex"),
    )
    add.add_argument(
        "--counterparty",
        default="",
        help=QT_TRANSLATE_NOOP("CLI help", "the counterparty's name contains this"),
    )
    add.add_argument(
        "--min", type=_amount, help=QT_TRANSLATE_NOOP("CLI help", "the amount's size at least this")
    )
    add.add_argument(
        "--max", type=_amount, help=QT_TRANSLATE_NOOP("CLI help", "the amount's size at most this")
    )
    add.add_argument(
        "--currency",
        help=QT_TRANSLATE_NOOP(
            "CLI help", "the amount range's currency (default: the agreement's)"
        ),
    )
    add.add_argument(
        "--sign",
        choices=[s.value for s in Sign],
        help=QT_TRANSLATE_NOOP("CLI help", "money in or out only"),
    )
    add.add_argument(
        "--note", default="", help=QT_TRANSLATE_NOOP("CLI help", "a note kept with the rule")
    )
    add.add_argument(
        "--json", action="store_true", help=QT_TRANSLATE_NOOP("CLI help", "print JSON")
    )
    add.set_defaults(func=run_add)


def _register_remove(commands: Any) -> None:
    remove = commands.add_parser(
        "remove", help=QT_TRANSLATE_NOOP("CLI help", "remove a rule; its lines are open again")
    )
    remove.add_argument("rule_id", type=int, metavar="RULE_ID")
    remove.set_defaults(func=run_remove)


def _register_set_aside(commands: Any) -> None:
    aside = commands.add_parser(
        "set-aside", help=QT_TRANSLATE_NOOP("CLI help", "set open bank lines aside by hand")
    )
    aside.add_argument(
        "refs",
        nargs="+",
        metavar="BANK_REF",
        help=QT_TRANSLATE_NOOP("CLI help", "e.g. economic:4711"),
    )
    aside.add_argument("--label", required=True, help=LABEL_HELP)
    aside.set_defaults(func=run_set_aside)


def _register_release(commands: Any) -> None:
    release = commands.add_parser(
        "release", help=QT_TRANSLATE_NOOP("CLI help", "bank lines set aside are open again")
    )
    release.add_argument("refs", nargs="+", metavar="BANK_REF")
    release.set_defaults(func=run_release)


def _amount(text: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"not an amount: {text!r}") from None
    if not value.is_finite() or value < 0:
        raise argparse.ArgumentTypeError(f"give the amount's size, 0 or more: {text!r}")
    return value


def rule_json(count: RuleCount) -> dict[str, Any]:
    from econdesk.services.rules import rule_payload

    return {**rule_payload(count.rule), "caught": count.caught}


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    service = ctx.services.rules()
    rules = service.rules()
    suggested = service.suggestions() if args.suggest else []
    if args.json:
        document: Any = [rule_json(r) for r in rules]
        if args.suggest:
            document = {"rules": document, "suggestions": [_suggestion_json(s) for s in suggested]}
        ctx.print(json.dumps(document, indent=2, ensure_ascii=False))
        return 0
    from econdesk.i18n.rule_labels import describe, label_name

    ctx.print(_table(rules, ctx.language) if rules else ctx.say(NO_RULES))
    for s in suggested:
        name, said = label_name(s.rule.label, ctx.language), describe(s.rule, ctx.language)
        ctx.print(ctx.say(SUGGESTED, name, said, len(s.evidence)))
    return 0


def run_add(args: argparse.Namespace, ctx: Context) -> int:
    from econdesk.domain.money import Money
    from econdesk.domain.rules import BankRule

    currency = args.currency or ctx.config.economic.currency
    rule = BankRule(
        label=args.label.strip(),
        contains=args.contains.strip(),
        pattern=args.pattern,
        counterparty=args.counterparty.strip(),
        minimum=None if args.min is None else Money.of(args.min, currency),
        maximum=None if args.max is None else Money.of(args.max, currency),
        sign=None if args.sign is None else Sign(args.sign),
        note=args.note,
    )
    added = ctx.services.rules().add(rule)
    if args.json:
        ctx.print(json.dumps(rule_json(added), indent=2, ensure_ascii=False))
    else:
        from econdesk.i18n.rule_labels import describe

        said = describe(added.rule, ctx.language)
        ctx.print(ctx.say(ADDED, added.rule.id, said, added.caught))
    return 0


def run_remove(args: argparse.Namespace, ctx: Context) -> int:
    removed = ctx.services.rules().remove(args.rule_id)
    ctx.print(ctx.say(REMOVED, removed.rule.id, removed.caught))
    return 0


def run_set_aside(args: argparse.Namespace, ctx: Context) -> int:
    done = ctx.services.rules().set_aside(args.refs, args.label)
    ctx.print(ctx.say(SET_ASIDE, len(done), args.label))
    return 0


def run_release(args: argparse.Namespace, ctx: Context) -> int:
    done = ctx.services.rules().release(args.refs)
    ctx.print(ctx.say(RELEASED, len(done)))
    return 0


def _table(rules: list[RuleCount], language: str) -> str:
    from econdesk.i18n.rule_labels import describe, label_name

    rows = [f"{'id':>4}  {'label':<26} {'caught':>6}  conditions"]
    for r in rules:
        name = label_name(r.rule.label, language)
        rows.append(f"{r.rule.id:>4}  {name:<26} {r.caught:>6}  {describe(r.rule, language)}")
    return "\n".join(rows)


def _suggestion_json(s: Suggestion) -> dict[str, Any]:
    from econdesk.services.rules import rule_payload

    return {
        **{k: v for k, v in rule_payload(s.rule).items() if k != "id"},
        "evidence": list(s.evidence),
        "would_catch": s.would_catch,
    }


NO_RULES = QT_TRANSLATE_NOOP("CLI", "no rules: every bank line is weighed as platform money")
SUGGESTED = QT_TRANSLATE_NOOP("CLI", "suggested: {0} when {1} ({2} of your decisions)")
ADDED = QT_TRANSLATE_NOOP("CLI", "rule {0} added ({1}); it set aside {2} open bank line(s)")
REMOVED = QT_TRANSLATE_NOOP("CLI", "rule {0} removed; {1} bank line(s) are open again")
SET_ASIDE = QT_TRANSLATE_NOOP("CLI", "{0} bank line(s) set aside as {1}")
RELEASED = QT_TRANSLATE_NOOP("CLI", "{0} bank line(s) are open again")
