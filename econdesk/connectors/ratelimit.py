"""Keeping within an outside system's rate limit, before it has to say 429.

`TokenBucket` is the pure arithmetic (no clock, no locks), shared by the client-side policies
here and by the sandboxes' server-side limiter. A `RateLimitPolicy` is what `HttpClient`
consults: `acquire` before sending (may wait), `settle` when the answer (or failure) is in.

- `Unlimited`: no pacing; the client still honours 429 + Retry-After.
- `RequestRate`: n requests per second with a burst (Stripe, Chargebee, Frisbii).
- `ReportedBudget`: mirrors a cost-based bucket that the server reports in response headers
  (e-conomic's X-RateLimiting / X-CallCost); the header parser is injected.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import httpx


class TokenBucket:
    """A bucket of `capacity` tokens refilling at `refill_per_second`; times are passed in.

    The level may go negative through `force` (a reservation made on credit); `wait_for`
    then reports how long until a new cost fits.
    """

    def __init__(self, capacity: float, refill_per_second: float, now: float) -> None:
        if capacity <= 0 or refill_per_second <= 0:
            raise ValueError("a token bucket needs a positive capacity and refill rate")
        self.capacity = float(capacity)
        self.refill_per_second = float(refill_per_second)
        self._level = float(capacity)
        self._at = now

    def level(self, now: float) -> float:
        if now > self._at:
            self._level = min(
                self.capacity, self._level + (now - self._at) * self.refill_per_second
            )
            self._at = now
        return self._level

    def take(self, cost: float, now: float) -> bool:
        """Take `cost` tokens if they are there; False (and nothing taken) otherwise."""
        if self.level(now) >= cost:
            self._level -= cost
            return True
        return False

    def force(self, cost: float, now: float) -> None:
        self.level(now)
        self._level -= cost

    def refund(self, amount: float, now: float) -> None:
        self._level = min(self.capacity, self.level(now) + amount)

    def wait_for(self, cost: float, now: float) -> float:
        """Seconds until `cost` tokens are available (0 when they are now)."""
        missing = min(cost, self.capacity) - self.level(now)
        return max(0.0, missing / self.refill_per_second)

    def reset(self, capacity: float, refill_per_second: float, level: float, now: float) -> None:
        self.capacity = float(capacity)
        self.refill_per_second = float(refill_per_second)
        self._level = min(float(capacity), level)
        self._at = now

    def used(self, now: float) -> float:
        return self.capacity - self.level(now)


class RateLimitPolicy(Protocol):
    async def acquire(self, cost_key: str) -> float:
        """Wait until a request of this kind may go; returns the cost reserved for it."""
        ...

    def settle(self, cost_key: str, reserved: float, response: httpx.Response | None) -> None:
        """Account for a finished request (`response` is None when it failed without one)."""
        ...


class Unlimited:
    async def acquire(self, cost_key: str) -> float:
        return 0.0

    def settle(self, cost_key: str, reserved: float, response: httpx.Response | None) -> None:
        return None


class _BucketPolicy:
    """Shared waiting logic: callers queue on a lock and each waits for its tokens in turn."""

    def __init__(self, bucket: TokenBucket, clock: Callable[[], float]) -> None:
        self._bucket = bucket
        self._clock = clock
        self._lock = asyncio.Lock()

    async def _reserve(self, cost: float) -> float:
        async with self._lock:
            while True:
                wait = self._bucket.wait_for(cost, self._clock())
                if wait <= 0:
                    self._bucket.force(cost, self._clock())
                    return cost
                await asyncio.sleep(wait)


class RequestRate(_BucketPolicy):
    """At most `per_second` requests per second on average, `burst` at once."""

    def __init__(
        self,
        per_second: float,
        burst: int = 1,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(TokenBucket(max(1, burst), per_second, clock()), clock)

    @classmethod
    def per_minute(cls, requests: int, burst: int = 1) -> RequestRate:
        return cls(requests / 60.0, burst)

    async def acquire(self, cost_key: str) -> float:
        return await self._reserve(1.0)

    def settle(self, cost_key: str, reserved: float, response: httpx.Response | None) -> None:
        return None


@dataclass(frozen=True, slots=True)
class BudgetReport:
    """What a server said about its bucket: `used` of `limit` tokens per `window_seconds`."""

    used: float
    limit: float
    window_seconds: float
    call_cost: float | None = None


class ReportedBudget(_BucketPolicy):
    """Mirror of a server-side cost bucket, corrected by every response's headers.

    Until the first answer reports the bucket and the call's cost, nothing is known (the
    bucket is assumed to be `assumed_limit` tokens per `assumed_window` seconds), so at most
    `probes` requests go out before it: a sync's opening requests (the agreement, the
    account, its years) go together, and should the bucket be spent already, only those few
    come back 429 and are retried. After that each request reserves the last cost seen for its
    kind (the dearest cost seen for a kind not yet seen), and each response resets the
    mirror to what the server reports, minus what is still in flight. The report reflects
    the server's bucket when that request arrived, so requests that arrived earlier are
    counted twice (the safe side); and since answers can arrive out of order, a report may
    lower the mirror but never raise it (only refill does). `headroom` (a fraction of the
    limit) is never spent, so that other users of the same agreement do not push us into a 429.
    """

    def __init__(
        self,
        parse: Callable[[httpx.Headers], BudgetReport | None],
        *,
        assumed_limit: float = 2000,
        assumed_window: float = 60,
        headroom: float = 0.05,
        probes: int = 3,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if probes < 1:
            raise ValueError("at least one request must go out to learn the bucket")
        self._headroom = headroom
        self._probes = probes
        self._limit = assumed_limit
        super().__init__(
            TokenBucket(assumed_limit * (1 - headroom), assumed_limit / assumed_window, clock()),
            clock,
        )
        self._parse = parse
        self._costs: dict[str, float] = {}
        self._outstanding = 0.0
        self._in_flight = 0
        self._probed = False  # an answer (with or without a report) has come back
        self._answered = asyncio.Event()  # set with _probed
        self.reports = 0  # responses that carried a usable report (for tests and benchmarks)

    def estimated_cost(self, cost_key: str) -> float:
        known = self._costs.get(cost_key)
        if known is not None:
            return known
        return max(self._costs.values(), default=1.0)

    async def acquire(self, cost_key: str) -> float:
        while not self._probed and self._in_flight >= self._probes:
            await self._answered.wait()
        self._in_flight += 1
        cost = await self._reserve(self.estimated_cost(cost_key))
        self._outstanding += cost
        return cost

    def settle(self, cost_key: str, reserved: float, response: httpx.Response | None) -> None:
        self._in_flight = max(0, self._in_flight - 1)
        self._outstanding = max(0.0, self._outstanding - reserved)
        if not self._probed:
            self._probed = True
            self._answered.set()
        report = self._parse(response.headers) if response is not None else None
        if report is None:
            return
        self.reports += 1
        if report.call_cost is not None:
            self._costs[cost_key] = report.call_cost
        now = self._clock()
        usable = report.limit * (1 - self._headroom)
        level = usable - report.used - self._outstanding
        if self.reports > 1 and usable == self._bucket.capacity:
            # Answers can arrive out of order: an older report would forget requests that
            # reached the server after it. Only refill (which the mirror models) may raise
            # the level, so a report may lower the estimate but never raise it.
            level = min(level, self._bucket.level(now))
        self._bucket.reset(usable, report.limit / report.window_seconds, level, now)


class SharedLimits:
    """One pacing policy per API and credential, for many clients in one process.

    An API limits per key or agreement (Stripe per account, e-conomic per agreement), so when
    several of a firm's clients sync at once over the same credential, their requests must
    draw from one budget. `share` hands back the policy already kept for that API, host and
    credential, or keeps the one given. The credential itself is never kept, only a digest.
    Use on one event loop (the connectors' own): the policies wait with asyncio.
    """

    def __init__(self) -> None:
        self._policies: dict[tuple[str, str, str], RateLimitPolicy] = {}

    def share(
        self, system: str, host: str, credential: str, policy: RateLimitPolicy
    ) -> RateLimitPolicy:
        import hashlib

        digest = hashlib.sha256(credential.encode()).hexdigest()
        return self._policies.setdefault((system, host, digest), policy)

    def __len__(self) -> int:
        return len(self._policies)
