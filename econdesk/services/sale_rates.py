"""Each foreign-currency sale's rate on its own date, for the payout's voucher.

A sale is booked at the rate of its date in Europe/Copenhagen (docs/booking-modes.md): the
posting service asks the rates service (stored once fetched; Danmarks Nationalbank, the ECB
as fallback) for every sale of a match in another currency than the agreement's, unless the
daily sales summary's booked value is already known (`MatchMaterial.sale_base`). A match
whose sale has no published rate is not posted, and says which.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Protocol
from zoneinfo import ZoneInfo

from econdesk.accounting.vouchers import MatchMaterial
from econdesk.domain.model import ItemKind, PlatformItem
from econdesk.errors import EcondeskError
from econdesk.i18n.message import reason_of, said_text, say
from econdesk.storage.repos.rates import StoredRate

SALES_TZ = ZoneInfo("Europe/Copenhagen")
_SALES = frozenset({ItemKind.PAYMENT, ItemKind.REFUND, ItemKind.CHARGEBACK})


class RateSource(Protocol):
    def rate(self, currency: str, day: date) -> StoredRate: ...


def sale_day(item: PlatformItem) -> date:
    """The sale's date as the books see it: its moment in Europe/Copenhagen."""
    return item.occurred_at.astimezone(SALES_TZ).date()


def with_sale_rates(material: MatchMaterial, base: str, rates: RateSource) -> MatchMaterial:
    """`material` with the rate of each foreign sale's date; raises what the rates raise."""
    found: dict[str, Decimal] = {}
    for item in material.items:
        if item.kind not in _SALES or item.currency == base or item.ref in material.sale_base:
            continue
        found[item.ref] = rates.rate(item.currency, sale_day(item)).per_100
    if not found:
        return material
    return dataclasses.replace(material, sale_rates={**material.sale_rates, **found})


def rated(
    materials: Sequence[MatchMaterial], base: str, rates: RateSource | None
) -> tuple[list[MatchMaterial], dict[str, str]]:
    """(the materials with their sales' rates, match id -> why its rates are missing)."""
    if rates is None:
        return list(materials), {}
    kept: list[MatchMaterial] = []
    missing: dict[str, str] = {}
    for material in materials:
        try:
            kept.append(with_sale_rates(material, base, rates))
        except EcondeskError as exc:
            placed = say("{0}: {1}", material.match.id, reason_of(exc))
            missing[material.match.id] = said_text(placed)
    return kept, missing
