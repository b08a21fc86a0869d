"""For matcher_accuracy.py --payment-apis: a scenario's Clearhaus settlements and MobilePay
payouts read over loopback from their API sandboxes by the real connectors, their links
resolved against the scenario's items as the matching service does, and the recall of those
deposits: a proposal is right when it names the deposit's bank entry with the payout whose
components are exactly the items the deposit carried."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from econdesk.connectors import eventloop
from econdesk.connectors.clearhaus.client import ClearhausClient
from econdesk.connectors.mobilepay.client import MobilePayReportClient
from econdesk.connectors.platform import PlatformSource, Window
from econdesk.connectors.ratelimit import RequestRate
from econdesk.domain import Match, Payout
from econdesk.sandbox.clearhaus.app import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, ClearhausSandbox
from econdesk.sandbox.clearhaus.render import clearhaus_data
from econdesk.sandbox.mobilepay import app as mp
from econdesk.sandbox.mobilepay.render import mobilepay_data
from econdesk.sandbox.ratelimit import BucketLimiter
from econdesk.sandbox.scenario import Scenario
from econdesk.services.links import link_components


def _read(source: PlatformSource, stream: str, window: Window) -> list[Payout]:
    async def run() -> list[Payout]:
        try:
            return [p async for page in source.pages(stream, window) for p in page.payouts]
        finally:
            await source.aclose()

    return eventloop.run(run())


def api_payouts(scenario: Scenario) -> list[Payout]:
    """Every Clearhaus and MobilePay payout of the scenario as the connectors read them."""
    days = [d.arrival_date for d in scenario.deposits]
    window = Window(min(days) - timedelta(days=7), max(days) + timedelta(days=7))
    fast = RequestRate(10_000, burst=8)
    limiter = BucketLimiter(100_000, 1.0)
    payouts: list[Payout] = []
    with ClearhausSandbox(clearhaus_data(scenario)).server(limiter=limiter) as server:
        client = ClearhausClient(
            DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, base_url=server.base_url, rate_limit=fast
        )
        payouts += _read(client, "settlements", window)
    with mp.MobilePaySandbox(mobilepay_data(scenario)).server(limiter=limiter) as server:
        report = MobilePayReportClient(
            mp.DEMO_CLIENT_ID,
            mp.DEMO_CLIENT_SECRET,
            mp.DEMO_SUBSCRIPTION_KEY,
            merchant_serial_numbers=[mp.DEMO_MSN],
            base_url=server.base_url,
            rate_limit=fast,
            max_in_flight=8,
        )
        payouts += _read(report, "payouts", window)
    linked, _ = link_components(payouts, list(scenario.items))
    return linked


def with_api_payouts(scenario: Scenario) -> list[Payout]:
    """The scenario's payouts with its Clearhaus ones replaced by the API's, plus MobilePay's."""
    return [p for p in scenario.payouts if p.provider != "clearhaus"] + api_payouts(scenario)


@dataclass
class Recall:
    deposits: int = 0
    found: int = 0
    found_auto: int = 0

    def line(self, name: str) -> str:
        pct = 100 * self.found / self.deposits if self.deposits else 0.0
        auto = 100 * self.found_auto / self.deposits if self.deposits else 0.0
        return f"{name:22} {self.deposits:6d} deposits  recall {pct:6.2f} %  auto {auto:6.2f} %"


def api_recall(
    scenario: Scenario, payouts: Sequence[Payout], proposals: Sequence[Match]
) -> dict[str, Recall]:
    """Recall of the Clearhaus-by-API and MobilePay-by-report deposits."""
    by_bank = {m.bank_refs[0]: m for m in proposals if len(m.bank_refs) == 1}
    components = {p.ref: set(p.component_refs) for p in payouts}
    out = {"clearhaus": Recall(), "mobilepay": Recall()}
    for expected in scenario.truth.matches:
        tally = out.get(expected.provider)
        if tally is None:
            continue
        tally.deposits += 1
        carried = set(expected.component_refs or expected.item_refs)
        m = by_bank.get(expected.bank_ref)
        right = (
            m is not None
            and len(m.item_refs) == 1
            and m.item_refs[0].startswith(f"{expected.provider}:")
            and components.get(m.item_refs[0]) == carried
            and set(m.component_refs) == carried
        )
        tally.found += right
        tally.found_auto += right and m is not None and m.auto
    return out
