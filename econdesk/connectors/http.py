"""The HTTP client every connector is built on: retries, pacing, concurrency, clear errors.

Why async: a fetch keeps several page requests in flight at once within the outside system's
rate limit, and asyncio does that with one thread and one connection pool. Connectors are
therefore `async`; synchronous callers (services, the CLI, Qt worker threads) run them on the
process's one connector loop with `eventloop.run(coro)`.

How a connector uses it::

    client = HttpClient(
        "https://api.example.com", system="Example",
        headers={"Authorization": f"Bearer {key}"},      # header values are treated as secrets
        transport=None,                                  # default: httpx's own (TLS verified,
                                                         # proxies and SSL_CERT_FILE from the
                                                         # environment); tests may inject one
        max_in_flight=4, rate_limit=RequestRate.per_minute(100, burst=5),
        error_mapper=my_error_mapper,                    # body -> ConnectorError subclass
    )
    async with client:
        page = await client.get_json("/v1/payouts", params={"limit": 100})
        made = await client.send_json("POST", "/v1/things", body, idempotency_key="k-1")

What it guarantees:

- At most `max_in_flight` requests on the wire; `asyncio.gather` as many calls as you like.
- Retries (`RetryPolicy`): exponential backoff with jitter on 429, 5xx, timeouts and dropped
  connections; a 429's Retry-After is honoured and pauses *every* request of the client.
- A write (anything but GET/HEAD/OPTIONS) is retried after a 5xx or a lost connection only
  when it carries an idempotency key, because the server may have carried it out. A write
  that never reached the server (connection refused) or was refused with 429 is always
  retried: it cannot have taken effect.
- Failures become `ConnectorError` subclasses (`errors.py`) through the connector's
  `error_mapper`; no message or log line contains a header value or registered secret.
- JSON bodies are read with Decimal for fractional numbers and written with Decimal as
  numbers (`jsonio`).
"""

from __future__ import annotations

import asyncio
import email.utils
import functools
import logging
import math
import os
import random
import ssl
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx

from econdesk.connectors import jsonio
from econdesk.connectors.errors import (
    AccessDenied,
    AuthError,
    Conflict,
    ConnectionLost,
    ConnectorError,
    MalformedResponse,
    NotFound,
    RateLimited,
    RequestTimeout,
    ServerError,
    UnexpectedStatus,
    ValidationError,
    redact,
)
from econdesk.connectors.ratelimit import RateLimitPolicy, Unlimited
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

log = logging.getLogger("econdesk.connectors.http")

T = TypeVar("T")

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how patiently to try again."""

    attempts: int = 5  # tries in total, the first included
    base_delay: float = 0.25  # seconds before the first retry (before jitter)
    max_delay: float = 20.0  # cap on one backoff
    max_retry_after: float = 120.0  # a longer Retry-After is not waited out: RateLimited
    retry_statuses: frozenset[int] = frozenset({429, 500, 502, 503, 504})

    def backoff(self, retry: int, rng: random.Random) -> float:
        """Delay before retry number `retry` (0-based): 'equal jitter' exponential backoff.

        Half the exponential delay is fixed, half random, so many clients that failed
        together do not come back together, yet each waits at least a little longer each time.
        """
        ceiling = min(self.max_delay, self.base_delay * 2.0**retry)
        return ceiling / 2 + rng.uniform(0, ceiling / 2)


NO_RETRY = RetryPolicy(attempts=1)


@dataclass(frozen=True, slots=True)
class RequestContext:
    """What an error mapper may know about the request: never its headers."""

    system: str
    method: str
    path: str  # path and query, secrets redacted

    def describe(self) -> str:
        return f"{self.method} {self.path}"


ErrorMapper = Callable[[httpx.Response, RequestContext], ConnectorError]


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP-date); None if absent/bad."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if math.isfinite(seconds) else None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def body_excerpt(response: httpx.Response, limit: int = 300) -> str:
    text = response.content[:limit].decode("utf-8", "replace")
    return text + ("…" if len(response.content) > limit else "")


def default_error_mapper(response: httpx.Response, ctx: RequestContext) -> ConnectorError:
    """A status-based mapping for systems whose error bodies a connector does not parse."""
    status = response.status_code
    detail = f"{ctx.describe()} -> HTTP {status}: {body_excerpt(response)}"
    system = ctx.system
    if status == 401:
        return AuthError(
            say(QT_TRANSLATE_NOOP("CLI", "the credentials were not accepted")),
            status=status,
            system=system,
            detail=detail,
        )
    if status == 403:
        return AccessDenied(
            say(QT_TRANSLATE_NOOP("CLI", "the credentials do not allow this")),
            status=status,
            system=system,
            detail=detail,
        )
    if status == 404:
        return NotFound(
            say(QT_TRANSLATE_NOOP("CLI", "not found: {0}"), ctx.path),
            status=status,
            system=system,
            detail=detail,
        )
    if status == 409:
        return Conflict(
            say(QT_TRANSLATE_NOOP("CLI", "the object was changed by someone else")),
            status=status,
            system=system,
            detail=detail,
        )
    if status in (400, 422):
        return ValidationError(
            say(QT_TRANSLATE_NOOP("CLI", "the request was refused")),
            status=status,
            system=system,
            detail=detail,
        )
    if status == 429:
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        return RateLimited(
            say(QT_TRANSLATE_NOOP("CLI", "too many requests; try again later")),
            retry_after=retry_after,
            system=system,
            detail=detail,
        )
    if status >= 500:
        return ServerError(
            say(QT_TRANSLATE_NOOP("CLI", "the service failed on its side")),
            status=status,
            system=system,
            detail=detail,
        )
    return UnexpectedStatus(
        say(QT_TRANSLATE_NOOP("CLI", "unexpected answer HTTP {0}"), status),
        status=status,
        system=system,
        detail=detail,
    )


class HttpClient:
    """An httpx.AsyncClient with retries, pacing, bounded concurrency and mapped errors."""

    def __init__(
        self,
        base_url: str,
        *,
        system: str,
        headers: Mapping[str, str] | None = None,
        secrets: Iterable[str] = (),
        auth: httpx.Auth | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: httpx.Timeout | float = 30.0,
        retry: RetryPolicy | None = None,
        max_in_flight: int = 4,
        rate_limit: RateLimitPolicy | None = None,
        error_mapper: ErrorMapper = default_error_mapper,
        idempotency_header: str = "Idempotency-Key",
        rng: random.Random | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_in_flight < 1:
            raise ValueError("max_in_flight must be at least 1")
        self.system = system
        self.base_url = base_url.rstrip("/")
        self.retry = retry or RetryPolicy()
        self.max_in_flight = max_in_flight
        self.rate_limit: RateLimitPolicy = rate_limit or Unlimited()
        self.error_mapper = error_mapper
        self.idempotency_header = idempotency_header
        self._secrets = {*(headers or {}).values(), *secrets}
        self._rng = rng or random.Random()
        self._sleep = sleep
        self._clock = clock
        self._resume_at = 0.0  # a 429's Retry-After pauses every request until then
        self._slots = asyncio.Semaphore(max_in_flight)
        self._client = httpx.AsyncClient(
            base_url=self.base_url,
            headers=dict(headers or {}),
            auth=auth,
            transport=transport,
            timeout=timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout),
            verify=verifying_context(),
            limits=httpx.Limits(
                max_connections=max_in_flight, max_keepalive_connections=max_in_flight
            ),
        )
        self.stats = ClientStats()

    # -- lifecycle ------------------------------------------------------------------------
    async def __aenter__(self) -> HttpClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    # -- helpers for connectors -------------------------------------------------------------
    def redact(self, text: str) -> str:
        return redact(text, self._secrets)

    def add_secret(self, *secrets: str) -> None:
        self._secrets.update(s for s in secrets if s)

    def url(self, path: str) -> str:
        """An absolute URL for a path, or the URL itself when it already is absolute."""
        return path if "://" in path else f"{self.base_url}/{path.lstrip('/')}"

    def parse_json(self, response: httpx.Response, what: str) -> Any:
        """The body as JSON (Decimal for fractions) or MalformedResponse naming `what`."""
        try:
            return jsonio.loads(response.content)
        except ValueError as exc:
            raise MalformedResponse(
                say(QT_TRANSLATE_NOOP("CLI", "the answer for {0} is not valid JSON"), what),
                obj=what,
                system=self.system,
                detail=f"{exc}; body starts {body_excerpt(response, 120)!r}",
            ) from exc

    async def get_json(
        self, path: str, params: Mapping[str, str | int] | None = None, *, cost_key: str = ""
    ) -> Any:
        response = await self.request("GET", path, params=params, cost_key=cost_key)
        return self.parse_json(response, f"GET {self._path_of(response)}")

    async def get_decoded(
        self,
        path: str,
        params: Mapping[str, str | int] | None,
        decode: Callable[[Any], T],
        *,
        cost_key: str = "",
        fast: Callable[[bytes], T | None] | None = None,
    ) -> T:
        """GET, then read the JSON and `decode` it in one go.

        `fast`, when given, reads the body's bytes straight into the result (a typed decoder);
        it answers None for anything off the expected shape, and the body is then read as JSON
        by `decode`, whose errors say what is wrong and where.
        """
        response = await self.request("GET", path, params=params, cost_key=cost_key)
        # Let the request that takes over this one's slot go out before decoding, so its
        # round trip overlaps the decoding instead of waiting for it.
        await asyncio.sleep(0)
        if fast is not None and (quick := fast(response.content)) is not None:
            return quick
        return decode(self.parse_json(response, f"GET {self._path_of(response)}"))

    async def send_json(
        self,
        method: str,
        path: str,
        body: Any,
        *,
        idempotency_key: str | None = None,
        cost_key: str = "",
    ) -> Any:
        response = await self.request(
            method, path, json_body=body, idempotency_key=idempotency_key, cost_key=cost_key
        )
        if not response.content:
            return None
        return self.parse_json(response, f"{method} {self._path_of(response)}")

    # -- the request loop ---------------------------------------------------------------
    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str | int] | None = None,
        json_body: Any = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        idempotency_key: str | None = None,
        cost_key: str = "",
    ) -> httpx.Response:
        """Send with retries; return a 2xx/3xx response or raise a ConnectorError."""
        method = method.upper()
        send_headers = dict(headers or {})
        if json_body is not None:
            content = jsonio.dumpb(json_body)
            send_headers.setdefault("Content-Type", "application/json")
        if idempotency_key:
            send_headers[self.idempotency_header] = idempotency_key

        @functools.cache
        def prepared() -> tuple[httpx.Request, RequestContext]:
            # Built when the request first gets a slot, not now: a sync gathers a hundred page
            # requests at once, and building them all up front (URL, query, headers) held the
            # event loop for tens of milliseconds while answers already in waited to be read.
            # Retries send the same request again.
            request = self._client.build_request(
                method, path, params=params, content=content, headers=send_headers
            )
            return request, RequestContext(
                self.system, method, self.redact(_path_and_query(request.url))
            )

        replay_safe = method in SAFE_METHODS or bool(idempotency_key)
        cost_key = cost_key or f"{method} {urlsplit(self.url(path)).path}"
        attempt = 0
        while True:
            attempt += 1
            failure: ConnectorError
            retry_after: float | None = None
            try:
                response = await self._send_once(prepared, cost_key)
            except _NeverSent as exc:  # nothing reached the server: always safe to repeat
                failure = exc.error
                retryable = True
            except ConnectionLost as exc:
                failure = exc
                retryable = replay_safe
            else:
                if response.status_code < 400:
                    return response
                failure = self._scrubbed(self.error_mapper(response, prepared()[1]))
                status = response.status_code
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
                if status == 429:
                    self.stats.throttled += 1
                    retryable = True  # refused before processing
                    if retry_after is not None:
                        if retry_after > self.retry.max_retry_after:
                            raise failure
                        self._resume_at = max(self._resume_at, self._clock() + retry_after)
                else:
                    retryable = replay_safe and status in self.retry.retry_statuses
            if not retryable or attempt >= self.retry.attempts:
                raise failure
            delay = self.retry.backoff(attempt - 1, self._rng)
            if retry_after is not None:
                delay = max(delay, retry_after)
            self.stats.retries += 1
            log.info(
                "%s: %s failed (%s); retry %d in %.2fs",
                self.system,
                prepared()[1].describe(),
                failure.message,
                attempt,
                delay,
            )
            await self._sleep(delay)

    async def _send_once(
        self, prepared: Callable[[], tuple[httpx.Request, RequestContext]], cost_key: str
    ) -> httpx.Response:
        wait = self._resume_at - self._clock()
        if wait > 0:
            await self._sleep(wait)
        reserved = await self.rate_limit.acquire(cost_key)
        response: httpx.Response | None = None
        try:
            async with self._slots:
                request, ctx = prepared()
                started = self._clock()
                try:
                    response = await self._client.send(request)
                except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                    raise _NeverSent(
                        ConnectionLost(
                            say(QT_TRANSLATE_NOOP("CLI", "could not connect to {0}"), self.system),
                            system=self.system,
                            detail=f"{ctx.describe()}: {self.redact(str(exc))}",
                        )
                    ) from exc
                except httpx.TimeoutException as exc:
                    raise RequestTimeout(
                        say(QT_TRANSLATE_NOOP("CLI", "{0} did not answer in time"), self.system),
                        system=self.system,
                        detail=f"{ctx.describe()}: {type(exc).__name__}",
                    ) from exc
                except (httpx.TransportError, OSError) as exc:
                    raise ConnectionLost(
                        say(
                            QT_TRANSLATE_NOOP(
                                "CLI", "the connection to {0} was lost before it answered"
                            ),
                            self.system,
                        ),
                        system=self.system,
                        detail=f"{ctx.describe()}: {self.redact(str(exc)) or type(exc).__name__}",
                    ) from exc
                self.stats.requests += 1
                if log.isEnabledFor(logging.DEBUG):
                    log.debug(
                        "%s %s -> %d in %.0f ms",
                        self.system,
                        ctx.describe(),
                        response.status_code,
                        (self._clock() - started) * 1000,
                    )
                return response
        finally:
            self.rate_limit.settle(cost_key, reserved, response)

    def _scrubbed(self, error: ConnectorError) -> ConnectorError:
        # A server may echo what it was sent; no secret may reach a message or a log.
        error.message = self.redact(error.message)
        error.detail = self.redact(error.detail)
        error.args = (error.message,)
        return error

    def _path_of(self, response: httpx.Response) -> str:
        return self.redact(_path_and_query(response.request.url))


@dataclass(slots=True)
class ClientStats:
    """Counters for benchmarks, tests and the sync log."""

    requests: int = 0  # answers received (any status)
    retries: int = 0
    throttled: int = 0  # 429 answers


class _NeverSent(Exception):
    def __init__(self, error: ConnectorError) -> None:
        super().__init__(str(error))
        self.error = error


def verifying_context() -> ssl.SSLContext:
    """httpx's verifying TLS context (certifi's CAs, or those SSL_CERT_FILE or SSL_CERT_DIR
    names), loaded once and shared by every client rather than once per client (two per
    e-conomic client, one for each of its hosts)."""
    return _context_for(os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))


@functools.cache
def _context_for(cafile: str | None, capath: str | None) -> ssl.SSLContext:
    return httpx.create_ssl_context()  # reads the same two variables


def _path_and_query(url: httpx.URL) -> str:
    query = url.query.decode("ascii", "replace")
    return f"{url.path}?{query}" if query else url.path
