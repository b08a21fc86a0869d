"""The dashboard's figures from a loaded period: matched, proposed and open amounts, match rate.

Exact sums (Decimal) per day of the bank entries and per platform source of the platform lines.
"Matched" means held by an approved or posted match, "proposed" by a proposed or parked one,
"open" by none (a rejected proposal leaves its lines open). Only platform money is counted
there: the bank lines a rule (or the bookkeeper) set aside as rent, wages, tax... are summed
apart, per label, and take no part in the match rates.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from econdesk.domain.model import Match, MatchState
from econdesk.qt.models.items import line_date, line_net
from econdesk.qt.workspace import Snapshot

MATCHED, PROPOSED, OPEN = "matched", "proposed", "open"
SERIES = (MATCHED, PROPOSED, OPEN)


def bucket(match: Match | None) -> str:
    if match is None:
        return OPEN
    if match.state in (MatchState.APPROVED, MatchState.POSTED):
        return MATCHED
    return PROPOSED


@dataclass
class Figures:
    currency: str = "DKK"
    by_day: dict[date, dict[str, Decimal]] = field(default_factory=dict)
    by_source: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SERIES, 0))
    amounts: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(SERIES, Decimal(0)))
    other_currencies: int = 0  # bank lines left out because they are in another currency
    # Bank lines set aside as not platform money, per label: count and size of the amounts.
    aside_counts: dict[str, int] = field(default_factory=dict)
    aside_amounts: dict[str, Decimal] = field(default_factory=dict)

    @property
    def aside_total(self) -> int:
        return sum(self.aside_counts.values())

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def match_rate(self) -> float:
        """Share of bank lines matched (a ratio for a chart, not money)."""
        return self.counts[MATCHED] / self.total if self.total else 0.0

    @property
    def amount_rate(self) -> float:
        total = sum(self.amounts.values())
        return float(self.amounts[MATCHED] / total) if total else 0.0


def figures(snapshot: Snapshot, currency: str | None = None) -> Figures:
    """Sums in one currency (the most common one among the bank lines, unless given)."""
    if currency is None:
        seen: dict[str, int] = defaultdict(int)
        for entry in snapshot.bank:
            seen[entry.amount.currency] += 1
        currency = max(seen, key=seen.__getitem__) if seen else "DKK"
    out = Figures(currency=currency)
    holder = snapshot.claims.holder
    for entry in snapshot.bank:
        if entry.amount.currency != currency:
            out.other_currencies += 1
            continue
        if not snapshot.period.contains(entry.entry_date):
            continue
        amount = abs(entry.amount.amount)
        label = snapshot.aside.get(entry.ref)
        if label is not None and entry.ref not in holder:
            out.aside_counts[label] = out.aside_counts.get(label, 0) + 1
            out.aside_amounts[label] = out.aside_amounts.get(label, Decimal(0)) + amount
            continue
        kind = bucket(holder.get(entry.ref))
        day = out.by_day.setdefault(entry.entry_date, dict.fromkeys(SERIES, Decimal(0)))
        day[kind] += amount
        out.counts[kind] += 1
        out.amounts[kind] += amount
    for line in snapshot.lines:
        if line.currency != currency or not snapshot.period.contains(line_date(line)):
            continue
        kind = bucket(holder.get(line.ref))
        source = out.by_source.setdefault(line.provider, dict.fromkeys(SERIES, Decimal(0)))
        source[kind] += abs(line_net(line).amount)
    out.by_day = dict(sorted(out.by_day.items()))
    out.by_source = dict(sorted(out.by_source.items()))
    return out
