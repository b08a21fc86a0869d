"""A loopback Frisbii (Reepay) billing API: list endpoints, invoices, customers.

As documented: HTTP Basic with the private key `priv_…` as user name; `GET /v1/list/<resource>`
with `from` (inclusive) and `to` (exclusive) as local date or date-time in the account's time
zone (`to` defaults to now, `from` to a month before `to`), `range` (which date limits and
sorts, newest first), `size` 10-100 (default 20), `next_page_token` that only works with the
same parameters; answers `{size, count, from, to, range, content, next_page_token}` with no
token on the last page. Errors are `{error, message, path, timestamp, http_status,
http_reason, request_id}`. Frisbii publishes no rate limit; the sandbox allows 20 requests a
second and answers 429 with Retry-After beyond that.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo

from econdesk.sandbox.frisbii.settle import manual_settle
from econdesk.sandbox.frisbii.wire import ACCOUNT_TZ, error_body
from econdesk.sandbox.listing import Json, Listing, PlatformSandbox, basic_user, query_lists
from econdesk.sandbox.ratelimit import BucketLimiter
from econdesk.sandbox.server import (
    ErrorBodies,
    Request,
    Response,
    Router,
    json_response,
)

DEMO_KEY = "priv_econdesk_sandbox_7f3a9c2e5b1d4f60"
REQUESTS_PER_SECOND = 20


@dataclass
class FrisbiiResource:
    """One list resource: a listing per allowed `range` (the first is the default)."""

    by_range: Mapping[str, Listing]
    filters: Mapping[str, str] = field(default_factory=dict)  # query name -> JSON field

    @property
    def default_range(self) -> str:
        return next(iter(self.by_range))


@dataclass
class FrisbiiData:
    transactions: FrisbiiResource
    invoices: FrisbiiResource
    credit_notes: FrisbiiResource
    disputes: FrisbiiResource
    customers: Listing  # by `created`, found by handle
    invoice_ids: Mapping[str, str] = field(default_factory=dict)  # id -> handle


class FrisbiiErrors(ErrorBodies):
    def not_found(self, request: Request) -> Response:
        return error_body(request, 404, f"No handler for {request.method} {request.path}")

    def method_not_allowed(self, request: Request) -> Response:
        return error_body(request, 405, f"Request method '{request.method}' not supported")

    def server_error(self, request: Request, status: int) -> Response:
        return error_body(request, status, "Internal error")

    def too_many_requests(self, request: Request, retry_after: float | None) -> Response:
        return error_body(request, 429, "Too many requests, slow down")

    def crashed(self, request: Request, exc: Exception) -> Response:
        return error_body(request, 500, f"Internal error ({type(exc).__name__})")


class _Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def parse_local(value: str, name: str, tz: tzinfo) -> datetime:
    """`2026-03-01`, `2026-03-01T10:15`, `…:30` or `…:30.250` in the account's zone."""
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), datetime.min.time(), tz)
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise _Refused(
            400, f"Invalid {name}: {value!r}, expected yyyy-MM-dd[THH:mm[:ss]]"
        ) from None
    if parsed.tzinfo is not None:
        raise _Refused(400, f"Invalid {name}: {value!r}, a local date-time has no offset")
    return parsed.replace(tzinfo=tz)


class FrisbiiSandbox(PlatformSandbox):
    name = "frisbii"
    errors = FrisbiiErrors

    def __init__(
        self,
        data: FrisbiiData,
        *,
        api_key: str = DEMO_KEY,
        tz: tzinfo = ACCOUNT_TZ,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.data = data
        self.api_key = api_key
        self.tz = tz
        self.now = now

    def authenticate(self, request: Request) -> Response | None:
        user = basic_user(request)
        if user is None:
            return error_body(
                request, 401, "Full authentication is required to access this resource"
            )
        if user != self.api_key:
            return error_body(request, 401, "Invalid API key")
        return None

    def router(self) -> Router:
        router = Router()
        d = self.data
        resources: dict[str, FrisbiiResource] = {
            "transaction": d.transactions,
            "invoice": d.invoices,
            "credit_note": d.credit_notes,
            "dispute": d.disputes,
        }
        resources["customer"] = FrisbiiResource(
            {"created": d.customers}, filters={"handle": "handle", "email": "email"}
        )
        for name, resource in resources.items():
            router.get(f"/v1/list/{name}", self._lister(resource))
        router.get("/v1/invoice/{id}", self._invoice)
        router.get("/v1/customer/{handle}", self._customer)
        router.get("/v1/dispute/{id}", self._by_id(d.disputes, "Dispute"))
        router.get("/v1/credit_note/{id}", self._by_id(d.credit_notes, "Credit note"))
        router.post("/v1/invoice/{id}/manual_settle", self._manual_settle)
        return router

    def _manual_settle(self, request: Request) -> Response:
        invoices = self.data.invoices
        listing = invoices.by_range[invoices.default_range]
        return manual_settle(listing, self.data.invoice_ids, request)

    def default_limiter(self) -> BucketLimiter:
        return BucketLimiter(REQUESTS_PER_SECOND, 1.0)

    # -- single objects -------------------------------------------------------------------
    def _invoice(self, request: Request) -> Response:
        key = request.params["id"]
        handle = self.data.invoice_ids.get(key, key)  # an id or a handle
        listing = self.data.invoices.by_range[self.data.invoices.default_range]
        found = listing.get(handle)
        if found is None:
            return error_body(request, 404, f"Invoice not found: {key}")
        return json_response(found)

    def _customer(self, request: Request) -> Response:
        found = self.data.customers.get(request.params["handle"])
        if found is None:
            return error_body(request, 404, f"Customer not found: {request.params['handle']}")
        return json_response(found)

    def _by_id(self, resource: FrisbiiResource, what: str) -> Callable[[Request], Response]:
        def handle(request: Request) -> Response:
            found = resource.by_range[resource.default_range].get(request.params["id"])
            if found is None:
                return error_body(request, 404, f"{what} not found: {request.params['id']}")
            return json_response(found)

        return handle

    # -- lists ----------------------------------------------------------------------------
    def _lister(self, resource: FrisbiiResource) -> Callable[[Request], Response]:
        def handle(request: Request) -> Response:
            try:
                return self._list(request, resource)
            except _Refused as refused:
                return error_body(request, refused.status, refused.message)

        return handle

    def _list(self, request: Request, resource: FrisbiiResource) -> Response:
        q = query_lists(request)
        range_ = _one(q, "range") or resource.default_range
        if range_ not in resource.by_range:
            allowed = ", ".join(resource.by_range)
            raise _Refused(400, f"Invalid range {range_!r}, allowed: {allowed}")
        size_text = _one(q, "size") or "20"
        if not size_text.isdigit() or not 10 <= int(size_text) <= 100:
            raise _Refused(400, f"Invalid size {size_text!r}: page size must be 10 to 100")
        size = int(size_text)
        to_text, from_text = _one(q, "to"), _one(q, "from")
        to = parse_local(to_text, "to", self.tz) if to_text else self.now().astimezone(self.tz)
        start = parse_local(from_text, "from", self.tz) if from_text else to - timedelta(days=30)
        if start >= to:
            raise _Refused(400, "from must be before to")
        keep = _filters(q, resource.filters)
        listing = resource.by_range[range_]
        positions = listing.span(int(to.timestamp()), int(start.timestamp()))
        signature = _signature(q)
        token = _one(q, "next_page_token")
        if token:
            position = _token_position(token, signature)
            positions = range(max(positions.start, position), positions.stop)
        content: list[Json] = []
        next_position: int | None = None
        for position in positions:
            obj = listing.render_at(position)
            if keep is not None and not keep(obj):
                continue
            if len(content) == size:
                next_position = position
                break
            content.append(obj)
        body: Json = {
            "size": size,
            "count": len(content),
            "from": start.replace(tzinfo=None).isoformat(),
            "to": to.replace(tzinfo=None).isoformat(timespec="seconds"),
            "range": range_,
            "content": content,
        }
        if next_position is not None:
            body["next_page_token"] = _token(next_position, signature)
        return json_response(body)


def _one(q: Mapping[str, list[str]], name: str) -> str | None:
    values = q.get(name)
    return values[0] if values else None


def _filters(
    q: Mapping[str, list[str]], fields: Mapping[str, str]
) -> Callable[[Json], bool] | None:
    """Equality filters; a repeated parameter (`state=a&state=b`, `state[]=…`) means any of."""
    wanted: dict[str, set[str]] = {}
    for name, json_field in fields.items():
        values = [*q.get(name, []), *q.get(f"{name}[]", [])]
        if values:
            wanted[json_field] = set(values)
    if not wanted:
        return None
    return lambda obj: all(str(obj.get(f)) in values for f, values in wanted.items())


def _signature(q: Mapping[str, list[str]]) -> str:
    """The parameters a token is bound to: all of them but the token itself."""
    same = sorted((k, v) for k, vs in q.items() if k != "next_page_token" for v in vs)
    return hashlib.sha256(json.dumps(same).encode()).hexdigest()[:16]


def _token(position: int, signature: str) -> str:
    raw = json.dumps({"p": position, "s": signature}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _token_position(token: str, signature: str) -> int:
    try:
        padded = token + "=" * (-len(token) % 4)
        decoded = json.loads(base64.urlsafe_b64decode(padded))
        position, bound = int(decoded["p"]), str(decoded["s"])
    except (ValueError, KeyError, TypeError):
        raise _Refused(400, "Invalid next_page_token") from None
    if bound != signature:
        raise _Refused(
            400, "Invalid next_page_token: page size and range must be the same for all pages"
        )
    return position
