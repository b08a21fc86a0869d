"""Daily sales summaries: which items each one booked into the clearing account, and at what.

A summary is made once, with its items, in one transaction (`make`), before its voucher is
built: from then on its items are its own (the primary key of `sales_summary_items` refuses an
item in two summaries, even from another process), so a voucher built again after a failure
books exactly the same items. Items of a day that arrive after the day's summary was made go
into a supplement for that same day (`sequence` 1, 2, ...).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from econdesk.domain import ItemKind, MatchState, Money, PlatformItem, format_summary_id
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say
from econdesk.storage.audit import ACTOR_KEY, record
from econdesk.storage.errors import ConflictError
from econdesk.storage.models import (
    MatchLinkRow,
    MatchRow,
    PlatformItemRow,
    PostingRow,
    SalesSummaryItemRow,
    SalesSummaryRow,
)
from econdesk.storage.repos._convert import from_minor, to_minor
from econdesk.storage.repos._ids import SALES_DAY_KIND, parse_summary_id
from econdesk.storage.repos._upsert import chunks
from econdesk.storage.repos.items import to_domain as item_of_row
from econdesk.storage.repos.posting_state import PostingStatus


@dataclass(frozen=True, slots=True)
class SummaryItem:
    """One item a summary books: its amount, and that amount in the base currency at the
    day's rate (`rate_per_100`; None when it is in the base currency)."""

    ref: str
    amount: Money
    base: Money
    rate_per_100: Decimal | None = None


@dataclass(frozen=True, slots=True)
class SalesSummary:
    id: str  # "s-000007"
    provider: str
    day: date
    sequence: int  # 0: the day's summary; 1, 2, ...: supplements
    items: tuple[SummaryItem, ...]


class SalesSummaryRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def make(self, provider: str, day: date, items: Sequence[SummaryItem]) -> SalesSummary:
        """A new summary of `provider`'s `day` covering `items`: the day's first, or the next
        supplement. ConflictError when another process made one first or took an item."""
        if not items:
            raise ValueError(f"a sales summary of {provider} {day} needs items")
        last = self.session.scalar(
            select(func.max(SalesSummaryRow.sequence)).where(
                SalesSummaryRow.provider == provider, SalesSummaryRow.day == day
            )
        )
        row = SalesSummaryRow(
            provider=provider,
            day=day,
            sequence=0 if last is None else int(last) + 1,
            created_at=datetime.now(UTC),
            created_by=str(self.session.info.get(ACTOR_KEY) or "unknown"),
        )
        try:
            self.session.add(row)
            self.session.flush()
            self.session.add_all(
                SalesSummaryItemRow(
                    item_ref=i.ref,
                    summary_id=row.id,
                    amount_minor=to_minor(i.amount, i.ref),
                    currency=i.amount.currency,
                    base_minor=to_minor(i.base, f"{i.ref} in {i.base.currency}"),
                    base_currency=i.base.currency,
                    rate_per_100=None if i.rate_per_100 is None else f"{i.rate_per_100:f}",
                )
                for i in items
            )
            self.session.flush()
        except IntegrityError:
            summarised = QT_TRANSLATE_NOOP(
                "CLI", "the sales of {0} on {1} were just summarised by someone else"
            )
            raise ConflictError(say(summarised, provider, day)) from None
        summary = self._summary(row)
        record(
            self.session,
            "sales_summary.made",
            [summary.id, *(i.ref for i in items)],
            {"provider": provider, "day": day.isoformat(), "sequence": row.sequence},
        )
        return summary

    def get(self, summary_id: str) -> SalesSummary:
        row = self.session.get(SalesSummaryRow, parse_summary_id(summary_id))
        if row is None:
            raise ConflictError(say(QT_TRANSLATE_NOOP("CLI", "no sales summary {0}"), summary_id))
        return self._summary(row)

    def unposted(self) -> list[SalesSummary]:
        """Summaries whose voucher is not posted yet (never tried, failed or in doubt), by day."""
        posted = select(PostingRow.sales_summary_id).where(
            PostingRow.kind == SALES_DAY_KIND,
            PostingRow.status == PostingStatus.POSTED.value,
            PostingRow.sales_summary_id.is_not(None),
        )
        query = (
            select(SalesSummaryRow)
            .where(SalesSummaryRow.id.not_in(posted))
            .order_by(SalesSummaryRow.day, SalesSummaryRow.provider, SalesSummaryRow.sequence)
        )
        return [self._summary(row) for row in self.session.scalars(query)]

    def unsummarised(
        self, provider: str, until: datetime, kinds: Iterable[ItemKind]
    ) -> list[PlatformItem]:
        """`provider`'s items of `kinds` (its sales) before `until` that no summary covers and
        no posted match booked already (before the source was in sales mode)."""
        covered = select(SalesSummaryItemRow.item_ref)
        posted = (
            select(MatchLinkRow.ref)
            .join(MatchRow, MatchRow.id == MatchLinkRow.match_id)
            .where(MatchLinkRow.live, MatchRow.state == MatchState.POSTED.value)
        )
        query = (
            select(*PlatformItemRow.__table__.columns)
            .where(
                PlatformItemRow.provider == provider,
                PlatformItemRow.occurred_at < until,
                PlatformItemRow.kind.in_([k.value for k in kinds]),
                PlatformItemRow.ref.not_in(covered),
                PlatformItemRow.ref.not_in(posted),
            )
            .order_by(PlatformItemRow.occurred_at, PlatformItemRow.id)
        )
        return [item_of_row(row) for row in self.session.execute(query)]

    def coverage(self, refs: Iterable[str]) -> dict[str, tuple[str, bool]]:
        """For each of `refs` a summary covers: (that summary's id, whether it is posted)."""
        found: dict[str, tuple[str, bool]] = {}
        for part in chunks(list(dict.fromkeys(refs))):
            query = (
                select(SalesSummaryItemRow.item_ref, SalesSummaryItemRow.summary_id, PostingRow)
                .outerjoin(
                    PostingRow,
                    (PostingRow.sales_summary_id == SalesSummaryItemRow.summary_id)
                    & (PostingRow.kind == SALES_DAY_KIND),
                )
                .where(SalesSummaryItemRow.item_ref.in_(part))
            )
            for ref, summary, posting in self.session.execute(query):
                done = posting is not None and posting.status == PostingStatus.POSTED.value
                found[ref] = (format_summary_id(summary), done)
        return found

    def sale_base(self, refs: Iterable[str]) -> dict[str, Money]:
        """item ref -> the base-currency amount at which a summary booked it into the
        clearing account (signed: a payment's is positive), for the items among `refs`."""
        found: dict[str, Money] = {}
        for part in chunks(list(dict.fromkeys(refs))):
            query = select(SalesSummaryItemRow).where(SalesSummaryItemRow.item_ref.in_(part))
            for row in self.session.scalars(query):
                found[row.item_ref] = from_minor(row.base_minor, row.base_currency)
        return found

    def _summary(self, row: SalesSummaryRow) -> SalesSummary:
        query = (
            select(SalesSummaryItemRow)
            .where(SalesSummaryItemRow.summary_id == row.id)
            .order_by(SalesSummaryItemRow.item_ref)
        )
        items = tuple(
            SummaryItem(
                r.item_ref,
                from_minor(r.amount_minor, r.currency),
                from_minor(r.base_minor, r.base_currency),
                None if r.rate_per_100 is None else Decimal(r.rate_per_100),
            )
            for r in self.session.scalars(query)
        )
        return SalesSummary(format_summary_id(row.id), row.provider, row.day, row.sequence, items)
