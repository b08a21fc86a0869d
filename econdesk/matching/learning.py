"""What the bookkeeper's decisions taught: bank-text words -> customer, and -> G/L account.

GnuCash's "Bayesian" import map and ERPNext's reuse of earlier IBANs, done conservatively: a
word counts for a customer in proportion to how often, among all approved matches showing that
word, it went to that customer, and only after it has been seen more than once. Rejected
learned proposals count against. The memory is plain data, rebuilt from the stored decisions
(`examples_from_matches`) or kept by the caller; learning never makes a match safe to
auto-approve on its own (the engine enforces that).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from econdesk.domain import BankEntry, Match, MatchMethod, MatchState, Phrase, PlatformItem
from econdesk.i18n.explain import phrase
from econdesk.matching.fee_schedule import FeeSchedule
from econdesk.matching.text import name_form, tokens

MIN_WORD = 3
MAX_EVIDENCE = 0.5  # the most a learned term may add to a score


@dataclass(frozen=True, slots=True)
class Rule:
    """A bookkeeper's rule: bank text showing all `words` belongs to a customer or account.

    `customer` is `provider:customer_id`, as `customer_key` builds it.
    """

    words: tuple[str, ...]
    customer: str | None = None
    account: int | None = None
    note: str = ""

    def applies(self, text_words: frozenset[str]) -> bool:
        return bool(self.words) and all(memory_word(w) in text_words for w in self.words)


@dataclass(frozen=True, slots=True)
class LearningExample:
    """One decision: this bank text belonged (weight > 0) or did not (< 0) to a customer/account."""

    bank_text: str
    customer: str | None = None
    account: int | None = None
    weight: int = 1


@dataclass(frozen=True, slots=True)
class Evidence:
    target: str  # customer key, or the account number as text
    weight: float  # in [0, MAX_EVIDENCE]
    said: Phrase


def memory_word(word: str) -> str:
    return name_form(word.upper())


def memory_words(text: str) -> frozenset[str]:
    """Words worth remembering: letters-bearing, not too short, not reference-like codes."""
    out = set()
    for tok in tokens(text):
        if len(tok) < MIN_WORD or tok.isdigit():
            continue
        if len(tok) > 12 and any(c.isdigit() for c in tok):
            continue  # a payout or transaction id: unique per deposit, teaches nothing
        out.add(name_form(tok))
    return frozenset(out)


def customer_key(item: PlatformItem) -> str | None:
    return f"{item.provider}:{item.customer_id}" if item.customer_id else None


@dataclass(frozen=True, slots=True)
class LearnedMemory:
    customers: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    accounts: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    rules: tuple[Rule, ...] = ()
    # Acquirers' fee schedules fitted on the settlements they stated (fee_schedule.py).
    fee_schedules: tuple[FeeSchedule, ...] = ()

    @property
    def empty(self) -> bool:
        """Nothing learned about who is behind a bank text (fee schedules aside)."""
        return not self.customers and not self.accounts and not self.rules

    def customer_evidence(self, words: frozenset[str]) -> list[Evidence]:
        return self._evidence(words, self.customers, [(r, r.customer) for r in self.rules])

    def account_evidence(self, words: frozenset[str]) -> list[Evidence]:
        rules = [(r, str(r.account) if r.account is not None else None) for r in self.rules]
        return self._evidence(words, self.accounts, rules)

    @staticmethod
    def _evidence(
        words: frozenset[str],
        table: Mapping[str, Mapping[str, int]],
        rules: list[tuple[Rule, str | None]],
    ) -> list[Evidence]:
        # Noisy-or over the words: each word is an independent hint of strength share*confidence.
        miss: dict[str, float] = {}
        seen: dict[str, list[str]] = defaultdict(list)
        for word in sorted(words):
            counts = table.get(word)
            if not counts:
                continue
            total = sum(max(c, 0) for c in counts.values())
            if total < 2:
                continue  # one approval is an anecdote
            confidence = total / (total + 1)
            for target, count in counts.items():
                if count <= 0:
                    continue
                strength = count / total * confidence
                miss[target] = miss.get(target, 1.0) * (1.0 - strength)
                seen[target].append(f"{word}×{count}")
        found = {
            target: Evidence(
                target,
                round((1.0 - m) * MAX_EVIDENCE, 6),
                phrase("learned.words", words=", ".join(seen[target]), target=target),
            )
            for target, m in miss.items()
        }
        for rule, ruled in rules:
            if ruled is not None and rule.applies(words):
                words_text = " + ".join(rule.words)
                said = (
                    phrase("learned.rule_note", words=words_text, target=ruled, note=rule.note)
                    if rule.note
                    else phrase("learned.rule", words=words_text, target=ruled)
                )
                found[ruled] = Evidence(ruled, MAX_EVIDENCE, said)
        return sorted(found.values(), key=lambda e: (-e.weight, e.target))


def learn(memory: LearnedMemory, examples: Iterable[LearningExample]) -> LearnedMemory:
    """A new memory with the examples' evidence added (the old one is left untouched)."""
    customers = {w: dict(c) for w, c in memory.customers.items()}
    accounts = {w: dict(c) for w, c in memory.accounts.items()}
    for example in examples:
        for word in memory_words(example.bank_text):
            if example.customer is not None:
                row = customers.setdefault(word, {})
                row[example.customer] = row.get(example.customer, 0) + example.weight
            if example.account is not None:
                arow = accounts.setdefault(word, {})
                key = str(example.account)
                arow[key] = arow.get(key, 0) + example.weight
    return LearnedMemory(customers, accounts, memory.rules, memory.fee_schedules)


def examples_from_matches(
    matches: Iterable[Match],
    bank_entries: Mapping[str, BankEntry],
    items: Mapping[str, PlatformItem],
) -> list[LearningExample]:
    """Approved and posted matches of one customer teach; rejected learned proposals unteach.

    Payout and settlement matches teach nothing about customers (many customers per deposit).
    """
    out: list[LearningExample] = []
    for m in matches:
        if m.state in (MatchState.APPROVED, MatchState.POSTED):
            weight = 1
        elif m.state is MatchState.REJECTED and m.method is MatchMethod.LEARNED:
            weight = -1
        else:
            continue
        keys = {customer_key(items[r]) for r in m.item_refs if r in items}
        customer = keys.pop() if len(keys) == 1 else None
        if customer is None:
            continue
        for ref in m.bank_refs:
            entry = bank_entries.get(ref)
            if entry is not None:
                text = " ".join(x for x in (entry.text, entry.counterparty) if x)
                out.append(LearningExample(text, customer=customer, weight=weight))
    return out
