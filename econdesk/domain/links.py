"""How a payout names money that another platform's connector holds, and the acquirer's own
postings inside a settlement.

An acquirer's settlement (Clearhaus) or a wallet's payout report (Vipps MobilePay) knows the
card payments or captures it pays out by its own ids and the merchant's order reference, not
by the gateway's item ids (Frisbii's transactions). Its connector therefore declares each
component as a *link* ref, `<payout provider>:<kind>:<key>` (`clearhaus:capture:9f0c…`,
`mobilepay:refund:inv-1042`): "the other platform's item of this kind carrying `key`" (among
its references, as its invoice or as its id). The matching service swaps a link for the item's
ref once that item is in the store (services/links.py); until then the payout waits.

An acquirer or wallet used without a gateway in front of it (no Frisbii configured: a shop
taking cards through Clearhaus, or payments through Vipps MobilePay, directly) has no other
platform's item to link to. Its connector then declares its own transactions as items of its
own (`own_sale_item`), named by the same key a link would carry, so that a gateway added later
finds its payments already booked by that key (`own_sale_link`, services/own_sales.py) and
nothing is counted twice.

The acquirer's own money in a settlement that is no customer's payment (a reserve withheld or
paid out, other postings) are items of the acquirer itself, of kind ADJUSTMENT, named here so
that the voucher can book each on its own account.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Final

from econdesk.domain.model import ItemKind, PlatformItem, make_ref, split_ref

# The kind words a link may carry, and the item kind each stands for.
LINK_KINDS: Final = {
    "capture": ItemKind.PAYMENT,
    "refund": ItemKind.REFUND,
    "credit": ItemKind.REFUND,
    "chargeback": ItemKind.CHARGEBACK,
}

# The acquirers and wallets: they pay out the sales a gateway (Frisbii) took, or, without one
# in front, their own.
ACQUIRERS: Final = frozenset({"clearhaus", "mobilepay"})
# The plan an acquirer's own sale carries: `[providers.NAME] revenue_account` maps it.
OWN_SALES_PLAN: Final = "sales"
_WORD_OF_KIND: Final = {
    ItemKind.PAYMENT: "capture",
    ItemKind.REFUND: "refund",
    ItemKind.CHARGEBACK: "chargeback",
}

RESERVE_WITHHELD: Final = "reserve-withheld"
RESERVE_RELEASED: Final = "reserve-released"
OTHER_POSTING: Final = "posting"


@dataclass(frozen=True, slots=True)
class ComponentLink:
    """A payout component known by the other platform's reference, not yet by its item."""

    provider: str  # the payout's provider: the link's source part
    word: str  # a LINK_KINDS key
    key: str

    @property
    def kind(self) -> ItemKind:
        return LINK_KINDS[self.word]

    @property
    def ref(self) -> str:
        return make_ref(self.provider, f"{self.word}:{self.key}")

    def fits(self, item: PlatformItem) -> bool:
        """The item is of the link's kind and carries its key: another platform's, or the
        payout provider's own sale (`own_sale_item`) declared while no gateway was set up."""
        if item.provider == self.provider and item.plan != OWN_SALES_PLAN:
            return False
        return item.kind is self.kind and (
            self.key in item.references or self.key in (item.invoice_ref, item.external_id)
        )


def component_link(provider: str, word: str, key: str) -> ComponentLink:
    if word not in LINK_KINDS:
        raise ValueError(f"not a link kind: {word!r} (known: {', '.join(LINK_KINDS)})")
    if not key:
        raise ValueError(f"{provider} {word}: empty link key")
    return ComponentLink(provider, word, key)


def parse_link(ref: str) -> ComponentLink | None:
    """The link a component ref stands for, or None when it names an item itself."""
    try:
        provider, external_id = split_ref(ref)
    except ValueError:
        return None
    word, sep, key = external_id.partition(":")
    if not sep or word not in LINK_KINDS or not key:
        return None
    return ComponentLink(provider, word, key)


# -- the acquirer's own sales (no gateway in front of it) ----------------------------------------


def is_own_sale(item: PlatformItem) -> bool:
    """An acquirer's or wallet's own sale: a payment, refund or chargeback its connector
    declared itself because no gateway holds it (`own_sale_item`)."""
    return item.plan == OWN_SALES_PLAN and item.kind in _WORD_OF_KIND and bool(item.references)


def own_sale_item(item: PlatformItem, key: str) -> PlatformItem:
    """`item` (of the acquirer, a payment, refund or chargeback) as its own sale, carrying
    first the key a link to a gateway's item would have named it by."""
    if item.kind not in _WORD_OF_KIND or not key:
        raise ValueError(f"{item.ref}: not a sale with a key ({item.kind.value}, {key!r})")
    rest = tuple(r for r in item.references if r != key)
    return replace(item, plan=OWN_SALES_PLAN, references=(key, *rest))


def own_sale_link(item: PlatformItem) -> ComponentLink | None:
    """The link a settlement behind a gateway would have declared for this own sale: the
    gateway's item it fits (same kind and key) is the same money (services/own_sales.py)."""
    if not is_own_sale(item):
        return None
    return ComponentLink(item.provider, _WORD_OF_KIND[item.kind], item.references[0])


# -- the acquirer's own postings ----------------------------------------------------------------


def posting_id(settlement_id: str, what: str, n: int | None = None) -> str:
    """The external id of a settlement's own posting: `<settlement>/reserve-withheld`,
    `<settlement>/reserve-released`, `<settlement>/posting-2`."""
    return f"{settlement_id}/{what}" + (f"-{n}" if n is not None else "")


def posting_kind(item: PlatformItem) -> str | None:
    """RESERVE_WITHHELD, RESERVE_RELEASED or OTHER_POSTING for an acquirer's own posting;
    None for any other item."""
    if item.kind is not ItemKind.ADJUSTMENT:
        return None
    return posting_kind_of_id(item.external_id)


def posting_kind_of_id(external_id: str) -> str | None:
    """What posting_kind() says of an adjustment with this external id (or a ref)."""
    _, sep, what = external_id.rpartition("/")
    if not sep:
        return None
    if what in (RESERVE_WITHHELD, RESERVE_RELEASED):
        return what
    head, dash, number = what.rpartition("-")
    return OTHER_POSTING if dash and head == OTHER_POSTING and number.isdigit() else None
