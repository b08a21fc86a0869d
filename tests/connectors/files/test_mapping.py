"""A column mapping is a small typed object that survives TOML and JSON unchanged."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from econdesk.connectors.files.bankcsv import LAYOUTS
from econdesk.connectors.files.mapping import ColumnMapping
from econdesk.errors import ConfigError

ACQUIRER = ColumnMapping(
    name='acquirer "x" ÆØÅ',
    date="Dato",
    amount="Beløb",
    fee="Gebyr",
    payout_reference="Udbetaling",
    reference="Betalingsident|End2end",
    decimal_mark=",",
    date_format="%d-%m-%Y",
    sign="inverted",
    encoding="cp1252",
    delimiter=";",
    skip_lines=2,
    skip_statuses=("Reserveret",),
    kind_values={"SALG": "payment", "Retur": "refund"},
)


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_round_trip(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"mapping{suffix}"
    ACQUIRER.save(path)
    assert ColumnMapping.load(path) == ACQUIRER
    assert not list(tmp_path.glob("*.tmp"))


def test_toml_text_is_valid_toml_and_json_is_json() -> None:
    assert tomllib.loads(ACQUIRER.to_toml())["kind_values"] == {
        "SALG": "payment",
        "Retur": "refund",
    }
    assert json.loads(ACQUIRER.to_json())["sign"] == "inverted"


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_bank_layout_survives_toml(layout: str) -> None:
    mapping = LAYOUTS[layout].mapping
    assert ColumnMapping.from_dict(tomllib.loads(mapping.to_toml())) == mapping


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"colour": "red"}, "unknown keys colour"),
        ({"decimal_mark": ";"}, "decimal_mark must be"),
        ({"sign": "upside-down"}, "sign must be one of as_is, inverted"),
        ({"amount": None, "credit": "Ind"}, "needs an amount column, or both credit and debit"),
        ({"skip_lines": "two"}, "skip_lines: must be a whole number"),
        ({"header": "yes"}, "header: must be true or false"),
        ({"kind_values": {"x": "gift"}}, "kind_values may map to payment"),
        ({"date": 3}, "date: must be a string"),
    ],
)
def test_bad_mappings_say_what_is_wrong(data: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        ColumnMapping.from_dict(data)


def test_load_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('sign = "sideways"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"broken\.toml.*sign must be"):
        ColumnMapping.load(path)
    path.write_text("sign = [", encoding="utf-8")
    with pytest.raises(ConfigError, match="not a valid mapping file"):
        ColumnMapping.load(path)
