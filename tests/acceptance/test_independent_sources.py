"""Acceptance on data econdesk's generator did not make: a month of a small Danish business
written by hand (tests/fixtures/independent_may2024, README there), in the documented shapes
of the Clearhaus Merchant API, the Vipps MobilePay Report API and Frisbii, with its bank
statement as Danske Bank exports it. The sandboxes serve it over loopback; `econdesk sync`
and `econdesk match` run on it as a bookkeeper would, and every deposit must be explained
correctly or left for a person: never approved unattended with the wrong money.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from econdesk.sandbox.clearhaus.app import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, ClearhausSandbox
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.sandbox.fixtures import FixtureData, load_fixture
from econdesk.sandbox.frisbii.app import DEMO_KEY, FrisbiiSandbox
from econdesk.sandbox.mobilepay import app as mp
from econdesk.sandbox.ratelimit import BucketLimiter
from tests.acceptance.harness import InProcessEcondesk

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "independent_may2024"
CH = "clearhaus:5b3e9f0a-6c1d-4e2b-8a7f-10000000000"  # + the settlement's last digit
MP = "mobilepay:302321-2024-05-0"  # + the ledger day
INVOICE = "frisbii:invoice-inv-"


@dataclass(frozen=True)
class Expected:
    """What a bank line must be: explained by exactly `item` (auto-approval allowed when
    `auto_ok`), or, with `item` None, matched to nothing unattended (a person decides)."""

    item: str | None
    auto_ok: bool = True
    also: tuple[str, ...] = ()  # other items a correct proposal may hold (a person decides)


# By (date, text, amount) as the bank shows them.
EXPECTED = {
    ("2024-05-02", "MobilePay 2024-05-02"): Expected(f"{MP}1"),
    ("2024-05-03", "MobilePay 2024-05-03"): Expected(f"{MP}2"),  # refund and correction inside
    ("2024-05-06", "CLEARHAUS A/S 12345"): Expected(f"{CH}1"),
    ("2024-05-10", "Overførsel fakt. 1614 Jensen ApS"): Expected(f"{INVOICE}1614"),
    ("2024-05-13", "CLEARHAUS A/S 12345"): Expected(f"{CH}2"),  # reserve and other postings
    # half of invoice 1615 each: nothing pays it alone
    ("2024-05-15", "Hansen & Co faktura 1615 rate 1"): Expected(None, also=(f"{INVOICE}1615",)),
    ("2024-05-22", "Hansen & Co faktura 1615 rate 2"): Expected(None, also=(f"{INVOICE}1615",)),
    # quotes 1617 (Andersen's, 980.00) but pays Møller's 1616 (640.00): by name and amount
    ("2024-05-16", "Overførsel fakt. 1617 Møller Rådgivning"): Expected(
        f"{INVOICE}1616", auto_ok=False
    ),
    # one settlement reaching the bank in two parts across Whit Monday: proposed, never
    # approved unattended
    ("2024-05-17", "CLEARHAUS A/S 12345"): Expected(f"{CH}3", auto_ok=False),
    ("2024-05-21", "CLEARHAUS A/S 12345"): Expected(f"{CH}3", auto_ok=False),
    # the same amount twice on one day: a settlement and a customer paying invoice 1620
    ("2024-05-24", "CLEARHAUS A/S 12345"): Expected(f"{CH}4"),
    ("2024-05-24", "Skov Design"): Expected(f"{INVOICE}1620", auto_ok=False),
    # a customer paying an invoice by MobilePay: not a MobilePay payout
    ("2024-05-27", "MobilePay Andersen IVS fakt 1617"): Expected(f"{INVOICE}1617"),
    ("2024-05-28", "CLEARHAUS A/S 12345"): Expected(f"{CH}2/reserve"),  # the reserve paid out
    ("2024-05-31", "Husleje juni"): Expected(None),
    ("2024-05-31", "Renter"): Expected(None),
}


# The payouts' parts as the documents give them (Frisbii transactions by their ids).
COMPONENTS = {
    f"{MP}1": {"frisbii:tx-inv-1599-1"},
    f"{MP}2": {
        "frisbii:tx-inv-1601-1",
        "frisbii:tx-inv-1602-1",
        "frisbii:tx-inv-1599-r",  # a refund of the day before's capture
        "mobilepay:302321-2024-05-02/posting-1",  # the correction
    },
    f"{CH}1": {"frisbii:tx-inv-1603-1", "frisbii:tx-inv-1604-1", "frisbii:tx-inv-1605-1"},
    f"{CH}2": {
        "frisbii:tx-inv-1606-1",
        "frisbii:tx-inv-1607-1",
        "frisbii:tx-inv-1608-1",
        "frisbii:tx-inv-1604-r",  # refunds a payment of the first settlement
        f"{CH}2/reserve-withheld",
        f"{CH}2/posting-1",  # the monthly fee
        f"{CH}2/posting-2",  # a correction of April's fee
    },
    f"{CH}3": {"frisbii:tx-inv-1609-1", "frisbii:tx-inv-1610-1"},
    f"{CH}4": {"frisbii:tx-inv-1611-1"},
    f"{CH}2/reserve": {f"{CH}2/reserve-released"},
}


@pytest.fixture(scope="module")
def fixture() -> FixtureData:
    return load_fixture(FIXTURE)


@pytest.fixture
def served(fixture: FixtureData) -> Iterator[dict[str, str]]:
    fast = BucketLimiter(5000, 1.0)
    with (
        EconomicSandbox(fixture.economic) as economic,
        FrisbiiSandbox(fixture.frisbii).server(limiter=fast) as frisbii,
        ClearhausSandbox(fixture.clearhaus).server(limiter=fast) as clearhaus,
        mp.MobilePaySandbox(fixture.mobilepay).server(limiter=fast) as mobilepay,
    ):
        yield {
            "economic": economic.base_url,
            "token": economic.app_secret_token,
            "grant": economic.agreement_grant_token,
            "frisbii": frisbii.base_url,
            "clearhaus": clearhaus.base_url,
            "mobilepay": mobilepay.base_url,
        }


def _config(tmp_path: Path, urls: dict[str, str]) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f"""[economic]
base_url = "{urls["economic"]}"
app_secret_token = "{urls["token"]}"
agreement_grant_token = "{urls["grant"]}"
bank_account = 5820
journal = 1
difference_account = 7290

[providers.frisbii]
base_url = "{urls["frisbii"]}"
api_key = "{DEMO_KEY}"
clearing_account = 5831
fee_account = 7220

[providers.clearhaus]
base_url = "{urls["clearhaus"]}"
client_id = "{DEMO_CLIENT_ID}"
client_secret = "{DEMO_CLIENT_SECRET}"
clearing_account = 5831
fee_account = 7220
reserve_account = 5835

[providers.mobilepay]
base_url = "{urls["mobilepay"]}"
client_id = "{mp.DEMO_CLIENT_ID}"
client_secret = "{mp.DEMO_CLIENT_SECRET}"
subscription_key = "{mp.DEMO_SUBSCRIPTION_KEY}"
merchant_serial_number = "{mp.DEMO_MSN}"
clearing_account = 5840
fee_account = 7220
""",
        encoding="utf-8",
    )
    return path


def _run(tmp_path: Path, urls: dict[str, str]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    econdesk = InProcessEcondesk()
    config = _config(tmp_path, urls)
    common = ("--config", str(config), "--db", str(tmp_path / "store.sqlite3"))
    sync = econdesk(*common, "sync", "--from", "2024-05-01", "--to", "2024-05-31", "--json")
    econdesk(*common, "match", "--json")
    matches = econdesk(*common, "matches", "--json").json()
    return matches, sync.json()


def _verdicts(fixture: FixtureData, matches: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """Per bank line: "ok", or what is wrong with how it was matched."""
    by_line: dict[str, list[dict[str, Any]]] = {}
    for m in matches:
        if m["state"] in ("proposed", "approved", "parked"):
            for ref in m["bank"]:
                by_line.setdefault(ref, []).append(m)
    verdicts: dict[tuple[str, str], str] = {}
    for entry in fixture.bank:
        key = (entry.entry_date.isoformat(), entry.text)
        want = EXPECTED[key]
        found = by_line.get(entry.ref, [])
        wrong = []
        for m in found:
            items = set(m["items"])
            right = want.item is not None and want.item in items
            fair = right or bool(items & set(want.also))
            if not fair:
                wrong.append(f"matched to {sorted(items)} ({m['state']}, auto={m['auto']})")
            elif m["auto"] and not (right and want.auto_ok):
                wrong.append(f"marked safe to approve unattended: {sorted(items)}")
        if want.item is not None and not found:
            wrong.append("left unexplained")
        verdicts[key] = "; ".join(wrong) or "ok"
    return verdicts


def test_every_deposit_is_explained_or_left_for_a_person(
    tmp_path: Path, fixture: FixtureData, served: dict[str, str]
) -> None:
    matches, sync = _run(tmp_path, served)
    failed = [s for s in sync["sources"] if s["error"] is not None or not s["finished"]]
    assert failed == [], json.dumps(failed, indent=1)
    verdicts = _verdicts(fixture, matches)
    assert set(verdicts) == set(EXPECTED), "every bank line has its expectation"
    wrong = {f"{d} {t}": v for (d, t), v in verdicts.items() if v != "ok"}
    assert wrong == {}, json.dumps(wrong, indent=1, ensure_ascii=False)
    # what each payout is made of, exactly as the documents say, to the øre
    explained = {item: m for m in matches for item in m["items"]}
    for payout, parts in COMPONENTS.items():
        assert set(explained[payout]["components"]) == parts, payout
        assert explained[payout]["difference"] == "0.00", payout
    # the settlement in two bank lines says so, with both parts
    split = explained[f"{CH}3"]
    assert len(split["bank"]) == 2 and not split["auto"]
    said = {t["term"]: t["detail"] for t in split["explanation"]}
    assert said["split"] == (
        "arrived in 2 parts: 2500.00 DKK on 17.05.2024 and 1687.87 DKK on 21.05.2024"
    )


def test_only_the_right_matches_are_approved_unattended(
    tmp_path: Path, fixture: FixtureData, served: dict[str, str]
) -> None:
    _run(tmp_path, served)
    econdesk = InProcessEcondesk()
    common = ("--config", str(tmp_path / "config.toml"), "--db", str(tmp_path / "store.sqlite3"))
    econdesk(*common, "approve", "--auto")
    approved = econdesk(*common, "matches", "--state", "approved", "--json").json()
    lines = {e.ref: (e.entry_date.isoformat(), e.text) for e in fixture.bank}
    got = {lines[ref]: tuple(m["items"]) for m in approved for ref in m["bank"]}
    want = {key: (e.item,) for key, e in EXPECTED.items() if e.item is not None and e.auto_ok}
    assert got == want
