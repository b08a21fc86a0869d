"""Chargebee (API v2) over HTTP: successful payments, refunds, reversals and chargebacks.

- Base: `https://<site>.chargebee.com/api/v2`; auth HTTP Basic, the API key as user name.
- Lists: `limit` (max 100) and `offset` = the previous answer's `next_offset`; entries are
  wrapped, `{"list": [{"transaction": {…}}], "next_offset": "…"}`.
- Filters `field[op]=value`; timestamps in Unix seconds (`date[after]`, `date[before]`),
  lists as JSON arrays (`type[in]=["payment","refund"]`); `sort_by[asc]=date`.
- Errors `{message, type, api_error_code, param}`; test sites allow 150 requests a minute,
  so the client paces itself to that and honours 429's Retry-After.

Streams: `transactions` (successful payments, refunds, reversals dated in the window) and
`open_invoices` (invoices with status `payment_due` or `not_paid`, dated up to
`OPEN_LEAD_DAYS` before the window's end: an invoice stays due for weeks).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Sequence
from datetime import date, datetime, time
from typing import Any, TypeVar
from urllib.parse import quote, urlencode

import httpx

from econdesk.connectors.chargebee.models import (
    SYSTEM,
    ChargebeeCustomer,
    ChargebeeInvoice,
    ChargebeeTransaction,
)
from econdesk.connectors.chargebee.normalise import (
    OPEN_STATUSES,
    PROVIDER,
    item_kind,
    open_invoice_to_item,
    to_item,
)
from econdesk.connectors.errors import (
    ConnectorError,
)
from econdesk.connectors.http import (
    RequestContext,
)
from econdesk.connectors.payload import Fields
from econdesk.connectors.platform import SourcePage, Window
from econdesk.connectors.platform_http import (
    PlatformClient,
    basic_auth,
    error_for_status,
    json_body,
)
from econdesk.connectors.ratelimit import RateLimitPolicy, RequestRate

T = TypeVar("T")

STREAM_TRANSACTIONS = "transactions"
STREAM_OPEN_INVOICES = "open_invoices"
OPEN_LEAD_DAYS = 120
ITEM_TYPES = ("payment", "refund", "payment_reversal")

Query = Sequence[tuple[str, str | int]]


def chargebee_error(response: httpx.Response, ctx: RequestContext) -> ConnectorError:
    """Chargebee's `{message, type, api_error_code, param}` as a ConnectorError."""
    body = json_body(response)
    said = str(body.get("message") or f"HTTP {response.status_code}")
    codes = {"api_error_code": body.get("api_error_code"), "param": body.get("param")}
    return error_for_status(response, ctx, said=said, codes=codes)


def api_base(base_url: str) -> str:
    """`https://site.chargebee.com` or `…/api/v2` both lead to the v2 API root."""
    base = base_url.rstrip("/")
    return base if base.endswith("/api/v2") else f"{base}/api/v2"


class ChargebeeClient(PlatformClient):
    """Reads one Chargebee site's transactions and the customers and invoices behind them."""

    provider: str = PROVIDER
    streams: tuple[str, ...] = (STREAM_TRANSACTIONS, STREAM_OPEN_INVOICES)
    system = SYSTEM
    # A POST with this header is carried out once; a repeat gets the first answer (marked
    # `chargebee-idempotency-replayed: true`) within Chargebee's idempotency window.
    idempotency_header = "chargebee-idempotency-key"

    def reset_caches(self) -> None:
        self._customers: dict[str, ChargebeeCustomer] = {}
        self._invoices: dict[str, ChargebeeInvoice] = {}

    def auth_header(self, api_key: str) -> str:
        return basic_auth(api_key)

    def api_root(self, base_url: str) -> str:
        return api_base(base_url)

    def default_rate(self, max_in_flight: int) -> RateLimitPolicy:
        return RequestRate.per_minute(150, burst=max_in_flight)  # a test site's limit

    def map_error(self, response: httpx.Response, ctx: RequestContext) -> ConnectorError:
        return chargebee_error(response, ctx)

    async def _get(self, path: str, query: Query) -> Any:
        response = await self.http.request("GET", f"{path}?{urlencode(list(query))}")
        return self.http.parse_json(response, f"GET {path}")

    async def _list(
        self,
        path: str,
        kind: str,
        parse: Callable[[Fields], T],
        query: Query,
        offset: str | None = None,
    ) -> AsyncIterator[tuple[list[T], str | None]]:
        """Validated pages (entries unwrapped) and the `next_offset` after each."""
        while True:
            q = [*query, ("limit", self.page_size)]
            if offset:
                q.append(("offset", offset))
            body = Fields(SYSTEM, f"{kind} list", await self._get(path, q), object_id=path)
            page = [parse(entry.obj(kind, kind)) for entry in body.objs("list")]
            offset = body.opt_text("next_offset") or None
            yield page, offset
            if offset is None:
                return

    def transactions(
        self, window: Window, offset: str | None = None
    ) -> AsyncIterator[tuple[list[ChargebeeTransaction], str | None]]:
        """Successful payments, refunds and reversals dated in the window, oldest first."""
        query: list[tuple[str, str | int]] = [
            ("date[after]", window.start_unix - 1),  # `after` is exclusive
            ("date[before]", window.end_unix),
            ("type[in]", json.dumps(list(ITEM_TYPES))),
            ("status[is]", "success"),
            ("sort_by[asc]", "date"),
        ]
        return self._list("/transactions", "transaction", ChargebeeTransaction.parse, query, offset)

    def open_invoices(
        self, window: Window, offset: str | None = None
    ) -> AsyncIterator[tuple[list[ChargebeeInvoice], str | None]]:
        """Invoices with payment due or not paid, dated in the window (reaching back)."""
        start = window.widened(OPEN_LEAD_DAYS)
        query: list[tuple[str, str | int]] = [
            ("date[after]", start.start_unix - 1),
            ("date[before]", window.end_unix),
            ("status[in]", json.dumps(list(OPEN_STATUSES))),
            ("sort_by[asc]", "date"),
        ]
        return self._list("/invoices", "invoice", ChargebeeInvoice.parse, query, offset)

    async def mark_paid_offline(
        self,
        invoice_id: str,
        *,
        amount_minor: int,
        paid_on: date,
        reference: str,
        idempotency_key: str,
    ) -> str:
        """Record a bank transfer as the invoice's offline payment
        (`POST /invoices/{id}/record_payment`); returns the invoice's new status. Sent with
        `idempotency_key`, so a retry after a lost answer cannot record the payment twice."""
        paid_at = int(datetime.combine(paid_on, time(12), self.tz).timestamp())
        form = {
            "transaction[payment_method]": "bank_transfer",
            "transaction[amount]": str(amount_minor),
            "transaction[date]": str(paid_at),
            "transaction[reference_number]": reference,
            "comment": f"Paid by bank transfer; booked by econdesk ({reference})",
        }
        path = f"/invoices/{quote(invoice_id, safe='')}/record_payment"
        response = await self.http.request(
            "POST",
            path,
            content=urlencode(form).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            idempotency_key=idempotency_key,
        )
        body = Fields(SYSTEM, "record_payment", self.http.parse_json(response, f"POST {path}"))
        self._invoices.pop(invoice_id, None)
        return body.obj("invoice", "invoice").text("status")

    async def _by_ids(
        self, path: str, kind: str, parse: Callable[[Fields], T], ids: Sequence[str]
    ) -> tuple[list[T], int]:
        """Objects by id, 100 to a request (`id[in]=[…]`); returns them and the requests."""
        found: list[T] = []
        requests = 0
        for start in range(0, len(ids), 100):
            query = [("id[in]", json.dumps(list(ids[start : start + 100])))]
            async for page, _ in self._list(path, kind, parse, query):
                found.extend(page)
                requests += 1
        return found, requests

    async def customers(self, ids: Sequence[str]) -> list[ChargebeeCustomer]:
        """Customers by id, cached."""
        wanted = sorted(set(ids) - set(self._customers))
        found, _ = await self._by_ids("/customers", "customer", ChargebeeCustomer.parse, wanted)
        self._customers.update((c.id, c) for c in found)
        return [self._customers[i] for i in ids if i in self._customers]

    async def invoices(self, ids: Sequence[str]) -> list[ChargebeeInvoice]:
        """Invoices by id, cached."""
        wanted = sorted(set(ids) - set(self._invoices))
        found, _ = await self._by_ids("/invoices", "invoice", ChargebeeInvoice.parse, wanted)
        self._invoices.update((i.id, i) for i in found)
        return [self._invoices[i] for i in ids if i in self._invoices]

    async def pages(
        self, stream: str, window: Window, resume: str | None = None
    ) -> AsyncGenerator[SourcePage, None]:
        if stream == STREAM_OPEN_INVOICES:
            async for invoices, offset in self.open_invoices(window, resume):
                new = sorted({i.customer_id for i in invoices} - set(self._customers))
                await self.customers(new)
                found = [open_invoice_to_item(i, self._customers, tz=self.tz) for i in invoices]
                yield SourcePage(
                    stream,
                    items=tuple(i for i in found if i is not None),
                    resume=offset,
                    requests=1 + _batches(new),
                )
            return
        if stream != STREAM_TRANSACTIONS:
            raise ValueError(f"Chargebee has no stream {stream!r}; it has {self.streams}")
        async for txs, offset in self.transactions(window, resume):
            moved = [t for t in txs if item_kind(t) is not None]
            new_customers = sorted(
                {t.customer_id for t in moved if t.customer_id} - set(self._customers)
            )
            new_invoices = sorted(
                {t.invoice_id for t in moved if t.invoice_id} - set(self._invoices)
            )
            await asyncio.gather(self.customers(new_customers), self.invoices(new_invoices))
            items = [to_item(t, self._customers, self._invoices, tz=self.tz) for t in moved]
            yield SourcePage(
                stream,
                items=tuple(i for i in items if i is not None),
                resume=offset,
                requests=1 + _batches(new_customers) + _batches(new_invoices),
            )


def _batches(ids: Sequence[str]) -> int:
    return (len(ids) + 99) // 100
