"""Where a sale (a payment, refund or chargeback) is booked: one rule for every voucher.

A payout's voucher and a daily sales summary book a sale the same way: to the e-conomic
customer its platform customer is mapped to (a customer payment), else to its plan's revenue
account, else to the default revenue account. The VAT code follows what the platform says
about the sale (`[[vat.codes]]`, sale_vat.py); the plan's code, or the default's, is only the
fallback.
"""

from __future__ import annotations

from dataclasses import dataclass

from econdesk.accounting.sale_vat import PlanCode, SaleVatChoice, choose_sale_vat_code
from econdesk.domain.booking import VatRule
from econdesk.domain.model import Mappings, PlatformItem

_NO_CODE = PlanCode(None, False)


@dataclass(frozen=True, slots=True)
class SaleDestination:
    """A mapped customer (`customer`), or a revenue account with the VAT code its mapping
    gives (`plan_code`: the plan's, explicit, or the default's fallback)."""

    customer: int | None = None
    account: int | None = None
    plan_code: PlanCode = _NO_CODE

    def vat(self, item: PlatformItem, rules: tuple[VatRule, ...]) -> SaleVatChoice:
        """The VAT code of `item`'s revenue line, or why its sale cannot be posted."""
        return choose_sale_vat_code(item, rules, self.plan_code)


def sale_destination(
    mappings: Mappings, provider: str, item: PlatformItem, *, customers: bool = True
) -> SaleDestination | None:
    """Where `item` is booked, or None when neither its plan nor a default is mapped;
    `customers=False` books it as a sale even for a mapped customer."""
    customer = mappings.customer_number(provider, item.customer_id) if customers else None
    if customer is not None:
        return SaleDestination(customer=customer)
    plan = mappings.plan(provider, item.plan)
    if plan is not None:
        return SaleDestination(
            account=plan.revenue_account, plan_code=PlanCode(plan.vat_code, True, plan.plan)
        )
    if mappings.default_revenue_account is not None:
        return SaleDestination(
            account=mappings.default_revenue_account,
            plan_code=PlanCode(mappings.default_vat_code, False),
        )
    return None
