"""Bearer tokens from a token endpoint, as an `httpx.Auth` the HttpClient sends every request
through (Clearhaus: OAuth 2.0 client credentials; Vipps MobilePay: its access-token call).

- A token is fetched before the first request and reused until shortly before it expires
  (`expires_in`), then fetched again.
- A 401 on a request with a token we had is answered once by fetching a new token and sending
  the request again (the token was revoked or expired early); a second 401 is the answer.
- The token call's own failure is handed back as the answer to the request, so the client's
  error mapping and retries apply to it (a 429 from the token endpoint is waited out like any
  other); `is_token_answer` tells the mapper it was the token call.
- Concurrent requests share one token fetch (a lock per event loop).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncGenerator, Callable, Generator, Mapping
from dataclasses import dataclass

import httpx

from econdesk.connectors import jsonio

EXPIRY_MARGIN = 60.0  # seconds before the stated expiry a token is no longer used
TOKEN_FLAG = "econdesk-token-call"  # set in a token request's extensions


@dataclass(frozen=True, slots=True)
class Token:
    value: str
    expires_at: float  # on the auth's clock


class TokenAuth(httpx.Auth):
    """Bearer auth whose tokens come from `token_request()` (see the module docstring)."""

    def __init__(
        self,
        token_request: Callable[[], httpx.Request],
        *,
        clock: Callable[[], float] = time.monotonic,
        default_lifetime: float = 3600.0,
        on_token: Callable[[str], None] | None = None,
    ) -> None:
        self._token_request = token_request
        self._clock = clock
        self._default_lifetime = default_lifetime
        self._token: Token | None = None
        self.on_token = on_token  # e.g. HttpClient.add_secret: a token never reaches a log
        self._lock = asyncio.Lock()  # one token fetch at a time
        self.fetched = 0  # tokens fetched so far (tests, the sync log)

    @property
    def token(self) -> str | None:
        return self._token.value if self._token is not None else None

    def forget(self) -> None:
        self._token = None

    def _valid(self) -> Token | None:
        token = self._token
        return token if token is not None and self._clock() < token.expires_at else None

    def _read(self, response: httpx.Response) -> Token | None:
        if response.status_code != 200:
            return None
        try:
            body = jsonio.loads(response.content)
        except ValueError:
            return None
        if not isinstance(body, Mapping) or not isinstance(body.get("access_token"), str):
            return None
        lifetime = body.get("expires_in")  # seconds; Vipps MobilePay sends them as a string
        text = str(lifetime) if isinstance(lifetime, (int, str)) else ""
        seconds = float(text) if text.isdigit() else self._default_lifetime
        if self.on_token is not None:
            self.on_token(body["access_token"])
        return Token(body["access_token"], self._clock() + max(0.0, seconds - EXPIRY_MARGIN))

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        renewed = False
        async with self._lock:
            token = self._valid()
            if token is None:
                answer = yield self._flagged(self._token_request())
                await answer.aread()
                token = self._read(answer)
                if token is None:
                    return  # the token call's failure is the answer
                self._token, renewed = token, True
                self.fetched += 1
        request.headers["Authorization"] = f"Bearer {token.value}"
        response = yield request
        if response.status_code != 401 or renewed:
            return
        async with self._lock:
            if self._token is token:  # nobody renewed it meanwhile
                answer = yield self._flagged(self._token_request())
                await answer.aread()
                fresh = self._read(answer)
                if fresh is None:
                    return
                self._token = fresh
                self.fetched += 1
            current = self._token
        assert current is not None
        request.headers["Authorization"] = f"Bearer {current.value}"
        yield request

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response]:
        raise RuntimeError("TokenAuth is for the async client only")

    @staticmethod
    def _flagged(request: httpx.Request) -> httpx.Request:
        request.extensions = {**request.extensions, TOKEN_FLAG: True}
        return request


def is_token_answer(response: httpx.Response) -> bool:
    """The answer came from the token call, not from the request it was made for."""
    return bool(response.request.extensions.get(TOKEN_FLAG))
