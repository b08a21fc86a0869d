"""`POST /v1/invoice/{id}/manual_settle`: an invoice paid outside Frisbii marked settled.

As Frisbii documents it: a JSON `ManualSettleTransfer` with `method` (`cash`, `bank_transfer`,
`check`, `other`) and `payment_date` (`yyyy-MM-dd`, `yyyyMMdd`, `yyyy-MM-ddTHH:mm` or
`yyyy-MM-ddTHH:mm:ss`), optional `reference` and `comment`; the answer is the invoice, now
`settled` with a `manual` transaction holding `manual_transaction{method, reference,
payment_date}`. Only an invoice that waits for money (pending, dunning) can be settled.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from econdesk.sandbox.frisbii.wire import ACCOUNT_TZ, error_body
from econdesk.sandbox.listing import Listing
from econdesk.sandbox.server import Request, Response, json_response

METHODS = frozenset({"cash", "bank_transfer", "check", "other"})
_DATE_FORMATS = ("%Y-%m-%d", "%Y%m%d", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S")
SETTLEABLE = frozenset({"pending", "dunning"})


def _payment_date(text: object) -> datetime | None:
    for form in _DATE_FORMATS:
        try:
            return datetime.strptime(str(text), form).replace(tzinfo=ACCOUNT_TZ)
        except ValueError:
            continue
    return None


def manual_settle(listing: Listing, invoice_ids: Mapping[str, str], request: Request) -> Response:
    """Settle the invoice `request` names (by id or handle) in `listing`, Frisbii's invoices."""
    key = request.params["id"]
    handle = invoice_ids.get(key, key)
    invoice = listing.get(handle)
    if invoice is None:
        return error_body(request, 404, f"Invoice not found: {key}")
    try:
        body: Any = request.json()
    except ValueError:
        return error_body(request, 400, "Request body is not valid JSON")
    if not isinstance(body, dict) or body.get("method") not in METHODS:
        return error_body(request, 400, f"method must be one of {', '.join(sorted(METHODS))}")
    paid = _payment_date(body.get("payment_date"))
    if paid is None:
        return error_body(request, 400, "payment_date must be yyyy-MM-dd (or with a time)")
    if invoice["state"] not in SETTLEABLE:
        return error_body(request, 400, f"Invoice in state {invoice['state']} cannot be settled")
    open_amount = int(invoice["amount"]) - int(invoice.get("settled_amount", 0))
    when = paid.isoformat(timespec="milliseconds")
    transaction = {
        "id": uuid.uuid5(uuid.NAMESPACE_URL, f"manual/{handle}").hex,
        "state": "settled",
        "invoice": handle,
        "type": "settle",
        "amount": open_amount,
        "currency": invoice["currency"],
        "created": when,
        "settled": when,
        "payment_type": "manual",
        "manual_transaction": {
            "method": body["method"],
            "reference": body.get("reference"),
            "payment_date": paid.date().isoformat(),
            "comment": body.get("comment"),
        },
    }
    listing.tamper(
        handle,
        {
            "state": "settled",
            "settled": when,
            "settled_amount": int(invoice.get("settled_amount", 0)) + open_amount,
            "transactions": [*invoice.get("transactions", []), transaction],
        },
    )
    return json_response(listing.get(handle))
