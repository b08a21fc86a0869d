"""A Clearhaus settlement, its transactions and disputes as econdesk's payouts and items.

- The payout (`clearhaus:<settlement id>`, SETTLEMENT) is what reaches the bank on
  `payout.date`: the summary's `net` less the reserve withheld. Its components are the card
  payments, refunds and chargebacks it settles, declared as links to the gateway's items
  (domain/links.py: `clearhaus:capture:<transaction id>`; Frisbii's `acquirer_reference` is
  the Clearhaus transaction id), plus the acquirer's own postings.
- A reserve withheld is an item `clearhaus:<settlement>/reserve-withheld` (negative); when the
  reserve has a date it is a payout of its own, `clearhaus:<settlement>/reserve`, on that date
  with its descriptor, made of the item `…/reserve-released` (positive).
- Each of `other_postings` is an item `clearhaus:<settlement>/posting-<n>` with its text.
- Without a gateway in front of Clearhaus (`own_sales`), nobody else holds the card payments:
  each capture, refund and chargeback is an item of Clearhaus's own (domain/links.py,
  `own_sale_item`): `clearhaus:<transaction id>` (a chargeback `clearhaus:<dispute id>`), its
  key the transaction id a gateway's `acquirer_reference` would carry (a chargeback's, the
  disputed capture's), its invoice the merchant's `reference`; the settlement's components
  are those items.
- A settlement whose transactions do not add up to its summary is given without breakdown:
  matched by its amount, but a person must look before it is posted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time

from econdesk.connectors.clearhaus.models import (
    Dispute,
    OtherPosting,
    Settlement,
    Transaction,
    Transfer,
)
from econdesk.domain.links import (
    OTHER_POSTING,
    RESERVE_RELEASED,
    RESERVE_WITHHELD,
    component_link,
    own_sale_item,
    posting_id,
)
from econdesk.domain.model import ItemKind, Payout, PayoutKind, PlatformItem, make_ref
from econdesk.domain.money import Money, money_sum

PROVIDER = "clearhaus"


def _noon(day: date | None) -> datetime:
    assert day is not None  # a paid settlement has its payout date
    return datetime.combine(day, time(12), tzinfo=UTC)


def _signed(tx: Transaction) -> Money:
    return tx.amount if tx.type == "capture" else -tx.amount


def _last_segment(href: str) -> str:
    return href.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]


def own_items(s: Settlement) -> list[PlatformItem]:
    """The settlement's reserve and other postings as the acquirer's own items."""
    return acquirer_items(s.id, s.payout.date or s.period_end, s.reserve, s.other_postings)


def acquirer_items(
    settlement_id: str,
    paid_on: date | None,
    reserve: Transfer | None,
    other_postings: Sequence[OtherPosting] = (),
) -> list[PlatformItem]:
    """A settlement's reserve withheld (and released, when it has a date) and its other
    postings as the acquirer's own items; the API's settlements and the CSV exports alike."""
    payout_ref = make_ref(PROVIDER, settlement_id)
    when = _noon(paid_on)
    items: list[PlatformItem] = []
    if reserve is not None:
        references = tuple(r for r in (reserve.reference_number,) if r)
        items.append(
            PlatformItem(
                provider=PROVIDER,
                external_id=posting_id(settlement_id, RESERVE_WITHHELD),
                kind=ItemKind.ADJUSTMENT,
                amount=-reserve.amount,
                occurred_at=when,
                payout_ref=payout_ref,
                references=references,
                description=f"reserve withheld until {reserve.date or 'later'}",
            )
        )
        if reserve.date is not None:
            items.append(
                PlatformItem(
                    provider=PROVIDER,
                    external_id=posting_id(settlement_id, RESERVE_RELEASED),
                    kind=ItemKind.ADJUSTMENT,
                    amount=reserve.amount,
                    occurred_at=_noon(reserve.date),
                    payout_ref=make_ref(PROVIDER, reserve_payout_id(settlement_id)),
                    references=references,
                    description=f"reserve of settlement {settlement_id} paid out",
                )
            )
    for n, posting in enumerate(other_postings, start=1):
        items.append(
            PlatformItem(
                provider=PROVIDER,
                external_id=posting_id(settlement_id, OTHER_POSTING, n),
                kind=ItemKind.ADJUSTMENT,
                amount=posting.amount,
                occurred_at=_noon(posting.date or paid_on),
                payout_ref=payout_ref,
                description=posting.text,
            )
        )
    return items


def reserve_payout_id(settlement_id: str) -> str:
    return f"{settlement_id}/reserve"


def breakdown_adds_up(
    s: Settlement, transactions: list[Transaction], disputes: list[Dispute]
) -> bool:
    currency = s.currency
    moved = [t for t in transactions if t.moves_money]
    sales = money_sum((t.amount for t in moved if t.type == "capture"), currency)
    refunds = money_sum((-t.amount for t in moved if t.type != "capture"), currency)
    chargebacks = money_sum((-d.amount for d in disputes), currency)
    return (
        sales == s.summary["sales"]
        and refunds == s.summary["refunds"] + s.summary["credits"]
        and chargebacks == s.summary["chargebacks"]
    )


def own_sales(
    s: Settlement, transactions: list[Transaction], disputes: list[Dispute]
) -> list[PlatformItem]:
    """The settlement's card payments, refunds and chargebacks as Clearhaus's own sales (no
    gateway in front of it holds them)."""
    payout_ref = make_ref(PROVIDER, s.id)
    sales = [
        own_sale_item(
            PlatformItem(
                provider=PROVIDER,
                external_id=t.id,
                kind=ItemKind.PAYMENT if t.type == "capture" else ItemKind.REFUND,
                amount=_signed(t),
                occurred_at=t.processed_at,
                payout_ref=payout_ref,
                invoice_ref=t.reference,
                description=f"card {t.type}",
            ),
            t.id,
        )
        for t in transactions
        if t.moves_money
    ]
    sales += [
        own_sale_item(
            PlatformItem(
                provider=PROVIDER,
                external_id=d.id,
                kind=ItemKind.CHARGEBACK,
                amount=-d.amount,
                occurred_at=d.opened_at,
                payout_ref=payout_ref,
                description="chargeback",
            ),
            _last_segment(d.transaction_href),
        )
        for d in disputes
    ]
    return sales


def to_payouts(
    s: Settlement,
    transactions: list[Transaction],
    disputes: list[Dispute],
    *,
    own: bool = False,
) -> tuple[list[Payout], list[PlatformItem]]:
    """The settlement's payout (and reserve payout) and its own items; none before it is paid.
    `own`: no gateway holds the card payments, so they are Clearhaus's own items."""
    if not s.settled or s.payout.date is None or s.payout.cancelled_date is not None:
        return [], []
    postings = own_items(s)
    whole = breakdown_adds_up(s, transactions, disputes)
    mine = [i.ref for i in postings if i.payout_ref == make_ref(PROVIDER, s.id)]
    sales = own_sales(s, transactions, disputes) if own else []
    if own:
        links = [i.ref for i in sales]
    else:
        links = [component_link(PROVIDER, t.type, t.id).ref for t in transactions if t.moves_money]
        links += [
            component_link(PROVIDER, "chargeback", _last_segment(d.transaction_href)).ref
            for d in disputes
        ]
    payouts = [
        Payout(
            provider=PROVIDER,
            external_id=s.id,
            kind=PayoutKind.SETTLEMENT,
            amount=s.payout.amount,
            arrival_date=s.payout.date,
            status="paid",
            statement_descriptor=s.payout.descriptor or s.payout.reference_number,
            gross=s.summary["sales"],
            fees=-s.summary["fees"],
            component_refs=tuple(links + mine) if whole else (),
            has_breakdown=whole,
        )
    ]
    if s.reserve is not None and s.reserve.date is not None:
        payouts.append(reserve_payout(s.id, s.reserve))
    return payouts, sales + postings


def reserve_payout(settlement_id: str, reserve: Transfer) -> Payout:
    """The reserve paid out on its own date: a payout made of the `…/reserve-released` item."""
    assert reserve.date is not None  # only a dated reserve is paid out
    released = posting_id(settlement_id, RESERVE_RELEASED)
    zero = Money.zero(reserve.amount.currency)
    return Payout(
        provider=PROVIDER,
        external_id=reserve_payout_id(settlement_id),
        kind=PayoutKind.SETTLEMENT,
        amount=reserve.amount,
        arrival_date=reserve.date,
        status="paid",
        statement_descriptor=reserve.descriptor or reserve.reference_number,
        gross=zero,
        fees=zero,
        component_refs=(make_ref(PROVIDER, released),),
    )
