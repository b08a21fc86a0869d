"""The exchange rate for a sale's date: stored once fetched, Nationalbanken first, ECB after.

`ExchangeRates.rate("EUR", day)` answers DKK per 100 units for `day`: the rate published on
the day's publication day, the last Danish bank day on or before it (so a weekend or a Danish
bank holiday takes the day before's), Nationalbanken's where stored, else the ECB's; with
neither for that day, the last one published before it. What the store holds answers first;
only what it cannot settle is fetched, once:
Nationalbanken's latest day, then the ECB's last 90 days (or its whole history for an older
day), each stored with its date and source (docs/booking-modes.md). No rate on or before the
day is a `RateUnavailable` naming the currency and the day.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from econdesk.connectors.rates import DailyRates
from econdesk.domain.bankdays import is_bank_day
from econdesk.domain.money import normalise_currency
from econdesk.errors import EcondeskError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say
from econdesk.storage import Database, Store
from econdesk.storage.repos.rates import StoredRate

BASE = "DKK"
ECB_RECENT_DAYS = 85  # a day this recent is inside the ECB's 90-day document


class RateUnavailable(EcondeskError):
    """No published rate on or before the day asked for."""


@dataclass(frozen=True, slots=True)
class RateFeeds:
    """Where rates come from: Nationalbanken's latest day; the ECB's "daily", "90d" or
    "history" document. Plain callables, so the service stays synchronous and testable; the
    composition root's `rate_feeds` builds them over HTTP."""

    nationalbanken_latest: Callable[[], list[DailyRates]]
    ecb: Callable[[str], list[DailyRates]]


def _stored(days: list[DailyRates]) -> list[StoredRate]:
    return [StoredRate(c, d.day, d.source, r) for d in days for c, r in d.per_100.items()]


def publication_day(day: date) -> date:
    """The last Danish bank day on or before `day`: the day whose rate `day` takes."""
    while not is_bank_day(day):
        day -= timedelta(days=1)
    return day


class ExchangeRates:
    def __init__(
        self, db: Database, feeds: RateFeeds, *, today: Callable[[], date] = date.today
    ) -> None:
        self.db = db
        self.feeds = feeds
        self.today = today
        # Contiguous windows fetched in this session: (source, first day, last day). Within
        # one, a day without a publication of that source really had none.
        self._windows: list[tuple[str, date, date]] = []
        self._fetched: set[str] = set()

    def rate(self, currency: str, day: date) -> StoredRate:
        """DKK per 100 units of `currency` for `day` (see the module docstring)."""
        code = normalise_currency(currency)
        if code == BASE:
            return StoredRate(BASE, day, "identity", Decimal(100))
        with self.db.reader() as store:
            hit = self._settled(store, code, day)
        if hit is not None:
            return hit
        for step in self._plan(day):
            if step in self._fetched:
                continue
            self._fetch(step)
            with self.db.reader() as store:
                hit = self._settled(store, code, day)
            if hit is not None:
                return hit
        unpublished = QT_TRANSLATE_NOOP(
            "CLI", "no {0} exchange rate published on or before {1} (Danmarks Nationalbank, ECB)"
        )
        raise RateUnavailable(say(unpublished, code, day.isoformat()))

    def _settled(self, store: Store, code: str, day: date) -> StoredRate | None:
        """The stored rate that answers for `day`, if the store can tell for certain."""
        wanted = publication_day(day)
        row = store.rates.on_or_before(code, wanted)
        if row is None:
            return None
        if row.day == wanted:
            return row
        for source, first, last in self._windows:
            if first <= wanted <= last:  # that source published nothing for it since row.day
                mine = store.rates.on_or_before(code, wanted, source=source)
                if mine is not None and mine.day >= first:
                    return row
        return None

    def _plan(self, day: date) -> list[str]:
        recent = (self.today() - day).days <= ECB_RECENT_DAYS
        return ["nationalbanken", "ecb:90d" if recent else "ecb:history"]

    def _fetch(self, step: str) -> None:
        self._fetched.add(step)
        if step == "nationalbanken":
            days = self.feeds.nationalbanken_latest()
        else:
            days = self.feeds.ecb(step.split(":", 1)[1])
        if not days:
            return
        ordered = sorted(d.day for d in days)
        self._windows.append((days[0].source, ordered[0], ordered[-1]))
        # Rates are written once and never changed, with no audit event: storing them takes
        # row locks only, not the writer lock colleagues' approvals wait for.
        with self.db.transaction(row_locks_only=True) as store:
            store.rates.add(_stored(days))
