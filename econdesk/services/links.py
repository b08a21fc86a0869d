"""Payout components declared as links (domain/links.py) become the items they name.

A Clearhaus settlement names its card payments by Clearhaus's transaction ids, a Vipps
MobilePay payout its captures by the merchant's order reference; the gateway's connector
(Frisbii) holds the same money as items carrying those keys (`acquirer_reference`, the invoice
handle). Before matching, each link is replaced by the one open item of its kind that carries
its key, and the payout is stored so (posting reads the stored payout). A link no open item
fits stays as it is: the payout waits until a sync brings its item (services/matching.py).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from econdesk.domain.links import ComponentLink, parse_link
from econdesk.domain.model import Payout, PlatformItem


class _Index:
    """Open items by every key a link may name them by, oldest first."""

    def __init__(self, items: Iterable[PlatformItem]) -> None:
        self.by_key: dict[str, list[PlatformItem]] = defaultdict(list)
        for item in sorted(items, key=lambda i: (i.occurred_at, i.ref)):
            keys = {*item.references, item.external_id}
            if item.invoice_ref:
                keys.add(item.invoice_ref)
            for key in keys:
                self.by_key[key].append(item)
        self.taken: set[str] = set()

    def claim(self, link: ComponentLink) -> str | None:
        for item in self.by_key.get(link.key, ()):
            if item.ref not in self.taken and link.fits(item):
                self.taken.add(item.ref)
                return item.ref
        return None


def link_components(
    payouts: Sequence[Payout], items: Sequence[PlatformItem]
) -> tuple[list[Payout], list[Payout]]:
    """(every payout with the links it could resolve replaced, the payouts that changed)."""
    if not any(parse_link(c) for p in payouts for c in p.component_refs):
        return list(payouts), []
    declared = {c for p in payouts for c in p.component_refs}
    index = _Index(i for i in items if i.ref not in declared)
    index.taken.update(declared)
    out: list[Payout] = []
    changed: list[Payout] = []
    for payout in payouts:
        refs = []
        for ref in payout.component_refs:
            link = parse_link(ref)
            mine = link is not None and link.provider == payout.provider
            found = index.claim(link) if link is not None and mine else None
            refs.append(found or ref)
        linked = payout
        if tuple(refs) != payout.component_refs:
            linked = dataclasses.replace(payout, component_refs=tuple(refs))
            changed.append(linked)
        out.append(linked)
    return out, changed


def keep_resolved(
    fresh: Payout, stored: Payout | None, items: Mapping[str, PlatformItem]
) -> Payout:
    """A payout read again from its platform, its links already resolved where the stored one
    had resolved them: the item stored in a link's place still fits it (`items`: the stored
    items by ref). Otherwise every re-sync would undo the resolution (and audit it as a change)
    until the next match made it again."""
    if stored is None or len(stored.component_refs) != len(fresh.component_refs):
        return fresh
    refs = []
    for declared, kept in zip(fresh.component_refs, stored.component_refs, strict=True):
        link = parse_link(declared)
        item = items.get(kept)
        refs.append(kept if link is not None and item is not None and link.fits(item) else declared)
    if tuple(refs) == fresh.component_refs:
        return fresh
    return dataclasses.replace(fresh, component_refs=tuple(refs))
