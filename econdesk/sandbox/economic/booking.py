"""Booking drafts: the Journals API's `POST /journals/{n}/bookdraftentries` (204, no body).

Books exactly the listed draft entries (docs/economic-api.md#booking-drafts). Refused with
`application/problem+json` when an entry is not a draft of that journal, when the list holds
only part of a voucher, when a voucher does not balance, or when its year is closed.

Each draft becomes booked entries: `amount` on the account (for a customer payment, the debtor
collective account, marked with the customer) and its opposite on the contra account. An entry
with a VAT code carries the amount including VAT: the VAT part, gross x rate / (100 + rate)
rounded to øre, goes to the code's VAT account (docs/accounting.md#vat-on-gross-amounts).
A reverse-charge code (one with a contra account, e.g. services bought in the EU) charges no
VAT inside the amount: the entry keeps its whole amount, and amount x rate / 100 is booked on
the code's account (deductible) and, opposite, on its contra account (payable), netting to
zero (docs/booking-modes.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from econdesk.sandbox.economic.errors import problem
from econdesk.sandbox.economic.invoices import lower_remainder
from econdesk.sandbox.economic.store import CENT, Booked, Draft, EconomicData
from econdesk.sandbox.server import Response


def _vat_part(gross: Decimal, rate: Decimal) -> Decimal:
    if rate == 0:
        return Decimal(0)
    return (gross * rate / (100 + rate)).quantize(CENT, ROUND_HALF_UP)


def book_draft_entries(data: EconomicData, journal: int, body: Any) -> Response:
    """Validate and book; the caller holds `data.lock`."""
    numbers = body.get("entryNumbers") if isinstance(body, dict) else None
    if (
        not isinstance(numbers, list)
        or not numbers
        or not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers)
    ):
        return problem(
            400,
            "One or more validation errors occurred.",
            errors=[
                {
                    "property": "entryNumbers",
                    "message": "entryNumbers must be a non-empty list of integers.",
                    "errorCode": "E0001",
                }
            ],
        )
    drafts, errors = _listed_drafts(data, journal, numbers)
    if errors:
        return problem(400, "One or more validation errors occurred.", errors=errors)
    vouchers: dict[tuple[str, int], list[Draft]] = {}
    for draft in drafts:
        vouchers.setdefault((draft.year, draft.voucher_number), []).append(draft)
    errors = _unbookable(data, journal, vouchers, set(numbers))
    if errors:
        return problem(400, "The draft entries cannot be booked.", errors=errors)
    for (_, _), mine in sorted(vouchers.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        for draft in sorted(mine, key=lambda d: d.journal_entry_number):
            data.book_many(_legs(data, draft))
            if draft.customer_invoice is not None:
                # A customer payment names the invoice it pays: booked, it lowers that
                # invoice's remainder (a negative amount credits the customer).
                lower_remainder(data, draft.customer_invoice, -draft.amount)
    data.remove_drafts(numbers)
    data.booked_batches.append((journal, tuple(numbers)))
    return Response(204)


def _listed_drafts(
    data: EconomicData, journal: int, numbers: list[int]
) -> tuple[list[Draft], list[dict[str, Any]]]:
    """(the drafts the numbers name, an error for each number that names none in `journal`)."""
    errors: list[dict[str, Any]] = []
    drafts: list[Draft] = []
    for i, number in enumerate(numbers):
        draft = data.drafts.get(number)
        if draft is None or draft.journal != journal:
            errors.append(
                {
                    "property": f"entryNumbers[{i}]",
                    "errorCode": "E0002",
                    "message": f"Draft entry {number} does not exist in journal {journal}.",
                }
            )
        else:
            drafts.append(draft)
    return drafts, errors


def _unbookable(
    data: EconomicData,
    journal: int,
    vouchers: dict[tuple[str, int], list[Draft]],
    listed: set[int],
) -> list[dict[str, Any]]:
    """Why these vouchers cannot be booked: part of a voucher left out, a voucher that does
    not balance, a closed or missing year."""
    errors: list[dict[str, Any]] = []
    for (year, number), mine in vouchers.items():
        rest = [
            d.journal_entry_number
            for d in data.drafts_in(journal)
            if (d.year, d.voucher_number) == (year, number) and d.journal_entry_number not in listed
        ]
        if rest:
            errors.append(
                {
                    "property": "entryNumbers",
                    "errorCode": "E0003",
                    "message": f"Voucher {number} ({year}) also has draft entries {rest}; "
                    "book a voucher whole.",
                }
            )
        off = sum((d.amount_base for d in mine if d.contra_account is None), Decimal(0))
        if off != 0:
            errors.append(
                {
                    "property": "entryNumbers",
                    "errorCode": "E0004",
                    "message": f"Voucher {number} ({year}) does not balance: off by {off}.",
                }
            )
        known_year = data.year_named(year)
        if known_year is None or known_year.closed:
            errors.append(
                {
                    "property": "entryNumbers",
                    "errorCode": "E0005",
                    "message": f"Accounting year {year} is closed or missing.",
                }
            )
    return errors


def _legs(data: EconomicData, d: Draft) -> list[Booked]:
    """The booked entries one draft becomes, debit side first."""
    legs: list[Booked] = []
    debit_account = d.account if d.account is not None else data.debtors_account
    sides: Sequence[tuple[int | None, Decimal, Decimal, str | None, int | None]] = (
        (debit_account, d.amount, d.amount_base, d.vat_code, d.customer),
        (d.contra_account, -d.amount, -d.amount_base, d.contra_vat_code, None),
    )
    for account, amount, base, vat_code, customer in sides:
        if account is None:
            continue
        vat_amount = vat_base = Decimal(0)
        vat_account: int | None = None
        if vat_code is not None and data.vat_accounts[vat_code].contra_account is not None:
            legs.extend(
                _reverse_charge(
                    data,
                    d,
                    account=account,
                    amount=amount,
                    base=base,
                    vat_code=vat_code,
                    customer=customer,
                )
            )
            continue
        if vat_code is not None:
            vat = data.vat_accounts[vat_code]
            vat_amount, vat_base = _vat_part(amount, vat.rate), _vat_part(base, vat.rate)
            vat_account = vat.account
        legs.append(
            _booked(
                data,
                d,
                account,
                amount=amount - vat_amount,
                base=base - vat_base,
                vat_code=vat_code,
                customer=customer,
            )
        )
        if vat_account is not None and (vat_amount or vat_base):
            legs.append(
                _booked(
                    data,
                    d,
                    vat_account,
                    amount=vat_amount,
                    base=vat_base,
                    vat_code=None,
                    customer=None,
                )
            )
    return legs


def _reverse_charge(
    data: EconomicData,
    d: Draft,
    *,
    account: int,
    amount: Decimal,
    base: Decimal,
    vat_code: str,
    customer: int | None,
) -> list[Booked]:
    """The whole amount on the account, and its VAT on the code's account and contra account."""
    vat = data.vat_accounts[vat_code]
    assert vat.contra_account is not None
    vat_amount = (amount * vat.rate / 100).quantize(CENT, ROUND_HALF_UP)
    vat_base = (base * vat.rate / 100).quantize(CENT, ROUND_HALF_UP)
    legs = [
        _booked(data, d, account, amount=amount, base=base, vat_code=vat_code, customer=customer)
    ]
    if vat_amount or vat_base:
        for vat_account, sign in ((vat.account, 1), (vat.contra_account, -1)):
            legs.append(
                _booked(
                    data,
                    d,
                    vat_account,
                    amount=sign * vat_amount,
                    base=sign * vat_base,
                    vat_code=None,
                    customer=None,
                )
            )
    return legs


def _booked(
    data: EconomicData,
    d: Draft,
    account: int,
    *,
    amount: Decimal,
    base: Decimal,
    vat_code: str | None,
    customer: int | None,
) -> Booked:
    return Booked(
        entry_number=data.take_entry_number(),
        year=d.year,
        account=account,
        day=d.day,
        amount=amount,
        amount_base=base,
        currency=d.currency,
        text=d.text,
        entry_type=d.entry_type,
        voucher_number=d.voucher_number,
        customer=customer,
        vat_code=vat_code,
    )
