"""Fetch 100,000 e-conomic bank entries from the sandbox with 20 ms added latency per request.

The sandbox runs in a child process (a server of its own, as e-conomic is), serving an
agreement whose bank account holds the entries across three accounting years (2024, the
split year 2025/2026 and 2026/2027). In one run, the client fetches them:

1. as the sync does (`EconomicClient.fetch_bank`: pages of 1000 read into typed, Decimal
   results, plus the draft lines) with several requests in flight;
2. the same, one request at a time (the baseline);
3. transport only: the same page requests through the same HttpClient (pacing, retries,
   bounded concurrency), bodies not decoded, to separate the network part from the CPU cost
   of turning 100,000 JSON entries into typed objects.

Printed per run: wall time, client and sandbox CPU time, requests, the floor (requests / requests in
flight x latency), wall/floor, the 429s the sandbox answered and the most of its token bucket
in use; plus the machine's load average, since on a shared machine CPU is what is scarce.

    .venv/bin/python benchmarks/economic_fetch.py [--entries 100000] [--latency-ms 20]
        [--in-flight 6] [--no-baseline]

`--in-flight` defaults to the client's own default (6 requests on the wire at once).

Targets: the typed fetch within 2x the floor, and at least 3x faster than one request at a
time.

The client is httpx with its own transport (httpcore over anyio and h11). Compare CPU time
between runs, not wall time, on a shared machine. Freeing the 100,000 fetched entries is left
out of the timing: it is not part of fetching.

A request is built when it gets a slot, not when the hundred page requests are gathered
(building them all at once held the event loop while answers waited); the account and its
years are asked for together, and the rate-limit mirror lets three requests out before the
first answer; the sandbox answers with Nagle's algorithm off (with it on, each answer's body
waited for the client's delayed ACK: econdesk/sandbox/server.py). The opening requests (the
agreement, the account and its years; then each year's first page, which says how many
pages follow) are two round trips that no number in flight shortens.

Figures: benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import multiprocessing as mp
import os
import sys
import time
from dataclasses import dataclass
from datetime import date
from multiprocessing.connection import Connection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from econdesk.connectors import eventloop
from econdesk.connectors.economic import BankFetch, EconomicClient
from econdesk.connectors.economic import filters as flt
from econdesk.connectors.economic.client import DEFAULT_IN_FLIGHT

START, END = date(2024, 1, 1), date(2026, 12, 31)
BANK = 5820
PAGE = 1000


def sandbox_process(conn: Connection, entries: int, latency_ms: float) -> None:
    """The child: build the agreement, serve it, answer stats requests until told to stop."""
    from econdesk.sandbox.economic import EconomicSandbox, generate_data
    from econdesk.sandbox.faults import FaultConfig, FaultPlan

    data = generate_data(2026, START, END, bank_entries=entries)
    sandbox = EconomicSandbox(data, faults=FaultPlan(FaultConfig(latency_ms=latency_ms)))
    sandbox.start()
    conn.send((sandbox.base_url, sandbox.app_secret_token, sandbox.agreement_grant_token))
    while True:
        command = conn.recv()
        if command == "cpu":
            conn.send(time.process_time())
        elif command == "stats":
            limiter = sandbox.limiter
            conn.send(
                (
                    limiter.rejected,
                    limiter.max_used,
                    limiter.limit,
                    sandbox.server.peak_in_flight,
                    time.process_time(),
                )
            )
            sandbox.server.clear_exchanges()  # also resets the peak
        else:
            sandbox.stop()
            conn.send("stopped")
            return


@dataclass(frozen=True)
class Run:
    label: str
    in_flight: int
    wall: float
    cpu: float
    sandbox_cpu: float
    requests: int
    entries: int
    throttled: int  # 429s the client saw
    rejected: int  # 429s the sandbox answered
    peak_tokens: float
    token_limit: float
    peak_in_flight: int


def typed_fetch(client: EconomicClient) -> BankFetch:
    """The fetch, returned: freeing 100,000 entries is the caller's business, not the fetch's."""

    async def go() -> BankFetch:
        async with client:
            return await client.fetch_bank(BANK, START, END)

    return eventloop.run(go())


def transport_only(client: EconomicClient) -> int:
    """The same page requests as the typed fetch, through the same HttpClient, undecoded."""

    async def year_pages(url: str, wanted: str) -> int:
        params: dict[str, str | int] = {"pagesize": PAGE, "filter": wanted, "sort": "entryNumber"}
        first = await client.http.get_json(url, {**params, "skippages": 0}, cost_key="GET entries")
        results = int(first["pagination"]["results"])
        pages = [
            client.http.request(
                "GET", url, params={**params, "skippages": n}, cost_key="GET entries"
            )
            for n in range(1, math.ceil(results / PAGE))
        ]
        await asyncio.gather(*pages)
        return results

    async def go() -> int:
        async with client:
            years = await client.bank_years(BANK, START, END)
            counts = await asyncio.gather(
                *(
                    year_pages(
                        y.entries_url or "",
                        str(
                            flt.gte("date", max(START, y.from_date))
                            & flt.lte("date", min(END, y.to_date))
                        ),
                    )
                    for y in years
                )
            )
            return sum(counts)

    return eventloop.run(go())


def measure(label: str, conn: Connection, url: str, tokens: tuple[str, str], in_flight: int) -> Run:
    client = EconomicClient(*tokens, base_url=url, max_in_flight=in_flight)
    work = transport_only if label.startswith("transport") else typed_fetch
    conn.send("cpu")
    sandbox_cpu = conn.recv()
    cpu, started = time.process_time(), time.perf_counter()
    fetched = work(client)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    entries = fetched if isinstance(fetched, int) else len(fetched.booked)
    del fetched
    conn.send("stats")
    rejected, peak, limit, peak_in_flight, sandbox_after = conn.recv()
    stats = client.http.stats
    return Run(
        label,
        in_flight,
        wall,
        cpu,
        sandbox_after - sandbox_cpu,
        stats.requests,
        entries,
        stats.throttled,
        rejected,
        peak,
        limit,
        peak_in_flight,
    )


def report(run: Run, latency: float) -> None:
    floor = run.requests / run.in_flight * latency
    print(f"\n{run.label} ({run.in_flight} in flight)")
    print(
        f"  wall time:    {run.wall:.3f} s   "
        f"(CPU: client {run.cpu:.3f} s, sandbox {run.sandbox_cpu:.3f} s)"
    )
    print(f"  requests:     {run.requests}   entries: {run.entries:,}")
    print(f"  floor:        {floor:.3f} s   wall/floor: {run.wall / floor:.2f}")
    print(f"  throughput:   {run.entries / run.wall:,.0f} entries/s")
    print(f"  in flight at the sandbox, at most: {run.peak_in_flight}")
    print(
        f"  429s: sandbox answered {run.rejected}, client saw {run.throttled}; "
        f"token bucket at most {run.peak_tokens:.0f} of {run.token_limit:.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--latency-ms", type=float, default=20.0)
    parser.add_argument("--in-flight", type=int, default=DEFAULT_IN_FLIGHT)
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()

    here, there = mp.Pipe()
    child = mp.Process(target=sandbox_process, args=(there, args.entries, args.latency_ms))
    child.start()
    try:
        url, app, grant = here.recv()
        tokens = (app, grant)
        # Warm-up: imports, connections and the sandbox's first filtering; not timed.
        warm = measure("warm-up", here, url, tokens, args.in_flight)
        if warm.entries != args.entries:
            raise SystemExit(f"expected {args.entries} entries, fetched {warm.entries}")
        runs = [measure("typed fetch", here, url, tokens, args.in_flight)]
        if not args.no_baseline:
            runs.append(measure("typed fetch, one at a time", here, url, tokens, 1))
        runs.append(measure("transport only", here, url, tokens, args.in_flight))
    finally:
        here.send("stop")
        here.recv()
        child.join(timeout=10)

    latency = args.latency_ms / 1000
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"{args.entries:,} booked bank entries over 3 accounting years, + draft lines;")
    print(f"{args.latency_ms:.0f} ms added per request; {os.cpu_count()} CPUs, load {load[0]:.1f}")
    for run in runs:
        report(run, latency)
    typed = runs[0]
    floor = typed.requests / typed.in_flight * latency
    print("\nsummary")
    print(f"  typed fetch wall/floor:              {typed.wall / floor:.2f}   (target <= 2)")
    if not args.no_baseline:
        print(
            f"  speed-up over one at a time:         {runs[1].wall / typed.wall:.1f}x (target >= 3)"
        )
    transport = runs[-1]
    print(
        f"  transport only wall/floor:           "
        f"{transport.wall / (transport.requests / transport.in_flight * latency):.2f}"
    )
    print(f"  429s over all runs:                  {sum(r.rejected for r in runs)}")


if __name__ == "__main__":
    main()
