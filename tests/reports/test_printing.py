"""The report on paper: LibreOffice turns the workbook into a PDF, as a bookkeeper's or an
auditor's print to PDF does, and the pages are read back: every sheet on A4 with its page
numbers, none shrunk below 70 %, the Matches sheet at full size, in the report's language."""

from __future__ import annotations

import math
import os
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from econdesk.domain import MatchMethod, MatchState
from econdesk.matching.scoring import amount_term, date_term, name_term, what
from econdesk.reports.data import MatchRow
from econdesk.reports.workbook import write_report
from tests.reports.factory import BANK_4711, bank, dkk, match, match_rows, sample_report

A4 = (595, 842)  # points, portrait
BODY_POINTS = 11.0  # the workbook's cell text
MIN_SCALE = 0.7


def many_matches(count: int) -> list[MatchRow]:
    """Matches with long, real explanations (the column that used to widen the sheet)."""
    rows = list(match_rows())
    for n in range(6, 6 + count):
        terms = (
            amount_term(0.45, -n, 500, "DKK", what("payout")),
            date_term(0.25, n % 4, (-1, 3), what("booked_after_arrival")),
            name_term(0.3, f"Kunde nummer {n} ApS", 0.8),
        )
        found = match(n % 40, MatchState.PROPOSED, dkk(f"{n}00.00"), dkk("0.00"),
                      method=MatchMethod.PAYOUT)  # fmt: skip
        found = replace(found, id=f"m-{n:06d}", bank_refs=(f"economic:{4710 + n}",),
                        item_refs=(f"stripe:po_{n:08d}",))  # fmt: skip
        entry = bank(4710 + n, date(2026, 1, 1 + n % 28), dkk(f"{n}00.00"),
                     f"OVERFOERSEL STRIPE PAYOUT po_{n:08d} KUNDE {n} APS")  # fmt: skip
        explained = replace(found, explanation=tuple(t for t in terms if t))
        rows.append(MatchRow(explained, (entry,)))
    rows[0] = MatchRow(rows[0].match, (BANK_4711,))
    return rows


@pytest.fixture(scope="session")
def calibri_metrics() -> None:
    """Carlito, the stand-in with Calibri's metrics, as a reader's spreadsheet program has."""
    found = subprocess.run(["fc-match", "Calibri"], capture_output=True, text=True, check=False)
    if "carlito" not in found.stdout.lower() and "calibri" not in found.stdout.lower():
        reason = "no Calibri or Carlito font: run scripts/ensure-libreoffice.sh"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)


def to_pdf(soffice: str, workbook: Path, tmp_path: Path) -> Path:
    profile = tmp_path / "lo-profile"
    out = tmp_path / "pdf"
    result = subprocess.run(
        [soffice, "--headless", "--norestore", "--nolockcheck",
         f"-env:UserInstallation={profile.as_uri()}",
         "--convert-to", "pdf", "--outdir", str(out), str(workbook)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    pdf = out / workbook.with_suffix(".pdf").name
    assert pdf.exists(), f"LibreOffice did not print {workbook}: {result.stderr}"
    return pdf


def page_texts(pdf: Path) -> list[tuple[str, float, tuple[float, float]]]:
    """Per page: its text, the smallest size a character of it is printed at, and its size."""
    pages = []
    for page in PdfReader(pdf).pages:
        sizes: list[float] = []

        def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float,
                  sizes: list[float] = sizes) -> None:  # fmt: skip
            if text.strip():
                scale = math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])
                sizes.append(size * scale)

        text = page.extract_text(visitor_text=visit)
        box = page.mediabox
        pages.append((text, min(sizes, default=0.0), (float(box.width), float(box.height))))
    return pages


@pytest.mark.slow
def test_the_danish_report_prints_on_a4_readable_with_page_numbers(
    soffice: str, calibri_metrics: None, tmp_path: Path
) -> None:
    path = tmp_path / "rapport.xlsx"
    write_report(sample_report(matches=iter(many_matches(60))), path, language="da")
    pages = page_texts(to_pdf(soffice, path, tmp_path))

    # 8 sheets; Matches two pages wide, six or more of its matches a page; nothing runaway
    assert 7 <= len(pages) <= 40, len(pages)
    for number, (text, smallest, size) in enumerate(pages, 1):
        assert sorted(round(x) for x in size) == sorted(A4), f"page {number} is not A4: {size}"
        assert f"Side {number} af {len(pages)}" in text, f"page {number} has no page number"
        assert "Hansen & Søn ApS" in text and "2026-01-01 til 2026-01-31" in text
        assert smallest >= BODY_POINTS * MIN_SCALE - 0.05, (
            f"page {number} prints at {smallest / BODY_POINTS:.0%}"
        )
    matches = [(t, s) for t, s, _ in pages if " Afstemninger 2026-01-01" in t]
    assert len(matches) >= 4 and len(matches) % 2 == 0  # two pages wide, then down
    assert all(s >= BODY_POINTS * 0.9 for _, s in matches)  # (nearly) full size
    for left, right in zip(matches[::2], matches[1::2], strict=True):
        assert "Banktekst" in left[0] and "Forklaring" in right[0]  # the header on each page
        ids = {w for w in left[0].split() if w.startswith("m-0")}
        assert ids and ids == {w for w in right[0].split() if w.startswith("m-0")}
    everything = "\n".join(t for t, _, _ in pages)
    for heading in (
        "Oversigt",
        "Afstemninger",
        "Udbetalinger",
        "Revisionsspor",
        "Bankbeløb",
        "Mellemregning, bevægelser",
        "Primosaldo",
        "Ultimosaldo",
    ):
        assert heading in everything
    words = " ".join(everything.split())
    assert "udbetalingen afviger med -0,06 DKK" in words  # Danish explanations and numbers
