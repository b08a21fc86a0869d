"""How a source's money is kept in the books: its booking mode, VAT rules and dispute policy.

Plain values read from the config (`[providers.NAME] booking`, `fee_vat_code`,
`lost_disputes`, `bad_debt_account`; `[[vat.codes]]`) and carried by the Mappings, so the
voucher builder can tell what another system has booked already. See docs/booking-modes.md.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal


class BookingMode(enum.StrEnum):
    """What is booked elsewhere before econdesk books a payout of the source."""

    # An integration books the invoices and the payments (onto the clearing account):
    # econdesk books what it does not (fees with their VAT, differences, the bank line).
    SETTLE = "settle"
    # The invoices are in e-conomic, the payments are not: econdesk books each payment as a
    # customer payment against the booked invoice it pays.
    PAYMENTS = "payments"
    # Nothing is booked elsewhere: econdesk books the sales (revenue and output VAT in the
    # period of the sale) and the payout settles the clearing account.
    SALES = "sales"


class LostDisputes(enum.StrEnum):
    """What a lost dispute (chargeback) does to the books."""

    REVERSE = "reverse"  # reverses the sale and its output VAT
    BAD_DEBT = "bad_debt"  # the sale stands; the loss goes to a bad-debt account


@dataclass(frozen=True, slots=True)
class SaleVatFacts:
    """What the platform says about a sale's VAT: the rate charged, the EU country whose VAT
    it is under the One-Stop-Shop (None: Danish VAT), and whether the buyer accounts for it
    (reverse charge, a business buyer with a VAT number)."""

    rate: Decimal  # percent, e.g. Decimal("25")
    country: str | None = None  # ISO 3166 alpha-2 of an OSS sale, e.g. "DE"
    reverse_charge: bool = False
    # The buyer's VAT number the platform shows for a reverse-charge sale: evidence for the
    # bookkeeper, not part of the mapping (key() leaves it out).
    buyer_vat_number: str | None = None

    def key(self) -> tuple[Decimal, str | None, bool]:
        # Decimal("25") and Decimal("25.00") are one rate: normalise() drops the zeros.
        return (self.rate.normalize(), self.country, self.reverse_charge)

    def describe(self) -> str:
        parts = [f"{self.rate.normalize():f} %"]
        if self.country:
            parts.append(f"OSS {self.country}")
        if self.reverse_charge:
            number = f" {self.buyer_vat_number}" if self.buyer_vat_number else ""
            parts.append(f"reverse charge{number}")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class VatRule:
    """One row of `[[vat.codes]]`: sales with these facts take the agreement's `vat_code`."""

    facts: SaleVatFacts
    vat_code: str


def vat_code_for(rules: tuple[VatRule, ...], facts: SaleVatFacts) -> str | None:
    """The agreement's VAT code for a sale with `facts`, or None when no rule names them."""
    wanted = facts.key()
    return next((r.vat_code for r in rules if r.facts.key() == wanted), None)
