"""A client's figures for the firm overview: a few aggregate queries, nothing loaded whole."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ClauseElement, and_, func, select
from sqlalchemy.orm import Session

from econdesk.domain import Money
from econdesk.domain.model import MatchState
from econdesk.storage.models import (
    BankEntryRow,
    MatchLinkRow,
    MatchRow,
    PayoutRow,
    PeriodSignoffRow,
    PlatformItemRow,
    SetAsideRow,
    SyncCursorRow,
)
from econdesk.storage.repos.periods import LOCKED_STATES

# The questions as SQL, per dialect: compiled once per process, not once per store (each
# store is an engine of its own, and compiling would cost more than asking).
_COMPILED: dict[tuple[str, str], str] = {}


@dataclass(frozen=True, slots=True)
class ProviderBalance:
    """What econdesk's store says should stand on a platform's clearing account: the money
    the platform took in (net of its fees) less the payouts posted to the bank."""

    provider: str
    balance: Money


@dataclass(frozen=True, slots=True)
class StoreFigures:
    unmatched_count: int
    unmatched: tuple[Money, ...]  # one sum per currency
    unposted_approvals: int
    clearing: tuple[ProviderBalance, ...]
    last_cursor_at: datetime | None  # when a sync last stored a page
    last_signoff: date | None


class OverviewRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def figures(self) -> StoreFigures:
        count, unmatched = self.unmatched_deposits()
        return StoreFigures(
            unmatched_count=count,
            unmatched=unmatched,
            unposted_approvals=self.unposted_approvals(),
            clearing=self.clearing_balances(),
            last_cursor_at=self.last_cursor_at(),
            last_signoff=last_signoff(self.session),
        )

    def unmatched_deposits(self) -> tuple[int, tuple[Money, ...]]:
        """Money in (positive bank lines, still in e-conomic) that no live match holds and
        that was not set aside as other money (rent, a loan: rules)."""
        held = (
            select(MatchLinkRow.ref)
            .where(MatchLinkRow.ref == BankEntryRow.ref, MatchLinkRow.live)
            .exists()  # NOT EXISTS uses the index on ref; NOT IN builds the whole list first
        )
        set_aside = select(SetAsideRow.bank_ref).where(SetAsideRow.bank_ref == BankEntryRow.ref)
        query = (
            select(BankEntryRow.currency, func.count(), func.sum(BankEntryRow.amount_minor))
            .where(
                BankEntryRow.amount_minor > 0,
                BankEntryRow.gone_at.is_(None),
                BankEntryRow.booked_as.is_(None),
                ~held,
                ~set_aside.exists(),
            )
            .group_by(BankEntryRow.currency)
            .order_by(BankEntryRow.currency)
        )
        rows = self._rows("unmatched", lambda: query)
        sums = tuple(Money.from_minor(int(minor), currency) for currency, _, minor in rows)
        return sum(int(n) for _, n, _ in rows), sums

    def unposted_approvals(self) -> int:
        query = select(func.count()).where(MatchRow.state == MatchState.APPROVED.value)
        return int(self._rows("unposted", lambda: query)[0][0] or 0)

    def last_cursor_at(self) -> datetime | None:
        """When a sync last stored a page (read through the column's type: UTC-aware)."""
        column = SyncCursorRow.__table__.c.updated_at
        raw = self._rows("cursor", lambda: select(func.max(column)))[0][0]
        dialect = self.session.get_bind().dialect
        read = column.type.dialect_impl(dialect).result_processor(dialect, None)
        value = read(raw) if read is not None else raw
        return value if isinstance(value, datetime) else None

    def _rows(self, name: str, build: Callable[[], ClauseElement]) -> Sequence[Any]:
        """The rows of a constant question (no parameters), its SQL compiled once."""
        dialect = self.session.get_bind().dialect
        key = (name, dialect.name)
        sql = _COMPILED.get(key)
        if sql is None:
            compiled = build().compile(dialect=dialect, compile_kwargs={"literal_binds": True})
            sql = _COMPILED[key] = str(compiled)
        return self.session.connection().exec_driver_sql(sql).all()

    def clearing_balances(self) -> tuple[ProviderBalance, ...]:
        net = func.sum(PlatformItemRow.amount_minor - func.coalesce(PlatformItemRow.fee_minor, 0))
        taken = select(PlatformItemRow.provider, PlatformItemRow.currency, net).group_by(
            PlatformItemRow.provider, PlatformItemRow.currency
        )
        posted = (
            select(PayoutRow.provider, PayoutRow.currency, func.sum(PayoutRow.amount_minor))
            .join(MatchLinkRow, and_(MatchLinkRow.ref == PayoutRow.ref, MatchLinkRow.live))
            .join(MatchRow, MatchRow.id == MatchLinkRow.match_id)
            .where(MatchRow.state == MatchState.POSTED.value)
            .group_by(PayoutRow.provider, PayoutRow.currency)
        )
        totals: dict[tuple[str, str], int] = {}
        for provider, currency, minor in self._rows("taken", lambda: taken):
            totals[(provider, currency)] = int(minor or 0)
        for provider, currency, minor in self._rows("posted", lambda: posted):
            key = (provider, currency)
            totals[key] = totals.get(key, 0) - int(minor or 0)
        return tuple(
            ProviderBalance(provider, Money.from_minor(minor, currency))
            for (provider, currency), minor in sorted(totals.items())
        )


def last_signoff(session: Session) -> date | None:
    """The last day of the newest month signed off (or approved) and not reopened; None (shown
    as "never") when there is none. The one place the overview asks about sign-off."""
    signed = [state.value for state in LOCKED_STATES]
    query = select(func.max(PeriodSignoffRow.period)).where(PeriodSignoffRow.state.in_(signed))
    period = session.scalar(query)
    if period is None:
        return None
    year, month = (int(part) for part in period.split("-"))
    return date(year, month, calendar.monthrange(year, month)[1])
