"""`econdesk status`: what the store holds, by source and match state, with exact sums."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from econdesk.domain import MatchState
from econdesk.storage import Database, StateTotal
from econdesk.storage.audit import count_events

STATE_ORDER = ("unmatched", *(s.value for s in MatchState))


@dataclass(frozen=True, slots=True)
class StatusReport:
    database: str  # display URL, password hidden
    totals: tuple[StateTotal, ...]
    matches: dict[str, int]  # match count per state
    synced: dict[str, datetime]  # source -> when its cursor last moved
    audit_events: int


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
        )


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
    }


def status_text(report: StatusReport) -> str:
    lines = [f"database: {report.database}"]
    if not report.totals:
        lines.append("nothing synced yet (run `econdesk sync`)")
    else:
        header = f"{'side':<7} {'source':<16} {'state':<10} {'count':>8} {'amount':>18}"
        lines += ["", header, "-" * len(header)]
        for t in report.totals:
            amount = f"{t.amount.format()} {t.amount.currency}"
            lines.append(f"{t.side:<7} {t.source:<16} {t.state:<10} {t.count:>8} {amount:>18}")
    counts = ", ".join(f"{state} {n}" for state, n in report.matches.items())
    lines += ["", f"matches: {counts}"]
    for source, at in sorted(report.synced.items()):
        lines.append(f"last sync {source}: {at:%Y-%m-%d %H:%M} UTC")
    lines.append(f"audit log: {report.audit_events} events")
    return "\n".join(lines)
