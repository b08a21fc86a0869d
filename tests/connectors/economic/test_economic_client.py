"""The e-conomic client against the sandbox over loopback: reading, fetching, posting."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from econdesk.accounting.request import request_body
from econdesk.connectors.economic import EconomicClient
from econdesk.connectors.economic.models import BankFetch
from econdesk.connectors.ratelimit import ReportedBudget
from econdesk.domain.model import BankEntryOrigin, Voucher, VoucherEntryKind, VoucherLine
from econdesk.domain.money import Money
from econdesk.sandbox.economic import EconomicData, EconomicSandbox, from_bank_entries
from econdesk.sandbox.economic.integration import book_integration
from econdesk.sandbox.economic.invoices import book_payment
from econdesk.sandbox.economic.store import SandboxInvoice
from econdesk.sandbox.economic.vouchers import VoucherValidator, load_schema
from econdesk.sandbox.faults import FaultConfig
from econdesk.sandbox.scenario import NAMED, generate

T = TypeVar("T")
Make = Callable[..., EconomicClient]
START, END = date(2025, 10, 1), date(2026, 8, 31)


def run(make: Make, work: Callable[[EconomicClient], Coroutine[Any, Any, T]], **options: Any) -> T:
    async def go() -> T:
        async with make(**options) as client:
            return await work(client)

    return asyncio.run(go())


def test_reads_the_agreement_and_its_chart(make_client: Make, econ_data: EconomicData) -> None:
    async def work(c: EconomicClient) -> Any:
        return await asyncio.gather(
            c.agreement(), c.accounts(), c.accounting_years(), c.vat_accounts(), c.currencies(),
            c.journals(),
        )  # fmt: skip

    agreement, accounts, years, vat, currencies, journals = run(make_client, work)
    assert agreement.base_currency == "DKK" and agreement.company_name == econ_data.company_name
    assert len(accounts) == len(econ_data.accounts)
    by_number = {a.number: a for a in accounts}
    assert by_number[5600].block_direct_entries and not by_number[5820].block_direct_entries
    assert by_number[1010].vat_code == "U25" and not by_number[1000].takes_entries
    split = next(y for y in years if y.year == "2025/2026")
    assert (split.from_date, split.to_date) == (date(2025, 1, 1), date(2026, 6, 30))
    assert split.entries_url and split.entries_url.endswith("/accounting-years/2025_6_2026/entries")
    u25 = next(v for v in vat if v.code == "U25")
    assert u25.rate_percent == Decimal("25") and u25.account == 6902
    assert {"DKK", "EUR"}.issubset({c.code for c in currencies})
    payments = next(j for j in journals if j.number == 2)
    assert payments.entry_type_restricted_to == "customerPayment"
    assert payments.contra_account_customer_payments == 5820
    assert next(j for j in journals if j.number == 3).min_voucher_number == 90001


def expected_bank(data: EconomicData) -> tuple[int, Decimal]:
    entries = [e for (acc, _), lst in data.by_account_year.items() if acc == 5820 for e in lst]
    return len(entries), sum((e.amount_base for e in entries), Decimal(0))


def test_fetches_the_bank_account_across_accounting_years(
    make_client: Make, econ: EconomicSandbox, econ_data: EconomicData
) -> None:
    # A little latency, as on the internet, so that pages in flight at once overlap in time
    # (on loopback an answer can arrive before the next request is sent).
    econ.faults.config = FaultConfig(latency_ms=40)
    fetch: BankFetch = run(make_client, lambda c: c.fetch_bank(5820, START, END))
    count, total = expected_bank(econ_data)
    assert len(fetch.booked) == count
    assert sum((e.amount_base.amount for e in fetch.booked), Decimal(0)) == total
    assert {e.year for e in fetch.booked} == {"2025/2026", "2026/2027"}
    assert [y.year for y in fetch.years] == ["2025/2026", "2026/2027"]
    numbers = [e.entry_number for e in fetch.booked]
    assert len(set(numbers)) == len(numbers)
    # Pages of 1000, several in flight at once.
    pages = econ.server.exchanges(path=r"/accounts/5820/accounting-years/.+/entries")
    assert all("pagesize=1000" in p.target for p in pages) and len(pages) >= 3
    assert any("skippages=1" in p.target for p in pages)
    assert econ.server.peak_in_flight >= 2
    touching = [d for d in econ_data.drafts.values() if 5820 in (d.account, d.contra_account)]
    assert len(fetch.drafts) == len(touching) > 0


def test_normalises_to_domain_bank_entries(make_client: Make) -> None:
    fetch: BankFetch = run(make_client, lambda c: c.fetch_bank(5820, START, END))
    entries = fetch.bank_entries()
    booked = [e for e in entries if e.origin is BankEntryOrigin.BOOKED]
    drafts = [e for e in entries if e.origin is BankEntryOrigin.DRAFT]
    assert booked[0].ref == f"economic:{fetch.booked[0].entry_number}"
    assert drafts and all(d.ref.startswith("economic-draft:") for d in drafts)
    euro = next(e for e in booked if e.amount.currency == "EUR")
    assert euro.amount_base is not None and euro.amount_base.currency == "DKK"
    assert all(isinstance(e.amount.amount, Decimal) for e in entries)
    dkk = next(e for e in booked if e.amount.currency == "DKK")
    assert dkk.amount_base is None  # only given when it differs


def test_a_draft_with_the_bank_as_contra_account_is_money_out(
    make_client: Make, econ_data: EconomicData
) -> None:
    with econ_data.lock:
        draft = next(iter(econ_data.drafts.values()))
        econ_data.drafts[draft.journal_entry_number] = replace(
            draft, account=7220, contra_account=5820, amount=Decimal("45.00"),
            amount_base=Decimal("45.00"),
        )  # fmt: skip
        econ_data.version += 1
    fetch: BankFetch = run(make_client, lambda c: c.fetch_bank(5820, START, END))
    line = next(d for d in fetch.drafts if d.journal_entry_number == draft.journal_entry_number)
    assert line.to_bank_entry(5820).amount == Money.of("-45.00", "DKK")


def bank_voucher(marker: str, amount: str = "-800.00") -> dict[str, Any]:
    return {
        "accountingYear": {"year": "2025/2026"},
        "journal": {"journalNumber": 3},
        "entries": {
            "financeVouchers": [
                {"date": "2026-06-10", "amount": Decimal(amount), "currency": {"code": "DKK"},
                 "account": {"accountNumber": 5831}, "contraAccount": {"accountNumber": 5820},
                 "text": f"{marker} Clearhaus settlement"},
            ]
        },
    }  # fmt: skip


def test_incremental_fetch_gets_only_what_was_booked_since(
    make_client: Make, econ: EconomicSandbox
) -> None:
    async def work(c: EconomicClient) -> tuple[BankFetch, BankFetch]:
        first = await c.fetch_bank(5820, START, END)
        posted = await c.post_vouchers(
            3, [bank_voucher("ED-m-000009-00ff00ff")], idempotency_key="a"
        )
        await c.book_draft_entries(3, posted.entry_numbers)
        second = await c.fetch_bank(5820, START, END, first.mark)
        return first, second

    first, second = run(make_client, work)
    assert not first.incremental and second.incremental
    assert [(e.amount, e.text) for e in second.booked] == [
        (Money.of("800.00", "DKK"), "ED-m-000009-00ff00ff Clearhaus settlement")
    ]
    assert second.mark.last_entry_by_year["2025/2026"] > first.mark.last_entry_by_year["2025/2026"]
    assert second.mark.last_entry_by_year["2026/2027"] == first.mark.last_entry_by_year["2026/2027"]
    assert len(second.drafts) == len(first.drafts)  # drafts are always read whole
    asked = econ.server.exchanges(path="/accounts/5820/accounting-years/.+/entries")[-1].target
    assert "entryNumber%24gt%3A" in asked


def test_a_mark_that_does_not_cover_earlier_days_is_not_used(make_client: Make) -> None:
    async def work(c: EconomicClient) -> tuple[BankFetch, BankFetch]:
        later = await c.fetch_bank(5820, date(2026, 1, 1), END)
        earlier = await c.fetch_bank(5820, START, END, later.mark)
        return later, earlier

    later, earlier = run(make_client, work)
    assert not earlier.incremental and len(earlier.booked) > len(later.booked)


def domain_voucher(match: str, amount: str) -> Voucher:
    line = VoucherLine(
        VoucherEntryKind.FINANCE, date(2026, 3, 5), Money.of(amount, "DKK"),
        f"ED-{match}-1a2b3c4d Stripe payout po_1", account=1010, contra_account=5830,
        vat_code="U25",
    )  # fmt: skip
    fee = VoucherLine(
        VoucherEntryKind.FINANCE, date(2026, 3, 5), Money.of("12.50", "DKK"),
        f"ED-{match}-1a2b3c4d fee", account=7220, contra_account=5830,
    )  # fmt: skip
    return Voucher(match, 3, "2025/2026", f"ED-{match}-1a2b3c4d", (line, fee))


def test_posted_bodies_follow_the_official_schema_and_come_back_typed(
    make_client: Make, econ: EconomicSandbox
) -> None:
    vouchers = [domain_voucher("m-000001", "-1250.00"), domain_voucher("m-000002", "-99.95")]
    result = run(
        make_client, lambda c: c.post_vouchers(3, request_body(vouchers), idempotency_key="batch-1")
    )
    assert [v.voucher_number for v in result.vouchers] == [90001, 90002]
    assert [len(v.entries) for v in result.vouchers] == [2, 2]
    assert result.vouchers[0].entries[0].amount == Money.of("-1250.00", "DKK")
    assert not result.from_cache
    sent = econ.server.exchanges(method="POST")[0]
    assert sent.headers["idempotency-key"] == "batch-1"
    validator = VoucherValidator(load_schema())
    bodies = sent.json()
    assert isinstance(bodies, list) and len(bodies) == 2
    for body in bodies:
        assert list(validator.iter_errors(body)) == []
    assert b"-1250.00" in sent.body  # exact decimals on the wire, never a float


def test_post_then_book_exactly_those_entries_and_find_the_marker(
    make_client: Make, econ_data: EconomicData
) -> None:
    marker = "ED-m-000003-cafe0001"

    async def work(c: EconomicClient) -> Any:
        posted = await c.post_vouchers(3, request_body([domain_voucher("m-000003", "-500.00")]),
                                       idempotency_key="p3")  # fmt: skip
        before = await c.find_marker("ED-m-000003-1a2b3c4d")
        await c.book_draft_entries(3, posted.entry_numbers)
        after = await c.find_marker("ED-m-000003-1a2b3c4d")
        missing = await c.find_marker(marker)
        return posted, before, after, missing

    posted, before, after, missing = run(make_client, work)
    assert {d.journal_entry_number for d in before.drafts} == set(posted.entry_numbers)
    assert before.voucher_numbers == (90001,) and not before.booked
    assert not after.drafts and after.voucher_numbers == (90001,)
    assert {b.account_number for b in after.booked} == {1010, 6902, 7220, 5830}
    assert not missing.found
    assert econ_data.booked_batches == [(3, posted.entry_numbers)]


def test_marker_search_escapes_the_filter(make_client: Make, econ: EconomicSandbox) -> None:
    odd = "ED-(50%)*,$x"

    async def work(c: EconomicClient) -> Any:
        await c.post_vouchers(3, [bank_voucher(odd)], idempotency_key="odd")
        return await c.find_marker(odd), await c.find_marker("ED-(50%)*,$y")

    hit, miss = run(make_client, work)
    assert len(hit.drafts) == 1 and not miss.found
    asked = [e.target for e in econ.server.exchanges(path="/journals/3/entries")][-2]
    assert "%24%28" in asked and "%24%2A" in asked and "%24%24" in asked  # $( $* $$


def test_concurrent_fetches_keep_within_a_small_token_bucket(econ_data: EconomicData) -> None:
    with EconomicSandbox(econ_data, token_limit=20, token_window=1) as econ:
        client = EconomicClient(
            econ.app_secret_token, econ.agreement_grant_token, base_url=econ.base_url,
            page_size=200, max_in_flight=8,
        )  # fmt: skip

        async def go() -> BankFetch:
            async with client:
                return await client.fetch_bank(5820, START, END)

        fetch = asyncio.run(go())
    assert len(fetch.booked) == expected_bank(econ_data)[0]
    assert econ.limiter.rejected == 0 and client.http.stats.throttled == 0
    assert isinstance(client.rate_limit, ReportedBudget)
    assert client.rate_limit.reports > 10  # paced by what the headers said


def test_reads_the_open_booked_invoices_page_by_page() -> None:
    scenario = generate(replace(NAMED["tiny"], integration=True, size=150))
    data = from_bank_entries(scenario.bank_entries, seed=scenario.seed)
    book_integration(data, scenario)
    first: SandboxInvoice = min(
        (i for i in data.invoices.values() if i.remainder), key=lambda i: i.number
    )
    book_payment(data, first.number, first.remainder, first.day, account=5832, voucher=1)
    with EconomicSandbox(data) as econ:
        client = EconomicClient(
            econ.app_secret_token,
            econ.agreement_grant_token,
            base_url=econ.base_url,
            journals_url=econ.journals_url,
            page_size=3,
        )

        async def work() -> Any:
            async with client:
                return await client.unpaid_invoices()

        found = asyncio.run(work())
    expected = sorted(i.number for i in data.invoices.values() if i.remainder != 0)
    assert [i.number for i in found] == expected and len(expected) > 3, "read past page one"
    assert first.number not in {i.number for i in found}
    one = found[0]
    held = data.invoices[one.number]
    assert (one.customer_number, one.other_reference, one.remainder, one.currency) == (
        held.customer,
        held.reference,
        held.remainder,
        held.currency,
    )
