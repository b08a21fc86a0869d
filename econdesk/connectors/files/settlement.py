"""Any acquirer's settlement or payout export, read through a saved ColumnMapping, so a
deposit from an acquirer econdesk has no connector for can still be broken down.

Each row is one movement; rows are grouped into payouts by the `payout_reference` column.
A row's kind comes from the `kind` column (through `kind_values`) or, without one, from its
sign (positive: payment, negative: refund). Rows of kind "fee" are charges on the payout as
a whole. A payout's amount is what reaches the bank: the rows' amounts less their fees.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from econdesk.connectors.files.errors import FileImportError
from econdesk.connectors.files.mapping import ColumnMapping
from econdesk.connectors.files.table import Record, parse_csv
from econdesk.connectors.files.text import SourceFile
from econdesk.domain.model import ItemKind, Payout, PayoutKind, PlatformItem, make_ref
from econdesk.domain.money import Money, money_sum
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


@dataclass(frozen=True)
class SettlementImport:
    file: str
    payouts: tuple[Payout, ...]
    items: tuple[PlatformItem, ...]  # the rows as items of `provider` (fee rows included)


def _kind(record: Record) -> ItemKind:
    if record.kind is not None:
        try:
            return ItemKind(record.kind)
        except ValueError:
            pass
    return ItemKind.PAYMENT if record.amount >= 0 else ItemKind.REFUND


def import_settlement_csv(
    file: str | Path | SourceFile,
    mapping: ColumnMapping,
    *,
    provider: str,
    component_provider: str | None = None,
) -> SettlementImport:
    """Payouts (SETTLEMENT) with their components, and the rows as items; or an error.

    `component_provider`: when the rows' `reference` is another platform's id (a gateway's
    transaction id), the payout's components are `<component_provider>:<reference>` so they
    meet the items that platform's connector produced; otherwise they are these rows' items.
    """
    source = file if isinstance(file, SourceFile) else SourceFile.read(file)
    if mapping.payout_reference is None:
        raise FileImportError.single(
            source.name,
            say(
                QT_TRANSLATE_NOOP(
                    "CLI",
                    "cannot be grouped into payouts: mapping {0!r} names no "
                    "payout_reference column",
                ),
                mapping.name,
            ),
        )
    items: list[PlatformItem] = []
    payouts: list[Payout] = []
    for payout_id, records in _by_payout(source, mapping).items():
        currencies = {r.currency for r in records}
        if len(currencies) > 1:
            raise FileImportError.single(
                source.name,
                say(
                    QT_TRANSLATE_NOOP("CLI", "mixes currencies {0} in one payout"),
                    ", ".join(sorted(currencies)),
                ),
                line=records[0].line,
                column=mapping.payout_reference,
                value=payout_id,
            )
        payout_ref = make_ref(provider, payout_id)
        group_items = [_item(r, provider, payout_ref) for r in records]
        items.extend(group_items)
        payouts.append(
            _payout(
                payout_id,
                records,
                group_items,
                currency=currencies.pop(),
                provider=provider,
                component_provider=component_provider,
            )
        )
    return SettlementImport(source.name, tuple(payouts), tuple(items))


def _by_payout(source: SourceFile, mapping: ColumnMapping) -> dict[str, list[Record]]:
    """The file's records grouped by payout reference, in the file's order."""
    parsed = parse_csv(source, mapping)
    groups: dict[str, list[Record]] = {}
    for record in parsed.records:
        if not record.payout_reference:
            raise FileImportError.single(
                source.name,
                say(QT_TRANSLATE_NOOP("CLI", "has no payout reference")),
                line=record.line,
                column=mapping.payout_reference,
                value="",
            )
        groups.setdefault(record.payout_reference, []).append(record)
    return groups


def _payout(
    payout_id: str,
    records: list[Record],
    group_items: list[PlatformItem],
    *,
    currency: str,
    provider: str,
    component_provider: str | None,
) -> Payout:
    """One payout from its records and the items made of them (see the module's doc)."""
    components = tuple(
        make_ref(component_provider, r.reference) if component_provider and r.reference else i.ref
        for r, i in zip(records, group_items, strict=True)
        if i.kind is not ItemKind.FEE
    )
    fees = money_sum((i.fee_or_zero for i in group_items), currency) - money_sum(
        (i.amount for i in group_items if i.kind is ItemKind.FEE), currency
    )
    return Payout(
        provider=provider,
        external_id=payout_id,
        kind=PayoutKind.SETTLEMENT,
        amount=money_sum((i.net for i in group_items), currency),
        arrival_date=max(r.value_date or r.date for r in records),
        statement_descriptor=None,
        gross=money_sum((i.amount for i in group_items if i.kind is ItemKind.PAYMENT), currency),
        fees=fees,
        component_refs=components,
    )


def _item(record: Record, provider: str, payout_ref: str) -> PlatformItem:
    kind = _kind(record)
    amount = Money.of(record.amount, record.currency)
    if kind in (ItemKind.REFUND, ItemKind.CHARGEBACK, ItemKind.FEE) and amount.amount > 0:
        amount = -amount  # some exports write deductions unsigned; the kind says which way
    external_id = record.reference or f"{payout_ref.partition(':')[2]}-line-{record.line}"
    return PlatformItem(
        provider=provider,
        external_id=external_id,
        kind=kind,
        amount=amount,
        occurred_at=datetime.combine(record.date, time(12), tzinfo=COPENHAGEN),
        fee=Money.of(record.fee, record.currency) if record.fee is not None else None,
        customer_name=record.counterparty,
        payout_ref=payout_ref,
        references=(record.reference,) if record.reference else (),
        description=record.text,
    )
