"""Bank-line rules over a real store: applied when added and at match time, audited, undone."""

from __future__ import annotations

import pytest

from econdesk.domain.model import MatchState
from econdesk.domain.money import Money
from econdesk.domain.rules import BankRule, Sign
from econdesk.errors import UsageError
from econdesk.sandbox.scenario import load_scenario
from econdesk.services.matching import MatchingService
from econdesk.services.rules import RulesService
from econdesk.services.status import status_report
from econdesk.storage import Database


@pytest.fixture
def filled(db: Database) -> Database:
    """The tiny scenario's lines, on SQLite and on PostgreSQL."""
    scenario = load_scenario("tiny")
    with db.transaction() as store:
        store.bank_entries.upsert_many(scenario.bank_entries)
        store.items.upsert_many(scenario.items)
        store.payouts.upsert_many(scenario.payouts)
    return db


def refs_with(db: Database, phrase: str) -> set[str]:
    with db.reader() as store:
        return {e.ref for e in store.bank_entries.find() if phrase in e.text}


def test_a_rule_sets_aside_the_open_lines_it_catches_and_the_matcher_leaves_them(
    filled: Database,
) -> None:
    rent = refs_with(filled, "Husleje")
    assert rent
    added = RulesService(filled).add(BankRule("rent", contains="husleje", sign=Sign.OUT))
    assert added.caught == len(rent) and added.rule.id > 0
    with filled.reader() as store:
        aside = store.rules.lines()
        assert set(aside) == rent and {a.label for a in aside.values()} == {"rent"}
        (event,) = store.audit_events(action_prefix="rule.added")
        assert event.subjects == (f"rule:{added.rule.id}",)
        assert event.payload["contains"] == "husleje"
        applied = store.audit_events(action_prefix="rule.applied")
        assert set(applied[0].subjects) == {f"rule:{added.rule.id}", *rent}
    # A second rule, then a match run: the wages are set aside before matching, and no
    # proposal holds a line set aside.
    wages = refs_with(filled, "Løn ")
    with filled.transaction() as store:
        stored = store.rules.add(BankRule("wages", pattern=r"^Løn\b"))
    run = MatchingService(filled).run()
    assert run.proposals
    with filled.reader() as store:
        assert set(store.rules.lines()) == rent | wages
        held = {r for m in store.matches.find() for r in m.bank_refs}
        assert not held & (rent | wages)
    counts = {c.rule.label: c.caught for c in RulesService(filled).rules()}
    assert counts == {"rent": len(rent), "wages": len(wages)}
    # `status` counts them apart from the unmatched lines.
    apart = [t for t in status_report(filled).totals if t.state == "set_aside"]
    assert sum(t.count for t in apart) == len(rent | wages)
    assert stored.id in {c.rule.id for c in RulesService(filled).rules()}


def test_removing_or_changing_a_rule_gives_its_lines_back_to_the_queue(filled: Database) -> None:
    service = RulesService(filled)
    rent = refs_with(filled, "Husleje")
    added = service.add(BankRule("rent", contains="husleje"))
    big = Money.of("1000000", "DKK")
    changed = service.change(BankRule("tax", contains="husleje", minimum=big, id=added.rule.id))
    assert changed.caught == 0  # no rent is that large: every line is open again
    with filled.reader() as store:
        assert store.rules.lines() == {}
        (event,) = store.audit_events(action_prefix="rule.changed")
        assert event.payload["before"]["label"] == "rent"
        assert event.payload["after"]["minimum"] == "1000000.00"
        assert set(event.subjects) == {f"rule:{added.rule.id}", *rent}
    changed = service.change(BankRule("rent", contains="husleje", id=added.rule.id))
    assert changed.caught == len(rent)
    removed = service.remove(added.rule.id)
    assert removed.caught == len(rent)
    with filled.reader() as store:
        assert store.rules.lines() == {} and store.rules.all() == []
        (event,) = store.audit_events(action_prefix="rule.removed")
        assert event.payload["released"] == len(rent)
    MatchingService(filled).run()  # the rent is weighed as platform money again, unclaimed
    with pytest.raises(UsageError, match="a rule needs"):
        service.add(BankRule("rent"))
    with filled.reader() as store:
        assert store.rules.all() == []


def test_lines_set_aside_by_hand_and_rejections_suggest_rules(filled: Database) -> None:
    service = RulesService(filled)
    tax = sorted(refs_with(filled, "SKAT "))
    assert len(tax) == 3
    assert service.set_aside(tax[:2], "tax") == tax[:2]
    with filled.reader() as store:
        (event,) = store.audit_events(action_prefix="line.set_aside")
        assert list(event.subjects) == tax[:2] and event.payload == {"label": "tax"}
    (suggestion,) = [s for s in service.suggestions() if s.rule.label == "tax"]
    assert suggestion.rule.contains == "SKAT" and suggestion.rule.sign is Sign.OUT
    assert suggestion.would_catch == len(tax) - 2
    added = service.add(suggestion.rule)
    assert added.caught == len(tax) - 2
    assert not [s for s in service.suggestions() if s.rule.label == "tax"]
    # The bookkeeper's word on a line held by a match is refused; a released line is open.
    MatchingService(filled).run()
    with filled.reader() as store:
        held = next(m for m in store.matches.find(states=[MatchState.PROPOSED]))
    with pytest.raises(UsageError, match="a match holds"):
        service.set_aside([held.bank_refs[0]], "other")
    assert service.release([tax[0]]) == [tax[0]]
    with filled.reader() as store:
        assert tax[0] not in store.rules.lines()
        assert store.audit_events(action_prefix="line.released")[0].subjects == (tax[0],)
