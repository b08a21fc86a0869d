"""A voucher e-conomic will not take because its date is closed for entries.

Three causes, each told to the bookkeeper in plain words (the Danish wording is the GUI's,
`econdesk.qt.texts.closed_period_text`):

- the accounting year is closed (e-conomic: a year's `closed` flag; the Journals API names
  the refusal `JournalVoucherAccountingYearClosed` / `JournalEntryDateAccountingYearClosed`);
- the accounting period (a month of the year) is closed or barred (a period's `closed` flag;
  `JournalEntryDateAccountingYearPeriodBarred`);
- the VAT of the period is settled (reported), so no entry with a VAT code may be dated in it.

The refusal is recognised by e-conomic's error code when it is one of those names, else by the
words of its message (the legacy REST API documents no codes for these); docs/posting-safety.md
has the sources. The match stays approved, with the reason; nothing was created. A refused
reversal leaves the match posted, and says to reverse again on an open day (`reversal_text`).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from econdesk.connectors.errors import FieldProblem
from econdesk.domain.model import Voucher
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import Message, said_text, say

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class ClosedKind(enum.StrEnum):
    YEAR = "year"
    PERIOD = "period"
    VAT_SETTLED = "vat_settled"


@dataclass(frozen=True, slots=True)
class ClosedPeriod:
    """Why the voucher's date is closed: the kind, the day refused and its accounting year."""

    kind: ClosedKind
    day: date
    year: str

    def said(self) -> Message:
        """Why, in plain words (the GUI's own wording is econdesk.qt.closed_texts)."""
        day = self.day.isoformat()
        if self.kind is ClosedKind.YEAR:
            year = QT_TRANSLATE_NOOP(
                "CLI",
                "The accounting year {0} is closed in e-conomic, so nothing dated {1} can be "
                "posted. Reopen the year in e-conomic, then post again.",
            )
            return say(year, self.year, day)
        if self.kind is ClosedKind.PERIOD:
            period = QT_TRANSLATE_NOOP(
                "CLI",
                "The accounting period holding {0} is closed in e-conomic. Reopen the period in "
                "e-conomic, then post again.",
            )
            return say(period, day)
        vat = QT_TRANSLATE_NOOP(
            "CLI",
            "The VAT for the period holding {0} is already settled in e-conomic, so no entry "
            "with VAT can be dated in it. The match stays approved.",
        )
        return say(vat, day)

    def reason(self) -> str:
        """The reason a refused outcome carries: English, said in the reader's language."""
        return said_text(self.said())

    def english(self) -> str:
        return self.said().render("en")

    def reversal_text(self) -> Message:
        """The same refusal for a reversal: the match stays posted, and the way on is to
        reverse it again on an open day (`--date`), the Danish way to correct a closed
        period (docs/reversal.md)."""
        day = self.day.isoformat()
        if self.kind is ClosedKind.YEAR:
            line = QT_TRANSLATE_NOOP(
                "CLI",
                "The accounting year {0} is closed in e-conomic, so the reversal cannot be "
                "dated {1}. Reverse it again on a day of an open year (--date YYYY-MM-DD); the "
                "match stays posted.",
            )
            return say(line, self.year, day)
        if self.kind is ClosedKind.PERIOD:
            line = QT_TRANSLATE_NOOP(
                "CLI",
                "The accounting period holding {0} is closed in e-conomic, so the reversal "
                "cannot be dated in it. Reverse it again on a day of an open period (--date "
                "YYYY-MM-DD); the match stays posted.",
            )
            return say(line, day)
        line = QT_TRANSLATE_NOOP(
            "CLI",
            "The VAT for the period holding {0} is already settled in e-conomic, so the "
            "reversal cannot be dated in it. Reverse it again on a day of an open period "
            "(--date YYYY-MM-DD); the match stays posted.",
        )
        return say(line, day)


def kind_of(problem: FieldProblem) -> ClosedKind | None:
    """The closed-date refusal one problem states, if it states one."""
    code = (problem.code or "").lower()
    words = problem.message.lower()
    if "periodbarred" in code:
        return ClosedKind.PERIOD
    if "accountingyearclosed" in code:
        return ClosedKind.YEAR
    if "vat" in words and ("settled" in words or "reported" in words):
        return ClosedKind.VAT_SETTLED
    if "period" in words and ("closed" in words or "barred" in words or "locked" in words):
        return ClosedKind.PERIOD
    if "year" in words and "closed" in words:
        return ClosedKind.YEAR
    return None


def closed_period_in(problems: Iterable[FieldProblem], voucher: Voucher) -> ClosedPeriod | None:
    """The first closed-date refusal among `problems` (about `voucher`), or None."""
    for problem in problems:
        kind = kind_of(problem)
        if kind is None:
            continue
        found = _DATE.search(f"{problem.value or ''} {problem.message}")
        day = date.fromisoformat(found.group(0)) if found else _first_day(voucher)
        return ClosedPeriod(kind, day, voucher.accounting_year)
    return None


def _first_day(voucher: Voucher) -> date:
    return min((line.entry_date for line in voucher.lines), default=date.min)
