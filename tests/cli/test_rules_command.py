"""`econdesk rules list|add|remove|set-aside|release` through the real command line."""

from __future__ import annotations

import json
from decimal import Decimal

import jsonschema

from econdesk.storage import Database
from tests.cli.test_match_commands import econdesk, filled  # noqa: F401 (the fixture)

RULES_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["id", "label", "contains", "pattern", "counterparty", "minimum",
                     "maximum", "currency", "sign", "note", "caught"],
        "properties": {
            "id": {"type": "integer"},
            "minimum": {"type": ["string", "null"], "pattern": r"^\d+\.\d{2}$"},
            "maximum": {"type": ["string", "null"], "pattern": r"^\d+\.\d{2}$"},
            "sign": {"enum": ["in", "out", None]},
            "caught": {"type": "integer", "minimum": 0},
        },
    },
}  # fmt: skip


def test_add_list_and_remove_a_rule(filled: Database) -> None:  # noqa: F811
    code, out, err = econdesk(
        filled, "rules", "add", "--label", "rent", "--contains", "husleje",
        "--min", "10000", "--max", "20000,00", "--sign", "out", "--json",
    )  # fmt: skip
    assert (code, err) == (0, "")
    added = json.loads(out)
    assert added["caught"] == 2 and added["minimum"] == "10000.00"
    assert added["currency"] == "DKK" and added["maximum"] == "20000.00"
    code, out, _ = econdesk(filled, "rules", "list", "--json")
    listed = json.loads(out)
    jsonschema.validate(listed, RULES_SCHEMA)
    assert [(r["id"], r["label"], r["caught"]) for r in listed] == [(added["id"], "rent", 2)]
    code, out, _ = econdesk(filled, "rules", "list")
    assert "rent" in out.lower() and "text contains “husleje”" in out
    code, out, _ = econdesk(filled, "status", "--json")
    apart = [t for t in json.loads(out)["totals"] if t["state"] == "set_aside"]
    assert sum(t["count"] for t in apart) == 2 and {t["side"] for t in apart} == {"bank"}
    assert sum(Decimal(t["amount"]) for t in apart) == Decimal("-37500.00")
    # The match run leaves the rent alone.
    with filled.reader() as store:
        rent = {e.ref for e in store.bank_entries.find() if e.text.startswith("Husleje")}
    assert len(rent) == 2
    assert econdesk(filled, "match")[0] == 0
    code, out, _ = econdesk(filled, "matches", "--json")
    held = {b for m in json.loads(out) for b in m["bank"]}
    assert held and not held & rent
    code, out, _ = econdesk(filled, "rules", "remove", str(added["id"]))
    assert code == 0 and "2" in out
    code, out, _ = econdesk(filled, "rules", "list", "--json")
    assert json.loads(out) == []


def test_set_aside_by_hand_then_a_suggestion(filled: Database) -> None:  # noqa: F811
    with filled.reader() as store:
        tax = sorted(e.ref for e in store.bank_entries.find() if e.text.startswith("SKAT"))
    code, out, _ = econdesk(filled, "rules", "set-aside", *tax[:2], "--label", "tax")
    assert code == 0 and "2" in out
    code, out, _ = econdesk(filled, "rules", "list", "--suggest", "--json")
    document = json.loads(out)
    assert document["rules"] == []
    (suggested,) = document["suggestions"]
    assert suggested["label"] == "tax" and suggested["contains"] == "SKAT"
    assert suggested["evidence"] == tax[:2] and suggested["would_catch"] == 1
    code, out, _ = econdesk(filled, "rules", "release", tax[0])
    assert code == 0 and "1" in out


def test_wrong_rules_fail_with_one_line(filled: Database) -> None:  # noqa: F811
    code, _, err = econdesk(filled, "rules", "add", "--label", "rent")
    assert code == 2 and "a rule needs" in err and len(err.strip().splitlines()) == 1
    code, _, err = econdesk(filled, "rules", "add", "--label", "x", "--pattern", "(")
    assert code == 2 and "pattern" in err
    code, _, err = econdesk(filled, "rules", "add", "--label", "x", "--min", "abc")
    assert code == 2 and "not an amount" in err
    code, _, err = econdesk(filled, "rules", "remove", "42")
    assert code == 1 and "no rule 42" in err
    code, _, err = econdesk(filled, "rules", "set-aside", "economic:nope", "--label", "tax")
    assert code == 2 and "economic:nope" in err
    code, _, err = econdesk(filled, "rules")
    assert code == 2


def test_the_label_help_names_every_offered_label() -> None:
    from econdesk.cli.rules import LABEL_HELP
    from econdesk.domain.rules import LABELS

    assert LABEL_HELP.split(", or")[0].split(", ") == list(LABELS)


def test_rules_speak_danish(filled: Database, tmp_path) -> None:  # noqa: F811
    config = tmp_path / "config.toml"
    config.write_text('[app]\nlanguage = "da"\n', encoding="utf-8")
    code, _, err = econdesk(filled, "--config", str(config), "rules", "add", "--label", "rent")
    assert code == 2
    assert err == (
        "econdesk: en regel skal have en tekst, et mønster, en modpart eller et beløbsinterval "
        "at gå efter\n"
    )
    code, out, _ = econdesk(
        filled, "--config", str(config), "rules", "add", "--label", "rent", "--contains", "husleje"
    )
    assert code == 0 and out.startswith("regel 1 tilføjet (teksten indeholder “husleje”);")
    code, out, _ = econdesk(filled, "--config", str(config), "rules", "list")
    assert "Husleje" in out  # the label in Danish
