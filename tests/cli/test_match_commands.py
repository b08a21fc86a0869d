"""`econdesk match`, `matches`, `approve`, `reject` through the real command line."""

from __future__ import annotations

import io
import json
import re

import jsonschema
import pytest

from econdesk.cli import main
from econdesk.sandbox.scenario import load_scenario
from econdesk.storage import Database

# README, `matches --json`: at least these keys, amounts as strings with two decimals.
MATCH_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": [
            "id",
            "state",
            "method",
            "score",
            "auto",
            "bank",
            "items",
            "components",
            "amount",
            "currency",
            "difference",
            "explanation",
            "voucher",
        ],
        "properties": {
            "id": {"type": "string", "pattern": r"^m-\d{6,}$"},
            "state": {
                "enum": ["proposed", "approved", "rejected", "parked", "posted", "withdrawn"]
            },
            "method": {
                "enum": ["reference", "payout", "one_to_one", "subset", "learned", "manual"]
            },
            "score": {"type": "number", "minimum": 0, "maximum": 1},
            "auto": {"type": "boolean"},
            "bank": {
                "type": "array",
                "items": {"type": "string", "pattern": "^economic(-draft)?:"},
            },
            "items": {"type": "array", "items": {"type": "string"}, "minItems": 1},
            "components": {"type": "array", "items": {"type": "string"}},
            "amount": {"type": "string", "pattern": r"^-?\d+\.\d{2}$"},
            "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
            "difference": {"type": "string", "pattern": r"^-?\d+\.\d{2}$"},
            "explanation": {
                "type": "array",
                "items": {"type": "object", "required": ["term", "detail", "weight"]},
            },
            "voucher": {"type": "null"},
        },
    },
}


def econdesk(db: Database, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--db", db.url, *args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def filled(sqlite_db: Database) -> Database:
    scenario = load_scenario("tiny")
    with sqlite_db.transaction() as store:
        store.bank_entries.upsert_many(scenario.bank_entries)
        store.items.upsert_many(scenario.items)
        store.payouts.upsert_many(scenario.payouts)
    return sqlite_db


def test_match_then_list_approve_and_reject(filled: Database) -> None:
    code, out, err = econdesk(filled, "match")
    assert (code, err) == (0, "")
    proposed = int(re.search(r"proposed (\d+) matches, (\d+) safe", out).group(1))  # type: ignore[union-attr]
    assert proposed > 0 and "still unmatched:" in out

    code, out, _ = econdesk(filled, "matches", "--json")
    listed = json.loads(out)
    jsonschema.validate(listed, MATCH_SCHEMA)
    assert len(listed) == proposed
    safe = [m["id"] for m in listed if m["auto"]]
    unsafe = [m["id"] for m in listed if not m["auto"]]

    code, out, _ = econdesk(filled, "approve", "--auto")
    assert code == 0 and all(f"{i} approved" in out for i in safe)
    code, out, _ = econdesk(filled, "matches", "--state", "approved", "--json")
    assert sorted(m["id"] for m in json.loads(out)) == sorted(safe)

    if unsafe:
        code, out, _ = econdesk(filled, "reject", unsafe[0])
        assert (code, out.strip()) == (0, f"{unsafe[0]} rejected")
        code, out, _ = econdesk(filled, "matches", "--state", "rejected")
        assert unsafe[0] in out and "rejected" in out

    code, out, _ = econdesk(filled, "matches")
    assert out.splitlines()[0].startswith("id ")


def test_decisions_fail_cleanly(filled: Database) -> None:
    assert econdesk(filled, "match")[0] == 0
    code, _, err = econdesk(filled, "approve", "m-999999")
    assert code == 1 and "m-999999" in err
    code, _, err = econdesk(filled, "approve")
    assert code == 2
    code, _, err = econdesk(filled, "approve", "--auto", "m-000001")
    assert code == 2
    code, _, err = econdesk(filled, "reject")
    assert code == 2
    code, _, err = econdesk(filled, "matches", "--state", "done")
    assert code == 2 and "invalid choice" in err
    code, _, _ = econdesk(filled, "approve", "m-000001")
    assert code == 0
    code, _, err = econdesk(filled, "reject", "m-000001")  # approved: no longer rejectable
    assert code == 1 and "m-000001" in err


def test_match_json_summary(filled: Database) -> None:
    code, out, _ = econdesk(filled, "match", "--json")
    summary = json.loads(out)
    assert code == 0 and summary["proposed"] == len(summary["ids"])
    assert set(summary["layers"]) == {
        "a reference",
        "b payout",
        "c one-to-one",
        "d deposit",
        "e learned",
    }


def test_matches_json_adds_the_explanation_in_the_configured_language(
    filled: Database, tmp_path
) -> None:
    econdesk(filled, "match")
    config = tmp_path / "config.toml"
    config.write_text('[app]\nlanguage = "da"\n', encoding="utf-8")
    code, out, err = econdesk(filled, "--config", str(config), "matches", "--json")
    assert (code, err) == (0, "")
    listed = json.loads(out)
    jsonschema.validate(listed, MATCH_SCHEMA)
    texts = [m["explanation_text"] for m in listed]
    assert texts and all("beløb" in t or "reference" in t for t in texts), texts
    terms = [t for m in listed for t in m["explanation"]]
    assert all("key" in t and "facts" in t for t in terms)  # the data stays, in English keys
    config.write_text('[app]\nlanguage = "en"\n', encoding="utf-8")
    _, out, _ = econdesk(filled, "--config", str(config), "matches", "--json")
    assert all("bank" in m["explanation_text"] for m in json.loads(out))
