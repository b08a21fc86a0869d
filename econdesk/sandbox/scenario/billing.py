"""The subscription business, simulated day by day: customers, invoices, payment attempts,
retries after failures, refunds and chargebacks.

Each day's events get sorted times, so the transactions come out in chronological order. The
result is a `Store` plus, per payment channel, the groups of transactions each deposit will
carry (decided here, where the day and hour are known).
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from econdesk.sandbox.scenario.bankdays import bank_day_on_or_after, local_midnight_utc
from econdesk.sandbox.scenario.catalog import (
    CHANNEL_MIX,
    CONSUMER_DKK_PLANS,
    CONSUMER_EUR_PLANS,
    CURRENCIES,
    DKK,
    FEE_MODELS,
    PLANS,
    TEAM_PLANS,
    Channel,
    vat_of,
)
from econdesk.sandbox.scenario.names import COMPANY_CODES, FIRST_NAMES, LAST_NAMES
from econdesk.sandbox.scenario.spec import ScenarioSpec
from econdesk.sandbox.scenario.store import InvoiceState, Kind, Status, Store

# Event codes in the day schedule.
_RENEW, _RETRY, _REFUND, _CHARGEBACK, _BANK_PAYMENT = range(5)
_MOBILEPAY_CUTOFF = 22 * 3600  # MobilePay transfers what was approved before 22:00
_RETRY_DAYS = 3
_MAX_ATTEMPTS = 3
_DAY = 86_400
# Indexed by the stored code: far cheaper in the hot loop than Channel(code) and a dict.
_CHANNELS = tuple(Channel)
_FEES = tuple(FEE_MODELS[channel] for channel in _CHANNELS)


@dataclass
class Billing:
    """What the simulation produced, ready for the deposit step."""

    store: Store
    # Transactions each deposit will carry, keyed by the day (ordinal) they are grouped on.
    card_days: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    mobilepay_days: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    stripe_days: dict[tuple[int, int], list[int]] = field(default_factory=lambda: defaultdict(list))
    bank_transfers: list[int] = field(default_factory=list)
    # Chargebee payments whose bank text carries no invoice number (forced one-to-one cases).
    unreferenced: set[int] = field(default_factory=set)


class _When(NamedTuple):
    day: int  # date ordinal
    midnight: int  # unix seconds of local midnight
    second: int  # seconds into the day

    @property
    def ts(self) -> int:
        return self.midnight + self.second


def _weighted(rng: random.Random, table: tuple[tuple[int, float], ...]) -> int:
    pick = rng.random() * sum(w for _, w in table)
    for value, weight in table:
        pick -= weight
        if pick < 0:
            return value
    return table[-1][0]


def customer_count(spec: ScenarioSpec) -> int:
    """Customers needed for about `spec.size` items over the period (calibrated estimate)."""
    months = spec.days / 30.44
    # Monthly plans renew once a month; yearly plans, sign-ups and failures pull it down.
    per_customer = months * 0.80 + 0.01
    return max(len(CHANNEL_MIX), round(spec.size / per_customer))


class _Simulation:
    def __init__(self, spec: ScenarioSpec) -> None:
        self.spec = spec
        self.rng = random.Random(spec.seed)
        self.store = Store()
        self.out = Billing(self.store)
        self.schedule: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        self.payments_seen: dict[int, int] = defaultdict(int)  # successful payments per channel
        self.attempts_seen: dict[int, int] = defaultdict(int)
        self.first_day = spec.start.toordinal()
        self.last_day = spec.end.toordinal()
        self.invoice_seq = {Channel.FRISBII_CARD: 1000, Channel.CHARGEBEE: 10_000}
        self.payout_day_cache: dict[int, int] = {}

    # -- customers ----------------------------------------------------------------------
    def make_customers(self) -> tuple[dict[int, list[int]], dict[tuple[int, int], list[int]]]:
        """Create the customers; return who renews on which day of month / (month, day)."""
        rng, st, spec = self.rng, self.store, self.spec
        monthly: dict[int, list[int]] = defaultdict(list)
        yearly: dict[tuple[int, int], list[int]] = defaultdict(list)
        mix = tuple((i, w) for i, (_, _, w) in enumerate(CHANNEL_MIX))
        for c in range(customer_count(spec)):
            forced = spec.every_case and c < len(CHANNEL_MIX)
            channel, currency, _ = CHANNEL_MIX[c if forced else _weighted(rng, mix)]
            if channel is Channel.CHARGEBEE:
                plan, company, seats = _weighted(rng, TEAM_PLANS), True, rng.randint(2, 25)
            elif currency == DKK:
                plan, company, seats = _weighted(rng, CONSUMER_DKK_PLANS), rng.random() < 0.06, 1
            else:
                plan, company, seats = _weighted(rng, CONSUMER_EUR_PLANS), rng.random() < 0.7, 1
            if forced:  # the forced customers renew monthly, early in the period
                plan = {Channel.CHARGEBEE: 8}.get(channel, 0 if currency == DKK else 4)
                start = spec.start - timedelta(days=40 - 2 * c)
            elif rng.random() < 0.86:
                start = spec.start - timedelta(days=rng.randint(1, 700))
            else:
                start = spec.start + timedelta(days=rng.randrange(spec.days))
            ends = not forced and rng.random() < 0.04
            end = (spec.start + timedelta(days=rng.randrange(spec.days))).toordinal() if ends else 0
            st.cu_channel.append(channel)
            st.cu_currency.append(currency)
            st.cu_plan.append(plan)
            st.cu_first.append(rng.randrange(len(FIRST_NAMES)))
            st.cu_last.append(rng.randrange(len(LAST_NAMES)))
            st.cu_company.append(rng.randrange(COMPANY_CODES) if company else -1)
            st.cu_seats.append(seats)
            st.cu_start.append(start.toordinal())
            st.cu_end.append(end)
            st.cu_invoices.append(0)
            anchor = min(start.day, 28)
            if PLANS[plan].interval == "year":
                yearly[(start.month, anchor)].append(c)
            else:
                monthly[anchor].append(c)
        return monthly, yearly

    # -- the day loop -------------------------------------------------------------------
    def run(self) -> Billing:
        monthly, yearly = self.make_customers()
        st = self.store
        for ordinal in range(self.first_day, self.last_day + 1):
            day = date.fromordinal(ordinal)
            events = self.schedule.pop(ordinal, [])
            for c in (*monthly.get(day.day, ()), *yearly.get((day.month, day.day), ())):
                if st.cu_start[c] <= ordinal and (st.cu_end[c] == 0 or ordinal < st.cu_end[c]):
                    events.append((_RENEW, c, 0))
            midnight = local_midnight_utc(day)
            seconds = sorted(self.rng.randrange(_DAY) for _ in events)
            for event, second in zip(events, seconds, strict=True):
                self.handle(event, _When(ordinal, midnight, second))
        return self.out

    def handle(self, event: tuple[int, int, int], when: _When) -> None:
        code, a, b = event
        if code == _RENEW:
            self.renew(a, when)
        elif code == _RETRY:
            self.attempt(a, b, when)
        elif code == _REFUND:
            self.reverse(a, Kind.REFUND, b, when)
        elif code == _CHARGEBACK:
            self.reverse(a, Kind.CHARGEBACK, b, when)
        else:
            self.bank_payment(a, when)

    def renew(self, c: int, when: _When) -> None:
        st = self.store
        plan_index = st.cu_plan[c]
        plan = PLANS[plan_index]
        amount = plan.price_minor * st.cu_seats[c]
        channel = _CHANNELS[st.cu_channel[c]]
        st.cu_invoices[c] += 1
        if channel is Channel.STRIPE:
            number = st.cu_invoices[c]
        else:
            key = Channel.CHARGEBEE if channel is Channel.CHARGEBEE else Channel.FRISBII_CARD
            self.invoice_seq[key] += 1
            number = self.invoice_seq[key]
        vat = vat_of(amount, plan.vat_percent)
        inv = st.add_invoice(c, plan_index, number, amount, vat, day=when.day)
        if channel is Channel.CHARGEBEE:
            self.schedule_bank_payment(inv, when.day)
        else:
            self.attempt(inv, 1, when)

    def later(self, day: int, event: int, a: int, b: int = 0) -> None:
        if day <= self.last_day:
            self.schedule[day].append((event, a, b))

    def attempt(self, inv: int, attempt: int, when: _When) -> None:
        st, rng, spec = self.store, self.rng, self.spec
        c = st.inv_customer[inv]
        channel = st.cu_channel[c]
        currency = st.cu_currency[c]
        amount = st.inv_amount[inv]
        self.attempts_seen[channel] += 1
        forced_fail = spec.every_case and self.attempts_seen[channel] == 1
        if forced_fail or rng.random() < spec.failure_rate * (1.5 if attempt > 1 else 1):
            error = 4 if channel == Channel.FRISBII_MOBILEPAY else rng.randrange(4)
            st.add_transaction(
                channel,
                Kind.PAYMENT,
                Status.FAILED,
                amount,
                0,
                currency=currency,
                ts=when.ts,
                customer=c,
                invoice=inv,
                error=error,
            )
            if attempt < _MAX_ATTEMPTS:
                self.later(when.day + _RETRY_DAYS, _RETRY, inv, attempt + 1)
            else:
                st.inv_state[inv] = InvoiceState.FAILED
            return
        fee = _FEES[channel].sale_fee(amount, CURRENCIES[currency])
        tx = st.add_transaction(
            channel,
            Kind.PAYMENT,
            Status.SETTLED,
            amount,
            fee,
            currency=currency,
            ts=when.ts,
            customer=c,
            invoice=inv,
        )
        st.inv_state[inv] = InvoiceState.PAID
        st.inv_paid_tx[inv] = tx
        self.group(tx, channel, currency, when)
        self.maybe_reverse(tx, channel, amount, when.day)

    def maybe_reverse(self, tx: int, channel: int, amount: int, day: int) -> None:
        rng, spec = self.rng, self.spec
        self.payments_seen[channel] += 1
        seen = self.payments_seen[channel] if spec.every_case else 0
        can_charge_back = channel in (Channel.FRISBII_CARD, Channel.STRIPE)
        if seen == 2 or rng.random() < spec.refund_rate:
            partial = seen != 2 and rng.random() < 0.3
            refund = (amount // 200) * 100 if partial else amount  # half, in whole kroner
            self.later(day + (1 if seen == 2 else rng.randint(1, 20)), _REFUND, tx, refund)
        elif can_charge_back and (seen == 3 or rng.random() < spec.chargeback_rate):
            self.later(day + (2 if seen == 3 else rng.randint(20, 45)), _CHARGEBACK, tx, amount)

    def reverse(self, paid: int, kind: int, amount: int, when: _When) -> None:
        st = self.store
        channel, currency = st.tx_channel[paid], st.tx_currency[paid]
        fee = 0
        if kind == Kind.CHARGEBACK:
            fee = _FEES[channel].chargeback_minor[CURRENCIES[currency]]
        tx = st.add_transaction(
            channel,
            kind,
            Status.SETTLED,
            -amount,
            fee,
            currency=currency,
            ts=when.ts,
            customer=st.tx_customer[paid],
            invoice=st.tx_invoice[paid],
            related=paid,
        )
        if channel == Channel.CHARGEBEE:
            self.out.bank_transfers.append(tx)
        else:
            self.group(tx, channel, currency, when)

    # -- Chargebee: the customer pays the invoice by bank transfer ------------------------
    def schedule_bank_payment(self, inv: int, day: int) -> None:
        rng, spec = self.rng, self.spec
        forced = spec.every_case and self.payments_seen[Channel.CHARGEBEE] < 2
        if not forced and rng.random() < 0.06:
            return  # never paid within the period: an open invoice
        delay = 1 if forced else rng.choice((0, 1, 2, 3, 5, 7, 8, 10, 14, 14, 20, 30))
        pay_day = bank_day_on_or_after(date.fromordinal(day + delay)).toordinal()
        self.later(pay_day, _BANK_PAYMENT, inv)

    def bank_payment(self, inv: int, when: _When) -> None:
        st = self.store
        c = st.inv_customer[inv]
        amount = st.inv_amount[inv]
        tx = st.add_transaction(
            Channel.CHARGEBEE,
            Kind.PAYMENT,
            Status.SETTLED,
            amount,
            0,
            currency=DKK,
            ts=when.ts,
            customer=c,
            invoice=inv,
        )
        st.inv_state[inv] = InvoiceState.PAID
        st.inv_paid_tx[inv] = tx
        self.out.bank_transfers.append(tx)
        first = self.spec.every_case and self.payments_seen[Channel.CHARGEBEE] == 0
        if first or self.rng.random() < 0.2:
            self.out.unreferenced.add(tx)  # the payer wrote no invoice number
        self.maybe_reverse(tx, Channel.CHARGEBEE, amount, when.day)

    # -- grouping into deposits ---------------------------------------------------------
    def group(self, tx: int, channel: int, currency: int, when: _When) -> None:
        day = when.day
        if channel == Channel.FRISBII_CARD:
            self.out.card_days[day].append(tx)
        elif channel == Channel.FRISBII_MOBILEPAY:
            self.out.mobilepay_days[day + (when.second >= _MOBILEPAY_CUTOFF)].append(tx)
        else:
            payout_day = self.payout_day_cache.get(day)
            if payout_day is None:
                payout_day = bank_day_on_or_after(date.fromordinal(day + 1)).toordinal()
                self.payout_day_cache[day] = payout_day
            self.out.stripe_days[(currency, payout_day)].append(tx)


def simulate(spec: ScenarioSpec) -> Billing:
    return _Simulation(spec).run()
