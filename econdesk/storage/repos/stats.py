"""Counts and sums by source and match state, computed in the database."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, literal, select
from sqlalchemy.orm import Session

from econdesk.domain import Money
from econdesk.storage.models import (
    BankEntryRow,
    MatchLinkRow,
    MatchRow,
    PayoutRow,
    PlatformItemRow,
    SetAsideRow,
)

UNMATCHED = "unmatched"
SET_ASIDE = "set_aside"  # a bank line that is not platform money (rent, wages...), no match


@dataclass(frozen=True, slots=True)
class StateTotal:
    side: str  # "bank", "item" or "payout"
    source: str  # bank entry origin ("economic", "economic-draft", ...) or provider name
    state: str  # a MatchState value, or "unmatched"
    count: int
    amount: Money  # the sum of the amounts, exact


class StatsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def by_source_and_state(self) -> list[StateTotal]:
        """One line per (side, source, state, currency); a rejected match's lines are unmatched.

        Platform items inside a matched payout count under that payout's match state; bank
        lines set aside as not platform money under "set_aside".
        """
        totals: list[StateTotal] = []
        for side, table, source_col in (
            ("bank", BankEntryRow, BankEntryRow.origin),
            ("item", PlatformItemRow, PlatformItemRow.provider),
            ("payout", PayoutRow, PayoutRow.provider),
        ):
            bank = table is BankEntryRow
            apart = case((SetAsideRow.bank_ref.is_not(None), literal(SET_ASIDE)), else_=UNMATCHED)
            state = func.coalesce(MatchRow.state, apart if bank else literal(UNMATCHED))
            query = (
                select(
                    source_col,
                    state,
                    table.currency,
                    func.count(),
                    func.coalesce(func.sum(table.amount_minor), 0),
                )
                .select_from(table)
                .outerjoin(MatchLinkRow, (MatchLinkRow.ref == table.ref) & MatchLinkRow.live)
                .outerjoin(MatchRow, MatchRow.id == MatchLinkRow.match_id)
            )
            if bank:
                query = query.outerjoin(SetAsideRow, SetAsideRow.bank_ref == table.ref)
            query = query.group_by(source_col, state, table.currency).order_by(
                source_col, state, table.currency
            )
            for source, st, currency, count, minor in self.session.execute(query):
                totals.append(
                    StateTotal(side, source, st, int(count), Money.from_minor(int(minor), currency))
                )
        return totals
