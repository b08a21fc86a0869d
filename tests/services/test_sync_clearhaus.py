"""`clearhaus:settlements`: the settlement exports in `[providers.clearhaus] settlements_folder`
synced into the store as payouts with their Frisbii card payments as components."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import AsyncGenerator, Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from econdesk.cli import main
from econdesk.config import parse_config
from econdesk.connectors.files.clearhaus import write_clearhaus
from econdesk.connectors.files.clearhaus_folder import ClearhausFolderSource
from econdesk.connectors.platform import PlatformSource, SourcePage, Window
from econdesk.domain.model import Payout, PayoutKind, Tolerance
from econdesk.domain.money import Money
from econdesk.sandbox.scenario import Scenario, ScenarioSpec, generate
from econdesk.services.matching import MatchingService, matching_settings
from econdesk.services.sync import SyncService
from econdesk.storage import Database

START, END = date(2026, 3, 1), date(2026, 3, 31)


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return generate(ScenarioSpec(seed=5, size=120, start=START, end=END, name="clearhaus-sync"))


def write_exports(scenario: Scenario, folder: Path, stem: str = "clearhaus") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    settlements, lines = scenario.clearhaus_report()
    write_clearhaus(
        settlements,
        lines,
        folder / f"{stem}-settlements.csv",
        folder / f"{stem}-transactions.csv",
    )
    return folder


def expected(scenario: Scenario, first: date, last: date) -> dict[str, Payout]:
    return {
        p.ref: p
        for p in scenario.payouts
        if p.provider == "clearhaus" and first <= p.arrival_date <= last
    }


def stored_payouts(db: Database) -> dict[str, Payout]:
    with db.reader() as store:
        return {p.ref: p for p in store.payouts.find() if p.provider == "clearhaus"}


class OnePayout:
    """Another source in the same sync (a platform at the I/O boundary)."""

    provider = "mobilepay"
    streams: tuple[str, ...] = ("payouts",)

    async def pages(
        self, stream: str, window: Window, resume: str | None = None
    ) -> AsyncGenerator[SourcePage, None]:
        payout = Payout(
            "mobilepay", "mp-1", PayoutKind.PAYOUT, Money.of("10.00", "DKK"), window.start
        )
        yield SourcePage(stream, payouts=(payout,))

    async def aclose(self) -> None:
        return None


def sync_service(db: Database, *sources: Callable[[], PlatformSource]) -> SyncService:
    return SyncService(db, platforms=sources, today=lambda: END)


def test_the_windows_settlements_are_stored_with_their_components_once(
    scenario: Scenario, db: Database, tmp_path: Path
) -> None:
    folder = write_exports(scenario, tmp_path / "exports")
    first, last = date(2026, 3, 10), date(2026, 3, 20)
    want = expected(scenario, first, last)
    assert len(want) >= 5
    service = sync_service(db, lambda: ClearhausFolderSource(folder))

    report = service.run(first, last)
    (source,) = report.sources
    assert source.source == "clearhaus:settlements" and source.finished and report.ok
    assert source.payouts.inserted == len(want)
    got = stored_payouts(db)
    assert got.keys() == want.keys()
    for ref, payout in want.items():
        assert got[ref].amount == payout.amount
        assert got[ref].arrival_date == payout.arrival_date
        assert got[ref].fees == payout.fees and got[ref].has_breakdown
        assert got[ref].component_refs == payout.component_refs  # the Frisbii payments
        assert all(c.startswith("frisbii:") for c in got[ref].component_refs)

    # The same exports again, and a copy of them beside (an overlapping download): nothing new.
    write_exports(scenario, folder, stem="copy")
    again = service.run(first, last)
    assert again.ok
    assert again.stored.inserted == 0 and again.stored.updated == 0
    assert again.sources[0].payouts.unchanged == len(want)
    assert stored_payouts(db).keys() == want.keys()
    with db.reader() as store:
        stored_events = [e for e in store.audit_events() if e.action == "sync.stored"]
    assert len(stored_events) == 1  # the first sync's; the second stored nothing


def test_a_broken_file_fails_only_its_source_naming_file_line_and_column(
    scenario: Scenario, db: Database, tmp_path: Path
) -> None:
    folder = write_exports(scenario, tmp_path / "exports")
    transactions = folder / "clearhaus-transactions.csv"
    rows = transactions.read_text(encoding="utf-8").splitlines()
    cells = rows[3].split(",")
    cells[7] = "12,5O"  # a typo in an amount (line 4 of the file)
    rows[3] = ",".join(f'"{c}"' if "," in c else c for c in cells)
    transactions.write_text("\n".join(rows) + "\n", encoding="utf-8")
    service = sync_service(db, lambda: ClearhausFolderSource(folder), OnePayout)

    report = service.run(START, END)
    by_source = {s.source: s for s in report.sources}
    failed = by_source["clearhaus:settlements"]
    assert not failed.finished and failed.error is not None
    assert 'clearhaus-transactions.csv line 4, column "amount": "12,5O"' in failed.error
    assert by_source["mobilepay:payouts"].finished  # the other source still synced
    with db.reader() as store:
        assert [p.provider for p in store.payouts.find()] == ["mobilepay"]  # nothing half-written
        assert store.cursors.get("clearhaus:settlements") is None  # retried in full next time


def test_an_export_without_its_summary_or_a_missing_folder_fails_clearly(
    scenario: Scenario, db: Database, tmp_path: Path
) -> None:
    folder = write_exports(scenario, tmp_path / "exports")
    (folder / "clearhaus-settlements.csv").rename(folder / "old-settlements.csv")
    report = sync_service(db, lambda: ClearhausFolderSource(folder)).run(START, END)
    assert report.sources[0].error == (
        "clearhaus-transactions.csv: has no settlement summary beside it "
        "(expected clearhaus-settlements.csv)"
    )
    missing = tmp_path / "nowhere"
    report = sync_service(db, lambda: ClearhausFolderSource(missing)).run(START, END)
    assert report.sources[0].error is not None and str(missing) in report.sources[0].error
    assert stored_payouts(db) == {}


def test_a_summary_alone_gives_settlements_without_breakdown(
    scenario: Scenario, db: Database, tmp_path: Path
) -> None:
    folder = write_exports(scenario, tmp_path / "exports")
    (folder / "clearhaus-transactions.csv").unlink()
    report = sync_service(db, lambda: ClearhausFolderSource(folder)).run(START, END)
    assert report.ok
    got = stored_payouts(db)
    assert got.keys() == expected(scenario, START, END).keys()
    assert not any(p.has_breakdown or p.component_refs for p in got.values())


def test_econdesk_sync_reads_the_configured_folder(scenario: Scenario, tmp_path: Path) -> None:
    write_exports(scenario, tmp_path / "downloads")
    config = tmp_path / "config.toml"
    config.write_text(
        '[providers.clearhaus]\nsettlements_folder = "downloads"\n'
        'clearing_account = 5831\nfee_account = 7220\nbooking = "settle"\n',
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path / 'econdesk.db'}"
    args = ["--config", str(config), "--db", db, "sync", "--from", "2026-03-01", "--to"]
    args += [(END + timedelta(days=10)).isoformat(), "--json"]
    out, err = io.StringIO(), io.StringIO()
    assert main(args, stdout=out, stderr=err) == 0, err.getvalue()
    (source,) = json.loads(out.getvalue())["sources"]
    assert source["source"] == "clearhaus:settlements"
    assert source["payouts"]["new"] == len(expected(scenario, START, END + timedelta(days=10)))

    shutil.rmtree(tmp_path / "downloads")
    out, err = io.StringIO(), io.StringIO()
    assert main(args, stdout=out, stderr=err) == 1
    assert "clearhaus:settlements: " in err.getvalue() and "is not a folder" in err.getvalue()


def test_a_settlement_waits_with_its_payments_until_all_of_them_are_synced(
    scenario: Scenario, db: Database, tmp_path: Path
) -> None:
    folder = write_exports(scenario, tmp_path / "exports")
    payouts = {p.ref: p for p in scenario.payouts if p.provider == "clearhaus"}
    frisbii = [i for i in scenario.items if i.provider == "frisbii"]
    early = [i for i in frisbii if i.occurred_at.date() < date(2026, 3, 15)]
    with db.transaction() as store:
        store.bank_entries.upsert_many(scenario.bank_entries)
        store.items.upsert_many(early)  # the later card payments are not synced yet
    assert sync_service(db, lambda: ClearhausFolderSource(folder)).run(START, END).ok
    held = {i.ref for i in early}
    whole = {r for r, p in payouts.items() if set(p.component_refs) <= held}
    waiting = set(payouts) - whole
    assert whole and waiting

    run = MatchingService(db).run()  # the matcher used to fail on the payments not stored
    proposed = {r for m in run.proposals for r in m.item_refs}
    linked = {r for m in run.proposals for r in (*m.item_refs, *m.component_refs)}
    assert proposed & set(payouts) <= whole  # only settlements whose payments are all here
    assert len(proposed & whole) >= len(whole) // 2
    # ...and the payments a waiting settlement settles are not given to another deposit
    assert not linked & {c for r in waiting for c in payouts[r].component_refs}
    for m in run.proposals:
        if m.item_refs[0] in payouts:
            assert m.component_refs == payouts[m.item_refs[0]].component_refs

    with db.transaction() as store:
        store.items.upsert_many(frisbii)
    again = MatchingService(db).run()  # now the waiting ones are proposed, whole
    late = [m for m in again.proposals if m.item_refs[0] in waiting]
    assert len(late) >= len(waiting) // 2
    assert all(m.component_refs == payouts[m.item_refs[0]].component_refs for m in late)


def test_the_clearhaus_tolerance_reaches_the_matcher() -> None:
    config = parse_config(
        '[providers.clearhaus]\nsettlements_folder = "x"\nclearing_account = 5831\n'
        'fee_account = 7220\ntolerance_fixed = "0.75"\nbooking = "settle"\n'
    )
    profile = matching_settings(config).sources["clearhaus"]
    assert profile.tolerances == (Tolerance(Money.of("0.75", "DKK"), Decimal(0)),)
    assert profile.descriptors == ("CLEARHAUS",)  # the rest of its profile is kept
