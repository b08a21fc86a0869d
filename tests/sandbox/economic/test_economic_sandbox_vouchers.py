"""POST /journals/{n}/vouchers and bookdraftentries in the sandbox: rules, numbering, replay."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest

from econdesk.connectors import jsonio
from econdesk.domain.model import BankEntry, BankEntryOrigin
from econdesk.domain.money import Money
from econdesk.sandbox.economic import EconomicData, EconomicSandbox, from_bank_entries
from econdesk.sandbox.economic.app import JOURNALS_API
from econdesk.sandbox.economic.render import Renderer


def finance(amount: str = "-1250.00", **overrides: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "date": "2026-03-05",
        "amount": Decimal(amount),
        "currency": {"code": "DKK"},
        "account": {"accountNumber": 1010},
        "contraAccount": {"accountNumber": 5830},
        "vatAccount": {"vatCode": "U25"},
        "text": "ED-m-000001-0a1b2c3d Stripe payout po_1",
    }
    entry.update(overrides)
    return entry


def voucher(*entries: dict[str, Any], year: str = "2025/2026", **extra: Any) -> dict[str, Any]:
    return {
        "accountingYear": {"year": year},
        "journal": {"journalNumber": 3},
        "entries": {"financeVouchers": list(entries)},
        **extra,
    }


def post(http: httpx.Client, body: Any, journal: int = 3, key: str | None = None) -> httpx.Response:
    headers = {"Content-Type": "application/json"}
    if key is not None:
        headers["Idempotency-Key"] = key
    return http.post(f"/journals/{journal}/vouchers", content=jsonio.dumpb(body), headers=headers)


def test_a_voucher_gets_a_number_in_the_journals_range(
    http: httpx.Client, econ_data: EconomicData, read: Any
) -> None:
    answer = post(http, [voucher(finance()), voucher(finance("-99.50"))])
    assert answer.status_code == 201
    created = read(answer)
    assert [v["voucherNumber"] for v in created] == [90001, 90002]  # journal 3: 90001-99999
    entry = created[0]["entries"]["financeVouchers"][0]
    assert entry["amount"] == Decimal("-1250.00") and entry["exchangeRate"] == Decimal("100")
    assert entry["voucher"]["self"].endswith("/journals/3/vouchers/2025_6_2026-90001")
    assert answer.headers["Location"] == created[0]["self"]
    assert [p.vouchers for p in econ_data.posted] == [(("2025/2026", 90001), ("2025/2026", 90002))]
    drafts = read(http.get("/journals/3/entries"))["collection"]
    assert [d["journalEntryNumber"] for d in drafts] == list(econ_data.posted[0].entry_numbers)


def test_the_api_md_customer_payment_example_is_accepted(http: httpx.Client, read: Any) -> None:
    body = {
        "journal": {"journalNumber": 2},
        "accountingYear": {"year": "2025/2026"},
        "entries": {
            "customerPayments": [
                {"customer": {"customerNumber": 1}, "amount": 100, "date": "2026-05-03"}
            ]
        },
    }
    answer = post(http, body, journal=2)
    assert answer.status_code == 201, answer.text
    created = read(answer)
    assert isinstance(created, list) and len(created) == 1  # an array even for one voucher
    payment = created[0]["entries"]["customerPayments"][0]
    assert payment["entryType"] == "customerPayment"
    assert payment["contraAccount"]["accountNumber"] == 5820  # the journal's default
    assert payment["remainder"] == Decimal("100.00") and created[0]["voucherNumber"] >= 50001
    assert payment["metaData"]["delete"]["httpMethod"] == "delete"


def test_explicit_voucher_numbers_split_into_several_vouchers(
    http: httpx.Client, read: Any
) -> None:
    body = voucher(
        finance(voucher={"voucherNumber": 90500}), finance(voucher={"voucherNumber": 90501})
    )
    created = read(post(http, body))
    assert [v["voucherNumber"] for v in created] == [90500, 90501]


def errors_of(answer: httpx.Response, read: Any) -> Any:
    assert answer.status_code == 400, answer.text
    document = read(answer)
    assert document["message"] == "Validation error." and document["logId"]
    return document["errors"]


@pytest.mark.parametrize(
    ("entry", "field", "code"),
    [
        (finance(account={"accountNumber": 6902}), "account", "E07012"),  # blocks direct entries
        (finance(contraAccount={"accountNumber": 5600}), "contraAccount", "E07012"),
        (finance(account={"accountNumber": 4242}), "account", "E06000"),
        (finance(account={"accountNumber": 1005}), "account", "E07011"),  # a heading
        (finance(vatAccount={"vatCode": "U0"}), "vatAccount", "E07020"),  # barred code
        (finance(vatAccount={"vatCode": "ZZ9"}), "vatAccount", "E06000"),
        (finance(text="x" * 251), "text", "E04400"),
        (finance("10.005"), "amount", "E04740"),
        (finance(date="2026-07-01"), "date", "E07110"),  # outside 2025/2026
        (finance(currency={"code": "ZUL"}), "currency", "E06000"),
        (finance(currency=None), "currency", "E04100"),  # null is refused
        (finance(voucher={"voucherNumber": 5}), "voucher", "E07300"),  # outside 90001-99999
    ],
)
def test_entry_rules(
    http: httpx.Client,
    econ_data: EconomicData,
    read: Any,
    entry: dict[str, Any],
    field: str,
    code: str,
) -> None:
    errors = errors_of(post(http, voucher(finance(), entry)), read)
    element = errors["entries"]["financeVouchers"][0]
    assert element["arrayIndex"] == 1  # the second entry, as the payload had it
    found = element[field]
    while "errors" not in found:
        found = next(iter(v for v in found.values() if isinstance(v, dict)))
    assert found["errors"][0]["errorCode"] == code
    assert econ_data.posted == [] and econ_data.drafts_in(3) == []


def test_barred_account_and_missing_fields(
    http: httpx.Client, econ_data: EconomicData, read: Any
) -> None:
    barred = next(a.number for a in econ_data.accounts.values() if a.barred)
    errors = errors_of(post(http, voucher(finance(account={"accountNumber": barred}))), read)
    assert "barred" in errors["entries"]["financeVouchers"][0]["account"]["errors"][0]["message"]
    entry = finance()
    del entry["date"], entry["contraAccount"]
    errors = errors_of(post(http, voucher(entry)), read)
    assert errors["entries"]["financeVouchers"][0]["date"]["errors"][0]["message"] == (
        "Property date is required."
    )
    errors = errors_of(post(http, {"entries": {}}), read)
    assert "accountingYear" in errors


def test_closed_or_unknown_year(http: httpx.Client, econ_data: EconomicData, read: Any) -> None:
    econ_data.years[0] = replace(econ_data.years[0], closed=True)
    closed = econ_data.years[0]
    errors = errors_of(
        post(http, voucher(finance(date=closed.from_date.isoformat()), year=closed.year)), read
    )
    assert errors["accountingYear"]["errors"][0]["errorCode"] == "E07100"
    errors = errors_of(post(http, voucher(finance(), year="1999")), read)
    assert errors["accountingYear"]["errors"][0]["errorCode"] == "E06000"


def test_bulk_errors_carry_the_vouchers_array_index_and_nothing_is_created(
    http: httpx.Client, econ_data: EconomicData, read: Any
) -> None:
    bad = voucher(finance(account={"accountNumber": 5600}))
    errors = errors_of(post(http, [voucher(finance()), bad, voucher(finance())]), read)
    assert isinstance(errors, list) and [e["arrayIndex"] for e in errors] == [1]
    assert errors[0]["entries"]["financeVouchers"][0]["account"]["errors"][0]["value"] == 5600
    assert econ_data.drafts_in(3) == []


def test_journal_entry_type_restriction(http: httpx.Client, read: Any) -> None:
    errors = errors_of(post(http, voucher(finance()), journal=2), read)
    assert (
        "only takes customerPayment" in errors["entries"]["financeVouchers"]["errors"][0]["message"]
    )


def test_idempotency_key_replays_the_original_answer(
    http: httpx.Client, econ_data: EconomicData, read: Any
) -> None:
    first = post(http, voucher(finance()), key="m-000001-1")
    again = post(http, voucher(finance()), key="m-000001-1")
    assert first.status_code == again.status_code == 201
    assert again.content == first.content
    assert again.headers["X-ResultFromCache"] == "true" and "X-ResultFromCache" not in first.headers
    assert len(econ_data.drafts_in(3)) == 1
    other = post(http, voucher(finance()), key="m-000002-1")
    assert read(other)[0]["voucherNumber"] == 90002


def test_idempotency_is_remembered_for_an_hour(econ_data: EconomicData, read: Any) -> None:
    now = [1000.0]
    with EconomicSandbox(econ_data, clock=lambda: now[0]) as econ:
        headers = {
            "X-AppSecretToken": econ.app_secret_token,
            "X-AgreementGrantToken": econ.agreement_grant_token,
            "Idempotency-Key": "k",
        }
        with httpx.Client(base_url=econ.base_url, headers=headers, verify=False) as http:
            post(http, voucher(finance()))
            now[0] += 3599
            assert post(http, voucher(finance())).headers.get("X-ResultFromCache") == "true"
            now[0] += 2
            assert "X-ResultFromCache" not in post(http, voucher(finance())).headers
    assert len(econ_data.drafts_in(3)) == 2


def test_accept_then_drop_after_n_vouchers(econ: EconomicSandbox, http: httpx.Client) -> None:
    econ.drop_connection_after_vouchers(3)
    assert post(http, [voucher(finance()), voucher(finance())]).status_code == 201
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        post(http, [voucher(finance()), voucher(finance())])
    assert len(econ.data.drafts_in(3)) == 4  # the dropped request was carried out
    assert post(http, voucher(finance())).status_code == 201  # and only that one dropped


def book(http: httpx.Client, journal: int, numbers: Any) -> httpx.Response:
    return http.post(
        f"{JOURNALS_API}/journals/{journal}/bookdraftentries", json={"entryNumbers": numbers}
    )


def test_booking_exactly_the_listed_drafts_with_vat_split(
    http: httpx.Client, econ_data: EconomicData, read: Any
) -> None:
    created = read(post(http, [voucher(finance()), voucher(finance("-500.00"))]))
    first = created[0]["entries"]["financeVouchers"][0]["journalEntryNumber"]
    clearing_before = econ_data.balance(5830)
    answer = book(http, 3, [first])
    assert answer.status_code == 204 and answer.content == b""
    assert [d.amount for d in econ_data.drafts_in(3)] == [Decimal("-500.00")]  # the other stays
    assert econ_data.balance(1010) == Decimal("-1000.00")  # revenue net of VAT
    assert econ_data.balance(6902) == Decimal("-250.00")  # output VAT, 25 % of the net
    assert econ_data.balance(5830) - clearing_before == Decimal("1250.00")
    entries = read(http.get("/accounts/1010/accounting-years/2025_6_2026/entries"))["collection"]
    assert entries[0]["voucherNumber"] == 90001 and entries[0]["vatAccount"]["vatCode"] == "U25"
    assert econ_data.booked_batches == [(3, (first,))]


@pytest.fixture
def two_line_voucher(http: httpx.Client, read: Any) -> list[int]:
    """The journal entry numbers of one voucher (90100) made of two entries."""
    numbers = []
    for amount, account in (("-1250.00", 1010), ("1000.00", 7220)):
        entry = finance(amount, account={"accountNumber": account})
        entry["voucher"] = {"voucherNumber": 90100}
        created = read(post(http, voucher(entry)))
        numbers += [e["journalEntryNumber"] for e in created[0]["entries"]["financeVouchers"]]
    return numbers


def test_booking_a_part_of_a_voucher_or_unknown_entries_is_refused(
    http: httpx.Client, two_line_voucher: list[int], read: Any
) -> None:
    partial = book(http, 3, two_line_voucher[:1])
    assert partial.status_code == 400
    assert partial.headers["Content-Type"].startswith("application/problem+json")
    problem = read(partial)
    assert "book a voucher whole" in problem["errors"][0]["message"] and problem["traceId"]
    unknown = read(book(http, 3, [999_999]))
    assert unknown["errors"][0]["property"] == "entryNumbers[0]"
    assert book(http, 1, two_line_voucher).status_code == 400  # not drafts of journal 1
    assert book(http, 3, []).status_code == 400
    assert book(http, 3, two_line_voucher).status_code == 204  # whole, it books


def test_a_voucher_that_does_not_balance_is_not_booked(
    http: httpx.Client, econ_data: EconomicData, read: Any
) -> None:
    # Journal 1 has no default contra account, so this payment has no other side.
    payment = {"customer": {"customerNumber": 4}, "amount": -80, "date": "2026-02-02"}
    body = {"accountingYear": {"year": "2025/2026"}, "entries": {"customerPayments": [payment]}}
    created = read(post(http, body, journal=1))
    number = created[0]["entries"]["customerPayments"][0]["journalEntryNumber"]
    refused = read(book(http, 1, [number]))
    assert "does not balance" in refused["errors"][0]["message"]
    assert number in econ_data.drafts


def test_loading_a_scenarios_bank_entries(read: Any) -> None:
    entries = [
        BankEntry(
            BankEntryOrigin.BOOKED,
            "4001",
            5820,
            date(2026, 3, 2),
            Money.of("1250.00", "DKK"),
            "STRIPE PAYOUT po_1Abc",
            voucher_number=10001,
            entry_type="financeVoucher",
        ),
        BankEntry(
            BankEntryOrigin.BOOKED,
            "4002",
            5820,
            date(2026, 7, 2),
            Money.of("100.00", "EUR"),
            "CLEARHAUS 77",
            amount_base=Money.of("745.80", "DKK"),
            voucher_number=10002,
        ),
        BankEntry(
            BankEntryOrigin.DRAFT,
            "1",
            5820,
            date(2026, 7, 3),
            Money.of("-30.00", "DKK"),
            "Gebyr",
            voucher_number=10003,
        ),
    ]
    data = from_bank_entries(entries, seed=3)
    assert [y.year for y in data.years][:2] == ["2025/2026", "2026/2027"]
    assert [e.entry_number for e in data.account_entries(5820, "2025/2026")] == [4001]
    eur = data.account_entries(5820, "2026/2027")[0]
    assert (eur.amount, eur.currency, eur.amount_base) == (
        Decimal("100.00"),
        "EUR",
        Decimal("745.80"),
    )
    draft = data.drafts[1]
    assert (draft.account, draft.contra_account, draft.amount) == (5820, 5890, Decimal("-30.00"))
    # Each booked bank line is booked whole: its other side (by its text) under the same
    # voucher number, numbered after the bank lines.
    assert data.next_entry_number == 4005
    (stripe_side,) = data.account_entries(5830, "2025/2026")
    assert (stripe_side.entry_number, stripe_side.voucher_number) == (4003, 10001)
    with EconomicSandbox(data) as econ:
        headers = {
            "X-AppSecretToken": econ.app_secret_token,
            "X-AgreementGrantToken": econ.agreement_grant_token,
        }
        with httpx.Client(base_url=econ.base_url, headers=headers, verify=False) as http:
            page = read(http.get("/accounts/5820/accounting-years/2025_6_2026/entries"))
    assert page["collection"][0]["text"] == "STRIPE PAYOUT po_1Abc"
    assert page["collection"][0]["self"].endswith("/accounting-years/2025_6_2026/entries/4001")


def test_a_page_is_rendered_once_and_a_write_renders_it_anew(
    http: httpx.Client, econ: EconomicSandbox, read: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rendered pages are cached (the benchmark reads 100,000 entries a page at a time), and
    a posted voucher must still show on the next read of its journal's entries."""
    renders: list[Any] = []
    original = Renderer.draft

    def counted(self: Any, d: Any, **kw: Any) -> Any:
        renders.append(d.journal_entry_number)
        return original(self, d, **kw)

    monkeypatch.setattr(Renderer, "draft", counted)
    assert post(http, [voucher(finance())]).status_code == 201
    renders.clear()  # the POST's answer shows the entry too
    first = http.get("/journals/3/entries?pagesize=1000")
    again = http.get("/journals/3/entries?pagesize=1000")
    assert first.content == again.content and len(renders) == 1
    assert post(http, [voucher(finance("-99.50"))]).status_code == 201
    after = read(http.get("/journals/3/entries?pagesize=1000"))["collection"]
    assert [d["amount"] for d in after] == [Decimal("-1250.00"), Decimal("-99.50")]


def test_a_reverse_charge_code_books_its_vat_on_both_accounts(
    http: httpx.Client, econ_data: EconomicData, read: Any
) -> None:
    vat = read(http.get("/vat-accounts/IEUY"))
    assert (vat["ratePercentage"], vat["account"]["accountNumber"]) == (25, 6903)
    assert vat["contraAccount"]["accountNumber"] == 6906
    fees = finance(
        "100.00", account={"accountNumber": 7220}, vatAccount={"vatCode": "IEUY"}, text="fees"
    )
    created = read(post(http, voucher(fees)))
    number = created[0]["entries"]["financeVouchers"][0]["journalEntryNumber"]
    before = {a: econ_data.balance(a) for a in (7220, 6903, 6906, 5830)}
    assert book(http, 3, [number]).status_code == 204
    moved = {a: econ_data.balance(a) - before[a] for a in before}
    # The fee keeps its whole amount (no VAT inside it); 25 % of it is deductible input VAT
    # and, opposite, VAT payable on services bought abroad: together nothing.
    assert moved == {
        7220: Decimal("100.00"),
        6903: Decimal("25.00"),
        6906: Decimal("-25.00"),
        5830: Decimal("-100.00"),
    }
