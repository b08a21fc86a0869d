"""`[providers.clearhaus]` over the Merchant API and `[providers.mobilepay]`: client
credentials, secrets masked, the reserve account in the mappings, errors naming the key, and a
starter config wired to their sandboxes."""

from __future__ import annotations

from pathlib import Path

import pytest

from econdesk.config import build_mappings, parse_config, starter_config
from econdesk.domain import BookingMode, PlanMapping, ProviderMapping
from econdesk.domain.links import OWN_SALES_PLAN
from econdesk.errors import ConfigError

APIS = """
[providers.clearhaus]
client_id = "ch-client"
client_secret = "ch-secret-value"
clearing_account = 5831
fee_account = 7225
reserve_account = 5835
booking = "payments"

[providers.mobilepay]
client_id = "mp-client"
client_secret = "mp-secret-value"
subscription_key = "mp-subscription"
merchant_serial_number = "123456"
clearing_account = 5840
fee_account = 7220
booking = "sales"
revenue_account = 1040         # no gateway in front: its own sales are booked here
vat_code = "U25"
"""


def test_client_credentials_are_read_and_their_secrets_masked() -> None:
    config = parse_config(APIS)
    clearhaus, mobilepay = (config.credential_providers[n] for n in ("clearhaus", "mobilepay"))
    assert config.file_providers == {} and config.providers == {}
    assert clearhaus.base_url == "https://merchant.clearhaus.com"
    assert mobilepay.base_url == "https://api.vipps.no"
    assert clearhaus.client_secret.reveal() == "ch-secret-value"
    assert mobilepay.subscription_key is not None
    assert mobilepay.subscription_key.reveal() == "mp-subscription"
    assert "secret-value" not in repr(config) and "mp-subscription" not in repr(config)
    mappings = build_mappings(config)
    assert mappings.provider("clearhaus") == ProviderMapping(
        "clearhaus", 5831, 7225, 5835, booking=BookingMode.PAYMENTS
    )
    assert mappings.provider("mobilepay") == ProviderMapping(
        "mobilepay", 5840, 7220, None, booking=BookingMode.SALES
    )
    # used without a gateway, MobilePay's own sales are booked on its revenue account
    assert mappings.plan("mobilepay", OWN_SALES_PLAN) == PlanMapping(
        "mobilepay", OWN_SALES_PLAN, 1040, "U25"
    )
    assert mappings.plan("clearhaus", OWN_SALES_PLAN) is None  # none set: the default's


FRISBII = """
[providers.frisbii]
api_key = "priv_x"
clearing_account = 5831
fee_account = 7220
booking = "settle"
"""


def test_settle_without_a_gateway_in_front_is_refused_naming_the_source() -> None:
    alone = APIS.replace('booking = "payments"', 'booking = "settle"', 1)
    with pytest.raises(ConfigError) as refused:
        parse_config(alone)
    said = str(refused.value)
    assert said.startswith('providers.clearhaus.booking: is "settle", but no gateway in front ')
    assert "of clearhaus is configured ([providers.frisbii])" in said
    assert 'choose "sales"' in said and '"payments"' in said
    # behind Frisbii, Frisbii's integration books the card payments: settle is right
    behind = parse_config(alone + FRISBII)
    assert behind.credential_providers["clearhaus"].booking is BookingMode.SETTLE
    mappings = build_mappings(parse_config(APIS + FRISBII))
    assert mappings.plan("mobilepay", OWN_SALES_PLAN) is None  # Frisbii's items are the sales


def test_sales_without_a_gateway_needs_a_revenue_account() -> None:
    bare = APIS.replace("revenue_account = 1040", "")
    with pytest.raises(ConfigError, match=r"providers\.mobilepay\.revenue_account: is required "):
        parse_config(bare)
    assert parse_config(bare + "[posting]\nrevenue_account = 1010\n").posting.revenue_account


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[providers.mobilepay]\nclient_secret = 's'\nclearing_account = 1\nfee_account = 2",
            "providers.mobilepay.client_id: is required",
        ),
        (
            "[providers.clearhaus]\nclient_id = 'c'\nclearing_account = 1\nfee_account = 2\n"
            "api_key = 'k'",
            "providers.clearhaus.api_key: unknown key (it takes client_id and client_secret)",
        ),
        (
            "[providers.mobilepay]\nclient_id = 'c'\nclearing_account = 1\nfee_account = 2\n"
            "reserve_account = 3",
            "providers.mobilepay.reserve_account: unknown key",
        ),
        (
            "[providers.clearhaus]\nclient_id = 'c'\nclearing_account = 1\nfee_account = 2\n"
            "reserve_account = -3",
            "providers.clearhaus.reserve_account: expected a positive whole account number",
        ),
        (
            "[providers.clearhaus]\nclient_id = 'c'\nclearing_account = 1\nfee_account = 2\n"
            "[providers.clearhaus.plans.gold]\nrevenue_account = 1010",
            "providers.clearhaus.plans: unknown key (paid-out payments are booked",
        ),
    ],
)
def test_a_wrong_credential_provider_gets_one_line_naming_the_key(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(text, path=Path("/etc/econdesk.toml"))
    assert "\n" not in str(caught.value) and message in str(caught.value)


def test_the_starter_config_wires_the_api_sandboxes(tmp_path: Path) -> None:
    document = {
        "providers": {
            "clearhaus": {
                "base_url": "http://127.0.0.1:9005",
                "client_id": "c",
                "client_secret": "s",
                "clearing_account": 5831,
                "fee_account": 7220,
            },
            "mobilepay": {
                "base_url": "http://127.0.0.1:9006",
                "client_id": "m",
                "client_secret": "t",
                "subscription_key": "k",
                "merchant_serial_number": "123456",
                "clearing_account": 5840,
                "fee_account": 7220,
            },
        }
    }
    text = starter_config(document)
    config = parse_config(text, path=tmp_path / "config.toml")
    assert config.credential_providers["clearhaus"].base_url == "http://127.0.0.1:9005"
    assert config.credential_providers["mobilepay"].merchant_serial_numbers == ("123456",)
    assert config.file_providers == {}
    assert "settlements_folder" not in text  # no commented file section for an API provider


MOBILEPAY = """[providers.mobilepay]
client_id = "mp-client"
client_secret = "mp-secret-value"
subscription_key = "mp-subscription"
clearing_account = 5840
fee_account = 7220
booking = "sales"
revenue_account = 1040         # alone (no Frisbii in front): its own sales' account
"""


def test_several_mobilepay_sales_units_are_a_list_and_one_stays_a_single_key() -> None:
    several = parse_config(MOBILEPAY + 'merchant_serial_numbers = ["123456", "234567"]\n')
    assert several.credential_providers["mobilepay"].merchant_serial_numbers == (
        "123456",
        "234567",
    )
    one = parse_config(MOBILEPAY + 'merchant_serial_number = "123456"\n')
    assert one.credential_providers["mobilepay"].merchant_serial_numbers == ("123456",)
    none = parse_config(MOBILEPAY)
    assert none.credential_providers["mobilepay"].merchant_serial_numbers == ()


@pytest.mark.parametrize(
    ("extra", "english", "danish"),
    [
        (
            'merchant_serial_number = "1"\nmerchant_serial_numbers = ["2"]',
            "providers.mobilepay.merchant_serial_numbers: give merchant_serial_number or "
            "merchant_serial_numbers, not both",
            "providers.mobilepay.merchant_serial_numbers: angiv merchant_serial_number eller "
            "merchant_serial_numbers, ikke begge",
        ),
        (
            'merchant_serial_numbers = "123456, 234567"',
            "providers.mobilepay.merchant_serial_numbers: expected a list of numbers in quotes, "
            "got '123456, 234567'",
            "providers.mobilepay.merchant_serial_numbers: forventede en liste af numre i "
            "anførselstegn, fik '123456, 234567'",
        ),
        (
            'merchant_serial_numbers = ["123456", "12 34"]',
            "providers.mobilepay.merchant_serial_numbers[1]: a merchant serial number is digits "
            "only, e.g. \"123456\"; got '12 34'",
            "providers.mobilepay.merchant_serial_numbers[1]: et merchant serial number består "
            "kun af cifre, fx \"123456\"; fik '12 34'",
        ),
        (
            'merchant_serial_numbers = ["123456", "123456"]',
            "providers.mobilepay.merchant_serial_numbers: 123456 is listed twice",
            "providers.mobilepay.merchant_serial_numbers: 123456 står der to gange",
        ),
    ],
)
def test_wrong_sales_units_get_one_line_in_english_and_danish(
    extra: str, english: str, danish: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(MOBILEPAY + extra + "\n")
    assert str(caught.value) == english
    said = caught.value.said
    assert said is not None and said.render("da") == danish
