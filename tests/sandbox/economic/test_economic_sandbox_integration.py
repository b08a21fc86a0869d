"""Books an integration has kept: booked invoices with their remainder, card payments on the
clearing accounts, in e-conomic's shapes; the bank-only books beside them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from econdesk.config import parse_config, starter_config
from econdesk.connectors import jsonio
from econdesk.domain.model import ItemKind
from econdesk.errors import ConfigError
from econdesk.sandbox.economic import EconomicData, EconomicSandbox, from_bank_entries
from econdesk.sandbox.economic.app import JOURNALS_API
from econdesk.sandbox.economic.integration import FIRST_CUSTOMER, book_integration
from econdesk.sandbox.scenario import NAMED, Scenario, generate, load_spec
from econdesk.sandbox.serve import ServeContext, ServeOptions
from tests.sandbox.economic.test_economic_sandbox_shapes import assert_quirks


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return generate(replace(NAMED["tiny"], integration=True))


@pytest.fixture
def books(scenario: Scenario) -> EconomicData:
    data = from_bank_entries(scenario.bank_entries, seed=scenario.seed)
    book_integration(data, scenario)
    return data


@pytest.fixture
def http_books(books: EconomicData) -> Iterator[httpx.Client]:
    with EconomicSandbox(books) as econ:
        headers = {
            "X-AppSecretToken": econ.app_secret_token,
            "X-AgreementGrantToken": econ.agreement_grant_token,
        }
        with httpx.Client(base_url=econ.base_url, headers=headers, verify=False) as client:
            yield client


def collection(http: httpx.Client, read: Any, path: str) -> list[dict[str, Any]]:
    answer = http.get(path)
    assert answer.status_code == 200, answer.text
    items: list[dict[str, Any]] = read(answer)["collection"]
    return items


def test_invoices_are_listed_in_the_documented_shapes(
    http_books: httpx.Client, scenario: Scenario, check_schema: Any, read: Any
) -> None:
    for path, name in (
        ("/invoices/booked?pagesize=1000", "invoices.booked.get"),
        ("/invoices/unpaid?pagesize=1000", "invoices.unpaid.get"),
    ):
        document = read(http_books.get(path))
        assert check_schema(name, document) == []
        assert_quirks(document)
    booked = collection(http_books, read, "/invoices/booked?pagesize=1000")
    assert len(booked) == len(scenario.invoices)
    one = read(http_books.get(f"/invoices/booked/{booked[0]['bookedInvoiceNumber']}"))
    assert check_schema("invoices.booked.bookedInvoiceNumber.get", one) == []
    assert one == booked[0]
    customer = one["customer"]["customerNumber"]
    own = read(http_books.get(f"/customers/{customer}/invoices/booked"))
    assert check_schema("customers.customerNumber.invoices.booked.get", own) == []
    assert {i["customer"]["customerNumber"] for i in own["collection"]} == {customer}
    assert http_books.get("/invoices/booked/1").status_code == 404


def test_the_remainder_is_what_the_integration_has_not_booked_as_paid(
    http_books: httpx.Client, scenario: Scenario, books: EconomicData, read: Any
) -> None:
    paid_card = {
        tx.invoice: tx
        for tx in scenario.transactions
        if tx.settled and tx.kind is ItemKind.PAYMENT and tx.provider in ("frisbii", "stripe")
    }
    booked = collection(http_books, read, "/invoices/booked?pagesize=1000")
    unpaid = collection(http_books, read, "/invoices/unpaid?pagesize=1000")
    paid = collection(http_books, read, "/invoices/paid?pagesize=1000")
    assert len(unpaid) + len(paid) == len(booked)
    by_reference = {i["references"]["other"]: i for i in booked}
    for invoice in scenario.invoices:
        shown = by_reference[invoice.number]
        assert Decimal(shown["grossAmount"]) == invoice.amount.amount
        assert Decimal(shown["vatAmount"]) == invoice.vat.amount
        assert shown["customer"]["customerNumber"] == FIRST_CUSTOMER + invoice.customer
        expected = 0 if invoice.index in paid_card else invoice.amount.amount
        assert Decimal(shown["remainder"]) == expected, invoice.number
    chargebee = [i for i in scenario.invoices if i.provider == "chargebee"]
    assert chargebee and all(by_reference[i.number] in unpaid for i in chargebee)
    # The platform's invoice number is the reference e-conomic can be asked for.
    number = chargebee[0].number
    found = collection(http_books, read, f"/invoices/booked?filter=references.other$eq:{number}")
    assert [i["references"]["other"] for i in found] == [number]
    # The debtors account holds what is still owed; the integration's books balance.
    owed = sum((Decimal(i["remainderInBaseCurrency"]) for i in booked), Decimal(0))
    assert books.balance(books.debtors_account) == owed
    # Every voucher is booked whole (a bank line with its other side too), so all accounts net
    # to zero together.
    assert sum(books.balances.values(), Decimal(0)) == 0


def test_card_payments_stand_on_the_clearing_accounts(
    http_books: httpx.Client, scenario: Scenario, books: EconomicData, read: Any
) -> None:
    for provider, account in (("frisbii", 5831), ("stripe", 5830)):
        payments = [
            tx
            for tx in scenario.transactions
            if tx.settled and tx.kind is ItemKind.PAYMENT and tx.provider == provider
        ]
        assert payments
        entries = collection(
            http_books,
            read,
            f"/accounts/{account}/accounting-years/2025_6_2026/entries?pagesize=1000",
        )
        # The integration's customer payments, beside the bank feed's deposits (the other side
        # of each bank line booked on the clearing account).
        paid = [e for e in entries if e["entryType"] == "customerPayment"]
        assert {e["entryType"] for e in entries} - {"customerPayment"} <= {"financeVoucher"}
        assert len(paid) == len(payments)
        total = sum((Decimal(e["amountInBaseCurrency"]) for e in paid), Decimal(0))
        assert total > 0
        everything = sum((Decimal(e["amountInBaseCurrency"]) for e in entries), Decimal(0))
        assert everything == books.balance(account)
    chargebee = collection(
        http_books, read, "/accounts/5832/accounting-years/2025_6_2026/entries?pagesize=1000"
    )
    assert "customerPayment" not in {e["entryType"] for e in chargebee}  # the bookkeeper's


def test_the_bank_only_books_have_no_invoices(read: Any, check_schema: Any) -> None:
    scenario = generate(NAMED["tiny"])
    with EconomicSandbox(from_bank_entries(scenario.bank_entries, seed=7)) as econ:
        headers = {
            "X-AppSecretToken": econ.app_secret_token,
            "X-AgreementGrantToken": econ.agreement_grant_token,
        }
        with httpx.Client(base_url=econ.base_url, headers=headers) as http:
            document = read(http.get("/invoices/unpaid"))
    assert document["collection"] == [] and check_schema("invoices.unpaid.get", document) == []


def test_serving_the_integrated_scenario_wires_each_sources_mode(tmp_path: Path) -> None:
    spec = tmp_path / "integrated-tiny.toml"
    spec.write_text('base = "tiny"\nintegration = true\n', encoding="utf-8")
    assert load_spec("integrated").integration is True
    from econdesk.sandbox.chargebee.serving import serve as serve_chargebee
    from econdesk.sandbox.economic.serving import serve as serve_economic
    from econdesk.sandbox.stripe.serving import serve as serve_stripe

    ctx = ServeContext(ServeOptions(scenario=str(spec)))
    running = [serve(ctx, 0) for serve in (serve_economic, serve_stripe, serve_chargebee)]
    try:
        document = {
            "economic": running[0].config,
            "providers": {r.name: r.config for r in running[1:]},
        }
        with httpx.Client(base_url=str(running[0].config["base_url"])) as http:
            answer = http.get("/invoices/unpaid", params={"demo": "true"})
        assert answer.status_code == 200 and answer.json()["collection"]
    finally:
        for r in running:
            r.stop()
    config = parse_config(starter_config(document))
    assert {n: p.booking for n, p in config.providers.items()} == {
        "stripe": "settle",
        "chargebee": "payments",
    }


def test_integration_must_be_true_or_false(tmp_path: Path) -> None:
    spec = tmp_path / "bad.toml"
    spec.write_text('base = "tiny"\nintegration = "yes"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="integration: must be true or false, got 'yes'"):
        load_spec(spec)


def test_a_booked_customer_payment_lowers_the_remainder_of_the_invoice_it_names(
    http_books: httpx.Client, books: EconomicData, read: Any
) -> None:
    (invoice, *_) = collection(http_books, read, "/invoices/unpaid?pagesize=1000")
    assert invoice["currency"] == "DKK"
    number = invoice["bookedInvoiceNumber"]

    def pay(amount: str) -> None:
        """Post and book a payment of `amount` against the invoice."""
        year = books.year_of(date.fromisoformat(invoice["date"]))
        assert year is not None
        entry = {
            "date": invoice["date"],
            "amount": -Decimal(amount),
            "currency": {"code": "DKK"},
            "customer": {"customerNumber": invoice["customer"]["customerNumber"]},
            "customerInvoice": number,
            "contraAccount": {"accountNumber": 5832},
            "text": "payment",
        }
        body = {
            "accountingYear": {"year": year.year},
            "journal": {"journalNumber": 3},
            "entries": {"customerPayments": [entry]},
        }
        answer = http_books.post("/journals/3/vouchers", content=jsonio.dumpb(body),
                                 headers={"Content-Type": "application/json"})  # fmt: skip
        assert answer.status_code == 201, answer.text
        (posted,) = read(answer)[0]["entries"]["customerPayments"]
        booked = http_books.post(
            f"{JOURNALS_API}/journals/3/bookdraftentries",
            json={"entryNumbers": [posted["journalEntryNumber"]]},
        )
        assert booked.status_code == 204, booked.text

    def remainder() -> Decimal:
        return Decimal(str(read(http_books.get(f"/invoices/booked/{number}"))["remainder"]))

    owed = remainder()
    pay(str(owed - Decimal("10.00")))
    assert remainder() == Decimal("10.00")  # an underpayment: the rest stays open
    pay("15.00")
    assert remainder() == Decimal("-5.00")  # an overpayment: the customer's credit
