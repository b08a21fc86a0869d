"""The Summary sheet: the report's first page, written last from the running `Tally`.

Company, period and sources; matches by state; how much of each side is matched; open items by
age; every platform's clearing-account balance (zero when all is posted); payouts, vouchers
and audit events counted. Totals are SUMIF formulas over the blocks above them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from econdesk.domain.model import MatchState
from econdesk.domain.money import Money
from econdesk.i18n.message import text_in
from econdesk.reports.book import (
    BOLD,
    DATE,
    DATETIME,
    HEADER,
    INTEGER,
    PERCENT,
    TITLE,
    TOTAL_INTEGER,
    TOTAL_LABEL,
    ReportBook,
    money_style,
)
from econdesk.reports.data import ReportData
from econdesk.reports.sheets import STATE_TEXT
from econdesk.reports.tally import BUCKET_NAMES, Amounts, Tally
from econdesk.reports.xlsx_stream import CellValue, Formula, SheetStream

WIDTHS: Final = (34, 24, 20, 18, 18, 14)
_ORDER: Final = (
    MatchState.PROPOSED,
    MatchState.PARKED,
    MatchState.APPROVED,
    MatchState.POSTED,
    MatchState.REJECTED,
    MatchState.WITHDRAWN,
)
# Every state has its line (a state added later goes last), so the block adds up to the
# Matches sheet.
STATE_ORDER: Final = (*_ORDER, *(s for s in MatchState if s not in _ORDER))

Cells = list[tuple[CellValue, int]]


class SummarySheet:
    """Created first (so it is the first tab), filled after the list sheets have streamed."""

    def __init__(self, book: ReportBook) -> None:
        self._book = book
        self._stream: SheetStream = book.new_sheet(
            book.translate("Report", "Summary"), freeze=None, landscape=False
        )
        for index, width in enumerate(WIDTHS, 1):
            self._stream.sheet.column_dimensions[self._stream.letter(index)].width = width
        book.fit_print(self._stream, list(WIDTHS), title_rows=None)

    # -- small helpers ------------------------------------------------------------------
    def translate(self, context: str, text: str) -> str:
        return self._book.translate(context, text)

    def _row(self, *cells: tuple[CellValue, int]) -> int:
        return self._stream.add_row(list(cells))

    def _blank(self) -> None:
        self._stream.add_row([])

    def _header(self, *titles: str) -> None:
        style = self._book.style(HEADER)
        self._row(*((title, style) for title in titles))

    def _money(self, amount: Money | None, *, total: bool = False) -> tuple[CellValue, int]:
        if amount is None:
            return None, 0
        return amount.amount, self._book.style(money_style(amount.currency, total=total))

    def _int(self, value: int) -> tuple[CellValue, int]:
        return value, self._book.style(INTEGER)

    def _sumif(self, first: int, last: int, key_col: str, key: str, sum_col: str) -> Formula:
        return Formula(
            f'SUMIF({key_col}{first}:{key_col}{last},"{key}",{sum_col}{first}:{sum_col}{last})'
        )

    # -- the sheet ----------------------------------------------------------------------
    def write(self, data: ReportData, tally: Tally) -> None:
        book = self._book
        bold = book.style(BOLD)
        date_style = book.style(DATE)
        self._row((self.translate("Report", "Reconciliation report"), book.style(TITLE)))
        self._blank()
        self._row((self.translate("Report", "Company"), bold), (book.company, 0))
        self._row(
            (self.translate("Report", "Period from"), bold),
            (data.period_from or self.translate("Report", "(the beginning)"), date_style),
        )
        self._row(
            (self.translate("Report", "Period to"), bold),
            (data.period_to or self.translate("Report", "(now)"), date_style),
        )
        generated = book.local(data.generated_at)
        self._row((self.translate("Report", "Generated"), bold), (generated, book.style(DATETIME)))
        self._row((self.translate("Report", "Times shown in"), bold), (str(data.timezone), 0))
        self._row((self.translate("Report", "Ages counted to"), bold), (data.age_date, date_style))
        self._blank()
        self._sources(data)
        self._matches(tally)
        self._match_rate(tally)
        self._open_by_age(tally)
        self._clearing(data)
        self._facts(tally)

    def _sources(self, data: ReportData) -> None:
        self._header(
            self.translate("Report", "Source"),
            self.translate("Report", "Detail"),
            self.translate("Report", "Last synced"),
        )
        for source in data.sources:
            synced = self._book.local(source.synced_at) if source.synced_at else None
            self._row((source.name, 0), (source.detail, 0), (synced, self._book.style(DATETIME)))
        if not data.sources:
            self._row((self.translate("Report", "(none named)"), 0))
        self._blank()

    def _matches(self, tally: Tally) -> None:
        self._header(
            self.translate("Report", "Matches by state"),
            self.translate("Report", "Currency"),
            self.translate("Report", "Matches"),
            self.translate("Report", "Bank amount"),
            self.translate("Report", "Difference"),
        )
        currencies = sorted({currency for _, currency in tally.by_state})
        first = self._stream.next_row
        for state in STATE_ORDER:
            for currency in currencies:
                found = tally.by_state.get((state, currency))
                if found is None:
                    continue
                self._row(
                    (self.translate("Report", STATE_TEXT[state]), 0),
                    (currency, 0),
                    self._int(found.count),
                    self._money(found.amount),
                    self._money(found.other),
                )
        last = self._stream.next_row - 1
        if last < first:
            self._row((self.translate("Report", "(no matches)"), 0))
        label = self._book.style(TOTAL_LABEL)
        for currency in currencies:
            total = self._book.style(money_style(currency, total=True))
            self._row(
                (self.translate("Report", "Total"), label),
                (currency, label),
                (self._sumif(first, last, "B", currency, "C"), self._book.style(TOTAL_INTEGER)),
                (self._sumif(first, last, "B", currency, "D"), total),
                (self._sumif(first, last, "B", currency, "E"), total),
            )
        self._blank()

    def _match_rate(self, tally: Tally) -> None:
        self._header(
            self.translate("Report", "Match rate"),
            self.translate("Report", "In live matches"),
            self.translate("Report", "Open"),
            self.translate("Report", "Matched"),
            self.translate("Report", "Approved or posted"),
        )
        percent = self._book.style(PERCENT)
        sides = (
            (
                self.translate("Report", "Bank entries"),
                tally.bank_in_live_matches,
                tally.open_bank_count,
                tally.bank_in_settled_matches,
            ),
            (
                self.translate("Report", "Platform items"),
                tally.items_in_live_matches,
                tally.open_item_count,
                tally.items_in_settled_matches,
            ),
        )
        for name, live, open_count, settled in sides:
            whole = live + open_count
            self._row(
                (name, 0),
                self._int(live),
                self._int(open_count),
                (live / whole if whole else None, percent),  # a ratio, not money
                (settled / whole if whole else None, percent),
            )
        self._blank()

    def _open_by_age(self, tally: Tally) -> None:
        self._header(
            self.translate("Report", "Open items by age"),
            self.translate("Report", "Age"),
            self.translate("Report", "Currency"),
            self.translate("Report", "Count"),
            self.translate("Report", "Amount"),
        )
        first = self._stream.next_row
        sides = (
            (self.translate("Report", "Bank entries"), tally.open_bank),
            (self.translate("Report", "Platform items"), tally.open_items),
        )
        for side, table in sides:
            for currency in sorted({currency for _, currency in table}):
                for bucket in BUCKET_NAMES:
                    found = table.get((bucket, currency)) or Amounts(currency)
                    self._row(
                        (side, 0),
                        (self.translate("Report", bucket), 0),
                        (currency, 0),
                        self._int(found.count),
                        self._money(found.amount),
                    )
        last = self._stream.next_row - 1
        if last < first:
            self._row((self.translate("Report", "(nothing open)"), 0))
        label = self._book.style(TOTAL_LABEL)
        for side, table in sides:
            for currency in sorted({currency for _, currency in table}):
                span = f'A{first}:A{last},"{side}",C{first}:C{last},"{currency}"'
                self._row(
                    (self.translate("Report", "Total {0}").format(side.lower()), label),
                    (None, label),
                    (currency, label),
                    (Formula(f"SUMIFS(D{first}:D{last},{span})"), self._book.style(TOTAL_INTEGER)),
                    (
                        Formula(f"SUMIFS(E{first}:E{last},{span})"),
                        self._book.style(money_style(currency, total=True)),
                    ),
                )
        self._blank()

    def _clearing(self, data: ReportData) -> None:
        self._header(
            self.translate("Report", "Clearing account (should be zero)"),
            self.translate("Report", "Account"),
            self.translate("Report", "Currency"),
            self.translate("Report", "Booked"),
            self.translate("Report", "With drafts"),
            self.translate("Report", "Status"),
        )
        for item in data.clearing_balances:
            name = f"{item.provider}: {item.account_name}" if item.account_name else item.provider
            status = (
                self.translate("Report", "zero")
                if item.settled.is_zero()
                else self.translate("Report", "NOT ZERO")
            )
            self._row(
                (name, 0),
                self._int(item.account),
                (item.balance.currency, 0),
                self._money(item.balance),
                self._money(item.draft_balance),
                (status, self._book.style(BOLD)),
            )
        if data.clearing_note:
            self._row((text_in(data.clearing_note, self._book.language), 0))
        elif not data.clearing_balances:
            self._row((self.translate("Report", "(no clearing accounts configured)"), 0))
        self._blank()

    def _facts(self, tally: Tally) -> None:
        self._header(
            self.translate("Report", "Payouts and posting"),
            self.translate("Report", "Count"),
            self.translate("Report", "Currency"),
            self.translate("Report", "Amount"),
        )
        rows: Sequence[tuple[str, int]] = (
            (self.translate("Report", "Payouts and settlements"), tally.payouts),
            (
                self.translate("Report", "... not yet matched to a bank entry"),
                tally.payouts_without_bank_entry,
            ),
            (
                self.translate("Report", "... whose net differs from the bank amount"),
                tally.payouts_not_explained,
            ),
        )
        for label, count in rows:
            self._row((label, 0), self._int(count))
        for currency, amounts in sorted(tally.vouchers.items()):
            self._row(
                (self.translate("Report", "Vouchers posted"), 0),
                self._int(amounts.count),
                (currency, 0),
                self._money(amounts.amount),
            )
        if not tally.vouchers:
            self._row((self.translate("Report", "Vouchers posted"), 0), self._int(0))
        self._row(
            (self.translate("Report", "Audit events listed"), 0), self._int(tally.audit_events)
        )
        if tally.audit_head is not None:
            # Filing the newest hash anchors the hash chain: `econdesk audit verify` shows it.
            number, digest = tally.audit_head
            self._row(
                (self.translate("Report", "Newest audit event (number, hash)"), 0),
                self._int(number),
                (digest, 0),
            )
