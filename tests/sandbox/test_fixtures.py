"""Loading hand-written fixture folders: served as written, or refused naming what differs."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from econdesk.sandbox.fixtures import FixtureError, clearhaus_fixture, load_fixture

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "independent_may2024"


def test_the_folder_loads_with_every_line_of_the_latin1_statement():
    data = load_fixture(FOLDER)
    assert len(data.bank) == 16
    assert data.bank[6].text == "Overførsel fakt. 1617 Møller Rådgivning"  # ISO-8859-1 read
    assert str(data.bank[14].amount.amount) == "-12000.00"
    assert [len(s.transactions) for s in data.clearhaus.settlements] == [3, 4, 2, 1]
    assert data.clearhaus.settlements[1].reserve == 30980


def test_a_settlement_the_sandbox_would_serve_otherwise_is_refused():
    document = json.loads((FOLDER / "clearhaus.json").read_text(encoding="utf-8"))
    wrong = copy.deepcopy(document)
    wrong["settlements"][0]["payout"]["amount"] += 1  # no longer net less the reserve
    with pytest.raises(FixtureError, match=r"settlement 5b3e9f0a-.*0001: payout"):
        clearhaus_fixture(wrong)
    assert len(clearhaus_fixture(document).settlements) == 4
