"""The e-conomic sandbox served over loopback: legacy REST plus the Journals API's booking.

    with EconomicSandbox(generate_data(seed=1)) as economic:
        client = EconomicClient(economic.app_secret_token, economic.agreement_grant_token,
                                base_url=economic.base_url, journals_url=economic.journals_url)
        ...
        economic.data.posted           # every accepted voucher POST
        economic.server.exchanges()    # every request, as received

Manners, as documented (docs/economic-api.md, Authentication to Idempotency): X-AppSecretToken
and X-AgreementGrantToken on every request (the demo tokens "demo"/"demo" and `?demo=true` allow
GET only); a cost-based token bucket reported in X-RateLimiting and X-CallCost on every answer,
429 when empty; `Idempotency-Key` on a write is remembered for an hour and a repeat answers the
original response with `X-ResultFromCache: true`; a write that is not JSON is refused with 415.

A write committed late (`FaultKind.COMMIT_LATE`: its answer is lost and it is carried out
seconds later) holds its Idempotency-Key as in progress meanwhile: a repeat under that key
is answered 409 and carries nothing out (docs/posting-safety.md says why 409).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from econdesk.connectors.economic.ratelimit import COST_HEADER, RATE_HEADER, format_rate_header
from econdesk.sandbox.economic import attachments
from econdesk.sandbox.economic.booking import book_draft_entries
from econdesk.sandbox.economic.collection import ResultCache, collection_response, json_fragment
from econdesk.sandbox.economic.errors import EconomicErrorBodies, legacy_error, validation_error
from econdesk.sandbox.economic.filters import Getter
from econdesk.sandbox.economic.invoices import INVOICE_FIELDS
from econdesk.sandbox.economic.render import Renderer
from econdesk.sandbox.economic.store import Draft, EconomicData
from econdesk.sandbox.economic.vouchers import NoVoucherNumbers, VoucherPoster
from econdesk.sandbox.economic.years import SandboxPeriod, SandboxYear, decode_id
from econdesk.sandbox.faults import FaultPlan
from econdesk.sandbox.ratelimit import BucketLimiter, BucketState
from econdesk.sandbox.server import (
    Request,
    Response,
    Router,
    SandboxServer,
    ServedSandbox,
    json_response,
)

SANDBOX_APP_SECRET_TOKEN = "sandbox-app-secret-token"
SANDBOX_AGREEMENT_GRANT_TOKEN = "sandbox-agreement-grant-token"
DEMO_TOKEN = "demo"
JOURNALS_API = "/journalsapi/v15.0.0"
ATTACHMENT_FILE = "/attachment/file"
IDEMPOTENCY_TTL = 3600.0
# What the demo agreement reports per 60 s (docs/economic-api.md#rate-limits).
DEFAULT_TOKEN_LIMIT = 10_000

# What can be filtered / sorted on, per collection (the schemas' "filterable" marks).
BOOKED_FIELDS: dict[str, Getter] = {
    "entryNumber": lambda e: e.entry_number,
    "date": lambda e: e.day_iso,
    "amount": lambda e: e.amount,
    "amountInBaseCurrency": lambda e: e.amount_base,
    "currency": lambda e: e.currency,
    "text": lambda e: e.text,
    "entryType": lambda e: e.entry_type,
    "voucherNumber": lambda e: e.voucher_number,
    "customer.customerNumber": lambda e: e.customer,
}
DRAFT_FIELDS: dict[str, Getter] = {
    "account.accountNumber": lambda d: d.account,
    "contraAccount.accountNumber": lambda d: d.contra_account,
    "customer.customerNumber": lambda d: d.customer,
    "text": lambda d: d.text,
    "amount": lambda d: d.amount,
    "amountDefaultCurrency": lambda d: d.amount_base,
    "date": lambda d: d.day.isoformat(),
    "entryType": lambda d: d.entry_type,
    "voucher.voucherNumber": lambda d: d.voucher_number,
    "journalEntryNumber": lambda d: d.journal_entry_number,
    "currency.code": lambda d: d.currency,
    "exchangeRate": lambda d: d.exchange_rate,
    "contraVatAccount.vatCode": lambda d: d.contra_vat_code,
}
ACCOUNT_FIELDS: dict[str, Getter] = {
    "accountNumber": lambda a: a.number,
    "accountType": lambda a: a.account_type,
    "barred": lambda a: a.barred,
    "blockDirectEntries": lambda a: a.block_direct_entries,
    "debitCredit": lambda a: a.debit_credit,
    "name": lambda a: a.name,
}
YEAR_FIELDS: dict[str, Getter] = {
    "fromDate": lambda y: y.from_date.isoformat(),
    "toDate": lambda y: y.to_date.isoformat(),
    "year": lambda y: y.year,
    "closed": lambda y: y.closed,
}
PERIOD_FIELDS: dict[str, Getter] = {
    "periodNumber": lambda p: p.number,
    "fromDate": lambda p: p.from_date.isoformat(),
    "toDate": lambda p: p.to_date.isoformat(),
}
JOURNAL_FIELDS: dict[str, Getter] = {"journalNumber": lambda j: j.number, "name": lambda j: j.name}


def call_cost(method: str, target: str) -> float:
    """What a request costs in tokens: reads cost more the more they return."""
    if method != "GET":
        return 10.0 if method == "POST" else 2.0
    query = parse_qs(urlsplit(target).query)
    size = query.get("pagesize", [None])[0]
    if size is None:
        return 1.0
    try:
        return 1.0 + max(0, int(size)) // 100
    except ValueError:
        return 1.0


def _rate_headers(state: BucketState) -> dict[str, str]:
    return {
        RATE_HEADER: format_rate_header(state.used, state.limit, state.window_seconds),
        COST_HEADER: f"{state.cost:.0f}",
    }


@dataclass(frozen=True, slots=True)
class _Cached:
    expires: float
    response: Response


class EconomicSandbox(ServedSandbox):
    """The routes over one `EconomicData`; see the module docstring."""

    def __init__(
        self,
        data: EconomicData,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        app_secret_token: str = SANDBOX_APP_SECRET_TOKEN,
        agreement_grant_token: str = SANDBOX_AGREEMENT_GRANT_TOKEN,
        faults: FaultPlan | None = None,
        token_limit: float = DEFAULT_TOKEN_LIMIT,
        token_window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.data = data
        self.app_secret_token = app_secret_token
        self.agreement_grant_token = agreement_grant_token
        self._clock = clock
        self._renderers: dict[str, Renderer] = {}
        self._renderer_lock = threading.Lock()
        self._cache = ResultCache()
        self._idempotent: dict[tuple[str, str, str], _Cached] = {}
        self._in_progress: set[tuple[str, str, str]] = set()  # keys of late commits
        self._drop_after_vouchers: int | None = None
        self.limiter = BucketLimiter(
            token_limit, token_window, cost=call_cost, report=_rate_headers, clock=clock
        )
        self.server = SandboxServer(
            self._router(),
            name="e-conomic",
            host=host,
            port=port,
            auth=self._auth,
            limiter=self.limiter,
            faults=faults,
            errors=EconomicErrorBodies(),
            on_deferred=self._hold_key,
        )

    # -- lifecycle and inspection ---------------------------------------------------------------
    @property
    def journals_url(self) -> str:
        return f"{self.server.base_url}{JOURNALS_API}"

    @property
    def faults(self) -> FaultPlan:
        return self.server.faults

    def drop_connection_after_vouchers(self, count: int) -> None:
        """Fault: the POST that brings the number of vouchers created (from now on) to at
        least `count` is carried out, then its connection closed without an answer."""
        with self.data.lock:
            self._drop_after_vouchers = count + sum(len(p.vouchers) for p in self.data.posted)

    # -- plumbing -----------------------------------------------------------------------------
    def _renderer(self, request: Request) -> Renderer:
        with self._renderer_lock:
            renderer = self._renderers.get(request.base_url)
            if renderer is None:
                renderer = self._renderers[request.base_url] = Renderer(self.data, request.base_url)
            return renderer

    def _auth(self, request: Request) -> Response | None:
        app = request.header("x-appsecrettoken")
        grant = request.header("x-agreementgranttoken")
        demo = (app == DEMO_TOKEN and grant == DEMO_TOKEN) or (
            app is None and grant is None and request.query.get("demo") == "true"
        )
        if demo:
            if request.method == "GET":
                return None
            return legacy_error(
                403, "The demo agreement is read-only.", "Use your own agreement's tokens to write."
            )
        if app == self.app_secret_token and grant == self.agreement_grant_token:
            upload = request.path.endswith(ATTACHMENT_FILE)  # multipart: checked by its route
            if (
                not upload
                and request.method in ("POST", "PUT")
                and "json" not in (request.header("content-type") or "")
            ):
                return legacy_error(
                    415,
                    "Unsupported media type; send application/json.",
                    "Set Content-Type: application/json.",
                )
            return None
        return legacy_error(
            401,
            "Unauthorized.",
            "Supply valid X-AppSecretToken and X-AgreementGrantToken headers; the grant may "
            "have been revoked.",
        )

    def _hold_key(self, request: Request) -> None:
        """A late commit has arrived: its key is in progress until it is carried out."""
        key = request.header("idempotency-key")
        if key:
            with self.data.lock:
                self._in_progress.add((key, request.method, request.path))

    def _idempotent_write(self, request: Request, perform: Callable[[], Response]) -> Response:
        """Run a write once per Idempotency-Key (within the hour); replay it afterwards."""
        key = request.header("idempotency-key")
        if not key:
            return perform()
        slot = (key, request.method, request.path)
        now = self._clock()
        with self.data.lock:
            if slot in self._in_progress:
                if not request.deferred:
                    return legacy_error(
                        409,
                        "A request with this Idempotency-Key is still being processed.",
                        "Wait for it to finish, then repeat the request with the same key.",
                    )
                self._in_progress.discard(slot)
            cached = self._idempotent.get(slot)
            if cached is not None and cached.expires > now:
                replay = Response(
                    cached.response.status, cached.response.body, dict(cached.response.headers)
                )
                replay.headers["X-ResultFromCache"] = "true"
                return replay
            response = perform()
            if 200 <= response.status < 300:
                self._idempotent[slot] = _Cached(now + IDEMPOTENCY_TTL, response)
            return response

    def _page(
        self,
        request: Request,
        items: list[Any],
        render: Callable[[Any], bytes],
        key: tuple[Any, ...],
        fields: dict[str, Getter],
        *,
        default_sort: Callable[[Any], Any] | None = None,
    ) -> Response:
        return collection_response(
            request,
            items,
            render,
            key=key,
            version=self.data.version,
            cache=self._cache,
            filterable=fields,
            default_sort=default_sort,
        )

    # -- routes -------------------------------------------------------------------------------
    def _router(self) -> Router:
        r = Router()
        r.get("/", self.home)
        r.get("/self", lambda q: json_response(self._renderer(q).agreement()))
        r.get("/accounts", self.accounts)
        r.get("/accounts/{account}", self.account)
        r.get("/accounts/{account}/accounting-years", self.account_years)
        r.get("/accounts/{account}/accounting-years/{year}", self.account_year)
        r.get("/accounts/{account}/accounting-years/{year}/entries", self.account_entries)
        r.get("/accounting-years", self.years)
        r.get("/accounting-years/{year}", self.year)
        r.get("/accounting-years/{year}/entries", self.year_entries)
        r.get("/accounting-years/{year}/periods", self.periods)
        r.get("/accounting-years/{year}/periods/{period}", self.period)
        r.get("/accounting-years/{year}/periods/{period}/entries", self.period_entries)
        r.get("/accounting-years/{year}/entries/{entry}", self.year_entry)
        r.get("/vat-accounts", self.vat_accounts)
        r.get("/vat-accounts/{code}", self.vat_account)
        r.get("/invoices/booked", lambda q: self.invoices(q, "booked"))
        r.get("/invoices/unpaid", lambda q: self.invoices(q, "unpaid"))
        r.get("/invoices/paid", lambda q: self.invoices(q, "paid"))
        r.get("/invoices/booked/{number}", self.invoice)
        r.get("/customers/{customer}/invoices/booked", self.customer_invoices)
        r.get("/currencies", self.currencies)
        r.get("/currencies/{code}", self.currency)
        r.get("/journals", self.journals)
        r.get("/journals/{journal}", self.journal)
        r.get("/journals/{journal}/entries", self.journal_entries)
        r.get("/journals/{journal}/entries/{entry}", self.journal_entry)
        r.delete("/journals/{journal}/entries/{entry}", self.delete_journal_entry)
        r.get("/journals/{journal}/vouchers/{voucher}", self.voucher)
        r.post("/journals/{journal}/vouchers", self.post_vouchers)
        r.get("/journals/{journal}/vouchers/{voucher}/attachment", self.attachment)
        r.get("/journals/{journal}/vouchers/{voucher}/attachment/file", self.attachment_file)
        r.post("/journals/{journal}/vouchers/{voucher}/attachment/file", self.attach)
        r.delete("/journals/{journal}/vouchers/{voucher}/attachment/file", self.detach)
        r.post(f"{JOURNALS_API}/journals/{{journal}}/bookdraftentries", self.book)
        return r

    def home(self, request: Request) -> Response:
        base = request.base_url
        return json_response(
            {
                "accounts": f"{base}/accounts",
                "accountingYears": f"{base}/accounting-years",
                "currencies": f"{base}/currencies",
                "journals": f"{base}/journals",
                "self": f"{base}/self",
                "vatAccounts": f"{base}/vat-accounts",
            }
        )

    def _not_found(self, request: Request) -> Response:
        return self.server.errors.not_found(request)

    def _number(self, request: Request, name: str) -> int | None:
        raw = request.params.get(name, "")
        return int(raw) if raw.isdigit() else None

    def accounts(self, request: Request) -> Response:
        r = self._renderer(request)
        items = list(self.data.accounts.values())
        return self._page(
            request,
            items,
            json_fragment(r.account),
            ("accounts",),
            ACCOUNT_FIELDS,
            default_sort=lambda a: a.number,
        )

    def account(self, request: Request) -> Response:
        number = self._number(request, "account")
        account = self.data.accounts.get(number) if number is not None else None
        if account is None:
            return self._not_found(request)
        return json_response(self._renderer(request).account(account))

    def account_years(self, request: Request) -> Response:
        number = self._number(request, "account")
        if number is None or number not in self.data.accounts:
            return self._not_found(request)
        r = self._renderer(request)
        return self._page(
            request,
            list(self.data.years),
            json_fragment(lambda y: r.year(y, number)),
            ("account-years", number),
            YEAR_FIELDS,
        )

    def account_year(self, request: Request) -> Response:
        number = self._number(request, "account")
        year = self.data.year_named(decode_id(request.params["year"]))
        if number is None or number not in self.data.accounts or year is None:
            return self._not_found(request)
        return json_response(self._renderer(request).year(year, number))

    def account_entries(self, request: Request) -> Response:
        number = self._number(request, "account")
        year = self.data.year_named(decode_id(request.params["year"]))
        if number is None or number not in self.data.accounts or year is None:
            return self._not_found(request)
        # The live list: booked entries are only ever appended, and the collection code takes
        # its own snapshot when it filters (copying 100,000 entries per page would not do).
        items = self.data.account_entries(number, year.year)
        r = self._renderer(request)
        return self._page(
            request, items, r.booked_fragment, ("entries", number, year.year), BOOKED_FIELDS
        )

    def years(self, request: Request) -> Response:
        r = self._renderer(request)
        return self._page(
            request, list(self.data.years), json_fragment(r.year), ("years",), YEAR_FIELDS
        )

    def year(self, request: Request) -> Response:
        year = self.data.year_named(decode_id(request.params["year"]))
        if year is None:
            return self._not_found(request)
        return json_response(self._renderer(request).year(year))

    def year_entries(self, request: Request) -> Response:
        year = self.data.year_named(decode_id(request.params["year"]))
        if year is None:
            return self._not_found(request)
        items = self.data.year_entries(year.year)
        r = self._renderer(request)
        return self._page(
            request, items, r.booked_fragment, ("year-entries", year.year), BOOKED_FIELDS
        )

    def periods(self, request: Request) -> Response:
        year = self.data.year_named(decode_id(request.params["year"]))
        if year is None:
            return self._not_found(request)
        r = self._renderer(request)
        return self._page(
            request,
            self.data.periods(year),
            json_fragment(lambda p: r.period(year, p)),
            ("periods", year.year, frozenset(self.data.closed_periods.get(year.year, ()))),
            PERIOD_FIELDS,
        )

    def _period(self, request: Request) -> tuple[SandboxYear, SandboxPeriod] | None:
        year = self.data.year_named(decode_id(request.params["year"]))
        number = self._number(request, "period")
        if year is None or number is None:
            return None
        found = next((p for p in self.data.periods(year) if p.number == number), None)
        return None if found is None else (year, found)

    def period(self, request: Request) -> Response:
        found = self._period(request)
        if found is None:
            return self._not_found(request)
        return json_response(self._renderer(request).period(*found))

    def period_entries(self, request: Request) -> Response:
        found = self._period(request)
        if found is None:
            return self._not_found(request)
        year, period = found
        items = [e for e in self.data.year_entries(year.year) if period.covers(e.day)]
        key = ("period-entries", year.year, period.number)
        return self._page(
            request, items, self._renderer(request).booked_fragment, key, BOOKED_FIELDS
        )

    def year_entry(self, request: Request) -> Response:
        year = self.data.year_named(decode_id(request.params["year"]))
        number = self._number(request, "entry")
        if year is None or number is None:
            return self._not_found(request)
        with self.data.lock:
            hit = next(
                (e for e in self.data.year_entries(year.year) if e.entry_number == number), None
            )
        if hit is None:
            return self._not_found(request)
        return Response(
            200,
            self._renderer(request).booked_fragment(hit),
            {"Content-Type": "application/json; charset=utf-8"},
        )

    def vat_accounts(self, request: Request) -> Response:
        r = self._renderer(request)
        items = list(self.data.vat_accounts.values())
        return self._page(request, items, json_fragment(r.vat_account), ("vat",), {})

    def vat_account(self, request: Request) -> Response:
        vat = self.data.vat_accounts.get(request.params["code"])
        if vat is None:
            return self._not_found(request)
        return json_response(self._renderer(request).vat_account(vat))

    def invoices(self, request: Request, which: str, customer: int | None = None) -> Response:
        """Booked invoices: all, those with a remainder (unpaid) or those without (paid)."""
        with self.data.lock:
            items = sorted(self.data.invoices.values(), key=lambda i: i.number)
        if which == "unpaid":
            items = [i for i in items if i.remainder != 0]
        elif which == "paid":
            items = [i for i in items if i.remainder == 0]
        if customer is not None:
            items = [i for i in items if i.customer == customer]
        r = self._renderer(request)
        key = ("invoices", which, customer)
        return self._page(request, items, json_fragment(r.booked_invoice), key, INVOICE_FIELDS)

    def invoice(self, request: Request) -> Response:
        number = self._number(request, "number")
        found = self.data.invoices.get(number) if number is not None else None
        if found is None:
            return self._not_found(request)
        return json_response(self._renderer(request).booked_invoice(found))

    def customer_invoices(self, request: Request) -> Response:
        number = self._number(request, "customer")
        if number is None or number not in self.data.customers:
            return self._not_found(request)
        return self.invoices(request, "booked", number)

    def currencies(self, request: Request) -> Response:
        r = self._renderer(request)
        items = list(self.data.currencies.values())
        return self._page(request, items, json_fragment(r.currency), ("currencies",), {})

    def currency(self, request: Request) -> Response:
        found = self.data.currencies.get(request.params["code"].upper())
        if found is None:
            return self._not_found(request)
        return json_response(self._renderer(request).currency(found))

    def journals(self, request: Request) -> Response:
        r = self._renderer(request)
        items = list(self.data.journals.values())
        return self._page(
            request,
            items,
            json_fragment(r.journal),
            ("journals",),
            JOURNAL_FIELDS,
            default_sort=lambda j: j.number,
        )

    def journal(self, request: Request) -> Response:
        number = self._number(request, "journal")
        journal = self.data.journals.get(number) if number is not None else None
        if journal is None:
            return self._not_found(request)
        return json_response(self._renderer(request).journal(journal))

    def journal_entries(self, request: Request) -> Response:
        number = self._number(request, "journal")
        if number is None or number not in self.data.journals:
            return self._not_found(request)
        with self.data.lock:
            items = sorted(self.data.drafts_in(number), key=lambda d: d.journal_entry_number)
        r = self._renderer(request)
        return self._page(request, items, json_fragment(r.draft), ("drafts", number), DRAFT_FIELDS)

    def _draft(self, request: Request) -> Draft | None:
        journal = self._number(request, "journal")
        entry = self._number(request, "entry")
        with self.data.lock:
            draft = self.data.drafts.get(entry) if entry is not None else None
        return draft if draft is not None and draft.journal == journal else None

    def journal_entry(self, request: Request) -> Response:
        draft = self._draft(request)
        if draft is None:
            return self._not_found(request)
        return json_response(self._renderer(request).draft(draft))

    def delete_journal_entry(self, request: Request) -> Response:
        def perform() -> Response:
            draft = self._draft(request)
            if draft is None:
                return self._not_found(request)
            self.data.remove_drafts([draft.journal_entry_number])
            return Response(204)

        with self.data.lock:
            return self._idempotent_write(request, perform)

    def voucher(self, request: Request) -> Response:
        number = self._number(request, "journal")
        journal = self.data.journals.get(number) if number is not None else None
        year_id, _, voucher_text = request.params["voucher"].rpartition("-")
        if journal is None or not voucher_text.isdigit():
            return self._not_found(request)
        year, voucher = decode_id(year_id), int(voucher_text)
        with self.data.lock:
            drafts = [
                d
                for d in self.data.drafts_in(journal.number)
                if d.year == year and d.voucher_number == voucher
            ]
        if not drafts:
            return self._not_found(request)
        poster = VoucherPoster(self.data, journal, self._renderer(request))
        return json_response(poster.voucher_json(year, voucher, drafts))

    # -- voucher attachments (sandbox/economic/attachments.py) ----------------------------------
    def _voucher_key(self, request: Request) -> attachments.VoucherKey | None:
        """(journal, year, number) of a voucher that exists, drafted or booked."""
        number = self._number(request, "journal")
        year_id, _, voucher_text = request.params["voucher"].rpartition("-")
        if number is None or number not in self.data.journals or not voucher_text.isdigit():
            return None
        year, voucher = decode_id(year_id), int(voucher_text)
        with self.data.lock:
            drafted = any(
                d.year == year and d.voucher_number == voucher for d in self.data.drafts_in(number)
            )
            booked = voucher in self.data.booked_vouchers.get(year, set())
        return (number, year, voucher) if drafted or booked else None

    def attachment(self, request: Request) -> Response:
        key = self._voucher_key(request)
        with self.data.lock:
            document = None if key is None else self.data.documents.get(key)
        if document is None:
            return self._not_found(request)
        return attachments.metadata(document, f"{request.base_url}{request.path.rstrip('/')}")

    def attachment_file(self, request: Request) -> Response:
        key = self._voucher_key(request)
        with self.data.lock:
            document = None if key is None else self.data.documents.get(key)
        if document is None:
            return self._not_found(request)
        return attachments.file_response(document)

    def attach(self, request: Request) -> Response:
        key = self._voucher_key(request)
        if key is None:
            return self._not_found(request)
        upload = attachments.read_upload(request)
        if isinstance(upload, Response):
            return upload
        with self.data.lock:
            if key in self.data.documents:
                return attachments.already_there(key)
            self.data.documents[key] = upload
            self.data.version += 1
        return Response(201)

    def detach(self, request: Request) -> Response:
        key = self._voucher_key(request)
        with self.data.lock:
            if key is None or self.data.documents.pop(key, None) is None:
                return self._not_found(request)
        return Response(204)

    def post_vouchers(self, request: Request) -> Response:
        number = self._number(request, "journal")
        journal = self.data.journals.get(number) if number is not None else None
        if journal is None:
            return self._not_found(request)
        try:
            body = request.json()
        except ValueError:
            return legacy_error(400, "The request body is not valid JSON.", "Send a JSON document.")
        renderer = self._renderer(request)

        def perform() -> Response:
            poster = VoucherPoster(self.data, journal, renderer)
            vouchers = body if isinstance(body, list) else [body]
            if not vouchers:
                return validation_error(["The request holds no vouchers."])
            failures = [(i, poster.problems(v)) for i, v in enumerate(vouchers)]
            failures = [(i, p) for i, p in failures if p]
            if failures:
                if isinstance(body, list):
                    return validation_error([{"arrayIndex": i, **p.tree} for i, p in failures])
                return validation_error(failures[0][1].tree)
            created: list[tuple[str, int, list[Draft]]] = []
            try:
                for voucher in vouchers:
                    created.extend(poster.create(voucher))
            except NoVoucherNumbers as exc:
                for _, _, drafts in created:  # all or nothing
                    self.data.remove_drafts(d.journal_entry_number for d in drafts)
                return validation_error(
                    {"voucherNumber": {"errors": [{"errorCode": "E07301", "message": str(exc)}]}}
                )
            poster.record(body, created, request.header("idempotency-key"))
            answer = [poster.voucher_json(y, n, drafts) for y, n, drafts in created]
            first = answer[0]["self"]
            return json_response(answer, 201, {"Location": first})

        with self.data.lock:
            response = self._idempotent_write(request, perform)
            if response.status == 201 and self._should_drop():
                return Response(response.status, response.body, response.headers, drop_after=True)
            return response

    def _should_drop(self) -> bool:
        if self._drop_after_vouchers is None:
            return False
        made = sum(len(p.vouchers) for p in self.data.posted)
        if made >= self._drop_after_vouchers:
            self._drop_after_vouchers = None
            return True
        return False

    def book(self, request: Request) -> Response:
        number = self._number(request, "journal")
        if number is None or number not in self.data.journals:
            return self._not_found(request)
        try:
            body = request.json()
        except ValueError:
            body = None

        def perform() -> Response:
            return book_draft_entries(self.data, number, body)

        with self.data.lock:
            return self._idempotent_write(request, perform)
