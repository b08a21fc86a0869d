"""The Vipps MobilePay Report API's objects as documented (docs/payment-sources.md), checked.

Amounts are integers in minor units (øre); an entry's `amount` is signed from the ledger's
side (a capture adds, a refund, a fee and a payout take away), and `balanceBefore` and
`balanceAfter` frame it. New entry types may appear without notice: they are read, not refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from econdesk.connectors.payload import Fields
from econdesk.domain.money import Money
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

SYSTEM = "Vipps MobilePay"

CAPTURE = "capture"
REFUND = "refund"
FEES_RETAINED = "fees-retained"
PAYOUT = "payout-scheduled"
PAYOUT_ABORTED = "payout-aborted"
DISPUTED = "retained-disputed-capture"


@dataclass(frozen=True, slots=True)
class Ledger:
    id: str
    currency: str
    recipients: tuple[str, ...]

    @classmethod
    def parse(cls, f: Fields) -> Ledger:
        return cls(
            id=f.id("ledgerId"),
            currency=f.currency("currency"),
            recipients=tuple(str(r) for r in f.opt_array("settlesForRecipientHandles")),
        )


@dataclass(frozen=True, slots=True)
class Entry:
    psp_reference: str
    time: datetime
    ledger_date: date
    entry_type: str
    reference: str | None
    amount: Money
    balance_before: Money
    balance_after: Money

    @classmethod
    def parse(cls, f: Fields) -> Entry:
        currency = f.currency("currency")
        text = f.text("ledgerDate")
        try:
            ledger_date = date.fromisoformat(text)
        except ValueError:
            raise f.fail(
                "ledgerDate",
                say(QT_TRANSLATE_NOOP("CLI", "is not a date (yyyy-MM-dd): {0!r}"), text),
            ) from None
        entry = cls(
            psp_reference=f.id("pspReference"),
            time=f.iso("time"),
            ledger_date=ledger_date,
            entry_type=f.text("entryType"),
            reference=f.opt_text("reference"),
            amount=f.minor("amount", currency),
            balance_before=f.minor("balanceBefore", currency),
            balance_after=f.minor("balanceAfter", currency),
        )
        if entry.balance_before + entry.amount != entry.balance_after:
            raise f.fail(
                "balanceAfter", say(QT_TRANSLATE_NOOP("CLI", "is not balanceBefore plus amount"))
            )
        return entry


@dataclass(frozen=True, slots=True)
class DayReport:
    """One topic's entries of one ledger date, all pages; `closed` False: try later."""

    entries: tuple[Entry, ...]
    closed: bool
