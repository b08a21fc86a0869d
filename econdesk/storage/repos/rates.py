"""Published exchange rates (DKK per 100 units), kept exactly as fetched, once per day and source.

A rate is never changed: a second publication of the same (currency, date, source) is ignored,
so fetching a window that overlaps what is stored adds only the days that are new.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from econdesk.storage.models import ExchangeRateRow
from econdesk.storage.repos._upsert import insert_or_update

# Where two sources published a rate for the same day, the first named here is the one used.
SOURCE_PREFERENCE = ("nationalbanken", "ecb")


@dataclass(frozen=True, slots=True)
class StoredRate:
    currency: str
    day: date  # the publication day the rate belongs to
    source: str
    per_100: Decimal  # DKK per 100 units of `currency`


def _preference(source: str) -> int:
    return (
        SOURCE_PREFERENCE.index(source) if source in SOURCE_PREFERENCE else len(SOURCE_PREFERENCE)
    )


class ExchangeRateRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, rates: Iterable[StoredRate]) -> int:
        """Store the rates not stored yet; returns how many were new (a rate a colleague
        stored at the same moment may be counted, and is not stored twice)."""
        wanted = {(r.currency, r.day, r.source): r for r in rates}
        if not wanted:
            return 0
        days = {d for _, d, _ in wanted}
        rows = self.session.execute(
            select(ExchangeRateRow.currency, ExchangeRateRow.rate_date, ExchangeRateRow.source)
            .where(ExchangeRateRow.rate_date >= min(days))
            .where(ExchangeRateRow.rate_date <= max(days))
        )
        have = {(currency, day, source) for currency, day, source in rows}
        now = datetime.now(UTC)
        new = [r for key, r in sorted(wanted.items()) if key not in have]
        # One multi-row INSERT that leaves alone a rate a colleague stored meanwhile; in key
        # order, so two stores of overlapping windows take their row locks in one order.
        insert_or_update(
            self.session,
            ExchangeRateRow,
            [
                {
                    "currency": r.currency,
                    "rate_date": r.day,
                    "source": r.source,
                    "rate_per_100": f"{r.per_100:f}",
                    "fetched_at": now,
                }
                for r in new
            ],
            key=("currency", "rate_date", "source"),
        )
        return len(new)

    def on_or_before(
        self, currency: str, day: date, *, source: str | None = None
    ) -> StoredRate | None:
        """The rate of the latest publication day at or before `day` (of `source`, or of any
        with the preferred source first)."""
        where = [ExchangeRateRow.currency == currency]
        if source is not None:
            where.append(ExchangeRateRow.source == source)
        latest = self.session.scalar(
            select(func.max(ExchangeRateRow.rate_date)).where(
                *where, ExchangeRateRow.rate_date <= day
            )
        )
        if latest is None:
            return None
        rows = self.session.scalars(
            select(ExchangeRateRow).where(*where, ExchangeRateRow.rate_date == latest)
        ).all()
        best = min(rows, key=lambda r: _preference(r.source))
        return StoredRate(best.currency, best.rate_date, best.source, Decimal(best.rate_per_100))
