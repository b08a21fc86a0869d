"""Settlement reports: the Clearhaus layout and any acquirer's CSV through a column mapping,
round-tripped through the scenario generator's own settlements."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest

from econdesk.connectors.files.clearhaus import (
    read_clearhaus,
    settlements_csv,
    transactions_csv,
    write_clearhaus,
)
from econdesk.connectors.files.errors import FileImportError
from econdesk.connectors.files.mapping import ColumnMapping
from econdesk.connectors.files.settlement import import_settlement_csv
from econdesk.connectors.files.text import SourceFile
from econdesk.domain.model import ItemKind, PayoutKind
from econdesk.domain.money import Money
from econdesk.sandbox.scenario import Scenario, ScenarioSpec, generate


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return generate(ScenarioSpec(seed=21, size=800))


def _clearhaus_payouts(scenario: Scenario) -> list[object]:
    return [
        dataclasses.replace(p, created_at=None)
        for p in scenario.payouts
        if p.provider == "clearhaus"
    ]


def test_round_trip_through_files(scenario: Scenario, tmp_path: Path) -> None:
    settlements, lines = scenario.clearhaus_report()
    summary, transactions = tmp_path / "settlements.csv", tmp_path / "transactions.csv"
    write_clearhaus(settlements, lines, summary, transactions)
    assert not list(tmp_path.glob("*.tmp"))
    report = read_clearhaus(summary, transactions)
    assert list(report.settlements) == settlements
    assert list(report.lines) == lines
    assert list(report.payouts()) == _clearhaus_payouts(scenario)
    frisbii = {item.ref for item in scenario.items if item.provider == "frisbii"}
    assert all(ref in frisbii for p in report.payouts() for ref in p.component_refs)


def test_summary_alone_gives_payouts_without_breakdown(scenario: Scenario) -> None:
    settlements, _ = scenario.clearhaus_report()
    report = read_clearhaus(SourceFile("s.csv", settlements_csv(settlements).encode()))
    payouts = report.payouts()
    assert all(not p.has_breakdown and p.component_refs == () for p in payouts)
    assert [p.amount for p in payouts] == [s.net for s in settlements]
    assert all(p.kind is PayoutKind.SETTLEMENT for p in payouts)


def test_lines_as_items_when_there_is_no_gateway(scenario: Scenario) -> None:
    settlements, lines = scenario.clearhaus_report()
    report = read_clearhaus(
        SourceFile("s.csv", settlements_csv(settlements).encode()),
        SourceFile("t.csv", transactions_csv(lines, "1").encode()),
    )
    items = report.items()
    assert len(items) == len(lines)
    assert {i.kind for i in items} >= {ItemKind.PAYMENT, ItemKind.REFUND}
    by_payout: dict[str, Money] = {}
    for item in items:
        assert item.payout_ref is not None
        by_payout[item.payout_ref] = by_payout.get(item.payout_ref, Money.zero("DKK")) + item.net
    assert {p.ref: p.amount for p in report.payouts()} == by_payout


SUMMARY = (
    "settlement_id,settled,period_start,period_end,currency,sales,credits,refunds,"
    "chargebacks,fees,other_postings,net,payout_amount,payout_date,payout_reference,"
    "payout_descriptor\n"
)
GOOD = (
    "s-1,2026-03-06,2026-03-05,2026-03-05,DKK,1000.00,0.00,-100.00,0.00,-14.75,0.00,"
    "885.25,885.25,2026-03-07,CH1,CH1 2026-03-07\n"
)
LINES = "merchant_id,settlement_id,transaction_id,reference,type,processed,currency,amount,fee\n"


@pytest.mark.parametrize(
    ("summary", "message"),
    [
        (
            GOOD.replace("885.25,885.25", "885.26,885.26"),
            's.csv line 2, column "net": "885.26" is not the sum of sales, credits, refunds, '
            "chargebacks, fees and other postings (885.25)",
        ),
        (
            GOOD.replace(",885.25,2026", ",880.00,2026"),
            's.csv line 2, column "payout_amount": "880.00" differs from net (885.25)',
        ),
        (
            GOOD.replace("-100.00", "100.00").replace("885.25,885.25", "1085.25,1085.25"),
            's.csv line 2, column "refunds": "100.00" must be zero or negative',
        ),
        (GOOD.replace("1000.00", "10O0.00"), 's.csv line 2, column "sales": "10O0.00" is not an'),
        (
            GOOD.replace("2026-03-07,CH1", "07-03-2026,CH1"),
            's.csv line 2, column "payout_date": "07-03-2026" is not a date (expected yyyy-mm-dd)',
        ),
        (GOOD + GOOD, 's.csv line 3, column "settlement_id": "s-1" repeats the settlement on'),
    ],
)
def test_summary_problems(summary: str, message: str) -> None:
    with pytest.raises(FileImportError) as error:
        read_clearhaus(SourceFile("s.csv", (SUMMARY + summary).encode()))
    assert str(error.value).startswith(message)


def test_missing_columns() -> None:
    with pytest.raises(FileImportError, match=r"s\.csv line 1: lacks the columns payout_desc"):
        read_clearhaus(SourceFile("s.csv", SUMMARY.replace(",payout_descriptor", "").encode()))


def test_lines_must_add_up_to_the_summary() -> None:
    lines = (
        LINES + "m,s-1,t-1,f-1,sale,2026-03-05,DKK,1000.00,-14.75\n"
        "m,s-1,t-2,f-2,refund,2026-03-05,DKK,-90.00,0.00\n"
    )
    with pytest.raises(FileImportError) as error:
        read_clearhaus(
            SourceFile("s.csv", (SUMMARY + GOOD).encode()), SourceFile("t.csv", lines.encode())
        )
    assert str(error.value) == (
        's.csv line 2, column "refunds": "-100.00" is -100.00 but the transaction lines add up '
        "to -90.00"
    )


def test_transaction_line_problems() -> None:
    lines = (
        LINES + "m,s-9,t-1,f-1,sale,2026-03-05,DKK,1000.00,-14.75\n"
        "m,s-1,t-2,f-2,gift,2026-03-05,DKK,5.00,0.00\n"
        "m,s-1,t-3,f-3,refund,2026-03-05,DKK,100.00,0.00\n"
    )
    with pytest.raises(FileImportError) as error:
        read_clearhaus(
            SourceFile("s.csv", (SUMMARY + GOOD).encode()), SourceFile("t.csv", lines.encode())
        )
    problems = [str(p) for p in error.value.problems]
    assert problems[:3] == [
        't.csv line 2, column "settlement_id": "s-9" is not a settlement in s.csv',
        't.csv line 3, column "type": "gift" is not a transaction type (sale, refund, '
        "chargeback, credit)",
        't.csv line 4, column "amount": "100.00" has the wrong sign for a refund',
    ]


def test_any_acquirer_through_a_mapping(scenario: Scenario) -> None:
    _, lines = scenario.clearhaus_report()
    # The same export as an acquirer might write it: Danish number format, semicolons.
    rows = ["Udbetaling;Transaktion;Reference;Type;Dato;Valuta;Beløb;Gebyr"]
    for line in lines:
        rows.append(
            ";".join(
                [
                    line.settlement_id,
                    line.transaction_id,
                    line.reference,
                    line.type.upper(),
                    line.processed.strftime("%d-%m-%Y"),
                    line.currency,
                    f"{line.amount.amount:,.2f}".replace(",", "X")
                    .replace(".", ",")
                    .replace("X", "."),
                    f"{-line.fee.amount:.2f}".replace(".", ","),
                ]
            )
        )
    data = ("\n".join(rows) + "\n").encode("cp1252")
    mapping = ColumnMapping(
        name="acquirer-x",
        date="Dato",
        amount="Beløb",
        text=None,
        fee="Gebyr",
        payout_reference="Udbetaling",
        reference="Reference",
        currency="Valuta",
        kind="Type",
        kind_values={"SALE": "payment", "REFUND": "refund", "CHARGEBACK": "chargeback"},
    )
    result = import_settlement_csv(
        SourceFile("acquirer.csv", data),
        mapping,
        provider="clearhaus",
        component_provider="frisbii",
    )
    expected = {p.external_id: p for p in scenario.payouts if p.provider == "clearhaus"}
    assert len(result.payouts) == len(expected)
    for payout in result.payouts:
        truth = expected[payout.external_id]
        assert payout.amount == truth.amount
        assert payout.fees == truth.fees and payout.gross == truth.gross
        assert payout.component_refs == truth.component_refs
    assert len(result.items) == len(lines)


def test_mapping_settlement_fee_rows_and_unsigned_deductions() -> None:
    text = (
        "payout;ref;kind;date;amount;fee\n"
        "P1;a;sale;2026-03-02;100.00;1.50\n"
        "P1;b;refund;2026-03-02;20.00;0\n"
        "P1;;fee;2026-03-03;5.00;\n"
    )
    mapping = ColumnMapping(
        date="date",
        amount="amount",
        text=None,
        fee="fee",
        payout_reference="payout",
        reference="ref",
        kind="kind",
        kind_values={"sale": "payment", "refund": "refund", "fee": "fee"},
    )
    result = import_settlement_csv(SourceFile("x.csv", text.encode()), mapping, provider="acq")
    (payout,) = result.payouts
    assert payout.amount == Money.of("73.50", "DKK")  # 100 - 1.50 - 20 - 5
    assert payout.fees == Money.of("6.50", "DKK") and payout.gross == Money.of("100", "DKK")
    assert payout.component_refs == ("acq:a", "acq:b")
    assert [i.amount.amount for i in result.items] == [Decimal(100), Decimal(-20), Decimal(-5)]


def test_settlement_mapping_needs_a_payout_column() -> None:
    with pytest.raises(FileImportError, match="names no payout_reference column"):
        import_settlement_csv(
            SourceFile("x.csv", b"Dato;Bel\xf8b\n"), ColumnMapping(), provider="acq"
        )
