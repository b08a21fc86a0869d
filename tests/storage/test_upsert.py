"""Upserts by ref: new, changed (audited) or unchanged; exact money or a clear refusal."""

from __future__ import annotations

import dataclasses

import pytest

from econdesk.domain import Money, MoneyError
from econdesk.storage import Database, UpsertCounts, UpsertOutcome
from tests.storage.helpers import entry, payment


def test_upsert_says_inserted_updated_unchanged_and_audits_changes(db: Database) -> None:
    first = entry(7, "1250.00", "Stripe payout")
    with db.transaction() as store:
        assert store.bank_entries.upsert(first) is UpsertOutcome.INSERTED
        assert store.bank_entries.upsert(first) is UpsertOutcome.UNCHANGED
    changed = dataclasses.replace(
        first, text="Stripe payout po_1", amount=Money.of("1250.5", "DKK")
    )
    with db.transaction() as store:
        assert store.bank_entries.upsert(changed) is UpsertOutcome.UPDATED
    with db.reader() as store:
        assert store.bank_entries.get("economic:7") == changed
        events = store.audit_events()
    assert [e.action for e in events] == ["bank_entry.changed"]
    assert events[0].subjects == ("economic:7",)
    assert events[0].payload == {
        "changes": {
            "amount": [
                {"amount": "1250.00", "currency": "DKK"},
                {"amount": "1250.5", "currency": "DKK"},  # exactly as given
            ],
        },
        "personal_changed": ["text"],  # a bank text may name a person: its name only
    }


def test_a_batch_counts_and_the_last_duplicate_wins(db: Database) -> None:
    batch = [payment("a"), payment("b"), payment("a", "5.00")]
    with db.transaction() as store:
        counts = store.items.upsert_many(batch)
        assert counts == UpsertCounts(inserted=2, updated=1, unchanged=0)
    with db.transaction() as store:
        again = store.items.upsert_many([payment("b"), payment("a", "6.00"), payment("c")])
        assert again == UpsertCounts(inserted=1, updated=1, unchanged=1)
        assert store.items.count() == 3
    with db.reader() as store:
        item = store.items.get("stripe:a")
        assert item is not None and item.amount == Money.of("6.00", "DKK")
        assert [e.subjects for e in store.audit_events()] == [("stripe:a",)]


def test_an_amount_finer_than_the_currency_is_refused_naming_the_object(db: Database) -> None:
    finer = r"economic:9 amount: .* more decimals than DKK allows"
    with pytest.raises(MoneyError, match=finer), db.transaction() as store:
        store.bank_entries.upsert(entry(9, "10.005"))
    with db.reader() as store:
        assert store.bank_entries.count() == 0
