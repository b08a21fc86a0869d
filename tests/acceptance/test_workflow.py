"""The whole reconciliation through the command line, as the README promises it.

`econdesk sandbox serve --scenario FILE` runs the fake e-conomic and billing platforms; the
config comes from `econdesk init --sandbox URL`; then sync, status, match, matches, approve,
reject, post (dry run and real), report, audit verify. A second round of sync, match and post
must duplicate nothing, leave decisions as they are and post nothing twice, which is checked
against what the e-conomic sandbox itself holds in the daybook. Afterwards a payload changed
behind econdesk's back in the SQLite audit table is named by `audit verify`.
"""

from __future__ import annotations

import re
import sqlite3
import tomllib
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import tomlkit

from econdesk.sandbox.mobilepay.render import DEMO_LEDGER_ID as MOBILEPAY_LEDGER
from econdesk.sandbox.scenario import Scenario, load_scenario
from econdesk.sandbox.scenario.deposits import DepositKind
from econdesk.sandbox.scenario.truth import ExpectedMatch
from tests.acceptance.conftest import PERIOD
from tests.acceptance.harness import (
    DaybookEntry,
    Econdesk,
    InProcessEcondesk,
    Outcome,
    ServedSandboxes,
    daybook,
    vouchers_by_marker,
)
from tests.acceptance.shapes import match_problems, status_problems, totals

PROVIDERS = ("stripe", "frisbii", "chargebee")
REPORT_SHEETS = (
    "Summary",
    "Matches",
    "Payouts",
    "Open bank entries",
    "Open platform items",
    "Vouchers posted",
    "Clearing roll-forward",
    "Audit trail",
)
LIVE = ("proposed", "approved", "parked", "posted")


class Workflow:
    """One bookkeeper's run: the commands in order, each checked against the contract.

    The run's own steps go through `econdesk` (real processes in the main test); the extra
    look-ups the checks need (status and listings between steps) run in-process, which keeps
    the test quick without changing what is checked.
    """

    def __init__(
        self,
        econdesk: Econdesk,
        served: ServedSandboxes,
        scenario: Scenario,
        folder: Path,
        *global_args: str,
    ) -> None:
        self.econdesk = econdesk
        self.looker: Econdesk = InProcessEcondesk()
        self.served = served
        self.scenario = scenario
        self.folder = folder
        self.global_args = global_args
        self.config: dict[str, Any] = {}

    def __call__(self, *args: str, expect: int | None = 0) -> Outcome:
        return self.econdesk(*self.global_args, *args, expect=expect)

    def look(self, *args: str, expect: int | None = 0) -> Outcome:
        return self.looker(*self.global_args, *args, expect=expect)

    # -- the commands, each with the checks its contract allows ------------------------------
    def init(self) -> Path:
        done = self("init", "--sandbox", self.served.connection_url)
        written = re.search(r"wrote (\S+)", done.out)
        assert written, done
        path = Path(written.group(1))
        self.config = tomllib.loads(path.read_text(encoding="utf-8"))
        economic = self.config["economic"]
        assert economic["base_url"].rstrip("/") in [u.rstrip("/") for u in self.served.urls]
        assert set(PROVIDERS) <= set(self.config.get("providers", {})), (
            "the sandbox serves e-conomic and the billing platforms, and init wires them all",
            self.config,
        )
        set_up_posting(path)
        return path

    def sync(self, *, step: bool = True) -> Outcome:
        start, end = PERIOD
        run = self if step else self.look
        return run("sync", "--from", start.isoformat(), "--to", end.isoformat())

    def status(self, *, step: bool = False) -> dict[str, Any]:
        run = self if step else self.look
        status: dict[str, Any] = run("status", "--json").json()
        assert status_problems(status) == [], status
        return status

    def matches(self, state: str | None = None, *, step: bool = False) -> list[dict[str, Any]]:
        args = ["matches", "--json"] + (["--state", state] if state else [])
        run = self if step else self.look
        found: list[dict[str, Any]] = run(*args).json()
        assert isinstance(found, list)
        # Every source init wired: a settlement read over an acquirer's API is named itself.
        providers = set(self.config.get("providers", {})) | set(PROVIDERS)
        problems = [p for m in found for p in match_problems(m, providers)]
        assert problems == [], problems
        assert all(state is None or m["state"] == state for m in found)
        assert len({m["id"] for m in found}) == len(found), "a match id listed twice"
        return found

    def daybook(self) -> list[DaybookEntry]:
        return daybook(self.config["economic"], int(self.config["economic"]["journal"]))

    # -- what must hold of every listing -----------------------------------------------------
    def check_refs(self, matches: list[dict[str, Any]]) -> None:
        """Every ref is something the scenario has; nothing sits in two live matches."""
        bank_refs = {b.ref for b in self.scenario.bank_entries}
        item_refs = {i.ref for i in self.scenario.all_items()}
        payout_refs = {p.ref for p in self.scenario.payouts} | mobilepay_payout_refs(self.scenario)
        live = [m for m in matches if m["state"] in LIVE]
        used = Counter(r for m in live for r in (*m["bank"], *m["items"], *m["components"]))
        twice = sorted(r for r, n in used.items() if n > 1)
        assert twice == [], f"in two live matches: {twice}"
        for m in matches:
            assert set(m["bank"]) <= bank_refs, m
            assert set(m["items"]) <= item_refs | payout_refs, m
            assert set(m["components"]) <= item_refs, m


def set_up_posting(config: Path) -> None:
    """What the bookkeeper does after `init` (README, Configuration), where the starter config
    has not: a revenue account and VAT code for payments whose plan has no mapping, and each
    platform's allowed difference per deposit (rounding and exchange)."""
    text = config.read_text(encoding="utf-8")
    parsed = tomllib.loads(text)
    if "revenue_account" not in parsed.get("posting", {}):
        assert text.count("[posting]\n") == 1, text
        text = text.replace("[posting]\n", '[posting]\nrevenue_account = 1010\nvat_code = "U25"\n')
    # Bank-only books are `sales`, whose payments and refunds the daily sales summaries book
    # rather than the payout's voucher; this workflow posts vouchers that book them, as a
    # loopback sandbox without a booking mode does (tests/acceptance/test_booking_modes.py
    # has the modes).
    text = text.replace('booking = "sales"\n', "")
    for name in PROVIDERS:
        if "tolerance_fixed" not in parsed["providers"][name]:
            table = f"[providers.{name}]\n"
            assert text.count(table) == 1, text
            text = text.replace(table, f'{table}tolerance_fixed = "0.50"\n')
    config.write_text(text, encoding="utf-8")


def explains_as_truth(m: dict[str, Any], truth: ExpectedMatch) -> bool:
    """The match holds the payments the truth names: directly, or as the components of the
    payout MobilePay's report made of them (the truth lists a MobilePay transfer's payments)."""
    if truth.provider == "mobilepay" and all(r.startswith("mobilepay:") for r in m["items"]):
        return set(m["components"]) == set(truth.item_refs)
    return set(m["items"]) == set(truth.item_refs)


def mobilepay_payout_refs(scenario: Scenario) -> set[str]:
    """The payouts the MobilePay sandbox's report makes of the scenario's MobilePay transfers:
    one a payout day of its one ledger (`<ledger>-<date>`)."""
    return {
        f"mobilepay:{MOBILEPAY_LEDGER}-{d.created.isoformat()}"
        for d in scenario.deposits
        if d.kind is DepositKind.MOBILEPAY_TRANSFER
    }


def without_mobilepay_report(config: Path) -> None:
    """Drop `[providers.mobilepay]`: its deposits are then explained by Frisbii's payments
    less the inferred fee, as for a business that has no Report API access."""
    document = tomlkit.parse(config.read_text(encoding="utf-8"))
    providers = document["providers"]
    assert isinstance(providers, dict)
    del providers["mobilepay"]
    config.write_text(tomlkit.dumps(document), encoding="utf-8")


def bank_in_state(status: dict[str, Any], state: str) -> int:
    return sum(
        n for (side, _, st, _), (n, _) in totals(status).items() if (side, st) == ("bank", state)
    )


def counts_ignoring_state(status: dict[str, Any]) -> Counter[tuple[str, str, str]]:
    """How many bank entries, items and payouts the store holds, per side, source and currency."""
    held: Counter[tuple[str, str, str]] = Counter()
    for (side, source, _, currency), (count, _) in totals(status).items():
        held[(side, source, currency)] += count
    return held


def bank_amounts(status: dict[str, Any]) -> dict[str, Decimal]:
    """The bank side's total per currency in `status --json` (amounts are decimal strings)."""
    found: dict[str, Decimal] = {}
    for (side, _, _, currency), (_, amount) in totals(status).items():
        if side == "bank":
            found[currency] = found.get(currency, Decimal(0)) + amount
    return found


def scenario_bank_amounts(scenario: Scenario) -> dict[str, Decimal]:
    expected: dict[str, Decimal] = {}
    for entry in scenario.bank_entries:
        currency = entry.amount.currency
        expected[currency] = expected.get(currency, Decimal(0)) + entry.amount.amount
    return expected


def held_items(held: Counter[tuple[str, str, str]], provider: str) -> int:
    return sum(n for (side, source, _), n in held.items() if (side, source) == ("item", provider))


def run_first_round(w: Workflow) -> dict[str, Any]:
    """init → sync → status → match → matches → approve/reject → post → report → verify."""
    w.init()
    w.sync()

    status = w.status(step=True)
    assert status["matches"] == dict.fromkeys(status["matches"], 0)
    held = counts_ignoring_state(status)
    bank_held = sum(n for (side, _, _), n in held.items() if side == "bank")
    assert bank_held == len(w.scenario.bank_entries), "sync brought every bank line once"
    for provider in PROVIDERS:
        expected = sum(1 for i in w.scenario.all_items() if i.provider == provider)
        got = sum(
            n for (side, source, _), n in held.items() if (side, source) == ("item", provider)
        )
        assert got == expected, f"{provider}: {got} items stored, the platform has {expected}"
        assert any(key.split(":")[0] == provider for key in status["synced"]), status["synced"]
    assert bank_amounts(status) == scenario_bank_amounts(w.scenario), "amounts exact to the øre"

    w("match")
    proposed = w.matches(step=True)
    assert proposed, "the scenario's deposits give proposals"
    assert {m["state"] for m in proposed} == {"proposed"}
    w.check_refs(proposed)
    assert bank_in_state(w.status(), "proposed") == len({r for m in proposed for r in m["bank"]})
    auto = {m["id"] for m in proposed if m["auto"]}
    assert auto, "some proposals are safe to approve automatically"
    for m in proposed:  # on a small scenario, every proposal marked safe must be right
        if m["auto"]:
            (bank_ref,) = m["bank"]
            truth = w.scenario.truth.for_bank(bank_ref)
            assert truth is not None, f"{m['id']} is auto but {bank_ref} must stay open"
            assert explains_as_truth(m, truth), (m, truth)

    daybook_before = w.daybook()
    w("approve", "--auto")
    after = {m["id"]: m for m in w.matches()}
    assert {i for i, m in after.items() if m["state"] == "approved"} == auto
    assert all(m["state"] == "proposed" for i, m in after.items() if i not in auto)

    # A person decides the rest: approve one by id, reject another (its lines become open);
    # in-process, as they are not the scheduled job's steps.
    # (Deposits whose fee the matcher inferred have a test of their own, below.)
    manual = sorted(
        (m for m in proposed if not m["auto"]), key=lambda m: (m["method"] == "subset", m["id"])
    )
    chosen: dict[str, str] = {}
    if manual:
        w.look("approve", manual[0]["id"])
        chosen["approved"] = manual[0]["id"]
    if len(manual) > 1:
        open_bank = bank_in_state(w.status(), "unmatched")
        w.look("reject", manual[1]["id"])
        chosen["rejected"] = manual[1]["id"]
        assert bank_in_state(w.status(), "unmatched") == open_bank + len(manual[1]["bank"])
    approved = {m["id"] for m in w.matches("approved")}
    assert approved == auto | ({chosen["approved"]} if "approved" in chosen else set())

    # Dry run: every approved match's voucher shown, or why it cannot be posted; nothing
    # sent, nothing written.
    events_before = w.status()["audit_events"]
    dry = w("post", "--dry-run", expect=None)
    assert all(i in dry.out for i in approved), dry
    refused = dict(re.findall(r"^(m-\d+)\s+cannot be posted: (.+)$", dry.out, re.MULTILINE))
    assert dry.code == (1 if refused else 0), dry
    assert w.daybook() == daybook_before, "a dry run sent something to e-conomic"
    assert w.status()["audit_events"] == events_before, "a dry run wrote audit events"
    assert {m["id"] for m in w.matches("approved")} == approved
    # With revenue mapped, the only approved matches econdesk may refuse to post are payouts
    # that have no breakdown into transactions (Stripe manual payouts): nothing to book.
    for match_id in refused:
        m = after[match_id]
        assert m["components"] == [] and all(":po_" in r for r in m["items"]), (m, refused)

    done = w("post", expect=1 if refused else 0)
    if refused:
        assert all(i in done.out for i in refused), done
        assert len([line for line in done.err.splitlines() if line.strip()]) == 1, done
    posted = {m["id"]: m for m in w.matches("posted", step=True)}
    assert posted, "approved matches were posted"
    assert set(posted) == approved - set(refused), "every postable approved match posted"
    assert {m["id"] for m in w.matches("approved")} == set(refused), "refused ones stay approved"
    journal = int(w.config["economic"]["journal"])
    recorded = vouchers_by_marker(w.daybook())
    for match_id, m in posted.items():
        voucher = m["voucher"]
        assert voucher["journal"] == journal, m
        assert recorded.get(match_id) == {(voucher["year"], voucher["number"])}, (
            f"{match_id}: e-conomic's daybook holds {recorded.get(match_id)}, econdesk says "
            f"{voucher}"
        )
    assert set(recorded) == set(posted), "a voucher in the daybook for a match not posted"

    report = w.folder / "reconciliation.xlsx"
    done = w("report", "--xlsx", str(report))
    assert report.exists(), done
    book = openpyxl.load_workbook(report, read_only=True)
    try:
        assert tuple(book.sheetnames) == REPORT_SHEETS
        cells = {
            name: {str(c) for row in book[name].iter_rows(values_only=True) for c in row if c}
            for name in ("Matches", "Vouchers posted")
        }
    finally:
        book.close()
    assert {m["id"] for m in proposed} <= cells["Matches"], "every match is in the workbook"
    numbers = {str(m["voucher"]["number"]) for m in posted.values()}
    assert any(n in c for n in numbers for c in cells["Vouchers posted"])
    assert all(any(n in c for c in cells["Vouchers posted"]) for n in numbers)

    verified = w("audit", "verify")
    assert "intact" in verified.out, verified

    status = w.status(step=True)
    counts = status["matches"]
    assert counts["posted"] == len(posted)
    assert counts["approved"] == len(refused)
    assert counts["proposed"] == len(proposed) - len(approved) - ("rejected" in chosen)
    assert counts["rejected"] == ("rejected" in chosen)
    return {"status": status, "matches": w.matches(), "chosen": chosen, "refused": refused}


def run_second_round(w: Workflow, first: dict[str, Any]) -> None:
    """sync, match and post again: nothing duplicated, decisions kept, nothing posted twice.

    In-process: the first round has shown the real processes; this one is about the data."""
    before = {m["id"]: m for m in first["matches"]}
    daybook_before = w.daybook()

    w.sync(step=False)
    status = w.status()
    assert counts_ignoring_state(status) == counts_ignoring_state(first["status"])
    assert status["totals"] == first["status"]["totals"], "a re-sync changed what is matched"
    assert status["audit_events"] == first["status"]["audit_events"], "a re-sync with nothing new"

    w.look("match")
    again = {m["id"]: m for m in w.matches()}
    w.check_refs(list(again.values()))
    for match_id, m in before.items():
        if m["state"] in ("posted", "approved", "rejected"):
            assert again.get(match_id) == m, f"{match_id} changed by a re-run of match"
    if "rejected" in first["chosen"]:
        rejected = before[first["chosen"]["rejected"]]
        pair = (sorted(rejected["bank"]), sorted(rejected["items"]))
        for m in again.values():
            if m["state"] == "proposed":
                assert (sorted(m["bank"]), sorted(m["items"])) != pair, "a rejected pair is back"

    w.look("post", expect=1 if first["refused"] else 0)
    assert w.daybook() == daybook_before, "a second post sent vouchers again"
    for match_id, m in before.items():
        if m["state"] == "posted":
            assert again[match_id] == m
    w.look("audit", "verify")


def tamper_with_sqlite_audit_log(database: Path, w: Workflow) -> None:
    """Change one event's payload behind econdesk's back: `audit verify` names that event."""
    with sqlite3.connect(database) as conn:
        seq, action = conn.execute(
            "SELECT seq, action FROM audit_events ORDER BY seq LIMIT 1 OFFSET 2"
        ).fetchone()
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("UPDATE audit_events SET payload_json = '{}' WHERE seq = ?", (seq,))
        conn.execute("DROP TRIGGER audit_events_no_update")
        conn.execute(
            "UPDATE audit_events SET payload_json = ? WHERE seq = ?",
            ('{"items": 999999}', seq),
        )
    broken = w("audit", "verify", expect=1)
    assert broken.out.strip() == ""
    assert len(broken.err.strip().splitlines()) == 1, broken
    assert f"#{seq}" in broken.err and action in broken.err, broken


def test_the_whole_workflow_in_real_processes_on_sqlite(
    econdesk: Econdesk, served: ServedSandboxes, scenario_file: Path, tmp_path: Path
) -> None:
    database = tmp_path / "books.sqlite3"
    scenario = load_scenario(scenario_file)
    w = Workflow(econdesk, served, scenario, tmp_path, "--db", str(database))
    first = run_first_round(w)
    assert database.exists(), "--db FILE is where the store lives"
    run_second_round(w, first)
    tamper_with_sqlite_audit_log(database, w)


@pytest.mark.postgres
def test_the_same_workflow_on_postgresql(
    econdesk_in_process: Econdesk,
    served: ServedSandboxes,
    scenario_file: Path,
    tmp_path: Path,
    postgres_database_url: str,
) -> None:
    scenario = load_scenario(scenario_file)
    w = Workflow(econdesk_in_process, served, scenario, tmp_path, "--db", postgres_database_url)
    first = run_first_round(w)
    assert first["status"]["database"].startswith("postgresql"), first["status"]["database"]
    run_second_round(w, first)


def test_an_inferred_fee_deposit_booked_elsewhere_is_refused(
    econdesk_in_process: Econdesk, served: ServedSandboxes, scenario_file: Path, tmp_path: Path
) -> None:
    """A MobilePay deposit explained without its report: Frisbii's payments less the fee
    inferred from the fee model. Its bank entry was booked against MobilePay's own clearing
    account, so a voucher emptying Frisbii's would leave both wrong: it is refused, named."""
    database = tmp_path / "deposits.sqlite3"
    scenario = load_scenario(scenario_file)
    w = Workflow(econdesk_in_process, served, scenario, tmp_path, "--db", str(database))
    without_mobilepay_report(w.init())  # a business without Report API access
    w.config["providers"].pop("mobilepay")
    w.sync()
    w("match")
    deposits = [m for m in w.matches("proposed") if m["method"] == "subset"]
    assert deposits, "the scenario has deposits made of several payments"
    w("approve", *[m["id"] for m in deposits])
    dry = w("post", "--dry-run", expect=None)
    refused = dict(re.findall(r"^(m-\d+)\s+cannot be posted: (.+)$", dry.out, re.MULTILINE))
    # The bank feed booked these deposits against MobilePay's clearing account (or nothing
    # econdesk can see), not Frisbii's, which their voucher would empty: posting must refuse
    # them, say so, and leave them approved.
    assert set(refused) == {m["id"] for m in deposits}, refused
    assert all("was booked against" in why for why in refused.values()), refused
    w("post", expect=1)
    assert {m["id"] for m in w.matches("approved")} == {m["id"] for m in deposits}
