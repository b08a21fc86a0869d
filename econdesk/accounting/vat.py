"""The VAT e-conomic takes out of a gross amount posted with a VAT code.

An entry with a VAT code carries the amount *including* VAT; e-conomic splits it into the net
amount on the entry's account and the VAT on the VAT code's account. econdesk sends only the
gross amount and the code (never `vatAmount`), so the split is e-conomic's; this module
computes what it will be for the preview and the checks (see vouchers.py for the references).
"""

from __future__ import annotations

from decimal import Decimal

from econdesk.domain.money import Money


def vat_of_gross(gross: Money, rate_percent: Decimal) -> Money:
    """VAT contained in `gross` at `rate_percent` (25 -> 20 % of the gross), rounded half up."""
    if rate_percent < 0:
        raise ValueError(f"negative VAT rate {rate_percent}")
    return Money(
        gross.amount * rate_percent / (Decimal(100) + rate_percent), gross.currency
    ).rounded()


def split_gross(gross: Money, rate_percent: Decimal) -> tuple[Money, Money]:
    """(net, vat) with net + vat == gross exactly."""
    vat = vat_of_gross(gross, rate_percent)
    return gross - vat, vat


def vat_on_net(net: Money, rate_percent: Decimal) -> Money:
    """VAT computed on a net amount (a reverse-charge purchase: `net` carries no VAT), rounded
    half up; e-conomic books it on the code's account and, opposite, on its contra account."""
    if rate_percent < 0:
        raise ValueError(f"negative VAT rate {rate_percent}")
    return Money(net.amount * rate_percent / Decimal(100), net.currency).rounded()
