"""The HTTP side the Stripe, Frisbii and Chargebee clients share: one `HttpClient` with the
platform's authentication, pacing and error mapping, and the mapping of an error answer (once
the platform's own body shape has been read) to the right `ConnectorError`.
"""

from __future__ import annotations

import base64
from abc import ABC, abstractmethod
from collections.abc import Mapping
from datetime import tzinfo
from typing import Any, Self

import httpx

from econdesk.connectors.errors import (
    AccessDenied,
    AuthError,
    ConnectorError,
    NotFound,
    RateLimited,
    ServerError,
    UnexpectedStatus,
    ValidationError,
    verbatim,
)
from econdesk.connectors.http import (
    HttpClient,
    RequestContext,
    RetryPolicy,
    body_excerpt,
    parse_retry_after,
)
from econdesk.connectors.platform import MERCHANT_TZ
from econdesk.connectors.ratelimit import RateLimitPolicy
from econdesk.errors import Said
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

API_KEY = say(QT_TRANSLATE_NOOP("CLI", "the API key"))  # the credential most platforms use


def error_for_status(
    response: httpx.Response,
    ctx: RequestContext,
    *,
    said: str | Said,
    codes: Mapping[str, object] | None = None,
    log_id: str | None = None,
    key_words: Said = API_KEY,
) -> ConnectorError:
    """The ConnectorError for a platform's error answer, once its body has been read.

    `said` is the platform's own message (or "HTTP <status>" when it gave none), shown as it
    is; `key_words` names the credential in the user's language; `codes` its
    machine codes (`code`, `param`, `api_error_code`), kept in the detail for support.
    """
    status = response.status_code
    detail = f"{ctx.describe()} -> HTTP {status}"
    detail += "".join(f" {k}={v}" for k, v in (codes or {}).items() if v)
    if said == f"HTTP {status}":
        detail += f": {body_excerpt(response)}"
    said = verbatim(said) if isinstance(said, str) else said
    kw: dict[str, Any] = {"system": ctx.system, "detail": detail, "log_id": log_id}
    if status == 401:
        return AuthError(
            say(QT_TRANSLATE_NOOP("CLI", "{0} was not accepted ({1})"), key_words, said),
            status=status,
            **kw,
        )
    if status == 403:
        return AccessDenied(
            say(QT_TRANSLATE_NOOP("CLI", "{0} may not do this ({1})"), key_words, said),
            status=status,
            **kw,
        )
    if status == 404:
        return NotFound(said, status=status, **kw)
    if status == 429:
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        return RateLimited(
            say(QT_TRANSLATE_NOOP("CLI", "too many requests ({0})"), said),
            retry_after=retry_after,
            **kw,
        )
    if status in (400, 402, 409, 422):
        return ValidationError(said, status=status, **kw)
    if status >= 500:
        return ServerError(
            say(QT_TRANSLATE_NOOP("CLI", "{0} failed on its side ({1})"), ctx.system, said),
            status=status,
            **kw,
        )
    return UnexpectedStatus(said, status=status, **kw)


def json_body(response: httpx.Response) -> dict[str, Any]:
    """An error answer's JSON object, or {} when it is not one."""
    try:
        parsed = response.json()
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


class HttpOwner:
    """A client holding one `HttpClient`: `aclose()`, or leaving `async with`, closes it."""

    http: HttpClient

    async def aclose(self) -> None:
        await self.http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


class PlatformClient(HttpOwner, ABC):
    """What the Stripe, Frisbii and Chargebee clients share: one HttpClient with the
    platform's authentication, error mapping and pacing, the merchant's time zone and the
    page size. A subclass sets the class attributes and `auth_header`."""

    provider: str
    streams: tuple[str, ...]
    system: str
    default_base_url: str | None = None
    page_sizes: tuple[int, int] = (1, 100)  # the smallest and largest page the API allows
    idempotency_header: str = "Idempotency-Key"  # where a write's idempotency key goes

    def __init__(
        self,
        api_key: str,
        *,
        base_url: str | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        page_size: int = 100,
        tz: tzinfo = MERCHANT_TZ,
        max_in_flight: int = 4,
        rate_limit: RateLimitPolicy | None = None,
        retry: RetryPolicy | None = None,
        timeout: float = 30.0,
    ) -> None:
        low, high = self.page_sizes
        if not low <= page_size <= high:
            raise ValueError(f"{self.system} pages hold {low} to {high} objects")
        root = base_url or self.default_base_url
        if not root:
            raise ValueError(f"{self.system} needs the base URL of its API")
        self.page_size = page_size
        self.tz = tz
        self.http = HttpClient(
            self.api_root(root),
            system=self.system,
            headers={"Authorization": self.auth_header(api_key)},
            secrets=[api_key],
            transport=transport,
            timeout=timeout,
            retry=retry,
            max_in_flight=max_in_flight,
            rate_limit=rate_limit or self.default_rate(max_in_flight),
            error_mapper=self.map_error,
            idempotency_header=self.idempotency_header,
        )
        self.reset_caches()

    def reset_caches(self) -> None:  # an optional hook, not an abstract one
        """Start the look-up caches (invoices, customers, ...) empty; subclasses extend it."""

    @abstractmethod
    def auth_header(self, api_key: str) -> str:
        """Each platform says its own."""

    def api_root(self, base_url: str) -> str:
        return base_url.rstrip("/")

    @abstractmethod
    def default_rate(self, max_in_flight: int) -> RateLimitPolicy:
        """Each platform says its own."""

    @abstractmethod
    def map_error(self, response: httpx.Response, ctx: RequestContext) -> ConnectorError:
        """Each platform says its own."""


def basic_auth(user: str) -> str:
    """HTTP Basic with `user` as the user name and an empty password (how Stripe, Frisbii and
    Chargebee take their API keys)."""
    return "Basic " + base64.b64encode(f"{user}:".encode()).decode("ascii")
