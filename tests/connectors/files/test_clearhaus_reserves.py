"""A Clearhaus export whose settlement withholds a reserve or carries other postings: read as
the Merchant API's settlements are, into the same payouts and Clearhaus's own items, so the
vouchers book them the same way (the reserve account, the fee account)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from econdesk.accounting.vouchers import LineRole, build_voucher
from econdesk.connectors.files.clearhaus import read_clearhaus
from econdesk.connectors.files.clearhaus_folder import read_exports
from econdesk.connectors.files.errors import FileImportError
from econdesk.connectors.files.text import SourceFile
from econdesk.connectors.platform import Window
from econdesk.domain.links import RESERVE_RELEASED, RESERVE_WITHHELD, posting_id
from econdesk.domain.model import ItemKind, Payout, PlatformItem
from econdesk.domain.money import Money
from tests.accounting.samples import CHART, CLEARING, item
from tests.accounting.test_settlement_postings import CLEARHAUS_FEES, RESERVE, mappings, material

SUMMARY = (
    "settlement_id,settled,period_start,period_end,currency,sales,credits,refunds,"
    "chargebacks,fees,other_postings,net,payout_amount,payout_date,payout_reference,"
    "payout_descriptor,reserve_amount,reserve_date,reserve_reference,reserve_descriptor\n"
)
WITH_RESERVE = (
    "s-1,2026-03-06,2026-03-05,2026-03-05,DKK,1000.00,0.00,-100.00,0.00,-14.75,-5.00,"
    "880.25,780.25,2026-03-07,CH1,CH1 2026-03-07,100.00,2026-09-07,CHR1,CHR1 2026-09-07\n"
)
PLAIN = (
    "s-2,2026-03-07,2026-03-06,2026-03-06,DKK,200.00,0.00,0.00,0.00,-3.00,0.00,"
    "197.00,197.00,2026-03-08,CH2,CH2 2026-03-08,,,,\n"
)
LINES = (
    "merchant_id,settlement_id,transaction_id,reference,type,processed,currency,amount,fee\n"
    "1,s-1,t-1,fr-1,sale,2026-03-05,DKK,1000.00,-14.75\n"
    "1,s-1,t-2,fr-2,refund,2026-03-05,DKK,-100.00,0.00\n"
    "1,s-2,t-3,fr-3,sale,2026-03-06,DKK,200.00,-3.00\n"
)


def dkk(amount: str) -> Money:
    return Money.of(amount, "DKK")


def read(
    summary: str = SUMMARY + WITH_RESERVE + PLAIN,
) -> tuple[tuple[Payout, ...], tuple[PlatformItem, ...]]:
    report = read_clearhaus(
        SourceFile("s.csv", summary.encode()), SourceFile("t.csv", LINES.encode())
    )
    return report.payouts(), report.own_items()


def test_a_reserve_is_withheld_from_the_payout_and_paid_out_on_its_own_date() -> None:
    payouts, own = read()
    by_id = {p.external_id: p for p in payouts}
    assert set(by_id) == {"s-1", "s-1/reserve", "s-2"}
    assert by_id["s-1"].amount == dkk("780.25")
    reserve = by_id["s-1/reserve"]
    assert (reserve.amount, reserve.arrival_date) == (dkk("100.00"), date(2026, 9, 7))
    assert reserve.statement_descriptor == "CHR1 2026-09-07"
    withheld = f"clearhaus:{posting_id('s-1', RESERVE_WITHHELD)}"
    released = f"clearhaus:{posting_id('s-1', RESERVE_RELEASED)}"
    assert reserve.component_refs == (released,)
    assert withheld in by_id["s-1"].component_refs
    amounts = {i.ref: i.amount for i in own}
    assert amounts[withheld] == dkk("-100.00") and amounts[released] == dkk("100.00")
    others = [i for i in own if "posting" in i.external_id]
    assert [(i.amount, i.kind) for i in others] == [(dkk("-5.00"), ItemKind.ADJUSTMENT)]
    assert by_id["s-2"].component_refs == ("frisbii:fr-3",)  # no reserve, no postings


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            WITH_RESERVE.replace("780.25,2026", "880.25,2026"),
            's.csv line 2, column "payout_amount": "880.25" is not net less the reserve '
            "(880.25 - 100.00)",
        ),
        (
            WITH_RESERVE.replace(",100.00,2026-09", ",-100.00,2026-09"),
            's.csv line 2, column "reserve_amount": "-100.00" must be positive',
        ),
        (
            WITH_RESERVE.replace("2026-09-07,CHR1", "7/9/2026,CHR1"),
            's.csv line 2, column "reserve_date": "7/9/2026" is not a date',
        ),
    ],
)
def test_a_wrong_reserve_names_the_line_and_column(row: str, message: str) -> None:
    with pytest.raises(FileImportError) as caught:
        read(SUMMARY + row)
    assert message in str(caught.value)


def test_the_folder_gives_the_reserve_items_with_the_payouts_they_belong_to(
    tmp_path: Path,
) -> None:
    (tmp_path / "clearhaus-settlements-2026-03.csv").write_text(SUMMARY + WITH_RESERVE + PLAIN)
    (tmp_path / "clearhaus-transactions-2026-03.csv").write_text(LINES)
    march = Window(date(2026, 3, 1), date(2026, 4, 1))
    payouts, items = read_exports(tmp_path, march)
    assert {p.external_id for p in payouts} == {"s-1", "s-2"}  # the reserve comes in September
    assert {i.external_id for i in items} == {
        posting_id("s-1", RESERVE_WITHHELD),
        posting_id("s-1", "posting", 1),
    }
    september = Window(date(2026, 9, 1), date(2026, 10, 1))
    payouts, items = read_exports(tmp_path, september)
    assert [p.external_id for p in payouts] == ["s-1/reserve"]
    assert [i.external_id for i in items] == [posting_id("s-1", RESERVE_RELEASED)]


def test_the_voucher_books_the_reserve_and_the_other_posting_as_the_apis_would() -> None:
    payouts, own = read()
    settlement = next(p for p in payouts if p.external_id == "s-1")
    payments = [
        item("fr-1", ItemKind.PAYMENT, "1000.00", "14.75", provider="frisbii", plan=None),
        item("fr-2", ItemKind.REFUND, "-100.00", provider="frisbii", plan=None),
    ]
    items = [*payments, *(i for i in own if i.payout_ref == settlement.ref)]
    assert {i.ref for i in items} == set(settlement.component_refs)
    prepared = build_voucher(material(settlement, items, "780.25"), mappings(), CHART, CLEARING)
    lines = {p.role: (p.line.account, p.line.amount) for p in prepared.lines}
    assert lines[LineRole.RESERVE] == (RESERVE, dkk("100.00"))
    assert lines[LineRole.POSTING] == (CLEARHAUS_FEES, dkk("5.00"))
    assert prepared.difference.is_zero()
