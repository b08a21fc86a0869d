"""A Scenario's Clearhaus settlements as the Merchant API's data: each card settlement with its
captures and refunds (ids are the `acquirer_reference` Frisbii shows, references the Frisbii
invoice handles) and its chargebacks as disputes of the captures they reverse."""

from __future__ import annotations

from datetime import timedelta

from econdesk.domain.model import ItemKind
from econdesk.sandbox.clearhaus.app import (
    CardDispute,
    CardTransaction,
    ClearhausData,
    SandboxSettlement,
)
from econdesk.sandbox.scenario import Scenario
from econdesk.sandbox.scenario.deposits import Deposit, DepositKind
from econdesk.sandbox.scenario.ids import IdFactory


def _settlement(scenario: Scenario, deposit: Deposit, ids: IdFactory) -> SandboxSettlement:
    sales_day = deposit.created - timedelta(days=1)
    settlement = SandboxSettlement(
        id=deposit.external_id or "",
        currency=deposit.currency,
        period_start=sales_day,
        period_end=sales_day,
        payout_date=deposit.arrival_date,
        reference_number=deposit.reference or "",
    )
    for index in deposit.transactions:
        tx = scenario.transactions[index]
        when = tx.occurred_at.isoformat().replace("+00:00", "Z")
        invoice = scenario.invoices[tx.invoice].number
        if tx.kind is ItemKind.CHARGEBACK:
            settlement.disputes.append(
                CardDispute(
                    id=ids.uuid4("clearhaus-dispute", index),
                    transaction_id=tx.acquirer_reference or "",
                    amount=-tx.amount.to_minor(),
                    opened_at=when,
                )
            )
            settlement.fees += tx.fee.to_minor()
            continue
        settlement.transactions.append(
            CardTransaction(
                id=tx.acquirer_reference or "",
                type="capture" if tx.kind is ItemKind.PAYMENT else "refund",
                amount=abs(tx.amount.to_minor()),
                processed_at=when,
                reference=invoice,
                fee=tx.fee.to_minor(),
            )
        )
    return settlement


def clearhaus_data(scenario: Scenario) -> ClearhausData:
    ids = IdFactory(scenario.seed)
    return ClearhausData(
        [
            _settlement(scenario, d, ids)
            for d in scenario.deposits
            if d.kind is DepositKind.CLEARHAUS_SETTLEMENT
        ]
    )
