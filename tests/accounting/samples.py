"""A small agreement, mappings and approved matches to build vouchers from, in tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal

from econdesk.accounting.chart import (
    AccountingYear,
    AgreementAccount,
    AgreementVatCode,
    Chart,
    JournalSettings,
)
from econdesk.accounting.vouchers import MatchMaterial, PostingProfile, PostingSettings
from econdesk.domain.model import (
    BankEntry,
    BankEntryOrigin,
    CustomerMapping,
    ItemKind,
    Mappings,
    Match,
    MatchMethod,
    MatchState,
    PlanMapping,
    PlatformItem,
    ProviderMapping,
    Tolerance,
)
from econdesk.domain.money import Money, money_sum

BANK = 5820
STRIPE_CLEARING = 5830
FEES = 7220
DIFFERENCE = 7290
REVENUE = 1010
REVENUE_EU = 1020

CHART = Chart.of(
    [
        AgreementAccount(1000, "RESULTATOPGØRELSE", "heading"),
        AgreementAccount(REVENUE, "Salg af abonnementer"),
        AgreementAccount(REVENUE_EU, "Salg EU"),
        AgreementAccount(5600, "Debitorer", "status", block_direct_entries=True),
        AgreementAccount(BANK, "Bank", "status"),
        AgreementAccount(STRIPE_CLEARING, "Mellemregning Stripe", "status"),
        AgreementAccount(5831, "Mellemregning Frisbii", "status"),
        AgreementAccount(5899, "Gammel konto", "status", barred=True),
        AgreementAccount(FEES, "Gebyrer"),
        AgreementAccount(DIFFERENCE, "Øredifferencer"),
        AgreementAccount(7999, "Sum", "sumInterval"),
    ],
    [
        AgreementVatCode("U25", Decimal(25), "Salgsmoms 25%"),
        AgreementVatCode("UEUV", Decimal(0), "Salg til EU, varer"),
        AgreementVatCode("I25", Decimal(25), "Købsmoms 25%"),
        AgreementVatCode("OLD", Decimal(25), "Udgået", barred=True),
    ],
    [
        AccountingYear("2025", date(2025, 1, 1), date(2025, 12, 31), closed=True),
        AccountingYear("2026", date(2026, 1, 1), date(2026, 12, 31)),
    ],
    base_currency="DKK",
    customers=[12, 13],
    journals=[
        JournalSettings(1, "Kassekladde"),
        JournalSettings(2, "Kun finans", "financeVoucher"),
    ],
)

MAPPINGS = Mappings(
    providers=(ProviderMapping("stripe", STRIPE_CLEARING, FEES),),
    plans=(
        PlanMapping("stripe", "gold", REVENUE, "U25"),
        PlanMapping("stripe", "eu-b2b", REVENUE_EU, "UEUV"),
    ),
    customers=(CustomerMapping("stripe", "cus_ACME", 12),),
    difference_account=DIFFERENCE,
    default_revenue_account=REVENUE,
    default_vat_code="U25",
    tolerances={"stripe": Tolerance(Money.of("1.00", "DKK"))},
)

CLEARING = PostingSettings(PostingProfile.CLEARING, journal=1, bank_account=BANK)
DIRECT = PostingSettings(PostingProfile.DIRECT, journal=1, bank_account=BANK)

WHEN = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
DEPOSIT_DAY = date(2026, 3, 5)


def item(
    external_id: str,
    kind: ItemKind,
    amount: str,
    fee: str | None = None,
    *,
    currency: str = "DKK",
    plan: str | None = "gold",
    customer: str | None = None,
    provider: str = "stripe",
) -> PlatformItem:
    return PlatformItem(
        provider=provider,
        external_id=external_id,
        kind=kind,
        amount=Money.of(amount, currency),
        occurred_at=WHEN,
        fee=Money.of(fee, currency) if fee is not None else None,
        plan=plan,
        customer_id=customer,
    )


def bank_entry(
    external_id: str,
    amount: str,
    *,
    currency: str = "DKK",
    base: str | None = None,
    origin: BankEntryOrigin = BankEntryOrigin.BOOKED,
    day: date = DEPOSIT_DAY,
) -> BankEntry:
    return BankEntry(
        origin=origin,
        external_id=external_id,
        account_number=BANK,
        entry_date=day,
        amount=Money.of(amount, currency),
        text=f"STRIPE PAYOUT {external_id}",
        amount_base=Money.of(base, "DKK") if base is not None else None,
    )


def approved(
    match_id: str,
    banks: Sequence[BankEntry],
    items: Sequence[PlatformItem],
) -> MatchMaterial:
    currency = banks[0].amount.currency
    amount = money_sum((b.amount for b in banks), currency)
    net = money_sum((i.net for i in items), currency)
    match = Match(
        id=match_id,
        state=MatchState.APPROVED,
        method=MatchMethod.MANUAL,
        score=1.0,
        auto=False,
        bank_refs=tuple(b.ref for b in banks),
        item_refs=tuple(i.ref for i in items),
        amount=amount,
        difference=amount - net,
    )
    return MatchMaterial(match=match, bank_entries=tuple(banks), items=tuple(items))


def worked_example() -> MatchMaterial:
    """The README's example: a 1 000.00 DKK Stripe deposit."""
    return approved(
        "m-000123",
        [bank_entry("4711", "1000.00")],
        [
            item("ch_1", ItemKind.PAYMENT, "500.00", "7.50"),
            item("ch_2", ItemKind.PAYMENT, "375.00", "5.63"),
            item("ch_3", ItemKind.PAYMENT, "250.00", "3.75", customer="cus_ACME"),
            item("re_1", ItemKind.REFUND, "-100.00"),
            item("dp_1", ItemKind.CHARGEBACK, "-8.00", "0.00"),
        ],
    )
