"""`POST /api/v2/invoices/{id}/record_payment`: an offline payment recorded on an invoice.

As Chargebee documents it (chargebee-node `types/resources/Invoice.d.ts`,
`RecordPaymentInputParam`): form fields `transaction[payment_method]` (required),
`transaction[amount]` (minor units; default the amount due), `transaction[date]` (Unix
seconds), `transaction[reference_number]`, `comment`. The invoice becomes `paid` once its
amount due is 0; the answer is `{invoice, transaction}`. Only an invoice with payment due (or
not paid) takes a payment. `IdempotentPosts` honours `chargebee-idempotency-key`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs

from econdesk.sandbox.listing import Json, Listing
from econdesk.sandbox.server import Request, Response, json_response

METHODS = frozenset({"cash", "check", "bank_transfer", "other", "chargeback", "custom"})
PAYABLE = frozenset({"payment_due", "not_paid", "posted"})

ErrorFn = Callable[..., Response]


def record_payment(invoices: Listing, request: Request, error: ErrorFn) -> Response:
    invoice_id = request.params["id"]
    invoice = invoices.get(invoice_id)
    if invoice is None:
        return error(404, f"Invoice not found for id {invoice_id}", "resource_not_found")
    form = {k: v[0] for k, v in parse_qs(request.body.decode("utf-8", "replace")).items()}
    method = form.get("transaction[payment_method]")
    if method not in METHODS:
        return error(
            400, "transaction[payment_method] : cannot be blank or invalid", "param_wrong_value",
            param="transaction[payment_method]",
        )  # fmt: skip
    if invoice["status"] not in PAYABLE:
        return error(
            400, f"Invoice in {invoice['status']} state cannot take a payment", "invalid_state"
        )
    due = int(invoice["amount_due"])
    amount_text = form.get("transaction[amount]", str(due))
    date_text = form.get("transaction[date]", str(int(time.time())))
    if not amount_text.isdigit() or not date_text.isdigit() or not 0 < int(amount_text) <= due:
        return error(400, "transaction[amount] or [date] is invalid", "param_wrong_value")
    amount, paid_at = int(amount_text), int(date_text)
    transaction: Json = {
        "id": f"txn_offline_{invoice_id}",
        "object": "transaction",
        "customer_id": invoice["customer_id"],
        "payment_method": method,
        "reference_number": form.get("transaction[reference_number]"),
        "type": "payment",
        "date": paid_at,
        "amount": amount,
        "currency_code": invoice["currency_code"],
        "status": "success",
        "linked_invoices": [
            {"invoice_id": invoice_id, "applied_amount": amount, "invoice_status": "paid"}
        ],
    }
    left = due - amount
    invoices.tamper(
        invoice_id,
        {
            "status": "paid" if left == 0 else invoice["status"],
            "amount_due": left,
            "amount_paid": int(invoice["amount_paid"]) + amount,
            **({"paid_at": paid_at} if left == 0 else {}),
        },
    )
    return json_response({"invoice": invoices.get(invoice_id), "transaction": transaction})


# -- idempotent requests -------------------------------------------------------------------------
IDEMPOTENCY_HEADER = "chargebee-idempotency-key"
REPLAYED_HEADER = "chargebee-idempotency-replayed"
IDEMPOTENCY_WINDOW = 30 * 60.0  # seconds: "an idempotency window of 30 minutes"
MAX_KEY_LENGTH = 100


@dataclass(frozen=True)
class _Answer:
    expires: float
    body_sent: bytes  # the request's body, for telling a replay from a reuse
    status: int
    body: bytes
    headers: tuple[tuple[str, str], ...]


class IdempotentPosts:
    """Chargebee's idempotent requests (apidocs.chargebee.com, "Idempotent requests"): a POST
    with `chargebee-idempotency-key` (at most 100 characters) is carried out once; a repeat
    with the same key and parameters within the window gets the first answer again, with
    `chargebee-idempotency-replayed: true`. Assumed (not documented): the same key with other
    parameters is refused (409), and a 5xx answer is not remembered."""

    def __init__(self, error: ErrorFn, clock: Callable[[], float] = time.monotonic) -> None:
        self.error = error
        self.clock = clock
        self._answers: dict[tuple[str, str], _Answer] = {}
        self._lock = threading.Lock()

    def wrap(self, handler: Callable[[Request], Response]) -> Callable[[Request], Response]:
        def handle(request: Request) -> Response:
            key = request.header(IDEMPOTENCY_HEADER)
            if key is None:
                return handler(request)
            if not key or len(key) > MAX_KEY_LENGTH:
                return self.error(
                    400, f"{IDEMPOTENCY_HEADER} must be 1 to {MAX_KEY_LENGTH} characters",
                    "param_wrong_value",
                )  # fmt: skip
            slot = (request.path, key)
            with self._lock:  # one request per key at a time: a repeat waits for the first
                now = self.clock()
                seen = self._answers.get(slot)
                if seen is not None and seen.expires > now:
                    if seen.body_sent != request.body:
                        return self.error(
                            409, "The idempotency key was used with other parameters",
                            "duplicate_entry",
                        )  # fmt: skip
                    return Response(
                        seen.status, seen.body, {**dict(seen.headers), REPLAYED_HEADER: "true"}
                    )
                response = handler(request)
                if response.status < 500:
                    self._answers[slot] = _Answer(
                        now + IDEMPOTENCY_WINDOW, request.body, response.status,
                        response.body, tuple(response.headers.items()),
                    )  # fmt: skip
            return response

        return handle
