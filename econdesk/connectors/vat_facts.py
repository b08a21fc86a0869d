"""What a platform says about a sale's VAT, as econdesk's SaleVatFacts.

Each platform says it its own way (docs/booking-modes.md, "VAT from the sale", with the
public sources): a rate (percent, or Frisbii's fraction), the country whose VAT was charged,
whether the sale is under reverse charge, and the buyer's VAT number. The seller is a Danish
business (econdesk books into a Danish e-conomic agreement): VAT of another EU country is a
One-Stop-Shop sale of that country; Danish VAT is domestic.
"""

from __future__ import annotations

from decimal import Decimal

from econdesk.domain.booking import SaleVatFacts

HOME_COUNTRY = "DK"
HOME_RATE = Decimal(25)  # the Danish standard rate (momsloven § 33)


def sale_facts(
    rate: Decimal | None,
    *,
    country: str | None = None,
    reverse_charge: bool = False,
    buyer_vat_number: str | None = None,
) -> SaleVatFacts | None:
    """The facts; None when the platform states no rate and no reverse charge (it says
    nothing, and the plan's VAT code applies)."""
    if rate is None and not reverse_charge:
        return None
    percent = (rate or Decimal(0)).normalize()
    if reverse_charge:
        return SaleVatFacts(percent, None, True, buyer_vat_number)
    where = country.upper() if country else None
    oss = where if where and where != HOME_COUNTRY and percent > 0 else None
    return SaleVatFacts(percent, oss)
