"""The sandboxes over hand-written documents instead of a generated scenario.

An acceptance run on data econdesk's own generator did not make: a folder holding what each
service would answer, written in the services' documented shapes, and a bank statement as
the bank exports it.

- `clearhaus.json`: `{"settlements": [Settlement, …], "transactions": {settlement id:
  [Transaction, …]}}`, the Merchant API's resources (integers in minor units). They are served
  by the Clearhaus sandbox, which renders them itself: a settlement it would render
  otherwise (its summary, payout or reserve) is refused, naming it, so what is served is what
  the file says.
- `mobilepay.json`: `{"ledgers": [{"ledgerId", "currency", "msn", "funds": [Entry, …],
  "fees": [Entry, …]}]}`: the Report API's entries, served as written, by `ledgerDate`.
- `frisbii.json`: `{"customers": [...], "invoices": [...], "transactions": [...],
  "credit_notes": [...], "disputes": [...]}`: Frisbii's list objects, served as written.
- `bank.csv`: the bank account's statement as a Danish netbank exports it (any layout
  econdesk's bank import detects); served by the e-conomic sandbox as the booked lines of the
  bank account, numbered in the file's order.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from econdesk.connectors.files.bankcsv import import_bank_csv
from econdesk.domain.model import BankEntry, BankEntryOrigin
from econdesk.sandbox.clearhaus.app import (
    CardDispute,
    CardTransaction,
    ClearhausData,
    ClearhausSandbox,
    SandboxSettlement,
)
from econdesk.sandbox.economic.generate import from_bank_entries
from econdesk.sandbox.economic.store import EconomicData
from econdesk.sandbox.frisbii.app import FrisbiiData, FrisbiiResource
from econdesk.sandbox.listing import Json, Listing
from econdesk.sandbox.mobilepay.app import MobilePayData, SandboxLedger


class FixtureError(ValueError):
    """A fixture document the sandboxes cannot serve as written; the message names it."""


def _read(folder: Path, name: str) -> Any:
    path = folder / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FixtureError(f"{path}: {exc}") from None


def _day(text: str) -> date:
    return date.fromisoformat(text)


# -- Clearhaus ---------------------------------------------------------------------------------


def _card_transaction(raw: Json) -> CardTransaction:
    fee = -int(raw.get("settlement", {}).get("fees", 0))
    return CardTransaction(
        id=raw["id"],
        type=raw["type"],
        amount=int(raw["amount"]),
        processed_at=raw["processed_at"],
        reference=raw.get("reference"),
        fee=fee,
    )


def _settlement(
    raw: Json, transactions: Sequence[Json], disputes: Sequence[Json]
) -> SandboxSettlement:
    payout, reserve = raw["payout"], raw.get("reserve") or {}
    txs = [_card_transaction(t) for t in transactions]
    s = SandboxSettlement(
        id=raw["id"],
        currency=raw["currency"],
        period_start=_day(raw["period"]["start_date"]),
        period_end=_day(raw["period"]["end_date"]),
        payout_date=_day(payout["date"]),
        reference_number=payout["reference_number"],
        transactions=txs,
        disputes=[
            CardDispute(
                id=d["id"],
                transaction_id=d["transaction_id"],
                amount=int(d["amount"]),
                opened_at=d["opened_at"],
                reason=d.get("reason", "fraud"),
            )
            for d in disputes
        ],
        other_postings=[
            (_day(p["date"]), p["text"], int(p["amount"])) for p in raw.get("other_postings", [])
        ],
        reserve=int(reserve.get("amount", 0)),
        reserve_date=_day(reserve["date"]) if reserve.get("date") else None,
        settled=bool(raw.get("settled", True)),
    )
    # Fees Clearhaus kept beyond the transactions' own (e.g. chargeback fees).
    s.fees = -int(raw["summary"]["fees"]) - sum(t.fee for t in txs)
    return s


def clearhaus_fixture(document: Mapping[str, Any]) -> ClearhausData:
    """The Clearhaus sandbox's data for `clearhaus.json` (see the module docstring)."""
    transactions = document.get("transactions", {})
    disputes = document.get("disputes", {})
    settlements = [
        _settlement(raw, transactions.get(raw["id"], []), disputes.get(raw["id"], []))
        for raw in document["settlements"]
    ]
    renderer = ClearhausSandbox(ClearhausData([]))
    for raw, s in zip(document["settlements"], settlements, strict=True):
        served = renderer.render_settlement(s, "")
        for key in ("summary", "payout", "reserve"):
            written = raw.get(key)
            if key == "reserve" and not written:
                continue
            differs = {
                k: (v, served[key].get(k)) for k, v in written.items() if served[key].get(k) != v
            }
            if differs:
                raise FixtureError(
                    f"clearhaus.json: settlement {s.id}: {key} would be served otherwise: {differs}"
                )
    return ClearhausData(settlements)


# -- Vipps MobilePay -----------------------------------------------------------------------------


def mobilepay_fixture(document: Mapping[str, Any]) -> MobilePayData:
    """The MobilePay sandbox's data for `mobilepay.json`: the entries as written."""
    ledgers = []
    for raw in document["ledgers"]:
        ledger = SandboxLedger(
            id=raw["ledgerId"],
            currency=raw["currency"],
            msn=raw["msn"],
            also_settles=tuple(raw.get("also_settles", ())),
        )
        for topic, target in (("funds", ledger.funds), ("fees", ledger.fees)):
            for entry in raw.get(topic, []):
                target.setdefault(_day(entry["ledgerDate"]), []).append(entry)
        ledgers.append(ledger)
    return MobilePayData(ledgers)


# -- Frisbii -------------------------------------------------------------------------------------


def _ts(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp())


def _listing(objects: Sequence[Json], time_field: str, id_field: str = "id") -> Listing:
    rows = list(objects)
    return Listing(
        [_ts(o[time_field]) for o in rows],
        lambda r: str(rows[r][id_field]),
        lambda r: json.loads(json.dumps(rows[r])),
    )


def frisbii_fixture(document: Mapping[str, Any]) -> FrisbiiData:
    """The Frisbii sandbox's data for `frisbii.json`: the objects as written."""
    invoices = document["invoices"]
    settled = [i for i in invoices if i.get("settled")]
    return FrisbiiData(
        transactions=FrisbiiResource(
            {"created": _listing(document.get("transactions", []), "created")},
            filters={"type": "type", "state": "state", "invoice": "invoice"},
        ),
        invoices=FrisbiiResource(
            {
                "created": _listing(invoices, "created", "handle"),
                "settled": _listing(settled, "settled", "handle"),
            },
            filters={"state": "state", "customer": "customer", "handle": "handle"},
        ),
        credit_notes=FrisbiiResource(
            {"created": _listing(document.get("credit_notes", []), "created")},
            filters={"invoice": "invoice", "customer": "customer"},
        ),
        disputes=FrisbiiResource(
            {"created": _listing(document.get("disputes", []), "created")},
            filters={"state": "state", "invoice": "invoice"},
        ),
        customers=_listing(document.get("customers", []), "created", "handle"),
        invoice_ids={i["id"]: i["handle"] for i in invoices},
    )


# -- the bank ------------------------------------------------------------------------------------


def bank_fixture(path: Path, account: int = 5820, first_number: int = 1) -> list[BankEntry]:
    """The statement's lines as booked entries of the bank account, numbered in file order."""
    imported = import_bank_csv(path, account_number=account)
    return [
        BankEntry(
            origin=BankEntryOrigin.BOOKED,
            external_id=str(first_number + n),
            account_number=account,
            entry_date=e.entry_date,
            amount=e.amount,
            text=e.text,
            entry_type="financeVoucher",
        )
        for n, e in enumerate(imported.entries)
    ]


@dataclass(frozen=True)
class FixtureData:
    """Everything a fixture folder holds, ready for the sandboxes."""

    economic: EconomicData
    bank: list[BankEntry]
    frisbii: FrisbiiData
    clearhaus: ClearhausData
    mobilepay: MobilePayData


def load_fixture(folder: Path) -> FixtureData:
    """Read a fixture folder (see the module docstring); FixtureError names what is wrong."""
    bank = bank_fixture(folder / "bank.csv")
    return FixtureData(
        economic=from_bank_entries(bank),
        bank=bank,
        frisbii=frisbii_fixture(_read(folder, "frisbii.json")),
        clearhaus=clearhaus_fixture(_read(folder, "clearhaus.json")),
        mobilepay=mobilepay_fixture(_read(folder, "mobilepay.json")),
    )
