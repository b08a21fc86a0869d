"""Fetch a scenario's Stripe, Frisbii and Chargebee money from their sandboxes, timed.

The three sandboxes run in a child process (servers of their own, as the platforms are),
serving one generated scenario with `--latency-ms` added to every answer. For each platform
the connector reads every stream over the scenario's period into validated PlatformItems and
Payouts, the way the sync does (lists, plus the invoice and customer look-ups), first with
several requests in flight and then one at a time.

Printed per platform and mode: items, payouts, requests, wall time, items per second, the
floor (requests x latency / requests in flight) and wall/floor; plus the load average, since
on a shared machine CPU is what is scarce. Rate limits are lifted on both sides unless
`--real-limits` (Stripe 25/s, Frisbii 20/s, Chargebee 150/min: a large Chargebee site then
takes minutes, as it would).

    .venv/bin/python benchmarks/platform_fetch.py [--size 20000] [--latency-ms 20]
        [--in-flight 4] [--real-limits] [--no-baseline]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import os
import sys
import time
from datetime import timedelta
from multiprocessing.connection import Connection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from econdesk.connectors import eventloop
from econdesk.connectors.chargebee.client import ChargebeeClient
from econdesk.connectors.frisbii.client import FrisbiiClient
from econdesk.connectors.platform import PlatformSource, Window
from econdesk.connectors.ratelimit import RequestRate
from econdesk.connectors.stripe.client import StripeClient


def sandbox_process(conn: Connection, size: int, latency_ms: float, real_limits: bool) -> None:
    from econdesk.sandbox.chargebee.app import ChargebeeSandbox
    from econdesk.sandbox.chargebee.render import chargebee_data
    from econdesk.sandbox.faults import FaultConfig, FaultPlan
    from econdesk.sandbox.frisbii.app import FrisbiiSandbox
    from econdesk.sandbox.frisbii.render import frisbii_data
    from econdesk.sandbox.ratelimit import BucketLimiter
    from econdesk.sandbox.scenario import ScenarioSpec, generate
    from econdesk.sandbox.stripe.app import StripeSandbox
    from econdesk.sandbox.stripe.render import stripe_data

    scenario = generate(ScenarioSpec(seed=1, size=size, name="fetch-benchmark"))

    def options() -> dict[str, object]:
        faults = FaultPlan(FaultConfig(latency_ms=latency_ms))
        return (
            {"faults": faults}
            if real_limits
            else {"faults": faults, "limiter": BucketLimiter(1e6, 1.0)}
        )

    servers = {
        "stripe": StripeSandbox(stripe_data(scenario)).server(**options()).start(),  # type: ignore[arg-type]
        "frisbii": FrisbiiSandbox(frisbii_data(scenario)).server(**options()).start(),  # type: ignore[arg-type]
        "chargebee": ChargebeeSandbox(chargebee_data(scenario)).server(**options()).start(),  # type: ignore[arg-type]
    }
    counts = {p: sum(1 for _ in scenario.iter_items(p)) for p in servers}
    window = (scenario.spec.start.isoformat(), scenario.spec.end.isoformat())
    conn.send(({p: s.base_url for p, s in servers.items()}, counts, window))
    conn.recv()  # told to stop
    for server in servers.values():
        server.stop()


def client(name: str, url: str, in_flight: int, real_limits: bool) -> PlatformSource:
    from econdesk.sandbox.chargebee.app import DEMO_KEY as CB
    from econdesk.sandbox.frisbii.app import DEMO_KEY as FR
    from econdesk.sandbox.stripe.app import DEMO_KEY as ST

    extra: dict[str, object] = {"max_in_flight": in_flight}
    if not real_limits:
        extra["rate_limit"] = RequestRate(1e6, burst=in_flight)
    if name == "stripe":
        return StripeClient(ST, base_url=url, **extra)  # type: ignore[arg-type]
    if name == "frisbii":
        return FrisbiiClient(FR, base_url=url, **extra)  # type: ignore[arg-type]
    return ChargebeeClient(CB, base_url=url, **extra)  # type: ignore[arg-type]


async def fetch(source: PlatformSource, window: Window) -> tuple[int, int, int]:
    items: set[str] = set()
    payouts = requests = 0
    try:
        for stream in source.streams:
            async for page in source.pages(stream, window):
                items.update(i.ref for i in page.items)
                payouts += len(page.payouts)
                requests += page.requests
    finally:
        await source.aclose()
    return len(items), payouts, requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--latency-ms", type=float, default=20.0)
    parser.add_argument("--in-flight", type=int, default=4)
    parser.add_argument("--real-limits", action="store_true")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()

    parent, child = mp.Pipe()
    proc = mp.Process(
        target=sandbox_process, args=(child, args.size, args.latency_ms, args.real_limits)
    )
    started = time.perf_counter()
    proc.start()
    urls, counts, (start, end) = parent.recv()
    print(
        f"scenario of ~{args.size:,} items generated and served in "
        f"{time.perf_counter() - started:.1f} s; latency {args.latency_ms:g} ms per answer; "
        f"{'real' if args.real_limits else 'no'} rate limits"
    )
    from datetime import date

    window = Window(date.fromisoformat(start), date.fromisoformat(end) + timedelta(days=14))
    modes = [args.in_flight] if args.no_baseline else [args.in_flight, 1]
    print(
        f"{'platform':<10}{'in flight':>10}{'items':>9}{'payouts':>9}{'requests':>10}"
        f"{'wall s':>9}{'items/s':>10}{'floor s':>9}{'wall/floor':>11}"
    )
    try:
        for name, url in urls.items():
            for in_flight in modes:
                t0 = time.perf_counter()
                source = client(name, url, in_flight, args.real_limits)
                items, payouts, requests = eventloop.run(fetch(source, window))
                wall = time.perf_counter() - t0
                floor = requests * args.latency_ms / 1000 / in_flight
                ok = "" if items == counts[name] else f"  (expected {counts[name]})"
                print(
                    f"{name:<10}{in_flight:>10}{items:>9,}{payouts:>9,}{requests:>10,}"
                    f"{wall:>9.2f}{items / wall:>10,.0f}{floor:>9.2f}"
                    f"{wall / floor if floor else 0:>11.1f}{ok}"
                )
    finally:
        parent.send("stop")
        proc.join(timeout=10)
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    asyncio.set_event_loop_policy(None)
    main()
