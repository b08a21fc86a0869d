"""A MobilePay payout behind a gateway names the gateway's items by links; used alone, its
captures, refunds and disputed captures are MobilePay's own sales, keyed by the order
reference (else the pspReference), and the payout is made of them."""

from __future__ import annotations

from datetime import UTC, date, datetime

from econdesk.connectors.mobilepay.models import Entry, Ledger
from econdesk.connectors.mobilepay.normalise import to_payout
from econdesk.domain.links import is_own_sale, own_sale_link, parse_link
from econdesk.domain.model import ItemKind
from econdesk.domain.money import Money

DAY = date(2026, 3, 2)


def _entries() -> list[Entry]:
    rows = [
        ("p-1", "capture", 20000, "m-1"),
        ("p-2", "capture", 5000, None),  # a capture without the merchant's order reference
        ("p-3", "refund", -2000, "m-1"),
        ("p-4", "correction", 100, None),
        ("p-5", "fees-retained", -500, None),
    ]
    balance, entries = 0, []
    for n, (psp, kind, minor, ref) in enumerate(rows):
        amount = Money.from_minor(minor, "DKK")
        before = Money.from_minor(balance, "DKK")
        balance += minor
        entries.append(
            Entry(psp, datetime(2026, 3, 2, 8 + n, tzinfo=UTC), DAY, kind, ref, amount, before,
                  Money.from_minor(balance, "DKK"))
        )  # fmt: skip
    paid = Money.from_minor(-balance, "DKK")
    entries.append(
        Entry("p-o", datetime(2026, 3, 2, 22, tzinfo=UTC), DAY, "payout-scheduled", "MP 1",
              paid, Money.from_minor(balance, "DKK"), Money.zero("DKK"))
    )  # fmt: skip
    return entries


def test_alone_the_payout_is_made_of_mobilepays_own_sales() -> None:
    ledger = Ledger("302321", "DKK", ())
    payout, items = to_payout(ledger, _entries(), own=True)
    assert payout.has_breakdown and payout.amount == Money.of("226.00", "DKK")
    sales = [i for i in items if is_own_sale(i)]
    assert [i.kind for i in sales] == [ItemKind.PAYMENT, ItemKind.PAYMENT, ItemKind.REFUND]
    assert set(payout.component_refs) == {i.ref for i in items}  # the sales and the correction
    keys = [own_sale_link(i).key for i in sales]  # type: ignore[union-attr]
    assert keys == ["m-1", "p-2", "m-1"]  # no order reference: the pspReference
    assert sales[2].invoice_ref == "m-1" and sales[2].amount == Money.of("-20.00", "DKK")


def test_behind_a_gateway_the_payout_names_the_gateways_items_by_links() -> None:
    ledger = Ledger("302321", "DKK", ())
    payout, items = to_payout(ledger, _entries())
    assert not payout.has_breakdown  # a capture without a reference: nothing to link it by
    assert not any(is_own_sale(i) for i in items)
    entries = [e for e in _entries() if e.psp_reference != "p-2"]
    linked, _ = to_payout(ledger, entries)
    links = [parse_link(c) for c in linked.component_refs]
    assert [(k.word, k.key) for k in links if k is not None] == [
        ("capture", "m-1"),
        ("refund", "m-1"),
    ]
