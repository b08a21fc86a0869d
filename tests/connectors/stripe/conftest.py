"""A small Stripe account in its native JSON, served by the Stripe sandbox over loopback."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest

from econdesk.sandbox.listing import Listing
from econdesk.sandbox.ratelimit import BucketLimiter
from econdesk.sandbox.server import SandboxServer
from econdesk.sandbox.stripe.app import DEMO_KEY, StripeData, StripeSandbox

# 1 June 2024 00:00 in Copenhagen (CEST) is 31 May 22:00 UTC.
JUNE_1 = int(datetime(2024, 5, 31, 22, 0, tzinfo=UTC).timestamp())
DAY = 86_400


@dataclass
class Account:
    charges: list[dict[str, Any]] = field(default_factory=list)
    refunds: list[dict[str, Any]] = field(default_factory=list)
    disputes: list[dict[str, Any]] = field(default_factory=list)
    bts: list[dict[str, Any]] = field(default_factory=list)
    payouts: list[dict[str, Any]] = field(default_factory=list)
    invoices: list[dict[str, Any]] = field(default_factory=list)
    members: dict[str, list[str]] = field(default_factory=dict)

    def data(self) -> StripeData:
        return StripeData(
            payouts=Listing.of(self.payouts, "created"),
            balance_transactions=Listing.of(self.bts, "created"),
            charges=Listing.of(self.charges, "created"),
            refunds=Listing.of(self.refunds, "created"),
            disputes=Listing.of(self.disputes, "created"),
            invoices=Listing.of(self.invoices, "created"),
            payout_members=self.members,
        )


def _bt(n: int, created: int, amount: int, fee: int, currency: str, type_: str,
        category: str, source: str) -> dict[str, Any]:  # fmt: skip
    return {
        "id": f"txn_1T{n:022d}",
        "object": "balance_transaction",
        "amount": amount,
        "available_on": created + 2 * DAY,
        "created": created,
        "currency": currency,
        "description": None,
        "exchange_rate": None,
        "fee": fee,
        "fee_details": [
            {"amount": fee, "application": None, "currency": currency,
             "description": "Stripe processing fees", "type": "stripe_fee"}
        ] if fee else [],
        "net": amount - fee,
        "reporting_category": category,
        "source": source,
        "status": "available",
        "type": type_,
    }  # fmt: skip


def build_account(charges_per_day: int = 9, days: int = 6) -> Account:
    """Daily charges in DKK (and every third in EUR), a refund, a dispute, one automatic
    payout per currency per day two days later, and one manual payout."""
    acc = Account()
    n = 0
    pending: dict[str, list[str]] = {"dkk": [], "eur": []}
    for day in range(days):
        for k in range(charges_per_day):
            n += 1
            currency = "eur" if k % 3 == 2 else "dkk"
            created = JUNE_1 + day * DAY + k * 3_000 - 1_800  # the first is before midnight
            amount = 14900 if currency == "dkk" else 2000
            charge_id = f"ch_1C{n:022d}"
            acc.charges.append({
                "id": charge_id, "object": "charge", "amount": amount,
                "balance_transaction": f"txn_1T{n:022d}",
                "billing_details": {"email": f"kunde{n}@example.dk", "name": f"Kunde {n}"},
                "created": created, "currency": currency, "customer": f"cus_{n:014d}",
                "description": "Abonnement", "invoice": f"in_1I{n:022d}", "metadata": {},
                "payment_intent": None, "receipt_email": None, "status": "succeeded",
            })  # fmt: skip
            acc.invoices.append(
                {
                    "id": f"in_1I{n:022d}",
                    "object": "invoice",
                    "number": f"4F2A9C01-{n:04d}",
                    "customer": f"cus_{n:014d}",
                    "currency": currency,
                    "total": amount,
                    "tax": amount // 5,
                    "created": created - 60,
                    "status": "paid",
                    "default_tax_rates": [],
                    "lines": {
                        "object": "list",
                        "has_more": False,
                        "url": "/v1/invoices/x/lines",
                        "data": [
                            {
                                "id": f"il_{n}",
                                "object": "line_item",
                                "amount": amount,
                                "description": "1 × Plus (måned)",
                                "price": {
                                    "id": "plus-maaned",
                                    "object": "price",
                                    "nickname": "Plus (måned)",
                                },
                                "tax_rates": [
                                    {
                                        "id": "txr_1",
                                        "object": "tax_rate",
                                        "percentage": 25.0,
                                        "inclusive": True,
                                    }
                                ],
                            }
                        ],
                    },
                }
            )
            fee = amount * 14 // 1000 + 180
            acc.bts.append(_bt(n, created, amount, fee, currency, "charge", "charge", charge_id))
            pending[currency].append(acc.bts[-1]["id"])
        if day == 1:  # a refund of the first charge
            n += 1
            refund_id = "re_1R0000000000000000000001"
            acc.refunds.append({
                "id": refund_id, "object": "refund", "amount": 14900,
                "charge": acc.charges[0]["id"], "created": JUNE_1 + DAY + 40_000,
                "currency": "dkk", "reason": "requested_by_customer", "status": "succeeded",
            })  # fmt: skip
            acc.bts.append(_bt(n, JUNE_1 + DAY + 40_000, -14900, 0, "dkk", "refund", "refund",
                               refund_id))  # fmt: skip
            pending["dkk"].append(acc.bts[-1]["id"])
        if day == 2:  # a dispute on the second charge
            n += 1
            dispute_id = "dp_1D0000000000000000000001"
            acc.disputes.append({
                "id": dispute_id, "object": "dispute", "amount": 14900,
                "charge": acc.charges[1]["id"], "created": JUNE_1 + 2 * DAY + 50_000,
                "currency": "dkk", "reason": "fraudulent", "status": "needs_response",
                "balance_transactions": [],
            })  # fmt: skip
            acc.bts.append(_bt(n, JUNE_1 + 2 * DAY + 50_000, -14900, 1500, "dkk", "adjustment",
                               "dispute", dispute_id))  # fmt: skip
            pending["dkk"].append(acc.bts[-1]["id"])
        for currency in ("dkk", "eur"):
            members = pending[currency]
            pending[currency] = []
            net = sum(b["net"] for b in acc.bts if b["id"] in set(members))
            n += 1
            payout_id = f"po_1P{n:022d}"
            created = JUNE_1 + day * DAY + 80_000
            payout_bt = _bt(n, created, -net, 0, currency, "payout", "payout", payout_id)
            acc.bts.append(payout_bt)
            acc.payouts.append({
                "id": payout_id, "object": "payout", "amount": net,
                "arrival_date": JUNE_1 + (day + 2) * DAY + 7_200, "automatic": True,
                "balance_transaction": payout_bt["id"], "created": created,
                "currency": currency, "description": "STRIPE PAYOUT", "method": "standard",
                "statement_descriptor": "STRIPE", "status": "paid",
            })  # fmt: skip
            acc.members[payout_id] = [*members, payout_bt["id"]]
    manual = {**acc.payouts[-1], "id": "po_1M0000000000000000000001", "automatic": False,
              "amount": 5000, "balance_transaction": "txn_1M0000000000000000000001"}  # fmt: skip
    acc.payouts.append(manual)
    return acc


@pytest.fixture
def account() -> Account:
    return build_account()


@pytest.fixture
def stripe_server(account: Account) -> Iterator[SandboxServer]:
    # generous limits here; test_stripe_client checks the real 25/s limit on its own
    with StripeSandbox(account.data()).server(limiter=BucketLimiter(2000, 1.0)) as server:
        yield server


KEY = DEMO_KEY
