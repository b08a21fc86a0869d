"""Drawing a bilag on A4 pages with ReportLab's canvas: a heading, then tables that run on
over as many pages as they need (a settlement of a thousand payments is some twenty pages).

Drawn line by line with the standard Helvetica font (WinAnsi covers Danish letters), which
keeps a thousand-row bilag well under a second.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from econdesk.bilag.sheet import BilagSheet
from econdesk.domain.model import ItemKind, PlatformItem, Voucher, VoucherRef
from econdesk.domain.money import Money, money_sum
from econdesk.i18n import QT_TRANSLATE_NOOP, catalogue, formats
from econdesk.i18n.explain import explanation_text

WIDTH, HEIGHT = A4
MARGIN = 40.0
LINE = 11.0  # points per table row
FONT, BOLD, SIZE = "Helvetica", "Helvetica-Bold", 8.0
CONTEXT = "Bilag"

KIND_NAMES = {
    ItemKind.PAYMENT: QT_TRANSLATE_NOOP("Bilag", "payment"),
    ItemKind.REFUND: QT_TRANSLATE_NOOP("Bilag", "refund"),
    ItemKind.CHARGEBACK: QT_TRANSLATE_NOOP("Bilag", "chargeback"),
    ItemKind.FEE: QT_TRANSLATE_NOOP("Bilag", "fee"),
    ItemKind.ADJUSTMENT: QT_TRANSLATE_NOOP("Bilag", "adjustment"),
    ItemKind.INVOICE: QT_TRANSLATE_NOOP("Bilag", "open invoice"),
}


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width: float
    right: bool = False  # amounts align right


class Pages:
    """A canvas with a cursor: writes rows top-down and turns the page when one is full."""

    def __init__(self, canvas: Canvas, footer: str) -> None:
        self.canvas = canvas
        self.footer = footer
        self.page = 1
        self.y = HEIGHT - MARGIN
        canvas.setFont(FONT, SIZE)

    def need(self, height: float) -> bool:
        """Turn the page if `height` does not fit; True when it was turned."""
        if self.y - height >= MARGIN + LINE:
            return False
        self._finish_page()
        self.canvas.showPage()
        self.canvas.setFont(FONT, SIZE)
        self.page += 1
        self.y = HEIGHT - MARGIN
        return True

    def _finish_page(self) -> None:
        self.canvas.setFont(FONT, 7)
        self.canvas.drawString(MARGIN, MARGIN - 12, f"{self.footer}  ·  {self.page}")
        self.canvas.setFont(FONT, SIZE)

    def close(self) -> None:
        self._finish_page()
        self.canvas.showPage()

    def text(self, value: str, *, size: float = SIZE, bold: bool = False, gap: float = 0) -> None:
        self.need(size + 4 + gap)
        self.y -= gap + size + 3
        self.canvas.setFont(BOLD if bold else FONT, size)
        self.canvas.drawString(MARGIN, self.y, value)
        self.canvas.setFont(FONT, SIZE)

    def paragraph(self, value: str) -> None:
        for line in simpleSplit(value, FONT, SIZE, WIDTH - 2 * MARGIN):
            self.text(line)

    def table(self, columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> None:
        self._head(columns)
        draw = self.canvas.drawString
        draw_right = self.canvas.drawRightString
        for row in rows:
            if self.need(LINE):
                self._head(columns)
            self.y -= LINE
            x = MARGIN
            for column, value in zip(columns, row, strict=True):
                if column.right:
                    draw_right(x + column.width - 2, self.y, value)
                else:
                    draw(x, self.y, _clip(value, column.width))
                x += column.width

    def _head(self, columns: Sequence[Column]) -> None:
        self.need(2 * LINE)
        self.y -= LINE + 2
        self.canvas.setFont(BOLD, SIZE)
        x = MARGIN
        for column in columns:
            if column.right:
                self.canvas.drawRightString(x + column.width - 2, self.y, column.title)
            else:
                self.canvas.drawString(x, self.y, column.title)
            x += column.width
        self.canvas.setFont(FONT, SIZE)
        self.canvas.line(MARGIN, self.y - 3, WIDTH - MARGIN, self.y - 3)
        self.y -= 2


def _clip(value: str, width: float) -> str:
    """Cut a text to about the column's width (Helvetica 8 pt: ~4.2 pt a character)."""
    most = int(width / 4.2)
    return value if len(value) <= most else value[: most - 1] + "…"


def render_bilag(sheet: BilagSheet) -> bytes:
    """The bilag as a PDF document (bytes); the same sheet always gives the same bytes."""
    title = QT_TRANSLATE_NOOP("Bilag", "Bilag for voucher {0} (accounting year {1}, daybook {2})")
    document = Document(sheet.language, title, sheet.voucher_ref, sheet.voucher, sheet.match.id)
    pages, t = document.pages, document.say
    _heading(pages, sheet, t, document.title)
    _deposit(pages, sheet, t)
    _specification(pages, sheet, t)
    voucher_lines(pages, sheet.voucher, sheet.language, t)
    _explanation(pages, sheet, t)
    return document.finish()


class Document:
    """A bilag's PDF being drawn: its pages, its texts in the sheet's language, and its
    title (`title` translated, then given the voucher's number, year and daybook)."""

    def __init__(
        self, language: str, title: str, ref: VoucherRef, voucher: Voucher, match_id: str
    ) -> None:
        texts = catalogue(language)

        def t(source: str) -> str:
            return texts.translate(CONTEXT, source)

        self.say: Say = t
        self.buffer = io.BytesIO()
        # invariant: no creation date and a fixed document id, so the bytes depend on the sheet
        self.canvas = Canvas(self.buffer, pagesize=A4, invariant=1, pageCompression=1)
        self.title = t(title).format(ref.number, ref.year, ref.journal)
        self.canvas.setTitle(self.title)
        self.canvas.setCreator("econdesk")
        self.pages = Pages(self.canvas, f"econdesk · {voucher.marker} · {match_id}")

    def finish(self) -> bytes:
        """The document's bytes, its last page closed."""
        self.pages.close()
        self.canvas.save()
        return self.buffer.getvalue()


Say = Callable[[str], str]


def _money(amount: Money | None, language: str) -> str:
    return "" if amount is None else formats.money(amount, language)


def _heading(pages: Pages, sheet: BilagSheet, t: Say, title: str) -> None:
    pages.text(title, size=13, bold=True)
    if sheet.company:
        pages.text(sheet.company, size=10)
    match = sheet.match
    facts = [
        (t(QT_TRANSLATE_NOOP("Bilag", "Match")), f"{match.id} ({match.method.value})"),
        (t(QT_TRANSLATE_NOOP("Bilag", "Marker in the entry texts")), sheet.voucher.marker),
        (
            t(QT_TRANSLATE_NOOP("Bilag", "Deposit")),
            formats.money_with_code(match.amount, sheet.language),
        ),
    ]
    if len(sheet.split) > 1:
        numbers = ", ".join(str(r.number) for r in sheet.split)
        label = t(QT_TRANSLATE_NOOP("Bilag", "One posting, split by e-conomic into vouchers"))
        facts.append((label, numbers))
    for label, value in facts:
        pages.text(f"{label}: {value}")


def _deposit(pages: Pages, sheet: BilagSheet, t: Say) -> None:
    lang = sheet.language
    pages.text(t(QT_TRANSLATE_NOOP("Bilag", "The deposit")), size=10, bold=True, gap=8)
    columns = [
        Column(t(QT_TRANSLATE_NOOP("Bilag", "Date")), 60),
        Column(t(QT_TRANSLATE_NOOP("Bilag", "Bank entry")), 110),
        Column(t(QT_TRANSLATE_NOOP("Bilag", "Text")), 265),
        Column(t(QT_TRANSLATE_NOOP("Bilag", "Amount")), 80, right=True),
    ]
    rows = [
        (formats.day(b.entry_date, lang), b.ref, b.text, _money(b.amount, lang)) for b in sheet.bank
    ]
    pages.table(columns, rows)


def _specification(pages: Pages, sheet: BilagSheet, t: Say) -> None:
    lang = sheet.language
    currency = sheet.match.currency
    pages.text(
        t(QT_TRANSLATE_NOOP("Bilag", "What the deposit is made of")), size=10, bold=True, gap=8
    )
    for payout in sheet.payouts:
        line = t(QT_TRANSLATE_NOOP("Bilag", "Payout {0}, arrived {1}: {2}"))
        pages.text(
            line.format(
                payout.ref,
                formats.day(payout.arrival_date, lang),
                formats.money_with_code(payout.amount, lang),
            )
        )
    columns = [
        Column(t(QT_TRANSLATE_NOOP("Bilag", "Date")), 50),
        Column(t(QT_TRANSLATE_NOOP("Bilag", "Kind")), 55),
        Column(t(QT_TRANSLATE_NOOP("Bilag", "Platform reference")), 150),
        Column(t(QT_TRANSLATE_NOOP("Bilag", "Customer")), 80),
        Column(t(QT_TRANSLATE_NOOP("Bilag", "Amount")), 60, right=True),
        Column(t(QT_TRANSLATE_NOOP("Bilag", "Fee")), 55, right=True),
        Column(t(QT_TRANSLATE_NOOP("Bilag", "Net")), 65, right=True),
    ]
    kinds = {k: t(v) for k, v in KIND_NAMES.items()}
    items = sorted(sheet.items, key=lambda i: (i.occurred_at, i.ref))
    rows = [_item_row(i, kinds, lang) for i in items]
    pages.table(columns, rows)
    pages.y -= 4
    for label, total in _totals(items, sheet, currency, t):
        pages.text(f"{label}: {formats.money_with_code(total, lang)}", bold=True)


def _item_row(item: PlatformItem, kinds: dict[ItemKind, str], lang: str) -> tuple[str, ...]:
    return (
        formats.day(item.occurred_at.date(), lang),
        kinds[item.kind],
        item.ref,
        item.customer_id or "",
        _money(item.amount, lang),
        _money(item.fee, lang),
        _money(item.net, lang),
    )


def _totals(
    items: Sequence[PlatformItem], sheet: BilagSheet, currency: str, t: Say
) -> list[tuple[str, Money]]:
    def total(kinds: set[ItemKind]) -> Money:
        return money_sum((i.amount for i in items if i.kind in kinds), currency)

    fees = money_sum((i.fee for i in items if i.fee is not None), currency)
    fees = fees - total({ItemKind.FEE})  # fee items are negative amounts: count them as fees
    found = [
        (t(QT_TRANSLATE_NOOP("Bilag", "Payments")), total({ItemKind.PAYMENT, ItemKind.INVOICE})),
        (
            t(QT_TRANSLATE_NOOP("Bilag", "Refunds and chargebacks")),
            total({ItemKind.REFUND, ItemKind.CHARGEBACK}),
        ),
        (t(QT_TRANSLATE_NOOP("Bilag", "Fees")), fees),
        (t(QT_TRANSLATE_NOOP("Bilag", "Adjustments")), total({ItemKind.ADJUSTMENT})),
        (
            t(QT_TRANSLATE_NOOP("Bilag", "Net of the items")),
            money_sum((i.net for i in items), currency),
        ),
    ]
    if sheet.match.inferred_fee is not None:
        found.append((t(QT_TRANSLATE_NOOP("Bilag", "Fee inferred")), sheet.match.inferred_fee))
    found.append((t(QT_TRANSLATE_NOOP("Bilag", "Difference")), sheet.match.difference))
    return [
        (label, amount)
        for label, amount in found
        if amount.amount != Decimal(0) or label == found[-1][0]
    ]


def voucher_lines(pages: Pages, voucher: Voucher, lang: str, t: Say) -> None:
    pages.text(t(QT_TRANSLATE_NOOP("Bilag", "The voucher's lines")), size=10, bold=True, gap=8)
    columns = [
        Column(t(QT_TRANSLATE_NOOP("Bilag", "Date")), 50),
        Column(t(QT_TRANSLATE_NOOP("Bilag", "Account")), 50),
        Column(t(QT_TRANSLATE_NOOP("Bilag", "Contra account")), 65),
        Column(t(QT_TRANSLATE_NOOP("Bilag", "VAT")), 35),
        Column(t(QT_TRANSLATE_NOOP("Bilag", "Text")), 235),
        Column(t(QT_TRANSLATE_NOOP("Bilag", "Amount")), 80, right=True),
    ]
    rows = [
        (
            formats.day(line.entry_date, lang),
            str(line.account or line.customer_number or ""),
            str(line.contra_account or ""),
            line.vat_code or line.contra_vat_code or "",
            line.text,
            formats.money_with_code(line.amount, lang),
        )
        for line in voucher.lines
    ]
    pages.table(columns, rows)


def _explanation(pages: Pages, sheet: BilagSheet, t: Say) -> None:
    pages.text(
        t(QT_TRANSLATE_NOOP("Bilag", "Why these belong together")), size=10, bold=True, gap=8
    )
    words = explanation_text(sheet.match.explanation, sheet.language)
    pages.paragraph(words or "-")
    if sheet.match.note:
        pages.paragraph(f"{t(QT_TRANSLATE_NOOP('Bilag', 'Note'))}: {sheet.match.note}")
    audit = sheet.audit
    if audit is None:
        return
    pages.text(t(QT_TRANSLATE_NOOP("Bilag", "Audit event")), size=10, bold=True, gap=8)
    line = t(QT_TRANSLATE_NOOP("Bilag", "No. {0}, {1} UTC, {2}: {3}"))
    pages.paragraph(
        line.format(audit.seq, audit.at.strftime("%Y-%m-%d %H:%M:%S"), audit.actor, audit.action)
    )
    pages.paragraph(f"SHA-256: {audit.hash}")
