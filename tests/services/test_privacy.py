"""Retention, purge and access request on both databases (the `db` fixture runs each twice)."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, update

from econdesk.domain import (
    BankEntry,
    BankEntryOrigin,
    ExplanationTerm,
    ItemKind,
    MatchState,
    Money,
    PlatformItem,
)
from econdesk.services.privacy import (
    PrivacyError,
    cutoff_for,
    export_customer,
    purge,
    purge_offer,
)
from econdesk.storage import Database
from econdesk.storage.models import AuditEventRow, LearnedRow
from econdesk.storage.repos.privacy import StoredYear
from tests.storage.helpers import proposal

NAME = "Mette Nielsen"
OTHER = "Søren Kierkegaard"


def item(n: str, day: date, name: str, customer: str) -> PlatformItem:
    return PlatformItem(
        "stripe",
        n,
        ItemKind.PAYMENT,
        Money.of("250.00", "DKK"),
        datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        customer_id=customer,
        customer_name=name,
        description=f"Abonnement for {name}",
    )


def bank(n: int, day: date, text: str) -> BankEntry:
    return BankEntry(
        BankEntryOrigin.BOOKED,
        str(n),
        5820,
        day,
        Money.of("250.00", "DKK"),
        text,
        counterparty=text.split(" ", 1)[1],
    )


def seed(db: Database) -> None:
    """Two old payments by Mette (2019, 2020), a new one (2024); Søren in 2020; matched."""
    with db.transaction() as store:
        store.items.upsert_many(
            [
                item("ch_1", date(2019, 6, 1), NAME, "cus_m"),
                item("ch_2", date(2020, 6, 1), NAME, "cus_m"),
                item("ch_3", date(2020, 7, 1), OTHER, "cus_s"),
                item("ch_4", date(2024, 6, 1), NAME, "cus_m"),
            ]
        )
        store.bank_entries.upsert_many(
            [
                bank(1, date(2020, 6, 2), f"MobilePay {NAME}"),
                bank(2, date(2024, 6, 2), f"MP {NAME}"),
            ]
        )
        for b, i in (("economic:1", "stripe:ch_2"), ("economic:2", "stripe:ch_4")):
            store.matches.create(
                dataclasses.replace(
                    proposal([b], [i], "250.00"),
                    explanation=(ExplanationTerm("name", f"{NAME} in bank text (100%)", 0.3),),
                    note=f"{NAME} ringede",
                )
            )
        store.memory.learn("customer", "NIELSEN", "stripe:cus_m")
        store.memory.learn("customer", "KIERKEGAARD", "stripe:cus_s")
        store.session.execute(  # learned from a 2020 decision and not used since
            update(LearnedRow)
            .where(LearnedRow.token == "KIERKEGAARD")
            .values(last_used_at=datetime(2020, 7, 3, tzinfo=UTC))
        )


def test_purge_pseudonymises_what_is_older_and_keeps_amounts_ids_and_the_chain(
    db: Database,
) -> None:
    seed(db)
    result = purge(db, "2021", today=date(2026, 1, 2))
    assert result.cutoff.first_day == date(2021, 1, 1)
    assert (result.counts.items, result.counts.bank_entries, result.counts.matches) == (3, 1, 1)
    with db.reader() as store:
        old, older, other, new = (store.items.get(f"stripe:ch_{n}") for n in (1, 2, 3, 4))
        assert old is not None and older is not None and other is not None and new is not None
        assert old.customer_name == older.customer_name  # one payer, one pseudonym
        assert old.customer_name is not None and old.customer_name.startswith("customer ")
        assert other.customer_name != old.customer_name
        assert NAME not in older.description and older.description.endswith(old.customer_name)
        assert (older.amount, older.customer_id) == (Money.of("250.00", "DKK"), "cus_m")
        assert new.customer_name == NAME, "2024 is within retention: untouched"
        entry = store.bank_entries.get("economic:1")
        assert entry is not None and entry.text == "bank entry 1"
        assert entry.counterparty is not None and NAME not in entry.counterparty
        assert entry.amount == Money.of("250.00", "DKK")
        kept = store.bank_entries.get("economic:2")
        assert kept is not None and NAME in kept.text
        first, second = store.matches.get("m-000001"), store.matches.get("m-000002")
        assert NAME not in first.note and NAME not in json.dumps(
            [t.detail for t in first.explanation]
        )
        assert first.bank_refs == ("economic:1",) and first.item_refs == ("stripe:ch_2",)
        assert NAME in second.note, "the 2024 match is within retention"
        assert [f.token for f in store.memory.all()] == ["NIELSEN"], (
            "a word last used in the purged years is forgotten"
        )
        assert store.verify_audit().ok
        [event] = store.audit_events(action_prefix="privacy.purged")
        assert event.payload["before"] == "2021-01-01" and event.payload["items"] == 3


def test_the_hashed_audit_payloads_never_hold_a_name(db: Database) -> None:
    seed(db)
    with db.transaction() as store:  # a name changes on the platform: audited, name-free
        store.items.upsert(item("ch_4", date(2024, 6, 1), "Mette N. Jensen", "cus_m"))
        store.bank_entries.upsert(bank(2, date(2024, 6, 2), f"MP {OTHER}"))
        store.matches.transition(
            "m-000002", MatchState.APPROVED, expected_version=1, note=f"{OTHER} betalte"
        )
    purge(db, "2021", today=date(2026, 1, 2))
    with db.reader() as store:
        rows = store.session.execute(
            select(AuditEventRow.action, AuditEventRow.payload_json, AuditEventRow.subjects_json)
        ).all()
    actions = {action for action, _, _ in rows}
    assert {"platform_item.changed", "bank_entry.changed", "match.approved"} <= actions
    assert "privacy.purged" in actions
    for action, payload, subjects in rows:
        for word in ("Mette", "Nielsen", "Jensen", "Søren", "S\\u00f8ren", "Kierkegaard"):
            assert word not in payload and word not in subjects, action


def test_a_purge_within_the_retention_period_is_refused_and_changes_nothing(
    db: Database,
) -> None:
    seed(db)
    with pytest.raises(PrivacyError, match=r"kept until 2025-12-31 .*bogføringsloven §10"):
        purge(db, "2021", today=date(2025, 12, 31))
    with db.reader() as store:
        assert store.items.get("stripe:ch_1").customer_name == NAME  # type: ignore[union-attr]
        assert store.audit_events(action_prefix="privacy") == []
    with pytest.raises(PrivacyError, match="expected a year"):
        purge(db, "last year", today=date(2030, 1, 1))


def test_e_conomics_accounting_years_decide_where_a_financial_year_ends(db: Database) -> None:
    years = [
        StoredYear("2019/2020", date(2019, 7, 1), date(2020, 6, 30)),
        StoredYear("2020/2021", date(2020, 7, 1), date(2021, 6, 30)),
    ]
    cutoff = cutoff_for("2020/2021", years)
    assert (cutoff.first_day, cutoff.kept_until) == (date(2020, 7, 1), date(2025, 6, 30))
    assert cutoff_for("2020", years).first_day == date(2020, 7, 1)
    seed(db)
    with db.transaction() as store:
        store.privacy.remember_years(years)
    result = purge(db, "2020/2021", today=date(2025, 7, 1))
    assert result.counts.items == 2  # ch_1 (2019-06) and ch_2 (2020-06); not ch_3 (2020-07)
    with db.reader() as store:
        assert store.items.get("stripe:ch_3").customer_name == OTHER  # type: ignore[union-attr]


def test_the_app_is_offered_the_newest_year_whose_retention_has_passed(db: Database) -> None:
    seed(db)
    with db.reader() as store:
        assert purge_offer(store, today=date(2024, 12, 31)) is None, "2019 is kept to its end"
        early = purge_offer(store, today=date(2025, 1, 1))
        offer = purge_offer(store, today=date(2026, 1, 1))
    assert early is not None and (early.cutoff.label, early.rows) == ("2020", 1)
    assert offer is not None and offer.cutoff.label == "2021" and offer.rows == 4
    purge(db, offer.cutoff.label, today=date(2026, 1, 1))
    with db.reader() as store:
        assert purge_offer(store, today=date(2026, 6, 1)) is None, "nothing left to offer"


def test_the_access_request_holds_everything_about_one_customer_and_no_one_else(
    db: Database,
) -> None:
    seed(db)
    with db.reader() as store:
        found = export_customer(store, ref="stripe:cus_m")
        by_name = export_customer(store, name=OTHER.upper())
        with pytest.raises(PrivacyError, match="PROVIDER:CUSTOMER_ID"):
            export_customer(store, ref="cus_m")
    assert [i["ref"] for i in found["platform_items"]] == [
        "stripe:ch_1",
        "stripe:ch_2",
        "stripe:ch_4",
    ]
    assert {b["ref"] for b in found["bank_entries"]} == {"economic:1", "economic:2"}
    assert [m["id"] for m in found["matches"]] == ["m-000001", "m-000002"]
    assert found["learned_words"] == [{"token": "NIELSEN", "hits": 1}]
    assert found["audit_events"], "the events about these refs, by number"
    assert OTHER not in json.dumps(found, ensure_ascii=False)
    assert [i["ref"] for i in by_name["platform_items"]] == ["stripe:ch_3"]


def test_an_offer_is_purged_by_the_cut_off_it_names_even_beside_a_broken_year(
    db: Database,
) -> None:
    """Only e-conomic's 2021/2022 is known: the years before it count as calendar years, so
    on 2 January 2026 everything before 1 January 2021 may go, and the offer's purge does so."""
    seed(db)
    with db.transaction() as store:
        store.privacy.remember_years([StoredYear("2021/2022", date(2021, 7, 1), date(2022, 6, 30))])
    with db.reader() as store:
        offer = purge_offer(store, today=date(2026, 1, 2))
    assert offer is not None and offer.cutoff.first_day == date(2021, 1, 1)
    with pytest.raises(PrivacyError, match="kept until 2026-12-31"):
        purge(db, "2021/2022", today=date(2026, 1, 2))
    result = purge(db, offer.cutoff, today=date(2026, 1, 2))
    assert result.counts.items == 3
