"""The Vipps MobilePay Report API over HTTP: a merchant's ledgers and their payouts by day.

- Auth: the merchant access token. `POST /accesstoken/get` with the headers `client_id`,
  `client_secret`, `Ocp-Apim-Subscription-Key` and (optionally) `Merchant-Serial-Number`
  answers `{access_token, expires_in, …}`; every call then sends `Authorization: Bearer`, the
  subscription key and the MSN. Tokens last 24 h; a 401 fetches a new one (connectors/oauth.py).
- Ledgers: `GET /settlement/v1/ledgers[?settlesForRecipientHandles=api:<MSN>]` → `{items,
  cursor}`, more while `cursor` is not empty. Usually one ledger per sales unit (MSN); units
  settled together share one ledger, which lists them all in `settlesForRecipientHandles`.
  With several MSNs the list is asked once per MSN and each ledger read once; with none,
  every ledger the keys reach. The `Merchant-Serial-Number` header names one sales unit, so it
  is sent only when exactly one is configured.
- Day reports: `GET /report/v2/ledgers/{ledgerId}/{funds|fees}/dates/{yyyy-MM-dd}` →
  `{cursor, hasMore, tryLater, items}`, up to 1000 entries a page (`pageSize`, `cursor`). A
  day not closed yet answers `tryLater: true` (or 404): it is read again by a later sync.

One stream, `payouts`: one page with every ledger's payouts scheduled in the window, read day
by day. The days before the window (`LEAD_DAYS`) are read too, since a payout gathers what was
booked since the previous one (a weekend, a weekly payout).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncGenerator, Callable, Sequence
from datetime import date, timedelta
from urllib.parse import quote

import httpx

from econdesk.connectors.errors import ConnectorError, NotFound
from econdesk.connectors.http import HttpClient, RequestContext, RetryPolicy
from econdesk.connectors.mobilepay.models import SYSTEM, DayReport, Entry, Ledger
from econdesk.connectors.mobilepay.normalise import PROVIDER, group_payouts, to_payout
from econdesk.connectors.oauth import TokenAuth, is_token_answer
from econdesk.connectors.payload import Fields, parse_page
from econdesk.connectors.platform import SourcePage, Window
from econdesk.connectors.platform_http import HttpOwner, error_for_status, json_body
from econdesk.connectors.ratelimit import RateLimitPolicy, RequestRate
from econdesk.domain.model import Payout, PlatformItem
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import Message, say

DEFAULT_BASE_URL = "https://api.vipps.no"
STREAM = "payouts"
LEAD_DAYS = 7  # days read before the window, for payouts that gather a week
PAGE_SIZE = 1000  # the most entries a day report's page holds


def mobilepay_error(response: httpx.Response, ctx: RequestContext) -> ConnectorError:
    """Vipps MobilePay's errors: RFC 7807 problems (`title`, `detail`) or `{error,
    error_description}` from the token call."""
    body = json_body(response)
    said = str(
        body.get("detail")
        or body.get("title")
        or body.get("error_description")
        or body.get("error")
        or f"HTTP {response.status_code}"
    )
    key_words = say(QT_TRANSLATE_NOOP("CLI", "the client id, secret and subscription key"))
    refused: str | Message = said
    if is_token_answer(response):
        refused = say(QT_TRANSLATE_NOOP("CLI", "access token refused: {0}"), said)
    return error_for_status(
        response, ctx, said=refused, codes={"code": body.get("error")}, key_words=key_words
    )


class MobilePayReportClient(HttpOwner):
    """Reads one merchant's Vipps MobilePay payouts (see the module docstring)."""

    provider = PROVIDER
    streams: tuple[str, ...] = (STREAM,)

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        subscription_key: str,
        *,
        merchant_serial_numbers: Sequence[str] = (),
        base_url: str = DEFAULT_BASE_URL,
        transport: httpx.AsyncBaseTransport | None = None,
        rate_limit: RateLimitPolicy | None = None,
        retry: RetryPolicy | None = None,
        clock: Callable[[], float] | None = None,
        max_in_flight: int = 8,
        page_size: int = PAGE_SIZE,
        own_sales: bool = False,
    ) -> None:
        self.root = base_url.rstrip("/")
        self.msns = tuple(dict.fromkeys(merchant_serial_numbers))
        # No gateway in front of MobilePay: its captures are its own items (normalise.py).
        self.own_sales = own_sales
        self.page_size = page_size
        identity = {"Ocp-Apim-Subscription-Key": subscription_key}
        if len(self.msns) == 1:
            identity["Merchant-Serial-Number"] = self.msns[0]

        def token_request() -> httpx.Request:
            return httpx.Request(
                "POST",
                f"{self.root}/accesstoken/get",
                headers={"client_id": client_id, "client_secret": client_secret, **identity},
            )

        self.auth = TokenAuth(token_request, clock=clock or time.monotonic)
        self.http = HttpClient(
            self.root,
            system=SYSTEM,
            headers={**identity, "Vipps-System-Name": "econdesk"},
            secrets=[client_secret, subscription_key],
            auth=self.auth,
            transport=transport,
            retry=retry,
            max_in_flight=max_in_flight,
            # No published limit for the report endpoints: a day's report is a small request,
            # and a month is sixty of them; 429s are waited out.
            rate_limit=rate_limit or RequestRate(40, burst=max_in_flight),
            error_mapper=mobilepay_error,
        )
        self.auth.on_token = self.http.add_secret
        self._ledgers: list[Ledger] | None = None

    async def _get(self, path: str, params: dict[str, str | int], what: str) -> Fields:
        response = await self.http.request("GET", path, params=params)
        return Fields(SYSTEM, what, self.http.parse_json(response, f"GET {path}"))

    # -- typed reads ------------------------------------------------------------------------
    async def ledgers(self) -> list[Ledger]:
        """The ledgers of the configured sales units (each once), or all the keys reach."""
        if self._ledgers is None:
            found: dict[str, Ledger] = {}
            for msn in self.msns or (None,):
                for ledger in await self._ledger_list(msn):
                    found.setdefault(ledger.id, ledger)  # units settled together share one
            self._ledgers = list(found.values())
        return self._ledgers

    async def _ledger_list(self, msn: str | None) -> list[Ledger]:
        found: list[Ledger] = []
        params: dict[str, str | int] = {}
        if msn is not None:
            params["settlesForRecipientHandles"] = f"api:{msn}"
        while True:
            body = await self._get("/settlement/v1/ledgers", params, "ledger list")
            found += parse_page(
                SYSTEM, "ledger", body.array("items"), Ledger.parse, id_field="ledgerId"
            )
            cursor = body.opt_text("cursor")
            if not cursor:
                return found
            params = {**params, "cursor": cursor}

    async def day(self, ledger: Ledger, topic: str, day: date) -> DayReport:
        """Every entry of `topic` on `day`; `closed` False when the day is not final yet."""
        path = f"/report/v2/ledgers/{quote(ledger.id, safe='')}/{topic}/dates/{day.isoformat()}"
        entries: list[Entry] = []
        params: dict[str, str | int] = {"pageSize": self.page_size}
        while True:
            try:
                body = await self._get(path, params, f"{topic} report")
            except NotFound:
                return DayReport((), closed=False)  # the spec's other way of saying "later"
            if body.opt_flag("tryLater", False):
                return DayReport(tuple(entries), closed=False)
            entries += parse_page(
                SYSTEM, f"{topic} entry", body.array("items"), Entry.parse, id_field="pspReference"
            )
            cursor = body.opt_text("cursor")
            if not body.opt_flag("hasMore", False) or not cursor:
                return DayReport(tuple(entries), closed=True)
            params = {"pageSize": self.page_size, "cursor": cursor}

    async def _days(self, ledger: Ledger, first: date, last: date, topic: str) -> list[DayReport]:
        days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        return list(await asyncio.gather(*(self.day(ledger, topic, d) for d in days)))

    # -- the sync stream --------------------------------------------------------------------
    async def payouts(
        self, ledger: Ledger, window: Window
    ) -> tuple[list[Payout], list[PlatformItem]]:
        """The ledger's payouts scheduled in the window, with their own postings."""
        first, last = window.start - timedelta(days=LEAD_DAYS), window.end - timedelta(days=1)
        funds = await self._days(ledger, first, last, "funds")
        entries = [e for r in funds if r.closed for e in r.entries]
        groups = [
            g for g in group_payouts(entries) if window.start <= g[-1].ledger_date < window.end
        ]
        if not groups:
            return [], []
        # the fees topic for the days the window's payouts span (not the whole lead)
        fees = await self._days(ledger, groups[0][0].ledger_date, last, "fees")
        fee_entries = [e for r in fees if r.closed for e in r.entries]
        payouts: list[Payout] = []
        items: list[PlatformItem] = []
        for group in groups:
            payout, own = to_payout(ledger, group, fee_entries, own=self.own_sales)
            payouts.append(payout)
            items += own
        return payouts, items

    async def pages(
        self, stream: str, window: Window, resume: str | None = None
    ) -> AsyncGenerator[SourcePage, None]:
        if stream != STREAM:
            raise ValueError(f"Vipps MobilePay has no stream {stream!r}; it has {self.streams}")
        before = self.http.stats.requests
        payouts: list[Payout] = []
        items: list[PlatformItem] = []
        for ledger in await self.ledgers():
            made, own = await self.payouts(ledger, window)
            payouts += made
            items += own
        yield SourcePage(
            stream,
            items=tuple(items),
            payouts=tuple(payouts),
            resume=None,
            requests=self.http.stats.requests - before,
        )


__all__ = ["DEFAULT_BASE_URL", "MobilePayReportClient", "mobilepay_error"]
