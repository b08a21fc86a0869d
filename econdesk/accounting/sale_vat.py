"""The VAT code of a sale's revenue line: what the platform says first, the plan's after.

The platform's facts about a sale (`PlatformItem.vat`: rate, OSS country, reverse charge)
name the agreement's VAT code through `[[vat.codes]]` (`vat_code_for`). The plan's code is
only the fallback for a sale the platform says nothing about. A sale the rules cannot name,
or whose named code differs from the code its plan maps to, is not guessed: its match is not
posted, and the reason names the item and the facts (docs/booking-modes.md, "VAT from the
sale").

Without any `[[vat.codes]]` rule an agreement books as before: the plan's code, with the
builder's warning when the platform's VAT amount differs from that code's rate. A sale under
another country's VAT (OSS) or under reverse charge needs a rule all the same, since no
domestic code can be right for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from econdesk.domain.booking import SaleVatFacts, VatRule, vat_code_for
from econdesk.domain.model import PlatformItem
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import Message, say


@dataclass(frozen=True, slots=True)
class PlanCode:
    """The VAT code the mappings give an item's revenue: its plan's (`explicit`), or the
    default revenue account's fallback code."""

    code: str | None
    explicit: bool
    plan: str | None = None


@dataclass(frozen=True, slots=True)
class SaleVatChoice:
    code: str | None
    problem: Message | None = None  # why the item's sale cannot be posted; None when it can


def _said(item: PlatformItem, facts: SaleVatFacts) -> Message:
    return say(QT_TRANSLATE_NOOP("CLI", "{0}: the platform says {1}"), item.ref, facts.describe())


def choose_sale_vat_code(
    item: PlatformItem, rules: tuple[VatRule, ...], plan: PlanCode
) -> SaleVatChoice:
    """The VAT code for `item`'s revenue line, or the problem that keeps it from posting."""
    facts = item.vat
    if facts is None:
        return SaleVatChoice(plan.code)
    if not rules:
        if facts.country or facts.reverse_charge:
            no_rule = QT_TRANSLATE_NOOP("CLI", "{0}, and no [[vat.codes]] rule gives its VAT code")
            return SaleVatChoice(plan.code, say(no_rule, _said(item, facts)))
        return SaleVatChoice(plan.code)
    code = vat_code_for(rules, facts)
    if code is None:
        unnamed = QT_TRANSLATE_NOOP("CLI", "{0}; no [[vat.codes]] rule names these facts")
        return SaleVatChoice(plan.code, say(unnamed, _said(item, facts)))
    if plan.explicit and plan.code is not None and plan.code != code:
        clash = QT_TRANSLATE_NOOP(
            "CLI", "{0} (VAT code {1} by [[vat.codes]]), but plan {2} maps to VAT code {3}"
        )
        return SaleVatChoice(
            code, say(clash, _said(item, facts), code, plan.plan or "?", plan.code)
        )
    return SaleVatChoice(code)
