"""The overview's questions to a store, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

from econdesk.domain import MatchState, Money, Payout, PayoutKind, VoucherRef
from econdesk.storage import Database
from econdesk.storage.repos.overview import ProviderBalance
from tests.storage.helpers import entry, payment, proposal, seed_pair


def test_figures_count_unmatched_deposits_unposted_approvals_and_clearing(db: Database) -> None:
    approved = seed_pair(db, 1)  # stripe p1 (100.00) with deposit 1, approved
    with db.transaction() as store:
        store.matches.transition(approved.id, MatchState.APPROVED, expected_version=1)
        store.bank_entries.upsert_many([entry(10, "250.00"), entry(11, "0.50"), entry(12, "-9.00")])
        store.bank_entries.upsert(entry(13, "5000.00", "loan from owner"))
        store.rules.set_aside(["economic:13"], "loan")  # not platform money: not counted
        store.items.upsert_many([payment("p2", "300.00"), payment("p9", "75.00", "frisbii")])
        payout = Payout("stripe", "po_1", PayoutKind.PAYOUT, Money.of("300.00", "DKK"),
                        date(2026, 1, 7), component_refs=("stripe:p2",))  # fmt: skip
        store.payouts.upsert(payout)
        store.bank_entries.upsert(entry(20, "300.00"))
        paid = store.matches.create(proposal(["economic:20"], [payout.ref], "300.00"))
        store.cursors.set("stripe:payouts", {"done_until": "2026-01-31"})
    with db.transaction() as store:  # the payout's voucher is posted: it left the clearing
        paid = store.matches.transition(paid.id, MatchState.APPROVED, expected_version=1)
        store.matches.transition(paid.id, MatchState.POSTED, expected_version=paid.version,
                                 voucher=VoucherRef(1, "2026", 50001))  # fmt: skip
    with db.reader() as store:
        figures = store.overview.figures()
    assert figures.unmatched_count == 2  # 250.00 and 0.50; money out is no deposit
    assert figures.unmatched == (Money.of("250.50", "DKK"),)
    assert figures.unposted_approvals == 1
    # stripe took 100.00 + 300.00 and paid 300.00 out (posted): 100.00 should stand there
    assert figures.clearing == (
        ProviderBalance("frisbii", Money.of("75.00", "DKK")),
        ProviderBalance("stripe", Money.of("100.00", "DKK")),
    )
    assert figures.last_cursor_at is not None and figures.last_cursor_at.tzinfo is not None
    assert abs(figures.last_cursor_at - datetime.now(UTC)).total_seconds() < 120
    assert figures.last_signoff is None  # nothing signed off yet


def test_the_last_signoff_is_the_newest_month_still_signed_off(db: Database) -> None:
    with db.transaction() as store:
        for period in ("2026-01", "2026-02"):
            store.periods.sign_off(period, report_hash="0" * 64, audit_seq=0,
                                   audit_hash="0" * 64, balances={})  # fmt: skip
    with db.reader() as store:
        assert store.overview.figures().last_signoff == date(2026, 2, 28)
    with db.transaction() as store:
        store.periods.reopen("2026-02", "a late deposit")
    with db.reader() as store:
        assert store.overview.figures().last_signoff == date(2026, 1, 31)


def test_a_store_with_nothing_in_it_has_nothing_to_say(db: Database) -> None:
    with db.reader() as store:
        figures = store.overview.figures()
    assert (figures.unmatched_count, figures.unmatched, figures.unposted_approvals) == (0, (), 0)
    assert figures.clearing == () and figures.last_cursor_at is None
