"""The body of POST /journals/{n}/vouchers, rendered from a Voucher.

The preview shows `voucher_body(voucher)` and posting sends `request_body(vouchers)`, a list of
exactly those objects (bulk creation: docs/economic-api.md#vouchers), so what a bookkeeper saw
is what e-conomic gets. Amounts are Decimal with the currency's decimals (the schema's
`maxDecimal: 2`); the connector writes them as exact JSON numbers. `null` is never written:
e-conomic rejects it, an absent field is how to say "none"
(docs/economic-api.md#resource-shapes).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from econdesk.accounting.currency import RATE_QUANTUM
from econdesk.domain.model import Voucher, VoucherEntryKind, VoucherLine


def _number(account: int) -> dict[str, Any]:
    return {"accountNumber": account}


def entry_body(line: VoucherLine) -> dict[str, Any]:
    """One entry of `entries.financeVouchers[]` or `entries.customerPayments[]`."""
    body: dict[str, Any] = {
        "date": line.entry_date.isoformat(),
        "amount": line.amount.quantized(),
        "currency": {"code": line.amount.currency},
        "text": line.text,
    }
    if line.kind is VoucherEntryKind.CUSTOMER_PAYMENT:
        if line.customer_number is None:
            raise ValueError(f"customer payment without a customer: {line.text!r}")
        body["customer"] = {"customerNumber": line.customer_number}
        if line.customer_invoice is not None:
            body["customerInvoice"] = line.customer_invoice
    else:
        if line.account is None:
            raise ValueError(f"finance voucher without an account: {line.text!r}")
        body["account"] = _number(line.account)
    if line.contra_account is not None:
        body["contraAccount"] = _number(line.contra_account)
    if line.vat_code is not None:
        body["vatAccount"] = {"vatCode": line.vat_code}
    if line.contra_vat_code is not None:
        body["contraVatAccount"] = {"vatCode": line.contra_vat_code}
    if line.exchange_rate is not None:
        body["exchangeRate"] = Decimal(line.exchange_rate).quantize(RATE_QUANTUM)
    if line.amount_base is not None:
        body["amountBaseCurrency"] = line.amount_base.quantized()
    return body


def voucher_body(voucher: Voucher) -> dict[str, Any]:
    """One voucher object: accounting year, journal and its entries by type."""
    entries: dict[str, list[dict[str, Any]]] = {}
    for line in voucher.lines:
        entries.setdefault(line.kind.value, []).append(entry_body(line))
    return {
        "accountingYear": {"year": voucher.accounting_year},
        "journal": {"journalNumber": voucher.journal},
        "entries": entries,
    }


def request_body(vouchers: Iterable[Voucher]) -> list[dict[str, Any]]:
    """The body of one POST carrying many vouchers; e-conomic answers with an array."""
    return [voucher_body(v) for v in vouchers]
