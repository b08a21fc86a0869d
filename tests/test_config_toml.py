"""The TOML config: every key typed and checked; errors name the key and the file."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest

from econdesk.cli import main
from econdesk.config import (
    RatesConfig,
    build_mappings,
    load_config,
    parse_config,
    resolve_actor,
    resolve_config_path,
    resolve_database_url,
    starter_config,
)
from econdesk.domain import (
    BookingMode,
    LostDisputes,
    Money,
    PlanMapping,
    ProviderMapping,
    SaleVatFacts,
    Tolerance,
)
from econdesk.errors import ConfigError

FULL = """
[app]
actor = "Jane Bookkeeper"
language = "da"

[database]
url = "postgresql+psycopg://jane:s3cret@db.example/econdesk"

[economic]
base_url = "http://127.0.0.1:9000/"
journals_url = "http://127.0.0.1:9001/journalsapi"
app_secret_token = "app-secret-123"
agreement_grant_token = "grant-456"
bank_account = 5820
journal = 3
difference_account = 7290
currency = "dkk"

[providers.stripe]
api_key = "sk_test_abc"
clearing_account = 5830
fee_account = 7220
tolerance_fixed = 0.10
tolerance_percent = "0.5"
customers = { cus_1 = 1001 }

[providers.stripe.plans.gold]
revenue_account = 1010
vat_code = "U25"

[providers.chargebee]
base_url = "https://acme.chargebee.com"
api_key = "cb_key"
clearing_account = 5832
fee_account = 7221

[matching]
auto_threshold = 0.9
auto_margin = 0.1
payout_window_days = 4
payment_window_days = 6
subset_max_items = 40
subset_time_budget_ms = 150

[posting]
profile = "direct"
book = true
revenue_account = 1000
vat_code = "U25"
"""


def test_a_full_config_is_read_typed() -> None:
    config = parse_config(FULL, path=Path("econdesk.toml"))
    assert config.app.actor == "Jane Bookkeeper" and config.app.language == "da"
    assert config.economic.base_url == "http://127.0.0.1:9000"  # trailing slash dropped
    assert config.economic.app_secret_token.reveal() == "app-secret-123"
    assert (config.economic.bank_account, config.economic.journal) == (5820, 3)
    assert config.economic.currency == "DKK"
    stripe = config.providers["stripe"]
    assert stripe.base_url == "https://api.stripe.com"  # the known default
    assert stripe.tolerance_fixed == Decimal("0.10")  # a TOML float read exactly
    assert stripe.plans["gold"].vat_code == "U25"
    assert config.providers["chargebee"].fee_account == 7221
    assert config.matching.auto_threshold == 0.9 and config.matching.subset_max_items == 40
    assert config.posting.profile == "direct" and config.posting.book is True


def test_defaults_when_sections_are_missing() -> None:
    config = parse_config("")
    assert config.matching.auto_threshold == 0.85
    assert config.posting.profile == "clearing" and config.posting.book is False
    assert config.economic.base_url == "https://restapi.e-conomic.com"
    assert config.providers == {}


def test_mappings_are_built_from_the_config() -> None:
    mappings = build_mappings(parse_config(FULL))
    assert mappings.provider("stripe") == ProviderMapping("stripe", 5830, 7220)
    assert mappings.plan("stripe", "gold") == PlanMapping("stripe", "gold", 1010, "U25")
    assert mappings.customer_number("stripe", "cus_1") == 1001
    assert mappings.difference_account == 7290 and mappings.default_revenue_account == 1000
    assert mappings.tolerances == {"stripe": Tolerance(Money.of("0.10", "DKK"), Decimal("0.5"))}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[economic]\nbank_acount = 5820",
            "economic.bank_acount: unknown key; did you mean 'bank_account'?",
        ),
        (
            "[economic]\nbank_account = '5820'",
            "economic.bank_account: expected a positive whole account number, got '5820'",
        ),
        (
            "[economic]\nbank_account = true",
            "economic.bank_account: expected a positive whole account number, got True",
        ),
        (
            "[economic]\nbase_url = 'ftp://x'",
            "economic.base_url: expected an http(s) URL, got 'ftp://x'",
        ),
        (
            "[economic]\ncurrency = 'kroner'",
            "economic.currency: expected an ISO 4217 currency code, got 'kroner'",
        ),
        (
            "[providers.stripe]\nclearing_account = 5830",
            "providers.stripe.fee_account: is required",
        ),
        (
            "[providers.acme]\nclearing_account = 1\nfee_account = 2",
            "providers.acme.base_url: is required",
        ),
        ("[providers.Stripe]\n", "providers.Stripe: a provider name is lowercase"),
        (
            "[providers.stripe]\nclearing_account = 1\nfee_account = 2\ntolerance_fixed = -1",
            "providers.stripe.tolerance_fixed: must not be negative",
        ),
        (
            "[providers.stripe]\nclearing_account = 1\nfee_account = 2\n"
            "[providers.stripe.plans.gold]\nvat_code = 'U25'",
            "providers.stripe.plans.gold.revenue_account: is required",
        ),
        (
            "[matching]\nauto_threshold = 1.5",
            "matching.auto_threshold: expected a number between 0 and 1",
        ),
        (
            "[posting]\nprofile = 'sideways'",
            "posting.profile: expected 'clearing' or 'direct', got 'sideways'",
        ),
        ("[posting]\nbook = 'yes'", "posting.book: expected true or false, got 'yes'"),
        ("[app]\nlanguage = 'fr'", "app.language: expected 'en' or 'da', got 'fr'"),
        ("[database]\nurl = 'mysql://x'", "database.url: expected an sqlite:/// or postgresql"),
        ("[sparkles]\n", "sparkles: unknown key"),
        ("economic = 5", "economic: must be a table"),
        ("[economic\nbank_account = 1", "not valid TOML: "),
    ],
)
def test_a_wrong_key_or_value_gets_one_line_naming_key_and_file(text: str, message: str) -> None:
    assert_one_line_error(text, message)


def assert_one_line_error(text: str, message: str) -> None:
    """The config `text` is refused in one line that names the file and says `message`."""
    with pytest.raises(ConfigError) as caught:
        parse_config(text, path=Path("/etc/econdesk.toml"))
    line = str(caught.value)
    assert "\n" not in line
    assert line.startswith("/etc/econdesk.toml: ")
    assert message in line


def test_a_long_string_value_is_not_echoed_in_errors() -> None:
    token = "x" * 60
    with pytest.raises(ConfigError) as caught:
        parse_config(f"[economic]\nbank_account = '{token}'")
    assert token not in str(caught.value)


def test_the_command_line_exits_2_naming_key_and_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[matching]\nauto_threshold = 'high'\n")
    err = io.StringIO()
    assert main(["--config", str(path), "status"], stderr=err) == 2
    assert err.getvalue() == (
        f"econdesk: {path}: matching.auto_threshold: expected a decimal number, got 'high'\n"
    )


def test_an_explicit_config_must_exist(tmp_path: Path) -> None:
    err = io.StringIO()
    assert main(["--config", str(tmp_path / "nope.toml"), "status"], stderr=err) == 2
    assert "nope.toml: no such config file (run `econdesk init`)" in err.getvalue()


def test_paths_and_urls_follow_flags_then_environment_then_defaults(
    econdesk_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert resolve_config_path(None) == econdesk_home / "config" / "config.toml"
    monkeypatch.setenv("ECONDESK_CONFIG", str(tmp_path / "env.toml"))
    assert resolve_config_path(None) == tmp_path / "env.toml"
    assert resolve_config_path("/x/flag.toml") == Path("/x/flag.toml")

    config = parse_config(FULL)
    assert resolve_database_url(None, config).startswith("postgresql+psycopg://jane")
    monkeypatch.setenv("ECONDESK_DB", str(tmp_path / "env.sqlite3"))
    assert resolve_database_url(None, config) == f"sqlite:///{tmp_path / 'env.sqlite3'}"
    assert resolve_database_url("sqlite:///flag.db", config) == "sqlite:///flag.db"
    monkeypatch.delenv("ECONDESK_DB")
    default = resolve_database_url(None, parse_config(""))
    assert default == f"sqlite:///{econdesk_home / 'data' / 'econdesk.sqlite3'}"


def test_the_actor_is_the_configured_name_else_user_at_host() -> None:
    assert resolve_actor(parse_config(FULL)) == "Jane Bookkeeper"
    assert "@" in resolve_actor(parse_config(""))


def test_the_starter_config_is_valid_and_wires_a_sandbox() -> None:
    assert parse_config(starter_config()).economic.bank_account == 5820
    wired = parse_config(
        starter_config(
            {
                "economic": {
                    "base_url": "http://127.0.0.1:8001",
                    "app_secret_token": "demo-app",
                    "agreement_grant_token": "demo-grant",
                },
                "providers": {"stripe": {"base_url": "http://127.0.0.1:8002", "api_key": "sk_x"}},
            }
        )
    )
    assert wired.economic.base_url == "http://127.0.0.1:8001"
    assert wired.economic.agreement_grant_token.reveal() == "demo-grant"
    assert wired.providers["stripe"].api_key.reveal() == "sk_x"
    assert wired.providers["stripe"].clearing_account == 5830
    assert wired.rates == RatesConfig()  # no rates sandbox: the banks' own sites


def test_the_rates_urls_are_read_and_written_for_a_rates_sandbox() -> None:
    document = {
        "economic": {"base_url": "http://127.0.0.1:8001", "app_secret_token": "a",
                     "agreement_grant_token": "g"},
        "providers": {},
        "rates": {"nationalbanken_url": "http://127.0.0.1:8009",
                  "ecb_url": "http://127.0.0.1:8009"},
    }  # fmt: skip
    wired = parse_config(starter_config(document))
    assert wired.rates == RatesConfig("http://127.0.0.1:8009", "http://127.0.0.1:8009")
    assert "# [rates]" in starter_config()
    with pytest.raises(ConfigError, match=r"rates\.ecb_url"):
        parse_config('[rates]\necb_url = "not a url"\n')


def test_a_missing_default_config_gives_the_defaults(econdesk_home: Path) -> None:
    config = load_config(econdesk_home / "config" / "config.toml")
    assert config.path is None and config.providers == {}


CLEARHAUS = """
[providers.clearhaus]
settlements_folder = "downloads/clearhaus"
clearing_account = 5831
fee_account = 7225
tolerance_fixed = "0.25"
booking = "settle"
"""


def test_a_file_provider_needs_no_url_or_key_and_its_folder_is_read_from_the_config_folder(
    tmp_path: Path,
) -> None:
    config = parse_config(CLEARHAUS, path=tmp_path / "econdesk.toml")
    assert config.providers == {}  # not an API platform: sync reads no API for it
    clearhaus = config.file_providers["clearhaus"]
    assert clearhaus.settlements_folder == tmp_path / "downloads" / "clearhaus"
    assert (clearhaus.clearing_account, clearhaus.fee_account) == (5831, 7225)
    absolute = parse_config(
        CLEARHAUS.replace('"downloads/clearhaus"', f'"{tmp_path / "abs"}"'),
        path=Path("/etc/econdesk.toml"),
    )
    assert absolute.file_providers["clearhaus"].settlements_folder == tmp_path / "abs"
    mappings = build_mappings(config)
    assert mappings.provider("clearhaus") == ProviderMapping(
        "clearhaus", 5831, 7225, booking=BookingMode.SETTLE
    )
    assert mappings.tolerances["clearhaus"] == Tolerance(Money.of("0.25", "DKK"), Decimal(0))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[providers.clearhaus]\nclearing_account = 5831\nfee_account = 7220",
            "providers.clearhaus.settlements_folder: is required",
        ),
        (
            "[providers.clearhaus]\nsettlements_folder = 'x'\nclearing_account = 5831",
            "providers.clearhaus.fee_account: is required",
        ),
        (
            "[providers.clearhaus]\nsettlements_folder = 3\nclearing_account = 1\nfee_account = 2",
            "providers.clearhaus.settlements_folder: expected a non-empty string, got 3",
        ),
        (
            "[providers.clearhaus]\nsettlements_folder = 'x'\nclearing_account = 1\n"
            "fee_account = 2\napi_key = 'k'",
            "providers.clearhaus.api_key: unknown key (clearhaus is read from the files",
        ),
        (
            "[providers.clearhaus]\nsettlements_folder = 'x'\nclearing_account = 1\n"
            "fee_account = 2\n[providers.clearhaus.plans.gold]\nrevenue_account = 1010",
            "providers.clearhaus.plans: unknown key (settled card payments are booked",
        ),
        (
            "[providers.clearhaus]\nsettlement_folder = 'x'\nclearing_account = 1\nfee_account = 2",
            "providers.clearhaus.settlement_folder: unknown key; did you mean "
            "'settlements_folder'?",
        ),
        ("[providers]\nclearhaus = 'files'", "providers.clearhaus: must be a table"),
    ],
)
def test_a_wrong_file_provider_gets_one_line_naming_key_and_file(text: str, message: str) -> None:
    assert_one_line_error(text, message)


def test_the_starter_config_wires_a_settlements_folder(tmp_path: Path) -> None:
    assert parse_config(starter_config()).file_providers == {}  # commented out
    text = starter_config({"providers": {"clearhaus": {"settlements_folder": "clearhaus"}}})
    config = parse_config(text, path=tmp_path / "config.toml")
    clearhaus = config.file_providers["clearhaus"]
    assert clearhaus.settlements_folder == tmp_path / "clearhaus"
    # the clearing account Frisbii's card money waits on, as in a typical chart
    assert (clearhaus.clearing_account, clearhaus.fee_account) == (5831, 7220)


# -- booking modes, fee VAT, disputes, exchange differences, VAT rules -----------------------

REAL = """
[economic]
exchange_difference_account = 7295

[providers.stripe]
clearing_account = 5830
fee_account = 7220
booking = "sales"
fee_vat_code = "IEUY"
lost_disputes = "bad_debt"
bad_debt_account = 5610

[providers.frisbii]
clearing_account = 5831
fee_account = 7220
booking = "settle"

[[vat.codes]]
rate = 25
code = "U25"

[[vat.codes]]
rate = "19"
country = "de"
code = "OSSDE"

[[vat.codes]]
rate = 0
reverse_charge = true
code = "UEUY"
"""


def test_booking_settings_reach_the_mappings() -> None:
    config = parse_config(REAL)
    assert config.providers["frisbii"].booking is BookingMode.SETTLE
    mappings = build_mappings(config)
    assert mappings.provider("stripe") == ProviderMapping(
        "stripe",
        5830,
        7220,
        booking=BookingMode.SALES,
        fee_vat_code="IEUY",
        lost_disputes=LostDisputes.BAD_DEBT,
        bad_debt_account=5610,
    )
    frisbii = mappings.provider("frisbii")
    assert frisbii is not None and frisbii.lost_disputes is LostDisputes.REVERSE
    assert mappings.exchange_difference_account == 7295
    assert mappings.sale_vat_code(SaleVatFacts(Decimal("25.00"))) == "U25"
    assert mappings.sale_vat_code(SaleVatFacts(Decimal(19), "DE")) == "OSSDE"
    assert mappings.sale_vat_code(SaleVatFacts(Decimal(0), reverse_charge=True)) == "UEUY"
    assert mappings.sale_vat_code(SaleVatFacts(Decimal(0))) is None  # no rule: plan fallback
    assert mappings.sale_vat_code(SaleVatFacts(Decimal(25), "DE")) is None


def test_a_real_agreement_needs_a_booking_mode_for_every_source() -> None:
    text = REAL.replace('booking = "settle"\n', "")
    with pytest.raises(ConfigError) as caught:
        parse_config(text, path=Path("econdesk.toml"))
    assert str(caught.value) == (
        "econdesk.toml: providers.frisbii.booking: is required with a real e-conomic agreement: "
        "'settle' or 'payments' or 'sales' (what is booked elsewhere already; README, "
        "Booking modes)"
    )
    # A sandbox on loopback may leave it out: its vouchers book as they always have.
    sandbox = parse_config('[economic]\nbase_url = "http://127.0.0.1:9000"\n' + text[12:])
    assert sandbox.providers["frisbii"].booking is None
    assert parse_config('[economic]\nbase_url = "http://localhost:1"\n' + text[12:])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[providers.stripe]\nclearing_account = 1\nfee_account = 2\nbooking = 'invoices'",
            "providers.stripe.booking: expected 'settle' or 'payments' or 'sales', got 'invoices'",
        ),
        (
            "[providers.stripe]\nclearing_account = 1\nfee_account = 2\nbooking = 'sales'\n"
            "lost_disputes = 'bad_debt'",
            'providers.stripe.bad_debt_account: is required with lost_disputes = "bad_debt"',
        ),
        (
            "[providers.stripe]\nclearing_account = 1\nfee_account = 2\nbooking = 'sales'\n"
            "lost_disputes = 'write-off'",
            "providers.stripe.lost_disputes: expected 'reverse' or 'bad_debt', got 'write-off'",
        ),
        ("[vat]\ncodes = 3", "vat.codes: must be a list of [[vat.codes]] tables"),
        ("[[vat.codes]]\ncode = 'U25'", "vat.codes[0].rate: is required"),
        ("[[vat.codes]]\nrate = 25", "vat.codes[0].code: is required"),
        ("[[vat.codes]]\nrate = 25\ncode = 'U25'\nvat = 1", "vat.codes[0].vat: unknown key"),
        (
            "[[vat.codes]]\nrate = 19\ncountry = 'DEU'\ncode = 'X'",
            "vat.codes[0].country: expected a two-letter country code, got 'DEU'",
        ),
        (
            "[[vat.codes]]\nrate = 25\ncode = 'U25'\n[[vat.codes]]\nrate = '25.0'\ncode = 'X'",
            "vat.codes[1]: a second code for the same sales (25 %)",
        ),
        ("[economic]\nexchange_difference_account = 0", "economic.exchange_difference_account"),
    ],
)
def test_bad_booking_settings_name_their_key(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        parse_config(text)


def test_init_writes_a_booking_mode_for_every_source_of_a_sandbox() -> None:
    text = starter_config(
        {
            "economic": {"base_url": "http://127.0.0.1:8001"},
            "providers": {
                "stripe": {"base_url": "http://127.0.0.1:8002", "api_key": "sk_x"},
                "clearhaus": {"settlements_folder": "/tmp/clearhaus"},
            },
        }
    )
    for mode in ("settle", "payments", "sales"):
        assert f'#   "{mode}":' in text  # one sentence on each mode, above every source
    wired = parse_config(text)
    assert {n: p.booking for n, p in wired.every_provider().items()} == {
        "stripe": BookingMode.SALES,
        "clearhaus": BookingMode.SALES,
    }
    # The starter for a real agreement leaves the choice to the bookkeeper: uncommenting a
    # source without choosing its mode is refused, naming the key.
    real = starter_config().replace("# [providers.stripe]", "[providers.stripe]")
    real = real.replace("# clearing_account = 5830", "clearing_account = 5830", 1)
    real = real.replace("# fee_account = 7220", "fee_account = 7220", 1)
    with pytest.raises(ConfigError, match=r"providers\.stripe\.booking: is required"):
        parse_config(real)
    chosen = real.replace('# booking = "settle"   # choose one', 'booking = "settle"', 1)
    assert parse_config(chosen).providers["stripe"].booking is BookingMode.SETTLE


def test_the_readme_example_is_a_valid_config() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    example = readme.split("## Configuration", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    config = parse_config(example)
    assert config.providers["stripe"].booking is BookingMode.SALES
    assert config.every_provider()["clearhaus"].booking is BookingMode.SETTLE
    assert [r.vat_code for r in config.vat_rules] == ["U25", "UEUY"]


def test_rates_feeds_are_read_from_rates_and_a_sandbox_wires_its_own() -> None:
    assert parse_config("").rates == RatesConfig()
    rates = parse_config(
        '[rates]\nnationalbanken_url = "http://127.0.0.1:9001/"\necb_url = "http://127.0.0.1:9001"'
    ).rates
    assert (rates.nationalbanken_url, rates.ecb_url) == (
        "http://127.0.0.1:9001",
        "http://127.0.0.1:9001",
    )
    with pytest.raises(ConfigError, match=r"rates\.ecb_url: expected an http\(s\) URL"):
        parse_config('[rates]\necb_url = "ftp://x"')
    wired = parse_config(
        starter_config(
            {
                "economic": {"base_url": "http://127.0.0.1:8001"},
                "providers": {},
                "rates": {
                    "nationalbanken_url": "http://127.0.0.1:8009",
                    "ecb_url": "http://127.0.0.1:8009",
                },
            }
        )
    )
    assert wired.rates.nationalbanken_url == "http://127.0.0.1:8009"
    assert wired.rates.ecb_url == "http://127.0.0.1:8009"


def test_marking_invoices_paid_offline_is_off_unless_a_platform_says_so() -> None:
    base = "[providers.frisbii]\nclearing_account = 1\nfee_account = 2\nbooking = 'settle'\n"
    assert parse_config(base).providers["frisbii"].mark_paid_offline is False  # type: ignore[union-attr]
    on = parse_config(base + "mark_paid_offline = true")
    assert on.providers["frisbii"].mark_paid_offline is True  # type: ignore[union-attr]
    assert_one_line_error(
        "[providers.stripe]\nclearing_account = 1\nfee_account = 2\nbooking = 'sales'\n"
        "mark_paid_offline = true",
        "providers.stripe.mark_paid_offline: only frisbii and chargebee invoices can be marked",
    )
