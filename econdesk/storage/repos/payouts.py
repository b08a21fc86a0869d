"""Payouts and settlements, with the refs of the items they are made of."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from econdesk.domain import Payout, PayoutKind, PlatformItem
from econdesk.storage.models import MatchLinkRow, PayoutComponentRow, PayoutRow
from econdesk.storage.repos import items as item_repo
from econdesk.storage.repos._convert import from_minor, opt_from_minor, opt_to_minor, to_minor
from econdesk.storage.repos._upsert import (
    UpsertCounts,
    UpsertOutcome,
    UpsertPlan,
    chunks,
    count_outcomes,
    plan_upsert,
    upsert_many,
    write_planned,
)


def _values(payout: Payout) -> dict[str, Any]:
    gross_minor, gross_currency = opt_to_minor(payout.gross, f"{payout.ref} gross")
    fees_minor, fees_currency = opt_to_minor(payout.fees, f"{payout.ref} fees")
    return {
        "ref": payout.ref,
        "provider": payout.provider,
        "external_id": payout.external_id,
        "kind": payout.kind.value,
        "amount_minor": to_minor(payout.amount, f"{payout.ref} amount"),
        "currency": payout.amount.currency,
        "arrival_date": payout.arrival_date,
        "created_at": payout.created_at,
        "status": payout.status,
        "statement_descriptor": payout.statement_descriptor,
        "gross_minor": gross_minor,
        "gross_currency": gross_currency,
        "fees_minor": fees_minor,
        "fees_currency": fees_currency,
        "has_breakdown": payout.has_breakdown,
    }


def _set_components(row: PayoutRow, payout: Payout) -> None:
    current = [c.component_ref for c in row.components]
    if current != list(payout.component_refs):
        row.components = [
            PayoutComponentRow(position=i, component_ref=ref)
            for i, ref in enumerate(payout.component_refs)
        ]


def to_domain(row: PayoutRow) -> Payout:
    return Payout(
        provider=row.provider,
        external_id=row.external_id,
        kind=PayoutKind(row.kind),
        amount=from_minor(row.amount_minor, row.currency),
        arrival_date=row.arrival_date,
        created_at=row.created_at,
        status=row.status,
        statement_descriptor=row.statement_descriptor,
        gross=opt_from_minor(row.gross_minor, row.gross_currency),
        fees=opt_from_minor(row.fees_minor, row.fees_currency),
        component_refs=tuple(c.component_ref for c in row.components),
        has_breakdown=row.has_breakdown,
    )


class PayoutRepository:
    """Payouts (Stripe) and settlements (acquirers) by ref, with their component refs."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def upsert(self, payout: Payout) -> UpsertOutcome:
        """Insert, update (auditing what changed, components included) or leave alone."""
        return self._upsert([payout])[0]

    def upsert_many(self, payouts: Iterable[Payout]) -> UpsertCounts:
        return count_outcomes(self._upsert(payouts))

    def _upsert(self, payouts: Iterable[Payout]) -> list[UpsertOutcome]:
        return upsert_many(
            self.session,
            PayoutRow,
            payouts,
            values_of=_values,
            domain_of=to_domain,
            apply_extra=_set_components,
            noun="payout",
        )

    def plan(self, payouts: Iterable[Payout]) -> UpsertPlan[Payout]:
        """What `upsert_many` would do, read without the writer lock (see `store_planned`)."""
        return plan_upsert(self.session, PayoutRow, payouts, domain_of=to_domain, orm=True)

    def store_planned(
        self,
        plan: UpsertPlan[Payout],
        adjust: Callable[[list[Payout]], list[Payout]] | None = None,
    ) -> UpsertCounts:
        """Store a plan under the writer lock (`_upsert.write_planned`); new/changed/same."""
        outcomes = write_planned(
            self.session,
            PayoutRow,
            plan,
            values_of=_values,
            domain_of=to_domain,
            apply_extra=_set_components,
            noun="payout",
            adjust=adjust,
        )
        return count_outcomes(outcomes)

    def get(self, ref: str) -> Payout | None:
        row = self.session.scalar(select(PayoutRow).where(PayoutRow.ref == ref))
        return None if row is None else to_domain(row)

    def get_many(self, refs: Iterable[str]) -> dict[str, Payout]:
        found: dict[str, Payout] = {}
        for part in chunks(list(dict.fromkeys(refs))):
            for row in self.session.scalars(select(PayoutRow).where(PayoutRow.ref.in_(part))):
                found[row.ref] = to_domain(row)
        return found

    def find(
        self,
        *,
        provider: str | None = None,
        since: date | None = None,
        until: date | None = None,
        unmatched_only: bool = False,
    ) -> list[Payout]:
        """Payouts arriving in [since, until] (both inclusive), oldest first."""
        query = select(PayoutRow)
        if provider is not None:
            query = query.where(PayoutRow.provider == provider)
        if since is not None:
            query = query.where(PayoutRow.arrival_date >= since)
        if until is not None:
            query = query.where(PayoutRow.arrival_date <= until)
        if unmatched_only:
            live = select(MatchLinkRow.ref).where(MatchLinkRow.live)
            query = query.where(PayoutRow.ref.not_in(live))
        query = query.order_by(PayoutRow.arrival_date, PayoutRow.id)
        return [to_domain(row) for row in self.session.scalars(query)]

    def unmatched(self, *, provider: str | None = None) -> list[Payout]:
        return self.find(provider=provider, unmatched_only=True)

    def components(self, payout_ref: str) -> list[PlatformItem]:
        """The stored items a payout is made of, in the payout's order (missing ones skipped)."""
        payout = self.get(payout_ref)
        if payout is None:
            return []
        found = item_repo.PlatformItemRepository(self.session).get_many(payout.component_refs)
        return [found[ref] for ref in payout.component_refs if ref in found]

    def count(self, *, provider: str | None = None) -> int:
        query = select(func.count()).select_from(PayoutRow)
        if provider is not None:
            query = query.where(PayoutRow.provider == provider)
        return int(self.session.scalar(query) or 0)

    def refs_existing(self, refs: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for part in chunks(list(dict.fromkeys(refs))):
            found.update(self.session.scalars(select(PayoutRow.ref).where(PayoutRow.ref.in_(part))))
        return found
