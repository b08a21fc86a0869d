"""Rules for the bank lines that are not platform money, as a use case.

- `add`, `change`, `remove` keep the rules (econdesk.domain.rules); each is audited
  (`rule.added`, `rule.changed`, `rule.removed`) in the transaction that makes it. Adding or
  changing a rule applies it at once to the open lines; removing one (or changing what it
  catches) gives the lines it set aside back to the review queue.
- `apply_rules(store)` sets aside every open bank line (no live match claims it) a rule
  catches; the matching run calls it before it reads what is open (`rule.applied`).
- `set_aside` / `release` are the bookkeeper's own decision on single lines (`line.set_aside`,
  `line.released`); those decisions, and rejected proposals, are what `suggestions` learns
  from: lines decided alike again and again get a rule suggested.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from econdesk.domain.model import BankEntry
from econdesk.domain.rules import (
    BankRule,
    Decision,
    RuleError,
    Suggestion,
    first_catching,
    suggest,
)
from econdesk.errors import UsageError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say
from econdesk.i18n.rule_labels import problem_source

if TYPE_CHECKING:
    from econdesk.storage import Database, Store


@dataclass(frozen=True, slots=True)
class RuleCount:
    rule: BankRule
    caught: int  # lines the rule has set aside


def rule_subject(rule_id: int) -> str:
    return f"rule:{rule_id}"


def rule_payload(rule: BankRule) -> dict[str, Any]:
    """The rule as the audit log and `rules list --json` show it; amounts as strings."""
    return {
        "id": rule.id,
        "label": rule.label,
        "contains": rule.contains or None,
        "pattern": rule.pattern or None,
        "counterparty": rule.counterparty or None,
        "minimum": None if rule.minimum is None else rule.minimum.format(),
        "maximum": None if rule.maximum is None else rule.maximum.format(),
        "currency": rule.currency,
        "sign": None if rule.sign is None else rule.sign.value,
        "note": rule.note,
    }


def open_lines(store: Store) -> list[BankEntry]:
    """The bank lines no live match claims and nothing set aside yet."""
    aside = store.rules.lines()
    return [e for e in store.bank_entries.unmatched() if e.ref not in aside]


def apply_rules(store: Store, rules: Sequence[BankRule] | None = None) -> dict[int, list[str]]:
    """Set aside the open lines the rules catch (each by the first, oldest rule catching it);
    returns rule id -> the refs it set aside now. Audited when any were."""
    rules = store.rules.all() if rules is None else rules
    if not rules:
        return {}
    caught: dict[int, list[str]] = {}
    for entry in open_lines(store):
        rule = first_catching(rules, entry)
        if rule is not None:
            caught.setdefault(rule.id, []).append(entry.ref)
    labels = {r.id: r.label for r in rules}
    for rule_id, refs in caught.items():
        store.rules.set_aside(refs, labels[rule_id], rule_id)
    if caught:
        refs = [r for found in caught.values() for r in found]
        subjects = [*(rule_subject(i) for i in caught), *refs]
        counts = {str(i): len(found) for i, found in caught.items()}
        store.record("rule.applied", subjects, {"caught": counts})
    return caught


class RulesService:
    def __init__(self, database: Database) -> None:
        self.database = database

    # -- reading -------------------------------------------------------------------------------
    def rules(self) -> list[RuleCount]:
        with self.database.reader() as store:
            counts = store.rules.caught_counts()
            return [RuleCount(r, counts.get(r.id, 0)) for r in store.rules.all()]

    def suggestions(self) -> list[Suggestion]:
        """Rules for lines the bookkeeper set aside by hand or rejected proposals for, again
        and again, that no rule catches yet."""
        with self.database.reader() as store:
            return suggest(_decisions(store), store.rules.all(), open_lines(store))

    # -- changing ------------------------------------------------------------------------------
    def add(self, rule: BankRule) -> RuleCount:
        """Keep the rule and set aside the open lines it catches."""
        _checked(rule)
        with self.database.transaction() as store:
            stored = store.rules.add(rule)
            store.record("rule.added", [rule_subject(stored.id)], rule_payload(stored))
            caught = apply_rules(store, [stored]).get(stored.id, [])
            return RuleCount(stored, len(caught))

    def change(self, rule: BankRule) -> RuleCount:
        """Change what a rule catches or its label: the lines it set aside are looked at again
        (released, then caught anew by whichever rule catches them now)."""
        _checked(rule)
        with self.database.transaction() as store:
            before = store.rules.get(rule.id)
            stored = store.rules.replace(rule)
            released = store.rules.release(store.rules.caught_by(rule.id))
            store.record(
                "rule.changed",
                [rule_subject(rule.id), *released],
                {"before": rule_payload(before), "after": rule_payload(stored)},
            )
            caught = apply_rules(store)
            return RuleCount(stored, len(caught.get(stored.id, [])))

    def remove(self, rule_id: int) -> RuleCount:
        """Remove the rule; the lines it set aside are open again."""
        with self.database.transaction() as store:
            rule = store.rules.get(rule_id)
            released = store.rules.caught_by(rule_id)
            store.rules.remove(rule_id)
            payload = {**rule_payload(rule), "released": len(released)}
            store.record("rule.removed", [rule_subject(rule_id), *released], payload)
            return RuleCount(rule, len(released))

    def apply(self) -> dict[int, list[str]]:
        with self.database.transaction() as store:
            return apply_rules(store)

    # -- single lines --------------------------------------------------------------------------
    def set_aside(self, refs: Iterable[str], label: str) -> list[str]:
        """The bookkeeper's word: these open lines are not platform money."""
        wanted = list(dict.fromkeys(refs))
        if not label.strip():
            raise UsageError(say(QT_TRANSLATE_NOOP("CLI", "give a label, e.g. rent, wages or tax")))
        with self.database.transaction() as store:
            known = store.bank_entries.get_many(wanted)
            missing = [r for r in wanted if r not in known]
            if missing:
                raise UsageError(
                    say(QT_TRANSLATE_NOOP("CLI", "no such bank line: {0}"), ", ".join(missing))
                )
            unclaimed = {e.ref for e in store.bank_entries.unmatched()}
            held = [r for r in wanted if r not in unclaimed]
            if held:
                held_text = QT_TRANSLATE_NOOP("CLI", "a match holds {0}: reject it first")
                raise UsageError(say(held_text, ", ".join(held)))
            new = store.rules.set_aside(wanted, label.strip())
            if new:
                store.record("line.set_aside", new, {"label": label.strip()})
            return new

    def release(self, refs: Iterable[str]) -> list[str]:
        """These lines are open again (until a rule catches them at the next match run)."""
        with self.database.transaction() as store:
            released = store.rules.release(refs)
            if released:
                store.record("line.released", released, {})
            return released


def _checked(rule: BankRule) -> BankRule:
    """The rule, or a usage error saying what is wrong in the user's language."""
    try:
        return rule.check()
    except RuleError as exc:
        raise UsageError(say(problem_source(exc), *exc.values)) from None


def _decisions(store: Store) -> list[Decision]:
    """Lines set aside by hand (with their label) and lines whose proposals were rejected and
    are still open."""
    by_hand = {r: a.label for r, a in store.rules.lines().items() if a.rule_id is None}
    rejected = {bank for bank, _item in store.rejected_pairs.all_pairs()}
    entries = store.bank_entries.get_many(by_hand.keys() | rejected)
    still_open = {e.ref for e in open_lines(store)}
    found = [Decision(entries[r], label) for r, label in by_hand.items() if r in entries]
    found += [
        Decision(entries[r], None)
        for r in sorted(rejected)
        if r in entries and r in still_open and r not in by_hand
    ]
    return found
