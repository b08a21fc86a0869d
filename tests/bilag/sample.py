"""A settlement's bilag sheet with many card payments, for the renderer's tests and benchmark."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from econdesk.bilag import AuditStamp, BilagSheet
from econdesk.domain.model import (
    BankEntry,
    BankEntryOrigin,
    ItemKind,
    Match,
    MatchMethod,
    MatchState,
    PlatformItem,
    Voucher,
    VoucherEntryKind,
    VoucherLine,
    VoucherRef,
)
from econdesk.domain.money import Money, money_sum
from econdesk.i18n.explain import explained, phrase


def settlement_sheet(payments: int, *, language: str = "da") -> BilagSheet:
    """One Clearhaus-like settlement: `payments` card payments, a refund per 50, their fees."""
    start = datetime(2026, 1, 5, 9, tzinfo=UTC)
    items: list[PlatformItem] = []
    for n in range(payments):
        kind = ItemKind.REFUND if n % 50 == 49 else ItemKind.PAYMENT
        minor = 9_900 + (n * 37) % 40_000
        items.append(
            PlatformItem(
                provider="frisbii",
                external_id=f"inv-{n:05d}-charge",
                kind=kind,
                amount=Money.from_minor(minor if kind is ItemKind.PAYMENT else -minor, "DKK"),
                occurred_at=start + timedelta(minutes=7 * n),
                fee=Money.from_minor(minor * 145 // 10_000 + 25, "DKK")
                if kind is ItemKind.PAYMENT
                else None,
                customer_id=f"cust-{n % 313:04d}",
            )
        )
    net = money_sum((i.net for i in items), "DKK")
    deposit = net + Money.of("0.37", "DKK")
    bank = BankEntry(
        BankEntryOrigin.BOOKED, "4711", 5820, date(2026, 2, 2), deposit, "CLEARHAUS 2026-02-02"
    )
    gross = money_sum((i.amount for i in items), "DKK")
    fees = gross - net
    day = bank.entry_date
    lines = (
        VoucherLine(
            VoucherEntryKind.FINANCE, day, gross, "ED-7F3A settlement", 5831, 1010, vat_code="U25"
        ),
        VoucherLine(VoucherEntryKind.FINANCE, day, fees, "ED-7F3A fees", 7220, 5831),
        VoucherLine(
            VoucherEntryKind.FINANCE, day, Money.of("0.37", "DKK"), "ED-7F3A difference", 5831, 7290
        ),
    )
    match = Match(
        id="m-000042",
        state=MatchState.POSTED,
        method=MatchMethod.PAYOUT,
        score=0.98,
        auto=True,
        bank_refs=(bank.ref,),
        item_refs=tuple(i.ref for i in items),
        amount=deposit,
        difference=Money.of("0.37", "DKK"),
        explanation=(explained("manual", 1.0, phrase("manual", actor="Jane")),),
        voucher=VoucherRef(1, "2026", 50026),
    )
    return BilagSheet(
        voucher_ref=VoucherRef(1, "2026", 50026),
        voucher=Voucher(match.id, 1, "2026", "ED-7F3A", lines),
        match=match,
        bank=(bank,),
        items=tuple(items),
        audit=AuditStamp(
            412,
            datetime(2026, 2, 3, 10, 15, tzinfo=UTC),
            "Jane Bookkeeper",
            "match.posted",
            "ab" * 32,
        ),
        company="Abonnement ApS",
        language=language,
    )
