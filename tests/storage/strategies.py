"""Hypothesis strategies for every domain object the store keeps."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

from hypothesis import strategies as st

from econdesk.domain import (
    BankEntry,
    BankEntryOrigin,
    CustomerMapping,
    ExplanationTerm,
    ItemKind,
    Mappings,
    Money,
    Payout,
    PayoutKind,
    PlanMapping,
    PlatformItem,
    ProviderMapping,
    SaleVatFacts,
    Tolerance,
    Voucher,
    VoucherEntryKind,
    VoucherLine,
)

CURRENCIES = ["DKK", "EUR", "SEK", "JPY", "KWD"]
PROVIDERS = ["stripe", "frisbii", "chargebee", "clearhaus"]

ids = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-",
    min_size=1,
    max_size=40,
)
texts = st.text(max_size=200).filter(lambda s: "\x00" not in s)  # PostgreSQL text has no NUL
short = st.text(min_size=1, max_size=40).filter(lambda s: "\x00" not in s)
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
accounts = st.integers(min_value=1, max_value=99_999_999)
offsets = st.sampled_from(
    [UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5, minutes=-30))]
)
moments = st.builds(
    lambda naive, tz: naive.replace(tzinfo=tz),
    st.datetimes(min_value=datetime(2000, 1, 2), max_value=datetime(2099, 12, 30)),
    offsets,
)


def money(
    currency: str, *, min_minor: int = -(10**13), max_minor: int = 10**13
) -> st.SearchStrategy[Money]:
    return st.integers(min_value=min_minor, max_value=max_minor).map(
        lambda m: Money.from_minor(m, currency)
    )


@st.composite
def bank_entries(draw: st.DrawFn) -> BankEntry:
    currency = draw(st.sampled_from(CURRENCIES))
    return BankEntry(
        origin=draw(st.sampled_from(BankEntryOrigin)),
        external_id=draw(ids),
        account_number=draw(accounts),
        entry_date=draw(dates),
        amount=draw(money(currency)),
        text=draw(texts),
        amount_base=draw(st.none() | money("DKK")),
        voucher_number=draw(st.none() | st.integers(1, 2**31 - 1)),
        entry_type=draw(st.none() | st.sampled_from(["financeVoucher", "customerPayment"])),
        counterparty=draw(st.none() | texts),
        bank_reference=draw(st.none() | short),
    )


@st.composite
def platform_items(draw: st.DrawFn) -> PlatformItem:
    currency = draw(st.sampled_from(CURRENCIES))
    kind = draw(st.sampled_from(ItemKind))
    sign = {ItemKind.PAYMENT: 1, ItemKind.INVOICE: 1}.get(kind, -1)
    if kind is ItemKind.ADJUSTMENT:
        sign = draw(st.sampled_from([1, -1]))
    amount = draw(money(currency, min_minor=0)) * sign
    return PlatformItem(
        provider=draw(st.sampled_from(PROVIDERS)),
        external_id=draw(ids),
        kind=kind,
        amount=amount,
        occurred_at=draw(moments),
        fee=draw(st.none() | money(currency, min_minor=0, max_minor=10**9)),
        customer_id=draw(st.none() | ids),
        customer_name=draw(st.none() | texts),
        invoice_ref=draw(st.none() | ids),
        payout_ref=draw(st.none() | ids.map(lambda i: f"stripe:{i}")),
        plan=draw(st.none() | ids),
        vat_amount=draw(st.none() | money(currency)),
        references=tuple(draw(st.lists(short, max_size=4))),
        description=draw(texts),
        vat=draw(st.none() | sale_vat_facts()),
    )


@st.composite
def sale_vat_facts(draw: st.DrawFn) -> SaleVatFacts:
    rate = draw(st.sampled_from([Decimal(0), Decimal(25), Decimal("19"), Decimal("5.5")]))
    reverse = draw(st.booleans())
    return SaleVatFacts(
        rate,
        None if reverse else draw(st.none() | st.sampled_from(["DE", "SE", "FR"])),
        reverse,
        draw(st.none() | st.sampled_from(["DE123456789", "SE556677889901"])) if reverse else None,
    )


@st.composite
def payouts(draw: st.DrawFn) -> Payout:
    currency = draw(st.sampled_from(CURRENCIES))
    return Payout(
        provider=draw(st.sampled_from(PROVIDERS)),
        external_id=draw(ids),
        kind=draw(st.sampled_from(PayoutKind)),
        amount=draw(money(currency)),
        arrival_date=draw(dates),
        created_at=draw(st.none() | moments),
        status=draw(st.sampled_from(["paid", "pending", "in_transit", "failed"])),
        statement_descriptor=draw(st.none() | short),
        gross=draw(st.none() | money(currency)),
        fees=draw(st.none() | money(currency, min_minor=0)),
        component_refs=tuple(draw(st.lists(ids.map(lambda i: f"stripe:{i}"), max_size=8))),
        has_breakdown=draw(st.booleans()),
    )


explanations = st.lists(
    st.builds(
        ExplanationTerm,
        st.sampled_from(["reference", "amount", "date", "name", "invoice"]),
        texts,
        st.floats(min_value=-1, max_value=1, allow_nan=False),
    ),
    max_size=5,
).map(tuple)


@st.composite
def vouchers(draw: st.DrawFn, match_id: str = "m-000001") -> Voucher:
    currency = draw(st.sampled_from(CURRENCIES))
    lines = draw(
        st.lists(
            st.builds(
                VoucherLine,
                kind=st.sampled_from(VoucherEntryKind),
                entry_date=dates,
                amount=money(currency),
                text=texts,
                account=st.none() | accounts,
                contra_account=st.none() | accounts,
                vat_code=st.none() | st.sampled_from(["U25", "I25", "REP"]),
                contra_vat_code=st.none() | st.sampled_from(["U25", "I25"]),
                customer_number=st.none() | accounts,
                customer_invoice=st.none() | accounts,
                exchange_rate=st.none()
                | st.decimals(min_value=Decimal("0.000001"), max_value=Decimal(10000), places=6),
                amount_base=st.none() | money("DKK"),
            ),
            min_size=1,
            max_size=6,
        )
    )
    return Voucher(
        match_id=match_id,
        journal=draw(st.integers(1, 99)),
        accounting_year=draw(st.sampled_from(["2026", "2025/2026"])),
        marker=f"ED-{draw(ids)}",
        lines=tuple(lines),
    )


@st.composite
def mappings(draw: st.DrawFn) -> Mappings:
    providers = draw(st.lists(st.sampled_from(PROVIDERS), unique=True, max_size=4))
    return Mappings(
        providers=tuple(ProviderMapping(p, draw(accounts), draw(accounts)) for p in providers),
        plans=tuple(
            PlanMapping(p, draw(ids), draw(accounts), draw(st.none() | st.just("U25")))
            for p in providers
        ),
        customers=tuple(CustomerMapping(p, draw(ids), draw(accounts)) for p in providers),
        difference_account=draw(st.none() | accounts),
        default_revenue_account=draw(st.none() | accounts),
        default_vat_code=draw(st.none() | st.just("U25")),
        tolerances={
            p: Tolerance(
                draw(money("DKK", min_minor=0, max_minor=10_000)),
                draw(st.decimals(min_value=0, max_value=5, places=3)),
            )
            for p in providers
        },
    )
