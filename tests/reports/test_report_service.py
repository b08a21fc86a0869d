"""The report service reads a real store (SQLite and PostgreSQL) for a period, streaming."""

from __future__ import annotations

import zipfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from econdesk.config import Config, load_config
from econdesk.connectors.economic.models import Account, Agreement
from econdesk.connectors.errors import ConnectorError
from econdesk.domain.model import (
    BankEntry,
    BankEntryOrigin,
    ItemKind,
    Match,
    MatchMethod,
    MatchState,
    Payout,
    PayoutKind,
    PlatformItem,
    Voucher,
    VoucherEntryKind,
    VoucherLine,
    VoucherRef,
)
from econdesk.domain.money import Money
from econdesk.errors import UsageError
from econdesk.reports import ReportError
from econdesk.services import report as service
from econdesk.services.report import Ledger, LedgerPort, Period, write_period_report
from econdesk.storage import Database
from tests.reports.factory import COPENHAGEN, as_decimal
from tests.reports.reading import block, column, rows

APP_SECRET = "app-secret-for-report-tests"
GRANT = "grant-token-for-report-tests"
STRIPE_KEY = "sk_test_reportkey0123456789"
FEBRUARY = Period(date(2026, 2, 1), date(2026, 2, 28))


def dkk(amount: str) -> Money:
    return Money.of(amount, "DKK")


def bank(number: int, day: date, amount: str, text: str = "") -> BankEntry:
    return BankEntry(BankEntryOrigin.BOOKED, str(number), 5820, day, dkk(amount), text)


def item(ext: str, amount: str, at: datetime, *, fee: str | None = None,
         kind: ItemKind = ItemKind.PAYMENT, payout: str | None = None) -> PlatformItem:  # fmt: skip
    return PlatformItem("stripe", ext, kind, dkk(amount), at,
                        fee=dkk(fee) if fee else None, payout_ref=payout)  # fmt: skip


def proposal(banks: tuple[str, ...], items: tuple[str, ...], amount: str, *,
             components: tuple[str, ...] = (), state: MatchState = MatchState.PROPOSED,
             method: MatchMethod = MatchMethod.ONE_TO_ONE) -> Match:  # fmt: skip
    return Match(id="", state=state, method=method, score=0.9, auto=False, bank_refs=banks,
                 item_refs=items, amount=dkk(amount), difference=dkk("0"),
                 component_refs=components)  # fmt: skip


def at(day: int, hour: int = 12, month: int = 2) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


CONFIG = f"""
[economic]
app_secret_token = "{APP_SECRET}"
agreement_grant_token = "{GRANT}"
bank_account = 5820
journal = 1

[providers.stripe]
api_key = "{STRIPE_KEY}"
clearing_account = 5830
fee_account = 7220
booking = "sales"
"""


def config_of(tmp_path: Path, text: str) -> Config:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path, required=True)


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return config_of(tmp_path, CONFIG)


@pytest.fixture
def store_for_february(db: Database) -> Database:
    """February: a payout deposit (approved), an invoice payment (approved), a rejected pair
    (so both sides are open again), an open fee line; a March deposit outside the period."""
    components = [
        item("ch_a", "1300.00", at(1), fee="30.00", payout="stripe:po_1"),
        item("re_a", "-20.00", at(1), kind=ItemKind.REFUND, payout="stripe:po_1"),
    ]
    payout = Payout("stripe", "po_1", PayoutKind.PAYOUT, dkk("1250.00"), date(2026, 2, 3),
                    component_refs=tuple(i.ref for i in components))  # fmt: skip
    with db.transaction() as store:
        store.bank_entries.upsert_many([
            bank(1, date(2026, 2, 3), "1250.00", "STRIPE PAYOUT"),
            bank(2, date(2026, 2, 10), "499.00", "Faktura 20001"),
            bank(3, date(2026, 2, 12), "100.00", f"Indbetaling {APP_SECRET}"),  # echoed secret
            bank(4, date(2026, 3, 5), "300.00", "March"),
            bank(5, date(2026, 2, 20), "-5.00", "Gebyr"),
        ])  # fmt: skip
        store.items.upsert_many([
            *components,
            item("inv_1", "499.00", at(8)),
            item("x_1", "100.00", at(11)),
            item("y_1", "300.00", at(4, month=3)),
            item("z_late", "42.00", at(28, 23, 2)),  # 00:30 on 1 March in Copenhagen
            item("z_in", "17.00", at(27)),
        ])  # fmt: skip
        store.payouts.upsert(payout)
        made = store.matches.create_many([
            proposal(("economic:1",), ("stripe:po_1",), "1250.00",
                     components=("stripe:ch_a", "stripe:re_a"), state=MatchState.APPROVED,
                     method=MatchMethod.PAYOUT),
            proposal(("economic:2",), ("stripe:inv_1",), "499.00", state=MatchState.APPROVED),
            proposal(("economic:3",), ("stripe:x_1",), "100.00"),
            proposal(("economic:4",), ("stripe:y_1",), "300.00"),
        ])  # fmt: skip
        store.matches.transition(made[2].id, MatchState.REJECTED, expected_version=1)
    return db


class FakeLedger:
    """Stands in for e-conomic's /self and /accounts/{n} answers (shapes as parsed)."""

    async def agreement(self) -> Agreement:
        return Agreement(1, "Abonnementshuset ApS", "DKK")

    async def account(self, number: int) -> Account:
        return Account(number, "Stripe clearing", "status", balance=Decimal("-1250.00"),
                       draft_balance=Decimal("0.00"))  # fmt: skip


def ledger_client(port: LedgerPort) -> service.LedgerClientFactory:
    @asynccontextmanager
    async def factory() -> AsyncIterator[LedgerPort]:
        yield port

    return factory


def test_february_report_from_the_store(
    store_for_february: Database, config: Config, tmp_path: Path
) -> None:
    ledger = service.fetch_ledger(config, client=ledger_client(FakeLedger()))
    assert ledger.note == "" and ledger.company == "Abonnementshuset ApS"
    path = tmp_path / "february.xlsx"
    result = write_period_report(store_for_february, path, config=config, period=FEBRUARY,
                                 ledger=ledger, tz=COPENHAGEN)  # fmt: skip
    assert (result.matches, result.payouts, result.open_bank_entries) == (3, 1, 2)
    assert result.open_items == 2  # x_1 (its match was rejected) and z_in; not z_late
    wb = load_workbook(path)

    matches = wb["Matches"]
    states = {r[0]: r[1] for r in rows(matches)[1:4]}
    assert sorted(states.values()) == ["approved", "approved", "rejected"]
    payout_match = next(r for r in rows(matches) if r[2] == "payout")
    assert payout_match[6] == "economic:1" and payout_match[7] == "STRIPE PAYOUT"

    payouts = wb["Payouts"]
    values = {payouts.cell(1, c).value: payouts.cell(2, c).value for c in range(1, 22)}
    assert values["Payout"] == "stripe:po_1" and values["Match state"] == "approved"
    assert as_decimal(values["Net"]) == as_decimal(values["Bank amount"]) == Decimal("1250")
    assert as_decimal(values["Fees"]) == Decimal("-30") and values["Bank entry"] == "economic:1"

    open_bank = [r[0] for r in rows(wb["Open bank entries"])[1:3]]
    assert open_bank == ["economic:3", "economic:5"]
    open_items = [r[0] for r in rows(wb["Open platform items"])[1:3]]
    assert open_items == ["stripe:x_1", "stripe:z_in"]

    audit = rows(wb["Audit trail"])
    actions = [r[3] for r in audit[1:] if r[0] is not None and r[3]]
    assert "match proposed" in actions and "match rejected" in actions  # labels, not codes
    with store_for_february.reader() as store:
        head = store.verify_audit().head_hash
    summary = wb["Summary"]
    facts = {r[0]: r[1:] for r in rows(summary) if r[0]}
    assert facts["Newest audit event (number, hash)"][1] == head
    assert facts["Company"][0] == "Abonnementshuset ApS"
    clearing = block(summary, "Clearing account (should be zero)")
    assert clearing[0][0] == "stripe: Stripe clearing" and clearing[0][5] == "zero"
    sources = {r[0]: r[1] for r in block(summary, "Source")}
    assert sources == {"e-conomic": "bank account 5820, daybook 1",
                       "stripe": "clearing account 5830, fees 7220"}  # fmt: skip

    with zipfile.ZipFile(path) as archive:
        text = "".join(archive.read(n).decode() for n in archive.namelist())
    for secret in (APP_SECRET, GRANT, STRIPE_KEY):
        assert secret not in text
    assert "Indbetaling [redacted]" in text


def test_without_a_period_everything_is_listed(
    store_for_february: Database, config: Config, tmp_path: Path
) -> None:
    path = tmp_path / "all.xlsx"
    result = write_period_report(store_for_february, path, config=config, period=Period(),
                                 ledger=Ledger.unknown("offline"), tz=COPENHAGEN)  # fmt: skip
    assert (result.matches, result.open_items) == (4, 3)
    summary = load_workbook(path)["Summary"]
    assert block(summary, "Clearing account (should be zero)") == [
        ("offline", None, None, None, None, None)
    ]
    matches = load_workbook(path)["Matches"]
    assert matches.cell(5, column(matches, "Bank date")).value == datetime(2026, 3, 5)


def post(db: Database, match_id: str, number: int, *, booked: bool) -> None:
    """Record a match as posted (and its drafts booked by econdesk, if `booked`)."""
    line = VoucherLine(VoucherEntryKind.FINANCE, date(2026, 2, 10), dkk("499.00"), "Faktura",
                       account=5820, contra_account=5830)  # fmt: skip
    with db.transaction() as store:
        store.postings.claim(Voucher(match_id, 1, "2026", f"ED-{number}", (line,)), f"k-{number}")
        store.postings.mark_sent(match_id)
        store.postings.mark_posted(match_id, VoucherRef(1, "2026", number))
        if booked:
            store.postings.mark_booked([match_id])


def test_vouchers_econdesk_booked_read_booked(
    store_for_february: Database, config: Config, tmp_path: Path
) -> None:
    with store_for_february.reader() as store:
        approved = [m.id for m in store.matches.find(states=[MatchState.APPROVED])]
    assert len(approved) == 2
    post(store_for_february, approved[0], 50001, booked=True)
    post(store_for_february, approved[1], 50002, booked=False)
    path = tmp_path / "vouchers.xlsx"
    write_period_report(store_for_february, path, config=config, period=FEBRUARY,
                        ledger=Ledger.unknown("offline"), tz=COPENHAGEN)  # fmt: skip
    sheet = load_workbook(path)["Vouchers posted"]
    number, booked = column(sheet, "Voucher no."), column(sheet, "Booked")
    shown = {sheet.cell(r, number).value: sheet.cell(r, booked).value for r in (2, 3)}
    # Booked by econdesk: yes. Otherwise not known (a draft, or booked in e-conomic since).
    assert shown == {50001: "yes", 50002: None}


def test_an_unreachable_ledger_is_a_note_not_a_failure(config: Config) -> None:
    class Down:
        async def agreement(self) -> Agreement:
            raise ConnectorError("cannot connect", system="e-conomic")

        async def account(self, number: int) -> Account:
            raise AssertionError("not reached")

    ledger = service.fetch_ledger(config, client=ledger_client(Down()))
    assert ledger.clearing == ()
    assert ledger.note == "clearing balances not read from e-conomic: e-conomic: cannot connect"


def test_a_failing_query_writes_nothing(
    store_for_february: Database, config: Config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> object:
        raise RuntimeError("disk I/O error")
        yield  # a generator, like the real one

    monkeypatch.setattr(service, "payout_rows", broken)
    with pytest.raises(ReportError, match="was not written: disk I/O error"):
        write_period_report(store_for_february, tmp_path / "r.xlsx", config=config,
                            period=FEBRUARY, ledger=Ledger.unknown("offline"))  # fmt: skip
    assert list(tmp_path.glob("*.xlsx")) == [] and list(tmp_path.glob(".*tmp")) == []


def test_period_must_run_forward() -> None:
    with pytest.raises(UsageError, match="before --from"):
        Period(date(2026, 3, 1), date(2026, 2, 1))


def test_file_providers_are_sources_and_a_shared_clearing_account_is_read_once(
    db: Database, tmp_path: Path
) -> None:
    both = config_of(
        tmp_path,
        CONFIG
        + """
[providers.frisbii]
api_key = "priv_0123456789abcdef"
clearing_account = 5831
fee_account = 7220
booking = "settle"

[providers.clearhaus]
settlements_folder = "clearhaus"
clearing_account = 5831
fee_account = 7221
booking = "settle"
""",
    )
    assert service.clearing_accounts(both) == [("clearhaus, frisbii", 5831), ("stripe", 5830)]

    asked: list[int] = []

    class Counting(FakeLedger):
        async def account(self, number: int) -> Account:
            asked.append(number)
            return await super().account(number)

    ledger = service.fetch_ledger(both, client=ledger_client(Counting()))
    assert asked == [5831, 5830]
    assert [(b.provider, b.account) for b in ledger.clearing] == [
        ("clearhaus, frisbii", 5831),
        ("stripe", 5830),
    ]
    with db.reader() as store:
        found = {s.name: s.detail for s in service.sources(store, both)}
    assert found["clearhaus"] == (
        f"settlement files in {tmp_path / 'clearhaus'}, clearing account 5831, fees 7221"
    )
    assert list(found) == ["e-conomic", "frisbii", "stripe", "clearhaus"]
