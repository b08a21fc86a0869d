"""Clearhaus-style acquirer settlement reports: one summary row per settlement, plus the
per-transaction lines when the export has them.

The Clearhaus Settlement resource carries `payout.{amount,date,reference_number,descriptor}`,
`summary.{sales,credits,refunds,chargebacks,fees,other_postings,net}` with deductions negative;
the dashboard's transaction export adds one line per card transaction. These rows are what the
importer reads and what the scenario generator writes, so a round trip can be tested.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from econdesk.domain.money import Money


@dataclass(frozen=True, slots=True)
class ClearhausSettlement:
    """One settlement: what was settled and what was paid out. Deductions are negative."""

    settlement_id: str  # uuid
    settled: date
    period_start: date
    period_end: date
    sales: Money
    credits: Money
    refunds: Money  # <= 0
    chargebacks: Money  # <= 0
    fees: Money  # <= 0
    other_postings: Money
    net: Money
    payout_amount: Money
    payout_date: date
    payout_reference: str
    payout_descriptor: str  # what the bank statement shows, e.g. "CH2400017 2026-03-05"

    @property
    def currency(self) -> str:
        return self.net.currency


@dataclass(frozen=True, slots=True)
class ClearhausTransactionLine:
    """One card transaction inside a settlement; `amount` signed, `fee` a deduction (<= 0)."""

    settlement_id: str
    transaction_id: str  # Clearhaus's id: the gateway's `acquirer_reference`
    reference: str  # the merchant reference the gateway sent (Frisbii's transaction id)
    type: str  # "sale", "refund", "chargeback"
    processed: date
    amount: Money
    fee: Money

    @property
    def currency(self) -> str:
        return self.amount.currency
