"""Objects built on demand from the columnar store: customers, invoices, transactions (with
each platform's native ids and detail, for the sandboxes) and the domain's PlatformItem.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TypeVar, overload

from econdesk.domain.booking import SaleVatFacts
from econdesk.domain.invoices import open_invoice_id
from econdesk.domain.model import ItemKind, PlatformItem, make_ref
from econdesk.domain.money import Money
from econdesk.sandbox.scenario.bankdays import COPENHAGEN, utc_datetime
from econdesk.sandbox.scenario.catalog import CURRENCIES, PLANS, Channel, vat_of
from econdesk.sandbox.scenario.ids import IdFactory
from econdesk.sandbox.scenario.names import (
    FIRST_NAMES,
    LAST_NAMES,
    company_name,
    email_for,
)
from econdesk.sandbox.scenario.store import FAILURE_CODES, Kind, Status, Store

T = TypeVar("T")

_KINDS = (ItemKind.PAYMENT, ItemKind.REFUND, ItemKind.CHARGEBACK)
_CHANNELS = tuple(Channel)  # by code; indexing is much cheaper than Channel(code)
_INVOICE_STATES = ("open", "paid", "failed", "dunning")  # by store.InvoiceState code


class LazySequence(Sequence[T]):
    """A read-only sequence whose elements are built from their index when asked for."""

    def __init__(self, length: int, make: Callable[[int], T]) -> None:
        self._length = length
        self._make = make

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self._make(i) for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        return self._make(index)

    def __iter__(self) -> Iterator[T]:
        make = self._make
        for i in range(self._length):
            yield make(i)


@dataclass(frozen=True, slots=True)
class Customer:
    index: int
    provider: str
    channel: Channel
    handle: str  # Frisbii `cust-00042`, Stripe `cus_…`, Chargebee id
    first_name: str
    last_name: str
    company: str | None
    email: str
    currency: str
    plan: str
    seats: int
    subscription: str  # the subscription's handle/id on the platform
    started: date
    ends: date | None

    @property
    def name(self) -> str:
        return self.company or f"{self.first_name} {self.last_name}"


@dataclass(frozen=True, slots=True)
class Invoice:
    index: int
    provider: str
    id: str  # Frisbii 32-hex id, Stripe `in_…`, Chargebee invoice id (its number)
    number: str  # Frisbii handle `inv-1042`, Stripe `A1B2C3D4-0003`, Chargebee `10042`
    customer: int  # Scenario.customers index
    plan: str
    quantity: int
    amount: Money  # incl. VAT
    vat: Money
    issued: date
    due: date
    state: str  # "open", "paid", "failed", "dunning"
    paid_by: int | None  # Scenario.transactions index of the settling payment

    @property
    def amount_ex_vat(self) -> Money:
        return self.amount - self.vat


@dataclass(frozen=True, slots=True)
class Transaction:
    """One payment attempt, refund or chargeback, with the native detail each platform shows.

    `id` is the id in the item ref: Frisbii transaction id (dispute id for a chargeback),
    Stripe balance transaction `txn_…` (the charge `ch_…` for a failed charge, which has no
    balance transaction), Chargebee `txn_…`.
    """

    index: int
    provider: str
    channel: Channel
    kind: ItemKind
    settled: bool  # False: a failed attempt, no money moved
    id: str
    amount: Money  # signed from the merchant's side; the attempted amount when failed
    fee: Money  # what the platform or acquirer kept (zero when nothing)
    occurred_at: datetime
    customer: int
    invoice: int
    reverses: int | None  # the payment a refund/chargeback reverses
    deposit: int | None  # Scenario.deposits index
    payment_type: str  # "card", "mobilepay_subscriptions", "bank_transfer"
    error: str | None = None
    acquirer_reference: str | None = None  # Frisbii card: the Clearhaus transaction id
    charge_id: str | None = None  # Stripe: the charge paid, refunded or disputed
    source_id: str | None = None  # Stripe: ch_/re_/dp_ of this movement
    payout_id: str | None = None  # Stripe: `po_…` of an automatic payout that carried it

    @property
    def ref(self) -> str | None:
        """The PlatformItem ref; None for a failed attempt, which is not an item."""
        return make_ref(self.provider, self.id) if self.settled else None


class Naming:
    """Turns store rows into objects; every id comes from the IdFactory, so it is stable."""

    def __init__(self, store: Store, ids: IdFactory, stripe_payout_ids: Sequence[str | None]):
        self.store = store
        self.ids = ids
        # Money is immutable and amounts repeat (plan prices, fees): share one object per value.
        self._money: dict[tuple[int, int], Money] = {}
        # per deposit: the Stripe payout id when it is an automatic payout
        self._payout_ids = stripe_payout_ids

    def money(self, minor: int, currency: int) -> Money:
        key = (minor, currency)
        value = self._money.get(key)
        if value is None:
            value = self._money[key] = Money.from_minor(minor, CURRENCIES[currency])
        return value

    # -- customers ----------------------------------------------------------------------
    def customer_handle(self, c: int) -> str:
        channel = self.store.cu_channel[c]
        if channel == Channel.STRIPE:
            return f"cus_{self.ids.base62('cus', c, 14)}"
        if channel == Channel.CHARGEBEE:
            return self.ids.chargebee("", c)
        return f"cust-{c + 1:05d}"

    def customer_name(self, c: int) -> str:
        st = self.store
        company = st.cu_company[c]
        if company >= 0:
            return company_name(company)
        return f"{FIRST_NAMES[st.cu_first[c]]} {LAST_NAMES[st.cu_last[c]]}"

    def customer_email(self, c: int) -> str:
        st = self.store
        return email_for(c, st.cu_first[c], st.cu_last[c], st.cu_company[c])

    def customer(self, c: int) -> Customer:
        st = self.store
        channel = _CHANNELS[st.cu_channel[c]]
        company = st.cu_company[c]
        if channel == Channel.STRIPE:
            subscription = self.ids.stripe("sub", c)
        elif channel == Channel.CHARGEBEE:
            subscription = self.ids.base62("cb-sub", c, 16)
        else:
            subscription = f"sub-{c + 1:05d}"
        return Customer(
            index=c,
            provider=channel.provider,
            channel=channel,
            handle=self.customer_handle(c),
            first_name=FIRST_NAMES[st.cu_first[c]],
            last_name=LAST_NAMES[st.cu_last[c]],
            company=company_name(company) if company >= 0 else None,
            email=self.customer_email(c),
            currency=CURRENCIES[st.cu_currency[c]],
            plan=PLANS[st.cu_plan[c]].id,
            seats=st.cu_seats[c],
            subscription=subscription,
            started=date.fromordinal(st.cu_start[c]),
            ends=date.fromordinal(st.cu_end[c]) if st.cu_end[c] else None,
        )

    # -- invoices -----------------------------------------------------------------------
    def invoice_number(self, inv: int) -> str:
        st = self.store
        c = st.inv_customer[inv]
        channel = st.cu_channel[c]
        if channel == Channel.STRIPE:
            prefix = self.ids.base62("inv-prefix", c, 8, "0123456789ABCDEF")
            return f"{prefix}-{st.inv_number[inv]:04d}"
        if channel == Channel.CHARGEBEE:
            return str(st.inv_number[inv])
        return f"inv-{st.inv_number[inv]}"

    def invoice(self, inv: int) -> Invoice:
        st = self.store
        c = st.inv_customer[inv]
        channel = _CHANNELS[st.cu_channel[c]]
        currency = CURRENCIES[st.cu_currency[c]]
        number = self.invoice_number(inv)
        if channel == Channel.STRIPE:
            native_id = self.ids.stripe("in", inv)
        elif channel == Channel.CHARGEBEE:
            native_id = number
        else:
            native_id = self.ids.hex32("invoice", inv)
        issued = date.fromordinal(st.inv_day[inv])
        paid = st.inv_paid_tx[inv]
        return Invoice(
            index=inv,
            provider=channel.provider,
            id=native_id,
            number=number,
            customer=c,
            plan=PLANS[st.inv_plan[inv]].id,
            quantity=st.cu_seats[c],
            amount=Money.from_minor(st.inv_amount[inv], currency),
            vat=Money.from_minor(st.inv_vat[inv], currency),
            issued=issued,
            due=issued + timedelta(days=14 if channel == Channel.CHARGEBEE else 0),
            state=_INVOICE_STATES[st.inv_state[inv]],
            paid_by=paid if paid >= 0 else None,
        )

    def open_item(self, inv: int) -> PlatformItem:
        """What the platform's connector produces for an invoice it still waits for."""
        st = self.store
        c = st.inv_customer[inv]
        channel = _CHANNELS[st.cu_channel[c]]
        chargebee = channel == Channel.CHARGEBEE
        currency = st.cu_currency[c]
        plan = PLANS[st.inv_plan[inv]]
        number = self.invoice_number(inv)
        # Frisbii dates an invoice just after midnight, Chargebee's sandbox at 08:00 (render.py)
        issued = datetime.combine(
            date.fromordinal(st.inv_day[inv]), time(8, 0) if chargebee else time(0, 5), COPENHAGEN
        )
        return PlatformItem(
            provider=channel.provider,
            external_id=open_invoice_id(number),
            kind=ItemKind.INVOICE,
            amount=self.money(st.inv_amount[inv], currency),
            occurred_at=issued,
            customer_id=self.customer_handle(c),
            customer_name=self.customer_name(c),
            invoice_ref=number,
            plan=plan.id,
            vat_amount=self.money(st.inv_vat[inv], currency),
            references=() if chargebee else (number.removeprefix("inv-"),),
            description=plan.name,
        )

    # -- transactions -------------------------------------------------------------------
    def transaction_id(self, tx: int) -> str:
        st = self.store
        channel, kind = st.tx_channel[tx], st.tx_kind[tx]
        if channel == Channel.STRIPE:
            if st.tx_status[tx] == Status.FAILED:
                return self.ids.stripe("ch", tx)
            return self.ids.stripe("txn", tx)
        if channel == Channel.CHARGEBEE:
            return self.ids.chargebee("txn", tx)
        return self.ids.hex32("dispute" if kind == Kind.CHARGEBACK else "transaction", tx)

    def item_ref(self, tx: int) -> str:
        return make_ref(_CHANNELS[self.store.tx_channel[tx]].provider, self.transaction_id(tx))

    def acquirer_reference(self, tx: int) -> str | None:
        st = self.store
        if st.tx_channel[tx] != Channel.FRISBII_CARD:
            return None
        original = st.tx_related[tx] if st.tx_kind[tx] == Kind.CHARGEBACK else tx
        return self.ids.uuid4("clearhaus-transaction", original)

    def _stripe_sources(self, tx: int) -> tuple[str, str]:
        """(charge id, source id) of a Stripe movement."""
        st = self.store
        kind = st.tx_kind[tx]
        if kind == Kind.PAYMENT:
            charge = self.ids.stripe("ch", tx)
            return charge, charge
        charge = self.ids.stripe("ch", st.tx_related[tx])
        return charge, self.ids.stripe("re" if kind == Kind.REFUND else "dp", tx)

    def payout_id(self, tx: int) -> str | None:
        deposit = self.store.tx_deposit[tx]
        return self._payout_ids[deposit] if deposit >= 0 else None

    def transaction(self, tx: int) -> Transaction:
        st = self.store
        channel = _CHANNELS[st.tx_channel[tx]]
        currency = CURRENCIES[st.tx_currency[tx]]
        charge_id = source_id = payout_id = None
        if channel == Channel.STRIPE:
            charge_id, source_id = self._stripe_sources(tx)
            payout_id = self.payout_id(tx)
        deposit = st.tx_deposit[tx]
        error = st.tx_error[tx]
        related = st.tx_related[tx]
        return Transaction(
            index=tx,
            provider=channel.provider,
            channel=channel,
            kind=_KINDS[st.tx_kind[tx]],
            settled=st.tx_status[tx] == Status.SETTLED,
            id=self.transaction_id(tx),
            amount=Money.from_minor(st.tx_amount[tx], currency),
            fee=Money.from_minor(st.tx_fee[tx], currency),
            occurred_at=utc_datetime(st.tx_ts[tx]),
            customer=st.tx_customer[tx],
            invoice=st.tx_invoice[tx],
            reverses=related if related >= 0 else None,
            deposit=deposit if deposit >= 0 else None,
            payment_type=channel.payment_type,
            error=FAILURE_CODES[error] if error >= 0 else None,
            acquirer_reference=self.acquirer_reference(tx),
            charge_id=charge_id,
            source_id=source_id,
            payout_id=payout_id,
        )

    # -- the domain's PlatformItem ------------------------------------------------------
    def item(self, tx: int) -> PlatformItem:
        """What the platform's connector produces for this movement (settled only)."""
        st = self.store
        channel = _CHANNELS[st.tx_channel[tx]]
        currency = st.tx_currency[tx]
        kind = st.tx_kind[tx]
        amount = st.tx_amount[tx]
        c = st.tx_customer[tx]
        inv = st.tx_invoice[tx]
        plan = PLANS[st.inv_plan[inv]]
        fee: Money | None = None
        payout_ref: str | None = None
        references: tuple[str, ...] = ()
        if channel == Channel.STRIPE:
            fee = self.money(st.tx_fee[tx], currency)  # balance transactions carry it
            charge, source = self._stripe_sources(tx)
            references = (charge,) if source == charge else (source, charge)
            payout = self.payout_id(tx)
            payout_ref = make_ref("stripe", payout) if payout else None
        elif channel == Channel.FRISBII_CARD:
            references = (self.acquirer_reference(tx) or "",)
        vat = (
            None
            if kind == Kind.CHARGEBACK
            else self.money(vat_of(amount, plan.vat_percent), currency)
        )
        return PlatformItem(
            provider=channel.provider,
            external_id=self.transaction_id(tx),
            kind=_KINDS[kind],
            amount=self.money(amount, currency),
            occurred_at=utc_datetime(st.tx_ts[tx]),
            fee=fee,
            customer_id=self.customer_handle(c),
            customer_name=self.customer_name(c),
            invoice_ref=self.invoice_number(inv),
            payout_ref=payout_ref,
            plan=plan.id,
            vat_amount=vat,
            references=references,
            description=plan.name,
            # what the platform says about the sale: Danish VAT at the plan's rate
            vat=None if vat is None else SaleVatFacts(Decimal(plan.vat_percent)),
        )
