"""Rules for the bank lines that are not platform money: rent, wages, tax, suppliers.

A rule names what such a line looks like (its text contains a phrase or matches a regular
expression, its counterparty, its amount range, money in or out) and a label. A line a rule
catches is set aside: the matcher leaves it alone, the review queue does not show it as open,
and the dashboard counts it apart from the platform money. Pure: the store keeps the rules and
which lines they caught (storage/repos/rules.py), the rules service applies them.
"""

from __future__ import annotations

import enum
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from econdesk.domain.model import BankEntry
from econdesk.domain.money import Money

# The labels offered in the app and on the command line; any other short text is allowed too.
LABELS = ("rent", "wages", "tax", "vat", "bank_fees", "supplier", "transfer", "loan", "other")
LABEL_LIMIT = 60
# How many decisions on lines alike make the app suggest a rule for them.
SUGGEST_AFTER = 2


class RuleError(ValueError):
    """A rule that cannot be kept as given; the message names the field. `problem` keys the
    text in the user's language (econdesk.i18n.rule_labels.PROBLEMS), `values` fill it."""

    def __init__(self, problem: str, message: str, *values: object) -> None:
        super().__init__(message)
        self.problem = problem
        self.values = values


class Sign(enum.StrEnum):
    IN = "in"  # money into the bank account
    OUT = "out"  # money out of it


@dataclass(frozen=True, slots=True)
class BankRule:
    """Every condition given must hold; texts compare without regard to case."""

    label: str
    contains: str = ""  # a phrase in the bank text
    pattern: str = ""  # a regular expression searched in the bank text
    counterparty: str = ""  # a phrase in the payer's or payee's name (bank files)
    minimum: Money | None = None  # the amount's size (without its sign) at least this
    maximum: Money | None = None  # ... and at most this
    sign: Sign | None = None
    id: int = 0  # 0 until stored
    note: str = ""

    def check(self) -> BankRule:
        """The rule itself, or RuleError naming what is wrong."""
        if not self.label.strip() or len(self.label) > LABEL_LIMIT:
            raise RuleError(
                "label", f"label: give a label of 1 to {LABEL_LIMIT} characters", LABEL_LIMIT
            )
        if not (self.contains or self.pattern or self.counterparty or self.amount_bounded):
            raise RuleError(
                "condition",
                "a rule needs a text, a pattern, a counterparty or an amount range to go by",
            )
        if self.pattern:
            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise RuleError(
                    "pattern", f"pattern {self.pattern!r}: {exc}", self.pattern, exc
                ) from None
        low, high = self.minimum, self.maximum
        for name, bound in (("minimum", low), ("maximum", high)):
            if bound is not None and bound.amount < 0:
                size = abs(bound.amount)
                raise RuleError(name, f"{name}: the amount range is of sizes; give {size}", size)
        if low is not None and high is not None:
            if low.currency != high.currency:
                raise RuleError("currencies", "minimum and maximum must be in one currency")
            if low.amount > high.amount:
                raise RuleError("order", f"minimum {low} is above maximum {high}", low, high)
        return self

    @property
    def amount_bounded(self) -> bool:
        return self.minimum is not None or self.maximum is not None

    @property
    def currency(self) -> str | None:
        bound = self.minimum or self.maximum
        return bound.currency if bound is not None else None

    def catches(self, entry: BankEntry) -> bool:
        text = entry.text.casefold()
        if self.contains and self.contains.casefold() not in text:
            return False
        if self.pattern and re.search(self.pattern, entry.text, re.IGNORECASE) is None:
            return False
        name = (entry.counterparty or "").casefold()
        if self.counterparty and self.counterparty.casefold() not in name:
            return False
        if self.sign is Sign.IN and entry.amount.amount <= 0:
            return False
        if self.sign is Sign.OUT and entry.amount.amount >= 0:
            return False
        return self._in_range(entry.amount)

    def _in_range(self, amount: Money) -> bool:
        if not self.amount_bounded:
            return True
        if amount.currency != self.currency:
            return False
        size = abs(amount.amount)
        if self.minimum is not None and size < self.minimum.amount:
            return False
        return self.maximum is None or size <= self.maximum.amount

    def describe(self) -> str:
        """The conditions in a line, for lists and the audit log (English)."""
        parts = []
        if self.contains:
            parts.append(f"text contains {self.contains!r}")
        if self.pattern:
            parts.append(f"text matches /{self.pattern}/")
        if self.counterparty:
            parts.append(f"counterparty {self.counterparty!r}")
        if self.minimum is not None and self.maximum is not None:
            parts.append(f"amount {self.minimum.amount}–{self.maximum}")
        elif self.minimum is not None:
            parts.append(f"amount at least {self.minimum}")
        elif self.maximum is not None:
            parts.append(f"amount at most {self.maximum}")
        if self.sign is not None:
            parts.append(f"money {self.sign.value}")
        return ", ".join(parts)


def first_catching(rules: Sequence[BankRule], entry: BankEntry) -> BankRule | None:
    """The first rule (in the order given: oldest first) that catches the entry."""
    return next((r for r in rules if r.catches(entry)), None)


# -- suggestions from the bookkeeper's own decisions ------------------------------------------


@dataclass(frozen=True, slots=True)
class Decision:
    """A line the bookkeeper set aside by hand (with its label), or whose proposal was rejected
    (label None): evidence that lines like it are not platform money."""

    entry: BankEntry
    label: str | None


@dataclass(frozen=True, slots=True)
class Suggestion:
    rule: BankRule
    evidence: tuple[str, ...]  # the bank refs decided on alike
    would_catch: int  # open lines the rule would set aside now


_WORD = re.compile(r"[^\W\d_]{3,}")  # three letters or more, no digits


def likeness(entry: BankEntry) -> tuple[str, str] | None:
    """What makes lines alike: their counterparty, else the first word of their text.
    ("Husleje marts Fjordgade 12" and "Husleje april Fjordgade 12" are alike.)"""
    if entry.counterparty and entry.counterparty.strip():
        return ("counterparty", entry.counterparty.strip())
    word = _WORD.search(entry.text)
    return ("contains", word.group(0)) if word else None


def suggest(
    decisions: Iterable[Decision],
    rules: Sequence[BankRule],
    open_lines: Sequence[BankEntry],
) -> list[Suggestion]:
    """Rules for lines decided alike SUGGEST_AFTER times or more that no rule catches yet,
    each labelled as most of those decisions were ("other" when all were rejections), most
    evidence first."""
    groups: dict[tuple[str, str], dict[str, Decision]] = defaultdict(dict)
    for decision in decisions:
        key = likeness(decision.entry)
        if key is not None and first_catching(rules, decision.entry) is None:
            groups[(key[0], key[1].casefold())].setdefault(decision.entry.ref, decision)
    found: list[Suggestion] = []
    for (field, _), alike in groups.items():
        if len(alike) < SUGGEST_AFTER:
            continue
        sample = next(iter(alike.values())).entry
        key = likeness(sample)
        assert key is not None
        labels = Counter(d.label for d in alike.values() if d.label)
        label = labels.most_common(1)[0][0] if labels else "other"
        signs = {d.entry.amount.amount > 0 for d in alike.values()}
        sign = (Sign.IN if signs.pop() else Sign.OUT) if len(signs) == 1 else None
        by_name = field == "counterparty"
        rule = BankRule(
            label=label,
            contains="" if by_name else key[1],
            counterparty=key[1] if by_name else "",
            sign=sign,
        )
        caught = sum(1 for e in open_lines if rule.catches(e))
        found.append(Suggestion(rule, tuple(sorted(alike)), caught))
    return sorted(found, key=lambda s: (-len(s.evidence), s.rule.label, s.rule.describe()))
