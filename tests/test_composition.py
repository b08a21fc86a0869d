"""The composition root builds the store, the clients and the services from a config, and the
command line and the app both get theirs from it (here: from a sandbox config, as the demo
writes it)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from econdesk import composition
from econdesk.cli.context import Context
from econdesk.composition import Services
from econdesk.config import Config, load_config, starter_config
from econdesk.connectors.chargebee.client import ChargebeeClient
from econdesk.connectors.economic.client import EconomicClient
from econdesk.connectors.economic.open_invoices import EconomicInvoiceSource
from econdesk.connectors.files.clearhaus_folder import ClearhausFolderSource
from econdesk.connectors.frisbii.client import FrisbiiClient
from econdesk.connectors.mobilepay.client import MobilePayReportClient
from econdesk.connectors.stripe.client import StripeClient
from econdesk.errors import ConfigError
from econdesk.qt.workspace import Workspace
from econdesk.sandbox.serve import (
    RunningSandbox,
    ServeOptions,
    connection_document,
    start,
    stop_all,
)
from econdesk.secrets import Secret
from econdesk.storage import Database


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[list[RunningSandbox], Path]]:
    exports = tmp_path_factory.mktemp("clearhaus")
    running = start(ServeOptions(scenario="tiny", seed=7, clearhaus_folder=exports))
    try:
        yield running, exports
    finally:
        stop_all(running)


@pytest.fixture
def config_path(served: tuple[list[RunningSandbox], Path], tmp_path: Path) -> Path:
    """The config `econdesk demo` writes: every sandbox, and the Clearhaus exports' folder."""
    running, exports = served
    document = connection_document(running)
    document["providers"]["clearhaus"] = {"settlements_folder": str(exports)}
    path = tmp_path / "config.toml"
    text = starter_config(document).replace('# actor = "Your Name"', 'actor = "composer"', 1)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def config(config_path: Path) -> Config:
    return load_config(config_path, required=True)


@pytest.fixture
def store(config: Config, tmp_path: Path) -> Iterator[Database]:
    db = composition.open_store(config, f"sqlite:///{tmp_path / 'store.sqlite3'}")
    try:
        yield db
    finally:
        db.dispose()


def _sources(services: Services) -> list[tuple[type, str]]:
    """What each of the sync's sources is: its class, and where it reads."""
    found: list[tuple[type, str]] = []
    for make in services.sync().platforms:
        source = make()
        if isinstance(source, ClearhausFolderSource):
            where = str(source.folder)
        elif isinstance(source, EconomicInvoiceSource):
            where = str(source.client.http.base_url)  # type: ignore[attr-defined]
        else:
            where = str(source.http.base_url)  # type: ignore[attr-defined]
        found.append((type(source), where))
        asyncio.run(source.aclose())
    return found


def test_the_store_is_the_one_named_with_the_configured_actor(
    config: Config, store: Database
) -> None:
    with store.transaction() as s:
        s.record("test.composed", ["x"])
    with store.reader() as s:
        assert [e.actor for e in s.audit_events()] == ["composer"]


def test_sync_reads_every_configured_source_from_its_url(config: Config, store: Database) -> None:
    services = Services(config, store)
    service = services.sync()
    assert service.economic is not None
    assert service.economic.account == config.economic.bank_account
    expected = {
        StripeClient: config.providers["stripe"].base_url,
        FrisbiiClient: config.providers["frisbii"].base_url,
        ChargebeeClient: config.providers["chargebee"].base_url,
        ClearhausFolderSource: str(config.file_providers["clearhaus"].settlements_folder),
        MobilePayReportClient: config.credential_providers["mobilepay"].base_url,
        EconomicInvoiceSource: config.economic.base_url,  # [economic] open_invoices
    }
    sources = _sources(services)
    assert sorted(kind.__name__ for kind, _ in sources) == sorted(k.__name__ for k in expected)
    for kind, where in sources:  # a client adds its API's path to the configured URL
        assert where.startswith(expected[kind].rstrip("/")), (kind, where)
    report = service.run(date(2026, 3, 1), date(2026, 3, 31))
    assert report.ok, [f.error for f in report.failures]
    assert report.stored.inserted > 0


def test_posting_matching_and_the_ledger_follow_the_config(config: Config, store: Database) -> None:
    services = Services(config, store)
    posting = services.posting(exchange_rates={"EUR": 746})
    assert posting.options.journal == config.economic.journal
    assert posting.options.bank_account == config.economic.bank_account
    assert posting.options.exchange_rates == {"EUR": 746}
    client = posting.client_factory()
    assert isinstance(client, EconomicClient)
    assert str(client.http.base_url).rstrip("/") == config.economic.base_url.rstrip("/")
    asyncio.run(client.aclose())

    tight = replace(config, matching=replace(config.matching, auto_threshold=0.99))
    assert Services(tight, store).matching().settings.auto_threshold == 0.99

    ledger = services.ledger()
    assert ledger.note == ""
    assert ledger.company and ledger.clearing


def test_a_missing_token_fails_the_sync_before_it_starts_and_is_the_ledger_note(
    config: Config, store: Database
) -> None:
    economic = replace(config.economic, app_secret_token=Secret("economic.app_secret_token"))
    broken = replace(config, economic=economic)
    with pytest.raises(ConfigError, match="app_secret_token"):
        Services(broken, store).sync()
    assert "app_secret_token" in Services(broken, store).ledger().note


def test_a_report_ledger_does_not_open_the_store(config: Config) -> None:
    def never() -> Database:
        raise AssertionError("the ledger opened the store")

    assert Services(config, never).ledger().company


def test_the_command_line_and_the_app_get_the_same_services(
    config_path: Path, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    ctx = Context(config_arg=str(config_path), db_arg=url)
    try:
        from_cli = ctx.services
        workspace = Workspace(lambda: ctx.database, ctx.config, config_path)
        from_app = workspace.services()
        assert isinstance(from_cli, Services) and isinstance(from_app, Services)
        assert from_cli.db is from_app.db is ctx.database
        assert _sources(from_cli) == _sources(from_app)
        assert from_cli.matching().settings == workspace.matching().settings
    finally:
        ctx.close()


def test_importing_the_root_loads_no_client_matcher_or_workbook_writer() -> None:
    code = (
        "import sys, econdesk.composition\n"
        "heavy = ['httpx', 'openpyxl', 'econdesk.matching', 'econdesk.services.sync', 'PySide6']\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    root = Path(__file__).resolve().parents[1]  # this checkout's econdesk, not an installed one
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert done.stdout.strip() == "[]"


def test_an_acquirer_without_a_gateway_in_front_syncs_its_own_sales(
    config: Config, store: Database
) -> None:
    """MobilePay beside Frisbii declares links to Frisbii's items; alone, its own sales."""

    def own_sales(chosen: Config) -> list[bool]:
        found = []
        for make in Services(chosen, store).sync().platforms:
            source = make()
            if isinstance(source, MobilePayReportClient):
                found.append(source.own_sales)
            asyncio.run(source.aclose())
        return found

    assert own_sales(config) == [False]
    alone = {k: v for k, v in config.providers.items() if k != "frisbii"}
    assert own_sales(replace(config, providers=alone)) == [True]
