"""The scenario generator: deterministic, internally consistent, and truthful."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from econdesk.domain.model import BankEntryOrigin, ItemKind, MatchMethod, PayoutKind
from econdesk.domain.money import Money, money_sum
from econdesk.errors import ConfigError
from econdesk.sandbox.scenario import (
    NAMED,
    DepositKind,
    Scenario,
    ScenarioSpec,
    generate,
    load_scenario,
    load_spec,
)
from econdesk.sandbox.scenario.bankdays import is_bank_day


@pytest.fixture(scope="module")
def tiny() -> Scenario:
    return load_scenario("tiny")


@pytest.fixture(scope="module")
def small() -> Scenario:
    return generate(ScenarioSpec(seed=11, size=3_000))


def _fingerprint(scenario: Scenario) -> str:
    items = [repr(item) for item in scenario.items]
    entries = [repr(entry) for entry in scenario.bank_entries]
    payouts = [repr(payout) for payout in scenario.payouts]
    truth = json.dumps(scenario.truth.to_json(), sort_keys=True)
    return "\n".join([*items, *entries, *payouts, truth])


def test_same_seed_gives_the_same_scenario() -> None:
    spec = ScenarioSpec(seed=5, size=400)
    assert _fingerprint(generate(spec)) == _fingerprint(generate(spec))


def test_another_seed_gives_another_scenario() -> None:
    first = generate(ScenarioSpec(seed=5, size=400))
    second = generate(ScenarioSpec(seed=6, size=400))
    assert _fingerprint(first) != _fingerprint(second)


def test_size_is_close_to_the_target(small: Scenario) -> None:
    assert 0.85 * 3_000 <= len(small.items) <= 1.15 * 3_000


def test_every_payout_adds_up_exactly(small: Scenario) -> None:
    items = {item.ref: item for item in small.items}
    checked = 0
    for payout in small.payouts:
        assert payout.amount.amount > 0
        assert payout.fees is not None and payout.gross is not None
        deposit = next(d for d in small.deposits if d.external_id == payout.external_id)
        assert payout.amount == Money.from_minor(deposit.net, payout.currency)
        assert deposit.net == deposit.sales - deposit.refunds - deposit.chargebacks - deposit.fees
        if not payout.has_breakdown:
            assert payout.component_refs == ()
            continue
        components = [items[ref] for ref in payout.component_refs]
        gross = money_sum((i.amount for i in components), payout.currency)
        assert gross - payout.fees == payout.amount
        sales = money_sum(
            (i.amount for i in components if i.kind is ItemKind.PAYMENT), payout.currency
        )
        assert sales == payout.gross
        if payout.provider == "stripe":  # balance transactions carry their own fee
            assert money_sum((i.net for i in components), payout.currency) == payout.amount
            assert all(i.payout_ref == payout.ref for i in components)
        checked += 1
    assert checked > 20


def test_payout_kinds_follow_the_provider(small: Scenario) -> None:
    kinds = {(p.provider, p.kind) for p in small.payouts}
    assert kinds == {("clearhaus", PayoutKind.SETTLEMENT), ("stripe", PayoutKind.PAYOUT)}
    assert any(not p.has_breakdown for p in small.payouts if p.provider == "stripe")
    assert {p.currency for p in small.payouts if p.provider == "stripe"} == {"DKK", "EUR"}


def test_every_deposit_is_in_the_bank_at_its_net(small: Scenario) -> None:
    entries = {entry.ref: entry for entry in small.bank_entries}
    for match in small.truth.matches:
        entry = entries[match.bank_ref]
        assert entry.amount == match.amount
        assert abs(match.difference.amount) <= Decimal("0.09")
    assert len(small.truth.matches) == len(small.deposits)
    differences = [m for m in small.truth.matches if m.difference]
    assert 0 < len(differences) < len(small.truth.matches) * 0.05


def test_expected_matches_add_up(small: Scenario) -> None:
    items = {item.ref: item for item in small.all_items()}
    payouts = {payout.ref: payout for payout in small.payouts}
    for match in small.truth.matches:
        expected_net = match.amount - match.difference
        if (
            match.method in (MatchMethod.REFERENCE, MatchMethod.PAYOUT)
            and match.item_refs[0] in payouts
        ):
            assert payouts[match.item_refs[0]].amount == expected_net
            assert payouts[match.item_refs[0]].component_refs == match.component_refs
        else:
            total = money_sum((items[r].amount for r in match.item_refs), expected_net.currency)
            assert total - match.fees == expected_net


def test_bank_dates_are_bank_days_on_or_after_arrival(small: Scenario) -> None:
    entries = {entry.ref: entry for entry in small.bank_entries}
    deposits_by_net: Counter[str] = Counter()
    for entry in small.bank_entries:
        assert is_bank_day(entry.entry_date), entry
    for deposit, match in zip(small.deposits, small.truth.matches, strict=False):
        deposits_by_net[deposit.kind.value] += 1
        del match
    for match in small.truth.matches:
        entry = entries[match.bank_ref]
        assert entry.entry_date >= small.spec.start
    assert set(deposits_by_net) == {k.value for k in DepositKind}


def test_truth_covers_every_bank_entry_once_and_refers_to_real_objects(small: Scenario) -> None:
    bank_refs = [entry.ref for entry in small.bank_entries]
    assert len(set(bank_refs)) == len(bank_refs)
    matched = [m.bank_ref for m in small.truth.matches]
    assert set(matched).isdisjoint(small.truth.unmatched)
    assert set(matched) | set(small.truth.unmatched) == set(bank_refs)
    open_refs = {item.ref for item in small.open_items}
    known = small.item_refs | {payout.ref for payout in small.payouts} | open_refs
    used: Counter[str] = Counter()
    for match in small.truth.matches:
        for ref in (*match.item_refs, *match.component_refs, *match.carried_refs):
            assert ref in known, ref
        used.update(match.item_refs)
        used.update(match.component_refs)
        used.update(match.carried_refs)
    assert max(used.values()) == 1  # no item is explained twice
    assert small.truth.undeposited_item_refs <= small.item_refs
    paid_open = len(open_refs.intersection(used))  # the rest stay open: nobody paid them
    assert (
        len(used) + len(small.truth.undeposited_item_refs)
        == len(small.item_refs) + len(small.payouts) + paid_open
    )


def test_each_layer_and_each_kind_of_line_is_present(small: Scenario) -> None:
    methods = Counter(m.method for m in small.truth.matches)
    assert set(methods) == {
        MatchMethod.REFERENCE,
        MatchMethod.PAYOUT,
        MatchMethod.ONE_TO_ONE,
        MatchMethod.SUBSET,
    }
    reasons = " ".join(small.truth.unmatched.values())
    for word in ("rent", "salaries", "VAT", "supplier", "decoy"):
        assert word in reasons
    origins = {entry.origin for entry in small.bank_entries}
    assert origins == {BankEntryOrigin.BOOKED, BankEntryOrigin.DRAFT}
    texts = " ".join(entry.text for entry in small.bank_entries)
    for fragment in ("CLEARHAUS", "STRIPE", "MobilePay", "Faktura", "Husleje", "Løn", "SKAT"):
        assert fragment in texts


def test_tiny_has_every_case(tiny: Scenario) -> None:
    assert 10 <= len(tiny.items) <= 60
    kinds = Counter(item.kind for item in tiny.items)
    assert kinds[ItemKind.REFUND] >= 1 and kinds[ItemKind.CHARGEBACK] >= 1
    assert any(not tx.settled for tx in tiny.transactions)  # a failed attempt
    assert {item.provider for item in tiny.items} == {"frisbii", "stripe", "chargebee"}
    assert any(not payout.has_breakdown for payout in tiny.payouts)
    assert any(m.difference for m in tiny.truth.matches)
    assert any(entry.amount.currency == "EUR" for entry in tiny.bank_entries)
    assert any("decoy" in why for why in tiny.truth.unmatched.values())


def test_failed_attempts_are_not_items_and_move_no_money(small: Scenario) -> None:
    failed = [tx for tx in small.transactions if not tx.settled]
    assert failed
    for tx in failed[:50]:
        assert tx.ref is None and tx.deposit is None and tx.error
        assert tx.id not in {i.external_id for i in small.items[:200]}


def test_items_follow_the_ref_conventions(small: Scenario) -> None:
    for item in small.items:
        source, _, native = item.ref.partition(":")
        if source == "stripe":
            assert native.startswith("txn_") and item.fee is not None
            assert item.references and item.references[-1].startswith("ch_")
        elif source == "frisbii":
            assert len(native) == 32 and int(native, 16) >= 0
            assert item.invoice_ref and item.invoice_ref.startswith("inv-")
            assert item.fee is None  # Frisbii's API has no fee field
        else:
            assert source == "chargebee" and native.startswith("txn_")
            assert item.invoice_ref and item.invoice_ref.isdigit()
        assert item.occurred_at.tzinfo is not None
        assert item.customer_name and item.customer_id


def test_money_is_never_float(tiny: Scenario) -> None:
    def walk(value: object) -> None:
        assert not isinstance(value, float), value
        if isinstance(value, Money):
            assert isinstance(value.amount, Decimal)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))
        elif isinstance(value, (tuple, list)):
            for element in value:
                walk(element)

    for collection in (
        tiny.items,
        tiny.payouts,
        tiny.bank_entries,
        tiny.truth.matches,
        tiny.transactions,
        tiny.invoices,
        tiny.deposits,
    ):
        for obj in collection:
            walk(obj)


def test_eur_entries_carry_their_base_amount(small: Scenario) -> None:
    eur = [entry for entry in small.bank_entries if entry.amount.currency == "EUR"]
    assert eur
    for entry in eur:
        assert entry.amount_base is not None and entry.amount_base.currency == "DKK"
        rate = entry.amount_base.amount / entry.amount.amount
        assert Decimal("7.40") < rate < Decimal("7.50")


def test_customers_are_danish(small: Scenario) -> None:
    names = [customer.name for customer in small.customers[:400]]
    assert any(name.endswith(("ApS", "A/S")) for name in names)
    assert any("sen" in name for name in names)
    assert all("@" in customer.email for customer in small.customers[:400])


def test_named_scenarios_and_spec_files(tmp_path: Path) -> None:
    assert {"tiny", "demo", "benchmark"} <= set(NAMED)
    toml_file = tmp_path / "mini.toml"
    toml_file.write_text(
        '[scenario]\nseed = 3\nsize = 50\nstart = "2026-01-01"\nend = "2026-01-31"\n',
        encoding="utf-8",
    )
    spec = load_spec(toml_file)
    assert (spec.seed, spec.size, spec.start, spec.end) == (
        3,
        50,
        date(2026, 1, 1),
        date(2026, 1, 31),
    )
    json_file = tmp_path / "mini.json"
    json_file.write_text(json.dumps({"base": "demo", "seed": 9}), encoding="utf-8")
    assert load_spec(json_file).size == NAMED["demo"].size
    assert load_spec("tiny", seed=99).seed == 99
    assert len(load_scenario(toml_file).items) > 10


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('size = "many"', "size"),
        ("size = 0", "size"),
        ('start = "2026-05-01"\nend = "2026-04-01"', "before start"),
        ("colour = 3", "unknown keys colour"),
        ('start = "1st of May"', "not a date"),
        ("size = [", "not a valid scenario spec"),
    ],
)
def test_bad_spec_files_say_what_is_wrong(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as error:
        load_spec(path)
    assert "bad.toml" in str(error.value)


def test_unknown_scenario_name_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError, match="demo"):
        load_spec("nonsense")


def test_open_invoices_paid_outside_their_platform_are_in_the_truth(small: Scenario) -> None:
    open_refs = {item.ref for item in small.open_items}
    paid = [m for m in small.truth.matches if m.item_refs[0] in open_refs]
    assert {m.provider for m in paid} == {"frisbii", "chargebee"}
    assert {m.method for m in paid} == {MatchMethod.REFERENCE, MatchMethod.ONE_TO_ONE}
    entries = {e.ref: e for e in small.bank_entries}
    assert any(entries[m.bank_ref].text.startswith("MobilePay") for m in paid)
    # each open invoice is paid at most once, and its payment is the whole open amount
    assert len({m.item_refs for m in paid}) == len(paid)
    by_ref = {item.ref: item for item in small.open_items}
    assert all(by_ref[m.item_refs[0]].amount == m.amount for m in paid)
