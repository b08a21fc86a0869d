"""`econdesk status`: what the store holds, by source and match state, with exact sums."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from econdesk.domain import MatchState
from econdesk.i18n import QT_TRANSLATE_NOOP, formats
from econdesk.i18n.message import say
from econdesk.storage import REVERSAL_KIND, Database, StateTotal, Store
from econdesk.storage.audit import count_events
from econdesk.storage.models import PostingRow
from econdesk.storage.repos.posting_state import PostingStatus

STATE_ORDER = ("unmatched", "set_aside", *(s.value for s in MatchState))


@dataclass(frozen=True, slots=True)
class StatusReport:
    database: str  # display URL, password hidden
    totals: tuple[StateTotal, ...]
    matches: dict[str, int]  # match count per state
    synced: dict[str, datetime]  # source -> when its cursor last moved
    audit_events: int
    # reversal vouchers posted: each cancels an earlier voucher of a match, which is then
    # proposed again (or posted again, and counted as posted)
    reversals: int = 0


def status_report(db: Database) -> StatusReport:
    with db.reader() as store:
        totals = sorted(
            store.stats.by_source_and_state(),
            key=lambda t: (t.side, t.source, STATE_ORDER.index(t.state), t.amount.currency),
        )
        cursors = {
            source: at
            for source in store.cursors.all()
            if (at := store.cursors.updated_at(source)) is not None
        }
        return StatusReport(
            database=db.display_url,
            totals=tuple(totals),
            matches={s.value: n for s, n in store.matches.count_by_state().items()},
            synced=cursors,
            audit_events=count_events(store.session),
            reversals=_reversals(store),
        )


def _reversals(store: Store) -> int:
    query = select(func.count()).where(
        PostingRow.kind == REVERSAL_KIND, PostingRow.status == PostingStatus.POSTED.value
    )
    return int(store.session.scalar(query) or 0)


def status_json(report: StatusReport) -> dict[str, Any]:
    """The `status --json` document; amounts are strings with the currency's decimals."""
    return {
        "database": report.database,
        "totals": [
            {
                "side": t.side,
                "source": t.source,
                "state": t.state,
                "count": t.count,
                "amount": t.amount.format(),
                "currency": t.amount.currency,
            }
            for t in report.totals
        ],
        "matches": report.matches,
        "synced": {k: v.isoformat() for k, v in sorted(report.synced.items())},
        "audit_events": report.audit_events,
        "reversals": report.reversals,
    }


def status_text(report: StatusReport, language: str = "en") -> str:
    """The status as lines of text in `language` (figures as that language writes them)."""

    def say_in(source: str, *values: object) -> str:
        return say(source, *values).render(language)

    lines = [say_in(QT_TRANSLATE_NOOP("CLI", "database: {0}"), report.database)]
    if not report.totals:
        lines.append(say_in(QT_TRANSLATE_NOOP("CLI", "nothing synced yet (run `econdesk sync`)")))
    else:
        columns = "{0:<7} {1:<16} {2:<10} {3:>8} {4:>18}"
        titles = (QT_TRANSLATE_NOOP("CLI", "side"), QT_TRANSLATE_NOOP("CLI", "source"),
                  QT_TRANSLATE_NOOP("CLI", "state"), QT_TRANSLATE_NOOP("CLI", "count"),
                  QT_TRANSLATE_NOOP("CLI", "amount"))  # fmt: skip
        header = columns.format(*(say_in(t) for t in titles))
        lines += ["", header, "-" * len(header)]
        for t in report.totals:
            amount = f"{formats.money(t.amount, language)} {t.amount.currency}"
            lines.append(columns.format(t.side, t.source, t.state, t.count, amount))
    counts = ", ".join(f"{state} {n}" for state, n in report.matches.items())
    lines += ["", say_in(QT_TRANSLATE_NOOP("CLI", "matches: {0}"), counts)]
    if report.reversals:
        reversed_ = QT_TRANSLATE_NOOP("CLI", "reversal vouchers posted: {0}")
        lines.append(say_in(reversed_, report.reversals))
    for source, at in sorted(report.synced.items()):
        when = f"{at:%Y-%m-%d %H:%M}"
        lines.append(say_in(QT_TRANSLATE_NOOP("CLI", "last sync {0}: {1} UTC"), source, when))
    lines.append(say_in(QT_TRANSLATE_NOOP("CLI", "audit log: {0} events"), report.audit_events))
    return "\n".join(lines)
