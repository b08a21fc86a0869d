"""Voucher entry texts in the agreement's language: Danish for DKK unless set otherwise."""

from __future__ import annotations

import dataclasses

from econdesk.accounting.marker import TEXT_MAX, markers_in, match_marker
from econdesk.accounting.texts import VoucherTexts, voucher_language
from econdesk.accounting.vouchers import LineRole, build_voucher
from econdesk.domain.model import ItemKind
from tests.accounting.samples import (
    CHART,
    CLEARING,
    MAPPINGS,
    approved,
    bank_entry,
    item,
    worked_example,
)


def texts_by_role(prepared):  # type: ignore[no-untyped-def]
    return {p.role: p.line.text for p in prepared.lines}


def test_a_dkk_agreement_gets_danish_texts_after_the_marker() -> None:
    material = worked_example()
    prepared = build_voucher(material, MAPPINGS, CHART, CLEARING)
    texts = texts_by_role(prepared)
    marker = match_marker(material.match)
    assert all(p.line.text.startswith(marker + " ") for p in prepared.lines)
    assert texts[LineRole.FEE] == f"{marker} stripe gebyrer (3 poster)"
    assert texts[LineRole.REVENUE].startswith(f"{marker} stripe 2 betaling(er)")
    assert texts[LineRole.REFUND].startswith(f"{marker} stripe 1 refusion(er)")


def test_the_setting_chooses_english() -> None:
    english = dataclasses.replace(CLEARING, language="en")
    texts = texts_by_role(build_voucher(worked_example(), MAPPINGS, CHART, english))
    assert texts[LineRole.FEE].endswith(" stripe fees (3 items)")
    assert texts[LineRole.REVENUE].split(" ", 1)[1].startswith("stripe 2 payment(s)")


def test_language_follows_the_base_currency_unless_set() -> None:
    assert voucher_language(None, "DKK") == "da"
    assert voucher_language(None, "EUR") == "en"
    assert voucher_language("en", "DKK") == "en"
    assert voucher_language("da", "SEK") == "da"
    danish = VoucherTexts("da")
    assert danish.deposit("stripe", "po_1") == "stripe-udbetaling po_1"
    assert VoucherTexts("en").deposit("stripe", "po_1") == "stripe deposit po_1"
    assert danish.rounding("EUR", "DKK") == "kursafrunding EUR til DKK"
    assert danish.customer_payment("stripe", "refund", "re_1", 7, 12) == (
        "stripe refusion re_1 kunde 7 faktura 12"
    )


def test_a_long_danish_text_is_cut_at_250_with_the_marker_whole() -> None:
    many = [item(f"ch_{n:04d}", ItemKind.PAYMENT, "1.00", "0.00", plan=f"plan-{n:04d}-"
                 + "x" * 90) for n in range(80)]  # fmt: skip
    material = approved("m-000999", [bank_entry("4711", "80.00")], many)
    prepared = build_voucher(material, MAPPINGS, CHART, CLEARING)
    marker = match_marker(material.match)
    assert any(len(p.line.text) == TEXT_MAX for p in prepared.lines)  # cut, not refused
    for p in prepared.lines:
        assert len(p.line.text) <= TEXT_MAX
        assert markers_in(p.line.text) == [marker]
        assert p.line.text.startswith(marker)
