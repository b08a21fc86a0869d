"""What the bank side was booked against: the clearing profile reads the deposit's voucher in
e-conomic; the direct profile refuses a deposit already on the bank account from any source."""

from __future__ import annotations

from econdesk.accounting.vouchers import PostingProfile
from econdesk.connectors import eventloop
from econdesk.domain.model import BankEntryOrigin, MatchState
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.sandbox.economic.store import Booked
from econdesk.services.posting import Outcome
from econdesk.storage import Database
from tests.services.posting_world import BANK, World, agreement, check_exactly_once

OTHER = 1010  # a revenue account: the bank feed booked the deposit straight to revenue


def test_clearing_refuses_a_deposit_booked_against_another_account(sqlite_db: Database) -> None:
    with EconomicSandbox(agreement(81)) as sandbox:
        world = World.build(sqlite_db, sandbox, seed=81, count=2, against=OTHER)
        preview = eventloop.run(world.service().preview())
        assert preview.vouchers == []
        report = eventloop.run(world.service().post())
        assert {o.outcome for o in report.outcomes} == {Outcome.UNPOSTED}
        for outcome in report.outcomes:
            assert f"was booked against account {OTHER}, not the clearing account 5830" in (
                outcome.reason or ""
            )
        assert not sandbox.server.exchanges("POST", "/vouchers")
        assert {m.state for m in world.states().values()} == {MatchState.APPROVED}


def test_clearing_posts_a_deposit_booked_against_its_clearing_account(
    sqlite_db: Database,
) -> None:
    with EconomicSandbox(agreement(82)) as sandbox:
        world = World.build(sqlite_db, sandbox, seed=82, count=2)
        report = eventloop.run(world.service().post())
        assert {o.outcome for o in report.outcomes} == {Outcome.POSTED}


def test_direct_refuses_a_deposit_already_on_the_bank_account(sqlite_db: Database) -> None:
    with EconomicSandbox(agreement(83)) as sandbox:
        world = World.build(sqlite_db, sandbox, seed=83, count=3, from_file=True)
        twin_of = world.matches[0]
        with sqlite_db.reader() as store:
            deposit = store.bank_entries.get(twin_of.bank_refs[0])
        assert deposit is not None and deposit.origin is BankEntryOrigin.FILE
        data = sandbox.data
        with data.lock:  # someone keyed the same deposit in by hand and booked it
            year = data.year_of(deposit.entry_date)
            assert year is not None
            number = data.last_entry_number + 1
            amount = deposit.amount.amount
            for offset, (account, signed) in enumerate(((BANK, amount), (1010, -amount))):
                data.book(
                    Booked(
                        number + offset, year.year, account, deposit.entry_date, signed, signed,
                        "DKK", deposit.text.lower(), "financeVoucher", voucher_number=77_001,
                    )
                )  # fmt: skip
        report = eventloop.run(world.service(profile=PostingProfile.DIRECT).post())
        outcomes = {o.match_id: o for o in report.outcomes}
        refused = outcomes[twin_of.id]
        assert refused.outcome is Outcome.UNPOSTED
        assert f"is already on the bank account in e-conomic as economic:{number}" in (
            refused.reason or ""
        )
        others = [outcomes[m.id].outcome for m in world.matches[1:]]
        assert others == [Outcome.POSTED, Outcome.POSTED]
        assert check_exactly_once(world)["posted"] == 2
