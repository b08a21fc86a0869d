"""A Scenario's MobilePay transfers as one Vipps MobilePay ledger's funds and fees entries.

Each payment is a `capture` (its order reference the Frisbii invoice handle), a refund a
`refund`, a chargeback a `retained-disputed-capture`, on the ledger date of its sales day;
each transfer ends with `fees-retained` (the 1 % the scenario's MobilePay kept) and the
`payout-scheduled` of what reaches the bank, whose reference is the bank text. The fees topic
lists each capture's fee under the capture's `pspReference`, and the day's fees retained.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from econdesk.domain.model import ItemKind
from econdesk.sandbox.mobilepay.app import DEMO_MSN, MobilePayData, SandboxLedger
from econdesk.sandbox.scenario import Scenario
from econdesk.sandbox.scenario.bankdays import COPENHAGEN
from econdesk.sandbox.scenario.deposits import Deposit, DepositKind
from econdesk.sandbox.scenario.ids import IdFactory

DEMO_LEDGER_ID = "302321"

_ENTRY_TYPE = {
    ItemKind.PAYMENT: "capture",
    ItemKind.REFUND: "refund",
    ItemKind.CHARGEBACK: "retained-disputed-capture",
}


def _iso(moment: datetime) -> str:
    return moment.astimezone(COPENHAGEN).isoformat(timespec="seconds")


def _book(
    scenario: Scenario, ledger: SandboxLedger, deposit: Deposit, after: date, ids: IdFactory
) -> None:
    for index in sorted(deposit.transactions, key=lambda i: scenario.transactions[i].occurred_at):
        tx = scenario.transactions[index]
        local = tx.occurred_at.astimezone(COPENHAGEN).date()
        day = min(max(local, after + timedelta(days=1)), deposit.created)
        psp = ids.uuid4("mobilepay-psp", index)
        reference = scenario.invoices[tx.invoice].number
        ledger.add(
            "funds",
            day,
            _ENTRY_TYPE[tx.kind],
            tx.amount.to_minor(),
            psp_reference=psp,
            at=_iso(tx.occurred_at),
            reference=reference,
        )
        if tx.kind is ItemKind.PAYMENT and tx.fee.to_minor():
            ledger.add(
                "fees", day, "capture-fee", -tx.fee.to_minor(), psp_reference=psp,
                at=_iso(tx.occurred_at), reference=reference,
            )  # fmt: skip
    closing = _iso(datetime.combine(deposit.created, time(23, 59), COPENHAGEN))
    n = deposit.index
    if deposit.fees:
        for topic, sign in (("funds", -1), ("fees", 1)):
            ledger.add(
                topic, deposit.created, "fees-retained", sign * deposit.fees,
                psp_reference=ids.uuid4("mobilepay-fees", n), at=closing,
            )  # fmt: skip
    ledger.add(
        "funds",
        deposit.created,
        "payout-scheduled",
        -deposit.net,
        psp_reference=ids.uuid4("mobilepay-payout", n),
        at=closing,
        reference=deposit.descriptor,
    )


def mobilepay_data(scenario: Scenario) -> MobilePayData:
    ids = IdFactory(scenario.seed)
    ledger = SandboxLedger(id=DEMO_LEDGER_ID, currency="DKK", msn=DEMO_MSN)
    after = date.min
    for deposit in scenario.deposits:
        if deposit.kind is DepositKind.MOBILEPAY_TRANSFER:
            _book(scenario, ledger, deposit, after, ids)
            after = deposit.created
    return MobilePayData([ledger])
