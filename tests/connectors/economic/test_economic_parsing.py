"""Example answers from e-conomic's docs and recorded real answers (docs/economic-api.md),
read by the client's parsers."""

from __future__ import annotations

import gc
from datetime import date
from decimal import Decimal

import httpx
import pytest

from econdesk.connectors import jsonio
from econdesk.connectors.economic import parse
from econdesk.connectors.economic.errors import economic_error
from econdesk.connectors.economic.ratelimit import parse_rate_headers
from econdesk.connectors.errors import Conflict, MalformedResponse, NotFound, ValidationError
from econdesk.connectors.http import RequestContext
from econdesk.domain.money import Money

CTX = RequestContext("e-conomic", "POST", "/journals/1/vouchers")

ACCOUNTS = b"""{"collection":[{"accountNumber":1000,"accountType":"heading","balance":0.0,
 "blockDirectEntries":false,"debitCredit":"debit","name":"RESULTATOPG\xc3\x98RELSE",
 "accountingYears":"https://restapi.e-conomic.com/accounts/1000/accounting-years",
 "self":"https://restapi.e-conomic.com/accounts/1000"}],
 "pagination":{"skipPages":0,"pageSize":2,"maxPageSizeAllowed":1000,"results":200,
   "resultsWithoutFilter":200,
 "firstPage":"https://restapi.e-conomic.com/accounts?pagesize=2&skippages=0",
 "nextPage":"https://restapi.e-conomic.com/accounts?pagesize=2&skippages=1",
 "lastPage":"https://restapi.e-conomic.com/accounts?pagesize=2&skippages=99"},
 "self":"https://restapi.e-conomic.com/accounts?pagesize=2"}"""

CUSTOMER_PAYMENT_201 = b"""[{"accountingYear":{"year":"2017",
   "self":"\xe2\x80\xa6/accounting-years/2017"},
  "journal":{"journalNumber":2,"self":"\xe2\x80\xa6"},
  "entries":{"customerPayments":[{"customer":{"customerNumber":1,"self":"\xe2\x80\xa6"},
   "amount":100.00,
     "currency":{"code":"DKK","self":"\xe2\x80\xa6"},"date":"2017-05-03","exchangeRate":100.000000,
     "entryType":"customerPayment",
     "voucher":{"accountingYear":{"year":"2017"},"voucherNumber":50026,
   "self":"\xe2\x80\xa6/vouchers/2017-50026"},
     "amountDefaultCurrency":100.00,"remainder":100.00,"journalEntryNumber":27,
     "metaData":{"delete":{"href":"\xe2\x80\xa6/entries/27","httpMethod":"delete"}},
   "self":"\xe2\x80\xa6/entries/27"}]},
  "voucherNumber":50026,"self":"\xe2\x80\xa6/vouchers/2017-50026"}]"""

ENTRY = b"""{"entryNumber":4711,"entryType":"customerPayment","date":"2024-03-05",
   "voucherNumber":50026,
 "account":{"accountNumber":5820,"self":"\xe2\x80\xa6/accounts/5820"},"amount":1250.00,
   "amountInBaseCurrency":1250.00,
 "currency":"DKK","text":"Betaling faktura 1234","customer":{"customerNumber":12,
   "self":"\xe2\x80\xa6"},
 "self":"https://restapi.e-conomic.com/accounting-years/2024/entries/4711"}"""

VALIDATION_400 = (
    b"""{"message":"Validation error.",
   "developerHint":"Inspect validation errors and correct your request.",
 "logId":"c7ca5bc2-ad2d-4639-93f9-b22ba88c97d7","httpStatusCode":400,
 "errors":{"currency":{"errors":[{"errorCode":"E06000","message":"currency does not exist.",
   "value":"ZUL",
   "developerHint":"Find a list of currencies at https://restapi.e-conomic.com/currencies."}]},
   "customer":{"errors":[{"errorCode":"E06000","message":"customer does not exist.",
   "value":"987987987"}]},
   "lines":[{"arrayIndex":0,"unit":{"errors":[{"errorCode":"E06000",
   "message":"unit does not exist.","value":10}]},
     "unitNetPrice":{"errors":[{"errorCode":"E04740",
       "message":"unitNetPrice scale cannot be greater then two decimal places.",
   "value":10.12345}]}},
     {"arrayIndex":1,"product":{"errors":[{"errorCode":"E04500",
       "message":"No identifiers present on product. """
    b"""Please include either a self link or a productNumber."}]}}]},
 "logTime":"2015-03-12T16:44:56"}"""
)

NOT_FOUND_404 = (
    b'{"message":"Resource not found.","developerHint":"\xe2\x80\xa6",'
    b'"logId":"8d79f54f226ebe44-CPH",'
    b'"httpStatusCode":404,"logTime":"2024-10-24T14:26:57"}'
)


def answer(status: int, content: bytes, content_type: str = "application/json") -> httpx.Response:
    return httpx.Response(status, content=content, headers={"Content-Type": content_type})


def test_the_accounts_collection_recording() -> None:
    items, page = parse.collection_items(jsonio.loads(ACCOUNTS), "accounts")
    assert parse.page_results(page) == 200
    account = parse.account(items[0])
    assert (account.number, account.account_type, account.name) == (
        1000,
        "heading",
        "RESULTATOPGØRELSE",
    )
    assert account.balance == Decimal("0.0") and not account.block_direct_entries
    assert not account.takes_entries


def test_the_customer_payment_201_answer() -> None:
    (voucher,) = parse.posted_vouchers(jsonio.loads(CUSTOMER_PAYMENT_201), 2, "DKK")
    assert (voucher.journal_number, voucher.year, voucher.voucher_number) == (2, "2017", 50026)
    (entry,) = voucher.entries
    assert entry.journal_entry_number == 27 and entry.entry_type == "customerPayment"
    assert entry.amount == Money.of("100.00", "DKK") and entry.exchange_rate == Decimal(
        "100.000000"
    )
    assert entry.customer_number == 1 and entry.entry_date == date(2017, 5, 3)


def test_a_single_voucher_object_is_accepted_too() -> None:
    data = jsonio.loads(CUSTOMER_PAYMENT_201)[0]
    assert parse.posted_vouchers(data, 2, "DKK")[0].voucher_number == 50026


def test_the_booked_entry_example() -> None:
    entry = parse.booked_entry(jsonio.loads(ENTRY), "2024", "DKK")
    assert entry.entry_number == 4711 and entry.customer_number == 12
    assert entry.amount == Money.of("1250.00", "DKK") and entry.voucher_number == 50026
    bank = entry.to_bank_entry()
    assert bank.ref == "economic:4711" and bank.entry_type == "customerPayment"


@pytest.mark.parametrize(
    ("field", "value", "complaint"),
    [
        ("amount", "1250.00", "must be a number, got str"),
        ("entryNumber", None, "is null"),
        ("date", "05-03-2024", "is not a date"),
        ("currency", "kroner", "is not an ISO 4217 currency code"),
    ],
)
def test_an_off_shape_entry_names_the_entry_and_field(
    field: str, value: object, complaint: str
) -> None:
    data = jsonio.loads(ENTRY)
    data[field] = value
    with pytest.raises(MalformedResponse) as caught:
        parse.booked_entry(data, "2024", "DKK")
    error = caught.value
    assert error.field == field and complaint in str(error)
    assert str(error).startswith("e-conomic: booked entry")


def test_the_validation_error_example() -> None:
    error = economic_error(answer(400, VALIDATION_400), CTX)
    assert isinstance(error, ValidationError)
    assert error.log_id == "c7ca5bc2-ad2d-4639-93f9-b22ba88c97d7"
    paths = [p.path for p in error.problems]
    assert paths == [
        "currency",
        "customer",
        "lines[0].unit",
        "lines[0].unitNetPrice",
        "lines[1].product",
    ]
    assert error.message == "Currency ZUL: currency does not exist (and 4 more problems)"
    assert error.problems[3].value == "10.12345" and error.problems[3].code == "E04740"


def test_the_404_recording() -> None:
    error = economic_error(
        answer(404, NOT_FOUND_404), RequestContext("e-conomic", "GET", "/accounts/9")
    )
    assert isinstance(error, NotFound) and error.log_id == "8d79f54f226ebe44-CPH"
    assert "Resource not found." in error.detail


def test_problem_json_and_the_409_shape() -> None:
    problem = (
        b'{"type":"x","title":"Bad Request","status":400,"detail":"Invalid entry",'
        b'"errors":[{"message":"accountNumber 5830 blocks direct entries","errorCode":"E1",'
        b'"property":"accountNumber"}],"traceId":"00-abc-01"}'
    )
    error = economic_error(answer(400, problem, "application/problem+json"), CTX)
    assert isinstance(error, ValidationError) and error.log_id == "00-abc-01"
    assert error.problems[0].path == "accountNumber"
    conflict = (
        b'{"message":"Update conflict. Version does not match.","developerHint":"Reload",'
        b'"logId":"L1","logTimeUtc":"2026-01-01T00:00:00Z","property":"version"}'
    )
    error = economic_error(answer(409, conflict), CTX)
    assert isinstance(error, Conflict) and error.log_id == "L1"


def test_a_rejected_filter() -> None:
    body = (
        b'{"message":"Validation error.",'
        b'"errors":["Filtering on the property \'x\' is not allowed."],'
        b'"allowedFilteringFields":["accountNumber","name"],"logId":"L2","httpStatusCode":400}'
    )
    error = economic_error(answer(400, body), CTX)
    assert isinstance(error, ValidationError) and "'x' is not allowed" in error.message
    assert "filterable: accountNumber, name" in error.detail


def test_rate_limit_headers() -> None:
    report = parse_rate_headers(
        httpx.Headers(
            {"X-RateLimiting": "token-limit-10000-per-60-seconds: 147/10000", "X-CallCost": "3"}
        )
    )
    assert report is not None
    assert (report.used, report.limit, report.window_seconds, report.call_cost) == (
        147,
        10000,
        60,
        3,
    )
    assert parse_rate_headers(httpx.Headers({"X-RateLimiting": "garbage"})) is None
    assert parse_rate_headers(httpx.Headers()) is None


# -- a page of booked entries, read straight from its bytes ------------------------------------

EURO_ENTRY = b"""{"entryNumber":4712,"entryType":"financeVoucher","date":"2024-03-06",
 "account":{"accountNumber":5820,"self":"\xe2\x80\xa6"},"amount":-0.10,
 "amountInBaseCurrency":-0.75,"currency":"eur",
 "vatAccount":{"vatCode":"I25","self":"\xe2\x80\xa6"},
 "self":"https://restapi.e-conomic.com/accounting-years/2024/entries/4712"}"""

BARE_ENTRY = b"""{"entryNumber":4713,"date":"2024-03-07","account":{"accountNumber":5820},
 "amount":12345678901234567.89,"currency":"DKK","self":"\xe2\x80\xa6/entries/4713"}"""


def page_of(*entries: bytes, results: int = 3) -> bytes:
    return (
        b'{"collection":[' + b",".join(entries) + b'],"pagination":{"skipPages":0,'
        b'"pageSize":1000,"results":' + str(results).encode() + b'},"self":"\xe2\x80\xa6"}'
    )


def test_a_page_read_from_its_bytes_equals_the_checked_reading() -> None:
    euro_without_base = EURO_ENTRY.replace(b'"amountInBaseCurrency":-0.75,', b"")
    body = page_of(ENTRY, EURO_ENTRY, BARE_ENTRY, euro_without_base, results=2503)
    read = parse.booked_page(body, "2024", "DKK")
    assert read is not None
    entries, results = read
    assert len(entries) == 4
    assert entries[3].amount_base == Money.of("-0.10", "DKK")  # absent: the amount, in base
    # Entries cannot be part of a cycle, and are kept out of the cycle collector's walks.
    assert not any(gc.is_tracked(entry) for entry in entries)
    checked = [parse.booked_entry(item, "2024", "DKK") for item in jsonio.loads(body)["collection"]]
    assert entries == checked and results == 2503
    euro, bare = entries[1], entries[2]
    assert euro.amount == Money.of("-0.10", "EUR") and euro.amount_base == Money.of("-0.75", "DKK")
    assert euro.vat_code == "I25" and euro.entry_type == "financeVoucher" and euro.text == ""
    assert hash(euro.amount) == hash(Money.of("-0.10", "EUR")) and euro.amount.currency == "EUR"
    # Exact digits, never through a binary float (which would give ...567.88 or worse).
    assert bare.amount.amount == Decimal("12345678901234567.89")
    assert bare.amount_base == bare.amount and bare.voucher_number is None


@pytest.mark.parametrize(
    "bad",
    [
        ENTRY.replace(b'"amount":1250.00', b'"amount":"1250.00"'),
        ENTRY.replace(b'"amount":1250.00', b'"amount" :\n "1250.00"'),
        ENTRY.replace(b'"amountInBaseCurrency":1250.00', b'"amountInBaseCurrency":"1250.00"'),
        ENTRY.replace(b'"amountInBaseCurrency":1250.00', b'"amountInBaseCurrency":null'),
        ENTRY.replace(b'"entryNumber":4711', b'"entryNumber":null'),
        ENTRY.replace(b'"date":"2024-03-05"', b'"date":"05-03-2024"'),
        ENTRY.replace(b'"currency":"DKK"', b'"currency":"kroner"'),
        ENTRY.replace(b'"amount":1250.00', b'"amount":true'),
        ENTRY.replace(b'"amount":1250.00', b'"amount":NaN'),
        ENTRY[:-20],
    ],
)
def test_an_off_shape_page_is_left_to_the_checked_reading(bad: bytes) -> None:
    assert parse.booked_page(page_of(EURO_ENTRY, bad), "2024", "DKK") is None


def test_a_page_keeps_whole_amounts_exact_and_texts_that_mention_amounts() -> None:
    whole = ENTRY.replace(b'"amount":1250.00', b'"amount":1250').replace(
        b'"text":"Betaling faktura 1234"', b'"text":"\\"amount\\":\\"12\\""'
    )
    read = parse.booked_page(page_of(whole), "2024", "DKK")
    assert read is not None
    (entry,), _ = read
    assert entry.amount == Money.of("1250", "DKK") and type(entry.value) is Decimal
    assert entry.text == '"amount":"12"' and entry.year == "2024"
    assert entry == parse.booked_entry(jsonio.loads(page_of(whole))["collection"][0], "2024", "DKK")
