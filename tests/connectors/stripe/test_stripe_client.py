"""The Stripe client against the Stripe sandbox over loopback HTTP."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from conftest import KEY, Account

from econdesk.connectors import eventloop
from econdesk.connectors.errors import AuthError, MalformedResponse, NotFound, RateLimited
from econdesk.connectors.http import RetryPolicy
from econdesk.connectors.platform import SourcePage, Window
from econdesk.connectors.ratelimit import RequestRate
from econdesk.connectors.stripe.client import StripeClient
from econdesk.domain.model import ItemKind
from econdesk.domain.money import Money, money_sum
from econdesk.sandbox.faults import FaultConfig
from econdesk.sandbox.listing import DELETE
from econdesk.sandbox.server import SandboxServer
from econdesk.sandbox.stripe.app import StripeSandbox
from tests.connectors.platform_client_support import read_pages, script_transient_faults

JUNE = Window(date(2024, 6, 1), date(2024, 7, 1))
FAST_RETRY = RetryPolicy(attempts=5, base_delay=0.01, max_delay=0.05)


def client(
    server: SandboxServer,
    key: str = KEY,
    page_size: int = 10,
    retry: RetryPolicy = FAST_RETRY,
    rate: RequestRate | None = None,
) -> StripeClient:
    return StripeClient(
        key,
        base_url=server.base_url,
        page_size=page_size,
        retry=retry,
        rate_limit=rate or RequestRate(1000, burst=8),
    )


def collect(server: SandboxServer, stream: str, window: Window = JUNE,
            resume: str | None = None, **kw: object) -> list[SourcePage]:  # fmt: skip
    return read_pages(lambda: client(server, **kw), [stream], window, resume)  # type: ignore[arg-type]


def test_payouts_arrive_with_their_components_netting_to_the_deposit(
    stripe_server: SandboxServer, account: Account
) -> None:
    pages = collect(stripe_server, "payouts")
    payouts = [p for page in pages for p in page.payouts]
    items = {i.ref: i for page in pages for i in page.items}
    assert len(payouts) == len(account.payouts)
    for payout in payouts:
        if not payout.has_breakdown:
            assert payout.external_id == "po_1M0000000000000000000001"
            assert payout.component_refs == ()
            continue
        parts = [items[r] for r in payout.component_refs]
        assert all(p.payout_ref == payout.ref for p in parts)
        assert money_sum((p.net for p in parts), payout.currency) == payout.amount
        assert payout.gross is not None and payout.fees is not None
        taken_off = money_sum((-p.amount for p in parts if p.amount.is_negative()), payout.currency)
        assert payout.gross - taken_off - payout.fees == payout.amount
    currencies = {p.currency for p in payouts}
    assert currencies == {"DKK", "EUR"}
    kinds = {i.kind for i in items.values()}
    assert kinds == {ItemKind.PAYMENT, ItemKind.REFUND, ItemKind.CHARGEBACK}
    # the refund's customer came from its charge, looked up by id
    refund = next(i for i in items.values() if i.kind is ItemKind.REFUND)
    assert refund.customer_name == "Kunde 1"
    assert refund.amount == Money(Decimal("-149.00"), "DKK")


def test_balance_stream_pages_newest_first_and_resumes_after_any_page(
    stripe_server: SandboxServer, account: Account
) -> None:
    pages = collect(stripe_server, "balance_transactions")
    assert len(pages) > 3  # paged by 10
    refs = [i.ref for p in pages for i in p.items]
    expected = {f"stripe:{b['id']}" for b in account.bts if b["type"] != "payout"}
    # the first charge was made on 31 May (Copenhagen): outside June
    first = f"stripe:{account.bts[0]['id']}"
    assert set(refs) == expected - {first}
    assert len(refs) == len(set(refs))
    times = [i.occurred_at for p in pages for i in p.items]
    assert times == sorted(times, reverse=True)
    assert all(i.payout_ref is None for p in pages for i in p.items)
    # resuming after page 2 yields exactly the rest
    rest = collect(stripe_server, "balance_transactions", resume=pages[1].resume)
    assert [i.ref for p in rest for i in p.items] == [i.ref for p in pages[2:] for i in p.items]
    assert pages[-1].resume is None


def test_the_client_keeps_within_stripes_test_mode_rate_limit(account: Account) -> None:
    """Against the sandbox's real 25 requests/s, the default client never draws a 429."""
    with StripeSandbox(account.data()).server() as server:

        async def run() -> list[SourcePage]:
            async with StripeClient(KEY, base_url=server.base_url, page_size=3) as c:
                return [p async for p in c.pages("payouts", JUNE)]

        pages = eventloop.run(run())
        assert sum(len(p.payouts) for p in pages) == len(account.payouts)
        assert [e for e in server.exchanges() if e.status == 429] == []
        assert len(server.exchanges()) > 30  # enough requests for the limit to matter


def test_the_local_midnight_decides_the_window(stripe_server: SandboxServer) -> None:
    may_31 = Window(date(2024, 5, 31), date(2024, 6, 1))
    pages = collect(stripe_server, "balance_transactions", window=may_31)
    items = [i for p in pages for i in p.items]
    assert [i.occurred_at.date() for i in items] == [date(2024, 5, 31)]
    assert items[0].occurred_at.hour == 23  # 21:30 UTC is 23:30 in Copenhagen


def test_wrong_key_is_an_auth_error_that_does_not_repeat_the_key(
    stripe_server: SandboxServer,
) -> None:
    wrong = "sk_test_thisIsNotTheRightKey123456"
    with pytest.raises(AuthError) as caught:
        collect(stripe_server, "payouts", key=wrong)
    text = caught.value.technical()
    assert "secret key was not accepted" in text
    assert wrong not in text
    assert stripe_server.exchanges()[0].status == 401


def test_unknown_charge_is_not_found_in_stripes_words(stripe_server: SandboxServer) -> None:
    async def run() -> None:
        async with client(stripe_server) as c:
            await c.charge("ch_nope")

    with pytest.raises(NotFound, match="No such charge: 'ch_nope'"):
        eventloop.run(run())


def test_faults_are_retried_and_the_result_is_unchanged(stripe_server: SandboxServer) -> None:
    clean = collect(stripe_server, "payouts")
    script_transient_faults(
        stripe_server,
        error_path="/v1/payouts",
        throttle_path="/v1/balance_transactions",
        drop_path="/v1/charges/",
        latency=FaultConfig(latency_ms=5),
    )
    faulty = collect(stripe_server, "payouts")
    assert faulty == clean
    statuses = [e.status for e in stripe_server.exchanges()]
    assert statuses.count(503) == 2 and statuses.count(429) == 1 and statuses.count(None) == 2


def test_a_429_that_never_ends_gives_up_with_rate_limited(stripe_server: SandboxServer) -> None:
    stripe_server.faults.config = FaultConfig(throttle_rate=1.0, retry_after_seconds=0.01)
    with pytest.raises(RateLimited):
        collect(stripe_server, "payouts", retry=RetryPolicy(attempts=2))
    assert [e.status for e in stripe_server.exchanges()] == [429, 429]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"amount": "14900"}, "amount"),
        ({"fee": DELETE}, "fee"),
        ({"type": "loyalty_bonus"}, "type"),
        ({"currency": 208}, "currency"),
    ],
)
def test_a_malformed_object_fails_its_page_and_nothing_of_it_is_yielded(
    account: Account, change: dict[str, object], field: str
) -> None:
    data = account.data()
    victim = account.bts[25]["id"]
    data.balance_transactions.tamper(victim, change)
    got: list[SourcePage] = []
    with StripeSandbox(data).server() as server, pytest.raises(MalformedResponse) as caught:
        read_pages(lambda: client(server), ["balance_transactions"], JUNE, sink=got)
    assert caught.value.obj == f"balance_transaction {victim}"
    assert caught.value.field == field
    assert all(i.external_id != victim for p in got for i in p.items)
    assert len(got) < 5  # the stream stopped at the bad page
