"""A Vipps MobilePay ledger's funds entries as econdesk's payouts.

The funds topic is the ledger's account: captures add to the balance, refunds and retained
fees take from it, and a `payout-scheduled` entry sends the balance to the bank. A payout is
therefore made of the entries booked since the previous payout (usually that day's; a weekend
or a negative balance gathers several days):

- the payout `mobilepay:<ledger id>-<ledger date>` (PAYOUT) of the payout entry's amount,
  reaching the bank the day after its ledger date, its descriptor the bank text the entry's
  `reference` gives;
- captures, refunds and retained disputed captures are its components, declared as links to
  the gateway's items by the merchant's order reference (domain/links.py); the gateway's item
  carries it as its invoice (Frisbii's invoice handle);
- without a gateway in front of MobilePay (`own`), nobody else holds those captures: each
  is an item of MobilePay's own (domain/links.py, `own_sale_item`),
  `mobilepay:<pspReference>-<entry type>`, its key and invoice the merchant's order reference
  a gateway's item would carry (no reference: its pspReference is its key); the payout's
  components are those items;
- `fees-retained` entries are the payout's fees; the fees topic itemises them per capture
  (`pspReference`), and the two must agree;
- any other entry (a correction, a top-up, a credit note, an entry type new to us) is one of
  the ledger's own postings, an item `mobilepay:<payout>/posting-<n>` booked on the fee account.

A payout whose entries do not account for it (the balance before its first entry differs from
the balance left after it: part of it was booked before the days read) is given without its
breakdown: matched by amount, posted only after a person looked.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import timedelta

from econdesk.connectors.mobilepay.models import (
    CAPTURE,
    DISPUTED,
    FEES_RETAINED,
    PAYOUT,
    PAYOUT_ABORTED,
    REFUND,
    Entry,
    Ledger,
)
from econdesk.domain.links import (
    OTHER_POSTING,
    component_link,
    is_own_sale,
    own_sale_item,
    posting_id,
)
from econdesk.domain.model import ItemKind, Payout, PayoutKind, PlatformItem, make_ref
from econdesk.domain.money import Money, money_sum

PROVIDER = "mobilepay"
_LINKED = {CAPTURE: "capture", REFUND: "refund", DISPUTED: "chargeback"}
_KIND = {CAPTURE: ItemKind.PAYMENT, REFUND: ItemKind.REFUND, DISPUTED: ItemKind.CHARGEBACK}


def group_payouts(entries: Iterable[Entry]) -> list[list[Entry]]:
    """The entries of each payout, the payout entry last; entries after the last payout (not
    paid out yet) are left out. A payout undone by a `payout-aborted` of its amount never
    reached the bank: its entries go on into the next payout, without the two."""
    groups: list[list[Entry]] = []
    pending: list[Entry] = []
    # by date and time; entries of the same moment keep the order the ledger booked them in
    for entry in sorted(entries, key=lambda e: (e.ledger_date, e.time)):
        if entry.entry_type == PAYOUT_ABORTED and groups and groups[-1][-1].amount == -entry.amount:
            pending = groups.pop()[:-1] + pending
            continue
        pending.append(entry)
        if entry.entry_type == PAYOUT:
            groups.append(pending)
            pending = []
    return groups


def _fees_agree(group: Sequence[Entry], fees_topic: Sequence[Entry]) -> bool:
    """The fees retained equal the fees the fees topic lists for the group's captures."""
    retained = [e for e in group if e.entry_type == FEES_RETAINED]
    if not fees_topic or not retained:
        return True
    captures = {e.psp_reference for e in group if e.entry_type == CAPTURE}
    currency = group[-1].amount.currency
    listed = money_sum(
        (e.amount for e in fees_topic if e.psp_reference in captures and e.amount.is_negative()),
        currency,
    )
    return listed == money_sum((e.amount for e in retained), currency)


def own_sale(entry: Entry, payout_ref: str) -> PlatformItem:
    """A capture, refund or retained disputed capture as MobilePay's own sale (no gateway):
    its key the order reference a gateway's item would carry, else its pspReference."""
    item = PlatformItem(
        provider=PROVIDER,
        external_id=f"{entry.psp_reference}-{entry.entry_type}",
        kind=_KIND[entry.entry_type],
        amount=entry.amount,
        occurred_at=entry.time,
        payout_ref=payout_ref,
        invoice_ref=entry.reference,
        references=(entry.psp_reference,),
        description=entry.entry_type,
    )
    return own_sale_item(item, entry.reference or entry.psp_reference)


def to_payout(
    ledger: Ledger, group: Sequence[Entry], fees_topic: Sequence[Entry] = (), *, own: bool = False
) -> tuple[Payout, list[PlatformItem]]:
    """The payout of one group (payout entry last) and the ledger's own postings in it (with
    `own`, no gateway in front of MobilePay: its captures, refunds and disputes too)."""
    paid = group[-1]
    currency = paid.amount.currency
    external_id = f"{ledger.id}-{paid.ledger_date.isoformat()}"
    payout_ref = make_ref(PROVIDER, external_id)
    links: list[str] = []
    items: list[PlatformItem] = []
    whole = group[0].balance_before == paid.balance_after and _fees_agree(group, fees_topic)
    for entry in group[:-1]:
        word = _LINKED.get(entry.entry_type)
        if word is not None:
            if own:
                items.append(own_sale(entry, payout_ref))
                links.append(items[-1].ref)
            elif entry.reference:
                links.append(component_link(PROVIDER, word, entry.reference).ref)
            else:
                whole = False  # nothing to find the gateway's item by
        elif entry.entry_type != FEES_RETAINED:
            items.append(
                PlatformItem(
                    provider=PROVIDER,
                    external_id=posting_id(external_id, OTHER_POSTING, _postings(items) + 1),
                    kind=ItemKind.ADJUSTMENT,
                    amount=entry.amount,
                    occurred_at=entry.time,
                    payout_ref=payout_ref,
                    references=(entry.psp_reference,),
                    description=" ".join(x for x in (entry.entry_type, entry.reference) if x),
                )
            )
    fees = -money_sum((e.amount for e in group if e.entry_type == FEES_RETAINED), currency)
    payout = Payout(
        provider=PROVIDER,
        external_id=external_id,
        kind=PayoutKind.PAYOUT,
        amount=-paid.amount,
        arrival_date=paid.ledger_date + timedelta(days=1),
        created_at=paid.time,
        status="paid",
        statement_descriptor=paid.reference,
        gross=money_sum((e.amount for e in group if e.entry_type == CAPTURE), currency),
        fees=fees if fees.amount else Money.zero(currency),
        component_refs=tuple(links + [i.ref for i in items if not is_own_sale(i)]) if whole else (),
        has_breakdown=whole,
    )
    return payout, items if whole else []


def _postings(items: Sequence[PlatformItem]) -> int:
    return sum(1 for i in items if i.kind is ItemKind.ADJUSTMENT)
