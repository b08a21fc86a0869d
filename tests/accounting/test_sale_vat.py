"""The revenue line's VAT code follows the platform's facts about the sale; the plan's code
is the fallback; facts the rules cannot name, or that contradict the plan, block the match."""

import dataclasses
from decimal import Decimal

import pytest

from econdesk.accounting.vouchers import LineRole, VoucherError, build_voucher
from econdesk.domain.booking import SaleVatFacts, VatRule
from econdesk.domain.model import ItemKind, Mappings, PlanMapping, PlatformItem
from tests.accounting.samples import (
    CHART,
    CLEARING,
    MAPPINGS,
    REVENUE,
    REVENUE_EU,
    approved,
    bank_entry,
    item,
)

DOMESTIC = SaleVatFacts(Decimal(25))
REVERSE = SaleVatFacts(Decimal(0), reverse_charge=True, buyer_vat_number="DE123456789")
OSS_DE = SaleVatFacts(Decimal(19), country="DE")
RULES = (
    VatRule(SaleVatFacts(Decimal("25.00")), "U25"),
    VatRule(SaleVatFacts(Decimal(0), reverse_charge=True), "UEUV"),
)


def with_facts(base: PlatformItem, facts: SaleVatFacts | None) -> PlatformItem:
    return dataclasses.replace(base, vat=facts)


def build(items: list[PlatformItem], mappings: Mappings, total: str):  # type: ignore[no-untyped-def]
    material = approved("m-000200", [bank_entry("4800", total)], items)
    return build_voucher(material, mappings, CHART, CLEARING)


def revenue_codes(prepared) -> list[tuple[int | None, str | None, str]]:  # type: ignore[no-untyped-def]
    return [
        (p.line.account, p.line.vat_code, str(p.line.amount.amount))
        for p in prepared.lines
        if p.role is LineRole.REVENUE
    ]


def test_the_platforms_facts_choose_the_code_and_the_plan_is_the_fallback() -> None:
    mappings = dataclasses.replace(
        MAPPINGS, vat_rules=RULES, plans=(PlanMapping("stripe", "gold", REVENUE, None),)
    )
    items = [
        with_facts(item("ch_1", ItemKind.PAYMENT, "500.00", plan="gold"), REVERSE),
        with_facts(item("ch_2", ItemKind.PAYMENT, "250.00", plan="gold"), DOMESTIC),
        item("ch_3", ItemKind.PAYMENT, "100.00", plan=None),  # says nothing: the default code
    ]
    prepared = build(items, mappings, "850.00")
    assert revenue_codes(prepared) == [
        (REVENUE, "UEUV", "-500.00"),
        (REVENUE, "U25", "-350.00"),
    ]


def test_facts_agreeing_with_the_plan_post_under_the_plans_code() -> None:
    mappings = dataclasses.replace(MAPPINGS, vat_rules=RULES)
    sale = with_facts(item("ch_1", ItemKind.PAYMENT, "500.00", plan="eu-b2b"), REVERSE)
    assert revenue_codes(build([sale], mappings, "500.00")) == [(REVENUE_EU, "UEUV", "-500.00")]


def test_facts_no_rule_names_block_the_match_and_say_which_item_and_facts() -> None:
    mappings = dataclasses.replace(MAPPINGS, vat_rules=RULES)
    sale = with_facts(item("ch_9", ItemKind.PAYMENT, "119.00"), OSS_DE)
    with pytest.raises(VoucherError) as caught:
        build([sale], mappings, "119.00")
    message = str(caught.value)
    assert "m-000200" in message and "stripe:ch_9" in message
    assert "19 %, OSS DE" in message and "no [[vat.codes]] rule" in message


def test_facts_conflicting_with_the_plans_code_block_the_match() -> None:
    mappings = dataclasses.replace(MAPPINGS, vat_rules=RULES)
    # plan "gold" maps to U25, but the platform says reverse charge (-> UEUV)
    sale = with_facts(item("ch_4", ItemKind.PAYMENT, "500.00", plan="gold"), REVERSE)
    with pytest.raises(VoucherError) as caught:
        build([sale], mappings, "500.00")
    message = str(caught.value)
    assert "stripe:ch_4" in message and "reverse charge DE123456789" in message
    assert (
        "VAT code UEUV by [[vat.codes]]" in message and "plan gold maps to VAT code U25" in message
    )


def test_without_rules_domestic_facts_keep_the_plans_code_but_reverse_charge_needs_a_rule() -> None:
    domestic = with_facts(item("ch_5", ItemKind.PAYMENT, "500.00"), DOMESTIC)
    assert revenue_codes(build([domestic], MAPPINGS, "500.00")) == [(REVENUE, "U25", "-500.00")]
    reverse = with_facts(item("ch_6", ItemKind.PAYMENT, "500.00"), REVERSE)
    with pytest.raises(VoucherError, match=r"stripe:ch_6.*no \[\[vat.codes\]\] rule gives"):
        build([reverse], MAPPINGS, "500.00")


def test_a_refund_follows_its_sales_facts() -> None:
    mappings = dataclasses.replace(
        MAPPINGS, vat_rules=RULES, plans=(PlanMapping("stripe", "gold", REVENUE, None),)
    )
    refund = with_facts(item("re_1", ItemKind.REFUND, "-100.00"), REVERSE)
    sale = with_facts(item("ch_7", ItemKind.PAYMENT, "300.00"), REVERSE)
    prepared = build([sale, refund], mappings, "200.00")
    codes = {(p.role, p.line.vat_code) for p in prepared.lines}
    assert codes == {(LineRole.REVENUE, "UEUV"), (LineRole.REFUND, "UEUV")}
