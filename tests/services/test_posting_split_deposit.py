"""A payout that reached the bank in two lines, posted over loopback: the direct profile books
each bank line on its own date and amount; the bank-feed (clearing) profile, which has both
lines on the clearing account already, clears them together. Either way C nets to zero."""

from __future__ import annotations

from econdesk.accounting.vouchers import LineRole, PostingProfile
from econdesk.connectors import eventloop
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.services.posting import Outcome
from econdesk.storage import Database
from tests.services.posting_world import BANK, World, agreement, check_exactly_once


def _bank_entries(db: Database, world: World) -> dict[str, tuple[str, str]]:
    """Per bank ref: (date, amount) as the statement shows it."""
    out = {}
    with db.reader() as store:
        for m in world.matches:
            for ref in m.bank_refs:
                entry = store.bank_entries.get(ref)
                assert entry is not None
                out[ref] = (entry.entry_date.isoformat(), str(entry.amount.amount))
    return out


def test_direct_books_each_part_on_its_own_date_and_amount(sqlite_db: Database) -> None:
    with EconomicSandbox(agreement(91)) as sandbox:
        world = World.build(sqlite_db, sandbox, seed=91, count=2, from_file=True, split=True)
        assert all(len(m.bank_refs) == 2 for m in world.matches)
        statement = _bank_entries(sqlite_db, world)
        service = world.service(profile=PostingProfile.DIRECT, book=True)
        preview = eventloop.run(service.preview())
        assert preview.refused == []
        for voucher in preview.vouchers:
            banks = [p for p in voucher.lines if p.role is LineRole.BANK]
            assert len(banks) == 2
            got = {
                p.sources: (p.line.entry_date.isoformat(), str(p.line.amount.amount)) for p in banks
            }
            refs = {m.id: m.bank_refs for m in world.matches}[voucher.voucher.match_id]
            assert got == {(ref,): statement[ref] for ref in refs}
            assert {p.line.account for p in banks} == {BANK}
            assert sum(p.line.amount.amount for p in banks) == voucher.deposit.amount
        report = eventloop.run(service.post())
        assert {o.outcome for o in report.outcomes} == {Outcome.POSTED}
        data = sandbox.data
        assert data.balance(5830) == 0  # the clearing account nets to zero
        assert data.balance(BANK) == sum(w.amount for w in world.deposits.values())
        with data.lock:
            booked = {
                (b.day.isoformat(), str(b.amount))
                for entries in data.by_year.values()
                for b in entries
                if b.account == BANK
            }
        assert set(statement.values()) <= booked  # each part on its own day, to the øre
        assert check_exactly_once(world)["posted"] == 2


def test_the_bank_feed_profile_clears_both_parts_at_once(sqlite_db: Database) -> None:
    with EconomicSandbox(agreement(92)) as sandbox:
        world = World.build(sqlite_db, sandbox, seed=92, count=2, split=True)
        data = sandbox.data
        assert data.balance(5830) == -sum(w.amount for w in world.deposits.values())
        bank_before = data.balance(BANK)
        service = world.service(book=True)
        preview = eventloop.run(service.preview())
        assert preview.refused == []
        for voucher in preview.vouchers:
            assert not [p for p in voucher.lines if p.role is LineRole.BANK]
        report = eventloop.run(service.post())
        assert {o.outcome for o in report.outcomes} == {Outcome.POSTED}
        assert data.balance(5830) == 0
        assert data.balance(BANK) == bank_before  # the bank feed booked the bank side
        assert check_exactly_once(world)["posted"] == 2
