"""An e-conomic of its own for posting, written apart from the sandbox: it stores what it is
sent, may lose its answer and commit seconds later, and keeps Idempotency-Keys.

Its rules are e-conomic's as documented for vouchers and idempotency (docs/posting-safety.md):
a request whose answer is lost may still be committed; while a key's request is still being
processed a repeat of the key is refused with 409; once done, a repeat within the hour replays
the first answer; the daybook is searched by text. It keeps no other books: the agreement's
accounts, years and bank entries come from `inner` (the sandbox), so the test's deposits can
be checked against the clearing account as ever. Time is the test's clock, never the wall's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from econdesk.connectors.economic import models as eco
from econdesk.connectors.errors import Conflict, RequestTimeout
from econdesk.domain.money import Money
from econdesk.services.posting import EconomicPort

ENTRY_TYPES = ("financeVouchers", "customerPayments", "supplierPayments", "manualCustomerInvoices")


@dataclass
class _Request:
    key: str
    journal: int
    result: eco.PostResult
    commits_at: datetime


@dataclass
class LateCommittingEconomic:
    """The EconomicPort posting uses; `lose` answers are lost, each committed `delay` later."""

    inner: EconomicPort
    now: Callable[[], datetime]
    lose: int = 0
    delay: timedelta = timedelta(seconds=5)
    requests: list[str] = field(default_factory=list)  # every key received, in order
    _done: dict[str, _Request] = field(default_factory=dict)
    _next_voucher: int = 7001
    _next_entry: int = 90_001

    # -- posting -------------------------------------------------------------------------------
    async def post_vouchers(
        self, journal_number: int, vouchers: Sequence[Mapping[str, Any]], *, idempotency_key: str
    ) -> eco.PostResult:
        self.requests.append(idempotency_key)
        earlier = self._done.get(idempotency_key)
        if earlier is not None:
            if earlier.commits_at > self.now():
                raise Conflict("a request with this key is still being processed", status=409)
            return eco.PostResult(earlier.result.vouchers, from_cache=True)
        result = eco.PostResult(tuple(self._store(journal_number, v) for v in vouchers))
        lost = self.lose > 0
        commits_at = self.now() + (self.delay if lost else timedelta(0))
        self._done[idempotency_key] = _Request(idempotency_key, journal_number, result, commits_at)
        if lost:
            self.lose -= 1
            raise RequestTimeout("no answer within the timeout", system="e-conomic")
        return result

    def _store(self, journal: int, body: Mapping[str, Any]) -> eco.PostedVoucher:
        number, self._next_voucher = self._next_voucher, self._next_voucher + 1
        year = str(body["accountingYear"]["year"])
        entries: list[eco.DraftEntry] = []
        for kind in ENTRY_TYPES:
            for e in body.get("entries", {}).get(kind, []):
                entries.append(self._entry(journal, kind, number, year, e))
        return eco.PostedVoucher(journal, year, number, tuple(entries))

    def _entry(
        self, journal: int, kind: str, voucher: int, year: str, e: Mapping[str, Any]
    ) -> eco.DraftEntry:
        self._next_entry += 1
        currency = e.get("currency", {}).get("code", "DKK")
        return eco.DraftEntry(
            journal_entry_number=self._next_entry,
            journal_number=journal,
            entry_type=kind,
            entry_date=date.fromisoformat(e["date"]),
            amount=Money.of(str(e["amount"]), currency),
            account_number=e.get("account", {}).get("accountNumber"),
            contra_account_number=e.get("contraAccount", {}).get("accountNumber"),
            customer_number=e.get("customer", {}).get("customerNumber"),
            text=e.get("text", ""),
            voucher_number=voucher,
            year=year,
        )

    # -- looking -------------------------------------------------------------------------------
    async def find_marker(
        self,
        marker: str,
        *,
        journals: Iterable[int] | None = None,
        years: Sequence[eco.AccountingYear] | None = None,
    ) -> eco.MarkerSearch:
        """The committed daybook lines whose text holds `marker` (nothing not yet committed)."""
        wanted = None if journals is None else set(journals)
        drafts = tuple(
            entry
            for request in self._committed()
            if wanted is None or request.journal in wanted
            for voucher in request.result.vouchers
            for entry in voucher.entries
            if marker in entry.text
        )
        return eco.MarkerSearch(marker, drafts)

    def _committed(self) -> list[_Request]:
        return [r for r in self._done.values() if r.commits_at <= self.now()]

    def vouchers_with(self, marker: str) -> int:
        """How many committed vouchers carry `marker`: exactly once means 1."""
        return sum(
            1
            for request in self._committed()
            for voucher in request.result.vouchers
            if any(marker in e.text for e in voucher.entries)
        )

    # -- the rest of the agreement: as the sandbox keeps it --------------------------------------
    async def book_draft_entries(
        self, journal_number: int, entry_numbers: Sequence[int], *, idempotency_key: str | None
    ) -> None:
        raise AssertionError("this fake keeps drafts only; post with book = false")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)
