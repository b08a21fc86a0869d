"""The bilag PDF: what it shows, in both languages, page after page, the same bytes each time."""

from __future__ import annotations

import io
from dataclasses import replace

from pypdf import PdfReader

from econdesk.bilag import render_bilag
from tests.bilag.sample import settlement_sheet


def _text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_it_shows_the_deposit_every_item_the_lines_the_explanation_and_the_audit_event() -> None:
    sheet = settlement_sheet(120, language="en")
    pages, text = _text(render_bilag(sheet))
    assert pages == 3  # a table that runs over pages repeats its heading
    assert text.count("Platform reference") >= 2
    assert "Bilag for voucher 50026 (accounting year 2026, daybook 1)" in text
    assert "economic:4711" in text and "CLEARHAUS 2026-02-02" in text
    for item in sheet.items:  # every payment and refund, by its reference
        assert item.ref in text
    assert "refund" in text and "Refunds and chargebacks" in text
    assert f"Difference: {sheet.match.difference.format()} DKK" in text
    for line in sheet.voucher.lines:
        assert line.text in text
    assert "manual +1.00: matched by hand by Jane" in text
    assert sheet.audit is not None and sheet.audit.hash in text and "match.posted" in text


def test_danish_words_and_numbers() -> None:
    _, text = _text(render_bilag(settlement_sheet(3, language="da")))
    assert "Bilag til bilagsnummer 50026" in text and "Indbetalingen" in text
    assert "betaling" in text and "0,37 DKK" in text


def test_the_same_sheet_gives_the_same_bytes_and_another_sheet_others() -> None:
    sheet = settlement_sheet(40)
    assert render_bilag(sheet) == render_bilag(sheet)
    other = replace(sheet, match=replace(sheet.match, note="checked against the statement"))
    assert render_bilag(other) != render_bilag(sheet)
    assert "checked against the statement" in _text(render_bilag(other))[1]
