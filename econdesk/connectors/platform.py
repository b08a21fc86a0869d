"""What every billing-platform connector hands the sync: validated pages over a date window.

A platform list is read page by page. Each `SourcePage` is complete and checked before it is
handed out (one malformed object fails the whole page, so nothing of it is stored), and it
carries the `resume` token that continues *after* it. The sync stores a page and its token in
one transaction; after a crash or a cancel it passes the token back and the connector goes on
from the next page. Windows are whole local days in the merchant's time zone, because that is
how a bookkeeper asks ("June") and how Frisbii's `from`/`to` work.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol
from zoneinfo import ZoneInfo

from econdesk.domain.model import Payout, PlatformItem
from econdesk.domain.money import Money

# Danish merchants: the accounting day ends at midnight in Copenhagen, not in UTC.
MERCHANT_TZ: tzinfo = ZoneInfo("Europe/Copenhagen")


def display_name(company: str | None, first: str | None, last: str | None) -> str | None:
    """How a bookkeeper names a customer: the company, else the person; None for neither."""
    person = " ".join(p for p in (first, last) if p)
    return company or person or None


def vat_inside(amount: Money, percent: Decimal) -> Money:
    """The VAT contained in an amount including VAT at `percent` (25 % -> a fifth).

    The net is rounded half up to the currency's minor unit and the VAT is the rest, so net
    plus VAT is exactly the amount; the sign follows the amount (a refund's VAT is negative).
    """
    gross = abs(amount.amount)
    quantum = Decimal(1).scaleb(-amount.exponent)
    net = (gross * 100 / (100 + percent)).quantize(quantum, rounding=ROUND_HALF_UP)
    vat = gross - net
    return Money(-vat if amount.is_negative() else vat, amount.currency)


@dataclass(frozen=True, slots=True)
class Window:
    """Local days `start` (inclusive) to `end` (exclusive) in `tz`."""

    start: date
    end: date
    tz: tzinfo = MERCHANT_TZ

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"empty window: {self.start} to {self.end}")

    @property
    def start_at(self) -> datetime:
        return datetime.combine(self.start, time(0), self.tz)

    @property
    def end_at(self) -> datetime:
        return datetime.combine(self.end, time(0), self.tz)

    @property
    def start_unix(self) -> int:
        return int(self.start_at.timestamp())

    @property
    def end_unix(self) -> int:
        return int(self.end_at.timestamp())

    def contains(self, moment: datetime) -> bool:
        return self.start_at <= moment < self.end_at

    def widened(self, days_before: int) -> Window:
        """The same window reaching `days_before` days further back (for late settlements)."""
        return Window(self.start - timedelta(days=days_before), self.end, self.tz)

    def key(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


@dataclass(frozen=True, slots=True)
class SourcePage:
    """One validated page: the items and payouts it yielded, and how to continue after it.

    `resume` is None on the last page of the stream; `requests` is how many HTTP requests
    the page took (list call plus look-ups), for progress and benchmarks. `lists_all_open`:
    the page is the provider's whole list of open invoices, so a stored open invoice it no
    longer lists has been paid (or cancelled) since and is closed (services/sync.py).
    """

    stream: str
    items: tuple[PlatformItem, ...] = ()
    payouts: tuple[Payout, ...] = ()
    resume: str | None = None
    requests: int = 1
    lists_all_open: bool = False


class PlatformSource(Protocol):
    """A billing platform as the sync sees it (Stripe, Frisbii, Chargebee)."""

    provider: str
    streams: tuple[str, ...]

    def pages(
        self, stream: str, window: Window, resume: str | None = None
    ) -> AsyncGenerator[SourcePage, None]:
        """The stream's pages over `window`, starting after `resume` when it is given."""
        ...

    async def aclose(self) -> None: ...
