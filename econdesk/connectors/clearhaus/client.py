"""The Clearhaus Merchant API over HTTP: settlements with their transactions and disputes.

- Auth: OAuth 2.0 client credentials. `POST {root}/oauth/token` (the root's `oauth2-token`
  link), form-encoded `grant_type=client_credentials&audience={root}`, HTTP Basic with the
  client id and secret; the answer's `access_token` is sent as a Bearer token until its
  `expires_in` runs out (24 h) or a 401 says it no longer holds (connectors/oauth.py).
- HAL: only the root's address is known; everything else is reached through link relations
  (`ch:settlements`, `ch:disputes`, a settlement's `ch:transactions`), expanded as RFC 6570
  templates, and lists are walked by their `next` link until it is absent.
- Settlements are asked for with the Settlement Query Language: `settled:true
  payout.date:<first>..<last>`; the client keeps only those paid out in the window.
- Errors: `{"status": {"code", "message"}}`, or for the token call `{"error",
  "error_description"}`; a 429 is waited out. No limits are published.

One stream, `settlements`: a page per page of settlements, each with its transactions and
disputes, as payouts and the acquirer's own items (normalise.py); the resume token is the
next page's link.
"""

from __future__ import annotations

import asyncio
import base64
import time
from collections.abc import AsyncGenerator, AsyncIterator, Callable
from datetime import timedelta, tzinfo
from typing import Any, TypeVar
from urllib.parse import urlencode

import httpx
import uritemplate

from econdesk.connectors.clearhaus.models import (
    SYSTEM,
    Dispute,
    Settlement,
    Transaction,
    embedded,
    link,
)
from econdesk.connectors.clearhaus.normalise import PROVIDER, to_payouts
from econdesk.connectors.errors import AuthError, ConnectorError
from econdesk.connectors.http import HttpClient, RequestContext, RetryPolicy
from econdesk.connectors.oauth import TokenAuth, is_token_answer
from econdesk.connectors.payload import Fields, parse_page
from econdesk.connectors.platform import MERCHANT_TZ, SourcePage, Window
from econdesk.connectors.platform_http import HttpOwner, error_for_status, json_body
from econdesk.connectors.ratelimit import RateLimitPolicy, RequestRate
from econdesk.domain.model import Payout, PlatformItem
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

T = TypeVar("T")

DEFAULT_BASE_URL = "https://merchant.clearhaus.com"
STREAM = "settlements"


def clearhaus_error(response: httpx.Response, ctx: RequestContext) -> ConnectorError:
    body = json_body(response)
    raw_status = body.get("status")
    status: dict[str, Any] = raw_status if isinstance(raw_status, dict) else {}
    if is_token_answer(response) and response.status_code in (400, 401, 403):
        said = str(body.get("error_description") or body.get("error") or response.status_code)
        return AuthError(
            say(
                QT_TRANSLATE_NOOP(
                    "CLI", "the Clearhaus client id and secret were not accepted ({0})"
                ),
                said,
            ),
            status=response.status_code,
            system=SYSTEM,
            detail=f"POST /oauth/token -> HTTP {response.status_code} error={body.get('error')}",
        )
    said = str(
        status.get("message")
        or body.get("error_description")
        or body.get("error")
        or f"HTTP {response.status_code}"
    )
    return error_for_status(
        response,
        ctx,
        said=said,
        codes={"code": status.get("code") or body.get("error")},
        key_words=say(QT_TRANSLATE_NOOP("CLI", "the Clearhaus access token")),
    )


class ClearhausClient(HttpOwner):
    """Reads one Clearhaus merchant's settlements (see the module docstring)."""

    provider = PROVIDER
    streams: tuple[str, ...] = (STREAM,)

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        *,
        base_url: str = DEFAULT_BASE_URL,
        transport: httpx.AsyncBaseTransport | None = None,
        page_size: int = 50,
        tz: tzinfo = MERCHANT_TZ,
        rate_limit: RateLimitPolicy | None = None,
        retry: RetryPolicy | None = None,
        clock: Callable[[], float] | None = None,
        max_in_flight: int = 4,
        own_sales: bool = False,
    ) -> None:
        self.root = base_url.rstrip("/")
        # No gateway in front of Clearhaus: its card payments are its own items (normalise.py).
        self.own_sales = own_sales
        self.page_size = page_size
        self.tz = tz
        basic = base64.b64encode(f"{client_id}:{client_secret}".encode()).decode("ascii")
        form = urlencode({"grant_type": "client_credentials", "audience": self.root})

        def token_request() -> httpx.Request:
            return httpx.Request(
                "POST",
                f"{self.root}/oauth/token",
                content=form.encode("ascii"),
                headers={
                    "Authorization": f"Basic {basic}",
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Accept": "application/json",
                },
            )

        self.auth = TokenAuth(token_request, clock=clock or time.monotonic)
        self.http = HttpClient(
            self.root,
            system=SYSTEM,
            headers={"Accept": "application/vnd.clearhaus-gateway.hal+json; version=0.10.0"},
            secrets=[client_secret, basic],
            auth=self.auth,
            transport=transport,
            retry=retry,
            max_in_flight=max_in_flight,
            rate_limit=rate_limit or RequestRate(20, burst=max_in_flight),  # none published
            error_mapper=clearhaus_error,
        )
        self.auth.on_token = self.http.add_secret
        self._root_links: Fields | None = None
        self._disputes: dict[str, list[Dispute]] | None = None

    # -- HAL --------------------------------------------------------------------------------
    async def _get(self, href: str, what: str) -> Fields:
        response = await self.http.request("GET", href)
        return Fields(SYSTEM, what, self.http.parse_json(response, f"GET {what}"))

    async def root_document(self) -> Fields:
        if self._root_links is None:
            self._root_links = await self._get(self.root + "/", "root")
        return self._root_links

    async def _rel(self, rel: str, **values: Any) -> str:
        root = await self.root_document()
        href = link(root, rel)
        if href is None:
            raise AuthError(
                say(
                    QT_TRANSLATE_NOOP(
                        "CLI",
                        "the Clearhaus API offers this client no {0} link (check its access)",
                    ),
                    rel,
                ),
                system=SYSTEM,
                detail=f"GET / has no _links.{rel}",
            )
        return uritemplate.expand(href, {k: v for k, v in values.items() if v is not None})

    async def _pages(
        self, href: str, rel: str, parse: Callable[[Fields], T], what: str
    ) -> AsyncIterator[tuple[list[T], str | None]]:
        """Each page of a HAL list and the link to the next (None on the last)."""
        while True:
            body = await self._get(href, f"{what} list")
            page = parse_page(SYSTEM, what, embedded(body, rel), parse)
            following = link(body, "next")
            yield page, following
            if following is None:
                return
            href = following

    # -- typed reads ------------------------------------------------------------------------
    def settlement_query(self, window: Window) -> str:
        last = window.end - timedelta(days=1)
        return f"settled:true payout.date:{window.start.isoformat()}..{last.isoformat()}"

    async def settlements(
        self, window: Window, resume: str | None = None
    ) -> AsyncIterator[tuple[list[Settlement], str | None]]:
        href = resume or await self._rel(
            "ch:settlements", query=self.settlement_query(window), per_page=self.page_size
        )
        async for page, following in self._pages(
            href, "ch:settlements", Settlement.parse, "settlement"
        ):
            paid = [s for s in page if s.payout.date and window.start <= s.payout.date < window.end]
            yield paid, following

    async def transactions_of(self, settlement: Settlement) -> list[Transaction]:
        if settlement.transactions_href is None:
            return []
        href = uritemplate.expand(settlement.transactions_href, {"per_page": self.page_size})
        found: list[Transaction] = []
        async for page, _ in self._pages(href, "ch:transactions", Transaction.parse, "transaction"):
            found.extend(page)
        return found

    async def disputes_by_settlement(self) -> dict[str, list[Dispute]]:
        """Every dispute a settlement has debited, by that settlement's id (read once)."""
        if self._disputes is None:
            grouped: dict[str, list[Dispute]] = {}
            href = await self._rel("ch:disputes", per_page=self.page_size)
            async for page, _ in self._pages(href, "ch:disputes", Dispute.parse, "dispute"):
                for dispute in page:
                    if dispute.settlement_href:
                        settlement_id = dispute.settlement_href.rstrip("/").rsplit("/", 1)[-1]
                        grouped.setdefault(settlement_id, []).append(dispute)
            self._disputes = grouped
        return self._disputes

    # -- the sync stream --------------------------------------------------------------------
    async def pages(
        self, stream: str, window: Window, resume: str | None = None
    ) -> AsyncGenerator[SourcePage, None]:
        if stream != STREAM:
            raise ValueError(f"Clearhaus has no stream {stream!r}; it has {self.streams}")
        async for settlements, following in self.settlements(window, resume):
            before = self.http.stats.requests
            disputes = await self.disputes_by_settlement() if settlements else {}
            payouts: list[Payout] = []
            items: list[PlatformItem] = []
            listed = await asyncio.gather(*(self.transactions_of(s) for s in settlements))
            for settlement, txs in zip(settlements, listed, strict=True):
                made, own = to_payouts(
                    settlement, txs, disputes.get(settlement.id, []), own=self.own_sales
                )
                payouts.extend(made)
                items.extend(own)
            yield SourcePage(
                stream,
                items=tuple(items),
                payouts=tuple(payouts),
                resume=following,
                requests=1 + self.http.stats.requests - before,
            )


__all__ = ["DEFAULT_BASE_URL", "ClearhausClient", "clearhaus_error"]
