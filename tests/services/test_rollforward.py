"""The clearing accounts' roll-forward on the sandbox scenario after posting: its closing
balance is e-conomic's balance of each clearing account, and opening plus the movements is the
closing balance, to the øre."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from econdesk.cli import main
from econdesk.composition import economic_client, open_store, rollforward_service
from econdesk.config import load_config
from econdesk.connectors import eventloop
from econdesk.domain.model import MatchState
from econdesk.domain.money import money_sum
from econdesk.domain.rollforward import BookedBy, MovementKind, OpenKind
from econdesk.sandbox.serve import RunningSandbox, ServeOptions, start, stop_all

PERIOD = (date(2026, 3, 1), date(2026, 4, 30))


@pytest.fixture(scope="module")
def served() -> Iterator[list[RunningSandbox]]:
    running = start(ServeOptions(scenario="tiny", seed=7))
    try:
        yield running
    finally:
        stop_all(running)


def write_config(running: list[RunningSandbox], path: Path) -> Path:
    lines = []
    for sandbox in running:
        lines.append(f"[{sandbox.config_table}]")
        lines.extend(f"{key} = {json.dumps(value)}" for key, value in sandbox.config.items())
        if sandbox.config_table.startswith("providers."):
            lines.append('tolerance_fixed = "0.50"')
    lines += ["[posting]", "revenue_account = 1010", 'vat_code = "U25"']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def econdesk(config: Path, db: str, *args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--config", str(config), "--db", db, *args], stdout=out, stderr=err)
    return code, out.getvalue() + err.getvalue()


@pytest.fixture(scope="module")
def posted(served: list[RunningSandbox], tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("rollforward")
    config = write_config(served, folder / "config.toml")
    db = f"sqlite:///{folder / 'econdesk.db'}"
    start, end = (d.isoformat() for d in PERIOD)
    assert econdesk(config, db, "sync", "--from", start, "--to", end)[0] == 0
    assert econdesk(config, db, "match")[0] == 0
    assert econdesk(config, db, "approve", "--auto")[0] == 0
    _, out = econdesk(config, db, "post")
    assert "posted as voucher" in out, out
    (folder / "db.url").write_text(db, encoding="utf-8")
    return config


def test_closing_is_economics_balance_and_opening_plus_movements_is_closing(
    posted: Path,
) -> None:
    config = load_config(posted)
    db = open_store(config, (posted.parent / "db.url").read_text(encoding="utf-8"))
    found = eventloop.run(rollforward_service(config, db).compute(*PERIOD))
    assert found, "every clearing account has a roll-forward"

    async def balances() -> dict[int, Decimal]:
        async with economic_client(config.economic) as client:
            accounts = [await client.account(n) for n in {r.account for r in found}]
        return {a.number: a.draft_balance or Decimal(0) for a in accounts}

    in_economic = eventloop.run(balances())
    for account, balance in in_economic.items():
        mine = [r for r in found if r.account == account]
        base = mine[0].base_currency
        closing = money_sum((r.closing_base for r in mine), base)
        assert closing.amount == balance, (account, closing, balance)
    for r in found:
        assert r.opening + money_sum((m.amount for m in r.movements), r.currency) == r.closing
        assert r.closing - r.explained == r.unexplained
    kinds = {(m.kind, m.by) for r in found for m in r.movements}
    assert (MovementKind.PAYOUTS, BookedBy.OTHERS) in kinds, "the bank feed's deposits"
    assert (MovementKind.PAYMENTS, BookedBy.ECONDESK) in kinds, "econdesk's vouchers"
    assert (MovementKind.FEES, BookedBy.ECONDESK) in kinds
    # What is left is explained, item by item: deposits whose voucher is not posted (proposed
    # or not matched), named with their match.
    for r in found:
        assert r.unexplained.is_zero(), r
        for item in r.open_items:
            assert item.ref.startswith(("economic:", "economic-draft:")), item
            assert item.match_state in (None, MatchState.PROPOSED), item
    assert any(r.open_items for r in found), "the scenario leaves some deposits open"


INTEGRATED = """\
[scenario]
base = "tiny"
seed = 7
integration = true  # an integration booked the invoices and the card payments
"""


@pytest.fixture(scope="module")
def integrated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    folder = tmp_path_factory.mktemp("integrated")
    spec = folder / "scenario.toml"
    spec.write_text(INTEGRATED, encoding="utf-8")
    running = start(ServeOptions(scenario=str(spec)))
    try:
        config = write_config(running, folder / "config.toml")
        text = config.read_text(encoding="utf-8")
        assert "booking" in text  # the sandbox names each source's mode in these books
        db = f"sqlite:///{folder / 'econdesk.db'}"
        first, last = (d.isoformat() for d in PERIOD)
        assert econdesk(config, db, "sync", "--from", first, "--to", last)[0] == 0
        assert econdesk(config, db, "match")[0] == 0
        yield config, db
    finally:
        stop_all(running)


def test_settle_before_posting_the_payments_and_deposits_explain_the_clearing_account(
    integrated: tuple[Path, str],
) -> None:
    path, url = integrated
    config = load_config(path)
    found = eventloop.run(rollforward_service(config, open_store(config, url)).compute(*PERIOD))
    settled = [r for r in found if "stripe" in r.sources or "frisbii" in r.sources]
    assert settled
    for r in settled:
        kinds = {(m.kind, m.by) for m in r.movements}
        assert (MovementKind.PAYMENTS, BookedBy.OTHERS) in kinds, r  # the integration's
        assert not any(m.by is BookedBy.ECONDESK for m in r.movements)  # nothing posted yet
        assert r.opening + r.moved == r.closing
        # Left: the payments not paid out, and for each deposit awaiting its voucher, its
        # payments (+) and the deposit (-): the fees its voucher will book. Nothing else.
        assert r.unexplained.is_zero(), r
        open_kinds = {i.kind for i in r.open_items}
        assert {OpenKind.DEPOSIT_AWAITING_VOUCHER, OpenKind.PAID_OUT_AWAITING_VOUCHER} <= open_kinds
    assert any(i.kind is OpenKind.NOT_PAID_OUT for r in settled for i in r.open_items)


def test_settle_previews_leave_nothing_on_the_clearing_account(
    integrated: tuple[Path, str],
) -> None:
    """What the integration booked (the card payments), the bank feed's deposit and the
    voucher (fees, refunds, differences) net to zero on the clearing account, payout by
    payout: the preview's "before" follows the voucher builder's own rule."""
    path, url = integrated
    assert econdesk(path, url, "approve", "--auto")[0] == 0
    out, err = io.StringIO(), io.StringIO()
    args = ["--config", str(path), "--db", url, "post", "--dry-run", "--json"]
    main(args, stdout=out, stderr=err)
    vouchers = json.loads(out.getvalue())["vouchers"]
    assert vouchers, err.getvalue()
    reasons = set()
    for v in vouchers:
        for c in v["effect"]["clearing"]:
            assert c["left"] == "0.00", (v["id"], c)
            reasons |= {b["reason"] for b in c["before"]}
    assert reasons == {"deposit", "integration"}
