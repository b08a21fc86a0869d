"""The composition root: the database, the clients and the services, built from the config.

The command line (`econdesk/cli`) and the desktop app (`econdesk/qt`) both get what they use
here, and nothing else in econdesk builds an e-conomic or platform client or a service from a
`Config`. Dependencies point one way (the import contracts in pyproject.toml):
cli, qt -> this module -> services -> matching, accounting, connectors, storage -> domain.

`Services(config, db)` is the one door for both: `matching()`, `sync()`, `posting()`,
`ledger()`, `periods()`. The functions below it build one piece each (a client for typed-in
tokens, for the settings dialog's "Test connection", is `connect_economic`).

Start-up: this module imports only the config reader and the store, which every command that
gets here needs. Each service and client module is imported by the function that builds it,
so `econdesk matches` never loads httpx or openpyxl, and the app's window opens before the
matcher and the HTTP clients are loaded.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from econdesk.clients import Client
from econdesk.config import (
    Config,
    CredentialProviderConfig,
    EconomicConfig,
    FileProviderConfig,
    ProviderConfig,
    acquirer_sells_alone,
    build_mappings,
    is_loopback_url,
    resolve_actor,
    resolve_database_url,
)
from econdesk.errors import ConfigError
from econdesk.storage import Database, open_database

if TYPE_CHECKING:
    from econdesk.connectors.economic.client import EconomicClient
    from econdesk.connectors.platform import PlatformSource
    from econdesk.connectors.ratelimit import SharedLimits
    from econdesk.connectors.rates import DailyRates
    from econdesk.matching.settings import MatchSettings
    from econdesk.services.firm_overview import ClientStore
    from econdesk.services.invoice_marking import InvoiceMarkingService
    from econdesk.services.matching import MatchingService
    from econdesk.services.periods import PeriodService
    from econdesk.services.posting import PostingService
    from econdesk.services.rates import ExchangeRates, RateFeeds
    from econdesk.services.report import Ledger
    from econdesk.services.reversal import ReversalService
    from econdesk.services.rollforward import RollForwardService
    from econdesk.services.rules import RulesService
    from econdesk.services.sync import SyncService

PLATFORMS = ("stripe", "frisbii", "chargebee")  # the providers read over an API


# -- the database ------------------------------------------------------------------------------


def open_store(config: Config, url: str | None = None, client: Client | None = None) -> Database:
    """The store, opened and migrated to the newest schema: `url` (--db), else $ECONDESK_DB,
    else [database] url, else the client's (its SQLite file, or its schema on a shared
    PostgreSQL), else the local SQLite file; the audit log's actor from [app] actor, else the
    OS user@host."""
    default = client.database_url if client is not None else None
    resolved = resolve_database_url(url, config, default)
    postgres = resolved.startswith("postgresql")
    schema = client.schema if client is not None and postgres else None
    return open_database(resolved, actor=resolve_actor(config), schema=schema)


def client_config(client: Client) -> Config:
    """A firm's client's config, its secrets looked up under the client's own keyring names."""
    from econdesk.config import load_config
    from econdesk.secrets import store_for

    prefix = client.secret_prefix
    return load_config(
        client.config_path, required=True, secrets=store_for(prefix) if prefix else None
    )


def summary_store(client: Client) -> ClientStore:
    """The client's store for the firm overview's read-only questions (not created, not
    migrated; None when the client has no store yet) and its clearing accounts."""
    from pathlib import Path

    from econdesk.services.firm_overview import ClientStore

    config = client_config(client)
    accounts = {name: p.clearing_account for name, p in config.every_provider().items()}
    url = resolve_database_url(None, config, client.database_url)
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        return ClientStore(None, accounts)
    schema = client.schema if url.startswith("postgresql") else None
    return ClientStore(Database(url, actor=resolve_actor(config), schema=schema), accounts)


# -- the clients -------------------------------------------------------------------------------


def connect_economic(
    base_url: str, app_secret: str, grant: str, journals_url: str | None = None
) -> EconomicClient:
    """An e-conomic client for these tokens (use as `async with`)."""
    # start-up: httpx and the clients load with the first command that talks to a server
    from econdesk.connectors.economic.client import DEFAULT_JOURNALS_URL, EconomicClient

    return EconomicClient(
        app_secret, grant, base_url=base_url, journals_url=journals_url or DEFAULT_JOURNALS_URL
    )


def economic_client(economic: EconomicConfig, limits: SharedLimits | None = None) -> EconomicClient:
    """The configured agreement's client (tokens from the file or the keyring); with `limits`,
    paced by the one budget of its agreement however many clients use it."""
    grant = economic.agreement_grant_token.reveal()
    client = connect_economic(
        economic.base_url, economic.app_secret_token.reveal(), grant, economic.journals_url
    )
    if limits is not None:
        shared = limits.share("e-conomic", _host(economic.base_url), grant, client.rate_limit)
        client.rate_limit = client.http.rate_limit = client.journals_http.rate_limit = shared
    return client


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).netloc


def _shared_pace(
    source: PlatformSource, limits: SharedLimits | None, host: str, credential: str
) -> PlatformSource:
    """`source`, paced by the budget of its API and credential that `limits` keeps."""
    from econdesk.connectors.platform_http import HttpOwner  # start-up: as the clients

    if limits is not None and isinstance(source, HttpOwner):
        http = source.http
        http.rate_limit = limits.share(http.system, _host(host), credential, http.rate_limit)
    return source


def platform_client(name: str, api_key: str, base_url: str) -> PlatformSource:
    """The connector for a platform read over its API (one of PLATFORMS)."""
    # start-up: httpx and the clients load with the first command that talks to a server
    from econdesk.connectors.chargebee.client import ChargebeeClient
    from econdesk.connectors.frisbii.client import FrisbiiClient
    from econdesk.connectors.stripe.client import StripeClient

    clients: dict[str, Callable[..., PlatformSource]] = {
        "stripe": StripeClient,
        "frisbii": FrisbiiClient,
        "chargebee": ChargebeeClient,
    }
    if name not in clients:
        raise ConfigError(f"econdesk has no connector for {name!r}", key=f"providers.{name}")
    return clients[name](api_key, base_url=base_url)


def platform_source(provider: ProviderConfig, limits: SharedLimits | None = None) -> PlatformSource:
    """The connector for a configured platform (its API key from the file or the keyring)."""
    key = provider.api_key.reveal()
    source = platform_client(provider.name, key, provider.base_url)
    return _shared_pace(source, limits, provider.base_url, key)


def economic_invoice_source(
    economic: EconomicConfig, limits: SharedLimits | None = None
) -> PlatformSource:
    """e-conomic's own booked invoices with a remainder, as open-invoice items (`[economic]
    open_invoices`), read by a client paced with the agreement's other clients."""
    # start-up: httpx and the clients load with the first command that talks to a server
    from econdesk.connectors.economic.open_invoices import EconomicInvoiceSource

    return EconomicInvoiceSource(economic_client(economic, limits))


def file_source(provider: FileProviderConfig) -> PlatformSource:
    """The source for a provider read from files (`[providers.clearhaus]`)."""
    # start-up: the settlement reader loads only for a sync
    from econdesk.connectors.files.clearhaus_folder import ClearhausFolderSource

    return ClearhausFolderSource(provider.settlements_folder)


def credential_client(
    name: str,
    base_url: str,
    client_id: str,
    client_secret: str,
    *,
    subscription_key: str = "",
    merchant_serial_numbers: Sequence[str] = (),
    own_sales: bool = False,
) -> PlatformSource:
    """The connector for a source that takes client credentials, from the values themselves
    (the settings dialog's "Test connection" passes what is typed): `clearhaus` is the
    Merchant API, `mobilepay` the Report API (with its subscription key and sales units).
    `own_sales`: no gateway is in front of it, so its transactions are its own sales
    (config.acquirer_sells_alone)."""
    # start-up: httpx and the clients load with the first command that talks to a server
    if name == "clearhaus":
        from econdesk.connectors.clearhaus.client import ClearhausClient

        return ClearhausClient(client_id, client_secret, base_url=base_url, own_sales=own_sales)
    if name != "mobilepay":
        raise ConfigError(f"econdesk has no connector for {name!r}", key=f"providers.{name}")
    from econdesk.connectors.mobilepay.client import MobilePayReportClient

    return MobilePayReportClient(
        client_id,
        client_secret,
        subscription_key,
        merchant_serial_numbers=merchant_serial_numbers,
        base_url=base_url,
        own_sales=own_sales,
    )


def credential_source(
    provider: CredentialProviderConfig,
    limits: SharedLimits | None = None,
    *,
    own_sales: bool = False,
) -> PlatformSource:
    """The connector for a provider that takes client credentials (`[providers.clearhaus]`
    with a client id: the Merchant API; `[providers.mobilepay]`: the Report API). `own_sales`:
    no gateway is in front of it, so its transactions are its own sales
    (config.acquirer_sells_alone)."""
    key = provider.subscription_key
    source = credential_client(
        provider.name,
        provider.base_url,
        provider.client_id,
        provider.client_secret.reveal(),
        subscription_key=key.reveal() if key is not None else "",
        merchant_serial_numbers=provider.merchant_serial_numbers,
        own_sales=own_sales,
    )
    return _shared_pace(source, limits, provider.base_url, provider.client_id)


def rate_feeds(nationalbanken_url: str | None = None, ecb_url: str | None = None) -> RateFeeds:
    """Exchange-rate feeds over HTTP (the public URLs unless given, e.g. a sandbox's), a
    client per call: rates are fetched seldom, once for each day the store cannot answer."""
    import asyncio

    # start-up: the rate clients load only when a rate is missing from the store
    from econdesk.connectors.rates.client import (
        ECB_URL,
        NATIONALBANKEN_URL,
        EcbClient,
        NationalbankenClient,
    )
    from econdesk.services.rates import RateFeeds

    def latest() -> list[DailyRates]:
        async def fetch() -> list[DailyRates]:
            client = NationalbankenClient(nationalbanken_url or NATIONALBANKEN_URL)
            try:
                return await client.latest()
            finally:
                await client.aclose()

        return asyncio.run(fetch())

    def ecb(span: str) -> list[DailyRates]:
        async def fetch() -> list[DailyRates]:
            client = EcbClient(ecb_url or ECB_URL)
            try:
                return await client.fetch(span)
            finally:
                await client.aclose()

        return asyncio.run(fetch())

    return RateFeeds(latest, ecb)


def rates_service(config: Config, db: Database) -> ExchangeRates | None:
    """The published exchange rates (`[rates]`); None for a sandbox agreement without a rates
    sandbox, which never reaches the banks' own sites."""
    from econdesk.services.rates import ExchangeRates

    r = config.rates
    if r.nationalbanken_url is None and is_loopback_url(config.economic.base_url):
        return None
    return ExchangeRates(db, rate_feeds(r.nationalbanken_url, r.ecb_url))


# -- the services ------------------------------------------------------------------------------


def match_settings(config: Config) -> MatchSettings:
    """The matcher's settings from the config's [matching] and [providers.*] tables."""
    # start-up: the matcher loads with the first command (or window action) that matches
    from econdesk.services.matching import matching_settings

    return matching_settings(config)


def matching_service(config: Config, db: Database) -> MatchingService:
    # start-up: the matcher loads with the first command (or window action) that matches
    from econdesk.services.matching import MatchingService

    return MatchingService(db, match_settings(config), rates_service(config, db))


def sync_service(config: Config, db: Database, limits: SharedLimits | None = None) -> SyncService:
    """The sync for every source the config names: e-conomic's bank account, the platforms'
    APIs, the acquirers' settlement folders (`[providers.clearhaus]`) or the Clearhaus
    Merchant API, and the Vipps MobilePay Report API (`[providers.mobilepay]`). A missing token or
    key fails here, not halfway through the sync. Bank statement files are imported on their
    own, not synced here. `limits`: the rate-limit budgets shared with the other clients
    synced at the same time (`sync --all-clients`)."""
    # start-up: httpx and the clients load with the first command that talks to a server
    from econdesk.services.sync import EconomicBank, SyncService

    economic = None
    if config.economic.bank_account is not None:
        config.economic.app_secret_token.reveal()
        config.economic.agreement_grant_token.reveal()
        economic = EconomicBank(
            lambda: economic_client(config.economic, limits), config.economic.bank_account
        )
    providers = [p for p in config.providers.values() if p.name in PLATFORMS]
    for provider in providers:
        provider.api_key.reveal()
    sources: list[Callable[[], PlatformSource]] = [
        functools.partial(platform_source, p, limits) for p in providers
    ]
    if economic is not None and config.economic.open_invoices:
        sources.append(functools.partial(economic_invoice_source, config.economic, limits))
    sources += [functools.partial(file_source, f) for _, f in sorted(config.file_providers.items())]
    for _, api in sorted(config.credential_providers.items()):
        api.client_secret.reveal()
        alone = acquirer_sells_alone(config, api.name)
        sources.append(functools.partial(credential_source, api, limits, own_sales=alone))
    return SyncService(db, platforms=sources, economic=economic)


def posting_service(
    config: Config, db: Database, *, exchange_rates: Mapping[str, Decimal] | None = None
) -> PostingService:
    """The posting service the config describes: profile, journal, bank account, booking,
    mappings (the config's first, then the stored versions) and the e-conomic client.

    `exchange_rates` (per 100) are for deposits whose bank line has no base-currency amount.
    """
    # start-up: the posting code (and httpx) loads with the first post or voucher preview
    from econdesk.accounting.vouchers import PostingProfile
    from econdesk.services.mappings import MappingService
    from econdesk.services.posting import PostingOptions, PostingService

    economic = config.economic
    rates = rates_service(config, db)  # a sale's day's rate: summaries and sale values
    options = PostingOptions(
        profile=PostingProfile(config.posting.profile),
        journal=config.required(economic.journal, "economic.journal"),
        bank_account=config.required(economic.bank_account, "economic.bank_account"),
        book=config.posting.book,
        exchange_rates=dict(exchange_rates or {}),
        voucher_language=config.posting.voucher_language,
        sale_rate=None if rates is None else (lambda cur, day: rates.rate(cur, day).per_100),
    )
    mappings = MappingService(db, build_mappings(config))
    return PostingService(db, lambda: economic_client(economic), options, mappings, rates)


def rollforward_service(config: Config, db: Database) -> RollForwardService:
    """The clearing accounts' roll-forward over the config's clearing accounts and agreement."""
    # start-up: the service (and httpx) loads with the first roll-forward
    from econdesk.services.rollforward import RollForwardService

    return RollForwardService.of(config, db, lambda: economic_client(config.economic))


def invoice_marking_service(config: Config, db: Database) -> InvoiceMarkingService:
    """Marks open invoices paid offline, for the platforms whose config allows it."""
    # start-up: httpx and the clients load only when asked to mark invoices
    from econdesk.connectors.chargebee.client import ChargebeeClient
    from econdesk.connectors.frisbii.client import FrisbiiClient
    from econdesk.services.invoice_marking import InvoiceMarkingService, OfflinePayments

    kinds: dict[str, type[FrisbiiClient | ChargebeeClient]] = {
        "frisbii": FrisbiiClient,
        "chargebee": ChargebeeClient,
    }

    def client(provider: ProviderConfig) -> Callable[[], OfflinePayments]:
        kind = kinds[provider.name]
        return lambda: kind(provider.api_key.reveal(), base_url=provider.base_url)

    allowed = [
        p
        for p in config.providers.values()
        if isinstance(p, ProviderConfig) and p.mark_paid_offline and p.name in kinds
    ]
    return InvoiceMarkingService(db, {p.name: client(p) for p in allowed})


def ledger(config: Config) -> Ledger:
    """The company and the clearing accounts' balances from e-conomic, for the report; when
    e-conomic cannot be asked, a Ledger whose note says why."""
    # start-up: httpx and the workbook writer load only for a report
    from econdesk.services.report import fetch_ledger

    return fetch_ledger(config, client=lambda: economic_client(config.economic))


class Services:
    """The services over one store, as the config describes them; each built when asked for.

    `db` may be a function that opens the store: it is called when a service first needs it
    (the report's ledger does not). Cheap to make: the app makes one per action, so a config
    changed in Settings is used by the next action.
    """

    def __init__(self, config: Config, db: Database | Callable[[], Database]) -> None:
        self.config = config
        self._db = db

    @property
    def db(self) -> Database:
        return self._db if isinstance(self._db, Database) else self._db()

    def matching(self) -> MatchingService:
        return matching_service(self.config, self.db)

    def sync(self) -> SyncService:
        return sync_service(self.config, self.db)

    def posting(self, *, exchange_rates: Mapping[str, Decimal] | None = None) -> PostingService:
        return posting_service(self.config, self.db, exchange_rates=exchange_rates)

    def reversal(self) -> ReversalService:
        """Reversing posted matches, with the posting service's settings and e-conomic."""
        from econdesk.services.reversal import ReversalService  # start-up: when first used

        return ReversalService(self.posting())

    def invoice_marking(self) -> InvoiceMarkingService:
        return invoice_marking_service(self.config, self.db)

    def ledger(self) -> Ledger:
        return ledger(self.config)

    def rules(self) -> RulesService:
        from econdesk.services.rules import RulesService  # start-up: loaded when first used

        return RulesService(self.db)

    def periods(self) -> PeriodService:
        """Sign-off, approval and reopening of months (balances from e-conomic if it can
        be asked)."""
        # start-up: the report's row readers load with the first sign-off or listing
        from econdesk.services.periods import PeriodService
        from econdesk.services.report import clearing_accounts

        return PeriodService(
            self.db,
            ledger=self.ledger,
            clearing_accounts=clearing_accounts(self.config),
        )

    def rollforward(self) -> RollForwardService:
        return rollforward_service(self.config, self.db)
