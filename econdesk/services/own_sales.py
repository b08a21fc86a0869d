"""A gateway's items that an acquirer's own sales booked already: never counted twice.

While no gateway is in front of an acquirer or wallet (config.acquirer_sells_alone), its
connector declares its transactions as its own sales (domain/links.py), and they are matched,
summarised and posted as such. When a gateway (Frisbii) is configured later, its sync brings
the same payments again, now as the gateway's items, carrying the acquirer's reference
(Frisbii's `acquirer_reference`, its invoice handle for MobilePay's order reference). Such an
item is the same money as the stored own sale its link would resolve to (same kind, same key,
same amount): the own sale stays what books it, and the gateway's item is kept out of the
matcher and of the daily sales summaries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from econdesk.domain.links import (
    ACQUIRERS,
    OWN_SALES_PLAN,
    ComponentLink,
    is_own_sale,
    own_sale_link,
)
from econdesk.domain.model import ItemKind, PlatformItem
from econdesk.storage import Store

_SALE_KINDS = (ItemKind.PAYMENT, ItemKind.REFUND, ItemKind.CHARGEBACK)


def booked_as_own_sales(store: Store, items: Iterable[PlatformItem]) -> set[str]:
    """The refs of the gateways' items among `items` that are an acquirer's stored own sale."""
    candidates = [i for i in items if i.provider not in ACQUIRERS and i.kind in _SALE_KINDS]
    if not candidates:
        return set()
    by_key: dict[str, list[tuple[ComponentLink, PlatformItem]]] = defaultdict(list)
    for provider in sorted(ACQUIRERS):
        # only the own sales: an acquirer behind a gateway may hold many other items
        for own in store.items.find(provider=provider, kinds=_SALE_KINDS, plan=OWN_SALES_PLAN):
            link = own_sale_link(own) if is_own_sale(own) else None
            if link is not None:
                by_key[link.key].append((link, own))
    if not by_key:
        return set()
    found: set[str] = set()
    used: set[str] = set()
    for item in candidates:
        keys = {*item.references, item.external_id, item.invoice_ref or ""}
        for link, own in (pair for key in sorted(keys) for pair in by_key.get(key, ())):
            if own.ref not in used and own.amount == item.amount and link.fits(item):
                found.add(item.ref)
                used.add(own.ref)
                break
    return found
