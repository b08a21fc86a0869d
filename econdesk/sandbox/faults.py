"""Fault injection shared by every sandbox: slow answers, 5xx, 429, dropped connections.

A write can also be *committed late*: the connection is closed at once, without an answer,
and the request is carried out `commit_delay` seconds later, the way a server that stored
the request but had not finished committing it when the answer was lost behaves.

Two ways to ask for trouble:

- at random, by rate (`FaultConfig`), for demos and soak runs; and
- scripted (`FaultPlan.script`), for tests: "the next 2 POSTs to /vouchers get a 503".

Random decisions are deterministic under a seed *per distinct request*: whether the k-th
arrival of `GET /accounts?skippages=3` fails depends only on (seed, method, target, body, k).
So a sequential client sees the same faults every run, and concurrency does not reshuffle
which request fails; a retry is the (k+1)-th arrival and gets a fresh draw.
"""

from __future__ import annotations

import enum
import hashlib
import random
import re
import threading
from collections import Counter
from dataclasses import dataclass, field


class FaultKind(enum.StrEnum):
    ERROR = "error"  # answer 5xx without doing anything
    THROTTLE = "throttle"  # answer 429 with Retry-After without doing anything
    DROP = "drop"  # close the connection without answering, without doing anything
    ACCEPT_THEN_DROP = "accept_then_drop"  # carry the request out, then close without answering
    COMMIT_LATE = "commit_late"  # close without answering; carry it out `commit_delay` later


@dataclass(frozen=True, slots=True)
class FaultConfig:
    """Rates are probabilities per request (0..1); latency is added to every request."""

    latency_ms: float = 0.0
    latency_jitter_ms: float = 0.0  # uniform extra 0..jitter, drawn per request
    error_rate: float = 0.0
    error_status: int = 503
    throttle_rate: float = 0.0
    retry_after_seconds: float = 1.0
    drop_rate: float = 0.0
    accept_then_drop_rate: float = 0.0  # only ever applied to writes (non-GET)
    commit_late_rate: float = 0.0  # only ever applied to writes (non-GET)
    commit_delay_seconds: float = 1.0
    seed: int = 0

    @classmethod
    def mixed(cls, rate: float, *, latency_ms: float = 0.0, seed: int = 0) -> FaultConfig:
        """`rate` of requests fail: half 5xx, a quarter 429, a quarter dropped (writes: half of
        those before the work, a quarter after it, a quarter committed a second later)."""
        return cls(
            latency_ms=latency_ms,
            error_rate=rate / 2,
            throttle_rate=rate / 4,
            drop_rate=rate / 8,
            accept_then_drop_rate=rate / 16,
            commit_late_rate=rate / 16,
            seed=seed,
        )

    def __post_init__(self) -> None:
        rates = (
            self.error_rate,
            self.throttle_rate,
            self.drop_rate,
            self.accept_then_drop_rate,
            self.commit_late_rate,
        )
        if min(rates) < 0 or sum(rates) > 1:
            raise ValueError("fault rates must be non-negative and add up to at most 1")
        if self.latency_ms < 0 or self.latency_jitter_ms < 0 or self.commit_delay_seconds < 0:
            raise ValueError("latency and commit delay must not be negative")


@dataclass(slots=True)
class _Scripted:
    kind: FaultKind
    remaining: int
    method: str | None
    path: re.Pattern[str] | None
    skip: int  # let this many matching requests through first
    status: int
    retry_after: float
    delay: float


@dataclass(frozen=True, slots=True)
class FaultDecision:
    latency_seconds: float = 0.0
    kind: FaultKind | None = None
    status: int = 503
    retry_after: float = 1.0
    commit_delay: float = 0.0  # for COMMIT_LATE: seconds until the request is carried out


@dataclass(slots=True)
class FaultPlan:
    """What goes wrong with each request; thread-safe; replace `config` at any time."""

    config: FaultConfig = field(default_factory=FaultConfig)
    _scripted: list[_Scripted] = field(default_factory=list)
    _seen: Counter[str] = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    injected: Counter[FaultKind] = field(default_factory=Counter)

    def script(
        self,
        kind: FaultKind,
        *,
        times: int = 1,
        method: str | None = None,
        path: str | None = None,
        skip: int = 0,
        status: int = 503,
        retry_after: float = 1.0,
        delay: float = 1.0,
    ) -> None:
        """Make the next `times` requests matching method/path (a regex searched in the path)
        fail with `kind`, after letting `skip` matching requests through. `delay` is how
        late a COMMIT_LATE request is carried out."""
        with self._lock:
            self._scripted.append(
                _Scripted(
                    kind,
                    times,
                    method.upper() if method else None,
                    re.compile(path) if path else None,
                    skip,
                    status,
                    retry_after,
                    delay,
                )
            )

    def clear_scripts(self) -> None:
        with self._lock:
            self._scripted.clear()

    def decide(self, method: str, target: str, body: bytes, *, is_write: bool) -> FaultDecision:
        method = method.upper()
        path = target.split("?", 1)[0]
        with self._lock:
            config = self.config
            key = f"{method} {target} {hashlib.blake2b(body, digest_size=8).hexdigest()}"
            self._seen[key] += 1
            rng = _rng(config.seed, key, self._seen[key])
            latency = (config.latency_ms + rng.uniform(0, config.latency_jitter_ms)) / 1000.0
            scripted = self._take_scripted(method, path)
            if scripted is not None:
                self.injected[scripted.kind] += 1
                return FaultDecision(
                    latency, scripted.kind, scripted.status, scripted.retry_after, scripted.delay
                )
            kind = self._draw(config, rng.random(), is_write=is_write)
            if kind is not None:
                self.injected[kind] += 1
            return FaultDecision(
                latency,
                kind,
                config.error_status,
                config.retry_after_seconds,
                config.commit_delay_seconds,
            )

    def _take_scripted(self, method: str, path: str) -> _Scripted | None:
        for item in self._scripted:
            if item.method and item.method != method:
                continue
            if item.path and not item.path.search(path):
                continue
            if item.skip > 0:
                item.skip -= 1
                return None
            item.remaining -= 1
            if item.remaining <= 0:
                self._scripted.remove(item)
            return item
        return None

    @staticmethod
    def _draw(config: FaultConfig, x: float, *, is_write: bool) -> FaultKind | None:
        for rate, kind in (
            (config.error_rate, FaultKind.ERROR),
            (config.throttle_rate, FaultKind.THROTTLE),
            (config.drop_rate, FaultKind.DROP),
            (config.accept_then_drop_rate if is_write else 0.0, FaultKind.ACCEPT_THEN_DROP),
            (config.commit_late_rate if is_write else 0.0, FaultKind.COMMIT_LATE),
        ):
            if x < rate:
                return kind
            x -= rate
        return None


def _rng(seed: int, key: str, occurrence: int) -> random.Random:
    digest = hashlib.blake2b(f"{seed}|{key}|{occurrence}".encode(), digest_size=8).digest()
    return random.Random(int.from_bytes(digest, "big"))
