"""Clearhaus settlements of Frisbii card payments posted to the e-conomic sandbox and booked:
the sandbox accepts the vouchers and the clearing accounts net to zero in its own books."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from econdesk.accounting.vouchers import LineRole, PostingProfile
from econdesk.connectors import eventloop
from econdesk.connectors.economic.client import EconomicClient
from econdesk.connectors.files.clearhaus import write_clearhaus
from econdesk.connectors.files.clearhaus_folder import read_folder
from econdesk.domain.model import (
    BankEntry,
    BankEntryOrigin,
    Mappings,
    Match,
    MatchMethod,
    MatchState,
    Payout,
    PlatformItem,
    ProviderMapping,
)
from econdesk.domain.money import money_sum
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.sandbox.economic.store import Booked
from econdesk.sandbox.scenario import ScenarioSpec, generate
from econdesk.services.mappings import MappingService
from econdesk.services.posting import EconomicPort, Outcome, PostingOptions, PostingService
from econdesk.storage import Database
from tests.services.posting_world import FAST_RETRY, agreement

BANK, FRISBII_CLEARING, OTHER_CLEARING, FEES, DIFFERENCE = 5820, 5831, 5832, 7220, 7290
START, END = date(2026, 3, 1), date(2026, 3, 31)


@pytest.fixture
def sandbox() -> Iterator[EconomicSandbox]:
    with EconomicSandbox(agreement(seed=11)) as running:
        yield running


def mappings(clearhaus_clearing: int) -> Mappings:
    return Mappings(
        providers=(
            ProviderMapping("clearhaus", clearhaus_clearing, FEES),
            ProviderMapping("frisbii", FRISBII_CLEARING, FEES),
        ),
        difference_account=DIFFERENCE,
        default_revenue_account=1010,
        default_vat_code="U25",
    )


def settlements(tmp_path: Path, count: int) -> tuple[list[Payout], list[PlatformItem]]:
    """Settlements read back from the exports the scenario writes, and the Frisbii payments."""
    scenario = generate(ScenarioSpec(seed=8, size=120, start=START, end=END, name="post-ch"))
    rows, lines = scenario.clearhaus_report()
    write_clearhaus(rows, lines, tmp_path / "settlements.csv", tmp_path / "transactions.csv")
    payouts = [p for p in read_folder(tmp_path) if p.has_breakdown][:count]
    wanted = {c for p in payouts for c in p.component_refs}
    items = [i for i in scenario.items if i.ref in wanted]
    assert len(items) == len(wanted)
    return payouts, items


def book_and_match(
    db: Database,
    sandbox: EconomicSandbox,
    payouts: list[Payout],
    items: list[PlatformItem],
    deposit_clearing: int,
) -> list[Match]:
    """The deposits as the bank feed booked them (bank debit, `deposit_clearing` credit), and
    an approved match of each with its settlement."""
    data = sandbox.data
    entries: list[BankEntry] = []
    with data.lock:
        number = max(1000, data.last_entry_number) + 1
        for n, payout in enumerate(payouts):
            day = payout.arrival_date
            year = data.year_of(day)
            assert year is not None
            amount = payout.amount.amount
            text = f"CLEARHAUS A/S {payout.statement_descriptor}"
            for account, signed, offset in ((BANK, amount, 0), (deposit_clearing, -amount, 1)):
                data.book(
                    Booked(
                        number + offset, year.year, account, day, signed, signed, "DKK",
                        text, "financeVoucher", voucher_number=80_000 + n,
                    )
                )  # fmt: skip
            entries.append(
                BankEntry(BankEntryOrigin.BOOKED, str(number), BANK, day, payout.amount, text)
            )
            number += 2
    with db.transaction() as store:
        store.bank_entries.upsert_many(entries)
        store.items.upsert_many(items)
        store.payouts.upsert_many(payouts)
        return [
            store.matches.create(
                Match(
                    id="",
                    state=MatchState.APPROVED,
                    method=MatchMethod.REFERENCE,
                    score=0.95,
                    auto=True,
                    bank_refs=(entry.ref,),
                    item_refs=(payout.ref,),
                    amount=payout.amount,
                    difference=entry.amount - payout.amount,
                    component_refs=payout.component_refs,
                )
            )
            for entry, payout in zip(entries, payouts, strict=True)
        ]


def service(db: Database, sandbox: EconomicSandbox, mapped: Mappings) -> PostingService:
    @asynccontextmanager
    async def factory() -> AsyncIterator[EconomicPort]:
        async with EconomicClient(
            sandbox.app_secret_token,
            sandbox.agreement_grant_token,
            base_url=sandbox.base_url,
            journals_url=sandbox.journals_url,
            retry=FAST_RETRY,
            timeout=5.0,
        ) as client:
            yield client

    options = PostingOptions(
        PostingProfile.CLEARING, journal=1, bank_account=BANK, book=True, batch_size=3,
        stale_after=timedelta(0), exchange_rates={},
    )  # fmt: skip
    return PostingService(db, factory, options, MappingService(db, mapped))


@pytest.mark.parametrize("deposit_clearing", [FRISBII_CLEARING, OTHER_CLEARING])
def test_settlements_post_and_book_and_the_clearing_accounts_net_to_zero(
    sqlite_db: Database, sandbox: EconomicSandbox, tmp_path: Path, deposit_clearing: int
) -> None:
    payouts, items = settlements(tmp_path, count=5)
    matches = book_and_match(sqlite_db, sandbox, payouts, items, deposit_clearing)
    deposits = money_sum((p.amount for p in payouts), "DKK").amount
    fees = money_sum((p.fees for p in payouts if p.fees is not None), "DKK").amount
    assert sandbox.data.balance(deposit_clearing) == -deposits
    fees_before = sandbox.data.balance(FEES)
    posting = service(sqlite_db, sandbox, mappings(deposit_clearing))

    preview = eventloop.run(posting.preview())
    assert preview.refused == [] and len(preview.vouchers) == len(payouts)
    roles = {p.role for v in preview.vouchers for p in v.lines}
    assert (LineRole.TRANSFER in roles) == (deposit_clearing != FRISBII_CLEARING)

    report = eventloop.run(posting.post())
    assert report.ok, report
    assert len(report.by(Outcome.POSTED)) == len(matches)
    assert sandbox.data.drafts == {}  # every voucher was accepted and booked
    assert sandbox.data.balance(FRISBII_CLEARING) == Decimal(0)
    assert sandbox.data.balance(deposit_clearing) == Decimal(0)
    assert sandbox.data.balance(FEES) - fees_before == fees  # Clearhaus's fees
    assert sandbox.data.balance(BANK) == deposits
    with sqlite_db.reader() as store:
        assert {store.matches.get(m.id).state for m in matches} == {MatchState.POSTED}
