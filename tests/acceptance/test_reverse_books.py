"""Reversing through the command line against the sandbox's kept books: post (settle and
payments modes, drafts booked), then `econdesk reverse`; every account the voucher touched
nets to zero with its reversal, and a payment's booked invoice is open again to what it was.
The checks read the sandbox's books over HTTP, never econdesk's vouchers."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from econdesk.domain.model import ItemKind
from econdesk.sandbox.scenario import Scenario
from tests.acceptance.harness import Econdesk, ServedSandboxes
from tests.acceptance.test_booking_modes import (
    CLEARING_ACCOUNTS,
    EU_VAT,
    FEES,
    INPUT_VAT,
    OUTPUT_VAT,
    Books,
    Truth,
    integrated,  # noqa: F401 (the fixture)
    posted,
)
from tests.acceptance.test_workflow import Workflow


def with_reversal(books: Books, account: int, currency: str, match_id: str) -> Decimal:
    """The match's voucher and its reversal on the account, together."""
    number = re.escape(match_id.removeprefix("m-"))
    marker = re.compile(f"^ED-(m|r)-{number}-")
    return books.total(account, currency, lambda e: bool(marker.match(e["text"])))


def test_reverse_puts_the_books_back_as_they_were(
    econdesk_in_process: Econdesk,
    integrated: tuple[ServedSandboxes, Scenario],  # noqa: F811
    tmp_path: Path,
) -> None:
    served, scenario = integrated
    w = Workflow(econdesk_in_process, served, scenario, tmp_path, "--db", str(tmp_path / "r.db"))
    matches = posted(w)
    before_books = Books(w.config["economic"])
    truth = Truth(scenario, before_books)
    by_provider = {truth.provider(m): m for m in matches if truth.provider(m) != "chargebee"}
    by_provider["chargebee"] = next(
        m
        for m in matches
        if truth.provider(m) == "chargebee"
        and any(t.kind is ItemKind.PAYMENT and t.invoice for t in truth.items(m))
    )
    chosen = [by_provider[p] for p in ("stripe", "chargebee") if p in by_provider]
    assert len(chosen) == 2, "a settle payout and a payments transfer were posted"
    invoices_before = {
        str(i["references"]["other"]): Decimal(str(i["remainder"]))
        for i in before_books.pages("/invoices/booked")
    }
    accounts = {*CLEARING_ACCOUNTS, FEES, INPUT_VAT, EU_VAT, OUTPUT_VAT}
    accounts |= {a["accountNumber"] for a in before_books.pages("/accounts")}
    for m in chosen:
        done = w("reverse", m["id"], "--reason", "matched the wrong deposit", "--json").json()
        assert done["outcome"] == "posted", done
        assert [r["number"] for r in done["reverses"]] == [m["voucher"]["number"]]
    books = Books(w.config["economic"])  # read afresh: the reversals are booked too
    for m in chosen:
        touched = {
            a: with_reversal(books, a, m["currency"], m["id"]) for a in accounts if books.entries(a)
        }
        assert set(touched.values()) <= {Decimal(0)}, f"{m['id']}: {touched}"
    # The transfer paid a booked invoice; reversed, the invoice is open again by that much.
    invoices_after = {
        str(i["references"]["other"]): Decimal(str(i["remainder"]))
        for i in books.pages("/invoices/booked")
    }
    paid_back = {
        scenario.invoices[t.invoice].number: t.amount.amount
        for t in truth.items(by_provider["chargebee"])
        if t.kind is ItemKind.PAYMENT and t.invoice
    }
    assert paid_back
    for number, amount in paid_back.items():
        assert invoices_before[number] != invoices_after[number], number
        assert invoices_after[number] == invoices_before[number] + amount, number
    reversed_ids = {m["id"] for m in chosen}
    assert reversed_ids <= {m["id"] for m in w.matches("proposed")}
    w("audit", "verify")
