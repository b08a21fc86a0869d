"""After posting: mark the platform's open invoices paid offline, when the bookkeeper asks.

Off unless `[providers.NAME] mark_paid_offline = true`, and then only when confirmed each time
(`econdesk post --mark-paid`): each posted match that paid an open invoice of such a platform
(an item of kind INVOICE) has that invoice marked paid by bank transfer through the platform's
API (Frisbii `manual_settle`, Chargebee `record_payment`), with the voucher's marker as the
payment's reference and the bank's booking date as its date, and an idempotency key made of
the marker and the invoice (`mark_key`), so a retry after a lost answer cannot record the
payment twice (Chargebee replays its first answer; Frisbii settles an invoice only once, and
its client reads the invoice back after a failure). Each outcome is audited
(`invoice.marked_paid`, `invoice.mark_failed`); an invoice marked once is never marked again,
so running it twice changes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from econdesk.accounting.marker import match_marker
from econdesk.connectors.errors import ConnectorError
from econdesk.domain import ItemKind, Match, MatchState, PlatformItem
from econdesk.i18n.message import reason_of
from econdesk.storage import Database, Store

MARKED = "invoice.marked_paid"
FAILED = "invoice.mark_failed"


class OfflinePayments(Protocol):
    """A platform client that can record an invoice as paid outside the platform."""

    async def mark_paid_offline(
        self,
        invoice: str,
        *,
        amount_minor: int,
        paid_on: date,
        reference: str,
        idempotency_key: str,
    ) -> str: ...

    async def aclose(self) -> None: ...


@dataclass(frozen=True, slots=True)
class MarkedInvoice:
    match_id: str
    item_ref: str
    provider: str
    invoice: str
    state: str | None  # the platform's invoice state afterwards; None when it failed
    error: str | None = None


@dataclass(frozen=True, slots=True)
class _Due:
    match: Match
    item: PlatformItem
    paid_on: date


class InvoiceMarkingService:
    def __init__(
        self, database: Database, clients: Mapping[str, Callable[[], OfflinePayments]]
    ) -> None:
        self.database = database
        self.clients = clients  # by provider: only the platforms that allow it

    def due(self, match_ids: Sequence[str] | None = None) -> list[_Due]:
        """Open invoices that posted matches paid, not marked yet, of platforms that allow it."""
        with self.database.reader() as store:
            posted = store.matches.find(states=[MatchState.POSTED])
            if match_ids is not None:
                posted = [m for m in posted if m.id in set(match_ids)]
            items = store.items.get_many({r for m in posted for r in m.item_refs})
            banks = store.bank_entries.get_many({r for m in posted for r in m.bank_refs})
            out = []
            for m in posted:
                for ref in m.item_refs:
                    item = items.get(ref)
                    if item is None or item.kind is not ItemKind.INVOICE:
                        continue
                    if item.provider not in self.clients or _marked(store, ref):
                        continue
                    days = [banks[b].entry_date for b in m.bank_refs if b in banks]
                    out.append(_Due(m, item, max(days)))
        return out

    async def mark(self, match_ids: Sequence[str] | None = None) -> list[MarkedInvoice]:
        done: list[MarkedInvoice] = []
        for due in self.due(match_ids):
            done.append(await self._mark(due))
        return done

    async def _mark(self, due: _Due) -> MarkedInvoice:
        item, match = due.item, due.match
        invoice = item.invoice_ref or item.external_id
        reference = match_marker(match)
        client = self.clients[item.provider]()
        try:
            state = await client.mark_paid_offline(
                invoice, amount_minor=item.amount.to_minor(), paid_on=due.paid_on,
                reference=reference, idempotency_key=mark_key(reference, invoice),
            )  # fmt: skip
            result = MarkedInvoice(match.id, item.ref, item.provider, invoice, state)
        except ConnectorError as exc:
            result = MarkedInvoice(match.id, item.ref, item.provider, invoice, None, reason_of(exc))
        finally:
            await client.aclose()
        with self.database.transaction() as store:
            store.record(
                FAILED if result.error else MARKED,
                [match.id, item.ref],
                {
                    "provider": item.provider,
                    "invoice": invoice,
                    "paid_on": due.paid_on.isoformat(),
                    "reference": reference,
                    "state": result.state,
                    "error": result.error,
                },
            )
        return result


def mark_key(reference: str, invoice: str) -> str:
    """The idempotency key of marking `invoice` paid for the match whose marker is
    `reference`: the same on every retry and every run, different for any other match or
    invoice; at most 100 characters (Chargebee's limit), hashed when longer."""
    key = f"econdesk-{reference}-{invoice}"
    if len(key) <= 100:
        return key
    return f"econdesk-{reference}-" + hashlib.sha256(invoice.encode()).hexdigest()[:40]


def _marked(store: Store, item_ref: str) -> bool:
    return bool(store.audit_events(subject=item_ref, action_prefix=MARKED, limit=1))
