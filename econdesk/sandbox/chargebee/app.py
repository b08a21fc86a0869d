"""A loopback Chargebee site (API v2): transactions, customers and invoices.

As documented: base path `/api/v2`, HTTP Basic with the API key as user name; lists take
`limit` (1-100, default 10) and `offset` (the previous answer's `next_offset`, opaque) and
answer `{"list": [{"<type>": {…}}], "next_offset": "…"}` without `next_offset` on the last
page; filters are `field[op]=value` (`is`, `is_not`, `in`, `not_in` with JSON arrays; for
timestamps `after`, `before`, `on`, `between`, in Unix seconds); `sort_by[asc|desc]=date`.
Errors are `{message, type, api_error_code, param}`. A test site allows 150 requests a
minute; beyond that every request is refused with 429 until the rate falls.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from econdesk.sandbox.chargebee.payments import IdempotentPosts, record_payment
from econdesk.sandbox.listing import Json, Listing, PlatformSandbox, basic_user, query_lists
from econdesk.sandbox.ratelimit import BucketLimiter
from econdesk.sandbox.server import (
    ErrorBodies,
    Request,
    Response,
    Router,
    json_response,
)

DEMO_KEY = "test_econdesk_sandbox_cb_Xy7QpL2mN9vR"
TEST_SITE_PER_MINUTE = 150
API = "/api/v2"


@dataclass
class ChargebeeData:
    transactions: Listing  # by `date`
    customers: Listing
    invoices: Listing


def error(
    status: int,
    message: str,
    code: str,
    *,
    type_: str | None = "invalid_request",
    param: str | None = None,
) -> Response:
    body: dict[str, Any] = {"message": message, "api_error_code": code}
    if type_:
        body["type"] = type_
    if param:
        body["param"] = param
    body["http_status_code"] = status
    return json_response(body, status)


class ChargebeeErrors(ErrorBodies):
    def not_found(self, request: Request) -> Response:
        return error(404, "Sorry, we couldn't find that resource", "resource_not_found")

    def method_not_allowed(self, request: Request) -> Response:
        return error(405, f"{request.method} is not supported here", "http_method_not_supported")

    def server_error(self, request: Request, status: int) -> Response:
        return error(
            status,
            "Sorry, something went wrong when trying to process the request.",
            "internal_error",
            type_=None,
        )

    def too_many_requests(self, request: Request, retry_after: float | None) -> Response:
        return error(
            429,
            "Sorry, access has been blocked temporarily due to request count exceeding "
            "acceptable limits. Please try after some time.",
            "api_request_limit_exceeded",
            type_=None,
        )

    def crashed(self, request: Request, exc: Exception) -> Response:
        return self.server_error(request, 500)


class _Refused(Exception):
    def __init__(self, response: Response) -> None:
        super().__init__("refused")
        self.response = response


def _bad_param(param: str, message: str) -> _Refused:
    return _Refused(error(400, f"{param} : {message}", "param_wrong_value", param=param))


class ChargebeeSandbox(PlatformSandbox):
    name = "chargebee"
    errors = ChargebeeErrors

    def __init__(self, data: ChargebeeData, *, api_key: str = DEMO_KEY) -> None:
        self.data = data
        self.api_key = api_key
        self.idempotent = IdempotentPosts(error)

    def authenticate(self, request: Request) -> Response | None:
        if basic_user(request) != self.api_key:
            return error(
                401,
                "Sorry, authentication failed. Invalid api key",
                "api_authentication_failed",
                type_=None,
            )
        return None

    def router(self) -> Router:
        router = Router()
        d = self.data
        router.get(f"{API}/transactions", self._lister("transaction", d.transactions, "date"))
        router.get(f"{API}/customers", self._lister("customer", d.customers, None))
        router.get(f"{API}/invoices", self._lister("invoice", d.invoices, "date"))
        router.get(f"{API}/transactions/{{id}}", self._retrieve("transaction", d.transactions))
        router.get(f"{API}/customers/{{id}}", self._retrieve("customer", d.customers))
        router.get(f"{API}/invoices/{{id}}", self._retrieve("invoice", d.invoices))
        router.post(
            f"{API}/invoices/{{id}}/record_payment",
            self.idempotent.wrap(lambda request: record_payment(d.invoices, request, error)),
        )
        return router

    def default_limiter(self) -> BucketLimiter:
        return BucketLimiter(TEST_SITE_PER_MINUTE, 60.0)

    def _retrieve(self, kind: str, listing: Listing) -> Callable[[Request], Response]:
        def handle(request: Request) -> Response:
            found = listing.get(request.params["id"])
            if found is None:
                label = kind.capitalize()
                return error(
                    404, f"{label} not found for id {request.params['id']}", "resource_not_found"
                )
            return json_response({kind: found})

        return handle

    def _lister(
        self, kind: str, listing: Listing, time_field: str | None
    ) -> Callable[[Request], Response]:
        def handle(request: Request) -> Response:
            try:
                return self._list(request, kind, listing, time_field)
            except _Refused as refused:
                return refused.response

        return handle

    def _list(
        self, request: Request, kind: str, listing: Listing, time_field: str | None
    ) -> Response:
        q = {k: v[0] for k, v in query_lists(request).items()}
        limit_text = q.get("limit", "10")
        if not limit_text.isdigit() or not 1 <= int(limit_text) <= 100:
            raise _bad_param("limit", f"The value {limit_text} is invalid. Maximum allowed is 100")
        limit = int(limit_text)
        newest_before, oldest_from = (None, None)
        if time_field:
            newest_before, oldest_from = _time_bounds(q, time_field)
        keep = _filters(q, exclude={time_field} if time_field else set())
        positions = listing.span(newest_before, oldest_from)
        if "id[in]" in q:  # look the ids up instead of walking every object
            order = sorted(
                p - 1
                for i in _json_list(q["id[in]"], "id[in]")
                if (p := listing.position_after(i)) is not None and p - 1 in positions
            )
        else:
            order = list(positions)
        if q.get("sort_by[asc]") == (time_field or "created_at"):
            order.reverse()
        elif "sort_by[asc]" in q or (
            "sort_by[desc]" in q and q["sort_by[desc]"] != (time_field or "created_at")
        ):
            raise _bad_param("sort_by", "sorting is only supported on date")
        start = _offset_index(q.get("offset"), listing, order)
        page: list[Json] = []
        next_offset: str | None = None
        for i in range(start, len(order)):
            obj = listing.render_at(order[i])
            if keep is not None and not keep(obj):
                continue
            if len(page) == limit:
                next_offset = json.dumps([str(obj.get(time_field or "id", "")), obj["id"]])
                break
            page.append(obj)
        body: Json = {"list": [{kind: obj} for obj in page]}
        if next_offset is not None:
            body["next_offset"] = next_offset
        return json_response(body)


def _offset_index(offset: str | None, listing: Listing, order: list[int]) -> int:
    """Where a `next_offset` (the next object's `[time, id]`) points in this ordering."""
    if not offset:
        return 0
    try:
        _, object_id = json.loads(offset)
    except (ValueError, TypeError):
        raise _bad_param("offset", "The value is invalid") from None
    position = listing.position_after(str(object_id))
    if position is None or position - 1 not in order:
        raise _bad_param("offset", "The value is invalid")
    return order.index(position - 1)


def _time_bounds(q: Mapping[str, str], field: str) -> tuple[int | None, int | None]:
    """(newest_before exclusive, oldest_from inclusive) from `field[after|before|on|between]`."""

    def number(op: str) -> int | None:
        raw = q.get(f"{field}[{op}]")
        if raw is None:
            return None
        try:
            return int(raw)
        except ValueError:
            raise _bad_param(f"{field}[{op}]", f"The value {raw} is invalid") from None

    newest, oldest = None, None
    if (after := number("after")) is not None:
        oldest = after + 1
    if (before := number("before")) is not None:
        newest = before
    if (on := number("on")) is not None:
        oldest, newest = on, on + 1
    between = q.get(f"{field}[between]")
    if between is not None:
        try:
            low, high = (int(x) for x in json.loads(between))
        except (ValueError, TypeError):
            raise _bad_param(f"{field}[between]", f"The value {between} is invalid") from None
        oldest, newest = low, high + 1  # both ends inclusive
    return newest, oldest


def _filters(q: Mapping[str, str], exclude: set[str]) -> Callable[[Json], bool] | None:
    tests: list[Callable[[Json], bool]] = []
    for key, raw in q.items():
        if "[" not in key or key.startswith("sort_by"):
            continue
        name, _, op = key.partition("[")
        op = op.rstrip("]")
        if name in exclude:
            continue
        if op in ("in", "not_in"):
            values = set(_json_list(raw, key))
            tests.append(_member(name, values, op == "in"))
        elif op in ("is", "is_not"):
            tests.append(_member(name, {raw}, op == "is"))
        elif op == "starts_with":
            tests.append(_prefix(name, raw))
        else:
            raise _bad_param(key, f"The operator {op} is not supported")
    if not tests:
        return None
    return lambda obj: all(test(obj) for test in tests)


def _member(name: str, values: set[str], inside: bool) -> Callable[[Json], bool]:
    return lambda obj: (str(obj.get(name)) in values) == inside


def _json_list(raw: str, param: str) -> list[str]:
    try:
        values = json.loads(raw)
    except ValueError:
        raise _bad_param(param, f"The value {raw} is invalid") from None
    if not isinstance(values, list):
        raise _bad_param(param, f"The value {raw} is not a list")
    return [str(v) for v in values]


def _prefix(name: str, prefix: str) -> Callable[[Json], bool]:
    return lambda obj: str(obj.get(name, "")).startswith(prefix)
