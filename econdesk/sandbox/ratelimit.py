"""A server-side token bucket for sandboxes: charges each request, answers 429 when empty.

Each sandbox says what a request costs (`cost`) and which headers report the bucket
(`report`), so the same limiter plays e-conomic's cost bucket with X-RateLimiting and a plain
requests-per-second limit that only says Retry-After.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from econdesk.connectors.ratelimit import TokenBucket


@dataclass(frozen=True, slots=True)
class BucketState:
    used: float  # tokens spent and not yet refilled, after this request
    limit: float
    window_seconds: float
    cost: float


@dataclass(frozen=True, slots=True)
class LimitDecision:
    allowed: bool
    headers: dict[str, str]
    retry_after: float | None = None


class BucketLimiter:
    """`limit` tokens per `window_seconds`, refilled continuously; thread-safe.

    `cost(method, target)` prices a request (`target` is the path with its query string);
    `report(state)` gives the headers sent on every answer, allowed or not. A refused request
    costs nothing.
    """

    def __init__(
        self,
        limit: float,
        window_seconds: float,
        *,
        cost: Callable[[str, str], float] = lambda method, path: 1.0,
        report: Callable[[BucketState], dict[str, str]] = lambda state: {},
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window_seconds = window_seconds
        self._cost = cost
        self._report = report
        self._clock = clock
        self._bucket = TokenBucket(limit, limit / window_seconds, clock())
        self._lock = threading.Lock()
        self.rejected = 0
        self.max_used = 0.0  # the highest fill level seen: proof a client stayed within limits

    def check(self, method: str, path: str) -> LimitDecision:
        cost = self._cost(method, path)
        with self._lock:
            now = self._clock()
            allowed = self._bucket.take(cost, now)
            used = self._bucket.used(now)
            self.max_used = max(self.max_used, used)
            retry_after: float | None = None
            if not allowed:
                self.rejected += 1
                retry_after = self._bucket.wait_for(cost, now)
        headers = self._report(BucketState(used, self.limit, self.window_seconds, cost))
        return LimitDecision(allowed, headers, retry_after)

    def reset(self) -> None:
        with self._lock:
            now = self._clock()
            self._bucket.reset(self.limit, self.limit / self.window_seconds, self.limit, now)
            self.rejected = 0
            self.max_used = 0.0
