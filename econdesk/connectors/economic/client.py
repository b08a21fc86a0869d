"""The e-conomic client: the chart, the bank account's entries, and posting vouchers.

Legacy REST (restapi.e-conomic.com) for reading and for POST /journals/{n}/vouchers; the
Journals API (apis.e-conomic.com/journalsapi) only to book exactly the posted drafts.

Speed and manners (docs/economic-api.md#paging, #rate-limits): a collection is read by asking
for its first page (page size 1000, sorted by a stable key), computing the remaining page URLs
from `pagination.results`, and fetching those concurrently, several in flight, paced by the
token bucket that e-conomic reports in X-RateLimiting / X-CallCost (`ratelimit.py`). Sorting by
entryNumber keeps `skippages` stable while entries are being booked: new entries land after the
last page instead of shifting the earlier ones.

Only links that point at the configured e-conomic host are followed, so the tokens never
go anywhere else.
"""

from __future__ import annotations

import asyncio
import itertools
import math
import operator
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any, TypeVar

import httpx

from econdesk.connectors.economic import filters as flt
from econdesk.connectors.economic import parse
from econdesk.connectors.economic.errors import SYSTEM, economic_error
from econdesk.connectors.economic.models import (
    Account,
    AccountingYear,
    Agreement,
    BankFetch,
    BankSyncMark,
    BookedEntry,
    BookedInvoice,
    Currency,
    DraftEntry,
    Journal,
    MarkerSearch,
    PostResult,
    VatAccount,
    VoucherAttachment,
)
from econdesk.connectors.economic.ratelimit import economic_rate_limit
from econdesk.connectors.errors import MalformedResponse, NotFound
from econdesk.connectors.http import HttpClient, RetryPolicy
from econdesk.connectors.ratelimit import RateLimitPolicy
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

T = TypeVar("T")

DEFAULT_BASE_URL = "https://restapi.e-conomic.com"
DEFAULT_JOURNALS_URL = "https://apis.e-conomic.com/journalsapi/v15.0.0"
MAX_PAGE_SIZE = 1000  # the documented maximum; 1001 is refused with E04810
DEFAULT_IN_FLIGHT = 6  # page requests on the wire at once, within the reported bucket
RESULT_FROM_CACHE = "X-ResultFromCache"
_ENTRY_NUMBER = operator.attrgetter("entry_number")


class EconomicClient:
    """One agreement. Use as `async with EconomicClient(...) as client:`."""

    def __init__(
        self,
        app_secret_token: str,
        agreement_grant_token: str,
        *,
        base_url: str = DEFAULT_BASE_URL,
        journals_url: str = DEFAULT_JOURNALS_URL,
        transport: httpx.AsyncBaseTransport | None = None,
        max_in_flight: int = DEFAULT_IN_FLIGHT,
        rate_limit: RateLimitPolicy | None = None,
        retry: RetryPolicy | None = None,
        timeout: float = 30.0,
        page_size: int = MAX_PAGE_SIZE,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if not 1 <= page_size <= MAX_PAGE_SIZE:
            raise ValueError(f"page size must be 1..{MAX_PAGE_SIZE}, got {page_size}")
        if not app_secret_token or not agreement_grant_token:
            raise ValueError("both the app secret token and the agreement grant token are needed")
        headers = {
            "X-AppSecretToken": app_secret_token,
            "X-AgreementGrantToken": agreement_grant_token,
            "Accept": "application/json",
        }
        # One bucket per agreement, shared by both hosts' clients.
        self.rate_limit = rate_limit or economic_rate_limit()
        common: dict[str, Any] = {
            "system": SYSTEM,
            "headers": headers,
            "transport": transport,
            "timeout": timeout,
            "retry": retry,
            "max_in_flight": max_in_flight,
            "rate_limit": self.rate_limit,
            "error_mapper": economic_error,
            "sleep": sleep,
        }
        self.http = HttpClient(base_url, **common)
        self.journals_http = HttpClient(journals_url, **common)
        self.page_size = page_size
        self._origin = httpx.URL(self.http.base_url).copy_with(path="/", query=None)
        self._base_currency: str | None = None

    async def __aenter__(self) -> EconomicClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self.http.aclose()
        await self.journals_http.aclose()

    # -- plumbing -------------------------------------------------------------------------
    def _link(self, url: str | None, what: str) -> str:
        """A link from an answer, refused unless it points at the configured e-conomic host."""
        if not url:
            raise MalformedResponse(
                say(QT_TRANSLATE_NOOP("CLI", "the answer has no link to {0}"), what),
                obj=what,
                system=SYSTEM,
            )
        target = httpx.URL(url)
        if target.is_relative_url:
            return url
        if (target.scheme, target.host, target.port) != (
            self._origin.scheme,
            self._origin.host,
            self._origin.port,
        ):
            raise MalformedResponse(
                say(
                    QT_TRANSLATE_NOOP(
                        "CLI", "the link to {0} points away from e-conomic ({1}); not followed"
                    ),
                    what,
                    target.host,
                ),
                obj=what,
                system=SYSTEM,
            )
        return url

    async def _page(
        self, url: str, params: Mapping[str, str | int], what: str, decode: Callable[[Any], T]
    ) -> T:
        return await self.http.get_decoded(url, params, decode, cost_key=f"GET {what}")

    async def collect(
        self,
        url: str,
        parse_item: Callable[[Any], T],
        what: str,
        *,
        filter: flt.Filter | None = None,
        sort: str | None = None,
        fast: Callable[[bytes], tuple[list[T], int] | None] | None = None,
    ) -> list[T]:
        """Every item of a legacy collection: the first page, then the rest concurrently.

        `fast` reads a page's bytes straight into typed items and `pagination.results` (None
        when the page is off shape: it is then read item by item by `parse_item`, whose
        errors name the item and the field).
        """
        params: dict[str, str | int] = {"pagesize": self.page_size, "skippages": 0}
        if filter is not None:
            params["filter"] = str(filter)
        if sort is not None:
            params["sort"] = sort
        if fast is not None:
            return await self._collect_typed(url, params, parse_item, what, fast)

        def items_of(data: Any) -> list[T]:
            return [parse_item(item) for item in parse.collection_items(data, what)[0]]

        def first_page(data: Any) -> tuple[list[Any], int]:
            items, page = parse.collection_items(data, what)
            return items, parse.page_results(page)

        items, results = await self._page(url, params, what, first_page)
        pages = math.ceil(results / self.page_size)
        # The later pages go out before the first one is read into typed items; each is read
        # as soon as it arrives, while the others are still on the wire.
        rest = asyncio.gather(
            *(self._page(url, {**params, "skippages": n}, what, items_of) for n in range(1, pages))
        )
        try:
            result = [parse_item(item) for item in items]
        except BaseException:
            rest.cancel()
            await asyncio.wait([rest])
            raise
        for more in await rest:
            result.extend(more)
        return result

    async def _collect_typed(
        self,
        url: str,
        params: dict[str, str | int],
        parse_item: Callable[[Any], T],
        what: str,
        fast: Callable[[bytes], tuple[list[T], int] | None],
    ) -> list[T]:
        def checked(data: Any) -> tuple[list[T], int]:
            items, page = parse.collection_items(data, what)
            return [parse_item(item) for item in items], parse.page_results(page)

        cost_key = f"GET {what}"
        result, results = await self.http.get_decoded(
            url, params, checked, cost_key=cost_key, fast=fast
        )
        rest = await asyncio.gather(
            *(
                self.http.get_decoded(
                    url, {**params, "skippages": n}, checked, cost_key=cost_key, fast=fast
                )
                for n in range(1, math.ceil(results / self.page_size))
            )
        )
        for more, _ in rest:
            result.extend(more)
        return result

    # -- the agreement ------------------------------------------------------------------------
    async def agreement(self) -> Agreement:
        found = parse.agreement(await self.http.get_json("/self", cost_key="GET self"))
        self._base_currency = found.base_currency
        return found

    async def base_currency(self) -> str:
        if self._base_currency is None:
            await self.agreement()
        assert self._base_currency is not None
        return self._base_currency

    async def accounts(self, filter: flt.Filter | None = None) -> list[Account]:
        return await self.collect(
            "/accounts", parse.account, "accounts", filter=filter, sort="accountNumber"
        )

    async def account(self, number: int) -> Account:
        return parse.account(await self.http.get_json(f"/accounts/{number}", cost_key="GET acc"))

    async def accounting_years(
        self, start: date | None = None, end: date | None = None
    ) -> list[AccountingYear]:
        """The agreement's accounting years, optionally only those overlapping start..end."""
        return await self._years_at("/accounting-years", "accounting years", start, end)

    async def account_years(
        self, account: Account, start: date | None = None, end: date | None = None
    ) -> list[AccountingYear]:
        """The years of one account, each linking to that account's entries in the year."""
        url = self._link(account.accounting_years_url, f"account {account.number}'s years")
        return await self._years_at(url, "account years", start, end)

    async def _years_at(
        self, url: str, what: str, start: date | None, end: date | None
    ) -> list[AccountingYear]:
        return await self.collect(url, parse.accounting_year, what, filter=_overlap(start, end))

    async def vat_accounts(self) -> list[VatAccount]:
        return await self.collect("/vat-accounts", parse.vat_account, "VAT accounts")

    async def unpaid_invoices(self) -> list[BookedInvoice]:
        """The booked invoices with a remainder: open ones are chosen by the endpoint, since
        `remainder` cannot be filtered on (docs/booking-modes.md)."""
        return await self.collect(
            "/invoices/unpaid", parse.booked_invoice, "unpaid invoices", sort="bookedInvoiceNumber"
        )

    async def currencies(self) -> list[Currency]:
        return await self.collect("/currencies", parse.currency, "currencies")

    async def journals(self) -> list[Journal]:
        return await self.collect("/journals", parse.journal, "journals", sort="journalNumber")

    async def journal(self, number: int) -> Journal:
        return parse.journal(await self.http.get_json(f"/journals/{number}", cost_key="GET jrn"))

    # -- the bank account -----------------------------------------------------------------------
    async def booked_entries(
        self,
        year: AccountingYear,
        start: date | None = None,
        end: date | None = None,
        *,
        after_entry: int | None = None,
    ) -> list[BookedEntry]:
        """Booked entries behind `year.entries_url` (one account's year, or the whole year),
        within start..end and, for an incremental fetch, with entryNumber > `after_entry`."""
        base = await self.base_currency()
        lo = max(start, year.from_date) if start else None
        hi = min(end, year.to_date) if end else None
        wanted = flt.all_of(
            flt.gte("date", lo) if lo else None,
            flt.lte("date", hi) if hi else None,
            flt.gt("entryNumber", after_entry) if after_entry is not None else None,
        )
        url = self._link(year.entries_url, f"the entries of year {year.year}")
        name = year.year
        return await self.collect(
            url,
            lambda item: parse.booked_entry(item, name, base),
            "entries",
            filter=wanted,
            sort="entryNumber",
            fast=lambda body: parse.booked_page(body, name, base),
        )

    async def draft_entries(
        self,
        account_number: int,
        start: date | None = None,
        end: date | None = None,
        *,
        journals: Iterable[int] | None = None,
    ) -> list[DraftEntry]:
        """Unbooked daybook lines with the account on either side, in every (or the given)
        journal."""
        base = await self.base_currency()
        chosen = await self._chosen_journals(journals)
        touching = flt.eq("account.accountNumber", account_number) | flt.eq(
            "contraAccount.accountNumber", account_number
        )
        wanted = flt.all_of(
            touching,
            flt.gte("date", start) if start else None,
            flt.lte("date", end) if end else None,
        )
        per_journal = await asyncio.gather(*(self._drafts_of(j, base, wanted) for j in chosen))
        return sorted(
            (d for lines in per_journal for d in lines if d.touches(account_number)),
            key=lambda d: d.journal_entry_number,
        )

    async def _drafts_of(
        self, journal: Journal, base: str, wanted: flt.Filter | None
    ) -> list[DraftEntry]:
        url = self._link(journal.entries_url, f"the entries of journal {journal.number}")
        number = journal.number
        return await self.collect(
            url,
            lambda item: parse.draft_entry(item, base, journal_number=number),
            "journal entries",
            filter=wanted,
        )

    async def bank_years(self, account_number: int, start: date, end: date) -> list[AccountingYear]:
        """The account's years overlapping start..end, with the agreement's base currency read.

        The agreement, the account and its years are asked for together, so that the pages
        start one round trip sooner: the years are at the address e-conomic documents as the
        account's `accountingYears` link. Should the account link them elsewhere, that link
        is followed. An error about the account comes before one about its years.
        """
        guessed = f"/accounts/{account_number}/accounting-years"
        answers = await asyncio.gather(
            self.base_currency(),
            self.account(account_number),
            self._years_at(guessed, "account years", start, end),
            return_exceptions=True,
        )
        base, account, years = answers
        for answer in (base, account):
            if isinstance(answer, BaseException):
                raise answer
        assert isinstance(account, Account)
        link = self._link(account.accounting_years_url, f"account {account.number}'s years")
        if self.http.url(link) != self.http.url(guessed):
            return await self.account_years(account, start, end)
        if isinstance(years, BaseException):
            raise years
        assert isinstance(years, list)
        return years

    async def fetch_bank(
        self,
        account_number: int,
        start: date,
        end: date,
        mark: BankSyncMark | None = None,
        *,
        drafts: bool = True,
    ) -> BankFetch:
        """Booked entries and draft lines on the bank account between start and end.

        Spans accounting years (one request stream per year, all concurrent). With the `mark`
        of a previous fetch of the same account starting no later, only entries booked since
        are fetched; pass the returned `mark` next time.
        """
        if end < start:
            raise ValueError(f"the date range ends ({end}) before it starts ({start})")
        years = await self.bank_years(account_number, start, end)
        usable = (
            mark if mark and mark.account_number == account_number and mark.start <= start else None
        )
        booked_task = asyncio.gather(
            *(
                self.booked_entries(
                    y, start, end, after_entry=usable.after(y.year) if usable else None
                )
                for y in years
            )
        )
        if drafts:
            booked_lists, draft_lines = await asyncio.gather(
                booked_task, self.draft_entries(account_number, start, end)
            )
        else:
            booked_lists, draft_lines = await booked_task, []
        last = dict(usable.last_entry_by_year) if usable else {}
        for year, entries in zip(years, booked_lists, strict=True):
            if entries:
                highest = max(map(_ENTRY_NUMBER, entries))
                last[year.year] = max(last.get(year.year, 0), highest)
        new_mark = BankSyncMark(account_number, usable.start if usable else start, last)
        return BankFetch(
            booked=tuple(itertools.chain.from_iterable(booked_lists)),
            drafts=tuple(draft_lines),
            mark=new_mark,
            years=tuple(years),
            incremental=usable is not None,
        )

    # -- posting ----------------------------------------------------------------------------
    async def post_vouchers(
        self,
        journal_number: int,
        vouchers: Sequence[Mapping[str, Any]],
        *,
        idempotency_key: str,
    ) -> PostResult:
        """POST many vouchers at once (bodies as `accounting.request` renders them).

        The key makes retries safe within the hour e-conomic remembers it; a replayed answer
        says so in `from_cache`. A lost answer raises ConnectionLost: the caller then searches
        for its markers (`find_marker`) before posting again under a new key.
        """
        if not vouchers:
            raise ValueError("no vouchers to post")
        if not idempotency_key:
            raise ValueError("posting needs an idempotency key (exactly-once)")
        base = await self.base_currency()
        response = await self.http.request(
            "POST",
            f"/journals/{journal_number}/vouchers",
            json_body=list(vouchers),
            idempotency_key=idempotency_key,
            cost_key="POST vouchers",
        )
        data = self.http.parse_json(response, f"POST /journals/{journal_number}/vouchers")
        posted = parse.posted_vouchers(data, journal_number, base)
        from_cache = response.headers.get(RESULT_FROM_CACHE, "").lower() == "true"
        return PostResult(tuple(posted), from_cache)

    async def book_draft_entries(
        self,
        journal_number: int,
        entry_numbers: Sequence[int],
        *,
        idempotency_key: str | None = None,
    ) -> None:
        """Book exactly these draft entries (Journals API `bookdraftentries`, answers 204)."""
        if not entry_numbers:
            raise ValueError("no draft entries to book")
        await self.journals_http.request(
            "POST",
            f"/journals/{journal_number}/bookdraftentries",
            json_body={"entryNumbers": list(entry_numbers)},
            idempotency_key=idempotency_key,
            cost_key="POST book",
        )

    # -- voucher attachments (docs/economic-api.md#voucher-attachments) -----------------------
    async def voucher_attachment(
        self, journal_number: int, year: str, voucher_number: int
    ) -> VoucherAttachment | None:
        """The voucher's attached document, or None when it has none (404)."""
        path = _attachment_path(journal_number, year, voucher_number)
        try:
            data = await self.http.get_json(path, cost_key="GET attachment")
        except NotFound:
            return None
        if not isinstance(data, Mapping):
            raise MalformedResponse(
                say(QT_TRANSLATE_NOOP("CLI", "the attachment is not an object")),
                obj=path,
                system=SYSTEM,
            )
        pages = data.get("pages")
        return VoucherAttachment(
            int(pages) if isinstance(pages, int) else None,
            str(data["createdAt"]) if data.get("createdAt") else None,
            str(data["file"]) if data.get("file") else None,
        )

    async def attach_voucher_file(
        self, journal_number: int, year: str, voucher_number: int, pdf: bytes, filename: str
    ) -> None:
        """POST one PDF as the voucher's document (multipart/form-data; at most 9.0 MB).

        Sent once, never retried on a lost answer (POST has no Idempotency-Key here): the
        caller asks `voucher_attachment` whether it arrived before sending again."""
        upload = httpx.Request(
            "POST", "http://upload", files={"file": (filename, pdf, "application/pdf")}
        )
        body = upload.read()
        await self.http.request(
            "POST",
            f"{_attachment_path(journal_number, year, voucher_number)}/file",
            content=body,
            headers={"Content-Type": upload.headers["Content-Type"]},
            cost_key="POST attachment",
        )

    async def find_marker(
        self,
        marker: str,
        *,
        journals: Iterable[int] | None = None,
        years: Sequence[AccountingYear] | None = None,
    ) -> MarkerSearch:
        """Daybook lines and booked entries whose text contains `marker` (exactly-once check).

        Searches every journal (or the given ones) and every open accounting year (or the
        given ones) with `text$like:` (escaped), all concurrently.
        """
        base = await self.base_currency()
        wanted = flt.contains("text", marker)
        chosen = await self._chosen_journals(journals)
        if years is None:
            years = [y for y in await self.accounting_years() if not y.closed]
        drafts_task = asyncio.gather(*(self._drafts_of(j, base, wanted) for j in chosen))
        booked_task = asyncio.gather(*(self._year_search(y, base, wanted) for y in years))
        draft_lists, booked_lists = await asyncio.gather(drafts_task, booked_task)
        # The server's $like: is case-insensitive; a marker is exact.
        return MarkerSearch(
            marker,
            tuple(d for lines in draft_lists for d in lines if marker in d.text),
            tuple(b for lines in booked_lists for b in lines if marker in b.text),
        )

    async def voucher_entries(
        self, year: AccountingYear, voucher_numbers: Iterable[int]
    ) -> list[BookedEntry]:
        """Every booked entry (on any account) of the given vouchers of `year`: what each
        voucher was booked against."""
        return await self.year_entries_in(year, "voucherNumber", voucher_numbers)

    async def year_entries_in(
        self, year: AccountingYear, field: str, values: Iterable[int]
    ) -> list[BookedEntry]:
        """The booked entries of `year` whose `field` (entryNumber, voucherNumber) is one of
        `values`; one request per 200 values (`$in:`)."""
        base = await self.base_currency()
        numbers = sorted(set(values))
        size = flt.MAX_IN_VALUES
        parts = [numbers[i : i + size] for i in range(0, len(numbers), size)]
        found = await asyncio.gather(
            *(self._year_search(year, base, flt.is_in(field, part)) for part in parts)
        )
        return [entry for entries in found for entry in entries]

    async def _chosen_journals(self, numbers: Iterable[int] | None) -> list[Journal]:
        every = await self.journals()
        if numbers is None:
            return every
        wanted = set(numbers)
        return [j for j in every if j.number in wanted]

    async def _year_search(
        self, year: AccountingYear, base: str, wanted: flt.Filter
    ) -> list[BookedEntry]:
        url = self._link(year.entries_url, f"the entries of year {year.year}")
        name = year.year
        return await self.collect(
            url,
            lambda item: parse.booked_entry(item, name, base),
            "year entries",
            filter=wanted,
            fast=lambda body: parse.booked_page(body, name, base),
        )


# e-conomic's replacements for characters other than letters and digits in a resource id
# (REST docs, "Custom resource self-link encoding"; docs/economic-api.md#year-ids-in-urls).
_ID_CODES = {"<": "0", ">": "1", "*": "2", "%": "3", ":": "4", "&": "5", "/": "6", "\\": "7",
             "_": "8", " ": "9", "?": "10", ".": "11", "#": "12", "+": "13"}  # fmt: skip


def url_id(value: str) -> str:
    """A resource id as e-conomic writes it in a URL: `2025/2026` -> `2025_6_2026`."""
    return "".join(f"_{_ID_CODES[c]}_" if c in _ID_CODES else c for c in value)


def _attachment_path(journal_number: int, year: str, voucher_number: int) -> str:
    return f"/journals/{journal_number}/vouchers/{url_id(year)}-{voucher_number}/attachment"


def _overlap(start: date | None, end: date | None) -> flt.Filter | None:
    """Years overlapping start..end: fromDate <= end and toDate >= start."""
    return flt.all_of(
        flt.lte("fromDate", end) if end else None,
        flt.gte("toDate", start) if start else None,
    )
