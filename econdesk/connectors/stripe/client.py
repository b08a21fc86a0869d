"""Stripe over HTTP: payouts broken into their balance transactions, plus what is not paid out.

- Auth: the secret key as a Bearer token (Stripe also takes it as Basic user name).
- Lists: `limit` (1-100), `starting_after` the last id of the page, `has_more`; newest first.
- `Stripe-Version` is pinned so that response shapes do not move under us (and a charge keeps
  its `invoice`, which 2025-03-31.basil removed).
- Rate limit: 25 requests/s in test mode (100 live); a 429 is retried after its Retry-After.

Two streams feed the sync: `payouts` (payouts arriving in the window, each with the balance
transactions `?payout=po_…` lists — automatic payouts only; a manual payout has no breakdown
and is flagged) and `balance_transactions` (everything created in the window, so money not
yet paid out is seen too; these carry no payout link, which the `payouts` stream supplies).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Sequence
from typing import Any, TypeVar
from urllib.parse import urlencode

import httpx

from econdesk.connectors.errors import (
    ConnectorError,
)
from econdesk.connectors.http import (
    RequestContext,
)
from econdesk.connectors.payload import Fields, parse_page
from econdesk.connectors.platform import SourcePage, Window
from econdesk.connectors.platform_http import PlatformClient, error_for_status, json_body
from econdesk.connectors.ratelimit import RateLimitPolicy, RequestRate
from econdesk.connectors.stripe.models import (
    STRIPE_VERSION,
    SYSTEM,
    BalanceTransaction,
    Charge,
    Dispute,
    Refund,
    StripeInvoice,
    StripePayout,
)
from econdesk.connectors.stripe.normalise import (
    PROVIDER,
    charge_ids_needed,
    charge_of,
    to_item,
    to_payout,
)
from econdesk.domain.model import Payout, PlatformItem
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

T = TypeVar("T")

DEFAULT_BASE_URL = "https://api.stripe.com"
STREAM_PAYOUTS = "payouts"
STREAM_BALANCE = "balance_transactions"

Query = Sequence[tuple[str, str | int]]
# More invoices than this missing for one page: list the window's invoices (100 a request)
# instead of fetching each; they are created up to a billing period before they are paid.
_BULK_AFTER = 8
_INVOICE_LEAD_DAYS = 40


def stripe_error(response: httpx.Response, ctx: RequestContext) -> ConnectorError:
    """Stripe's `{"error": {type, code, message, param}}` as a ConnectorError."""
    error = json_body(response).get("error")
    error = error if isinstance(error, dict) else {}
    said = str(error.get("message") or f"HTTP {response.status_code}")
    codes = {"code": error.get("code"), "param": error.get("param")}
    return error_for_status(
        response,
        ctx,
        said=said,
        codes=codes,
        key_words=say(QT_TRANSLATE_NOOP("CLI", "the secret key")),
    )


class StripeClient(PlatformClient):
    """Reads payouts, balance transactions, charges, refunds and disputes from one account."""

    provider: str = PROVIDER
    streams: tuple[str, ...] = (STREAM_PAYOUTS, STREAM_BALANCE)
    system = SYSTEM
    default_base_url = DEFAULT_BASE_URL

    def reset_caches(self) -> None:
        self._charges: dict[str, Charge] = {}
        self._invoices: dict[str, StripeInvoice] = {}
        self._prefetched: set[str] = set()  # windows whose invoices were listed in bulk

    def auth_header(self, api_key: str) -> str:
        return f"Bearer {api_key}"

    def default_rate(self, max_in_flight: int) -> RateLimitPolicy:
        return RequestRate(25, burst=max_in_flight)  # test mode; live allows 100/s

    def map_error(self, response: httpx.Response, ctx: RequestContext) -> ConnectorError:
        return stripe_error(response, ctx)

    # -- raw paging -----------------------------------------------------------------------
    async def _get(self, path: str, query: Query = ()) -> Any:
        target = f"/v1/{path}" + (f"?{urlencode(list(query))}" if query else "")
        response = await self.http.request(
            "GET", target, headers={"Stripe-Version": STRIPE_VERSION}
        )
        return self.http.parse_json(response, f"GET /v1/{path}")

    async def _page(
        self, path: str, kind: str, query: Query, after: str | None
    ) -> tuple[list[Any], bool]:
        """One list page: its raw objects and `has_more`; the envelope is checked."""
        q = [*query, ("limit", self.page_size)]
        if after:
            q.append(("starting_after", after))
        envelope = Fields(SYSTEM, f"{kind} list", await self._get(path, q), object_id=path)
        if envelope.text("object") != "list":
            raise envelope.fail(
                "object",
                say(QT_TRANSLATE_NOOP("CLI", "is {0!r}, expected 'list'"), envelope.raw("object")),
            )
        return envelope.array("data"), envelope.flag("has_more")

    async def _pages(
        self,
        path: str,
        kind: str,
        parse: Callable[[Fields], T],
        query: Query = (),
        after: str | None = None,
    ) -> AsyncIterator[tuple[list[T], str | None]]:
        """Validated pages and the cursor after each (None after the last page)."""
        while True:
            raw, has_more = await self._page(path, kind, query, after)
            parsed = parse_page(SYSTEM, kind, raw, parse)
            after = _last_id(raw) if has_more and raw else None
            yield parsed, after
            if after is None:
                return

    async def _all(
        self, path: str, kind: str, parse: Callable[[Fields], T], query: Query = ()
    ) -> list[T]:
        out: list[T] = []
        async for page, _ in self._pages(path, kind, parse, query):
            out.extend(page)
        return out

    # -- typed lists ----------------------------------------------------------------------
    def payouts(
        self, window: Window, after: str | None = None
    ) -> AsyncIterator[tuple[list[StripePayout], str | None]]:
        """Payouts expected to arrive in the bank within the window (by `arrival_date`)."""
        query = _range("arrival_date", window)
        return self._pages("payouts", "payout", StripePayout.parse, query, after)

    async def payout_transactions(self, payout_id: str) -> list[BalanceTransaction]:
        """Every balance transaction an automatic payout carried, sources expanded."""
        query = [("payout", payout_id), ("expand[]", "data.source")]
        return await self._all(
            "balance_transactions", "balance_transaction", BalanceTransaction.parse, query
        )

    def balance_transactions(
        self, window: Window, after: str | None = None
    ) -> AsyncIterator[tuple[list[BalanceTransaction], str | None]]:
        query = [*_range("created", window), ("expand[]", "data.source")]
        return self._pages(
            "balance_transactions", "balance_transaction", BalanceTransaction.parse, query, after
        )

    async def charges(self, window: Window) -> list[Charge]:
        return await self._all("charges", "charge", Charge.parse, _range("created", window))

    async def refunds(self, window: Window) -> list[Refund]:
        return await self._all("refunds", "refund", Refund.parse, _range("created", window))

    async def disputes(self, window: Window) -> list[Dispute]:
        return await self._all("disputes", "dispute", Dispute.parse, _range("created", window))

    async def charge(self, charge_id: str) -> Charge:
        cached = self._charges.get(charge_id)
        if cached is None:
            raw = await self._get(f"charges/{charge_id}")
            cached = self._charges[charge_id] = Charge.parse(Fields(SYSTEM, "charge", raw))
        return cached

    async def invoice(self, invoice_id: str) -> StripeInvoice:
        cached = self._invoices.get(invoice_id)
        if cached is None:
            raw = await self._get(f"invoices/{invoice_id}")
            cached = self._invoices[invoice_id] = StripeInvoice.parse(
                Fields(SYSTEM, "invoice", raw)
            )
        return cached

    async def invoices(self, window: Window) -> list[StripeInvoice]:
        found = await self._all(
            "invoices", "invoice", StripeInvoice.parse, _range("created", window)
        )
        self._invoices.update((i.id, i) for i in found)
        return found

    # -- normalised streams ---------------------------------------------------------------
    async def _look_up(self, bts: list[BalanceTransaction], window: Window) -> int:
        """Fetch what `bts` need and is not cached: the charges behind refunds and disputes,
        then the invoices behind the charges (the window's invoices listed in bulk once many
        are missing). Returns the requests it took."""
        wanted = sorted({c for bt in bts if (c := charge_ids_needed(bt))} - set(self._charges))
        await asyncio.gather(*(self.charge(c) for c in wanted))
        requests = len(wanted)
        invoice_ids = {
            charge.invoice
            for bt in bts
            if (charge := charge_of(bt, self._charges)) is not None and charge.invoice
        }
        missing = invoice_ids - set(self._invoices)
        if len(missing) > _BULK_AFTER and window.key() not in self._prefetched:
            self._prefetched.add(window.key())
            listed = await self.invoices(window.widened(_INVOICE_LEAD_DAYS))
            requests += max(1, -(-len(listed) // self.page_size))  # pages of the list
            missing -= set(self._invoices)
        await asyncio.gather(*(self.invoice(i) for i in sorted(missing)))
        return requests + len(missing)

    def _to_items(self, bts: list[BalanceTransaction], payout_id: str | None) -> list[PlatformItem]:
        items = (
            to_item(
                bt, charges=self._charges, invoices=self._invoices, payout_id=payout_id, tz=self.tz
            )
            for bt in bts
        )
        return [i for i in items if i is not None]

    async def _payouts_page(
        self, payouts: list[StripePayout], window: Window
    ) -> tuple[list[Payout], list[PlatformItem], int]:
        """Each payout with its components; the look-ups for the whole page are made once."""
        automatic = [p for p in payouts if p.automatic]
        carried = await asyncio.gather(*(self.payout_transactions(p.id) for p in automatic))
        by_payout = dict(zip((p.id for p in automatic), carried, strict=True))
        requests = len(automatic) + await self._look_up([b for bts in carried for b in bts], window)
        out: list[Payout] = []
        items: list[PlatformItem] = []
        for payout in payouts:
            if payout.id not in by_payout:  # manual: Stripe cannot say what it holds
                out.append(to_payout(payout, None, tz=self.tz))
                continue
            parts = self._to_items(by_payout[payout.id], payout.id)
            parts.sort(key=lambda i: (i.occurred_at, i.external_id))  # oldest first
            out.append(to_payout(payout, parts, tz=self.tz))
            items.extend(parts)
        return out, items, requests

    async def pages(
        self, stream: str, window: Window, resume: str | None = None
    ) -> AsyncGenerator[SourcePage, None]:
        if stream == STREAM_PAYOUTS:
            async for payouts, after in self.payouts(window, resume):
                done, items, requests = await self._payouts_page(payouts, window)
                yield SourcePage(
                    stream,
                    items=tuple(items),
                    payouts=tuple(done),
                    resume=after,
                    requests=1 + requests,
                )
        elif stream == STREAM_BALANCE:
            async for bts, after in self.balance_transactions(window, resume):
                requests = await self._look_up(bts, window)
                yield SourcePage(
                    stream,
                    items=tuple(self._to_items(bts, None)),
                    resume=after,
                    requests=1 + requests,
                )
        else:
            raise ValueError(f"Stripe has no stream {stream!r}; it has {self.streams}")


def _range(field: str, window: Window) -> list[tuple[str, str | int]]:
    return [(f"{field}[gte]", window.start_unix), (f"{field}[lt]", window.end_unix)]


def _last_id(raw: list[Any]) -> str | None:
    last = raw[-1]
    return last.get("id") if isinstance(last, dict) else None
