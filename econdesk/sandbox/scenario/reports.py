"""Files the scenario's platforms would let a bookkeeper download: the Clearhaus settlement
summary and its per-transaction export, in the rows `connectors.files.clearhaus` reads."""

from __future__ import annotations

from datetime import timedelta

from econdesk.connectors.files.clearhaus import ClearhausSettlement, ClearhausTransactionLine
from econdesk.domain.money import Money
from econdesk.sandbox.scenario.bankdays import COPENHAGEN, utc_datetime
from econdesk.sandbox.scenario.deposits import Deposit, DepositKind
from econdesk.sandbox.scenario.ids import IdFactory
from econdesk.sandbox.scenario.store import Kind
from econdesk.sandbox.scenario.views import Naming

_LINE_TYPE = {Kind.PAYMENT: "sale", Kind.REFUND: "refund", Kind.CHARGEBACK: "chargeback"}


def clearhaus_settlement(deposit: Deposit) -> ClearhausSettlement:
    def money(minor: int) -> Money:
        return Money.from_minor(minor, deposit.currency)

    sales_day = deposit.created - timedelta(days=1)
    return ClearhausSettlement(
        settlement_id=deposit.external_id or "",
        settled=deposit.created,
        period_start=sales_day,
        period_end=sales_day,
        sales=money(deposit.sales),
        credits=money(0),
        refunds=money(-deposit.refunds),
        chargebacks=money(-deposit.chargebacks),
        fees=money(-deposit.fees),
        other_postings=money(0),
        net=money(deposit.net),
        payout_amount=money(deposit.net),
        payout_date=deposit.arrival_date,
        payout_reference=deposit.reference or "",
        payout_descriptor=deposit.descriptor or "",
    )


def clearhaus_lines(
    deposit: Deposit, naming: Naming, ids: IdFactory
) -> list[ClearhausTransactionLine]:
    st = naming.store
    lines = []
    for tx in deposit.transactions:
        kind = st.tx_kind[tx]
        if kind == Kind.CHARGEBACK:  # a chargeback is a posting of its own at Clearhaus
            transaction_id = ids.uuid4("clearhaus-chargeback", tx)
        else:
            transaction_id = naming.acquirer_reference(tx) or ""
        lines.append(
            ClearhausTransactionLine(
                settlement_id=deposit.external_id or "",
                transaction_id=transaction_id,
                reference=naming.transaction_id(tx),
                type=_LINE_TYPE[kind],
                processed=utc_datetime(st.tx_ts[tx]).astimezone(COPENHAGEN).date(),
                amount=Money.from_minor(st.tx_amount[tx], deposit.currency),
                fee=Money.from_minor(-st.tx_fee[tx], deposit.currency),
            )
        )
    return lines


def clearhaus_report(
    deposits: tuple[Deposit, ...], naming: Naming, ids: IdFactory
) -> tuple[list[ClearhausSettlement], list[ClearhausTransactionLine]]:
    settlements, lines = [], []
    for deposit in deposits:
        if deposit.kind is DepositKind.CLEARHAUS_SETTLEMENT:
            settlements.append(clearhaus_settlement(deposit))
            lines.extend(clearhaus_lines(deposit, naming, ids))
    return settlements, lines
