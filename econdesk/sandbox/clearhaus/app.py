"""A loopback Clearhaus Merchant API: OAuth 2.0 client credentials, HAL, settlements.

As documented (docs/payment-sources.md): `POST /oauth/token` takes HTTP Basic client
credentials and a form `grant_type=client_credentials&audience=<root>` and answers
`{access_token, token_type, expires_in}` (errors `{error, error_description}`); every other
call needs `Authorization: Bearer`. The root lists the link relations (`ch:*` only for a valid
token, with the `ch` curie); `ch:settlements` and `ch:disputes` are page-numbered
(`page`, `per_page`, links `first`/`prev`/`next`/`last`, `count`) and take a query language;
a settlement's `ch:transactions` link is an RFC 6570 template walked by an opaque `next`
cursor. Amounts are integers in minor units, deductions negative. Errors are
`{"status": {"code", "message"}}`. Tokens live `token_lifetime` seconds; `revoke_tokens()`
ends every token at once (as a rotation or an expiry would), for the re-auth tests.
"""

from __future__ import annotations

import base64
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import parse_qs, urlencode

from econdesk.sandbox.listing import Json, PlatformSandbox, bearer_token
from econdesk.sandbox.ratelimit import BucketLimiter
from econdesk.sandbox.server import ErrorBodies, Request, Response, Router, json_response

DEMO_CLIENT_ID = "econdesk-sandbox-client"
DEMO_CLIENT_SECRET = "chs_econdesk_sandbox_3b8e61f0a2c94d57"
REQUESTS_PER_SECOND = 20
MAX_PER_PAGE = 100
CURIES = [{"name": "ch", "href": "https://developer.clearhaus.com/rels/{rel}", "templated": True}]


@dataclass
class CardTransaction:
    id: str
    type: str  # capture, refund, credit (what a settlement holds)
    amount: int  # positive, minor units
    processed_at: str  # ISO-8601 UTC
    reference: str | None = None  # the gateway's order reference (<= 30 characters)
    fee: int = 0  # what Clearhaus kept, positive


@dataclass
class CardDispute:
    id: str
    transaction_id: str  # the disputed capture
    amount: int  # debited, positive
    opened_at: str
    reason: str = "fraud"


@dataclass
class SandboxSettlement:
    id: str
    currency: str
    period_start: date
    period_end: date
    payout_date: date
    reference_number: str
    transactions: list[CardTransaction] = field(default_factory=list)
    disputes: list[CardDispute] = field(default_factory=list)
    other_postings: list[tuple[date, str, int]] = field(default_factory=list)
    reserve: int = 0  # withheld from this payout, positive
    reserve_date: date | None = None
    fees: int = 0  # kept on top of the transactions' own fees, positive
    settled: bool = True

    def fee_total(self) -> int:
        return self.fees + sum(t.fee for t in self.transactions)

    def summary(self) -> dict[str, int]:
        sales = sum(t.amount for t in self.transactions if t.type == "capture")
        refunds = -sum(t.amount for t in self.transactions if t.type == "refund")
        credits = -sum(t.amount for t in self.transactions if t.type == "credit")
        chargebacks = -sum(d.amount for d in self.disputes)
        other = sum(amount for _, _, amount in self.other_postings)
        parts = {
            "sales": sales,
            "credits": credits,
            "refunds": refunds,
            "chargebacks": chargebacks,
            "fees": -self.fee_total(),
            "other_postings": other,
        }
        return {**parts, "net": sum(parts.values())}


@dataclass
class ClearhausData:
    settlements: list[SandboxSettlement]
    merchant_id: str = "1000123"

    def settlement(self, settlement_id: str) -> SandboxSettlement | None:
        return next((s for s in self.settlements if s.id == settlement_id), None)


def status_error(status: int, message: str) -> Response:
    return json_response({"status": {"code": status * 100, "message": message}}, status)


class ClearhausErrors(ErrorBodies):
    def not_found(self, request: Request) -> Response:
        return status_error(404, f"Not found: {request.path}")

    def method_not_allowed(self, request: Request) -> Response:
        return status_error(405, f"Method not allowed: {request.method}")

    def server_error(self, request: Request, status: int) -> Response:
        return status_error(status, "Internal server error")

    def too_many_requests(self, request: Request, retry_after: float | None) -> Response:
        return status_error(429, "Too many requests")

    def crashed(self, request: Request, exc: Exception) -> Response:
        return status_error(500, f"Internal server error ({type(exc).__name__})")


class _Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


class ClearhausSandbox(PlatformSandbox):
    name = "clearhaus"
    errors = ClearhausErrors

    def __init__(
        self,
        data: ClearhausData,
        *,
        client_id: str = DEMO_CLIENT_ID,
        client_secret: str = DEMO_CLIENT_SECRET,
        token_lifetime: int = 86_400,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.data = data
        self.client_id, self.client_secret = client_id, client_secret
        self.token_lifetime = token_lifetime
        self.clock = clock
        self._tokens: dict[str, float] = {}  # token -> expiry on `clock`
        self._lock = threading.Lock()
        self.tokens_issued = 0

    # -- OAuth --------------------------------------------------------------------------------
    def revoke_tokens(self) -> None:
        with self._lock:
            self._tokens.clear()

    def _valid(self, token: str | None) -> bool:
        with self._lock:
            expiry = self._tokens.get(token or "")
        return expiry is not None and self.clock() < expiry

    def authenticate(self, request: Request) -> Response | None:
        if request.path in ("/oauth/token", "/"):
            return None  # the token call checks its own credentials; the root is public
        if not self._valid(bearer_token(request)):
            return status_error(401, "Unauthorized: missing, invalid or expired access token")
        return None

    def _token(self, request: Request) -> Response:
        def refuse(status: int, error: str, description: str) -> Response:
            return json_response({"error": error, "error_description": description}, status)

        scheme, _, value = (request.header("authorization") or "").partition(" ")
        try:
            user, _, password = base64.b64decode(value).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            user = password = ""
        if scheme.lower() != "basic" or (user, password) != (self.client_id, self.client_secret):
            return refuse(401, "invalid_client", "Client authentication failed")
        form = {k: v[0] for k, v in parse_qs(request.body.decode("ascii", "replace")).items()}
        if form.get("grant_type") != "client_credentials":
            return refuse(400, "unsupported_grant_type", "Only client_credentials is supported")
        if form.get("audience") not in (None, request.base_url):
            return refuse(400, "invalid_request", f"Unknown audience {form.get('audience')!r}")
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._tokens[token] = self.clock() + self.token_lifetime
            self.tokens_issued += 1
        return json_response(
            {"access_token": token, "token_type": "Bearer", "expires_in": self.token_lifetime}
        )

    # -- routes -------------------------------------------------------------------------------
    def router(self) -> Router:
        router = Router()
        router.post("/oauth/token", self._token)
        router.get("/", self._root)
        router.get("/settlements", self._refusing(self._settlements))
        router.get("/settlements/{id}", self._settlement)
        router.get("/settlements/{id}/transactions", self._refusing(self._transactions))
        router.get("/disputes", self._refusing(self._disputes))
        router.get("/disputes/{id}", self._dispute)
        router.get("/transactions/{id}", self._transaction)
        return router

    def default_limiter(self) -> BucketLimiter:
        return BucketLimiter(REQUESTS_PER_SECOND, 1.0)

    def _refusing(self, handler: Callable[[Request], Response]) -> Callable[[Request], Response]:
        def handle(request: Request) -> Response:
            try:
                return handler(request)
            except _Refused as refused:
                return status_error(refused.status, refused.message)

        return handle

    def _root(self, request: Request) -> Response:
        base = request.base_url
        links: Json = {
            "self": {"href": f"{base}/"},
            "oauth2-token": {"href": f"{base}/oauth/token"},
        }
        if self._valid(bearer_token(request)):
            links.update(
                {
                    "curies": CURIES,
                    "ch:settlements": {
                        "href": f"{base}/settlements{{?query,page,per_page}}",
                        "templated": True,
                    },
                    "ch:transactions": {
                        "href": f"{base}/transactions{{?query,per_page}}",
                        "templated": True,
                    },
                    "ch:disputes": {
                        "href": f"{base}/disputes{{?query,page,per_page}}",
                        "templated": True,
                    },
                }
            )
        return json_response({"_links": links})

    # -- renderers ----------------------------------------------------------------------------
    def render_settlement(self, s: SandboxSettlement, base: str) -> Json:
        summary = s.summary()
        body: Json = {
            "id": s.id,
            "settled": s.settled,
            "currency": s.currency,
            "period": {
                "start_date": s.period_start.isoformat(),
                "end_date": s.period_end.isoformat(),
            },
            "payout": {
                "amount": summary["net"] - s.reserve,
                "date": s.payout_date.isoformat(),
                "reference_number": s.reference_number,
                "descriptor": f"{s.reference_number} {s.payout_date.isoformat()}",
            },
            "summary": summary,
            "fees": {"sales": -s.fee_total(), "refunds": 0, "authorisations": 0, "credits": 0},
            "other_postings": [
                {"date": d.isoformat(), "text": text, "amount": amount}
                for d, text, amount in s.other_postings
            ],
            "_links": {
                "self": {"href": f"{base}/settlements/{s.id}"},
                "ch:account": {"href": f"{base}/account"},
                "ch:transactions": {
                    "href": f"{base}/settlements/{s.id}/transactions{{?query,page,per_page}}",
                    "templated": True,
                },
            },
        }
        if s.reserve:
            when = s.reserve_date
            body["reserve"] = {
                "amount": s.reserve,
                "date": when.isoformat() if when else None,
                "reference_number": s.reference_number,
                "descriptor": f"{s.reference_number} {when.isoformat()}" if when else None,
            }
        return body

    def render_transaction(self, t: CardTransaction, s: SandboxSettlement, base: str) -> Json:
        signed_fee = -t.fee
        gross = t.amount if t.type == "capture" else -t.amount
        return {
            "id": t.id,
            "type": t.type,
            "processed_at": t.processed_at,
            "amount": t.amount,
            "currency": s.currency,
            "reference": t.reference,
            "text_on_statement": "econdesk demo",
            "payment_method": "card",
            "status": {"code": 20000, "message": "Approved"},
            "settlement": {
                "amount_gross": gross,
                "amount_net": gross + signed_fee,
                "fees": signed_fee,
                "fee_details": [],
                "currency": s.currency,
            },
            "_links": {
                "self": {"href": f"{base}/transactions/{t.id}"},
                "ch:settlement": {"href": f"{base}/settlements/{s.id}"},
            },
        }

    def render_dispute(self, d: CardDispute, s: SandboxSettlement, base: str) -> Json:
        return {
            "id": d.id,
            "amount": d.amount,
            "currency": s.currency,
            "reason": d.reason,
            "status": "closed",
            "opened_at": d.opened_at,
            "_links": {
                "self": {"href": f"{base}/disputes/{d.id}"},
                "ch:transaction": {"href": f"{base}/transactions/{d.transaction_id}"},
                "ch:settlement": {"href": f"{base}/settlements/{s.id}"},
            },
        }

    # -- handlers -----------------------------------------------------------------------------
    def _settlement(self, request: Request) -> Response:
        found = self.data.settlement(request.params["id"])
        if found is None:
            return status_error(404, f"Settlement not found: {request.params['id']}")
        return json_response(self.render_settlement(found, request.base_url))

    def _settlements(self, request: Request) -> Response:
        keep = settlement_filter(request.query.get("query", ""))
        chosen = [s for s in self.data.settlements if keep(s)]
        chosen.sort(key=lambda s: (s.payout_date, s.id), reverse=True)
        base = request.base_url
        rendered = [self.render_settlement(s, base) for s in chosen]
        return _numbered_page(request, "/settlements", "ch:settlements", rendered)

    def _disputes(self, request: Request) -> Response:
        base = request.base_url
        rendered = [
            self.render_dispute(d, s, base) for s in self.data.settlements for d in s.disputes
        ]
        return _numbered_page(request, "/disputes", "ch:disputes", rendered)

    def _dispute(self, request: Request) -> Response:
        for s in self.data.settlements:
            for d in s.disputes:
                if d.id == request.params["id"]:
                    return json_response(self.render_dispute(d, s, request.base_url))
        return status_error(404, f"Dispute not found: {request.params['id']}")

    def _transaction(self, request: Request) -> Response:
        for s in self.data.settlements:
            for t in s.transactions:
                if t.id == request.params["id"]:
                    return json_response(self.render_transaction(t, s, request.base_url))
        return status_error(404, f"Transaction not found: {request.params['id']}")

    def _transactions(self, request: Request) -> Response:
        """Cursor-paged: `next` carries an opaque position; `per_page` as asked."""
        s = self.data.settlement(request.params["id"])
        if s is None:
            return status_error(404, f"Settlement not found: {request.params['id']}")
        per_page = _per_page(request.query)
        start = _cursor_position(request.query.get("next"))
        page = s.transactions[start : start + per_page]
        base = request.base_url
        path = f"{base}/settlements/{s.id}/transactions"
        links: Json = {
            "self": {"href": f"{base}{request.target}"},
            "first": {"href": f"{path}?{urlencode({'per_page': per_page})}"},
        }
        if start + per_page < len(s.transactions):
            cursor = base64.urlsafe_b64encode(str(start + per_page).encode()).decode()
            links["next"] = {"href": f"{path}?{urlencode({'per_page': per_page, 'next': cursor})}"}
        return json_response(
            {
                "per_page": per_page,
                "_links": links,
                "_embedded": {
                    "ch:transactions": [self.render_transaction(t, s, base) for t in page]
                },
            }
        )


def _per_page(query: Mapping[str, str]) -> int:
    text = query.get("per_page", "20")
    if not text.isdigit() or not 1 <= int(text) <= MAX_PER_PAGE:
        raise _Refused(400, f"per_page must be 1 to {MAX_PER_PAGE}, got {text!r}")
    return int(text)


def _cursor_position(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        return int(base64.urlsafe_b64decode(cursor.encode()).decode())
    except ValueError:
        raise _Refused(400, "Invalid next cursor") from None


def _numbered_page(request: Request, path: str, rel: str, objects: list[Json]) -> Response:
    per_page = _per_page(request.query)
    page_text = request.query.get("page", "1")
    if not page_text.isdigit() or int(page_text) < 1:
        raise _Refused(400, f"page must be a whole number from 1, got {page_text!r}")
    page = int(page_text)
    last = max(1, -(-len(objects) // per_page))
    base = request.base_url
    kept = {k: v for k, v in request.query.items() if k not in ("page",)}

    def href(n: int) -> dict[str, str]:
        return {"href": f"{base}{path}?{urlencode({**kept, 'page': n, 'per_page': per_page})}"}

    links: Json = {"self": href(page), "first": href(1), "last": href(last)}
    if page > 1:
        links["prev"] = href(page - 1)
    if page < last:
        links["next"] = href(page + 1)
    chunk = objects[(page - 1) * per_page : page * per_page]
    return json_response(
        {
            "count": len(objects),
            "page": page,
            "per_page": per_page,
            "_links": links,
            "_embedded": {rel: chunk},
        }
    )


def _date_test(value: str) -> Callable[[date], bool]:
    """The Settlement Query Language's date forms: `>=D`, `>D`, `<=D`, `<D`, `A..B`, `D`."""
    try:
        if ".." in value:
            low_text, high_text = value.split("..", 1)
            low = date.min if low_text in ("", "*") else date.fromisoformat(low_text)
            high = date.max if high_text in ("", "*") else date.fromisoformat(high_text)
        elif value.startswith(">="):
            low, high = date.fromisoformat(value[2:]), date.max
        elif value.startswith("<="):
            low, high = date.min, date.fromisoformat(value[2:])
        elif value.startswith(">"):
            low, high = date.fromisoformat(value[1:]) + timedelta(days=1), date.max
        elif value.startswith("<"):
            low, high = date.min, date.fromisoformat(value[1:]) - timedelta(days=1)
        else:
            low = high = date.fromisoformat(value)
    except ValueError:
        raise _Refused(400, f"Invalid date in query: {value!r}") from None
    return lambda d: low <= d <= high


def _term(modifier: str, value: str) -> Callable[[SandboxSettlement], bool]:
    if modifier == "settled":
        if value not in ("true", "t", "false", "f"):
            raise _Refused(400, f"Invalid value for settled: {value!r}")
        wanted = value in ("true", "t")
        return lambda s: s.settled == wanted
    if modifier == "currency":
        codes = set(value.upper().split(","))
        return lambda s: s.currency in codes
    if modifier == "payout.date":
        test = _date_test(value)
        return lambda s: test(s.payout_date)
    raise _Refused(400, f"Unknown query modifier {modifier!r}")


def settlement_filter(query: str) -> Callable[[SandboxSettlement], bool]:
    """Space-separated `modifier:value` terms that must all hold; unknown modifiers -> 400."""
    tests: list[Callable[[SandboxSettlement], bool]] = []
    for term in query.split():
        modifier, sep, value = term.partition(":")
        if not sep or not value:
            raise _Refused(400, f"Invalid query term {term!r}")
        tests.append(_term(modifier, value))
    return lambda s: all(t(s) for t in tests)
