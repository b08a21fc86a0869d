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
    problem: str | None = None  # why the item's sale cannot be posted; None when it can


def _said(item: PlatformItem, facts: SaleVatFacts) -> str:
    return f"{item.ref}: the platform says {facts.describe()}"


def choose_sale_vat_code(
    item: PlatformItem, rules: tuple[VatRule, ...], plan: PlanCode
) -> SaleVatChoice:
    """The VAT code for `item`'s revenue line, or the problem that keeps it from posting."""
    facts = item.vat
    if facts is None:
        return SaleVatChoice(plan.code)
    if not rules:
        if facts.country or facts.reverse_charge:
            return SaleVatChoice(
                plan.code, f"{_said(item, facts)}, and no [[vat.codes]] rule gives its VAT code"
            )
        return SaleVatChoice(plan.code)
    code = vat_code_for(rules, facts)
    if code is None:
        return SaleVatChoice(
            plan.code, f"{_said(item, facts)}; no [[vat.codes]] rule names these facts"
        )
    if plan.explicit and plan.code is not None and plan.code != code:
        return SaleVatChoice(
            code,
            f"{_said(item, facts)} (VAT code {code} by [[vat.codes]]), but plan "
            f"{plan.plan or '?'} maps to VAT code {plan.code}",
        )
    return SaleVatChoice(code)


def vat_problems_message(problems: list[str], limit: int = 5) -> str:
    """One line naming the first few items whose VAT facts keep the match from posting."""
    shown = "; ".join(problems[:limit])
    more = f"; and {len(problems) - limit} more" if len(problems) > limit else ""
    return f"the sale's VAT cannot be booked: {shown}{more}"
