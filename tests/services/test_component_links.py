"""Links to the gateway's items (a Clearhaus transaction id, a MobilePay order reference)
become those items' refs: by key and kind, each item once, oldest first."""

from __future__ import annotations

from datetime import UTC, date, datetime

from econdesk.domain.links import component_link
from econdesk.domain.model import ItemKind, Payout, PayoutKind, PlatformItem
from econdesk.domain.money import Money
from econdesk.services.links import link_components


def frisbii(
    tx: str, kind: ItemKind, amount: str, ref: str, invoice: str, hour: int = 10
) -> PlatformItem:
    return PlatformItem(
        provider="frisbii",
        external_id=tx,
        kind=kind,
        amount=Money.of(amount, "DKK"),
        occurred_at=datetime(2026, 3, 2, hour, tzinfo=UTC),
        invoice_ref=invoice,
        references=(ref,) if ref else (),
    )


def payout(provider: str, refs: list[str]) -> Payout:
    return Payout(
        provider=provider,
        external_id="s-1",
        kind=PayoutKind.SETTLEMENT,
        amount=Money.of("100", "DKK"),
        arrival_date=date(2026, 3, 4),
        component_refs=tuple(refs),
    )


def test_acquirer_references_and_kinds_pick_the_gateway_items() -> None:
    pay = frisbii("t1", ItemKind.PAYMENT, "299.00", "ch-1", "inv-1")
    refund = frisbii("t2", ItemKind.REFUND, "-99.00", "ch-2", "inv-2")
    chargeback = frisbii("d1", ItemKind.CHARGEBACK, "-299.00", "ch-1", "inv-1")
    links = [
        component_link("clearhaus", "capture", "ch-1").ref,
        component_link("clearhaus", "refund", "ch-2").ref,
        component_link("clearhaus", "chargeback", "ch-1").ref,
        "clearhaus:s-1/posting-1",
    ]
    linked, changed = link_components([payout("clearhaus", links)], [pay, refund, chargeback])
    assert linked[0].component_refs == (
        pay.ref,
        refund.ref,
        chargeback.ref,
        "clearhaus:s-1/posting-1",
    )
    assert changed == linked


def test_an_order_reference_is_found_as_the_invoice_and_each_item_is_taken_once() -> None:
    first = frisbii("t1", ItemKind.PAYMENT, "99.00", "", "inv-7", hour=9)
    second = frisbii("t2", ItemKind.PAYMENT, "99.00", "", "inv-7", hour=11)
    link = component_link("mobilepay", "capture", "inv-7").ref
    missing = component_link("mobilepay", "capture", "inv-8").ref
    linked, _ = link_components([payout("mobilepay", [link, link, missing])], [second, first])
    assert linked[0].component_refs == (first.ref, second.ref, missing)  # inv-8 waits


def test_nothing_changes_without_links_or_without_the_item() -> None:
    plain = payout("stripe", ["stripe:txn_1"])
    assert link_components([plain], []) == ([plain], [])
    waiting = payout("clearhaus", [component_link("clearhaus", "capture", "x").ref])
    assert link_components([waiting], []) == ([waiting], [])
