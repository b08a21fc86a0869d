"""The bank-line rules and the lines set aside as not platform money (by a rule or by hand).

Only storage: which lines a rule catches is decided by `econdesk.domain.rules`, and what is
applied when by `econdesk.services.rules`; every change there is audited in the same
transaction as the rows written here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from econdesk.domain.money import Money
from econdesk.domain.rules import BankRule, Sign
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say
from econdesk.storage.audit import ACTOR_KEY
from econdesk.storage.errors import NotFoundError
from econdesk.storage.models import BankRuleRow, SetAsideRow

CHUNK = 500  # refs per IN (...) query


@dataclass(frozen=True, slots=True)
class SetAside:
    """A bank line that is not platform money, with its label and the rule that caught it
    (None: set aside by hand)."""

    bank_ref: str
    label: str
    rule_id: int | None
    set_by: str = ""


def _to_rule(row: BankRuleRow) -> BankRule:
    cur = row.currency or "DKK"
    return BankRule(
        id=row.id,
        label=row.label,
        contains=row.contains,
        pattern=row.pattern,
        counterparty=row.counterparty,
        minimum=None if row.min_minor is None else Money.from_minor(row.min_minor, cur),
        maximum=None if row.max_minor is None else Money.from_minor(row.max_minor, cur),
        sign=None if row.sign is None else Sign(row.sign),
        note=row.note,
    )


def _fill(row: BankRuleRow, rule: BankRule) -> None:
    row.label = rule.label
    row.contains = rule.contains
    row.pattern = rule.pattern
    row.counterparty = rule.counterparty
    row.min_minor = None if rule.minimum is None else rule.minimum.to_minor()
    row.max_minor = None if rule.maximum is None else rule.maximum.to_minor()
    row.currency = rule.currency
    row.sign = None if rule.sign is None else rule.sign.value
    row.note = rule.note


class BankRuleRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def _actor(self) -> str:
        return str(self.session.info.get(ACTOR_KEY) or "unknown")

    # -- rules ------------------------------------------------------------------------------
    def all(self) -> list[BankRule]:
        """Every rule, oldest first (the order in which they are tried)."""
        rows = self.session.scalars(select(BankRuleRow).order_by(BankRuleRow.id))
        return [_to_rule(r) for r in rows]

    def get(self, rule_id: int) -> BankRule:
        row = self.session.get(BankRuleRow, rule_id)
        if row is None:
            raise NotFoundError(say(QT_TRANSLATE_NOOP("CLI", "no rule {0}"), rule_id))
        return _to_rule(row)

    def add(self, rule: BankRule) -> BankRule:
        row = BankRuleRow(created_at=datetime.now(UTC), created_by=self._actor)
        _fill(row, rule)
        self.session.add(row)
        self.session.flush()
        return _to_rule(row)

    def replace(self, rule: BankRule) -> BankRule:
        row = self.session.get(BankRuleRow, rule.id)
        if row is None:
            raise NotFoundError(say(QT_TRANSLATE_NOOP("CLI", "no rule {0}"), rule.id))
        _fill(row, rule)
        self.session.flush()
        return _to_rule(row)

    def remove(self, rule_id: int) -> None:
        """Remove the rule; the lines it set aside are no longer set aside."""
        self.get(rule_id)
        self.session.execute(delete(SetAsideRow).where(SetAsideRow.rule_id == rule_id))
        self.session.execute(delete(BankRuleRow).where(BankRuleRow.id == rule_id))

    def caught_counts(self) -> dict[int, int]:
        """Rule id -> how many lines it has set aside."""
        rows = self.session.execute(
            select(SetAsideRow.rule_id, func.count())
            .where(SetAsideRow.rule_id.is_not(None))
            .group_by(SetAsideRow.rule_id)
        )
        return {int(rule_id): int(n) for rule_id, n in rows if rule_id is not None}

    # -- the lines set aside -----------------------------------------------------------------
    def set_aside(self, refs: Iterable[str], label: str, rule_id: int | None = None) -> list[str]:
        """Set these lines aside (those not set aside already); returns the refs newly set."""
        wanted = list(dict.fromkeys(refs))
        have = self.lines(wanted).keys()
        new = [r for r in wanted if r not in have]
        now, actor = datetime.now(UTC), self._actor
        self.session.add_all(
            SetAsideRow(bank_ref=r, rule_id=rule_id, label=label, set_at=now, set_by=actor)
            for r in new
        )
        self.session.flush()
        return new

    def release(self, refs: Iterable[str]) -> list[str]:
        """The lines are platform money after all (or may be): no longer set aside."""
        found = list(self.lines(refs))
        for start in range(0, len(found), CHUNK):
            part = found[start : start + CHUNK]
            self.session.execute(delete(SetAsideRow).where(SetAsideRow.bank_ref.in_(part)))
        return found

    def caught_by(self, rule_id: int) -> list[str]:
        rows = self.session.scalars(
            select(SetAsideRow.bank_ref)
            .where(SetAsideRow.rule_id == rule_id)
            .order_by(SetAsideRow.bank_ref)
        )
        return list(rows)

    def lines(self, refs: Iterable[str] | None = None) -> dict[str, SetAside]:
        """Ref -> how it was set aside: of these refs, or every line set aside."""
        query = select(SetAsideRow)
        if refs is None:
            rows = list(self.session.scalars(query))
        else:
            wanted = list(dict.fromkeys(refs))
            rows = []
            for start in range(0, len(wanted), CHUNK):
                part = wanted[start : start + CHUNK]
                rows.extend(self.session.scalars(query.where(SetAsideRow.bank_ref.in_(part))))
        return {r.bank_ref: SetAside(r.bank_ref, r.label, r.rule_id, r.set_by) for r in rows}
