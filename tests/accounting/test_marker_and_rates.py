import dataclasses
from decimal import Decimal

import pytest

from econdesk.accounting.currency import rate_per_100, to_base
from econdesk.accounting.marker import entry_text, markers_in, match_id_of, match_marker
from econdesk.accounting.vat import split_gross, vat_of_gross
from econdesk.domain.money import Money
from tests.accounting.samples import worked_example


def test_marker_is_stable_and_depends_on_the_match_identity_only() -> None:
    match = worked_example().match
    marker = match_marker(match)
    assert marker == match_marker(dataclasses.replace(match, note="edited", version=7))
    other_db = dataclasses.replace(match, bank_refs=("economic:9999",))
    assert match_marker(other_db) != marker
    assert match_marker(other_db).startswith("ED-m-000123-")
    assert match_id_of(marker) == "m-000123"


def test_marker_survives_a_long_text() -> None:
    text = entry_text("ED-m-000001-0123abcd", "x" * 400)
    assert len(text) == 250
    assert text.startswith("ED-m-000001-0123abcd x")
    assert markers_in(text) == ["ED-m-000001-0123abcd"]


def test_markers_are_found_in_free_text_and_not_in_lookalikes() -> None:
    text = "Stripe ED-m-000042-deadbeef payout; XED-m-1-00000000 no; ED-m-7-0123456 too short"
    assert markers_in(text) == ["ED-m-000042-deadbeef"]
    with pytest.raises(ValueError, match="not an econdesk marker"):
        match_id_of("ED-m-7")


def test_match_ids_that_would_break_the_filter_syntax_are_refused() -> None:
    match = dataclasses.replace(worked_example().match, id="m$1,(x)")
    with pytest.raises(ValueError, match="cannot go into an entry-text marker"):
        match_marker(match)


def test_rate_is_per_100_with_six_decimals() -> None:
    assert rate_per_100(Money.of("100.00", "EUR"), Money.of("746.10", "DKK")) == Decimal(
        "746.100000"
    )
    assert rate_per_100(Money.of("3.00", "EUR"), Money.of("22.38", "DKK")) == Decimal("746.000000")
    assert to_base(Money.of("33.33", "EUR"), Decimal("746.10"), "DKK") == Money.of("248.68", "DKK")
    assert to_base(Money.of("5", "DKK"), Decimal("746.10"), "DKK") == Money.of("5", "DKK")


def test_vat_inside_a_gross_amount() -> None:
    assert vat_of_gross(Money.of("125.00", "DKK"), Decimal(25)) == Money.of("25.00", "DKK")
    assert vat_of_gross(Money.of("-99.99", "DKK"), Decimal(25)) == Money.of("-20.00", "DKK")
    net, vat = split_gross(Money.of("10.01", "DKK"), Decimal(25))
    assert (net, vat) == (Money.of("8.01", "DKK"), Money.of("2.00", "DKK"))
    assert vat_of_gross(Money.of("10.00", "DKK"), Decimal(0)).is_zero()
