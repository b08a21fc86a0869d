"""Frisbii (Reepay) over HTTP: settled payments, refunds and disputes, with their invoices.

- Auth: HTTP Basic with the private key `priv_…` as user name and an empty password.
- Lists: `GET /v1/list/<resource>` with `from` (inclusive) and `to` (exclusive) as local
  dates in the account's time zone, `range` (which date field limits and sorts, always
  newest first), `size` 10-100 and `next_page_token`; the answer is
  `{size, count, from, to, range, content[], next_page_token}`, no token on the last page.
  Every page request repeats the same parameters, as the API asks.
- Errors: `{code, error, message, path, timestamp, http_status, http_reason, request_id}`.
- Rate limits are not published; the client paces itself (10 requests/s) and honours 429.

Streams: `transactions` (settle/refund transactions created in the window, each enriched with
its invoice and customer, fetched once and cached), `disputes` (chargebacks) and
`open_invoices` (invoices `pending` or `dunning`, `GET /v1/list/invoice?state[]=pending&
state[]=dunning`, created up to `OPEN_LEAD_DAYS` before the window: a dunning invoice is old).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Sequence
from datetime import date
from typing import Any, TypeVar
from urllib.parse import quote, urlencode

import httpx

from econdesk.connectors.errors import AccessDenied, AuthError, ConnectorError
from econdesk.connectors.frisbii.models import (
    SYSTEM,
    CreditNote,
    FrisbiiCustomer,
    FrisbiiDispute,
    FrisbiiInvoice,
    FrisbiiTransaction,
)
from econdesk.connectors.frisbii.normalise import (
    OPEN_STATES,
    PROVIDER,
    dispute_to_item,
    is_item,
    open_invoice_to_item,
    to_item,
)
from econdesk.connectors.http import (
    RequestContext,
)
from econdesk.connectors.payload import Fields, parse_page
from econdesk.connectors.platform import SourcePage, Window
from econdesk.connectors.platform_http import (
    PlatformClient,
    basic_auth,
    error_for_status,
    json_body,
)
from econdesk.connectors.ratelimit import RateLimitPolicy, RequestRate
from econdesk.domain.model import PlatformItem
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

T = TypeVar("T")

DEFAULT_BASE_URL = "https://api.frisbii.com"
STREAM_TRANSACTIONS = "transactions"
STREAM_DISPUTES = "disputes"
STREAM_OPEN_INVOICES = "open_invoices"
OPEN_LEAD_DAYS = 120  # how long before the window an invoice still open may have been made

Query = Sequence[tuple[str, str | int]]
_BULK_AFTER = 8  # more invoices than this missing for one page: list the window's invoices
_INVOICE_LEAD_DAYS = 40
_ACCOUNTS_BEGIN = date(2000, 1, 1)  # before any Frisbii (Reepay) account existed


def frisbii_error(response: httpx.Response, ctx: RequestContext) -> ConnectorError:
    """Frisbii's error body as a ConnectorError, keeping its request id for support."""
    body = json_body(response)
    said = str(body.get("message") or body.get("error") or f"HTTP {response.status_code}")
    request_id = body.get("request_id")
    return error_for_status(
        response,
        ctx,
        said=said,
        codes={"code": body.get("code")},
        log_id=str(request_id) if request_id else None,
        key_words=say(QT_TRANSLATE_NOOP("CLI", "the private API key")),
    )


class FrisbiiClient(PlatformClient):
    """Reads one Frisbii account's money movements and the invoices behind them."""

    provider: str = PROVIDER
    streams: tuple[str, ...] = (STREAM_TRANSACTIONS, STREAM_DISPUTES, STREAM_OPEN_INVOICES)
    system = SYSTEM
    default_base_url = DEFAULT_BASE_URL
    page_sizes = (10, 100)

    def reset_caches(self) -> None:
        self._invoices: dict[str, FrisbiiInvoice] = {}
        self._customers: dict[str, FrisbiiCustomer] = {}
        self._prefetched: set[str] = set()  # windows whose invoices were listed in bulk

    def auth_header(self, api_key: str) -> str:
        return basic_auth(api_key)  # the private key `priv_…` as user name

    def default_rate(self, max_in_flight: int) -> RateLimitPolicy:
        return RequestRate(10, burst=max_in_flight)  # no published limit: stay gentle

    def map_error(self, response: httpx.Response, ctx: RequestContext) -> ConnectorError:
        return frisbii_error(response, ctx)

    # -- raw access -----------------------------------------------------------------------
    async def _get(self, path: str, query: Query = ()) -> Any:
        target = path + (f"?{urlencode(list(query))}" if query else "")
        response = await self.http.request("GET", target)
        return self.http.parse_json(response, f"GET {path}")

    async def _list(
        self,
        resource: str,
        parse: Callable[[Fields], T],
        window: Window,
        *,
        range_: str = "created",
        filters: Query = (),
        token: str | None = None,
        id_field: str = "id",
    ) -> AsyncIterator[tuple[list[T], str | None]]:
        """Validated pages of `/v1/list/<resource>` and the token after each."""
        base: list[tuple[str, str | int]] = [
            ("from", window.start.isoformat()),
            ("to", window.end.isoformat()),
            ("range", range_),
            ("size", self.page_size),
            *filters,
        ]
        while True:
            query = [*base, ("next_page_token", token)] if token else base
            body = Fields(
                SYSTEM, f"{resource} list", await self._get(f"/v1/list/{resource}", query)
            )
            raw = body.array("content")
            page = parse_page(SYSTEM, resource, raw, parse, id_field=id_field)
            token = body.opt_text("next_page_token") or None
            yield page, token
            if token is None:
                return

    # -- typed reads ----------------------------------------------------------------------
    def transactions(
        self, window: Window, token: str | None = None
    ) -> AsyncIterator[tuple[list[FrisbiiTransaction], str | None]]:
        """Settle and refund transactions that moved money, created in the window."""
        filters = [
            ("type", "settle"),
            ("type", "refund"),
            ("state", "settled"),
            ("state", "refunded"),
        ]
        return self._list(
            "transaction", FrisbiiTransaction.parse, window, filters=filters, token=token
        )

    def disputes(
        self, window: Window, token: str | None = None
    ) -> AsyncIterator[tuple[list[FrisbiiDispute], str | None]]:
        return self._list("dispute", FrisbiiDispute.parse, window, token=token)

    async def settled_invoices(self, window: Window) -> list[FrisbiiInvoice]:
        out: list[FrisbiiInvoice] = []
        async for page, _ in self._list(
            "invoice",
            FrisbiiInvoice.parse,
            window,
            range_="settled",
            filters=[("state", "settled")],
        ):
            out.extend(page)
        return out

    def open_invoices(
        self, window: Window, token: str | None = None
    ) -> AsyncIterator[tuple[list[FrisbiiInvoice], str | None]]:
        """Invoices pending or in dunning, created in the window (reaching back a while)."""
        filters = [("state[]", state) for state in OPEN_STATES]
        return self._list(
            "invoice",
            FrisbiiInvoice.parse,
            window.widened(OPEN_LEAD_DAYS),
            filters=filters,
            token=token,
        )

    async def credit_notes(self, window: Window) -> list[CreditNote]:
        out: list[CreditNote] = []
        async for page, _ in self._list("credit_note", CreditNote.parse, window):
            out.extend(page)
        return out

    async def invoice(self, handle: str) -> FrisbiiInvoice:
        cached = self._invoices.get(handle)
        if cached is None:
            raw = await self._get(f"/v1/invoice/{quote(handle, safe='')}")
            cached = FrisbiiInvoice.parse(Fields(SYSTEM, "invoice", raw))
            self._invoices[handle] = self._invoices[cached.handle] = cached
        return cached

    async def customer(self, handle: str) -> FrisbiiCustomer:
        cached = self._customers.get(handle)
        if cached is None:
            raw = await self._get(f"/v1/customer/{quote(handle, safe='')}")
            cached = FrisbiiCustomer.parse(Fields(SYSTEM, "customer", raw, id_field="handle"))
            self._customers[handle] = cached
        return cached

    async def invoices_created(self, window: Window) -> list[FrisbiiInvoice]:
        """Every invoice created in the window (any state), cached by handle and id."""
        found: list[FrisbiiInvoice] = []
        async for page, _ in self._list("invoice", FrisbiiInvoice.parse, window):
            found.extend(page)
        for invoice in found:
            self._invoices[invoice.handle] = self._invoices[invoice.id] = invoice
        return found

    async def customers_until(self, end: date) -> list[FrisbiiCustomer]:
        """Every customer created before `end`, cached by handle."""
        found: list[FrisbiiCustomer] = []
        everyone = Window(_ACCOUNTS_BEGIN, end, self.tz)
        parse = FrisbiiCustomer.parse
        async for page, _ in self._list("customer", parse, everyone, id_field="handle"):
            found.extend(page)
        self._customers.update((c.handle, c) for c in found)
        return found

    async def _enrich(self, invoice_handles: set[str], window: Window) -> int:
        """Fetch the invoices and their customers not seen yet; returns the requests made.

        Once many invoices are missing, the window's invoices are listed (100 a request)
        instead of fetched one by one; invoices are created up to a period before they are
        paid, so the listing reaches back `_INVOICE_LEAD_DAYS`."""
        requests = 0
        missing = invoice_handles - set(self._invoices)
        if len(missing) > _BULK_AFTER and window.key() not in self._prefetched:
            self._prefetched.add(window.key())
            listed = await self.invoices_created(window.widened(_INVOICE_LEAD_DAYS))
            requests += max(1, -(-len(listed) // self.page_size))
            missing -= set(self._invoices)
        await asyncio.gather(*(self.invoice(h) for h in sorted(missing)))
        requests += len(missing)
        wanted = {self._invoices[h].customer for h in invoice_handles if h in self._invoices}
        new_customers = wanted - set(self._customers)
        if len(new_customers) > _BULK_AFTER and "customers" not in self._prefetched:
            self._prefetched.add("customers")
            everyone = await self.customers_until(window.end)
            requests += max(1, -(-len(everyone) // self.page_size))
            new_customers -= set(self._customers)
        await asyncio.gather(*(self.customer(h) for h in sorted(new_customers)))
        return requests + len(new_customers)

    # -- writes ---------------------------------------------------------------------------
    async def mark_paid_offline(
        self,
        handle: str,
        *,
        amount_minor: int,
        paid_on: date,
        reference: str,
        idempotency_key: str,
    ) -> str:
        """Settle an open invoice as paid by bank transfer outside Frisbii
        (`POST /v1/invoice/{handle}/manual_settle`, which settles what is open: `amount_minor`
        is not sent); returns the invoice's new state.

        Frisbii documents no idempotency key for this call (its `key` is the charge's), but it
        settles an invoice only once. So a failure (an answer lost, a 5xx, or a refusal
        because an earlier attempt whose answer was lost settled it) is checked by reading
        the invoice back: settled by a manual transaction with our `reference` is success.
        `idempotency_key` is therefore not sent."""
        del amount_minor, idempotency_key
        body = {
            "method": "bank_transfer",
            "payment_date": paid_on.isoformat(),
            "reference": reference,
            "comment": f"Paid by bank transfer; booked by econdesk ({reference})",
        }
        path = f"/v1/invoice/{quote(handle, safe='')}/manual_settle"
        self._invoices.pop(handle, None)
        try:
            response = await self.http.request("POST", path, json_body=body)
        except (AuthError, AccessDenied):
            raise
        except ConnectorError:
            if await self._settled_by(handle, reference):
                return "settled"
            raise
        answer = Fields(SYSTEM, "invoice", self.http.parse_json(response, f"POST {path}"))
        return answer.text("state")

    async def _settled_by(self, handle: str, reference: str) -> bool:
        """Whether the invoice is settled by a manual transaction carrying `reference`."""
        raw = await self._get(f"/v1/invoice/{quote(handle, safe='')}")
        invoice = raw if isinstance(raw, dict) else {}
        transactions = invoice.get("transactions")
        return invoice.get("state") == "settled" and any(
            isinstance(t, dict)
            and isinstance(t.get("manual_transaction"), dict)
            and t["manual_transaction"].get("reference") == reference
            for t in (transactions if isinstance(transactions, list) else [])
        )

    # -- normalised streams ---------------------------------------------------------------
    async def pages(
        self, stream: str, window: Window, resume: str | None = None
    ) -> AsyncGenerator[SourcePage, None]:
        if stream == STREAM_TRANSACTIONS:
            async for txs, token in self.transactions(window, resume):
                moved = [t for t in txs if is_item(t)]
                lookups = await self._enrich({t.invoice for t in moved}, window)
                items = [to_item(t, self._invoices, self._customers, tz=self.tz) for t in moved]
                yield SourcePage(
                    stream,
                    items=tuple(i for i in items if i is not None),
                    resume=token,
                    requests=1 + lookups,
                )
        elif stream == STREAM_DISPUTES:
            async for disputes, token in self.disputes(window, resume):
                lookups = await self._enrich({d.invoice for d in disputes}, window)
                chargebacks: list[PlatformItem] = [
                    dispute_to_item(d, self._invoices, self._customers, tz=self.tz)
                    for d in disputes
                ]
                yield SourcePage(
                    stream, items=tuple(chargebacks), resume=token, requests=1 + lookups
                )
        elif stream == STREAM_OPEN_INVOICES:
            async for invoices, token in self.open_invoices(window, resume):
                lookups = await self._enrich_customers({i.customer for i in invoices})
                found = [open_invoice_to_item(i, self._customers, tz=self.tz) for i in invoices]
                yield SourcePage(
                    stream,
                    items=tuple(i for i in found if i is not None),
                    resume=token,
                    requests=1 + lookups,
                )
        else:
            raise ValueError(f"Frisbii has no stream {stream!r}; it has {self.streams}")

    async def _enrich_customers(self, handles: set[str]) -> int:
        """Fetch the customers not seen yet; returns the requests made."""
        new = sorted(handles - set(self._customers))
        await asyncio.gather(*(self.customer(h) for h in new))
        return len(new)
