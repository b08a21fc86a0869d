"""What a bilag shows, as plain data: the posted voucher and what explains it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from econdesk.domain.model import BankEntry, Match, Payout, PlatformItem, Voucher, VoucherRef


@dataclass(frozen=True, slots=True)
class AuditStamp:
    """The audit event that recorded the posting (its number and hash anchor the bilag)."""

    seq: int
    at: datetime
    actor: str
    action: str
    hash: str


@dataclass(frozen=True, slots=True)
class BilagSheet:
    voucher_ref: VoucherRef
    voucher: Voucher  # the lines as posted
    match: Match
    bank: tuple[BankEntry, ...]
    items: tuple[PlatformItem, ...]  # payments, refunds, chargebacks, fees, adjustments
    payouts: tuple[Payout, ...] = ()
    audit: AuditStamp | None = None
    company: str = ""
    language: str = "da"  # "da" or "en"
    # Every voucher e-conomic split the posting into (this one among them); () when one.
    split: tuple[VoucherRef, ...] = ()

    @property
    def filename(self) -> str:
        year = self.voucher_ref.year.replace("/", "-")
        return f"bilag-{year}-{self.voucher_ref.number}.pdf"
