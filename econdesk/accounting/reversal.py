"""The voucher that reverses a posted one: the same lines with opposite signs.

Every line keeps its accounts, VAT codes, customer and invoice, exchange rate and (unless the
original's period is closed and the bookkeeper names another date) its date; only the amounts
change sign, so each account, each VAT account and each customer's invoice goes back to what
it was before the original was posted. The text names the voucher reversed and keeps the
original's words without its marker: the reversal carries its own marker (`reversal_marker`),
and the original's marker must stay on the original's lines alone, or a later search for it
would find the reversal.

Sources: e-conomic's sign rule (a minus sign books the other side, docs/economic-api.md) and
Danish practice of correcting a booked entry by a counter-entry rather than deleting it
(bogføringsloven § 6, stk. 2: a correction must show both the original content and the change),
described in docs/reversal.md.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from econdesk.accounting.marker import entry_text, without_markers
from econdesk.accounting.request import voucher_body
from econdesk.accounting.texts import VoucherTexts
from econdesk.domain.model import Voucher, VoucherLine, VoucherRef


@dataclass(frozen=True, slots=True)
class PreparedReversal:
    """A reversal on its way: what posting sends (`voucher`, `body`) and what it reverses."""

    voucher: Voucher
    body: dict[str, Any]
    reverses: tuple[VoucherRef, ...]  # the original's voucher numbers (several when split)
    original_marker: str
    round: int  # which posting of the match it reverses (0: its first)

    @property
    def match_id(self) -> str:  # the posting's subject: "r-000123"
        return self.voucher.match_id

    @property
    def marker(self) -> str:
        return self.voucher.marker


def reversing_line(line: VoucherLine, text: str, on: date | None) -> VoucherLine:
    """The line with its amounts negated, its text replaced and, when given, a new date."""
    return dataclasses.replace(
        line,
        amount=-line.amount,
        amount_base=None if line.amount_base is None else -line.amount_base,
        text=text,
        entry_date=on or line.entry_date,
    )


def reverse_voucher(
    original: Voucher,
    reverses: Sequence[VoucherRef],
    *,
    subject: str,
    marker: str,
    journal: int,
    year: str,
    round_: int,
    language: str,
    on: date | None = None,
) -> PreparedReversal:
    """The reversal of `original` (as it was sent), booked in `journal` and `year`, dated
    like the original's lines or `on`."""
    texts = VoucherTexts(language)
    numbers = ", ".join(str(r.number) for r in reverses) or "?"
    lines = tuple(
        reversing_line(
            line, entry_text(marker, texts.reversal(numbers, without_markers(line.text))), on
        )
        for line in original.lines
    )
    voucher = Voucher(
        match_id=subject, journal=journal, accounting_year=year, marker=marker, lines=lines
    )
    return PreparedReversal(
        voucher, voucher_body(voucher), tuple(reverses), original.marker, round_
    )


__all__ = ["PreparedReversal", "reverse_voucher", "reversing_line"]
