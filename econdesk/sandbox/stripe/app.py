"""A loopback Stripe: payouts, balance transactions, charges, refunds and disputes.

Behaves as the API reference documents: secret key as Bearer token or Basic user name;
lists `{object: "list", url, has_more, data}` newest first (invoices too) with `limit` 1-100,
`starting_after`/`ending_before` and `created[gte|gt|lte|lt]` (payouts also
`arrival_date[…]` and `status`); `GET /v1/balance_transactions?payout=po_…` lists what an
automatic payout carried and refuses a manual one ("can only be filtered on automatic
transfers"); `expand[]=data.source` expands sources; errors are
`{"error": {type, code, message, param, doc_url}}`; 25 requests a second (test mode) before a
429. Fault injection comes from the shared server.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from econdesk.sandbox.listing import (
    Json,
    Listing,
    PlatformSandbox,
    basic_user,
    bearer_token,
    query_lists,
)
from econdesk.sandbox.ratelimit import BucketLimiter
from econdesk.sandbox.server import (
    ErrorBodies,
    Request,
    Response,
    Router,
    json_response,
)

DEMO_KEY = "sk_test_econdesk_sandbox_4eC39HqLyjWDarjtT1zdp7dc"
TEST_MODE_REQUESTS_PER_SECOND = 25
_RANGE_OPS = ("gte", "gt", "lte", "lt")


@dataclass
class StripeData:
    """Everything the sandbox serves; `payout_members` lists each automatic payout's
    balance transactions (its own `payout` line included, as Stripe lists it)."""

    payouts: Listing
    balance_transactions: Listing
    charges: Listing
    refunds: Listing
    disputes: Listing
    invoices: Listing
    payout_members: Mapping[str, Sequence[str]] = field(default_factory=dict)


def _error(
    status: int,
    message: str,
    *,
    type_: str = "invalid_request_error",
    code: str | None = None,
    param: str | None = None,
) -> Response:
    error: dict[str, Any] = {"message": message, "type": type_}
    if code:
        error["code"] = code
        error["doc_url"] = f"https://stripe.com/docs/error-codes/{code.replace('_', '-')}"
    if param:
        error["param"] = param
    return json_response({"error": error}, status)


class StripeErrors(ErrorBodies):
    def not_found(self, request: Request) -> Response:
        return _error(
            404,
            f"Unrecognized request URL ({request.method}: {request.path}). Please see "
            "https://stripe.com/docs or we can help at https://support.stripe.com/.",
        )

    def method_not_allowed(self, request: Request) -> Response:
        return self.not_found(request)

    def server_error(self, request: Request, status: int) -> Response:
        return _error(status, "An unknown error occurred", type_="api_error")

    def too_many_requests(self, request: Request, retry_after: float | None) -> Response:
        return _error(
            429,
            "Request rate limit exceeded. Learn more about rate limits here "
            "https://stripe.com/docs/rate-limits.",
            code="rate_limit",
        )

    def crashed(self, request: Request, exc: Exception) -> Response:
        return _error(500, f"An unknown error occurred ({type(exc).__name__})", type_="api_error")


class _BadRequest(Exception):
    def __init__(self, response: Response) -> None:
        super().__init__("bad request")
        self.response = response


def _masked(key: str) -> str:
    return f"{key[:8]}{'*' * 12}{key[-4:]}" if len(key) > 12 else "****"


class StripeSandbox(PlatformSandbox):
    """Routes and behaviour; `server()` puts it on loopback."""

    name = "stripe"
    errors = StripeErrors

    def __init__(self, data: StripeData, *, api_key: str = DEMO_KEY) -> None:
        self.data = data
        self.api_key = api_key

    # -- auth -------------------------------------------------------------------------------
    def authenticate(self, request: Request) -> Response | None:
        key = bearer_token(request) or basic_user(request)
        if not key:
            return _error(
                401,
                "You did not provide an API key. You need to provide your API key in the "
                "Authorization header, using Bearer auth (e.g. 'Authorization: Bearer "
                "YOUR_SECRET_KEY').",
            )
        if key != self.api_key:
            return _error(401, f"Invalid API Key provided: {_masked(key)}")
        return None

    # -- routing ----------------------------------------------------------------------------
    def router(self) -> Router:
        router = Router()
        d = self.data
        for name, listing, kind in (
            ("payouts", d.payouts, "payout"),
            ("balance_transactions", d.balance_transactions, "balance_transaction"),
            ("charges", d.charges, "charge"),
            ("refunds", d.refunds, "refund"),
            ("disputes", d.disputes, "dispute"),
            ("invoices", d.invoices, "invoice"),
        ):
            router.get(f"/v1/{name}/{{id}}", self._retrieve(listing, kind))
        router.get("/v1/payouts", self._list_payouts)
        router.get("/v1/balance_transactions", self._list_balance_transactions)
        router.get("/v1/charges", self._simple_list("charges", d.charges))
        router.get("/v1/refunds", self._simple_list("refunds", d.refunds))
        router.get("/v1/disputes", self._simple_list("disputes", d.disputes))
        router.get("/v1/invoices", self._simple_list("invoices", d.invoices))
        return router

    def default_limiter(self) -> BucketLimiter:
        return BucketLimiter(TEST_MODE_REQUESTS_PER_SECOND, 1.0)

    # -- handlers ---------------------------------------------------------------------------
    def _retrieve(self, listing: Listing, kind: str) -> Callable[[Request], Response]:
        def handle(request: Request) -> Response:
            obj = listing.get(request.params["id"])
            if obj is None:
                return _error(
                    404,
                    f"No such {kind}: '{request.params['id']}'",
                    code="resource_missing",
                    param="id",
                )
            return json_response(obj)

        return handle

    def _simple_list(self, name: str, listing: Listing) -> Callable[[Request], Response]:
        def handle(request: Request) -> Response:
            return self._guarded(lambda: self._list(request, name, listing, "created"))

        return handle

    def _list_payouts(self, request: Request) -> Response:
        def run() -> Response:
            q = query_lists(request)
            status = _one(q, "status")
            keep = (lambda o: o.get("status") == status) if status else None
            if "arrival_date" in _range_fields(q):
                return self._list(request, "payouts", self.data.payouts, "arrival_date", keep)
            return self._list(request, "payouts", self.data.payouts, "created", keep)

        return self._guarded(run)

    def _list_balance_transactions(self, request: Request) -> Response:
        def run() -> Response:
            q = query_lists(request)
            kind = _one(q, "type")
            source = _one(q, "source")
            currency = _one(q, "currency")

            def keep(o: Json) -> bool:
                return (
                    (not kind or o.get("type") == kind)
                    and (not source or o.get("source") == source)
                    and (not currency or o.get("currency") == currency)
                )

            expand = "data.source" in q.get("expand[]", [])
            payout_id = _one(q, "payout")
            listing = self.data.balance_transactions
            if payout_id:
                listing = self._payout_listing(payout_id)
            response = self._list(
                request, "balance_transactions", listing, "created", keep, expand=expand
            )
            return response

        return self._guarded(run)

    def _payout_listing(self, payout_id: str) -> Listing:
        payout = self.data.payouts.get(payout_id)
        if payout is None:
            raise _BadRequest(
                _error(
                    404, f"No such payout: '{payout_id}'", code="resource_missing", param="payout"
                )
            )
        if not payout.get("automatic", False):
            raise _BadRequest(
                _error(
                    400,
                    "Balance transaction history can only be filtered on automatic "
                    "transfers, not manual.",
                    param="payout",
                )
            )
        members = [
            obj
            for bt_id in self.data.payout_members.get(payout_id, ())
            if (obj := self.data.balance_transactions.get(bt_id)) is not None
        ]
        return Listing.of(members, "created")

    def _expand_source(self, obj: Json) -> Json:
        source = obj.get("source")
        if isinstance(source, str):
            for listing in (
                self.data.charges,
                self.data.refunds,
                self.data.disputes,
                self.data.payouts,
            ):
                found = listing.get(source)
                if found is not None:
                    obj["source"] = found
                    break
        return obj

    def _guarded(self, run: Callable[[], Response]) -> Response:
        try:
            return run()
        except _BadRequest as bad:
            return bad.response

    def _list(
        self,
        request: Request,
        name: str,
        listing: Listing,
        time_field: str,
        keep: Callable[[Json], bool] | None = None,
        *,
        expand: bool = False,
    ) -> Response:
        q = query_lists(request)
        limit = _limit(q)
        newest_before, oldest_from = _time_range(q, time_field)
        if time_field == "created":  # listings are sorted by `created`: slice them
            positions = listing.span(newest_before, oldest_from)
        else:  # payouts by arrival date: few enough to filter one by one
            positions = range(len(listing))
            keep = _and(keep, _within(time_field, newest_before, oldest_from))
        after, before = _one(q, "starting_after"), _one(q, "ending_before")
        if after and before:
            raise _BadRequest(
                _error(
                    400,
                    "You may only specify one of these parameters: ending_before, starting_after.",
                    param="starting_after",
                )
            )
        cursor = after or before
        if cursor:
            pos = listing.position_after(cursor)
            if pos is None:
                raise _BadRequest(
                    _error(
                        400,
                        f"No such object: '{cursor}'",
                        code="resource_missing",
                        param="starting_after" if after else "ending_before",
                    )
                )
            if before:  # the page just newer than the cursor, still newest first
                newer = list(
                    listing.walk(range(positions.start, max(positions.start, pos - 1)), keep)
                )
                return self._page(name, newer[-limit:], len(newer) > limit, expand)
            positions = range(max(positions.start, pos), positions.stop)
        page: list[Json] = []
        has_more = False
        for obj in listing.walk(positions, keep):
            if len(page) == limit:
                has_more = True
                break
            page.append(obj)
        return self._page(name, page, has_more, expand)

    def _page(self, name: str, page: list[Json], has_more: bool, expand: bool) -> Response:
        data = [self._expand_source(o) for o in page] if expand else page
        return json_response(
            {"object": "list", "url": f"/v1/{name}", "has_more": has_more, "data": data}
        )


def _one(q: Mapping[str, list[str]], name: str) -> str | None:
    values = q.get(name)
    return values[0] if values else None


def _range_fields(q: Mapping[str, list[str]]) -> set[str]:
    return {k.split("[", 1)[0] for k in q if "[" in k and not k.startswith("expand")}


def _int_param(q: Mapping[str, list[str]], name: str) -> int | None:
    value = _one(q, name)
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise _BadRequest(_error(400, f"Invalid integer: {value}", param=name)) from None


def _limit(q: Mapping[str, list[str]]) -> int:
    limit = _int_param(q, "limit")
    if limit is None:
        return 10
    if not 1 <= limit <= 100:
        raise _BadRequest(
            _error(
                400,
                "This value must be greater than or equal to 1 and less than or equal to 100.",
                param="limit",
            )
        )
    return limit


def _time_range(q: Mapping[str, list[str]], field: str) -> tuple[int | None, int | None]:
    """(newest_before exclusive, oldest_from inclusive) from `field[gte|gt|lte|lt]`/`field`."""
    exact = _int_param(q, field)
    if exact is not None:
        return exact + 1, exact
    gte, gt = _int_param(q, f"{field}[gte]"), _int_param(q, f"{field}[gt]")
    lte, lt = _int_param(q, f"{field}[lte]"), _int_param(q, f"{field}[lt]")
    oldest = max(x for x in (gte, None if gt is None else gt + 1, -(2**62)) if x is not None)
    newest = min(x for x in (lt, None if lte is None else lte + 1, 2**62) if x is not None)
    return (
        None if newest == 2**62 else newest,
        None if oldest == -(2**62) else oldest,
    )


def _within(
    field: str, newest_before: int | None, oldest_from: int | None
) -> Callable[[Json], bool]:
    def keep(obj: Json) -> bool:
        value = obj.get(field)
        if not isinstance(value, int):
            return False
        return (oldest_from is None or value >= oldest_from) and (
            newest_before is None or value < newest_before
        )

    return keep


def _and(
    first: Callable[[Json], bool] | None, second: Callable[[Json], bool]
) -> Callable[[Json], bool]:
    if first is None:
        return second
    return lambda obj: first(obj) and second(obj)
