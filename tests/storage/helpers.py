"""Small builders shared by the storage tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

from econdesk.domain import (
    BankEntry,
    BankEntryOrigin,
    ItemKind,
    Match,
    MatchMethod,
    MatchState,
    Money,
    PlatformItem,
)
from econdesk.storage import Database, Store


@contextmanager
def rolled_back(db: Database) -> Iterator[Store]:
    """A write transaction that is always rolled back: one clean slate per hypothesis example."""
    session = db.session(write=True)
    try:
        with session.begin():
            yield Store(session)
            session.rollback()
    finally:
        session.close()


def entry(n: int, amount: str = "100.00", text: str = "deposit") -> BankEntry:
    return BankEntry(
        BankEntryOrigin.BOOKED, str(n), 5820, date(2026, 1, 5), Money.of(amount, "DKK"), text
    )


def payment(name: str, amount: str = "100.00", provider: str = "stripe") -> PlatformItem:
    return PlatformItem(
        provider, name, ItemKind.PAYMENT, Money.of(amount, "DKK"), datetime(2026, 1, 3, tzinfo=UTC)
    )


def proposal(bank: list[str], items: list[str], amount: str = "100.00") -> Match:
    return Match(
        id="",
        state=MatchState.PROPOSED,
        method=MatchMethod.ONE_TO_ONE,
        score=0.9,
        auto=False,
        bank_refs=tuple(bank),
        item_refs=tuple(items),
        amount=Money.of(amount, "DKK"),
        difference=Money.zero("DKK"),
    )


def seed_pair(db: Database, n: int = 1) -> Match:
    """Store bank entry n and payment p<n> and propose them as a match."""
    with db.transaction() as store:
        store.bank_entries.upsert(entry(n))
        store.items.upsert(payment(f"p{n}"))
        return store.matches.create(proposal([f"economic:{n}"], [f"stripe:p{n}"]))
