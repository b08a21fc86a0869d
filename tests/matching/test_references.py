"""Layer a: references in the bank text, however the bank reformats them."""

import pytest

from econdesk.domain import MatchMethod
from econdesk.domain.fik import make_payment_id
from tests.matching.factory import bank, item, only, payout, run

PO = "po_1Pgc79B7WZ01zgkWu1KToYf4"


@pytest.mark.parametrize(
    "text",
    [
        f"STRIPE PAYMENTS UK LTD {PO}",
        f"STRIPE PAYMENTS UK {PO[:17]}",  # cut by the bank
        f"STRIPE {PO.upper()}",  # upper-cased
        "STRIPE PO1PGC79B7WZ01ZGKWU1KTOYF4",  # underscore dropped
        "STRIPE PO_1PGC79 B7WZ01ZG KWU1KTOYF4",  # split across words
        "INDB. PO_1PGC79B7WZ01ZGKWU1",  # cut and upper-cased
    ],
)
def test_a_payout_id_is_found_however_the_bank_prints_it(text: str) -> None:
    charge = item("stripe", "txn_1", "1250.00", "2026-03-02", fee="0.00", payout=f"stripe:{PO}")
    other = payout("stripe", "po_1Pgc79ZZZZZZZZZZZZZZZZZZ", "1250.00", "2026-03-04")
    result = run(
        [bank(1, "1250.00", "2026-03-04", text)],
        [charge],
        [payout("stripe", PO, "1250.00", "2026-03-04", components=(charge,)), other],
    )
    m = only(result, "economic:1")
    assert m.method is MatchMethod.REFERENCE
    assert m.item_refs == (f"stripe:{PO}",)
    assert m.component_refs == ("stripe:txn_1",)
    assert m.auto
    assert m.explanation[0].term == "reference"


def test_a_cut_too_short_is_not_a_reference() -> None:
    result = run(
        [bank(1, "1250.00", "2026-03-04", "STRIPE PO_1PGC7")],
        payouts=[payout("stripe", PO, "1250.00", "2026-03-04")],
    )
    assert only(result, "economic:1").method is MatchMethod.PAYOUT


@pytest.mark.parametrize(
    "text",
    [
        "Overførsel Faktura 10234 Anne",
        "ANNE HANSEN FAKTURA NR 10234",
        "Indbetaling fakt. 10234 Anne Hansen",
        f"IK71 {make_payment_id('10234')} Anne Hansen",  # FIK payment id with check digit
    ],
)
def test_an_invoice_number_in_the_text_names_the_payment(text: str) -> None:
    paid = item("chargebee", "txn_a", "1490.00", "2026-03-05", invoice="10234", name="Anne Hansen")
    same_amount = item("chargebee", "txn_b", "1490.00", "2026-03-05", invoice="10235")
    m = only(run([bank(7, "1490.00", "2026-03-05", text)], [paid, same_amount]), "economic:7")
    assert (m.method, m.item_refs, m.auto) == (MatchMethod.REFERENCE, ("chargebee:txn_a",), True)


def test_an_invoice_number_must_be_a_whole_word() -> None:
    paid = item("chargebee", "txn_a", "1490.00", "2026-03-05", invoice="1023")
    result = run([bank(7, "1490.00", "2026-03-05", "Faktura 10234")], [paid])
    assert all(m.method is not MatchMethod.REFERENCE for m in result.proposals)


def test_a_handle_split_or_reduced_to_its_number_still_counts() -> None:
    paid = item("chargebee", "tx1", "299.00", "2026-03-05", invoice="inv-1023")
    split = run([bank(1, "299.00", "2026-03-05", "INV 1023 BETALING")], [paid])
    digits = run([bank(1, "299.00", "2026-03-05", "Betaling faktura 1023")], [paid])
    strong, weak = only(split, "economic:1"), only(digits, "economic:1")
    assert strong.method is weak.method is MatchMethod.REFERENCE
    assert strong.score > weak.score


def test_several_invoice_numbers_in_one_transfer() -> None:
    a = item("chargebee", "txn_a", "1490.00", "2026-03-01", invoice="10234")
    b = item("chargebee", "txn_b", "745.00", "2026-03-03", invoice="10240")
    m = only(
        run([bank(3, "2235.00", "2026-03-05", "Faktura 10234 og 10240")], [a, b]), "economic:3"
    )
    assert m.method is MatchMethod.REFERENCE
    assert m.item_refs == ("chargebee:txn_a", "chargebee:txn_b")


def test_a_reference_with_the_wrong_amount_is_no_match() -> None:
    paid = item("chargebee", "txn_a", "1490.00", "2026-03-05", invoice="10234")
    result = run([bank(7, "1000.00", "2026-03-05", "Faktura 10234")], [paid])
    assert result.proposals == ()


def test_a_settlement_reference_number_from_the_descriptor() -> None:
    settlement = payout(
        "clearhaus", "6f1c2a3b-0000-4000-8000-1234567890ab", "4711.25", "2026-03-05",
        descriptor="CH2400017 2026-03-05",
    )  # fmt: skip
    for text in ("CLEARHAUS CH2400017", "Clearhaus CH2400017 2026-03-05", "STL 6F1C2A3B"):
        m = only(run([bank(1, "4711.25", "2026-03-06", text)], payouts=[settlement]), "economic:1")
        assert (m.method, m.auto) == (MatchMethod.REFERENCE, True), text


def test_a_manual_payout_is_proposed_but_never_auto() -> None:
    manual = payout(
        "stripe", "po_1PgcManual0000000000001", "980.00", "2026-03-05", has_breakdown=False
    )
    text = "STRIPE PAYMENTS UK po_1PgcManual0000000000001"
    m = only(run([bank(2, "980.00", "2026-03-05", text)], payouts=[manual]), "economic:2")
    assert m.method is MatchMethod.REFERENCE and m.item_refs == (
        "stripe:po_1PgcManual0000000000001",
    )
    assert not m.auto  # posting needs the breakdown a person supplies
    assert any(t.term == "breakdown" for t in m.explanation)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("BETALING IN V 1023", True),  # three words joined, after a word that starts nothing
        ("BETALING INV1 023", True),
        ("BETALING V 1023 IN", False),  # the right letters, in the wrong order
    ],
)
def test_a_handle_split_over_up_to_three_words_is_rebuilt(text: str, found: bool) -> None:
    paid = item("chargebee", "tx1", "299.00", "2026-03-05", invoice="inv-1023")
    result = run([bank(1, "299.00", "2026-03-05", text)], [paid])
    m = only(result, "economic:1")
    shown = any(
        t.term == "reference" and t.detail == "inv-1023 in bank text" for t in m.explanation
    )
    assert shown is found
