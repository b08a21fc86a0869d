"""Open invoices as platform items: how their ids are formed and read back.

An invoice a platform still waits for is an item `<provider>:invoice-<number>` of kind
INVOICE (`frisbii:invoice-inv-1614`, `chargebee:invoice-10042`); its amount is what is open.
The prefix keeps it apart from the platform's transactions, whose ids never start with it.
"""

from __future__ import annotations

from typing import Final

OPEN_INVOICE_PREFIX: Final = "invoice-"
# e-conomic's own booked invoices (connectors/economic/open_invoices.py). A transfer paying one
# is booked as what was paid against it: less leaves the rest open, more the customer's credit.
ECONOMIC_INVOICES: Final = "economic"


def pays_what_was_paid(provider: str) -> bool:
    """Whether a transfer paying this provider's open invoice books what it paid (part
    payments and overpayments allowed), not the invoice's open amount."""
    return provider == ECONOMIC_INVOICES


def open_invoice_id(number: str) -> str:
    """The item's external id for the platform's invoice `number` (handle or id)."""
    if not number:
        raise ValueError("an open invoice needs its number")
    return f"{OPEN_INVOICE_PREFIX}{number}"


def invoice_of(external_id: str) -> str | None:
    """The invoice number inside an open invoice's external id; None for any other item."""
    if external_id.startswith(OPEN_INVOICE_PREFIX) and len(external_id) > len(OPEN_INVOICE_PREFIX):
        return external_id[len(OPEN_INVOICE_PREFIX) :]
    return None
