"""The README's promises about `matches --json` and `status --json`, as checks.

Each function returns the list of broken promises (empty when all hold), so one assertion
shows every problem of an element at once.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from decimal import Decimal
from typing import Any

MATCH_ID = re.compile(r"^m-\d{6,}$")
STATES = {"proposed", "approved", "rejected", "parked", "posted"}
METHODS = {"reference", "payout", "one_to_one", "subset", "learned", "manual"}
BANK_REF = re.compile(r"^(economic:\d+|economic-draft:\d+)$")
ITEM_REF = re.compile(r"^([a-z][a-z0-9_-]*):(\S+)$")
AMOUNT = re.compile(r"^-?\d+\.\d{2}$")
CURRENCY = re.compile(r"^[A-Z]{3}$")
MATCH_KEYS = {
    "id", "state", "method", "score", "auto", "bank", "items", "components", "amount",
    "currency", "difference", "explanation", "voucher",
}  # fmt: skip


def match_problems(m: Any, providers: Collection[str]) -> list[str]:
    """What is wrong with one element of `matches --json` (README, "The command line")."""
    if not isinstance(m, dict):
        return [f"not an object: {m!r}"]
    problems = [f"missing key {k!r}" for k in sorted(MATCH_KEYS - set(m))]
    if problems:
        return problems

    def bad(what: str) -> None:
        problems.append(f"{m.get('id')}: {what}")

    if not isinstance(m["id"], str) or not MATCH_ID.match(m["id"]):
        bad(f"id {m['id']!r} is not m-NNNNNN")
    if m["state"] not in STATES:
        bad(f"state {m['state']!r} not one of {sorted(STATES)}")
    if m["method"] not in METHODS:
        bad(f"method {m['method']!r} not one of {sorted(METHODS)}")
    score = m["score"]
    if not isinstance(score, float) or not 0.0 <= score <= 1.0:
        bad(f"score {score!r} is not a float in [0, 1]")
    if not isinstance(m["auto"], bool):
        bad(f"auto {m['auto']!r} is not a bool")
    bank = m["bank"]
    if not isinstance(bank, list) or not bank:
        bad(f"bank {bank!r} is not a non-empty list")
    else:
        bad_bank = [r for r in bank if not isinstance(r, str) or not BANK_REF.match(r)]
        if bad_bank:
            bad(f"bank refs not economic:N / economic-draft:N: {bad_bank}")
    for key in ("items", "components"):
        refs = m[key]
        if not isinstance(refs, list):
            bad(f"{key} {refs!r} is not a list")
            continue
        for ref in refs:
            found = ITEM_REF.match(ref) if isinstance(ref, str) else None
            if found is None or found.group(1) not in providers:
                bad(f"{key} ref {ref!r} is not <provider>:<id> of {sorted(providers)}")
    if isinstance(m["items"], list) and not m["items"]:
        bad("items is empty")
    for key in ("amount", "difference"):
        value = m[key]
        if not isinstance(value, str) or not AMOUNT.match(value):
            bad(f"{key} {value!r} is not a string with two decimals")
    if not isinstance(m["currency"], str) or not CURRENCY.match(m["currency"]):
        bad(f"currency {m['currency']!r} is not an ISO 4217 code")
    explanation = m["explanation"]
    if not isinstance(explanation, list) or not explanation:
        bad(f"explanation {explanation!r} is not a non-empty list of terms")
    else:
        for term in explanation:
            if (
                not isinstance(term, dict)
                or not isinstance(term.get("term"), str)
                or not term["term"]
                or not isinstance(term.get("detail"), str)
                or not isinstance(term.get("weight"), (int, float))
                or isinstance(term.get("weight"), bool)
            ):
                bad(f"explanation term {term!r} is not {{term, detail, weight}}")
    problems.extend(_voucher_problems(m))
    return problems


def _voucher_problems(m: dict[str, Any]) -> list[str]:
    voucher = m["voucher"]
    if voucher is None:
        return [f"{m['id']}: posted without a voucher"] if m["state"] == "posted" else []
    if m["state"] != "posted":
        return [f"{m['id']}: {m['state']} but has a voucher {voucher!r}"]
    if (
        not isinstance(voucher, dict)
        or set(voucher) != {"journal", "year", "number"}
        or not isinstance(voucher["journal"], int)
        or not isinstance(voucher["year"], str)
        or not isinstance(voucher["number"], int)
    ):
        return [f"{m['id']}: voucher {voucher!r} is not {{journal: int, year: str, number: int}}"]
    return []


def status_problems(status: Any) -> list[str]:
    """What is wrong with `status --json` (README.md, "The command line")."""
    if not isinstance(status, dict):
        return [f"not an object: {status!r}"]
    missing = {"database", "totals", "matches", "synced", "audit_events"} - set(status)
    if missing:
        return [f"missing keys {sorted(missing)}"]
    problems: list[str] = []
    for row in status["totals"]:
        if set(row) < {"side", "source", "state", "count", "amount", "currency"}:
            problems.append(f"totals row {row!r} lacks keys")
            continue
        if row["side"] not in {"bank", "item", "payout"}:
            problems.append(f"totals row side {row['side']!r}")
        if row["state"] not in STATES | {"unmatched"}:
            problems.append(f"totals row state {row['state']!r}")
        if not isinstance(row["amount"], str):
            problems.append(f"totals row amount {row['amount']!r} is not a string")
        else:
            Decimal(row["amount"])  # parses, or raises with the value
    if not all(isinstance(v, int) for v in status["matches"].values()):
        problems.append(f"matches counts {status['matches']!r} are not integers")
    if not isinstance(status["audit_events"], int):
        problems.append(f"audit_events {status['audit_events']!r} is not an integer")
    return problems


def totals(status: dict[str, Any]) -> dict[tuple[str, str, str, str], tuple[int, Decimal]]:
    """(side, source, state, currency) -> (count, amount) from `status --json`."""
    return {
        (r["side"], r["source"], r["state"], r["currency"]): (r["count"], Decimal(r["amount"]))
        for r in status["totals"]
    }
