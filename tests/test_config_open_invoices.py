"""`[economic] open_invoices` and `open_invoices_account`: e-conomic's own invoices as a source."""

from __future__ import annotations

import pytest

from econdesk.config import build_mappings, parse_config, starter_config
from econdesk.domain.booking import BookingMode
from econdesk.errors import ConfigError


def test_open_invoices_are_on_by_default_and_need_the_transfers_account_to_post() -> None:
    config = parse_config("[economic]\nbank_account = 5820\n")
    assert config.economic.open_invoices and config.economic.open_invoices_account is None
    assert build_mappings(config).provider("economic") is None  # posting names what is missing


def test_the_transfers_account_makes_economic_a_payments_source() -> None:
    config = parse_config("[economic]\nopen_invoices_account = 5890\n")
    mapping = build_mappings(config).provider("economic")
    assert mapping is not None
    assert (mapping.clearing_account, mapping.booking) == (5890, BookingMode.PAYMENTS)


def test_open_invoices_can_be_switched_off() -> None:
    config = parse_config("[economic]\nopen_invoices = false\nopen_invoices_account = 5890\n")
    assert not config.economic.open_invoices
    assert build_mappings(config).provider("economic") is None


def test_a_platform_may_not_be_called_economic() -> None:
    with pytest.raises(ConfigError, match=r"providers\.economic"):
        parse_config('[providers.economic]\napi_key = "x"\nclearing_account = 1\nfee_account = 2\n')


def test_the_starter_config_switches_open_invoices_on_and_parses() -> None:
    text = starter_config()
    assert "open_invoices = true" in text and "# open_invoices_account = 5890" in text
    assert parse_config(text).economic.open_invoices
