"""Layer f: transfers paying open invoices, and what must not be taken for an invoice number."""

from __future__ import annotations

import pytest

from econdesk.domain import ItemKind, MatchMethod
from econdesk.i18n.explain import explanation_text
from econdesk.matching.invoice_numbers import number_key, quoted_numbers
from tests.matching.factory import bank, item, only, run


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("fakt. 1614", "1614"),
        ("Faktura 1037 Jens Hansen", "1037"),
        ("inv-1833", "1833"),
        ("FAKTURANR 01614 JENS", "1614"),
        ("Betaling fakt.nr.1022", "1022"),
        ("Faktura1037", "1037"),
        ("Invoice no. 004711", "4711"),
    ],
)
def test_an_invoice_number_is_read_however_the_payer_wrote_it(text: str, key: str) -> None:
    (found,) = quoted_numbers(text, 14_900)
    assert found.key == key and found.named


@pytest.mark.parametrize(
    "text",
    [
        "Faktura 05.03.26",  # a date
        "Husleje 2026-03-05",
        "Indbetaling 149,00 faktura 149",  # the transfer's own amount, twice
        "Faktura 1.614,00",  # an amount with decimals
        "fakt 12",  # too short to tell apart
    ],
)
def test_a_date_an_amount_or_a_short_number_is_no_invoice_number(text: str) -> None:
    assert quoted_numbers(text, 14_900) == ()


def test_an_invoice_number_is_keyed_without_prefix_or_leading_zeros() -> None:
    assert number_key("inv-01614") == "1614" == number_key("1614")
    assert number_key("inv-12") is None


def open_invoice(provider: str, number: str, amount: str, name: str, day: str = "2026-03-02"):  # type: ignore[no-untyped-def]
    return item(
        provider,
        f"invoice-{number}",
        amount,
        day,
        kind=ItemKind.INVOICE,
        name=name,
        invoice=number,
    )


FRISBII = open_invoice("frisbii", "inv-1614", "249.00", "Jens Hansen")
CHARGEBEE = open_invoice("chargebee", "10042", "1875.00", "Nordlys Consult ApS")


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Overførsel fakt. 1614 Jens", FRISBII),
        ("MobilePay Jens Hansen Faktura 1614", FRISBII),
        ("FAKTURANR 010042 NORDLYS", CHARGEBEE),
        ("NORDLYS CONSULT APS inv-10042", CHARGEBEE),
    ],
)
def test_a_transfer_quoting_the_number_of_an_open_invoice_pays_it(text: str, target) -> None:  # type: ignore[no-untyped-def]
    amount = str(target.amount.amount)
    result = run([bank(1, amount, "2026-03-16", text)], [FRISBII, CHARGEBEE])
    m = only(result, "economic:1")
    assert m.item_refs == (target.ref,) and m.method is MatchMethod.REFERENCE
    assert m.auto and m.difference.is_zero()
    english = explanation_text(m.explanation, "en")
    danish = explanation_text(m.explanation, "da")
    assert "open invoice" in english and "åbne faktura" in danish


def test_amount_and_payer_without_a_number_is_proposed_but_never_auto() -> None:
    result = run([bank(1, "249.00", "2026-03-10", "Overførsel Jens Hansen")], [FRISBII])
    m = only(result, "economic:1")
    assert m.item_refs == (FRISBII.ref,) and m.method is MatchMethod.ONE_TO_ONE
    assert not m.auto


def test_another_payer_of_the_same_amount_is_not_the_invoices_customer() -> None:
    result = run([bank(1, "249.00", "2026-03-10", "Overførsel Mette Kjær")], [FRISBII])
    assert result.proposals == ()


def test_money_out_quoting_a_number_is_a_supplier_invoice_not_ours() -> None:
    result = run([bank(1, "-249.00", "2026-03-10", "Postnord fakt. 1614")], [FRISBII])
    assert result.proposals == ()


def test_the_wrong_amount_is_not_the_invoice_paid() -> None:
    result = run([bank(1, "200.00", "2026-03-10", "Faktura 1614")], [FRISBII])
    assert result.proposals == ()


def test_a_slip_in_the_number_still_finds_the_payers_invoice_but_never_auto() -> None:
    # quotes Nordlys's number, pays exactly Jens Hansen's open amount, by his name
    text = "Overførsel fakt. 10042 Jens Hansen"
    result = run([bank(1, "249.00", "2026-03-10", text)], [FRISBII, CHARGEBEE])
    m = only(result, "economic:1")
    assert m.item_refs == (FRISBII.ref,) and m.method is MatchMethod.ONE_TO_ONE
    assert not m.auto and m.score < 0.85


def test_two_open_invoices_of_one_number_are_never_approved_unattended() -> None:
    twin = open_invoice("chargebee", "1614", "249.00", "Jens Hansen")
    result = run([bank(1, "249.00", "2026-03-10", "Faktura 1614")], [FRISBII, twin])
    m = only(result, "economic:1")
    assert not m.auto and m.score < 0.85
    assert "ambiguous" in {t.term for t in m.explanation}
    assert len(result.alternatives[m.id]) == 1


def test_an_open_invoice_the_platform_was_paid_for_since_is_left_out() -> None:
    paid = item("frisbii", "tx1", "249.00", "2026-03-03", name="Jens Hansen", invoice="inv-1614")
    result = run([bank(1, "249.00", "2026-03-10", "Faktura 1614 Jens Hansen")], [FRISBII, paid])
    assert FRISBII.ref not in result.unmatched_items
    assert all(FRISBII.ref not in m.item_refs for m in result.proposals)


def test_an_open_invoice_is_never_part_of_a_batch() -> None:
    mobilepay_day = [
        item("frisbii", f"mp{k}", "99.00", "2026-03-09", at=f"1{k}:00") for k in range(3)
    ]
    invoice = open_invoice("frisbii", "inv-1700", "99.00", "Ole Berg", day="2026-03-09")
    net = "294.03"  # 3 x 99.00 less MobilePay's 1 %
    result = run([bank(1, net, "2026-03-10", "MobilePay Subscriptions 09.03")],
                 [*mobilepay_day, invoice])  # fmt: skip
    m = only(result, "economic:1")
    assert invoice.ref not in m.item_refs


# -- e-conomic's own booked invoices: booked as what was paid --------------------------------

ECONOMIC = open_invoice("economic", "20017", "1000.00", "Fjordhus ApS")


def test_a_transfer_quoting_an_economic_invoice_number_pays_it_unattended() -> None:
    result = run([bank(1, "1000.00", "2026-03-16", "Fjordhus ApS Faktura 20017")], [ECONOMIC])
    m = only(result, "economic:1")
    assert m.item_refs == (ECONOMIC.ref,) and m.auto and m.difference.is_zero()


def test_the_remainder_paid_by_a_known_payer_without_a_number_is_proposed() -> None:
    result = run([bank(1, "1000.00", "2026-03-16", "Overførsel FJORDHUS APS")], [ECONOMIC])
    m = only(result, "economic:1")
    assert m.item_refs == (ECONOMIC.ref,) and m.method is MatchMethod.ONE_TO_ONE
    assert not m.auto


def test_a_part_payment_quoting_the_number_is_proposed_never_auto_and_says_what_stays_open() -> (
    None
):
    result = run([bank(1, "600.00", "2026-03-16", "Faktura 20017 rate 1")], [ECONOMIC])
    m = only(result, "economic:1")
    assert m.item_refs == (ECONOMIC.ref,) and not m.auto
    assert m.difference.is_zero()  # booked as what was paid: no difference line
    english = explanation_text(m.explanation, "en")
    danish = explanation_text(m.explanation, "da")
    assert "stays open on invoice 20017" in english and "400.00" in english
    assert "20017" in danish and "400,00" in danish


def test_an_overpayment_quoting_the_number_says_the_excess_is_the_customers_credit() -> None:
    result = run([bank(1, "1250.00", "2026-03-16", "fakt. 20017")], [ECONOMIC])
    m = only(result, "economic:1")
    assert not m.auto
    english = explanation_text(m.explanation, "en")
    assert "credit on customer fjordhus-aps" in english and "250.00" in english


def test_a_part_payment_needs_the_word_invoice_and_a_platform_invoice_is_not_part_paid() -> None:
    bare = run([bank(1, "600.00", "2026-03-16", "Overførsel 20017")], [ECONOMIC])
    assert bare.proposals == ()
    platform = run([bank(1, "100.00", "2026-03-16", "Faktura 1614")], [FRISBII])
    assert platform.proposals == ()


def test_an_invoice_the_sync_closed_is_never_matched() -> None:
    closed = open_invoice("economic", "20017", "0.00", "Fjordhus ApS")
    result = run([bank(1, "1000.00", "2026-03-16", "Faktura 20017")], [closed])
    assert result.proposals == () and closed.ref not in result.unmatched_items


def test_an_economic_invoice_an_integration_booked_for_a_platform_is_no_second_candidate() -> None:
    booked = item(
        "economic", "invoice-20001", "249.00", "2026-03-02", kind=ItemKind.INVOICE,
        name="Jens Hansen", invoice="20001", references=("inv-1614",),
    )  # fmt: skip
    result = run([bank(1, "249.00", "2026-03-16", "Faktura 1614 Jens")], [FRISBII, booked])
    m = only(result, "economic:1")
    assert m.item_refs == (FRISBII.ref,) and m.auto
