"""The bilag of a reversal voucher: which voucher it reverses, why, who, and its lines.

Short on purpose: the reversed voucher's own bilag documents the deposit; this one documents
the correction (bogføringsloven § 6, stk. 2, and § 7, stk. 2: docs/reversal.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from econdesk.bilag.render import Document, voucher_lines
from econdesk.bilag.sheet import AuditStamp
from econdesk.domain.model import Voucher, VoucherRef
from econdesk.i18n import QT_TRANSLATE_NOOP


@dataclass(frozen=True, slots=True)
class ReversalSheet:
    voucher_ref: VoucherRef  # the reversal voucher
    voucher: Voucher  # its lines as posted
    match_id: str
    reverses: tuple[VoucherRef, ...]  # the voucher(s) it reverses
    reversed_marker: str  # the marker the reversed voucher's lines carry
    reason: str
    audit: AuditStamp | None = None  # the `match.reversed` event: who and when
    language: str = "da"

    @property
    def filename(self) -> str:
        year = self.voucher_ref.year.replace("/", "-")
        return f"bilag-{year}-{self.voucher_ref.number}.pdf"


def render_reversal(sheet: ReversalSheet) -> bytes:
    """The reversal's bilag as a PDF document; the same sheet always gives the same bytes."""
    title = QT_TRANSLATE_NOOP(
        "Bilag", "Bilag for voucher {0} (accounting year {1}, daybook {2}): reversal"
    )
    document = Document(sheet.language, title, sheet.voucher_ref, sheet.voucher, sheet.match_id)
    pages, t = document.pages, document.say
    pages.text(document.title, size=13, bold=True)
    numbers = ", ".join(f"{r.number} ({r.year})" for r in sheet.reverses) or "-"
    facts = [
        (t(QT_TRANSLATE_NOOP("Bilag", "Reverses voucher")), numbers),
        (t(QT_TRANSLATE_NOOP("Bilag", "Match")), sheet.match_id),
        (t(QT_TRANSLATE_NOOP("Bilag", "Marker of the reversed voucher")), sheet.reversed_marker),
        (t(QT_TRANSLATE_NOOP("Bilag", "Marker in the entry texts")), sheet.voucher.marker),
    ]
    for label, value in facts:
        pages.text(f"{label}: {value}")
    pages.text(t(QT_TRANSLATE_NOOP("Bilag", "Why it was reversed")), size=10, bold=True, gap=8)
    pages.paragraph(sheet.reason or "-")
    voucher_lines(pages, sheet.voucher, sheet.language, t)
    audit = sheet.audit
    if audit is not None:
        pages.text(t(QT_TRANSLATE_NOOP("Bilag", "Audit event")), size=10, bold=True, gap=8)
        line = t(QT_TRANSLATE_NOOP("Bilag", "No. {0}, {1} UTC, {2}: {3}"))
        at = audit.at.strftime("%Y-%m-%d %H:%M:%S")
        pages.paragraph(line.format(audit.seq, at, audit.actor, audit.action))
        pages.paragraph(f"SHA-256: {audit.hash}")
    return document.finish()
