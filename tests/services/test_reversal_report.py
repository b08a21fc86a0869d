"""A posted match reversed and posted again, through the real command line against the
e-conomic sandbox over loopback: the report's "Vouchers posted" sheet lists all three
vouchers, each marked, in English and in Danish; the sign-off's own clearing figure nets the
reversal out and its hash covers all three vouchers."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from econdesk.cli import main
from econdesk.connectors import eventloop
from econdesk.domain.model import VoucherRef
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.services.periods import own_balances, report_digest
from econdesk.services.report import Period, voucher_rows
from econdesk.storage import Database, parse_period
from tests.reports.reading import column
from tests.services.posting_world import CLEARING, World, agreement, write_config


@pytest.fixture
def sandbox() -> Iterator[EconomicSandbox]:
    with EconomicSandbox(agreement(seed=94)) as running:
        yield running


def econdesk(config: Path, db: Database, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--config", str(config), "--db", db.url, *args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def sheet_rows(path: Path, sheet: str, titles: list[str]) -> list[tuple[object, ...]]:
    """The sheet's data rows (not the totals), the columns with these header titles."""
    found = load_workbook(path)[sheet]
    columns = [column(found, t) for t in titles]
    number = columns[0]
    return [
        tuple(found.cell(r, c).value for c in columns)
        for r in range(2, found.max_row + 1)
        if isinstance(found.cell(r, number).value, int)
    ]


@pytest.fixture
def reposted(
    db: Database, sandbox: EconomicSandbox, tmp_path: Path
) -> tuple[World, Path, list[VoucherRef]]:
    """One match posted, reversed with a reason, approved and posted again by `anne`: the
    world, the config and [first voucher, reversal, second voucher]."""
    world = World.build(db, sandbox, seed=94, count=1)
    config = write_config(tmp_path / "config.toml", sandbox, actor="anne")
    (match,) = world.matches
    assert eventloop.run(world.service().post()).ok
    first = world.states()[match.id].voucher
    code, _, err = econdesk(config, db, "reverse", match.id, "--reason", "wrong payout")
    assert code == 0, err
    code, _, err = econdesk(config, db, "approve", match.id)
    assert code == 0, err
    code, _, err = econdesk(config, db, "post", match.id)
    assert code == 0, err
    with db.reader() as store:
        reversal = store.postings.get("r-" + match.id.removeprefix("m-"))
    second = world.states()[match.id].voucher
    assert first is not None and second is not None and reversal is not None
    assert reversal.voucher_ref is not None
    return world, config, [first, reversal.voucher_ref, second]


def test_the_report_lists_the_original_its_reversal_and_the_repost(
    db: Database, reposted: tuple[World, Path, list[VoucherRef]], tmp_path: Path
) -> None:
    world, config, (first, reversal, second) = reposted
    (match,) = world.matches
    deposit = world.deposits[match.id].amount
    path = tmp_path / "en.xlsx"
    code, _, err = econdesk(config, db, "report", "--xlsx", str(path), "--offline")
    assert code == 0, err
    titles = ["Voucher no.", "Match", "Status", "Reversed by / reverses", "Reason", "Posted by",
              "Amount"]  # fmt: skip
    assert sheet_rows(path, "Vouchers posted", titles) == [
        (first.number, match.id, "reversed", str(reversal.number), None, "tester", deposit),
        (reversal.number, match.id, "reversal", str(first.number), "wrong payout", "anne",
         -deposit),
        (second.number, match.id, "posted again", None, None, "anne", deposit),
    ]  # fmt: skip

    dansk = tmp_path / "da.xlsx"
    code, _, err = econdesk(
        config, db, "report", "--xlsx", str(dansk), "--offline", "--language", "da"
    )
    assert code == 0, err
    titles = ["Bilagsnr.", "Status", "Tilbageført af / tilbagefører", "Begrundelse", "Bogført af"]
    assert sheet_rows(dansk, "Bogførte bilag", titles) == [
        (first.number, "tilbageført", str(reversal.number), None, "tester"),
        (reversal.number, "tilbageførsel", str(first.number), "wrong payout", "anne"),
        (second.number, "bogført igen", None, None, "anne"),
    ]


def test_the_signoffs_own_clearing_figure_nets_the_reversal_out(
    db: Database, reposted: tuple[World, Path, list[VoucherRef]]
) -> None:
    world, config, (first, reversal, second) = reposted
    (match,) = world.matches
    with db.reader() as store:
        entry = store.bank_entries.get(match.bank_refs[0])
        assert entry is not None
        period = f"{entry.entry_date:%Y-%m}"
        figure = own_balances(store, period, [("stripe", CLEARING)], "offline")
        voucher = store.postings.posted_match(match.id)
    assert voucher is not None
    # What the repost alone moves on the clearing account: original and reversal cancel.
    alone = sum(
        (
            (line.amount_base or line.amount).amount * sign
            for line in voucher.voucher.lines
            for account, sign in ((line.account, 1), (line.contra_account, -1))
            if account == CLEARING
        ),
        Decimal(0),
    )
    assert alone != 0
    assert figure["accounts"][str(CLEARING)]["net_posted"] == {"DKK": f"{alone:f}"}
    # The month signs off, its hash covering all three vouchers, and still verifies.
    code, out, err = econdesk(config, db, "period", "sign-off", period, "--json")
    assert code == 0, err
    with db.reader() as store:
        signoff = store.periods.get(period)
        assert signoff is not None
        assert json.loads(out)["report_hash"] == signoff.report_hash
        assert report_digest(store, period, signoff.balances) == signoff.report_hash
        rows = list(voucher_rows(store, Period(*parse_period(period))))
    assert [r.voucher for r in rows] == [first, reversal, second]


def test_matches_json_and_status_show_the_reversal(
    db: Database, reposted: tuple[World, Path, list[VoucherRef]]
) -> None:
    _, config, (first, reversal, second) = reposted

    def ref(v: VoucherRef) -> dict[str, object]:
        return {"journal": v.journal, "year": v.year, "number": v.number}

    code, out, err = econdesk(config, db, "matches", "--json")
    assert code == 0, err
    (listed,) = json.loads(out)
    assert listed["state"] == "posted" and listed["voucher"] == ref(second)
    (undone,) = listed["reversals"]
    assert undone["voucher"] == ref(reversal) and undone["reverses"] == [ref(first)]
    assert (undone["reason"], undone["by"]) == ("wrong payout", "anne")
    assert undone["at"] is not None

    code, out, err = econdesk(config, db, "status", "--json")
    assert code == 0, err
    assert json.loads(out)["reversals"] == 1
    code, out, err = econdesk(config, db, "status")
    assert code == 0 and "reversal vouchers posted: 1" in out


def test_the_audit_trail_names_the_reversal_and_the_signoff_in_the_readers_language(
    db: Database, reposted: tuple[World, Path, list[VoucherRef]], tmp_path: Path
) -> None:
    world, config, _ = reposted
    (match,) = world.matches
    with db.reader() as store:
        entry = store.bank_entries.get(match.bank_refs[0])
    assert entry is not None
    period = f"{entry.entry_date:%Y-%m}"
    code, _, err = econdesk(config, db, "period", "sign-off", period)
    assert code == 0, err
    labels = {
        "en": ("Audit trail", ["No.", "Action", "Detail"], "match's voucher reversed",
               "period signed off"),
        "da": ("Revisionsspor", ["Nr.", "Handling", "Detaljer"],
               "afstemningens bilag tilbageført", "periode afsluttet"),
    }  # fmt: skip
    for language, (sheet, titles, reversed_, signed) in labels.items():
        path = tmp_path / f"{language}.xlsx"
        args = ("report", "--xlsx", str(path), "--offline", "--language", language)
        code, _, err = econdesk(config, db, *args)
        assert code == 0, err
        details = {row[1]: str(row[2]) for row in sheet_rows(path, sheet, titles)}
        assert reversed_ in details and signed in details, sorted(details)
        assert json.loads(details[reversed_])["reason"] == "wrong payout"
        assert json.loads(details[signed])["report_hash"]
