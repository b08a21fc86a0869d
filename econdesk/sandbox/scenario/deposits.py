"""From grouped transactions to deposits: Clearhaus settlements, Stripe payouts, MobilePay
transfers and single bank transfers, each with the money it carries.

A group whose net is not positive (a day of chargebacks) is carried into the next one, as
acquirers and Stripe carry a negative balance forward instead of paying out.
"""

from __future__ import annotations

import enum
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from econdesk.sandbox.scenario.bankdays import COPENHAGEN, add_bank_days, utc_datetime
from econdesk.sandbox.scenario.billing import Billing
from econdesk.sandbox.scenario.catalog import CURRENCIES, DKK, Channel
from econdesk.sandbox.scenario.ids import IdFactory
from econdesk.sandbox.scenario.offline import OfflinePayment
from econdesk.sandbox.scenario.spec import ScenarioSpec
from econdesk.sandbox.scenario.store import Kind, Store


class DepositKind(enum.StrEnum):
    CLEARHAUS_SETTLEMENT = "clearhaus_settlement"
    STRIPE_PAYOUT = "stripe_payout"
    MOBILEPAY_TRANSFER = "mobilepay_transfer"
    BANK_TRANSFER = "bank_transfer"  # a Chargebee customer paid (or was refunded) directly
    INVOICE_PAYMENT = "invoice_payment"  # an open invoice paid outside its platform


@dataclass(frozen=True, slots=True)
class Deposit:
    """Money that reaches (or leaves) the bank in one transfer. Amounts in minor units.

    net = sales - refunds - chargebacks - fees, exactly; `transactions` are Scenario
    transaction indices. `external_id` is the settlement uuid, the Stripe payout id, the
    MobilePay transfer reference, or None for a plain bank transfer.
    """

    index: int
    kind: DepositKind
    currency: str
    transactions: tuple[int, ...]
    created: date  # settlement date, payout creation, transfer date
    arrival_date: date  # when the platform says the money lands (may fall on a weekend)
    sales: int
    refunds: int  # deducted, >= 0
    chargebacks: int  # deducted, >= 0
    fees: int  # deducted, >= 0
    external_id: str | None = None
    reference: str | None = None  # Clearhaus reference number, MobilePay transfer reference
    descriptor: str | None = None  # the text the platform asks the bank to show
    automatic: bool = True  # False: a Stripe manual payout, no breakdown available
    balance_transaction_id: str | None = None  # Stripe: the payout's own balance transaction
    payment: OfflinePayment | None = None  # INVOICE_PAYMENT: the invoice and how it was paid
    invoice_provider: str = ""  # INVOICE_PAYMENT: the platform that issued the invoice

    @property
    def net(self) -> int:
        return self.sales - self.refunds - self.chargebacks - self.fees

    @property
    def provider(self) -> str:
        return self.invoice_provider or _PROVIDER[self.kind]


_PROVIDER = {
    DepositKind.CLEARHAUS_SETTLEMENT: "clearhaus",
    DepositKind.STRIPE_PAYOUT: "stripe",
    DepositKind.MOBILEPAY_TRANSFER: "mobilepay",
    DepositKind.BANK_TRANSFER: "chargebee",
}


def _totals(store: Store, txs: Iterable[int]) -> tuple[int, int, int, int]:
    sales = refunds = chargebacks = fees = 0
    amounts, kinds, fee_col = store.tx_amount, store.tx_kind, store.tx_fee
    for tx in txs:
        kind = kinds[tx]
        if kind == Kind.PAYMENT:
            sales += amounts[tx]
        elif kind == Kind.REFUND:
            refunds -= amounts[tx]
        else:
            chargebacks -= amounts[tx]
        fees += fee_col[tx]
    return sales, refunds, chargebacks, fees


class _Builder:
    def __init__(self, spec: ScenarioSpec, billing: Billing, ids: IdFactory) -> None:
        self.spec, self.billing, self.ids = spec, billing, ids
        self.store = billing.store
        self.rng = random.Random(spec.seed * 7919 + 17)
        self.deposits: list[Deposit] = []
        self.counter: dict[DepositKind, int] = dict.fromkeys(DepositKind, 0)

    def add(
        self,
        kind: DepositKind,
        currency: int,
        txs: list[int],
        created: date,
        arrival: date,
        *,
        external_id: str | None = None,
        reference: str | None = None,
        descriptor: str | None = None,
        automatic: bool = True,
        balance_transaction_id: str | None = None,
    ) -> Deposit:
        sales, refunds, chargebacks, fees = _totals(self.store, txs)
        deposit = Deposit(
            len(self.deposits),
            kind,
            CURRENCIES[currency],
            tuple(txs),
            created,
            arrival,
            sales,
            refunds,
            chargebacks,
            fees,
            external_id=external_id,
            reference=reference,
            descriptor=descriptor,
            automatic=automatic,
            balance_transaction_id=balance_transaction_id,
        )
        for tx in txs:
            self.store.tx_deposit[tx] = deposit.index
        self.deposits.append(deposit)
        self.counter[kind] += 1
        return deposit

    def rolled(self, groups: dict[int, list[int]]) -> Iterable[tuple[int, list[int]]]:
        """Groups in day order; one with nothing positive to pay is carried to the next."""
        pending: list[int] = []
        for day in sorted(groups):
            pending.extend(groups[day])
            sales, refunds, chargebacks, fees = _totals(self.store, pending)
            if sales - refunds - chargebacks - fees > 0:
                yield day, pending
                pending = []

    def clearhaus(self) -> None:
        for day, txs in self.rolled(self.billing.card_days):
            n = self.counter[DepositKind.CLEARHAUS_SETTLEMENT]
            sales_day = date.fromordinal(day)
            payout_date = sales_day + timedelta(days=2)
            reference = f"CH{2_400_000 + n}"
            self.add(
                DepositKind.CLEARHAUS_SETTLEMENT,
                DKK,
                txs,
                sales_day + timedelta(days=1),
                payout_date,
                external_id=self.ids.uuid4("settlement", n),
                reference=reference,
                descriptor=f"{reference} {payout_date.isoformat()}",
            )

    def mobilepay(self) -> None:
        """One transfer per bank day: everything approved since the previous cut-off."""
        by_transfer: dict[int, list[int]] = defaultdict(list)
        last_sales_day: dict[int, int] = {}
        for day in sorted(self.billing.mobilepay_days):
            transfer = add_bank_days(date.fromordinal(day), 1).toordinal()
            by_transfer[transfer].extend(self.billing.mobilepay_days[day])
            last_sales_day[transfer] = day
        for transfer, txs in self.rolled(by_transfer):
            n = self.counter[DepositKind.MOBILEPAY_TRANSFER]
            sales_day = date.fromordinal(last_sales_day[transfer])
            self.add(
                DepositKind.MOBILEPAY_TRANSFER,
                DKK,
                txs,
                sales_day,
                date.fromordinal(transfer),
                reference=self.ids.digits("mp", n, 20),
                descriptor=f"MobilePay Subscriptions {sales_day:%d.%m}",
            )

    def stripe(self) -> None:
        for currency in range(len(CURRENCIES)):
            groups = {
                day: txs for (cur, day), txs in self.billing.stripe_days.items() if cur == currency
            }
            for day, txs in self.rolled(groups):
                n = self.counter[DepositKind.STRIPE_PAYOUT]
                created = date.fromordinal(day)
                forced_manual = self.spec.every_case and n == 1
                automatic = not forced_manual and self.rng.random() >= self.spec.manual_payout_rate
                self.add(
                    DepositKind.STRIPE_PAYOUT,
                    currency,
                    txs,
                    created,
                    add_bank_days(created, self.rng.choice((1, 1, 2))),
                    external_id=self.ids.stripe("po", n),
                    balance_transaction_id=self.ids.stripe("txn", n, kind="payout-txn"),
                    descriptor="STRIPE PAYMENTS UK LTD",
                    automatic=automatic,
                )

    def bank_transfers(self) -> None:
        store = self.store
        for tx in sorted(self.billing.bank_transfers):
            day = _local_day(store.tx_ts[tx])
            self.add(DepositKind.BANK_TRANSFER, store.tx_currency[tx], [tx], day, day)

    def offline(self, payments: list[OfflinePayment]) -> None:
        store = self.store
        for p in payments:
            c = store.inv_customer[p.invoice]
            chargebee = store.cu_channel[c] == Channel.CHARGEBEE
            deposit = Deposit(
                len(self.deposits),
                DepositKind.INVOICE_PAYMENT,
                CURRENCIES[store.cu_currency[c]],
                (),
                p.day,
                p.day,
                store.inv_amount[p.invoice],
                0,
                0,
                0,
                payment=p,
                invoice_provider="chargebee" if chargebee else "frisbii",
            )
            self.deposits.append(deposit)
            self.counter[DepositKind.INVOICE_PAYMENT] += 1


def _local_day(ts: int) -> date:
    return utc_datetime(ts).astimezone(COPENHAGEN).date()


def build_deposits(
    spec: ScenarioSpec,
    billing: Billing,
    ids: IdFactory,
    offline: list[OfflinePayment] | None = None,
) -> list[Deposit]:
    builder = _Builder(spec, billing, ids)
    builder.clearhaus()
    builder.mobilepay()
    builder.stripe()
    builder.bank_transfers()
    builder.offline(offline or [])
    return builder.deposits
