"""Invoices paid outside their platform: Frisbii invoices in dunning that the customer pays by
bank transfer or MobilePay, and Chargebee invoices paid by a transfer nobody recorded in
Chargebee. The platform still shows each invoice open (pending, dunning, payment due); only the
bank has the money.

Decided with a random stream of its own, after the billing simulation, so adding them changes
nothing else in a scenario.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from econdesk.sandbox.scenario.bankdays import bank_day_on_or_after
from econdesk.sandbox.scenario.catalog import DKK, PLANS, Channel, vat_of
from econdesk.sandbox.scenario.spec import ScenarioSpec
from econdesk.sandbox.scenario.store import InvoiceState, Store

BANK, MOBILEPAY = "bank", "mobilepay"
_PAID_SHARE = 0.8  # of the dunning invoices, paid within the period
_MOBILEPAY_SHARE = 0.4


@dataclass(frozen=True, slots=True)
class OfflinePayment:
    """An open invoice paid straight to the bank: `invoice` a Store invoice index."""

    invoice: int
    day: date  # the bank day the money lands
    via: str  # BANK or MOBILEPAY
    style: int  # how the payer wrote the text (bank.py picks by it)


def add_offline_payments(spec: ScenarioSpec, store: Store) -> list[OfflinePayment]:
    if spec.integration:
        # The integrated books (sandbox/economic/integration.py) do not model invoices paid
        # outside their platform yet: that scenario keeps the platforms' own payments only.
        return []
    rng = random.Random(spec.seed * 6151 + 29)
    out = _frisbii_dunning(spec, store, rng)
    out += _chargebee_unrecorded(spec, store, rng)
    return sorted(out, key=lambda p: (p.day, p.invoice))


def _frisbii_dunning(spec: ScenarioSpec, store: Store, rng: random.Random) -> list[OfflinePayment]:
    """New dunning invoices for some Frisbii customers (their card or MobilePay agreement
    failed), most paid later by transfer; numbered after Frisbii's last invoice."""
    frisbii = (Channel.FRISBII_CARD, Channel.FRISBII_MOBILEPAY)
    number = max(
        (n for i, n in enumerate(store.inv_number)
         if store.cu_channel[store.inv_customer[i]] in frisbii),
        default=1000,
    )  # fmt: skip
    last = spec.end.toordinal() - 10
    out: list[OfflinePayment] = []
    forced = 3 if spec.every_case else 0
    for c in range(len(store.cu_channel)):
        if store.cu_channel[c] not in frisbii or store.cu_currency[c] != DKK:
            continue
        if forced <= 0 and rng.random() >= spec.dunning_rate:
            continue
        plan = store.cu_plan[c]
        amount = PLANS[plan].price_minor * store.cu_seats[c]
        day = rng.randint(spec.start.toordinal(), max(spec.start.toordinal(), last))
        number += 1
        inv = store.add_invoice(
            c, plan, number, amount, vat_of(amount, PLANS[plan].vat_percent), day=day
        )
        store.inv_state[inv] = InvoiceState.DUNNING
        paid = forced > 0 or rng.random() < _PAID_SHARE
        via = MOBILEPAY if forced == 1 or rng.random() < _MOBILEPAY_SHARE else BANK
        forced -= 1
        if not paid:
            continue
        landed = bank_day_on_or_after(date.fromordinal(day) + timedelta(days=rng.randint(3, 20)))
        if landed <= spec.end:
            out.append(OfflinePayment(inv, landed, via, rng.randrange(6)))
    return out


def _chargebee_unrecorded(
    spec: ScenarioSpec, store: Store, rng: random.Random
) -> list[OfflinePayment]:
    """Of Chargebee's invoices still open, some were paid by a transfer Chargebee never heard of."""
    out: list[OfflinePayment] = []
    forced = spec.every_case
    for inv in range(len(store.inv_state)):
        c = store.inv_customer[inv]
        if store.cu_channel[c] != Channel.CHARGEBEE or store.inv_state[inv] != InvoiceState.OPEN:
            continue
        if not forced and rng.random() >= spec.unrecorded_rate:
            continue
        issued = date.fromordinal(store.inv_day[inv])
        landed = bank_day_on_or_after(issued + timedelta(days=rng.randint(2, 25)))
        if landed <= spec.end:
            forced = False
            out.append(OfflinePayment(inv, landed, BANK, rng.randrange(6)))
    return out
