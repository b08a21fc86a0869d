"""`econdesk post [--dry-run] [--json] [MATCH_ID ...]`: approved matches become vouchers.

`--dry-run` prints, for each approved match (or each named one, proposed and parked too), the
exact lines and request body that would be sent (the same code builds both) and writes
nothing: no claim, no audit event, no request other than reading the agreement's chart. Without
it, each match ends posted (with its voucher number) or still approved with the reason; the
exit code is 1 when any did not post.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from econdesk.cli.context import Context
from econdesk.domain.money import normalise_currency
from econdesk.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from econdesk.accounting.effect import ClearingLeft, VoucherEffect
    from econdesk.accounting.vouchers import PreparedLine, PreparedVoucher
    from econdesk.services.posting import MatchOutcome, PostReport, Preview, SummaryNote

Say = Callable[..., str]  # a catalogue text in the user's language (Context.say)


def _english(source: str, *values: object) -> str:
    return source.format(*values)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "post",
        help=QT_TRANSLATE_NOOP(
            "CLI help", "post approved matches as vouchers to the configured e-conomic journal"
        ),
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help=QT_TRANSLATE_NOOP("CLI help", "print the vouchers that would be sent; send none"),
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help=QT_TRANSLATE_NOOP("CLI help", "print JSON instead of text"),
    )
    parser.add_argument(
        "--rate",
        action="append",
        default=[],
        metavar="CUR=RATE",
        type=_rate,
        help=QT_TRANSLATE_NOOP(
            "CLI help",
            "exchange rate for a foreign deposit whose bank line has no base-currency amount, "
            "in base currency per 100 units (e-conomic's way), e.g. EUR=746.10; repeatable",
        ),
    )
    parser.add_argument(
        "--mark-paid",
        action="store_true",
        help=QT_TRANSLATE_NOOP(
            "CLI help",
            "after posting, mark the open invoices the posted transfers paid as paid offline "
            "in their platform (only where [providers.NAME] mark_paid_offline = true)",
        ),
    )
    parser.add_argument(
        "match_ids",
        nargs="*",
        metavar="MATCH_ID",
        help=QT_TRANSLATE_NOOP(
            "CLI help", "only these approved matches (with --dry-run also proposed or parked ones)"
        ),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from econdesk.connectors import eventloop

    config = ctx.config
    if config.posting.book and not config.economic.journals_url:
        ctx.warn("posting.book is on without economic.journals_url: using the public Journals API")
    service = ctx.services.posting(exchange_rates=dict(args.rate))
    ids = list(args.match_ids) or None
    if args.dry_run:
        preview = eventloop.run(service.preview(ids))
        ctx.print(_preview_json(preview) if args.json else preview_text(preview, ctx.say))
        return 1 if preview.refused else 0
    report = eventloop.run(service.post(ids))
    ctx.print(_report_json(report) if args.json else report_text(report, ctx.say))
    marked_ok = _mark_paid(ctx, ids) if args.mark_paid else True
    if not report.ok:
        ctx.warn(_failure_line(report, ctx.say))
        return 1
    return 0 if marked_ok else 1


def _mark_paid(ctx: Context, ids: list[str] | None) -> bool:
    """Mark the open invoices posted transfers paid as paid offline; False if any failed."""
    from econdesk.connectors import eventloop

    allowed = [
        name for name, p in ctx.config.providers.items() if getattr(p, "mark_paid_offline", False)
    ]
    if not allowed:
        ctx.warn("--mark-paid: no [providers.NAME] has mark_paid_offline = true; nothing marked")
        return True
    marked = eventloop.run(ctx.services.invoice_marking().mark(ids))
    for m in marked:
        outcome = f"now {m.state}" if m.error is None else f"not marked: {m.error}"
        ctx.print(f"{m.match_id}  {m.provider} invoice {m.invoice} paid offline: {outcome}")
    if not marked:
        ctx.print("no open invoice of a posted match is left to mark paid")
    return all(m.error is None for m in marked)


def _rate(text: str) -> tuple[str, Decimal]:
    """`EUR=746.10` -> ("EUR", Decimal("746.10")); argparse turns a ValueError into exit 2."""
    wrong = argparse.ArgumentTypeError(f"expected CUR=RATE such as EUR=746.10, got {text!r}")
    code, sep, value = text.partition("=")
    try:
        rate = Decimal(value.strip())
        currency = normalise_currency(code)
    except (InvalidOperation, ValueError):
        raise wrong from None
    if not sep or not rate.is_finite() or rate <= 0:
        raise wrong
    return currency, rate


# -- text ---------------------------------------------------------------------------------------


# The names the preview's columns show, by the role, account kind or reason they stand for:
# English shows the name itself, as it always has; the catalogue has the other languages.
_NAMES = frozenset(
    (
        QT_TRANSLATE_NOOP("CLI", "bank"),
        QT_TRANSLATE_NOOP("CLI", "revenue"),
        QT_TRANSLATE_NOOP("CLI", "refund"),
        QT_TRANSLATE_NOOP("CLI", "chargeback"),
        QT_TRANSLATE_NOOP("CLI", "customer_payment"),
        QT_TRANSLATE_NOOP("CLI", "fee"),
        QT_TRANSLATE_NOOP("CLI", "adjustment"),
        QT_TRANSLATE_NOOP("CLI", "difference"),
        QT_TRANSLATE_NOOP("CLI", "rounding"),
        QT_TRANSLATE_NOOP("CLI", "exchange"),
        QT_TRANSLATE_NOOP("CLI", "transfer"),
        QT_TRANSLATE_NOOP("CLI", "reserve"),
        QT_TRANSLATE_NOOP("CLI", "posting"),
        QT_TRANSLATE_NOOP("CLI", "clearing"),
        QT_TRANSLATE_NOOP("CLI", "debtor"),
        QT_TRANSLATE_NOOP("CLI", "vat"),
        QT_TRANSLATE_NOOP("CLI", "exchange_difference"),
        QT_TRANSLATE_NOOP("CLI", "other"),
        QT_TRANSLATE_NOOP("CLI", "deposit"),
        QT_TRANSLATE_NOOP("CLI", "integration"),
        QT_TRANSLATE_NOOP("CLI", "sales"),
    )
)


def _name(value: str, say: Say) -> str:
    """A role's, kind's or reason's name; one this preview does not know shows as it is."""
    return say(value) if value in _NAMES else value


def voucher_text(
    prepared: PreparedVoucher, effect: VoucherEffect | None = None, say: Say = _english
) -> str:
    from econdesk.connectors.jsonio import dumps  # start-up: not for --version

    v = prepared.voucher
    rate = (
        say(QT_TRANSLATE_NOOP("CLI", " at {0} per 100"), prepared.exchange_rate)
        if prepared.exchange_rate is not None
        else ""
    )
    head = say(
        QT_TRANSLATE_NOOP("CLI", "{0}  {1}  deposit {2}{3}  {4} profile  journal {5}, year {6}"),
        v.match_id, prepared.provider, prepared.deposit, rate, prepared.profile.value,
        v.journal, v.accounting_year,
    )  # fmt: skip
    marker = say(QT_TRANSLATE_NOOP("CLI", "  marker {0}"), v.marker)
    rows = [_line_text(p, say) for p in prepared.lines]
    notes = [say(QT_TRANSLATE_NOOP("CLI", "  note: {0}"), w) for w in prepared.warnings]
    body = say(QT_TRANSLATE_NOOP("CLI", "  request body: {0}"), dumps(prepared.body))
    return "\n".join([head, marker, *rows, *effect_text(effect, say), *notes, body])


def _line_text(p: PreparedLine, say: Say) -> str:
    line = p.line
    own = (
        say(QT_TRANSLATE_NOOP("CLI", "customer {0}"), line.customer_number)
        if line.customer_number
        else f"{line.account}"
    )
    vat = f" {line.vat_code}" if line.vat_code else ""
    split = say(QT_TRANSLATE_NOOP("CLI", " (VAT {0})"), p.vat.format()) if p.vat is not None else ""
    base = f" = {line.amount_base}" if line.amount_base is not None else ""
    contra = say(QT_TRANSLATE_NOOP("CLI", "contra {0}"), line.contra_account)
    role = _name(p.role.value, say)
    return f"  {role:<16} {own:<14}{vat:<6} {line.amount!s:>16}{base}{split}  {contra}  {line.text}"


def effect_text(effect: VoucherEffect | None, say: Say = _english) -> list[str]:
    """The voucher's effect per account, and what stays on each clearing account."""
    if effect is None:
        return []
    rows = [say(QT_TRANSLATE_NOOP("CLI", "  effect per account:"))]
    for a in effect.accounts:
        where = (
            say(QT_TRANSLATE_NOOP("CLI", "customer {0}"), a.customer)
            if a.customer is not None
            else str(a.account or "?")
        )
        debit = a.debit.format() if a.debit else ""
        credit = a.credit.format() if a.credit else ""
        other = f" {a.debit.currency}" if a.debit.currency != effect.currency else ""
        kind = _name(a.kind.value, say)
        rows.append(f"    {kind:<20} {where:<14} {a.name[:28]:<28} {debit:>14} {credit:>14}{other}")
    total = say(QT_TRANSLATE_NOOP("CLI", "total"))
    rows.append(f"    {total:<64} {effect.debit.format():>14} {effect.credit.format():>14}")
    return rows + [f"  {clearing_left_text(c, say)}" for c in effect.clearing]


def clearing_left_text(c: ClearingLeft, say: Say = _english) -> str:
    """One line: what stays on the clearing account for this payout, and why."""
    currency = c.voucher.currency
    stays = QT_TRANSLATE_NOOP("CLI", "stays on clearing account {0}: {1} {2}")
    if c.is_zero:
        return say(stays, c.account, "0.00", currency)
    parts = [f"{_name(b.reason.value, say)} {b.amount.format()}" for b in c.before]
    parts.append(say(QT_TRANSLATE_NOOP("CLI", "this voucher {0}"), c.voucher.format()))
    text = say(stays, c.account, c.left.format(), currency) + f" ({' + '.join(parts)})"
    if c.deposit_outside_books:
        text += say(
            QT_TRANSLATE_NOOP("CLI", "; the deposit is not yet on the bank account in e-conomic")
        )
    return text


def preview_text(preview: Preview, say: Say = _english) -> str:
    parts = [voucher_text(p, preview.effects.get(p.match_id), say) for p in preview.vouchers]
    refused = QT_TRANSLATE_NOOP("CLI", "{0}  cannot be posted: {1}")
    parts += [say(refused, o.match_id, o.reason) for o in preview.refused]
    if not parts:
        return say(QT_TRANSLATE_NOOP("CLI", "nothing to post: no approved matches"))
    summary = say(
        QT_TRANSLATE_NOOP(
            "CLI",
            "{0} voucher(s) would be posted (mappings version {1}); dry run, nothing sent",
        ),
        len(preview.vouchers),
        preview.mappings_version,
    )
    return "\n\n".join([*parts, summary])


def report_text(report: PostReport, say: Say = _english) -> str:
    from econdesk.services.posting import Outcome  # start-up: loads httpx

    lines = []
    for o in report.outcomes:
        if o.match_id in report.summaries:
            lines.append(_summary_line(o, report.summaries[o.match_id], say))
        elif o.outcome is Outcome.POSTED and o.voucher is not None:
            voucher = f"{o.voucher.year}-{o.voucher.number}"
            posted = (
                QT_TRANSLATE_NOOP(
                    "CLI",
                    "{0}  posted as voucher {1} (found in e-conomic after an interrupted run)",
                )
                if o.recovered
                else QT_TRANSLATE_NOOP("CLI", "{0}  posted as voucher {1}")
            )
            lines.append(say(posted, o.match_id, voucher))
        else:
            outcome = say(OUTCOME_TEXT.get(o.outcome.value, o.outcome.value))
            lines.append(say("{0}  {1}: {2}", o.match_id, outcome, o.reason or ""))
    if report.booked_entries:
        booked = QT_TRANSLATE_NOOP("CLI", "booked {0} draft entries")
        lines.append(say(booked, len(report.booked_entries)))
    if report.booking_error:
        lines.append(say("{0}", report.booking_error))
    if report.cancelled:
        lines.append(
            say(QT_TRANSLATE_NOOP("CLI", "cancelled: the remaining matches stay approved"))
        )
    attached = QT_TRANSLATE_NOOP("CLI", "{0}  bilag attached")
    recovered = QT_TRANSLATE_NOOP("CLI", "{0}  bilag found in e-conomic, not sent again")
    failed = QT_TRANSLATE_NOOP("CLI", "{0}  bilag not attached: {1}")
    lines += [say(attached, m) for m in report.bilag.attached]
    lines += [say(recovered, m) for m in report.bilag.recovered]
    lines += [say(failed, m, why) for m, why in report.bilag.failed]
    if not report.outcomes:
        lines.append(say(QT_TRANSLATE_NOOP("CLI", "nothing to post: no approved matches")))
    return "\n".join(lines)


# The outcomes other than posted, as a bookkeeper reads them (services/posting.py Outcome).
OUTCOME_TEXT = {
    "unposted": QT_TRANSLATE_NOOP("CLI", "not posted"),
    "in_doubt": QT_TRANSLATE_NOOP("CLI", "in doubt"),
    "busy": QT_TRANSLATE_NOOP("CLI", "busy"),
    "posted": QT_TRANSLATE_NOOP("CLI", "posted"),
}


def _summary_line(outcome: MatchOutcome, note: SummaryNote, say: Say) -> str:
    """One daily sales summary's outcome, in the user's language."""
    what = say(
        QT_TRANSLATE_NOOP("CLI", "{0}  daily sales summary {1} {2}: {3} sale(s)"),
        outcome.match_id,
        note.provider,
        note.day.isoformat(),
        note.items,
    )
    if note.sequence:
        what += say(QT_TRANSLATE_NOOP("CLI", " (supplement {0})"), note.sequence)
    if outcome.voucher is not None:
        voucher = f"{outcome.voucher.year}-{outcome.voucher.number}"
        return what + say(QT_TRANSLATE_NOOP("CLI", ", posted as voucher {0}"), voucher)
    return what + say(QT_TRANSLATE_NOOP("CLI", ", not posted: {0}"), outcome.reason or "")


def _failure_line(report: PostReport, say: Say = _english) -> str:
    from econdesk.services.posting import Outcome  # start-up: loads httpx

    stuck = [o for o in report.outcomes if o.outcome in (Outcome.UNPOSTED, Outcome.IN_DOUBT)]
    # A daily sales summary ("s-…"), or a day that could not be summarised ("stripe 2026-…").
    sales = [o for o in stuck if o.match_id in report.summaries or " " in o.match_id]
    matches = len(stuck) - len(sales)
    if matches:
        return say(
            QT_TRANSLATE_NOOP(
                "CLI", "{0} match(es) not posted; they stay approved (see the reasons above)"
            ),
            matches,
        )
    if sales:
        return say(
            QT_TRANSLATE_NOOP(
                "CLI", "{0} daily sales summary(ies) not posted (see the reasons above)"
            ),
            len(sales),
        )
    if report.bilag.failed:
        return say(
            QT_TRANSLATE_NOOP("CLI", "{0} bilag not attached; the next post attaches them"),
            len(report.bilag.failed),
        )
    return report.booking_error or say(QT_TRANSLATE_NOOP("CLI", "posting did not finish"))


# -- JSON ---------------------------------------------------------------------------------------


def _report_json(report: PostReport) -> str:
    return json.dumps(
        {
            "mappings_version": report.mappings_version,
            "outcomes": [
                {
                    "id": o.match_id,
                    "outcome": o.outcome.value,
                    "voucher": None
                    if o.voucher is None
                    else {
                        "journal": o.voucher.journal,
                        "year": o.voucher.year,
                        "number": o.voucher.number,
                    },
                    "reason": o.reason,
                    "recovered": o.recovered,
                }
                for o in report.outcomes
            ],
            "booked_entries": list(report.booked_entries),
            "booking_error": report.booking_error,
            "bilag": {
                "attached": report.bilag.attached,
                "recovered": report.bilag.recovered,
                "failed": [{"id": m, "reason": why} for m, why in report.bilag.failed],
            },
            "summaries": [
                {
                    "id": summary_id,
                    "provider": note.provider,
                    "day": note.day.isoformat(),
                    "sequence": note.sequence,
                    "items": note.items,
                }
                for summary_id, note in report.summaries.items()
            ],
        },
        indent=2,
    )


def _effect_json(effect: VoucherEffect | None) -> dict[str, Any] | None:
    """The effect per account and the clearing accounts' rest; amounts as exact strings."""
    if effect is None:
        return None
    return {
        "currency": effect.currency,
        "accounts": [
            {
                "kind": a.kind.value,
                "account": a.account,
                "customer": a.customer,
                "name": a.name,
                "debit": a.debit.format(),
                "credit": a.credit.format(),
                "currency": a.debit.currency,
            }
            for a in effect.accounts
        ],
        "clearing": [
            {
                "account": c.account,
                "left": c.left.format(),
                "voucher": c.voucher.format(),
                "before": [
                    {
                        "reason": b.reason.value,
                        "amount": b.amount.format(),
                        "sources": list(b.sources),
                    }
                    for b in c.before
                ],
                "deposit_outside_books": c.deposit_outside_books,
            }
            for c in effect.clearing
        ],
    }


def _preview_json(preview: Preview) -> str:
    from econdesk.connectors.jsonio import dumps  # start-up: not for --version

    # Bodies go through the exact writer (Decimal as JSON numbers), the rest as plain JSON.
    vouchers = [
        {
            "id": p.match_id,
            "marker": p.marker,
            "profile": p.profile.value,
            "deposit": p.deposit.format(),
            "currency": p.deposit.currency,
            "lines": [
                {
                    "role": line.role.value,
                    "amount": line.line.amount.format(),
                    "currency": line.line.amount.currency,
                    "account": line.line.account,
                    "customer": line.line.customer_number,
                    "contra_account": line.line.contra_account,
                    "vat_code": line.line.vat_code,
                    "text": line.line.text,
                    "sources": list(line.sources),
                }
                for line in p.lines
            ],
            "warnings": list(p.warnings),
            "effect": _effect_json(preview.effects.get(p.match_id)),
            "body": "__BODY__",
        }
        for p in preview.vouchers
    ]
    text = json.dumps(
        {
            "mappings_version": preview.mappings_version,
            "vouchers": vouchers,
            "refused": [{"id": o.match_id, "reason": o.reason} for o in preview.refused],
        },
        indent=2,
    )
    for p in preview.vouchers:
        text = text.replace('"__BODY__"', dumps(p.body), 1)
    return text
