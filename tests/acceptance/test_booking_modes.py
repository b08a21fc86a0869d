"""Booking modes against books an integration has kept (the sandbox's `integrated` books).

`econdesk sandbox serve` runs a scenario whose e-conomic integration booked every invoice and
the Stripe and Frisbii card payments (onto their clearing accounts); Chargebee's invoices wait
for bank transfers. `init` takes each source's mode from the sandbox (settle for Stripe and
Frisbii, payments for Chargebee); then sync, match, approve and post, with drafts booked. The
checks read the sandbox's own books over HTTP (each account's booked entries and the booked
invoices' remainders), never econdesk's vouchers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
import tomlkit

from econdesk.domain.model import BankEntry, BankEntryOrigin, ItemKind
from econdesk.sandbox.scenario import Scenario, load_scenario
from tests.acceptance.harness import Econdesk, ServedSandboxes, serve_sandboxes
from tests.acceptance.test_workflow import Workflow

# The small acceptance business, with an integration keeping its invoices and card payments.
SCENARIO_TOML = """\
[scenario]
base = "tiny"
seed = 11
size = 40
integration = true
"""
CLEARING = {"stripe": 5830, "frisbii": 5831, "chargebee": 5832}
CLEARING_ACCOUNTS = (*CLEARING.values(), 5840)  # 5840: MobilePay's own
FEES, INPUT_VAT, EU_VAT, OUTPUT_VAT = 7220, 6903, 6906, 6902
REVENUE = range(1000, 1100)  # the sandbox chart's revenue accounts ("Salg af …")
SETTLE = ("stripe", "frisbii")


@pytest.fixture
def integrated(tmp_path: Path) -> Iterator[tuple[ServedSandboxes, Scenario]]:
    path = tmp_path / "integrated.toml"
    path.write_text(SCENARIO_TOML, encoding="utf-8")
    sandboxes = serve_sandboxes("--scenario", str(path))
    try:
        yield sandboxes, load_scenario(path)
    finally:
        sandboxes.stop()


class Books:
    """The e-conomic sandbox's books, read as a client reads e-conomic."""

    def __init__(self, economic: dict[str, Any]) -> None:
        self.base = str(economic["base_url"]).rstrip("/")
        self.headers = {
            "X-AppSecretToken": str(economic["app_secret_token"]),
            "X-AgreementGrantToken": str(economic["agreement_grant_token"]),
        }
        self.cache: dict[int, list[dict[str, Any]]] = {}

    def pages(self, path: str) -> list[dict[str, Any]]:
        url: str | None = path if path.startswith("http") else f"{self.base}{path}"
        params: dict[str, str] | None = {"pagesize": "1000"}
        found: list[dict[str, Any]] = []
        while url:
            answer = httpx.get(url, headers=self.headers, params=params, timeout=10)
            assert answer.status_code == 200, answer.text
            page = answer.json()
            found.extend(page["collection"])
            url, params = page["pagination"].get("nextPage"), None
        return found

    def entries(self, account: int) -> list[dict[str, Any]]:
        if account not in self.cache:
            # each of the account's years links to its entries (a year may be "2025/2026")
            years = self.pages(f"/accounts/{account}/accounting-years")
            self.cache[account] = [e for y in years for e in self.pages(y["entries"])]
        return self.cache[account]

    def total(self, account: int, currency: str, keep: Callable[[dict[str, Any]], bool]) -> Decimal:
        """The sum of the account's entries in `currency` that `keep` chooses."""
        return sum(
            (
                Decimal(str(e["amount"]))
                for e in self.entries(account)
                if e["currency"] == currency and keep(e)
            ),
            Decimal(0),
        )

    def ours(self, account: int, currency: str, match_id: str | None = None) -> Decimal:
        """The sum of econdesk's entries (its marker in the text) in `currency` on the account."""
        which = re.escape(match_id) if match_id else r"m-\d+"
        marker = re.compile(f"^ED-{which}-")
        return self.total(account, currency, lambda e: bool(marker.match(e["text"])))


def config_for_modes(path: Path) -> dict[str, Any]:
    """Stripe's fees bought from Ireland under reverse charge; the posted drafts booked."""
    document = tomlkit.parse(path.read_text(encoding="utf-8"))
    document["providers"]["stripe"]["fee_vat_code"] = "IEUY"  # type: ignore[index]
    document["posting"]["book"] = True  # type: ignore[index]
    path.write_text(tomlkit.dumps(document), encoding="utf-8")
    return tomlkit.parse(path.read_text(encoding="utf-8")).unwrap()


def posted(w: Workflow) -> list[dict[str, Any]]:
    """init (each source's mode from the sandbox), sync, match, approve the safe proposals,
    post them and book the drafts; the posted matches."""
    config = config_for_modes(w.init())
    modes = {n: config["providers"][n].get("booking") for n in (*SETTLE, "chargebee")}
    assert modes == {"stripe": "settle", "frisbii": "settle", "chargebee": "payments"}, modes
    w.sync()
    w("match")
    w("approve", "--auto")
    w("post", expect=None)
    found = w.matches("posted")
    assert found, "approved matches were posted"
    return found


class Truth:
    """What the scenario says about a posted match: its items as the scenario's transactions."""

    def __init__(self, scenario: Scenario, books: Books) -> None:
        self.scenario = scenario
        self.tx = {t.ref: t for t in scenario.transactions if t.ref}
        self.bank = {b.ref: b for b in scenario.bank_entries}
        booked = books.pages("/invoices/booked")
        self.booked = {str(i["references"]["other"]): i for i in booked}

    def items(self, m: dict[str, Any]) -> list[Any]:
        refs = [*m["items"], *m["components"]]
        return [self.tx[r] for r in refs if r in self.tx]

    def provider(self, m: dict[str, Any]) -> str:
        return self.items(m)[0].provider if self.items(m) else ""

    def booked_invoice(self, tx: Any) -> dict[str, Any]:
        return self.booked[self.scenario.invoices[tx.invoice].number]


def feed_leg(books: Books, bank: BankEntry) -> tuple[int, Decimal]:
    """The bank feed's other side of a booked bank line: on which clearing account (the same
    voucher and text as the bank line) and how much."""
    legs = [
        (account, Decimal(str(e["amount"])))
        for account in CLEARING_ACCOUNTS
        for e in books.entries(account)
        if e["voucherNumber"] == bank.voucher_number
        and e["text"] == bank.text
        and e["currency"] == bank.amount.currency
    ]
    assert [amount for _, amount in legs] == [-bank.amount.amount], (bank, legs)
    return legs[0]


def integration_payments(books: Books, truth: Truth, m: dict[str, Any], clearing: int) -> Decimal:
    """What the integration booked onto C for the match's payments, found by invoice."""
    texts = {
        f"Betaling faktura {truth.booked_invoice(t)['bookedInvoiceNumber']}"
        for t in truth.items(m)
        if t.kind is ItemKind.PAYMENT
    }
    return books.total(clearing, m["currency"], lambda e: e["text"] in texts)


def test_settle_leaves_each_payouts_clearing_share_at_zero_and_books_only_fees(
    econdesk_in_process: Econdesk,
    integrated: tuple[ServedSandboxes, Scenario],
    tmp_path: Path,
) -> None:
    served, scenario = integrated
    w = Workflow(econdesk_in_process, served, scenario, tmp_path, "--db", str(tmp_path / "s.db"))
    matches = posted(w)
    books = Books(w.config["economic"])
    truth = Truth(scenario, books)

    settled = [m for m in matches if truth.provider(m) in SETTLE]
    booked_banks = [m for m in settled if all(truth.bank[b].origin is BankEntryOrigin.BOOKED
                                              for b in m["bank"])]  # fmt: skip
    assert {truth.provider(m) for m in booked_banks} == set(SETTLE), "both settle sources post"
    for m in booked_banks:
        # The match's share of each clearing account: what the integration booked onto C for
        # its payments, the feed's deposit (on C, or an acquirer's own account that the
        # voucher's transfer line empties) and econdesk's voucher.
        shares = {a: books.ours(a, m["currency"], m["id"]) for a in CLEARING_ACCOUNTS}
        shares[CLEARING[truth.provider(m)]] += integration_payments(
            books, truth, m, CLEARING[truth.provider(m)]
        )
        for b in m["bank"]:
            account, amount = feed_leg(books, truth.bank[b])
            shares[account] += amount
        assert set(shares.values()) == {0}, f"{m['id']}: {shares} left on clearing"

    # Revenue and output VAT: econdesk books no payment there, only the refunds and disputes
    # the integration leaves to the bookkeeper (reversed at the sale's revenue and VAT).
    revenue = [
        a["accountNumber"]
        for a in books.pages("/accounts")
        if str(a.get("vatAccount", {}).get("vatCode", "")).startswith("U")
    ]
    currencies = {m["currency"] for m in matches}
    disputed = [t for m in settled for t in truth.items(m) if t.kind is ItemKind.CHARGEBACK]
    assert disputed and any(t.kind is ItemKind.REFUND for m in settled for t in truth.items(m))
    for c in currencies:
        reversed_sales = sum(
            (-t.amount.amount for m in matches if m["currency"] == c for t in truth.items(m)
             if t.kind in (ItemKind.REFUND, ItemKind.CHARGEBACK)),
            Decimal(0),
        )  # fmt: skip
        touched = sum((books.ours(a, c) for a in [*revenue, OUTPUT_VAT]), Decimal(0))
        assert touched == reversed_sales, c
    for m in settled:
        if all(t.kind is ItemKind.PAYMENT for t in truth.items(m)):
            assert all(books.ours(a, m["currency"], m["id"]) == 0 for a in [*revenue, OUTPUT_VAT])

    # Fees: the scenario's fees of what was posted; Stripe's under reverse charge, its VAT
    # on both VAT accounts.
    fees = {m["id"]: sum((t.fee.amount for t in truth.items(m)), Decimal(0)) for m in matches}
    stripe = [m for m in matches if truth.provider(m) == "stripe"]
    assert stripe, "Stripe payouts were posted"
    for c in currencies:
        mine = [m for m in matches if m["currency"] == c]
        assert books.ours(FEES, c) == sum((fees[m["id"]] for m in mine), Decimal(0)), c
        reverse_charge = sum(
            ((fees[m["id"]] * Decimal("0.25")).quantize(Decimal("0.01"))
             for m in stripe if m["currency"] == c),
            Decimal(0),
        )  # fmt: skip
        assert books.ours(INPUT_VAT, c) == reverse_charge, c
        assert books.ours(EU_VAT, c) == -reverse_charge, c


def test_payments_pay_each_booked_invoice_to_its_remainder(
    econdesk_in_process: Econdesk,
    integrated: tuple[ServedSandboxes, Scenario],
    tmp_path: Path,
) -> None:
    served, scenario = integrated
    w = Workflow(econdesk_in_process, served, scenario, tmp_path, "--db", str(tmp_path / "p.db"))
    matches = posted(w)
    books = Books(w.config["economic"])
    truth = Truth(scenario, books)
    paid: dict[str, Decimal] = {}
    for m in matches:
        if truth.provider(m) != "chargebee":
            continue
        for t in truth.items(m):
            if t.kind is ItemKind.PAYMENT:
                number = scenario.invoices[t.invoice].number
                paid[number] = paid.get(number, Decimal(0)) + t.amount.amount
    assert paid, "Chargebee's bank transfers were posted"
    left = [m["id"] for m in w.matches("approved") if truth.provider(m) == "chargebee"]
    assert left == [], f"every approved Chargebee payment finds its booked invoice: {left}"
    after = {str(i["references"]["other"]): i for i in books.pages("/invoices/booked")}
    for number, amount in paid.items():
        invoice = after[number]
        rest = Decimal(str(invoice["grossAmount"])) - amount
        assert Decimal(str(invoice["remainder"])) == rest, (number, invoice, amount)
