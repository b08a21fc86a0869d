"""`generate(spec) -> Scenario`: the whole simulated business, deterministic for a seed.

Customers, invoices, transactions and platform items are served lazily from columnar
storage (a million items fit in a few hundred MB); payouts, bank entries and the ground
truth are built eagerly, as they are few.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from functools import cached_property

from econdesk.connectors.files.clearhaus import ClearhausSettlement, ClearhausTransactionLine
from econdesk.domain.model import BankEntry, Payout, PayoutKind, PlatformItem, make_ref
from econdesk.domain.money import Money
from econdesk.sandbox.scenario.bank import build_bank
from econdesk.sandbox.scenario.bankdays import COPENHAGEN
from econdesk.sandbox.scenario.billing import simulate
from econdesk.sandbox.scenario.catalog import FEE_MODELS, PLANS, Channel, FeeModel, Plan
from econdesk.sandbox.scenario.deposits import Deposit, DepositKind, build_deposits
from econdesk.sandbox.scenario.ids import IdFactory
from econdesk.sandbox.scenario.offline import add_offline_payments
from econdesk.sandbox.scenario.reports import clearhaus_report
from econdesk.sandbox.scenario.spec import ScenarioSpec
from econdesk.sandbox.scenario.store import InvoiceState, Status, Store
from econdesk.sandbox.scenario.truth import GroundTruth
from econdesk.sandbox.scenario.views import Customer, Invoice, LazySequence, Naming, Transaction


@dataclass(frozen=True, slots=True)
class _Parts:
    store: Store
    naming: Naming
    deposits: list[Deposit]
    payouts: dict[int, Payout]
    bank_entries: list[BankEntry]
    truth: GroundTruth


class Scenario:
    """A generated business. Sequences are lazy: indexing builds the object on demand.

    - `customers`, `invoices`, `transactions` (every attempt, refunds, chargebacks; failed
      attempts included, `settled=False`), with native ids for the sandboxes;
    - `items`: the domain PlatformItems (settled transactions, chronological) exactly as the
      connectors produce them; `payouts`: Clearhaus settlements and Stripe payouts;
    - `deposits`: every transfer to the bank (also MobilePay and bank transfers, which have no
      payout object); `bank_entries`: the e-conomic bank account's lines;
    - `truth`: what should match what (see truth.py).
    """

    def __init__(self, spec: ScenarioSpec, parts: _Parts) -> None:
        self.spec = spec
        self._parts = parts
        store = parts.store
        naming = parts.naming
        self.plans: tuple[Plan, ...] = PLANS
        self.fee_models: dict[Channel, FeeModel] = FEE_MODELS
        self.customers: Sequence[Customer] = LazySequence(len(store.cu_channel), naming.customer)
        self.invoices: Sequence[Invoice] = LazySequence(len(store.inv_amount), naming.invoice)
        self.transactions: Sequence[Transaction] = LazySequence(
            len(store.tx_kind), naming.transaction
        )
        settled = [i for i, status in enumerate(store.tx_status) if status == Status.SETTLED]
        self._item_tx = settled
        self.items: Sequence[PlatformItem] = LazySequence(
            len(settled), lambda i: naming.item(settled[i])
        )
        self.deposits: tuple[Deposit, ...] = tuple(parts.deposits)
        self.payouts: tuple[Payout, ...] = tuple(parts.payouts[i] for i in sorted(parts.payouts))
        self.bank_entries: tuple[BankEntry, ...] = tuple(parts.bank_entries)
        self.truth: GroundTruth = parts.truth

    @property
    def seed(self) -> int:
        return self.spec.seed

    def item_transaction(self, item_index: int) -> int:
        """The `transactions` index behind `items[item_index]`."""
        return self._item_tx[item_index]

    def item_ref(self, transaction_index: int) -> str:
        return self._parts.naming.item_ref(transaction_index)

    def payout_for(self, deposit: Deposit) -> Payout | None:
        return self._parts.payouts.get(deposit.index)

    def iter_items(self, provider: str | None = None) -> Iterator[PlatformItem]:
        for item in self.items:
            if provider is None or item.provider == provider:
                yield item

    @cached_property
    def item_refs(self) -> frozenset[str]:
        """Every item's ref (builds a million strings at full size: for tests and checks)."""
        naming = self._parts.naming
        return frozenset(naming.item_ref(tx) for tx in self._item_tx)

    def clearhaus_report(
        self,
    ) -> tuple[list[ClearhausSettlement], list[ClearhausTransactionLine]]:
        """The Clearhaus settlement summary rows and per-transaction lines, for the files."""
        return clearhaus_report(self.deposits, self._parts.naming, self._parts.naming.ids)

    @cached_property
    def open_items(self) -> tuple[PlatformItem, ...]:
        """Frisbii's and Chargebee's invoices still open, as their connectors' open items."""
        st, naming = self._parts.store, self._parts.naming
        waiting = (InvoiceState.OPEN, InvoiceState.DUNNING)
        return tuple(
            naming.open_item(inv)
            for inv, state in enumerate(st.inv_state)
            if state in waiting and st.cu_channel[st.inv_customer[inv]] != Channel.STRIPE
        )

    def all_items(self) -> list[PlatformItem]:
        """The settled items and the open invoices: everything the connectors hand the matcher."""
        return [*self.items, *self.open_items]

    def summary(self) -> dict[str, int]:
        return {
            "customers": len(self.customers),
            "invoices": len(self.invoices),
            "transactions": len(self.transactions),
            "items": len(self.items),
            "payouts": len(self.payouts),
            "deposits": len(self.deposits),
            "bank_entries": len(self.bank_entries),
            "expected_matches": len(self.truth.matches),
            "must_not_match": len(self.truth.unmatched),
        }


def _payouts(deposits: list[Deposit], naming: Naming) -> dict[int, Payout]:
    """Clearhaus settlements and Stripe payouts as the domain's Payout."""
    payouts: dict[int, Payout] = {}
    for deposit in deposits:
        if deposit.kind is DepositKind.CLEARHAUS_SETTLEMENT:
            provider, kind = "clearhaus", PayoutKind.SETTLEMENT
        elif deposit.kind is DepositKind.STRIPE_PAYOUT:
            provider, kind = "stripe", PayoutKind.PAYOUT
        else:
            continue
        currency = deposit.currency
        components = (
            tuple(naming.item_ref(tx) for tx in deposit.transactions) if deposit.automatic else ()
        )
        payouts[deposit.index] = Payout(
            provider=provider,
            external_id=deposit.external_id or "",
            kind=kind,
            amount=Money.from_minor(deposit.net, currency),
            arrival_date=deposit.arrival_date,
            created_at=datetime.combine(deposit.created, time(6, 0), tzinfo=COPENHAGEN),
            status="paid",
            statement_descriptor=deposit.descriptor,
            gross=Money.from_minor(deposit.sales, currency),
            fees=Money.from_minor(deposit.fees, currency),
            component_refs=components,
            has_breakdown=deposit.automatic,
        )
    return payouts


def generate(spec: ScenarioSpec) -> Scenario:
    """The scenario for `spec`; the same spec always gives the same scenario."""
    ids = IdFactory(spec.seed)
    billing = simulate(spec)
    store = billing.store
    offline = add_offline_payments(spec, store)
    deposits = build_deposits(spec, billing, ids, offline)
    stripe_payout_ids = [
        d.external_id if d.kind is DepositKind.STRIPE_PAYOUT and d.automatic else None
        for d in deposits
    ]
    naming = Naming(store, ids, stripe_payout_ids)
    payouts = _payouts(deposits, naming)
    entries, truth = build_bank(spec, naming, deposits, payouts, billing.unreferenced)
    deposited = {tx for d in deposits for tx in d.transactions}
    undeposited = frozenset(
        naming.item_ref(tx)
        for tx, status in enumerate(store.tx_status)
        if status == Status.SETTLED and tx not in deposited
    )
    truth = GroundTruth(truth.matches, truth.unmatched, undeposited)
    return Scenario(spec, _Parts(store, naming, deposits, payouts, entries, truth))


__all__ = ["Scenario", "generate", "make_ref"]
