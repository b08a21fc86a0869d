"""A loopback Vipps MobilePay Report API: the merchant access token, ledgers, day reports.

As documented (docs/payment-sources.md): `POST /accesstoken/get` with the headers `client_id`,
`client_secret` and `Ocp-Apim-Subscription-Key` answers `{token_type, expires_in, …,
access_token}` (`expires_in` a string of seconds, as the real service writes it); every other
call needs `Authorization: Bearer` and the subscription key. `GET /settlement/v1/ledgers`
pages by `cursor` (empty when done); `GET /report/v2/ledgers/{id}/{funds|fees}/dates/{day}`
answers `{cursor, hasMore, tryLater, items}` with at most `pageSize` (≤ 1000) entries, and
`{"items": [], "tryLater": true}` for a day not closed yet. Amounts are integers in øre.
Errors are RFC 7807 problems `{type, title, status, detail}`.
"""

from __future__ import annotations

import base64
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from http import HTTPStatus

from econdesk.sandbox.listing import Json, PlatformSandbox, bearer_token
from econdesk.sandbox.ratelimit import BucketLimiter
from econdesk.sandbox.server import ErrorBodies, Request, Response, Router, json_response

DEMO_CLIENT_ID = "econdesk-sandbox-mp-client"
DEMO_CLIENT_SECRET = "mps_econdesk_sandbox_9d27c4a1e6b8"
DEMO_SUBSCRIPTION_KEY = "0f3c9a61b2d84e57a9c1e0d2b3f4a5c6"
DEMO_MSN = "123456"
REQUESTS_PER_SECOND = 50
MAX_PAGE = 1000


@dataclass
class SandboxLedger:
    """One ledger: its entries per topic and ledger date, in booking order (JSON as served)."""

    id: str
    currency: str
    msn: str
    # Other sales units settled together with `msn` in this one ledger (their payments are
    # paid out in its payouts).
    also_settles: tuple[str, ...] = ()
    funds: dict[date, list[Json]] = field(default_factory=dict)
    fees: dict[date, list[Json]] = field(default_factory=dict)
    closed_until: date = date.max  # later days answer tryLater
    _balances: dict[str, int] = field(default_factory=lambda: {"funds": 0, "fees": 0})

    def add(
        self,
        topic: str,
        day: date,
        entry_type: str,
        amount: int,
        *,
        psp_reference: str,
        at: str,
        reference: str | None = None,
    ) -> Json:
        """Book an entry at the end of `topic`, with its balances."""
        before = self._balances[topic]
        self._balances[topic] = before + amount
        entry: Json = {
            "pspReference": psp_reference,
            "time": at,
            "ledgerDate": day.isoformat(),
            "entryType": entry_type,
            "reference": reference,
            "currency": self.currency,
            "amount": amount,
            "balanceBefore": before,
            "balanceAfter": before + amount,
            "recipientHandle": f"DK:{self.msn}",
        }
        target = self.funds if topic == "funds" else self.fees
        target.setdefault(day, []).append(entry)
        return entry

    @property
    def handles(self) -> list[str]:
        """The recipient handles it settles for, as the ledger list shows them."""
        return [f"DK:{msn}" for msn in (self.msn, *self.also_settles)]

    def settles_for(self, handle: str) -> bool:
        """`api:<MSN>` or `DK:<number>` names one of its sales units."""
        kind, _, number = handle.partition(":")
        return kind in ("api", "DK") and number in (self.msn, *self.also_settles)


@dataclass
class MobilePayData:
    ledgers: list[SandboxLedger]


def problem(status: int, detail: str) -> Response:
    title = HTTPStatus(status).phrase
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    return json_response(body, status, content_type="application/problem+json")


class MobilePayErrors(ErrorBodies):
    def not_found(self, request: Request) -> Response:
        return problem(404, f"No resource at {request.path}")

    def method_not_allowed(self, request: Request) -> Response:
        return problem(405, f"{request.method} is not allowed here")

    def server_error(self, request: Request, status: int) -> Response:
        return problem(status, "An internal error occurred")

    def too_many_requests(self, request: Request, retry_after: float | None) -> Response:
        return problem(429, "Rate limit is exceeded")

    def crashed(self, request: Request, exc: Exception) -> Response:
        return problem(500, f"An internal error occurred ({type(exc).__name__})")


class MobilePaySandbox(PlatformSandbox):
    name = "mobilepay"
    errors = MobilePayErrors

    def __init__(
        self,
        data: MobilePayData,
        *,
        client_id: str = DEMO_CLIENT_ID,
        client_secret: str = DEMO_CLIENT_SECRET,
        subscription_key: str = DEMO_SUBSCRIPTION_KEY,
        token_lifetime: int = 86_400,
        ledgers_per_page: int = 100,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.data = data
        self.client_id, self.client_secret = client_id, client_secret
        self.subscription_key = subscription_key
        self.token_lifetime = token_lifetime
        self.ledgers_per_page = ledgers_per_page
        self.clock = clock
        self._tokens: dict[str, float] = {}
        self._lock = threading.Lock()

    def revoke_tokens(self) -> None:
        with self._lock:
            self._tokens.clear()

    def authenticate(self, request: Request) -> Response | None:
        if request.header("ocp-apim-subscription-key") != self.subscription_key:
            return problem(401, "Access denied due to missing or invalid subscription key")
        if request.path == "/accesstoken/get":
            return None
        with self._lock:
            expiry = self._tokens.get(bearer_token(request) or "")
        if expiry is None or self.clock() >= expiry:
            return problem(401, "The access token is missing, invalid or expired")
        return None

    def router(self) -> Router:
        router = Router()
        router.post("/accesstoken/get", self._token)
        router.get("/settlement/v1/ledgers", self._ledgers)
        router.get("/report/v2/ledgers/{ledger}/{topic}/dates/{day}", self._day)
        return router

    def default_limiter(self) -> BucketLimiter:
        return BucketLimiter(REQUESTS_PER_SECOND, 1.0)

    def _token(self, request: Request) -> Response:
        given = (request.header("client_id"), request.header("client_secret"))
        if given != (self.client_id, self.client_secret):
            body = {"error": "invalid_client", "error_description": "Invalid client credentials"}
            return json_response(body, 401)
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._tokens[token] = self.clock() + self.token_lifetime
        lifetime = str(self.token_lifetime)
        return json_response(
            {
                "token_type": "Bearer",
                "expires_in": lifetime,
                "ext_expires_in": lifetime,
                "resource": "00000002-0000-0000-c000-000000000000",
                "access_token": token,
            }
        )

    def _ledgers(self, request: Request) -> Response:
        wanted = request.query.get("settlesForRecipientHandles")
        ledgers = [lg for lg in self.data.ledgers if wanted is None or lg.settles_for(wanted)]
        start = _position(request.query.get("cursor"))
        page = ledgers[start : start + self.ledgers_per_page]
        more = start + self.ledgers_per_page < len(ledgers)
        items = [
            {
                "ledgerId": lg.id,
                "currency": lg.currency,
                "payoutBankAccount": {"scheme": "BBAN:DK", "id": "12345678901234"},
                "owner": {"scheme": "business:DK:CVR", "id": "12345678"},
                "settlesForRecipientHandles": lg.handles,
            }
            for lg in page
        ]
        cursor = _cursor(start + self.ledgers_per_page) if more else ""
        return json_response({"items": items, "cursor": cursor})

    def _day(self, request: Request) -> Response:
        ledger = next((lg for lg in self.data.ledgers if lg.id == request.params["ledger"]), None)
        if ledger is None:
            return problem(404, f"Ledger {request.params['ledger']} not found")
        topic = request.params["topic"]
        if topic not in ("funds", "fees"):
            return problem(404, f"Unknown topic {topic}")
        try:
            day = date.fromisoformat(request.params["day"])
        except ValueError:
            return problem(400, f"Invalid date {request.params['day']!r}, expected yyyy-MM-dd")
        size_text = request.query.get("pageSize", str(MAX_PAGE))
        if not size_text.isdigit() or not 1 <= int(size_text) <= MAX_PAGE:
            return problem(400, f"pageSize must be 1 to {MAX_PAGE}")
        if day > ledger.closed_until:
            return json_response({"items": [], "tryLater": True})
        entries = (ledger.funds if topic == "funds" else ledger.fees).get(day, [])
        size = int(size_text)
        start = _position(request.query.get("cursor"))
        more = start + size < len(entries)
        return json_response(
            {
                "cursor": _cursor(start + size) if more else "",
                "hasMore": more,
                "tryLater": False,
                "items": entries[start : start + size],
            }
        )


def _cursor(position: int) -> str:
    return base64.urlsafe_b64encode(f"p{position}".encode()).decode()


def _position(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        return int(base64.urlsafe_b64decode(cursor.encode()).decode()[1:])
    except ValueError:
        return 0
