"""The TOML config (README.md, "Configuration"), parsed into typed, validated, frozen objects.

Every key is checked: an unknown key, a wrong type or a bad value raises `ConfigError` whose one
line names the file and the dotted key. Amounts are read as Decimal (TOML floats are parsed
exactly), never float. Secrets become `Secret` objects whose repr is masked; a secret missing from
the file is looked up in the keyring (or its 0600 fallback file) when first used.

The reader is written out rather than left to a schema library: msgspec, tried for it, reports
an error as one English sentence that names neither the value nor a table's key
("Object missing required field `fee_account` - at `$.providers[...]`"), cannot bound a
Decimal, and reads 'high' as a decimal string, so the messages above would be lost.
"""

from __future__ import annotations

import difflib
import getpass
import ipaddress
import os
import re
import socket
import string
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, TypeVar, cast
from urllib.parse import urlsplit

from econdesk import paths
from econdesk.domain import (
    BookingMode,
    CustomerMapping,
    LostDisputes,
    Mappings,
    Money,
    PlanMapping,
    ProviderMapping,
    SaleVatFacts,
    Tolerance,
    VatRule,
)
from econdesk.domain.invoices import ECONOMIC_INVOICES
from econdesk.domain.links import OWN_SALES_PLAN
from econdesk.domain.money import MoneyError, exact_decimal, normalise_currency
from econdesk.errors import ConfigError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import either
from econdesk.i18n.message import say as _say
from econdesk.secrets import Secret, SecretStore, default_store

T = TypeVar("T")

PostingProfile = Literal["clearing", "direct"]
LANGUAGES = ("en", "da")
# Platforms whose invoices econdesk can mark paid offline after posting a transfer that paid them.
MARKS_PAID_OFFLINE = ("frisbii", "chargebee")
# Where each platform's live API answers when the config does not say otherwise.
DEFAULT_BASE_URLS = {
    "economic": "https://restapi.e-conomic.com",
    "stripe": "https://api.stripe.com",
    "frisbii": "https://api.frisbii.com",
    "clearhaus": "https://merchant.clearhaus.com",
    "mobilepay": "https://api.vipps.no",
}
_PROVIDER_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
# Providers whose money econdesk reads from files the bookkeeper downloads, not from an API.
FILE_PROVIDERS = ("clearhaus",)
# Providers read over an API that takes client credentials rather than an API key: Clearhaus's
# Merchant API (OAuth 2.0) and the Vipps MobilePay Report API. `[providers.clearhaus]` is this
# kind when it has no settlements_folder.
CREDENTIAL_PROVIDERS = ("clearhaus", "mobilepay")


@dataclass(frozen=True, slots=True)
class AppConfig:
    actor: str | None = None  # the name the audit log records; default OS user@host
    language: str | None = None  # "en" or "da"; default: the system's


@dataclass(frozen=True, slots=True)
class DatabaseConfig:
    url: str | None = field(default=None, repr=False)  # may hold a password: never shown

    def __repr__(self) -> str:
        return f"DatabaseConfig(url={mask_url(self.url)!r})"


@dataclass(frozen=True, slots=True)
class EconomicConfig:
    base_url: str = DEFAULT_BASE_URLS["economic"]
    journals_url: str | None = None  # the Journals API, for booking drafts; optional
    app_secret_token: Secret = field(default_factory=lambda: Secret("economic.app_secret_token"))
    agreement_grant_token: Secret = field(
        default_factory=lambda: Secret("economic.agreement_grant_token")
    )
    bank_account: int | None = None  # the G/L account whose entries are matched
    journal: int | None = None  # the daybook approved vouchers go to
    difference_account: int | None = None  # where allowed differences (rounding, FX) go
    currency: str = "DKK"  # the agreement's base (accounting) currency
    exchange_difference_account: int | None = None  # realised exchange differences at payout
    # e-conomic's own booked invoices with a remainder are matched to the transfers paying them
    # (connectors/economic/open_invoices.py); their customer payments take `open_invoices_account`
    # as contra account: where the bank feed books a customer's transfer until it is identified.
    open_invoices: bool = True
    open_invoices_account: int | None = None


@dataclass(frozen=True, slots=True)
class PlanConfig:
    revenue_account: int
    vat_code: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ProviderAccounts:
    """What every provider has, read from its API or from files: a clearing account, a fee
    account and the matcher's tolerances for its deposits."""

    name: str
    clearing_account: int
    fee_account: int
    tolerance_fixed: Decimal | None = None  # in the accounting currency
    tolerance_percent: Decimal | None = None
    # How the source is kept in the books (domain/booking.py); required for a real agreement.
    booking: BookingMode | None = None
    fee_vat_code: str | None = None
    lost_disputes: LostDisputes = LostDisputes.REVERSE
    bad_debt_account: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ProviderConfig(ProviderAccounts):
    base_url: str
    api_key: Secret
    plans: Mapping[str, PlanConfig] = field(default_factory=dict)
    customers: Mapping[str, int] = field(default_factory=dict)  # platform id -> customer number
    # After posting, mark the open invoices a transfer paid as paid offline in the platform
    # (Frisbii, Chargebee), when `post --mark-paid` confirms it each time.
    mark_paid_offline: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class FileProviderConfig(ProviderAccounts):
    """A provider read from downloaded files (`[providers.clearhaus]`): no URL, no API key.

    `settlements_folder` holds its settlement exports (absolute: a relative path in the file is
    read from the config file's folder). Its clearing and fee accounts are a provider's like any
    other's; a Clearhaus settlement's card payments are the gateway's (Frisbii's) items, booked
    with the gateway's plan and customer mappings.
    """

    settlements_folder: Path


@dataclass(frozen=True, slots=True, kw_only=True)
class CredentialProviderConfig(ProviderAccounts):
    """A provider read over an API with client credentials (`[providers.clearhaus]` with a
    client id, `[providers.mobilepay]`). Like a file provider it has no plans or customers:
    the payments it pays out are the gateway's items, booked with the gateway's mappings.

    `reserve_account` (Clearhaus): where a reserve withheld from a settlement waits until it
    is paid out. `subscription_key` and `merchant_serial_numbers` (Vipps MobilePay): the
    `Ocp-Apim-Subscription-Key` and the sales units (MSNs) whose ledgers are read, none for
    every ledger the keys reach (the file's `merchant_serial_number = "123456"` or
    `merchant_serial_numbers = ["123456", "234567"]`).
    """

    base_url: str
    client_id: str
    client_secret: Secret
    reserve_account: int | None = None
    subscription_key: Secret | None = None
    merchant_serial_numbers: tuple[str, ...] = ()
    # Used without a gateway in front (acquirer_sells_alone): where its own sales are booked.
    revenue_account: int | None = None
    vat_code: str | None = None


@dataclass(frozen=True, slots=True)
class MatchingConfig:
    auto_threshold: float = 0.85  # a proposal scoring at least this may be auto-approved...
    auto_margin: float = 0.15  # ...if it leads the runner-up for its lines by this much
    payout_window_days: int = 3  # a payout reaches the bank within this many days of arrival
    payment_window_days: int = 5  # a direct payment reaches the bank within this many days
    subset_max_items: int = 60  # bounded subset-sum: candidates considered per deposit
    subset_time_budget_ms: int = 50  # ...and the time it may spend per deposit


@dataclass(frozen=True, slots=True)
class PostingConfig:
    profile: PostingProfile = "clearing"  # "clearing": via each platform's clearing account
    book: bool = False  # book the drafts after posting (needs economic.journals_url)
    revenue_account: int | None = None  # for payments whose plan has no mapping
    vat_code: str | None = None
    # The voucher texts' language ("da", "en"); default: Danish for a DKK agreement.
    voucher_language: str | None = None


@dataclass(frozen=True, slots=True)
class RatesConfig:
    """Where the published exchange rates are read (`[rates]`); None: the banks' own sites
    (connectors/rates/client.py). A sandbox's URL points both at `econdesk sandbox serve`."""

    nationalbanken_url: str | None = None
    ecb_url: str | None = None


@dataclass(frozen=True, slots=True)
class Config:
    path: Path | None = None
    app: AppConfig = field(default_factory=AppConfig)
    database: DatabaseConfig = field(default_factory=DatabaseConfig)
    economic: EconomicConfig = field(default_factory=EconomicConfig)
    providers: Mapping[str, ProviderConfig] = field(default_factory=dict)
    file_providers: Mapping[str, FileProviderConfig] = field(default_factory=dict)
    credential_providers: Mapping[str, CredentialProviderConfig] = field(default_factory=dict)
    matching: MatchingConfig = field(default_factory=MatchingConfig)
    posting: PostingConfig = field(default_factory=PostingConfig)
    vat_rules: tuple[VatRule, ...] = ()  # [[vat.codes]]: a sale's VAT facts -> VAT code
    rates: RatesConfig = field(default_factory=RatesConfig)

    def every_provider(self) -> dict[str, ProviderAccounts]:
        """API and file providers together: each has clearing and fee accounts and tolerances."""
        return {**self.providers, **self.file_providers, **self.credential_providers}

    def required(self, value: T | None, key: str) -> T:
        """The value, or a ConfigError naming `key` and this file when it is not set."""
        if value is None:
            raise ConfigError(
                _say(QT_TRANSLATE_NOOP("CLI", "must be set for this command")),
                key=key,
                path=self.path,
            )
        return value


# -- locating the config and the database ----------------------------------------------------


def config_path_is_explicit(arg: str | None) -> bool:
    return bool(arg or os.environ.get(paths.CONFIG_ENV))


def resolve_config_path(arg: str | None) -> Path:
    """--config, else $ECONDESK_CONFIG, else config.toml in the user config folder."""
    value = arg or os.environ.get(paths.CONFIG_ENV)
    return Path(value).expanduser() if value else paths.default_config_file()


def resolve_database_url(arg: str | None, config: Config | None, default: str | None = None) -> str:
    """--db, else $ECONDESK_DB, else [database] url, else `default` (a client's store), else
    the SQLite file in the data folder."""
    value = arg or os.environ.get(paths.DB_ENV)
    if not value and config is not None:
        value = config.database.url
    if value:
        return value if "://" in value else paths.sqlite_url(Path(value).expanduser())
    return default or paths.sqlite_url(paths.default_database_file())


def resolve_actor(config: Config | None) -> str:
    """The configured [app] actor, else `user@host` from the operating system."""
    if config is not None and config.app.actor:
        return config.app.actor
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers)
        user = "unknown"
    return f"{user}@{socket.gethostname() or 'localhost'}"


def is_loopback_url(url: str) -> bool:
    """True for an http(s) URL on this machine (a sandbox), False for any other host."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def mask_url(url: str | None) -> str | None:
    """The URL with any password replaced by ***, safe to print."""
    if not url:
        return url
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return url.replace(f":{parts.password}@", ":***@", 1)


# -- loading -----------------------------------------------------------------------------------


def language_setting(path: Path) -> str | None:
    """`[app] language` read on its own from a file that is otherwise wrong, so what is wrong
    can be said in that language; None when even that cannot be read."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    app = data.get("app")
    language = app.get("language") if isinstance(app, dict) else None
    return language if language in LANGUAGES else None


def load_config(
    path: Path,
    *,
    required: bool = False,
    secrets: SecretStore | None = None,
) -> Config:
    """Parse and validate `path`. A missing file gives the defaults unless `required`."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if required:
            raise ConfigError(
                _say(QT_TRANSLATE_NOOP("CLI", "no such config file (run `econdesk init`)")),
                path=path,
            ) from None
        return Config(path=None)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            _say(QT_TRANSLATE_NOOP("CLI", "cannot read: {0}"), exc), path=path
        ) from None
    return parse_config(text, path=path, secrets=secrets)


def parse_config(
    text: str,
    *,
    path: Path | None = None,
    secrets: SecretStore | None = None,
) -> Config:
    """Parse config TOML text; errors name `path` and the key."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            _say(QT_TRANSLATE_NOOP("CLI", "not valid TOML: {0}"), exc), path=path
        ) from None
    return _Reader(path, secrets).config(data)


def write_config(path: Path, text: str, *, secrets: SecretStore | None = None) -> Config:
    """Check `text` with the reader, then write it to `path` atomically and private (0600: it
    may hold credentials). Nothing is written when the reader refuses it."""
    config = parse_config(text, path=path, secrets=secrets)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    tmp.replace(path)
    return config


class _Reader:
    """Walks the parsed TOML, converting and checking each key; every error names it."""

    def __init__(self, path: Path | None, secrets: SecretStore | None) -> None:
        self.path = path
        self._store = secrets

    def _lookup_secret(self, name: str) -> str | None:
        if self._store is None:
            self._store = default_store()
        return self._store.get(name)

    # - helpers
    def fail(self, key: str, message: str, *values: object) -> ConfigError:
        """`message` is marked QT_TRANSLATE_NOOP("CLI", ...) where it is written."""
        return ConfigError(_say(message, *values), key=key, path=self.path)

    def table(self, data: Mapping[str, Any], key: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        value = data.get(key.rsplit(".", 1)[-1], {})
        if not isinstance(value, dict):
            raise self.fail(key, QT_TRANSLATE_NOOP("CLI", "must be a table ([section])"))
        self.only(value, key, allowed)
        return value

    def only(self, table: Mapping[str, Any], prefix: str, allowed: tuple[str, ...]) -> None:
        for name in table:
            if name not in allowed:
                close = difflib.get_close_matches(name, allowed, n=1)
                where = f"{prefix}.{name}" if prefix else name
                if close:
                    raise self.fail(
                        where,
                        QT_TRANSLATE_NOOP("CLI", "unknown key; did you mean {0!r}?"),
                        close[0],
                    )
                raise self.fail(where, QT_TRANSLATE_NOOP("CLI", "unknown key"))

    def get(
        self,
        table: Mapping[str, Any],
        prefix: str,
        name: str,
        convert: Callable[[str, Any], T],
        default: T,
    ) -> T:
        if name not in table:
            return default
        return convert(f"{prefix}.{name}", table[name])

    def need(
        self, table: Mapping[str, Any], prefix: str, name: str, convert: Callable[[str, Any], T]
    ) -> T:
        if name not in table:
            raise self.fail(f"{prefix}.{name}", QT_TRANSLATE_NOOP("CLI", "is required"))
        return convert(f"{prefix}.{name}", table[name])

    # - value converters: (key, raw) -> typed value
    def text(self, key: str, raw: Any) -> str:
        if not isinstance(raw, str) or not raw.strip():
            raise self.fail(
                key, QT_TRANSLATE_NOOP("CLI", "expected a non-empty string, got {0}"), _show(raw)
            )
        return raw.strip()

    def url(self, key: str, raw: Any) -> str:
        value = self.text(key, raw)
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise self.fail(
                key, QT_TRANSLATE_NOOP("CLI", "expected an http(s) URL, got {0!r}"), value
            )
        return value.rstrip("/")

    def db_url(self, key: str, raw: Any) -> str:
        value = self.text(key, raw)
        if not value.startswith(("sqlite:", "postgresql")):
            wanted = QT_TRANSLATE_NOOP(
                "CLI", "expected an sqlite:/// or postgresql+psycopg:// URL, got {0!r}"
            )
            raise self.fail(key, wanted, mask_url(value))
        return value

    def account(self, key: str, raw: Any) -> int:
        if isinstance(raw, bool) or not isinstance(raw, int) or raw <= 0:
            raise self.fail(
                key,
                QT_TRANSLATE_NOOP("CLI", "expected a positive whole account number, got {0}"),
                _show(raw),
            )
        return raw

    def count(self, key: str, raw: Any) -> int:
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
            raise self.fail(
                key, QT_TRANSLATE_NOOP("CLI", "expected a whole number >= 0, got {0}"), _show(raw)
            )
        return raw

    def flag(self, key: str, raw: Any) -> bool:
        if not isinstance(raw, bool):
            raise self.fail(
                key, QT_TRANSLATE_NOOP("CLI", "expected true or false, got {0}"), _show(raw)
            )
        return raw

    def decimal(self, key: str, raw: Any) -> Decimal:
        not_decimal = QT_TRANSLATE_NOOP("CLI", "expected a decimal number, got {0}")
        if isinstance(raw, bool) or not isinstance(raw, (int, Decimal, str)):
            raise self.fail(key, not_decimal, _show(raw))
        try:
            value = exact_decimal(raw)
        except MoneyError:
            raise self.fail(key, not_decimal, _show(raw)) from None
        if value < 0:
            raise self.fail(key, QT_TRANSLATE_NOOP("CLI", "must not be negative, got {0}"), value)
        return value

    def fraction(self, key: str, raw: Any) -> float:
        # Scores are not money: a float is fine here.
        value = self.decimal(key, raw)
        if value > 1:
            raise self.fail(
                key, QT_TRANSLATE_NOOP("CLI", "expected a number between 0 and 1, got {0}"), value
            )
        return float(value)

    def currency(self, key: str, raw: Any) -> str:
        try:
            return normalise_currency(self.text(key, raw))
        except MoneyError:
            raise self.fail(
                key,
                QT_TRANSLATE_NOOP("CLI", "expected an ISO 4217 currency code, got {0}"),
                _show(raw),
            ) from None

    def secret(self, key: str, raw: Any) -> Secret:
        return Secret(key, self.text(key, raw), resolve=self._lookup_secret)

    def absent_secret(self, key: str) -> Secret:
        return Secret(key, None, resolve=self._lookup_secret)

    def choice(self, options: tuple[str, ...]) -> Callable[[str, Any], str]:
        def convert(key: str, raw: Any) -> str:
            if raw not in options:
                wanted = either(options)
                raise self.fail(
                    key, QT_TRANSLATE_NOOP("CLI", "expected {0}, got {1}"), wanted, _show(raw)
                )
            return cast(str, raw)

        return convert

    # - sections
    def config(self, data: Mapping[str, Any]) -> Config:
        sections = (
            "app", "database", "economic", "providers", "matching", "posting", "vat", "rates"
        )  # fmt: skip
        self.only(data, "", sections)
        providers_raw = data.get("providers", {})
        if not isinstance(providers_raw, dict):
            raise self.fail(
                "providers",
                QT_TRANSLATE_NOOP("CLI", "must be a table of [providers.NAME] sections"),
            )
        config = Config(
            path=self.path,
            app=self.app(self.table(data, "app", ("actor", "language"))),
            database=DatabaseConfig(
                url=self.get(
                    self.table(data, "database", ("url",)), "database", "url", self.db_url, None
                )
            ),
            economic=self.economic(data),
            providers={
                name: self.provider(name, raw)
                for name, raw in providers_raw.items()
                if name not in (*FILE_PROVIDERS, *CREDENTIAL_PROVIDERS)
            },
            file_providers={
                name: self.file_provider(name, raw)
                for name, raw in providers_raw.items()
                if name in FILE_PROVIDERS and _reads_files(raw)
            },
            credential_providers={
                name: self.credential_provider(name, raw)
                for name, raw in providers_raw.items()
                if name in CREDENTIAL_PROVIDERS
                and not (name in FILE_PROVIDERS and _reads_files(raw))
            },
            matching=self.matching(data),
            posting=self.posting(data),
            vat_rules=self.vat_rules(data),
            rates=self.rates(data),
        )
        self.check_booking_chosen(config)
        self.check_alone(config)
        return config

    def check_alone(self, config: Config) -> None:
        """An acquirer or wallet without a gateway in front: no integration books its sales,
        so `settle` would book them nowhere; in `sales` econdesk needs a revenue account."""
        for name, p in sorted(config.credential_providers.items()):
            if not acquirer_sells_alone(config, name):
                continue
            if p.booking is BookingMode.SETTLE:
                why = QT_TRANSLATE_NOOP(
                    "CLI",
                    'is "settle", but no gateway in front of {0} is configured '
                    '([providers.{1}]), so no integration books its sales: choose "sales" '
                    '(econdesk books them in daily sales summaries) or "payments" (its orders '
                    "are invoiced in e-conomic)",
                )
                raise self.fail(f"providers.{name}.booking", why, name, GATEWAYS_IN_FRONT[0])
            if p.booking is BookingMode.SALES and (
                p.revenue_account is None and config.posting.revenue_account is None
            ):
                why = QT_TRANSLATE_NOOP(
                    "CLI",
                    'is required with booking = "sales" and no gateway in front of {0}: the '
                    "account its own sales are booked on (or [posting] revenue_account)",
                )
                raise self.fail(f"providers.{name}.revenue_account", why, name)

    def check_booking_chosen(self, config: Config) -> None:
        """No silent default: with a real e-conomic agreement every source names its mode."""
        if is_loopback_url(config.economic.base_url):
            return  # a sandbox agreement: the vouchers may book as they always have
        for name, p in sorted(config.every_provider().items()):
            if p.booking is None:
                modes = either([m.value for m in BookingMode])
                required = QT_TRANSLATE_NOOP(
                    "CLI",
                    "is required with a real e-conomic agreement: {0} (what is booked "
                    "elsewhere already; README, Booking modes)",
                )
                raise self.fail(f"providers.{name}.booking", required, modes)

    def app(self, t: Mapping[str, Any]) -> AppConfig:
        return AppConfig(
            actor=self.get(t, "app", "actor", self.text, None),
            language=self.get(t, "app", "language", self.choice(LANGUAGES), None),
        )

    def economic(self, data: Mapping[str, Any]) -> EconomicConfig:
        t = self.table(data, "economic", tuple(EconomicConfig.__dataclass_fields__))
        p = "economic"
        return EconomicConfig(
            base_url=self.get(t, p, "base_url", self.url, DEFAULT_BASE_URLS["economic"]),
            journals_url=self.get(t, p, "journals_url", self.url, None),
            app_secret_token=self.get(
                t, p, "app_secret_token", self.secret, self.absent_secret(f"{p}.app_secret_token")
            ),
            agreement_grant_token=self.get(
                t,
                p,
                "agreement_grant_token",
                self.secret,
                self.absent_secret(f"{p}.agreement_grant_token"),
            ),
            bank_account=self.get(t, p, "bank_account", self.account, None),
            journal=self.get(t, p, "journal", self.account, None),
            difference_account=self.get(t, p, "difference_account", self.account, None),
            currency=self.get(t, p, "currency", self.currency, "DKK"),
            exchange_difference_account=self.get(
                t, p, "exchange_difference_account", self.account, None
            ),
            open_invoices=self.get(t, p, "open_invoices", self.flag, True),
            open_invoices_account=self.get(t, p, "open_invoices_account", self.account, None),
        )

    def provider(self, name: str, raw: Any) -> ProviderConfig:
        p = f"providers.{name}"
        if not _PROVIDER_NAME.match(name):
            raise self.fail(
                p,
                QT_TRANSLATE_NOOP(
                    "CLI", "a provider name is lowercase letters, digits, '-' or '_'"
                ),
            )
        if name == ECONOMIC_INVOICES:
            raise self.fail(
                p,
                QT_TRANSLATE_NOOP(
                    "CLI", "is reserved for e-conomic's own invoices ([economic] open_invoices)"
                ),
            )
        if not isinstance(raw, dict):
            raise self.fail(p, QT_TRANSLATE_NOOP("CLI", "must be a table ([providers.NAME])"))
        self.only(raw, p, (*ProviderConfig.__dataclass_fields__, "plans"))
        if "name" in raw:
            raise self.fail(
                f"{p}.name",
                QT_TRANSLATE_NOOP("CLI", "unknown key (the name is the section's name)"),
            )
        default_url = DEFAULT_BASE_URLS.get(name)
        base_url = (
            self.get(raw, p, "base_url", self.url, default_url)
            if default_url
            else self.need(raw, p, "base_url", self.url)
        )
        plans_raw = raw.get("plans", {})
        if not isinstance(plans_raw, dict):
            raise self.fail(
                f"{p}.plans",
                QT_TRANSLATE_NOOP("CLI", "must be a table of [providers.NAME.plans.PLAN]"),
            )
        customers_raw = raw.get("customers", {})
        if not isinstance(customers_raw, dict):
            raise self.fail(
                f"{p}.customers",
                QT_TRANSLATE_NOOP("CLI", "must be a table: platform id = customer number"),
            )
        mark_paid = self.get(raw, p, "mark_paid_offline", self.flag, False)
        if mark_paid and name not in MARKS_PAID_OFFLINE:
            raise self.fail(
                f"{p}.mark_paid_offline",
                QT_TRANSLATE_NOOP("CLI", "only {0} invoices can be marked paid offline"),
                " and ".join(MARKS_PAID_OFFLINE),
            )
        return ProviderConfig(
            mark_paid_offline=mark_paid,
            name=name,
            base_url=base_url,
            api_key=self.get(raw, p, "api_key", self.secret, self.absent_secret(f"{p}.api_key")),
            **self.accounts(raw, p),
            plans={plan: self.plan(f"{p}.plans.{plan}", v) for plan, v in plans_raw.items()},
            customers={
                str(cid): self.account(f"{p}.customers.{cid}", number)
                for cid, number in customers_raw.items()
            },
        )

    def folder(self, key: str, raw: Any) -> Path:
        value = Path(self.text(key, raw)).expanduser()
        if not value.is_absolute() and self.path is not None:
            value = self.path.parent / value  # relative to the config file's folder
        return value

    def file_provider(self, name: str, raw: Any) -> FileProviderConfig:
        p = f"providers.{name}"
        if not isinstance(raw, dict):
            raise self.fail(p, QT_TRANSLATE_NOOP("CLI", "must be a table ([providers.NAME])"))
        for key in ("base_url", "api_key"):
            if key in raw:
                raise self.fail(
                    f"{p}.{key}",
                    QT_TRANSLATE_NOOP(
                        "CLI", "unknown key ({0} is read from the files in settlements_folder)"
                    ),
                    name,
                )
        for key in ("plans", "customers"):
            if key in raw:
                raise self.fail(
                    f"{p}.{key}",
                    QT_TRANSLATE_NOOP(
                        "CLI",
                        "unknown key (settled card payments are booked with the gateway's "
                        "[providers.frisbii] plans and customers)",
                    ),
                )
        allowed = tuple(f for f in FileProviderConfig.__dataclass_fields__ if f != "name")
        self.only(raw, p, allowed)
        return FileProviderConfig(
            name=name,
            settlements_folder=self.need(raw, p, "settlements_folder", self.folder),
            **self.accounts(raw, p),
        )

    def credential_provider(self, name: str, raw: Any) -> CredentialProviderConfig:
        p = f"providers.{name}"
        if not isinstance(raw, dict):
            raise self.fail(p, QT_TRANSLATE_NOOP("CLI", "must be a table ([providers.NAME])"))
        for key in ("plans", "customers", "api_key"):
            if key in raw:
                why = (
                    QT_TRANSLATE_NOOP("CLI", "unknown key (it takes client_id and client_secret)")
                    if key == "api_key"
                    else QT_TRANSLATE_NOOP(
                        "CLI",
                        "unknown key (paid-out payments are booked with the gateway's plans "
                        "and customers)",
                    )
                )
                raise self.fail(f"{p}.{key}", why)
        own = {"clearhaus": ("reserve_account",), "mobilepay": _MOBILEPAY_KEYS}[name]
        common = ("base_url", "client_id", "client_secret", "clearing_account", "fee_account")
        booking = ("booking", "fee_vat_code", "lost_disputes", "bad_debt_account")
        alone = ("revenue_account", "vat_code")  # its own sales, when no gateway is in front
        self.only(raw, p, (*common, "tolerance_fixed", "tolerance_percent", *booking, *alone, *own))
        secret = self.get(
            raw, p, "client_secret", self.secret, self.absent_secret(f"{p}.client_secret")
        )
        key = "subscription_key"
        return CredentialProviderConfig(
            name=name,
            base_url=self.get(raw, p, "base_url", self.url, DEFAULT_BASE_URLS[name]),
            client_id=self.need(raw, p, "client_id", self.text),
            client_secret=secret,
            reserve_account=self.get(raw, p, "reserve_account", self.account, None),
            subscription_key=(
                self.get(raw, p, key, self.secret, self.absent_secret(f"{p}.{key}"))
                if name == "mobilepay"
                else None
            ),
            merchant_serial_numbers=self.serial_numbers(raw, p),
            revenue_account=self.get(raw, p, "revenue_account", self.account, None),
            vat_code=self.get(raw, p, "vat_code", self.text, None),
            **self.accounts(raw, p),
        )

    def serial_numbers(self, raw: Mapping[str, Any], p: str) -> tuple[str, ...]:
        """The Vipps MobilePay sales units: `merchant_serial_number` (one) or
        `merchant_serial_numbers` (a list), each digits only, none twice."""
        one, many = "merchant_serial_number", "merchant_serial_numbers"
        if one in raw and many in raw:
            raise self.fail(
                f"{p}.{many}",
                QT_TRANSLATE_NOOP("CLI", "give {0} or {1}, not both"),
                one,
                many,
            )
        if one in raw:
            return (self.serial_number(f"{p}.{one}", raw[one]),)
        listed = raw.get(many, [])
        if not isinstance(listed, list):
            raise self.fail(
                f"{p}.{many}",
                QT_TRANSLATE_NOOP("CLI", "expected a list of numbers in quotes, got {0}"),
                _show(listed),
            )
        found = [self.serial_number(f"{p}.{many}[{i}]", v) for i, v in enumerate(listed)]
        twice = sorted({n for n in found if found.count(n) > 1})
        if twice:
            raise self.fail(
                f"{p}.{many}", QT_TRANSLATE_NOOP("CLI", "{0} is listed twice"), twice[0]
            )
        return tuple(found)

    def serial_number(self, key: str, raw: Any) -> str:
        value = self.text(key, raw)
        if not value.isdigit():
            raise self.fail(
                key,
                QT_TRANSLATE_NOOP(
                    "CLI", 'a merchant serial number is digits only, e.g. "123456"; got {0!r}'
                ),
                value,
            )
        return value

    def accounts(self, raw: Mapping[str, Any], p: str) -> dict[str, Any]:
        """The `ProviderAccounts` fields every provider's table has (its name aside)."""
        booking = self.get(
            raw, p, "booking", self.choice(tuple(m.value for m in BookingMode)), None
        )
        lost = self.get(
            raw, p, "lost_disputes", self.choice(tuple(m.value for m in LostDisputes)), "reverse"
        )
        bad_debt = self.get(raw, p, "bad_debt_account", self.account, None)
        if lost == LostDisputes.BAD_DEBT and bad_debt is None:
            raise self.fail(
                f"{p}.bad_debt_account",
                QT_TRANSLATE_NOOP("CLI", 'is required with lost_disputes = "bad_debt"'),
            )
        return {
            "clearing_account": self.need(raw, p, "clearing_account", self.account),
            "fee_account": self.need(raw, p, "fee_account", self.account),
            "tolerance_fixed": self.get(raw, p, "tolerance_fixed", self.decimal, None),
            "tolerance_percent": self.get(raw, p, "tolerance_percent", self.decimal, None),
            "booking": None if booking is None else BookingMode(booking),
            "fee_vat_code": self.get(raw, p, "fee_vat_code", self.text, None),
            "lost_disputes": LostDisputes(lost),
            "bad_debt_account": bad_debt,
        }

    def vat_rules(self, data: Mapping[str, Any]) -> tuple[VatRule, ...]:
        """`[[vat.codes]]`: rate (percent), optional OSS country and reverse_charge -> code."""
        rows = self.table(data, "vat", ("codes",)).get("codes", [])
        if not isinstance(rows, list):
            raise self.fail(
                "vat.codes", QT_TRANSLATE_NOOP("CLI", "must be a list of [[vat.codes]] tables")
            )
        rules: list[VatRule] = []
        for i, row in enumerate(rows):
            p = f"vat.codes[{i}]"
            if not isinstance(row, dict):
                raise self.fail(p, QT_TRANSLATE_NOOP("CLI", "must be a table with rate and code"))
            self.only(row, p, ("rate", "country", "reverse_charge", "code"))
            facts = SaleVatFacts(
                rate=self.need(row, p, "rate", self.decimal),
                country=self.get(row, p, "country", self.country, None),
                reverse_charge=self.get(row, p, "reverse_charge", self.flag, False),
            )
            if any(r.facts.key() == facts.key() for r in rules):
                raise self.fail(
                    p,
                    QT_TRANSLATE_NOOP("CLI", "a second code for the same sales ({0})"),
                    facts.describe(),
                )
            rules.append(VatRule(facts, self.need(row, p, "code", self.text)))
        return tuple(rules)

    def country(self, key: str, raw: Any) -> str:
        value = self.text(key, raw).upper()
        if len(value) != 2 or not value.isascii() or not value.isalpha():
            raise self.fail(
                key,
                QT_TRANSLATE_NOOP("CLI", "expected a two-letter country code, got {0}"),
                _show(raw),
            )
        return value

    def plan(self, p: str, raw: Any) -> PlanConfig:
        if not isinstance(raw, dict):
            raise self.fail(
                p, QT_TRANSLATE_NOOP("CLI", "must be a table with revenue_account and vat_code")
            )
        self.only(raw, p, ("revenue_account", "vat_code"))
        return PlanConfig(
            revenue_account=self.need(raw, p, "revenue_account", self.account),
            vat_code=self.get(raw, p, "vat_code", self.text, None),
        )

    def matching(self, data: Mapping[str, Any]) -> MatchingConfig:
        t = self.table(data, "matching", tuple(MatchingConfig.__dataclass_fields__))
        d = MatchingConfig()
        p = "matching"
        return MatchingConfig(
            auto_threshold=self.get(t, p, "auto_threshold", self.fraction, d.auto_threshold),
            auto_margin=self.get(t, p, "auto_margin", self.fraction, d.auto_margin),
            payout_window_days=self.get(
                t, p, "payout_window_days", self.count, d.payout_window_days
            ),
            payment_window_days=self.get(
                t, p, "payment_window_days", self.count, d.payment_window_days
            ),
            subset_max_items=self.get(t, p, "subset_max_items", self.count, d.subset_max_items),
            subset_time_budget_ms=self.get(
                t, p, "subset_time_budget_ms", self.count, d.subset_time_budget_ms
            ),
        )

    def posting(self, data: Mapping[str, Any]) -> PostingConfig:
        t = self.table(data, "posting", tuple(PostingConfig.__dataclass_fields__))
        p = "posting"
        profile = self.get(t, p, "profile", self.choice(("clearing", "direct")), "clearing")
        return PostingConfig(
            profile=cast(PostingProfile, profile),
            book=self.get(t, p, "book", self.flag, False),
            revenue_account=self.get(t, p, "revenue_account", self.account, None),
            vat_code=self.get(t, p, "vat_code", self.text, None),
            voucher_language=self.get(t, p, "voucher_language", self.choice(LANGUAGES), None),
        )

    def rates(self, data: Mapping[str, Any]) -> RatesConfig:
        t = self.table(data, "rates", tuple(RatesConfig.__dataclass_fields__))
        return RatesConfig(
            nationalbanken_url=self.get(t, "rates", "nationalbanken_url", self.url, None),
            ecb_url=self.get(t, "rates", "ecb_url", self.url, None),
        )


_MOBILEPAY_KEYS = ("subscription_key", "merchant_serial_number", "merchant_serial_numbers")


def _reads_files(raw: Any) -> bool:
    """`[providers.clearhaus]` with a settlements_folder (or no client id): the file import."""
    return isinstance(raw, dict) and ("settlements_folder" in raw or "client_id" not in raw)


def _show(raw: Any) -> str:
    """A value for an error message: short, and never a long string that could be a secret."""
    if isinstance(raw, str):
        return repr(raw) if len(raw) <= 40 else f"a {len(raw)}-character string"
    if isinstance(raw, dict):
        return "a table"
    if isinstance(raw, list):
        return "a list"
    return repr(raw)


# -- mappings ----------------------------------------------------------------------------------


def build_mappings(config: Config) -> Mappings:
    """The domain Mappings the config describes (the first version, before any edits)."""
    currency = config.economic.currency
    accounts = config.every_provider()
    providers = tuple(
        ProviderMapping(
            name,
            p.clearing_account,
            p.fee_account,
            _reserve_account(p),
            booking=p.booking,
            fee_vat_code=p.fee_vat_code,
            lost_disputes=p.lost_disputes,
            bad_debt_account=p.bad_debt_account,
        )
        for name, p in sorted(accounts.items())
    ) + _economic_invoices(config.economic)
    plans = tuple(
        PlanMapping(name, plan, pc.revenue_account, pc.vat_code)
        for name, p in sorted(config.providers.items())
        for plan, pc in sorted(p.plans.items())
    ) + tuple(
        PlanMapping(name, OWN_SALES_PLAN, p.revenue_account, p.vat_code)
        for name, p in sorted(config.credential_providers.items())
        if p.revenue_account is not None and acquirer_sells_alone(config, name)
    )
    customers = tuple(
        CustomerMapping(name, cid, number)
        for name, p in sorted(config.providers.items())
        for cid, number in sorted(p.customers.items())
    )
    tolerances = {
        name: Tolerance(
            fixed=Money.of(p.tolerance_fixed or Decimal(0), currency),
            percent=p.tolerance_percent or Decimal(0),
        )
        for name, p in sorted(accounts.items())
        if p.tolerance_fixed is not None or p.tolerance_percent is not None
    }
    return Mappings(
        providers=providers,
        plans=plans,
        customers=customers,
        difference_account=config.economic.difference_account,
        default_revenue_account=config.posting.revenue_account,
        default_vat_code=config.posting.vat_code,
        tolerances=tolerances,
        exchange_difference_account=config.economic.exchange_difference_account,
        vat_rules=config.vat_rules,
    )


def _economic_invoices(economic: EconomicConfig) -> tuple[ProviderMapping, ...]:
    """e-conomic's own invoices as a source: booked already, so each transfer is a customer
    payment against its invoice (`payments`), contra the account the bank feed booked it to.
    It has no fees: the fee account is never used."""
    account = economic.open_invoices_account
    if not economic.open_invoices or account is None:
        return ()
    return (ProviderMapping(ECONOMIC_INVOICES, account, account, booking=BookingMode.PAYMENTS),)


# The gateways whose items name an acquirer's transactions (Frisbii's card transactions carry
# Clearhaus's id, its invoice handles are the order references MobilePay reports). With one of
# them configured, the acquirer's payments are that gateway's items.
GATEWAYS_IN_FRONT = ("frisbii",)


def acquirer_sells_alone(config: Config, name: str) -> bool:
    """Whether the acquirer or wallet `name` (Clearhaus or MobilePay by API) is used without a
    gateway in front: its own transactions are then the sales (domain/links.py)."""
    return name in config.credential_providers and not any(
        g in config.providers for g in GATEWAYS_IN_FRONT
    )


def _reserve_account(p: ProviderAccounts) -> int | None:
    return p.reserve_account if isinstance(p, CredentialProviderConfig) else None


# -- the starter config that `econdesk init` writes -------------------------------------------

_STARTER_PROVIDER_ACCOUNTS = {  # a typical Danish chart: clearing accounts beside the bank
    "stripe": (5830, 7220),
    "frisbii": (5831, 7220),
    "chargebee": (5832, 7220),
    # Clearhaus settles Frisbii's card payments: the same "Mellemregning Frisbii / Clearhaus"
    "clearhaus": (5831, 7220),
    "mobilepay": (5840, 7220),
}


_STARTER = string.Template("""\
# econdesk configuration. Every key is described in README.md (Configuration).
# Secrets may stand here (servers, tests); the app keeps what you type in the keyring.

[app]
# actor = "Your Name"        # the name the audit log records (default: user@host)
# language = "da"            # "en" or "da"

[economic]
base_url = $base_url
$journals_url
$app_secret_token
$agreement_grant_token
bank_account = $bank_account        # the G/L account whose entries are matched
journal = $journal                  # the daybook approved vouchers go to
difference_account = $difference_account  # rounding and exchange differences
currency = "DKK"
# exchange_difference_account = 7290   # realised exchange differences at payout
open_invoices = true    # match transfers to e-conomic's own booked invoices with a remainder
# open_invoices_account = 5890   # where the bank feed books customer transfers until identified
$providers
# A sale's VAT code from what the platform says about it (rate in percent, the OSS
# country, reverse charge); a plan's vat_code is only the fallback.
# [[vat.codes]]
# rate = 25
# code = "U25"
# [[vat.codes]]
# rate = 0
# reverse_charge = true
# code = "UEUY"

$rates
[matching]
auto_threshold = 0.85   # proposals at least this sure may be approved automatically
auto_margin = 0.15      # ...when no rival proposal comes this close

[posting]
profile = "clearing"    # "clearing": via each platform's clearing account; "direct"
book = false            # also book the posted drafts (needs economic.journals_url)
${c}revenue_account = 1010   # for payments whose plan has no mapping
${c}vat_code = "U25"
# voucher_language = "da"   # voucher texts: "da" or "en" (default: "da" for a DKK agreement)
""")
# One API platform; `c` is "# " for the example written when no sandbox names any platform.
_STARTER_PROVIDER = string.Template("""
${c}[providers.$name]
${c}base_url = $base_url
$api_key
${c}clearing_account = $clearing_account
${c}fee_account = $fee_account
$booking
# tolerance_fixed = "0.50"     # allowed difference per deposit
# tolerance_percent = 0
# [providers.$name.plans.PLAN_ID]
# revenue_account = 1010
# vat_code = "U25"
""")
_STARTER_FILE_PROVIDER = string.Template("""
# $name: settlement files downloaded from the acquirer (summary and transactions)
${c}[providers.$name]
${c}settlements_folder = $settlements_folder   # relative to this file's folder
${c}clearing_account = $clearing_account
${c}fee_account = $fee_account
$booking
""")
# A provider that takes client credentials (CREDENTIAL_PROVIDERS): no plans or customers.
_STARTER_CREDENTIAL_PROVIDER = string.Template("""
[providers.$name]
base_url = $base_url
$credentials
clearing_account = $clearing_account
fee_account = $fee_account
$booking
# tolerance_fixed = "0.50"     # allowed difference per deposit
# tolerance_percent = 0
""")
_CREDENTIAL_KEYS = (
    "client_id",
    "client_secret",
    "subscription_key",
    "merchant_serial_number",
    "reserve_account",
)
# What `init` writes above each source's `booking` key: one sentence on each mode.
_BOOKING_COMMENT = """\
# booking: what is booked in e-conomic before econdesk books a payout (required):
#   "settle":   an integration books the invoices and the payments; econdesk books the
#               fees, differences and the bank line
#   "payments": the invoices are in e-conomic, the payments are not; econdesk books each
#               payment against its booked invoice
#   "sales":    nothing is booked elsewhere; econdesk books the sales with their VAT in the
#               sale's period, and the payout settles the clearing account
"""


def _toml_value(value: object) -> str:
    import tomlkit  # only `init` and the demo write a starter: not every command's start

    return tomlkit.item(value).as_string()


def _key_or_example(given: Mapping[str, Any], key: str, example: str) -> str:
    """`key = value` when given, else the commented-out example."""
    return f"{key} = {_toml_value(given[key])}" if key in given else f"# {key} = {example}"


def _starter_accounts(name: str, given: Mapping[str, Any]) -> dict[str, str]:
    clearing, fee = _STARTER_PROVIDER_ACCOUNTS.get(name, (5839, 7220))
    return {
        "clearing_account": _toml_value(given.get("clearing_account", clearing)),
        "fee_account": _toml_value(given.get("fee_account", fee)),
    }


def _starter_booking(given: Mapping[str, Any], *, wired: bool) -> str:
    """The `booking` key with its comment: a sandbox's mode as its books are kept ("sales"
    for bank-only books); a real agreement's must be chosen, so it stays commented out (and
    the config says so when the source is used without it)."""
    if wired:
        chosen = f"booking = {_toml_value(given.get('booking', 'sales'))}"
    else:
        chosen = '# booking = "settle"   # choose one'
    return (
        f"{_BOOKING_COMMENT}{chosen}\n"
        '# fee_vat_code = "IEUY"       # the VAT code of its fees (e.g. reverse charge)\n'
        '# lost_disputes = "reverse"   # or "bad_debt" with bad_debt_account = 5610'
    )


def _starter_provider(name: str, given: Mapping[str, Any], *, example: bool) -> str:
    default_url = DEFAULT_BASE_URLS.get(name, f"https://{name}.example")
    return _STARTER_PROVIDER.substitute(
        name=name,
        c="# " if example else "",
        base_url=_toml_value(given.get("base_url", default_url)),
        api_key=_key_or_example(given, "api_key", '"..."'),
        booking=_starter_booking(given, wired=not example),
        **_starter_accounts(name, given),
    )


def _starter_credential_provider(name: str, given: Mapping[str, Any]) -> str:
    return _STARTER_CREDENTIAL_PROVIDER.substitute(
        name=name,
        base_url=_toml_value(given.get("base_url", DEFAULT_BASE_URLS[name])),
        credentials="\n".join(
            f"{k} = {_toml_value(given[k])}" for k in _CREDENTIAL_KEYS if k in given
        ),
        booking=_starter_booking(given, wired=True),
        **_starter_accounts(name, given),
    )


def _starter_file_provider(name: str, given: Mapping[str, Any]) -> str:
    return _STARTER_FILE_PROVIDER.substitute(
        name=name,
        c="" if given else "# ",
        settlements_folder=_toml_value(str(given.get("settlements_folder", name))),
        booking=_starter_booking(given, wired=bool(given)),
        **_starter_accounts(name, given),
    )


def _starter_rates(rates: Mapping[str, Any]) -> str:
    """The `[rates]` table: a sandbox's URLs, else the banks' own sites (commented)."""
    if not rates:
        return (
            "# Exchange rates for sales in other currencies: Danmarks Nationalbank, the ECB as\n"
            "# fallback (the banks' own sites unless set).\n"
            "# [rates]\n"
            '# nationalbanken_url = "https://www.nationalbanken.dk"\n'
            '# ecb_url = "https://www.ecb.europa.eu"\n'
        )
    keys = ("nationalbanken_url", "ecb_url")
    lines = [f"{k} = {_toml_value(rates[k])}" for k in keys if k in rates]
    return "\n".join(["[rates]", *lines, ""])


def starter_config(sandbox: Mapping[str, Any] | None = None) -> str:
    """The text of a commented starter config; wired to a running sandbox when given.

    `sandbox` is the sandbox's connection document (see `econdesk init --sandbox`):
    {"economic": {"base_url", "app_secret_token", "agreement_grant_token", optional
    "journals_url", "bank_account", "journal", "difference_account"}, "providers": {NAME:
    {"base_url", "api_key", optional "clearing_account", "fee_account", "booking"}}}; a file
    provider (FILE_PROVIDERS) has {"settlements_folder", optional "clearing_account",
    "fee_account", "booking"}; a credential provider (CREDENTIAL_PROVIDERS) "client_id",
    "client_secret" and its own keys (_CREDENTIAL_KEYS) instead of "api_key".
    """
    economic = dict(sandbox.get("economic", {})) if sandbox else {}
    providers = dict(sandbox.get("providers", {})) if sandbox else {}
    files = {
        n: dict(providers.pop(n))
        for n in FILE_PROVIDERS
        if n in providers and "client_id" not in providers[n]
    }
    blocks = [
        _starter_credential_provider(name, providers[name])
        if "client_id" in providers[name]
        else _starter_provider(name, providers[name], example=False)
        for name in sorted(providers)
    ] or [_starter_provider("stripe", {}, example=True)]
    blocks += [
        _starter_file_provider(name, files.get(name, {}))
        for name in FILE_PROVIDERS
        if name not in providers  # one given with client credentials is read over its API
    ]
    keyring = '"..."   # better: let the app keep it in the keyring'
    return _STARTER.substitute(
        base_url=_toml_value(economic.get("base_url", DEFAULT_BASE_URLS["economic"])),
        journals_url=_key_or_example(
            economic, "journals_url", '"https://apis.e-conomic.com/journalsapi/v15.0.0"'
        ),
        app_secret_token=_key_or_example(economic, "app_secret_token", keyring),
        agreement_grant_token=_key_or_example(economic, "agreement_grant_token", keyring),
        bank_account=_toml_value(economic.get("bank_account", 5820)),
        journal=_toml_value(economic.get("journal", 1)),
        difference_account=_toml_value(economic.get("difference_account", 7290)),
        providers="".join(blocks),
        rates=_starter_rates(dict(sandbox.get("rates", {})) if sandbox else {}),
        # Payments whose plan has no mapping go to 1010. A sandbox's chart always has 1010
        # "Salg af …" with output VAT U25, so a demo can post at once; a real agreement
        # must choose its own.
        c="" if sandbox else "# ",
    )
