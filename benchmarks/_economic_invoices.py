"""e-conomic's own booked invoices and the bank transfers paying them, beside a scenario.

The scenario generator has no e-conomic invoices of its own, so this draws them from a seed:
invoices to the scenario's customers (their names, as e-conomic's `recipient.name`), each paid
by one transfer written the ways Danish payers write them, or not paid at all. The invoices are
the open items the sync would store (`connectors/economic/open_invoices.py`), the transfers
booked bank entries; the truth is which transfer pays which invoice.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from econdesk.connectors.economic.models import BookedInvoice
from econdesk.connectors.economic.open_invoices import open_invoice_to_item
from econdesk.domain import BankEntry, BankEntryOrigin, PlatformItem
from econdesk.domain.money import Money
from econdesk.sandbox.scenario import Scenario

FIRST_NUMBER = 30_001
# (how the payer wrote it, share of invoices); the rest are not paid in the period
STYLES = (
    ("named", 0.45),  # "Faktura 30017", "fakt. 30017", "FAKTURANR 030017 NAME"
    ("bare", 0.08),  # "NAME 30017": the number without a word for invoice
    ("name", 0.22),  # the exact remainder, the customer's name, no number
    ("part", 0.10),  # less than the remainder, number after a word for invoice
    ("over", 0.05),  # more than the remainder, number after a word for invoice
)
_NAMED = ("Faktura {n}", "fakt. {n}", "FAKTURANR 0{n} {name}", "Betaling af faktura {n}",
          "{name} Fakt.nr. {n}", "Invoice {n}")  # fmt: skip


@dataclass(frozen=True, slots=True)
class EconomicInvoices:
    items: list[PlatformItem]
    bank_entries: list[BankEntry]
    truth: dict[str, str]  # bank ref -> the open invoice's item ref it pays


def economic_invoices(scenario: Scenario, seed: int, count: int) -> EconomicInvoices:
    rng = random.Random(f"economic-invoices:{seed}")
    start, end = scenario.spec.start, scenario.spec.end
    span = max(1, (end - start).days - 45)
    customers = scenario.customers
    out = EconomicInvoices([], [], {})
    for k in range(count):
        who = customers[rng.randrange(len(customers))]
        issued = start + timedelta(days=rng.randrange(span))
        gross = Money.from_minor(rng.randint(20_000, 2_500_000) // 100 * 100, "DKK")
        number = FIRST_NUMBER + k
        item = open_invoice_to_item(
            BookedInvoice(
                number, 10_001 + who.index, issued, "DKK", gross.amount, gross.amount,
                due_date=issued + timedelta(days=14), recipient_name=who.name,
            )
        )  # fmt: skip
        assert item is not None
        out.items.append(item)
        style = _style(rng)
        if style is None:
            continue
        paid_on = issued + timedelta(days=rng.randint(3, 40))
        entry = BankEntry(
            BankEntryOrigin.BOOKED, f"einv{seed}-{k}", 5820, paid_on,
            _paid(rng, style, gross), _text(rng, style, number, who.name),
        )  # fmt: skip
        out.bank_entries.append(entry)
        out.truth[entry.ref] = item.ref
    return out


def _style(rng: random.Random) -> str | None:
    roll = rng.random()
    for style, share in STYLES:
        if roll < share:
            return style
        roll -= share
    return None


def _paid(rng: random.Random, style: str, gross: Money) -> Money:
    if style == "part":
        return Money.from_minor(gross.to_minor() * rng.choice((30, 50, 60)) // 100, "DKK")
    if style == "over":
        return gross + Money.from_minor(rng.choice((100, 2_500, 10_000)), "DKK")
    return gross


def _text(rng: random.Random, style: str, number: int, name: str) -> str:
    if style == "bare":
        return f"{name.upper()} {number}"
    if style == "name":
        return f"Overførsel {name.upper()}"
    return rng.choice(_NAMED).format(n=number, name=name.upper())
