"""Personal data in the store: the accounting years, pseudonymising what is older, and
everything kept about one customer.

Pseudonymising keeps amounts, dates, ids, references, matches and vouchers, and replaces what
names a person: a platform item's payer becomes "customer 4711" (4711: the row id of that
customer's first item, so one payer keeps one pseudonym across items and purges), a bank
entry's text becomes "bank entry <its e-conomic number>" and its counterparty "payer <row id>".
Names the matcher wrote into a match's explanation or a bookkeeper into its note are replaced
by the same pseudonyms; learned words last used before the cut-off are forgotten.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from econdesk.storage.audit import events
from econdesk.storage.models import (
    AccountingYearRow,
    BankEntryRow,
    LearnedRow,
    MatchLinkRow,
    MatchRow,
    PlatformItemRow,
)
from econdesk.storage.repos._upsert import chunks

PURGE_ACTION = "privacy.purged"
_PSEUDONYM = re.compile(r"^(customer|payer) \d+$")


@dataclass(frozen=True, slots=True)
class StoredYear:
    year: str  # "2024" or "2024/2025", as e-conomic names it
    from_date: date
    to_date: date


@dataclass(frozen=True, slots=True)
class PurgeCounts:
    items: int = 0
    bank_entries: int = 0
    matches: int = 0
    learned: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "items": self.items,
            "bank_entries": self.bank_entries,
            "matches": self.matches,
            "learned": self.learned,
        }


class PrivacyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- accounting years ------------------------------------------------------------------
    def remember_years(self, years: Iterable[StoredYear]) -> None:
        """Keep (or update) the accounting years e-conomic named; not audited (not books)."""
        now = datetime.now(UTC)
        for year in years:
            row = self.session.get(AccountingYearRow, year.year)
            if row is None:
                row = AccountingYearRow(year=year.year)
                self.session.add(row)
            row.from_date, row.to_date, row.updated_at = year.from_date, year.to_date, now
        self.session.flush()

    def years(self) -> list[StoredYear]:
        rows = self.session.scalars(select(AccountingYearRow).order_by(AccountingYearRow.from_date))
        return [StoredYear(r.year, r.from_date, r.to_date) for r in rows]

    # -- what has been purged --------------------------------------------------------------
    def purged_before(self) -> date | None:
        """The latest cut-off a purge used: nothing dated before it holds personal data."""
        done = events(self.session, action_prefix=PURGE_ACTION)
        cutoffs = [date.fromisoformat(e.payload["before"]) for e in done]
        return max(cutoffs, default=None)

    def oldest_day(self) -> date | None:
        """The earliest day of a stored bank entry or platform item."""
        bank = self.session.scalar(select(func.min(BankEntryRow.entry_date)))
        item = self.session.scalar(select(func.min(PlatformItemRow.occurred_at)))
        days = [d for d in (bank, item.date() if item else None) if d is not None]
        return min(days, default=None)

    def count_personal_before(
        self, moment: datetime, day: date, *, since: datetime | None = None
    ) -> int:
        """Items before `moment` and bank entries before `day`, from `since` on (the previous
        purge's cut-off: what lies before it holds no personal data any more)."""
        items = select(func.count()).select_from(PlatformItemRow)
        items = items.where(PlatformItemRow.occurred_at < moment)
        bank = select(func.count()).select_from(BankEntryRow).where(BankEntryRow.entry_date < day)
        if since is not None:
            items = items.where(PlatformItemRow.occurred_at >= since)
            bank = bank.where(BankEntryRow.entry_date >= since.date())
        return int(self.session.scalar(items) or 0) + int(self.session.scalar(bank) or 0)

    # -- pseudonymising --------------------------------------------------------------------
    def pseudonymise_before(self, moment: datetime, day: date) -> PurgeCounts:
        """Pseudonymise items that occurred before `moment` and bank entries dated before
        `day` (the same cut-off: midnight in the merchant's zone), and what refers to them."""
        replacements: dict[str, str] = {}
        touched: set[str] = set()
        items = self._pseudonymise_items(moment, replacements, touched)
        bank = self._pseudonymise_bank(day, replacements, touched)
        matches = self._rewrite_matches(touched, replacements)
        forgotten = LearnedRow.last_used_at < moment
        learned = self.session.scalar(select(func.count()).select_from(LearnedRow).where(forgotten))
        self.session.execute(delete(LearnedRow).where(forgotten))
        self.session.flush()
        return PurgeCounts(items, bank, matches, int(learned or 0))

    def _pseudonymise_items(
        self, moment: datetime, replacements: dict[str, str], touched: set[str]
    ) -> int:
        first_ids = self._first_item_ids()
        count = 0
        rows = self.session.scalars(
            select(PlatformItemRow).where(PlatformItemRow.occurred_at < moment)
        )
        for row in rows:
            touched.add(row.ref)
            number = first_ids.get((row.provider, row.customer_id), row.id)
            pseudonym = f"customer {number}"
            name = row.customer_name
            if name and not _PSEUDONYM.match(name):
                replacements[name] = pseudonym
                row.description = _replace_names(row.description, {name: pseudonym})
                count += 1
            row.customer_name = pseudonym if name else None
        return count

    def _first_item_ids(self) -> dict[tuple[str, str | None], int]:
        query = (
            select(
                PlatformItemRow.provider, PlatformItemRow.customer_id, func.min(PlatformItemRow.id)
            )
            .where(PlatformItemRow.customer_id.is_not(None))
            .group_by(PlatformItemRow.provider, PlatformItemRow.customer_id)
        )
        return {(p, c): int(i) for p, c, i in self.session.execute(query)}

    def _pseudonymise_bank(self, day: date, replacements: dict[str, str], touched: set[str]) -> int:
        count = 0
        for row in self.session.scalars(select(BankEntryRow).where(BankEntryRow.entry_date < day)):
            touched.add(row.ref)
            text = f"bank entry {row.external_id}"
            if row.counterparty and not _PSEUDONYM.match(row.counterparty):
                replacements[row.counterparty] = f"payer {row.id}"
                row.counterparty = f"payer {row.id}"
            if row.text != text:
                row.text = text
                count += 1
        return count

    def _rewrite_matches(self, refs: set[str], replacements: Mapping[str, str]) -> int:
        if not replacements:
            return 0
        count = 0
        for row in self.matches_of(refs):
            explanation = json.dumps(
                [
                    {**term, "detail": _replace_names(str(term["detail"]), replacements)}
                    for term in json.loads(row.explanation_json)
                ]
            )
            note = _replace_names(row.note, replacements)
            if (explanation, note) != (row.explanation_json, row.note):
                # Not a decision: the match's version (optimistic concurrency) stays as it is.
                self.session.execute(
                    update(MatchRow)
                    .where(MatchRow.id == row.id)
                    .values(explanation_json=explanation, note=note)
                    .execution_options(synchronize_session=False)
                )
                count += 1
        return count

    # -- pseudonyms for a shared report ----------------------------------------------------
    def pseudonyms(self) -> dict[str, str]:
        """Every stored payer name and counterparty -> the pseudonym a purge would give it."""
        first_ids = self._first_item_ids()
        names: dict[str, str] = {}
        query = select(
            PlatformItemRow.id,
            PlatformItemRow.provider,
            PlatformItemRow.customer_id,
            PlatformItemRow.customer_name,
        ).where(PlatformItemRow.customer_name.is_not(None))
        for row_id, provider, customer_id, name in self.session.execute(query):
            if name and not _PSEUDONYM.match(name):
                number = first_ids.get((provider, customer_id), row_id)
                names.setdefault(name, f"customer {number}")
        bank = select(BankEntryRow.id, BankEntryRow.counterparty).where(
            BankEntryRow.counterparty.is_not(None)
        )
        for row_id, counterparty in self.session.execute(bank):
            if counterparty and not _PSEUDONYM.match(counterparty):
                names.setdefault(counterparty, f"payer {row_id}")
        return names

    # -- one customer ----------------------------------------------------------------------
    def customer_items(self, provider: str, customer_id: str) -> list[PlatformItemRow]:
        query = (
            select(PlatformItemRow)
            .where(PlatformItemRow.provider == provider, PlatformItemRow.customer_id == customer_id)
            .order_by(PlatformItemRow.occurred_at, PlatformItemRow.id)
        )
        return list(self.session.scalars(query))

    def items_named(self, name: str) -> list[PlatformItemRow]:
        query = (
            select(PlatformItemRow)
            .where(func.lower(PlatformItemRow.customer_name) == name.lower())
            .order_by(PlatformItemRow.occurred_at, PlatformItemRow.id)
        )
        return list(self.session.scalars(query))

    def bank_entries_naming(self, name: str) -> list[BankEntryRow]:
        needle = f"%{name.lower()}%"
        query = (
            select(BankEntryRow)
            .where(
                or_(
                    func.lower(BankEntryRow.text).like(needle),
                    func.lower(BankEntryRow.counterparty).like(needle),
                )
            )
            .order_by(BankEntryRow.entry_date, BankEntryRow.id)
        )
        return list(self.session.scalars(query))

    def matches_of(self, refs: Iterable[str]) -> list[MatchRow]:
        ids: set[int] = set()
        for part in chunks(sorted(set(refs))):
            ids.update(
                self.session.scalars(
                    select(MatchLinkRow.match_id).where(MatchLinkRow.ref.in_(part))
                )
            )
        if not ids:
            return []
        return list(self.session.scalars(select(MatchRow).where(MatchRow.id.in_(sorted(ids)))))

    def bank_entries(self, refs: Iterable[str]) -> list[BankEntryRow]:
        wanted = sorted(set(refs))
        found: list[BankEntryRow] = []
        for part in chunks(wanted):
            found += self.session.scalars(select(BankEntryRow).where(BankEntryRow.ref.in_(part)))
        return sorted(found, key=lambda r: (r.entry_date, r.id))

    def learned_for(self, value: str) -> list[LearnedRow]:
        return list(self.session.scalars(select(LearnedRow).where(LearnedRow.value == value)))


def _replace_names(text: str, replacements: Mapping[str, str]) -> str:
    """`text` with each name (any case) replaced by its pseudonym, longest names first."""
    result = text
    for name, pseudonym in sorted(replacements.items(), key=lambda kv: -len(kv[0])):
        if name.strip():
            result = re.sub(re.escape(name), pseudonym, result, flags=re.IGNORECASE)
    return result


def row_dict(row: Any, columns: Iterable[str]) -> dict[str, Any]:
    """Chosen columns of a row as JSON-able values (dates as ISO text)."""
    out: dict[str, Any] = {}
    for name in columns:
        value = getattr(row, name)
        out[name] = value.isoformat() if isinstance(value, (date, datetime)) else value
    return out
