"""A small, fully known reconciliation for the report tests: every total is computed by hand.

DKK matches: 1,234,567.89 + 499.00 + 1,000.05 + 10.00 = 1,236,076.94 (differences 0.05,
inferred fees 3.00, so the items' net is 1,236,079.89);
EUR: 100.00 (difference -0.01). Open bank entries: -5.00 and 2,000.00 DKK. Open items:
99.00 DKK (fee 2.50) and 40.00 EUR. One Stripe payout: 1,300 - 20 - 30 (fees) = 1,250.00,
matched to a 1,250.00 bank entry.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from econdesk.domain.model import (
    BankEntry,
    BankEntryOrigin,
    ExplanationTerm,
    ItemKind,
    Match,
    MatchMethod,
    MatchState,
    Payout,
    PayoutKind,
    PlatformItem,
    VoucherRef,
)
from econdesk.domain.money import Money
from econdesk.domain.rollforward import (
    BookedBy,
    Movement,
    MovementKind,
    OpenItem,
    OpenKind,
    RollForward,
)
from econdesk.reports import (
    AuditRow,
    ClearingBalance,
    MatchRow,
    PayoutRow,
    ReportData,
    SourceInfo,
    VoucherRow,
)

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
AS_OF = date(2026, 1, 31)


def dkk(amount: str) -> Money:
    return Money.of(amount, "DKK")


def eur(amount: str) -> Money:
    return Money.of(amount, "EUR")


def bank(number: int, day: date, amount: Money, text: str = "") -> BankEntry:
    return BankEntry(BankEntryOrigin.BOOKED, str(number), 5820, day, amount, text)


BANK_4711 = bank(4711, date(2026, 1, 10), dkk("1234567.89"), "STRIPE PAYOUT po_1")


def match(
    number: int,
    state: MatchState,
    amount: Money,
    difference: Money,
    *,
    method: MatchMethod = MatchMethod.ONE_TO_ONE,
    voucher: VoucherRef | None = None,
    note: str = "",
    inferred_fee: Money | None = None,
) -> Match:
    return Match(
        id=f"m-{number:06d}",
        state=state,
        method=method,
        score=0.5 + number / 100,
        auto=state is MatchState.POSTED,
        bank_refs=(f"economic:{4710 + number}",),
        item_refs=(f"stripe:ch_{number}",),
        amount=amount,
        difference=difference,
        explanation=(
            ExplanationTerm("reference", f"ch_{number} in bank text", 0.6),
            ExplanationTerm("amount", "exact", 0.3),
        ),
        voucher=voucher,
        note=note,
        inferred_fee=inferred_fee,
    )


def match_rows() -> list[MatchRow]:
    posted = VoucherRef(1, "2026", 50026)
    return [
        MatchRow(
            match(1, MatchState.POSTED, dkk("1234567.89"), dkk("0.00"),
                  method=MatchMethod.PAYOUT, voucher=posted),
            (BANK_4711,),
        ),
        # A MobilePay deposit: its items state no fee, the matcher inferred 3.00.
        MatchRow(match(2, MatchState.APPROVED, dkk("499.00"), dkk("0.00"),
                       inferred_fee=dkk("3.00"))),
        MatchRow(match(3, MatchState.PROPOSED, dkk("1000.05"), dkk("0.05"),
                       method=MatchMethod.SUBSET)),
        MatchRow(match(4, MatchState.REJECTED, dkk("10.00"), dkk("0.00"))),
        MatchRow(match(5, MatchState.PARKED, eur("100.00"), eur("-0.01"),
                       note="=HYPERLINK(\"http://x\") ask the customer")),
    ]  # fmt: skip


def payout_rows() -> list[PayoutRow]:
    moment = datetime(2026, 1, 8, 12, tzinfo=UTC)
    items = [
        PlatformItem("stripe", "ch_a", ItemKind.PAYMENT, dkk("1300.00"), moment, fee=dkk("30.00")),
        PlatformItem("stripe", "re_a", ItemKind.REFUND, dkk("-20.00"), moment),
    ]
    payout = Payout(
        "stripe", "po_1", PayoutKind.PAYOUT, dkk("1250.00"), date(2026, 1, 10),
        statement_descriptor="STRIPE PAYOUT", component_refs=tuple(i.ref for i in items),
    )  # fmt: skip
    deposit = bank(4800, date(2026, 1, 10), dkk("1250.00"), "STRIPE")
    return [
        PayoutRow.build(payout, items, bank_entry=deposit, match_id="m-000001",
                        match_state=MatchState.POSTED),
    ]  # fmt: skip


def open_bank_entries() -> list[BankEntry]:
    return [
        BankEntry(BankEntryOrigin.DRAFT, "27", 5820, date(2025, 10, 1), dkk("-5.00"), "Gebyr"),
        bank(4900, date(2026, 1, 29), dkk("2000.00"), "Indbetaling  "),
    ]


def open_items() -> list[PlatformItem]:
    return [
        # 23:30 UTC on the 30th is already the 31st in Copenhagen.
        PlatformItem("frisbii", "inv-9", ItemKind.PAYMENT, dkk("99.00"),
                     datetime(2026, 1, 30, 23, 30, tzinfo=UTC), fee=dkk("2.50"),
                     customer_name="Hansen & Søn <ApS>"),
        PlatformItem("stripe", "ch_eur", ItemKind.PAYMENT, eur("40.00"),
                     datetime(2025, 12, 1, 9, tzinfo=UTC)),
    ]  # fmt: skip


def voucher_rows() -> list[VoucherRow]:
    return [
        VoucherRow(VoucherRef(1, "2026", 50026), "m-000001", date(2026, 1, 10),
                   dkk("1234567.89"), "econdesk m-000001", ("economic:4711",), 3, True,
                   datetime(2026, 1, 11, 8, 0, tzinfo=UTC)),
    ]  # fmt: skip


def audit_rows() -> list[AuditRow]:
    at = datetime(2026, 1, 11, 8, 0, tzinfo=UTC)
    return [
        AuditRow(1, at, "anna", "match.approved", "m-000001", "proposed -> approved", "a" * 64),
        AuditRow(2, at, "anna", "voucher.posted", "m-000001", "voucher 50026", "b" * 64),
    ]


def rollforwards() -> tuple[RollForward, ...]:
    """Stripe's clearing account in January: a deposit posted, one awaiting its voucher."""
    moved = (
        Movement(MovementKind.PAYMENTS, BookedBy.ECONDESK, dkk("1267.00"), dkk("1267.00"), 2),
        Movement(MovementKind.PAYOUTS, BookedBy.OTHERS, dkk("-2500.00"), dkk("-2500.00"), 2),
        Movement(MovementKind.FEES, BookedBy.ECONDESK, dkk("-17.00"), dkk("-17.00"), 1),
    )
    awaiting = OpenItem(
        OpenKind.DEPOSIT_AWAITING_VOUCHER,
        "economic:4712",
        date(2026, 1, 28),
        dkk("-1250.00"),
        match_id="m-000002",
        match_state=MatchState.PROPOSED,
    )
    return (
        RollForward(
            sources="stripe",
            account=5830,
            account_name="Stripe clearing",
            currency="DKK",
            base_currency="DKK",
            start=date(2026, 1, 1),
            end=AS_OF,
            opening=dkk("0.00"),
            opening_base=dkk("0.00"),
            movements=moved,
            open_items=(awaiting,),
        ),
    )


def sample_report(**changes: object) -> ReportData:
    values: dict[str, object] = {
        "company": "Hansen & Søn ApS",
        "period_from": date(2026, 1, 1),
        "period_to": AS_OF,
        "sources": (
            SourceInfo(
                "e-conomic", "bank account 5820, daybook 1", datetime(2026, 1, 31, 6, tzinfo=UTC)
            ),
            SourceInfo("stripe", "payouts and balance transactions"),
        ),
        "matches": iter(match_rows()),
        "payouts": iter(payout_rows()),
        "open_bank_entries": iter(open_bank_entries()),
        "open_items": iter(open_items()),
        "vouchers": iter(voucher_rows()),
        "audit": iter(audit_rows()),
        "clearing_balances": (
            # The deposit is credited to clearing; econdesk's draft voucher moves it out.
            ClearingBalance("stripe", 5830, dkk("-1250.00"), "Stripe clearing", dkk("0.00")),
            ClearingBalance("frisbii", 5831, dkk("12.50"), "Frisbii clearing"),
        ),
        "rollforward": rollforwards(),
        "generated_at": datetime(2026, 2, 1, 9, 30, tzinfo=UTC),
        "timezone": COPENHAGEN,
    }
    values.update(changes)
    return ReportData(**values)  # type: ignore[arg-type]


def as_decimal(value: object) -> Decimal:
    """A number read back from a cell (openpyxl gives int or float) as the Decimal it shows."""
    assert isinstance(value, (int, float)), value
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
