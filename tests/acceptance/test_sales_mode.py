"""Sales mode on bank-only books (issue #15): `econdesk post` books each source's sales in daily
sales summaries, in the period of the sale, across a month end and an accounting year end.

The sandboxes run on loopback (`econdesk.sandbox.serve.start`, as `econdesk sandbox serve`
starts them), the e-conomic one in this process so the test can close a period the way a
bookkeeper closes it in e-conomic's settings. Every command is `econdesk.cli.main`. The
expectation comes from the scenario's own transactions, never from econdesk's vouchers, and the
books are read back over the e-conomic sandbox's REST API as any client reads them.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from econdesk.accounting.marker import markers_in
from econdesk.accounting.sales_summary import SALES_TZ
from econdesk.config import starter_config
from econdesk.domain import ItemKind
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.sandbox.economic import serving as economic_serving
from econdesk.sandbox.scenario import Scenario, load_scenario
from econdesk.sandbox.scenario.catalog import vat_of
from econdesk.sandbox.serve import (
    RunningSandbox,
    ServeOptions,
    connection_document,
    start,
    stop_all,
)
from econdesk.storage.repos.postings import PostingRepository
from tests.acceptance.harness import InProcessEcondesk

SEED = 23
START, END = date(2026, 6, 12), date(2026, 7, 10)  # June/July: a month end and the year end
# A bank-only business (no `integrated` books): every source in sales mode.
SCENARIO_TOML = f"""\
[scenario]
base = "tiny"
seed = {SEED}
size = 70
start = {START.isoformat()}
end = {END.isoformat()}
"""
# What the summaries book; disputes stay on the payouts' vouchers (docs/booking-modes.md).
SALES_KINDS = (ItemKind.PAYMENT, ItemKind.REFUND)
Month = tuple[int, int]


@dataclass
class Books:
    economic: EconomicSandbox
    config: Path
    db: Path
    run: InProcessEcondesk

    def __call__(self, *args: str, expect: int | None = 0, language: str = "en") -> Any:
        env = {"LC_ALL": "da_DK.UTF-8" if language == "da" else "en_GB.UTF-8"}
        return self.run(
            "--config", str(self.config), "--db", str(self.db), *args, expect=expect, env=env
        )


@pytest.fixture
def books(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Books]:
    spec = tmp_path / "sales-scenario.toml"
    spec.write_text(SCENARIO_TOML, encoding="utf-8")
    made: list[EconomicSandbox] = []

    class Kept(EconomicSandbox):  # the e-conomic sandbox, kept at hand to close a period
        def __init__(self, *args: Any, **kw: Any) -> None:
            super().__init__(*args, **kw)
            made.append(self)

    monkeypatch.setattr(economic_serving, "EconomicSandbox", Kept)
    running: list[RunningSandbox] = start(ServeOptions(seed=SEED, scenario=str(spec)))
    try:
        document = connection_document(running)
        assert set(document["providers"]) >= {"stripe", "frisbii", "chargebee"}
        assert "rates" in document  # foreign sales read their day's rate from the sandbox
        config = tmp_path / "config.toml"
        text = starter_config(document).replace("book = false", "book = true")
        assert 'booking = "sales"' in text and "book = true" in text
        config.write_text(text, encoding="utf-8")
        (economic,) = made
        yield Books(economic, config, tmp_path / "books.sqlite3", InProcessEcondesk())
    finally:
        stop_all(running)


def expected_sales(scenario: Scenario) -> dict[tuple[Month, str], tuple[Decimal, Decimal]]:
    """(month, currency) -> (sales incl. VAT, output VAT), from the scenario's settled
    payments and refunds by their date in Copenhagen."""
    out: dict[tuple[Month, str], list[int]] = defaultdict(lambda: [0, 0])
    for tx in scenario.transactions:
        if not tx.settled or tx.kind not in SALES_KINDS or tx.provider in ("clearhaus",):
            continue
        day = tx.occurred_at.astimezone(SALES_TZ).date()
        minor = tx.amount.to_minor()
        totals = out[((day.year, day.month), tx.amount.currency)]
        totals[0] += minor
        totals[1] += vat_of(minor, 25)
    return {
        key: (Decimal(gross).scaleb(-2), Decimal(vat).scaleb(-2))
        for key, (gross, vat) in out.items()
    }


def booked_sales(books: Books) -> tuple[dict[tuple[Month, str], tuple[Decimal, Decimal]], Any]:
    """(month, currency) -> (revenue + VAT, VAT) credited by econdesk's daily sales summaries,
    read from e-conomic's booked entries; and marker -> the vouchers holding it."""
    sandbox = books.economic
    headers = {
        "X-AppSecretToken": sandbox.app_secret_token,
        "X-AgreementGrantToken": sandbox.agreement_grant_token,
    }
    base = sandbox.base_url
    vat_account = httpx.get(f"{base}/vat-accounts/U25", headers=headers, timeout=10).json()
    output_vat = vat_account["account"]["accountNumber"]
    sums: dict[tuple[Month, str], list[Decimal]] = defaultdict(lambda: [Decimal(0)] * 2)
    vouchers: dict[str, set[tuple[str, int]]] = defaultdict(set)
    years = httpx.get(f"{base}/accounting-years", headers=headers, timeout=10).json()
    for year in years["collection"]:
        url: str | None = f"{year['self']}/entries"
        params: dict[str, str] | None = {"pagesize": "1000"}
        while url:
            page = httpx.get(url, headers=headers, params=params, timeout=10).json()
            for e in page["collection"]:
                ours = [m for m in markers_in(e.get("text", "")) if m.startswith("ED-s-")]
                if not ours:
                    continue
                vouchers[ours[0]].add((year["year"], e["voucherNumber"]))
                day = date.fromisoformat(e["date"])
                key = ((day.year, day.month), e["currency"])
                amount = -Decimal(str(e["amount"]))  # credits, as sales
                if "vatAccount" in e:  # the revenue leg carries the sale's VAT code
                    sums[key][0] += amount
                elif e["account"]["accountNumber"] == output_vat:
                    sums[key][0] += amount
                    sums[key][1] += amount
            url = page.get("pagination", {}).get("nextPage")
            params = None
    return {k: (v[0], v[1]) for k, v in sums.items() if any(v)}, vouchers


def test_sales_are_booked_in_their_period_once_whatever_happens(
    books: Books, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = load_scenario(books.config.parent / "sales-scenario.toml", seed=SEED)
    expected = expected_sales(scenario)
    months = {m for m, _ in expected}
    assert {(2026, 6), (2026, 7)} <= months, expected  # across the month and year end
    books("sync", "--from", (START - timedelta(days=5)).isoformat(), "--to",
          (END + timedelta(days=40)).isoformat())  # fmt: skip

    # June is closed before anything is posted: its summaries fail and stay in June.
    books.economic.data.close_period(date(2026, 6, 20))
    first = books("post", "--json", expect=1).json()
    summaries = {s["id"]: s for s in first["summaries"]}
    june = {i for i, s in summaries.items() if s["day"] < "2026-07-01"}
    assert june and set(summaries) - june
    for outcome in first["outcomes"]:
        if outcome["id"] in june:
            assert outcome["outcome"] == "unposted"
            assert outcome["reason"].startswith("The accounting period holding 2026-06-")
            assert "is closed in e-conomic" in outcome["reason"]
        elif outcome["id"] in summaries:
            assert outcome["outcome"] == "posted", outcome
    booked, _ = booked_sales(books)
    assert {m for m, _ in booked} == {(2026, 7)}  # nothing of June moved into July
    assert {k: v for k, v in booked.items() if k[0] == (2026, 7)} == {
        k: v for k, v in expected.items() if k[0] == (2026, 7)
    }
    # Posted again while closed: still failed, said in Danish too.
    danish = books("post", expect=1, language="da")
    assert "daglig salgsopgørelse" in danish.out and "ikke overført" in danish.out
    assert {m for m, _ in booked_sales(books)[0]} == {(2026, 7)}

    # Reopened; the run that posts June's summaries dies after e-conomic took the first one,
    # before econdesk recorded it (as tests/services/test_posting_kill_steps.py does).
    books.economic.data.closed_periods.clear()

    class Killed(BaseException):
        pass

    original = PostingRepository.mark_posted

    def dying(self: PostingRepository, subject: str, voucher: Any) -> Any:
        if subject.startswith("s-"):
            raise Killed(subject)
        return original(self, subject, voucher)

    monkeypatch.setattr(PostingRepository, "mark_posted", dying)
    with pytest.raises(Killed):
        books("post")
    monkeypatch.setattr(PostingRepository, "mark_posted", original)
    # Eleven minutes later (the process is surely gone): the next runs settle and finish it.
    with sqlite3.connect(books.db) as conn:
        conn.execute(
            "UPDATE postings SET updated_at = datetime(updated_at, '-11 minutes') "
            "WHERE status IN ('claimed', 'sent')"
        )
    books("post", expect=None)
    final = books("post", "--json").json()
    assert final["summaries"] == []  # everything summarised is posted
    booked, vouchers = booked_sales(books)
    assert booked == expected  # revenue and output VAT per month and currency, to the øre
    assert all(len(v) == 1 for v in vouchers.values()), vouchers  # each summary once
    assert len(vouchers) == len(summaries)  # every summary made at the first run, no more
    again = books("post", "--json").json()
    assert again["outcomes"] == [] and booked_sales(books)[0] == expected
