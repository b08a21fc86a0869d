"""The e-conomic sandbox's GET answers follow e-conomic's schemas and documented quirks."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest

from econdesk.sandbox.economic import EconomicData, EconomicSandbox


def walk(value: Any, path: str = "") -> list[tuple[str, Any]]:
    """Every (path, leaf) in a JSON document."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in walk(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in walk(v, f"{path}[{i}]")]
    return [(path, value)]


def assert_quirks(document: Any) -> None:
    for path, leaf in walk(document):
        assert leaf is not None, f"{path}: e-conomic omits a field rather than send null"
        assert leaf is not False, f"{path}: e-conomic omits false booleans"
        assert not isinstance(leaf, float), f"{path}: a float reached the JSON"
        if (
            isinstance(leaf, Decimal)
            and "exchangeRate" not in path
            and "ratePercentage" not in path
        ):
            exponent = leaf.as_tuple().exponent
            assert isinstance(exponent, int) and exponent >= -2, f"{path}: {leaf}: > 2 decimals"


GETS = [
    ("/self", "self.get"),
    ("/accounts?pagesize=1000", "accounts.get"),
    ("/accounts/5820", "accounts.accountNumber.get"),
    ("/accounts/6902", "accounts.accountNumber.get"),
    ("/accounting-years", "accounting-years.get"),
    ("/accounting-years/2025_6_2026", "accounting-years.accountingYear.get"),
    ("/accounts/5820/accounting-years", "accounts.accountNumber.accounting-years.get"),
    (
        "/accounts/5820/accounting-years/2025_6_2026",
        "accounts.accountNumber.accounting-years.accountingYear.get",
    ),
    (
        "/accounts/5820/accounting-years/2025_6_2026/entries?pagesize=1000",
        "accounts.accountNumber.accounting-years.accountingYear.entries.get",
    ),
    ("/accounting-years/2025_6_2026/entries", "accounting-years.accountingYear.entries.get"),
    ("/accounting-years/2025_6_2026/periods", "accounting-years.accountingYear.periods.get"),
    (
        "/accounting-years/2025_6_2026/periods/2",
        "accounting-years.accountingYear.periods.accountingYearPeriod.get",
    ),
    (
        "/accounting-years/2025_6_2026/periods/7/entries",
        "accounting-years.accountingYear.periods.accountingYearPeriod.entries.get",
    ),
    ("/vat-accounts", "vat-accounts.get"),
    ("/vat-accounts/U25", "vat-accounts.id.get"),
    ("/currencies", "currencies.get"),
    ("/currencies/EUR", "currencies.code.get"),
    ("/journals", "journals.get"),
    ("/journals/2", "journals.journalNumber.get"),
    ("/journals/1/entries", "journals.journalNumber.entries.get"),
    ("/journals/1/entries/1", "journals.journalNumber.entries.entryNumber.get"),
]


@pytest.mark.parametrize(("path", "name"), GETS)
def test_get_answers_validate_against_the_official_schemas(
    http: httpx.Client, check_schema: Any, read: Any, path: str, name: str
) -> None:
    answer = http.get(path)
    assert answer.status_code == 200, answer.text
    document = read(answer)
    assert check_schema(name, document) == []
    assert_quirks(document)
    assert answer.headers["X-CallCost"]
    assert answer.headers["X-RateLimiting"].startswith("token-limit-10000-per-60-seconds: ")


def test_posted_voucher_and_its_entries_validate(
    http: httpx.Client, check_schema: Any, read: Any
) -> None:
    voucher = {
        "accountingYear": {"year": "2025/2026"},
        "entries": {
            "financeVouchers": [
                {
                    "date": "2026-03-05",
                    "amount": -1250,
                    "account": {"accountNumber": 1010},
                    "contraAccount": {"accountNumber": 5830},
                    "vatAccount": {"vatCode": "U25"},
                    "text": "Stripe payout",
                },
            ]
        },
    }
    created = http.post("/journals/3/vouchers", json=voucher)
    assert created.status_code == 201
    answer = read(created)
    assert isinstance(answer, list)
    assert check_schema("journals.journalNumber.vouchers.post", answer[0]) == []
    one = http.get(answer[0]["self"])
    assert one.status_code == 200
    assert (
        check_schema("journals.journalNumber.vouchers.accountingYear-voucherNumber.get", read(one))
        == []
    )
    assert_quirks(read(http.get("/journals/3/entries")))


def test_split_year_is_named_with_both_years_and_encoded_in_links(
    http: httpx.Client, read: Any
) -> None:
    years = read(http.get("/accounting-years"))["collection"]
    split = next(y for y in years if "/" in y["year"])
    assert split["year"] == "2025/2026"
    assert (split["fromDate"], split["toDate"]) == ("2025-01-01", "2026-06-30")
    assert split["self"].endswith("/accounting-years/2025_6_2026")
    own = read(http.get("/accounts/5820/accounting-years"))["collection"]
    assert any(
        y["entries"].endswith("/accounts/5820/accounting-years/2025_6_2026/entries") for y in own
    )


def test_pagination_object_and_next_page_absent_on_the_last_page(
    http: httpx.Client, read: Any
) -> None:
    url = "/accounts/5820/accounting-years/2025_6_2026/entries"
    first = read(http.get(url, params={"pagesize": 1000}))
    pagination = first["pagination"]
    assert pagination["results"] == 2500 and pagination["resultsWithoutFilter"] == 2500
    assert pagination["maxPageSizeAllowed"] == 1000 and pagination["pageSize"] == 1000
    assert "skippages=1" in pagination["nextPage"] and "skippages=2" in pagination["lastPage"]
    last = read(http.get(pagination["lastPage"]))
    assert "nextPage" not in last["pagination"]
    assert len(last["collection"]) == 500
    beyond = http.get(url, params={"pagesize": 1000, "skippages": 9})
    assert beyond.status_code == 200 and read(beyond)["collection"] == []
    default = read(http.get(url))
    assert len(default["collection"]) == 20  # the documented default page size


def test_page_size_above_1000_is_refused(http: httpx.Client, read: Any) -> None:
    answer = http.get("/accounts", params={"pagesize": 1001})
    assert answer.status_code == 400
    error = read(answer)["errors"]["pagesize"]["errors"][0]
    assert error["errorCode"] == "E04810"


def test_filters_and_sorting(http: httpx.Client, read: Any) -> None:
    url = "/accounts/5820/accounting-years/2025_6_2026/entries"
    page = read(
        http.get(
            url, params={"pagesize": 1000, "filter": "date$gte:2026-03-01$and:date$lte:2026-03-31"}
        )
    )
    dates = {e["date"] for e in page["collection"]}
    assert dates and all("2026-03-01" <= d <= "2026-03-31" for d in dates)
    assert page["pagination"]["results"] < page["pagination"]["resultsWithoutFilter"]
    assert "filter=date" in page["self"]
    newest = read(http.get(url, params={"sort": "-entryNumber", "pagesize": 3}))["collection"]
    numbers = [e["entryNumber"] for e in newest]
    assert numbers == sorted(numbers, reverse=True)
    stripe = read(http.get(url, params={"filter": "text$like:stripe payout", "pagesize": 1000}))
    assert all("STRIPE PAYOUT" in e["text"] for e in stripe["collection"])  # case-insensitive


def test_unfilterable_property_gets_the_allowed_list(http: httpx.Client, read: Any) -> None:
    answer = http.get("/accounts", params={"filter": "vatAccount.vatCode$eq:U25"})
    assert answer.status_code == 400
    error = read(answer)
    assert isinstance(error["errors"], list) and "vatAccount.vatCode" in error["errors"][0]
    assert "accountNumber" in error["allowedFilteringFields"]
    assert http.get("/accounts", params={"sort": "vatAccount"}).status_code == 400


def test_false_booleans_are_omitted_and_true_ones_sent(http: httpx.Client, read: Any) -> None:
    debtors = read(http.get("/accounts/5600"))
    bank = read(http.get("/accounts/5820"))
    assert debtors["blockDirectEntries"] is True
    assert "blockDirectEntries" not in bank and "barred" not in bank


def test_not_found_is_the_documented_body(http: httpx.Client, read: Any) -> None:
    answer = http.get("/accounts/4242")
    assert answer.status_code == 404
    error = read(answer)
    assert error["message"] == "Resource not found." and error["httpStatusCode"] == 404
    assert error["logId"] and error["logTime"]


def test_authentication(econ: EconomicSandbox, read: Any) -> None:
    with httpx.Client(base_url=econ.base_url, verify=False) as anonymous:
        assert anonymous.get("/accounts").status_code == 401
        assert anonymous.get("/accounts", params={"demo": "true"}).status_code == 200
        demo = {"X-AppSecretToken": "demo", "X-AgreementGrantToken": "demo"}
        assert anonymous.get("/self", headers=demo).status_code == 200
        refused = anonymous.post("/journals/1/vouchers", json={}, headers=demo)
        assert refused.status_code == 403
        wrong = {"X-AppSecretToken": econ.app_secret_token, "X-AgreementGrantToken": "revoked"}
        assert anonymous.get("/self", headers=wrong).status_code == 401
        good = {
            "X-AppSecretToken": econ.app_secret_token,
            "X-AgreementGrantToken": econ.agreement_grant_token,
        }
        not_json = anonymous.post(
            "/journals/1/vouchers", content=b"x=1", headers={**good, "Content-Type": "text/plain"}
        )
        assert not_json.status_code == 415


def test_token_bucket_answers_429_and_reports_on_failures(
    econ_data: EconomicData, read: Any
) -> None:
    with EconomicSandbox(econ_data, token_limit=25, token_window=60) as econ:
        headers = {
            "X-AppSecretToken": econ.app_secret_token,
            "X-AgreementGrantToken": econ.agreement_grant_token,
        }
        with httpx.Client(base_url=econ.base_url, headers=headers, verify=False) as http:
            bad = http.get("/accounts", params={"pagesize": 1001})
            assert bad.status_code == 400 and bad.headers["X-CallCost"] == "11"
            assert bad.headers["X-RateLimiting"] == "token-limit-25-per-60-seconds: 11/25"
            http.get("/accounts", params={"pagesize": 1000})
            refused = http.get("/accounts", params={"pagesize": 1000})
            assert refused.status_code == 429
            assert int(refused.headers["Retry-After"]) >= 1
            assert "X-RateLimiting" in refused.headers
    assert econ.limiter.rejected == 1


def test_generated_chart_is_realistic_and_seeded(econ_data: EconomicData) -> None:
    accounts = econ_data.accounts
    assert accounts[5820].name == "Bank"
    assert {5830, 5831, 5832, 7220, 7290}.issubset(accounts)
    assert accounts[1010].vat_code == "U25"
    assert accounts[6902].block_direct_entries and accounts[5600].block_direct_entries
    assert {"U25", "I25"}.issubset(econ_data.vat_accounts)
    again = EconomicData.__name__  # same seed, same chart:
    from econdesk.sandbox.economic.chart import generate_chart

    assert generate_chart(7) == generate_chart(7) != generate_chart(8)
    assert again


def test_periods_are_the_years_months_closed_as_closed_in_the_settings(
    econ_data: EconomicData, http: httpx.Client, read: Any
) -> None:
    econ_data.close_period(date(2025, 12, 15))
    periods = read(http.get("/accounting-years/2025_6_2026/periods"))["collection"]
    # the sandbox's first year is a long one: 2025-01-01 to 2026-06-30, 18 monthly periods
    assert [p["periodNumber"] for p in periods] == list(range(1, 19))
    assert (periods[0]["fromDate"], periods[0]["toDate"]) == ("2025-01-01", "2025-01-31")
    assert [p["periodNumber"] for p in periods if p.get("closed")] == [12]
    december = read(http.get("/accounting-years/2025_6_2026/periods?filter=periodNumber$eq:12"))
    assert [p["fromDate"] for p in december["collection"]] == ["2025-12-01"]
    entries = read(http.get("/accounting-years/2025_6_2026/periods/12/entries?pagesize=1000"))
    days = {e["date"] for e in entries["collection"]}
    assert days and all(d.startswith("2025-12-") for d in days)
    assert http.get("/accounting-years/2025_6_2026/periods/19").status_code == 404
