"""What the reconciliation workbook is made of: plain typed rows built from the domain objects.

`ReportData` holds the report's heading facts and one ITERABLE per sheet, so a service can feed
rows straight from streaming queries and a million rows never sit in memory at once. Each
iterable is consumed exactly once, in sheet order. Nothing here may carry a secret: sources
describe a connection by name and public settings only.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo

from econdesk.domain.model import (
    BankEntry,
    ItemKind,
    Match,
    MatchState,
    Payout,
    PlatformItem,
    VoucherRef,
)
from econdesk.domain.money import Money, money_sum
from econdesk.domain.rollforward import RollForward
from econdesk.i18n import catalogue


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """One system the report draws on: 'e-conomic', 'stripe', ..."""

    name: str
    detail: str = ""  # public facts only, e.g. "bank account 5820, daybook 1"
    synced_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class MatchRow:
    """A match, with the bank entries behind its `bank_refs` (for their dates and texts)."""

    match: Match
    bank_entries: tuple[BankEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class PayoutBreakdown:
    """A payout's composition, each part signed as it moves the net (deductions negative)."""

    gross: Money
    refunds: Money
    chargebacks: Money
    fees: Money
    adjustments: Money
    item_count: int

    @property
    def net(self) -> Money:
        return self.gross + self.refunds + self.chargebacks + self.fees + self.adjustments

    @classmethod
    def of_items(
        cls, currency: str, items: Iterable[PlatformItem], payout_fees: Money | None = None
    ) -> PayoutBreakdown:
        """Sum the components. Fees are what the items state they cost; where no item states
        a fee (an acquirer settlement lists fees for the whole batch) the payout's own `fees`
        stand in. FEE items (a platform's own charges) are fees too."""
        parts: dict[ItemKind, list[Money]] = {kind: [] for kind in ItemKind}
        stated: list[Money] = []
        count = 0
        for item in items:
            parts[item.kind].append(item.amount)
            if item.fee is not None:
                stated.append(item.fee)
            count += 1
        if stated:
            item_fees = money_sum(stated, currency)
        else:
            item_fees = payout_fees if payout_fees is not None else Money.zero(currency)
        return cls(
            # an open invoice paid by transfer is money in, like a payment
            gross=money_sum(parts[ItemKind.PAYMENT] + parts[ItemKind.INVOICE], currency),
            refunds=money_sum(parts[ItemKind.REFUND], currency),
            chargebacks=money_sum(parts[ItemKind.CHARGEBACK], currency),
            fees=money_sum(parts[ItemKind.FEE], currency) - item_fees,
            adjustments=money_sum(parts[ItemKind.ADJUSTMENT], currency),
            item_count=count,
        )

    @classmethod
    def of_totals(cls, payout: Payout) -> PayoutBreakdown | None:
        """For a payout without components: its own gross and fees, when the platform says."""
        if payout.gross is None:
            return None
        zero = Money.zero(payout.currency)
        fees = -payout.fees if payout.fees is not None else zero
        adjustments = payout.amount - payout.gross - fees  # whatever the two do not explain
        return cls(payout.gross, zero, zero, fees, adjustments, 0)


@dataclass(frozen=True, slots=True)
class PayoutRow:
    """A payout or settlement, broken down, beside the bank entry it was matched to."""

    payout: Payout
    breakdown: PayoutBreakdown | None
    bank_entry: BankEntry | None = None
    match_id: str | None = None
    match_state: MatchState | None = None

    @classmethod
    def build(
        cls,
        payout: Payout,
        components: Iterable[PlatformItem] = (),
        *,
        bank_entry: BankEntry | None = None,
        match_id: str | None = None,
        match_state: MatchState | None = None,
    ) -> PayoutRow:
        items = list(components)
        breakdown = (
            PayoutBreakdown.of_items(payout.currency, items, payout.fees)
            if items
            else PayoutBreakdown.of_totals(payout)
        )
        return cls(payout, breakdown, bank_entry, match_id, match_state)

    @property
    def difference(self) -> Money | None:
        """Bank amount minus the breakdown's net: zero when the payout is fully explained."""
        if self.bank_entry is None or self.breakdown is None:
            return None
        if self.bank_entry.amount.currency != self.payout.currency:
            return None
        return self.bank_entry.amount - self.breakdown.net


class VoucherStatus(enum.StrEnum):
    """Where a voucher econdesk posted stands: every one stays in the books, corrected by a
    reversal voucher beside it rather than deleted (see docs/reversal.md)."""

    POSTED = "posted"  # a match's voucher, not reversed
    REPOSTED = "reposted"  # a match's voucher posted again after an earlier one was reversed
    REVERSED = "reversed"  # a match's voucher a later reversal voucher cancels
    REVERSAL = "reversal"  # the voucher cancelling a match's earlier one


@dataclass(frozen=True, slots=True)
class VoucherRow:
    """A voucher econdesk posted: for an approved match, or reversing one.

    `related` names the other side of a reversal: for a REVERSED voucher the voucher that
    reverses it, for a REVERSAL the voucher(s) it reverses. A reversal's `amount` is the
    deposit with the opposite sign, so the sheet's total is the net the books hold."""

    voucher: VoucherRef
    match_id: str
    entry_date: date
    amount: Money  # the deposit the voucher moves
    text: str = ""
    bank_refs: tuple[str, ...] = ()
    line_count: int | None = None
    booked: bool | None = None  # False: a draft in the daybook; True: booked; None: not known
    posted_at: datetime | None = None
    status: VoucherStatus = VoucherStatus.POSTED
    related: tuple[VoucherRef, ...] = ()
    reason: str | None = None  # a reversal's, as the bookkeeper gave it
    posted_by: str | None = None  # who posted it (claimed it for posting)


@dataclass(frozen=True, slots=True)
class AuditRow:
    """One event of the audit log, as the report shows it; give them in the log's order."""

    sequence: int
    at: datetime
    actor: str
    action: str
    subject: str = ""
    detail: str = ""
    hash: str = ""


@dataclass(frozen=True, slots=True)
class ClearingBalance:
    """A platform's clearing account and its balance; it should be zero once all is posted.

    `balance` is what is booked; `draft_balance` also counts the daybook's unbooked drafts
    (where econdesk's vouchers wait until someone books them), when the books say.
    """

    provider: str
    account: int
    balance: Money
    account_name: str = ""
    draft_balance: Money | None = None

    @property
    def settled(self) -> Money:
        """The balance the bookkeeper should see reach zero: drafts included when known."""
        return self.draft_balance if self.draft_balance is not None else self.balance


@dataclass(slots=True)
class ReportData:
    """Everything the workbook shows. The iterables are read once, in this order."""

    company: str
    period_from: date | None
    period_to: date | None
    sources: tuple[SourceInfo, ...] = ()
    matches: Iterable[MatchRow] = ()
    payouts: Iterable[PayoutRow] = ()
    open_bank_entries: Iterable[BankEntry] = ()
    open_items: Iterable[PlatformItem] = ()
    vouchers: Iterable[VoucherRow] = ()
    audit: Iterable[AuditRow] = ()
    clearing_balances: tuple[ClearingBalance, ...] = ()
    clearing_note: str = ""  # why there are no balances, e.g. "e-conomic not contacted"
    rollforward: Iterable[RollForward] = ()  # each clearing account's, per currency
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    timezone: tzinfo = UTC  # the zone times are shown in (the bookkeeper's, normally)
    as_of: date | None = None  # ages count to this day; default: period end, else today

    def __post_init__(self) -> None:
        if self.generated_at.tzinfo is None:
            raise ValueError("generated_at must be timezone-aware")
        if self.period_from and self.period_to and self.period_from > self.period_to:
            raise ValueError(f"period starts {self.period_from} after it ends {self.period_to}")

    @property
    def age_date(self) -> date:
        if self.as_of is not None:
            return self.as_of
        if self.period_to is not None:
            return self.period_to
        return self.generated_at.astimezone(self.timezone).date()

    @property
    def period_text(self) -> str:
        return self.period_text_in("en")

    def period_text_in(self, language: str) -> str:
        """'2026-01-01 to 2026-01-31' in the report's language."""
        texts = catalogue(language)
        beginning = texts.translate("Report", "the beginning")
        start = self.period_from.isoformat() if self.period_from else beginning
        end = self.period_to.isoformat() if self.period_to else texts.translate("Report", "now")
        return texts.translate("Report", "{0} to {1}").format(start, end)
