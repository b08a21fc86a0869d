"""Failures over loopback: e-conomic's error bodies in a bookkeeper's words, and every fault."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar
from urllib.parse import urlsplit

import pytest

from econdesk.connectors.economic import EconomicClient
from econdesk.connectors.economic import filters as flt
from econdesk.connectors.errors import (
    AccessDenied,
    AuthError,
    ConnectionLost,
    MalformedResponse,
    NotFound,
    ServerError,
    ValidationError,
)
from econdesk.connectors.http import RetryPolicy
from econdesk.sandbox.economic import EconomicData, EconomicSandbox
from econdesk.sandbox.faults import FaultConfig, FaultKind
from econdesk.sandbox.server import Router, SandboxServer, json_response

T = TypeVar("T")
Make = Callable[..., EconomicClient]


def run(make: Make, work: Callable[[EconomicClient], Coroutine[Any, Any, T]], **options: Any) -> T:
    async def go() -> T:
        async with make(**options) as client:
            return await work(client)

    return asyncio.run(go())


def clearing_voucher(account: int = 5830) -> dict[str, Any]:
    return {
        "accountingYear": {"year": "2025/2026"},
        "entries": {
            "financeVouchers": [
                {"date": "2026-03-05", "amount": Decimal("-1250.00"),
                 "account": {"accountNumber": 1010}, "contraAccount": {"accountNumber": account},
                 "vatAccount": {"vatCode": "U25"}, "text": "ED-m-000001-0a1b2c3d"},
            ]
        },
    }  # fmt: skip


def test_a_blocked_account_is_named_for_the_bookkeeper(
    make_client: Make, econ_data: EconomicData
) -> None:
    econ_data.accounts[5830] = replace(econ_data.accounts[5830], block_direct_entries=True)
    with pytest.raises(ValidationError) as caught:
        run(make_client, lambda c: c.post_vouchers(3, [clearing_voucher()], idempotency_key="k"))
    error = caught.value
    assert error.message == "voucher 1, line 1: Account 5830 does not accept direct entries"
    assert str(error).startswith("e-conomic: voucher 1, line 1: Account 5830 does not accept")
    assert error.log_id and error.log_id in str(error)  # for e-conomic support
    assert "HTTP 400" in error.technical() and "Validation error." in error.detail
    (problem,) = error.problems
    assert problem.path == "[0].entries.financeVouchers[0].contraAccount"
    assert (problem.index, problem.value) == (0, "5830")
    assert econ_data.drafts_in(3) == []  # nothing was created


def test_several_problems_are_all_kept(make_client: Make) -> None:
    body = clearing_voucher(account=5600)
    body["entries"]["financeVouchers"][0]["vatAccount"] = {"vatCode": "NOPE"}
    with pytest.raises(ValidationError) as caught:
        run(
            make_client,
            lambda c: c.post_vouchers(3, [clearing_voucher(), body], idempotency_key="k"),
        )
    error = caught.value
    assert error.message.startswith("voucher 2, line 1: ")
    assert error.message.endswith("(and 1 more problem)")
    words = {p.path.rsplit(".", 1)[-1]: p for p in error.problems}
    assert set(words) == {"contraAccount", "vatAccount"}


def test_revoked_grant_and_missing_objects(econ: EconomicSandbox, make_client: Make) -> None:
    revoked = EconomicClient(econ.app_secret_token, "grant-7f3a9c", base_url=econ.base_url)

    async def go() -> None:
        async with revoked:
            await revoked.agreement()

    with pytest.raises(AuthError) as caught:
        asyncio.run(go())
    assert "connect econdesk to e-conomic again" in str(caught.value)
    assert "grant-7f3a9c" not in caught.value.technical()  # the token itself never shows
    with pytest.raises(NotFound) as missing:
        run(make_client, lambda c: c.account(4242))
    assert missing.value.log_id and missing.value.status == 404


def test_a_read_only_grant_is_refused_in_words(econ: EconomicSandbox) -> None:
    demo = EconomicClient("demo", "demo", base_url=econ.base_url)

    async def go() -> None:
        async with demo:
            await demo.agreement()  # reading is allowed ...
            await demo.post_vouchers(3, [clearing_voucher()], idempotency_key="d")  # ... not this

    with pytest.raises(AccessDenied) as caught:
        asyncio.run(go())
    assert "does not allow this" in str(caught.value) and "read-only" in str(caught.value)


def test_booking_errors_come_as_problem_json(make_client: Make) -> None:
    with pytest.raises(ValidationError) as caught:
        run(make_client, lambda c: c.book_draft_entries(3, [987654]))
    error = caught.value
    assert "Draft entry 987654 does not exist in journal 3" in error.message
    assert error.problems[0].path == "entryNumbers[0]" and error.log_id  # the traceId


def test_an_unfilterable_property_is_reported_with_the_allowed_ones(make_client: Make) -> None:
    with pytest.raises(ValidationError) as caught:
        run(make_client, lambda c: c.accounts(flt.eq("vatAccount.vatCode", "U25")))
    assert "vatAccount.vatCode" in caught.value.message
    assert "filterable: accountNumber" in caught.value.detail


def bank_router(years_link: str, entries: Callable[[Any], Any] | None = None) -> Router:
    """/self, and bank account 5820 linking its years at `years_link` ("{base}" stands for the
    server's URL); with `entries`, that link lists the year 2026, whose entries it answers."""
    router = Router()
    router.get(
        "/self",
        lambda r: json_response({"agreementNumber": 1, "settings": {"baseCurrency": "DKK"}}),
    )
    router.get("/accounts/5820", lambda r: json_response({
        "accountNumber": 5820, "accountType": "status", "name": "Bank",
        "accountingYears": years_link.format(base=r.base_url),
        "self": f"{r.base_url}/accounts/5820"}))  # fmt: skip
    if entries is not None:
        years = urlsplit(years_link.format(base="")).path
        router.get(years, lambda r: json_response({
            "collection": [{"year": "2026", "fromDate": "2026-01-01", "toDate": "2026-12-31",
                            "entries": f"{years}/2026/entries", "self": "/accounting-years/2026"}],
            "pagination": {"results": 1}}))  # fmt: skip
        router.get(f"{years}/2026/entries", entries)
    return router


def test_links_to_another_host_are_not_followed() -> None:
    router = bank_router("https://elsewhere.example/accounts/5820/accounting-years")
    with SandboxServer(router) as server:
        client = EconomicClient("app", "grant", base_url=server.base_url)

        async def go() -> None:
            async with client:
                await client.fetch_bank(5820, date(2026, 1, 1), date(2026, 1, 31))

        with pytest.raises(MalformedResponse) as caught:
            asyncio.run(go())
        assert "elsewhere.example" in str(caught.value)
        # Nothing was sent there: only /self, the account and its years at the documented
        # address, all to the configured host.
        assert sorted(e.path for e in server.exchanges()) == [
            "/accounts/5820", "/accounts/5820/accounting-years", "/self"
        ]  # fmt: skip


def test_years_linked_elsewhere_on_the_same_host_are_followed() -> None:
    """The years are first asked for at their documented address, together with the account;
    an account that links them elsewhere has that link followed instead."""

    def entries(r: Any) -> Any:
        return json_response({
            "collection": [{"entryNumber": 7, "date": "2026-01-05", "currency": "DKK",
                            "account": {"accountNumber": 5820}, "amount": Decimal("10.50"),
                            "self": "/accounting-years/2026/entries/7"}],
            "pagination": {"results": 1}})  # fmt: skip

    router = bank_router("{base}/ledgers/5820/years", entries)
    with SandboxServer(router) as server:
        client = EconomicClient("app", "grant", base_url=server.base_url)

        async def go() -> tuple[int, ...]:
            async with client:
                fetched = await client.fetch_bank(
                    5820, date(2026, 1, 1), date(2026, 1, 31), drafts=False
                )
                return tuple(e.entry_number for e in fetched.booked)

        assert asyncio.run(go()) == (7,)
        asked = {e.path: e.status for e in server.exchanges()}
    assert asked["/accounts/5820/accounting-years"] == 404 and asked["/ledgers/5820/years"] == 200


# -- faults -----------------------------------------------------------------------------------


def test_added_latency_only_slows_down(econ: EconomicSandbox, make_client: Make) -> None:
    econ.faults.config = FaultConfig(latency_ms=30)
    years = run(make_client, lambda c: c.accounting_years())
    assert len(years) >= 2


@pytest.mark.parametrize("kind", [FaultKind.ERROR, FaultKind.THROTTLE, FaultKind.DROP])
def test_reads_survive_5xx_429_and_dropped_connections(
    econ: EconomicSandbox, make_client: Make, sleeps: Any, kind: FaultKind
) -> None:
    econ.faults.script(kind, times=2, path="/entries", retry_after=2)
    fetch = run(make_client, lambda c: c.fetch_bank(5820, date(2025, 10, 1), date(2026, 8, 31)))
    assert len(fetch.booked) == 2400
    assert econ.faults.injected[kind] == 2
    if kind is FaultKind.THROTTLE:
        assert sum(1 for w in sleeps.waits if w >= 2) >= 2  # Retry-After honoured


def test_reads_give_up_with_a_clear_error(econ: EconomicSandbox, make_client: Make) -> None:
    econ.faults.script(FaultKind.ERROR, times=10, path="/accounting-years")
    with pytest.raises(ServerError) as caught:
        run(make_client, lambda c: c.accounting_years())
    assert "e-conomic failed on its side" in str(caught.value)
    assert len(econ.server.exchanges(path="/accounting-years")) == 4


def test_a_post_dropped_after_it_was_carried_out_is_replayed_from_the_cache(
    econ: EconomicSandbox, make_client: Make, econ_data: EconomicData
) -> None:
    econ.faults.script(FaultKind.ACCEPT_THEN_DROP, method="POST")
    result = run(
        make_client, lambda c: c.post_vouchers(3, [clearing_voucher()], idempotency_key="m1")
    )
    assert result.from_cache  # the retry got e-conomic's remembered answer ...
    assert len(econ_data.drafts_in(3)) == 1  # ... and nothing was posted twice
    posts = econ.server.exchanges(method="POST")
    assert [p.status for p in posts] == [None, 201]


def test_the_connection_dropped_after_n_vouchers(
    econ: EconomicSandbox, make_client: Make, econ_data: EconomicData
) -> None:
    econ.drop_connection_after_vouchers(2)

    async def work(c: EconomicClient) -> Any:
        first = await c.post_vouchers(3, [clearing_voucher()], idempotency_key="b1")
        second = await c.post_vouchers(3, [clearing_voucher(), clearing_voucher()],
                                       idempotency_key="b2")  # fmt: skip
        return first, second

    first, second = run(make_client, work)
    assert not first.from_cache and second.from_cache
    assert len(econ_data.drafts_in(3)) == 3


def test_a_lost_answer_without_retries_says_the_outcome_is_unknown(
    econ: EconomicSandbox, make_client: Make, econ_data: EconomicData
) -> None:
    econ.faults.script(FaultKind.ACCEPT_THEN_DROP, method="POST")
    with pytest.raises(ConnectionLost) as caught:
        run(make_client, lambda c: c.post_vouchers(3, [clearing_voucher()], idempotency_key="x"),
            retry=RetryPolicy(attempts=1))  # fmt: skip
    assert "lost before it answered" in str(caught.value)
    assert len(econ_data.drafts_in(3)) == 1  # it did happen: search the marker before retrying
    found = run(make_client, lambda c: c.find_marker("ED-m-000001-0a1b2c3d", journals=[3]))
    assert found.found


def test_random_faults_at_a_rate_are_ridden_out(econ: EconomicSandbox, make_client: Make) -> None:
    econ.faults.config = FaultConfig.mixed(0.3, seed=5)
    fetch = run(make_client, lambda c: c.fetch_bank(5820, date(2025, 10, 1), date(2026, 8, 31)),
                retry=RetryPolicy(attempts=8, base_delay=0.001))  # fmt: skip
    assert len(fetch.booked) == 2400
    assert sum(econ.faults.injected.values()) > 0


def test_an_off_shape_entry_on_a_later_page_is_named() -> None:
    """Pages are read straight into typed entries; one that does not fit is read again item by
    item, so the error still names the entry and the field."""

    def entry(number: int, amount: object) -> dict[str, Any]:
        return {
            "entryNumber": number, "date": "2026-01-05", "currency": "DKK",
            "account": {"accountNumber": 5820}, "amount": amount,
            "self": f"/accounting-years/2026/entries/{number}",
        }  # fmt: skip

    def entries(r: Any) -> Any:
        skip = int(r.query.get("skippages", "0"))
        item = entry(4711, Decimal("10.50")) if skip == 0 else entry(4712, "12.50")
        return json_response({"collection": [item], "pagination": {"results": 2}})

    router = bank_router("/accounts/5820/accounting-years", entries)
    with SandboxServer(router) as server:
        client = EconomicClient("app", "grant", base_url=server.base_url, page_size=1)

        async def go() -> None:
            async with client:
                await client.fetch_bank(5820, date(2026, 1, 1), date(2026, 1, 31), drafts=False)

        with pytest.raises(MalformedResponse) as caught:
            asyncio.run(go())
    assert "booked entry 4712" in str(caught.value) and caught.value.field == "amount"
    assert "must be a number, got str" in str(caught.value)
