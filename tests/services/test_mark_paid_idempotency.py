"""Marking invoices paid offline when the answer is lost: the platform has carried the payment
out, the connection closes unanswered. Chargebee gets the same `chargebee-idempotency-key` on
the retry and replays its first answer; Frisbii (no key for `manual_settle`) is read back.
Either way the invoice is paid once and the outcome is audited as marked."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from econdesk.connectors import eventloop
from econdesk.connectors.chargebee.client import ChargebeeClient
from econdesk.connectors.frisbii.client import FrisbiiClient
from econdesk.connectors.http import RetryPolicy
from econdesk.sandbox import chargebee, frisbii
from econdesk.sandbox.chargebee.payments import REPLAYED_HEADER
from econdesk.sandbox.chargebee.render import chargebee_data
from econdesk.sandbox.faults import FaultKind, FaultPlan
from econdesk.sandbox.frisbii.render import frisbii_data
from econdesk.sandbox.ratelimit import BucketLimiter
from econdesk.sandbox.scenario import Scenario, ScenarioSpec, generate
from econdesk.sandbox.server import SandboxServer
from econdesk.services.invoice_marking import FAILED, MARKED, InvoiceMarkingService, mark_key
from econdesk.services.matching import MatchingService
from econdesk.services.sync import SyncService
from econdesk.storage import Database
from tests.services.test_open_invoice_payments import END, QUICK, START, post

FAST = {**QUICK, "retry": RetryPolicy(attempts=3, base_delay=0.01)}


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    spec = ScenarioSpec(seed=12, size=700, start=START, end=END, name="open", dunning_rate=0.1)
    return generate(spec)


@dataclass
class Served:
    frisbii: SandboxServer
    chargebee: SandboxServer
    frisbii_faults: FaultPlan
    chargebee_faults: FaultPlan
    chargebee_sandbox: chargebee.app.ChargebeeSandbox

    def clients(self) -> dict[str, Callable[[], Any]]:
        return {
            "frisbii": lambda: FrisbiiClient(
                frisbii.app.DEMO_KEY, base_url=self.frisbii.base_url, **FAST
            ),
            "chargebee": lambda: ChargebeeClient(
                chargebee.app.DEMO_KEY, base_url=self.chargebee.base_url, **FAST
            ),
        }


@pytest.fixture
def served(scenario: Scenario) -> Iterator[Served]:
    generous = BucketLimiter(5000, 1.0)
    f_faults, c_faults = FaultPlan(), FaultPlan()
    cb = chargebee.app.ChargebeeSandbox(chargebee_data(scenario))
    with (
        frisbii.app.FrisbiiSandbox(frisbii_data(scenario)).server(
            limiter=generous, faults=f_faults
        ) as f,
        cb.server(limiter=generous, faults=c_faults) as c,
    ):
        yield Served(f, c, f_faults, c_faults, cb)


def _posted_invoice_payments(scenario: Scenario, served: Served, db: Database) -> None:
    clients = served.clients()
    sync = SyncService(db, platforms=list(clients.values()), today=lambda: END)
    assert sync.run(START, END).ok
    with db.transaction() as store:
        store.bank_entries.upsert_many(scenario.bank_entries)
    matching = MatchingService(db)
    paying = [m for m in matching.run().proposals if m.auto and "invoice-" in m.item_refs[0]]
    assert {m.item_refs[0].partition(":")[0] for m in paying} == {"frisbii", "chargebee"}
    for m in matching.approve([m.id for m in paying]):
        post(db, m)


def test_a_lost_answer_from_chargebee_is_replayed_not_paid_twice(
    scenario: Scenario, served: Served, db: Database
) -> None:
    _posted_invoice_payments(scenario, served, db)
    served.chargebee_faults.script(
        FaultKind.ACCEPT_THEN_DROP, method="POST", path=r"/record_payment$"
    )
    service = InvoiceMarkingService(db, {"chargebee": served.clients()["chargebee"]})
    marked = eventloop.run(service.mark())
    assert marked and all(m.state == "paid" and m.error is None for m in marked)
    first = marked[0]
    sent = served.chargebee.exchanges("POST", rf"/invoices/{first.invoice}/record_payment$")
    assert [e.fault for e in sent] == [FaultKind.ACCEPT_THEN_DROP, None]  # lost, then retried
    keys = {e.headers.get("chargebee-idempotency-key") for e in sent}
    with db.reader() as store:
        reference = store.audit_events(subject=first.item_ref, action_prefix=MARKED)[0].payload[
            "reference"
        ]
    assert keys == {mark_key(reference, first.invoice)}  # one key, the same on the retry
    invoice = served.chargebee_sandbox.data.invoices.get(first.invoice)
    assert invoice is not None and invoice["status"] == "paid"
    assert invoice["amount_paid"] == invoice["total"]  # paid once, not twice
    with db.reader() as store:
        assert store.audit_events(action_prefix=FAILED) == []


def test_the_chargebee_sandbox_replays_a_key_and_refuses_its_reuse(
    scenario: Scenario, served: Served
) -> None:
    due = next(
        i
        for i in (served.chargebee_sandbox.data.invoices.render_at(n) for n in range(500))
        if i["status"] == "payment_due"
    )
    url = f"{served.chargebee.base_url}/api/v2/invoices/{due['id']}/record_payment"
    auth = (chargebee.app.DEMO_KEY, "")
    form = {"transaction[payment_method]": "bank_transfer", "transaction[amount]": "100"}
    headers = {
        "chargebee-idempotency-key": "econdesk-test-1",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    body = urlencode(form)
    one = httpx.post(url, content=body, headers=headers, auth=auth)
    two = httpx.post(url, content=body, headers=headers, auth=auth)
    assert one.status_code == two.status_code == 200
    assert two.headers.get(REPLAYED_HEADER) == "true" and REPLAYED_HEADER not in one.headers
    assert one.json() == two.json()
    assert served.chargebee_sandbox.data.invoices.get(due["id"])["amount_paid"] == (
        due["amount_paid"] + 100
    )  # carried out once
    other = urlencode({**form, "transaction[amount]": "200"})
    assert httpx.post(url, content=other, headers=headers, auth=auth).status_code == 409


def test_a_lost_answer_from_frisbii_is_read_back_and_counted_as_marked(
    scenario: Scenario, served: Served, db: Database
) -> None:
    _posted_invoice_payments(scenario, served, db)
    served.frisbii_faults.script(FaultKind.ACCEPT_THEN_DROP, method="POST", path=r"/manual_settle$")
    service = InvoiceMarkingService(db, {"frisbii": served.clients()["frisbii"]})
    marked = eventloop.run(service.mark())
    assert marked and all(m.state == "settled" and m.error is None for m in marked)
    first = marked[0]
    sent = served.frisbii.exchanges("POST", rf"/invoice/{first.invoice}/manual_settle$")
    assert [e.fault for e in sent] == [FaultKind.ACCEPT_THEN_DROP]  # never sent twice
    assert served.frisbii.exchanges("GET", rf"/v1/invoice/{first.invoice}$")  # read back
    listing = served.frisbii  # the invoice holds one manual transaction with our reference
    reread = FrisbiiClient(frisbii.app.DEMO_KEY, base_url=listing.base_url, **FAST)
    invoice = eventloop.run(_raw_invoice(reread, first.invoice))
    manual = [t for t in invoice["transactions"] if t.get("payment_type") == "manual"]
    assert len(manual) == 1 and invoice["state"] == "settled"
    with db.reader() as store:
        assert store.audit_events(action_prefix=FAILED) == []
        assert len(store.audit_events(action_prefix=MARKED)) == len(marked)


async def _raw_invoice(client: FrisbiiClient, handle: str) -> dict[str, object]:
    async with client:
        raw = await client._get(f"/v1/invoice/{handle}")
        assert isinstance(raw, dict)
        return raw
