"""What the platform client tests share: reading pages from a sandbox over loopback, the refs
of what was read, and the fault script every client must retry away."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TypeVar

from econdesk.connectors import eventloop
from econdesk.connectors.http import RetryPolicy
from econdesk.connectors.platform import PlatformSource, SourcePage, Window
from econdesk.connectors.platform_http import PlatformClient
from econdesk.connectors.ratelimit import RequestRate
from econdesk.sandbox.faults import FaultConfig, FaultKind
from econdesk.sandbox.server import SandboxServer

C = TypeVar("C", bound=PlatformClient)

# The tiny scenario's busiest month.
MARCH = Window(date(2026, 3, 1), date(2026, 4, 1))


def fast_client(client_type: type[C], server: SandboxServer, key: str, page_size: int) -> C:
    """A client of `server` that neither paces itself nor waits long between retries, so the
    tests spend their time on the sandbox's answers (its limiter is set generously too)."""
    return client_type(
        key,
        base_url=server.base_url,
        page_size=page_size,
        rate_limit=RequestRate(5000, burst=8),
        retry=RetryPolicy(attempts=6, base_delay=0.01, max_delay=0.05),
    )


def read_pages(
    open_client: Callable[[], PlatformSource],
    streams: Iterable[str],
    window: Window,
    resume: str | None = None,
    sink: list[SourcePage] | None = None,
) -> list[SourcePage]:
    """Every page of `streams` over `window`, in order; appended to `sink` as they arrive, so a
    caller still sees the pages read before an error. The client is made inside the event loop
    that reads and closed afterwards."""
    pages = sink if sink is not None else []

    async def run() -> list[SourcePage]:
        client = open_client()
        try:
            for stream in streams:
                async for page in client.pages(stream, window, resume):
                    pages.append(page)
        finally:
            await client.aclose()
        return pages

    return eventloop.run(run())


def refs(pages: list[SourcePage]) -> list[str]:
    return [i.ref for p in pages for i in p.items]


def script_transient_faults(
    server: SandboxServer,
    *,
    error_path: str,
    throttle_path: str,
    drop_path: str,
    latency: FaultConfig,
    status: int = 503,
) -> None:
    """Two server errors, one 429 and two dropped connections, with `latency` on every answer;
    the exchanges so far are forgotten so the test counts only the faulty run's."""
    server.faults.script(FaultKind.ERROR, times=2, path=error_path, status=status)
    server.faults.script(FaultKind.THROTTLE, times=1, path=throttle_path, retry_after=1)
    server.faults.script(FaultKind.DROP, times=2, path=drop_path)
    server.faults.config = latency
    server.clear_exchanges()
