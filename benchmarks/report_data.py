"""A synthetic year of reconciliation for the report benchmark, built lazily row by row.

`synthetic_report(n)` gives a ReportData with n matches (mostly posted, some proposed, parked
or rejected; payout, one-to-one and subset matches with explanations), n/5 payouts broken down
into their items, n/20 open bank entries, n/5 open platform items, a voucher per posted match
and two audit events per match. Every sheet is a generator, as a store query would be, so the
benchmark measures the writer's memory, not the data's. Amounts, dates and payout breakdowns
come from small pools built once, so building the rows costs little next to writing them;
ids and texts differ on every row, as they would in a real report.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
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
from econdesk.reports import (
    AuditRow,
    ClearingBalance,
    MatchRow,
    PayoutBreakdown,
    PayoutRow,
    ReportData,
    SourceInfo,
    VoucherRow,
)

YEAR_START = date(2026, 1, 1)
PROVIDERS = ("stripe", "frisbii", "chargebee", "clearhaus")
STATES = (
    [MatchState.POSTED] * 11
    + [MatchState.APPROVED] * 4
    + [MatchState.PROPOSED] * 3
    + [MatchState.PARKED, MatchState.REJECTED]
)


POOL = 997  # a prime, so pooled values do not line up with the state or provider cycles


def _dkk(minor: int) -> Money:
    return Money.from_minor(minor, "DKK")


_DAYS = tuple(YEAR_START + timedelta(days=d) for d in range(365))
_AMOUNTS = tuple(_dkk(random.Random(k).randrange(10_000, 5_000_000)) for k in range(POOL))
_DIFFERENCES = tuple(_dkk(m) for m in (0, 0, 0, 0, 1, -1, 25))


def _day(rng: random.Random) -> date:
    return _DAYS[rng.randrange(365)]


def _matches(n: int, seed: int) -> Iterator[MatchRow]:
    rng = random.Random(seed)
    for i in range(n):
        state = STATES[i % len(STATES)]
        method = (MatchMethod.PAYOUT, MatchMethod.ONE_TO_ONE, MatchMethod.SUBSET)[i % 3]
        provider = PROVIDERS[i % len(PROVIDERS)]
        amount = _AMOUNTS[i % POOL]
        difference = _DIFFERENCES[i % len(_DIFFERENCES)]
        items = 1 if method is not MatchMethod.SUBSET else rng.randrange(2, 8)
        entry = BankEntry(
            BankEntryOrigin.BOOKED,
            str(100_000 + i),
            5820,
            _day(rng),
            amount,
            f"{provider.upper()} PAYOUT {i:08d}",
        )
        yield MatchRow(
            Match(
                id=f"m-{i + 1:06d}",
                state=state,
                method=method,
                score=round(rng.uniform(0.55, 1.0), 3),
                auto=state is MatchState.POSTED,
                bank_refs=(entry.ref,),
                item_refs=tuple(f"{provider}:po_{i:08d}_{k}" for k in range(items)),
                amount=amount,
                difference=difference,
                component_refs=tuple(f"{provider}:txn_{i:08d}_{k}" for k in range(12))
                if method is MatchMethod.PAYOUT
                else (),
                explanation=(
                    ExplanationTerm("reference", f"po_{i:08d} in bank text", 0.6),
                    ExplanationTerm("amount", "net equals the deposit", 0.3),
                    ExplanationTerm("date", "arrived the expected day", 0.07),
                ),
                voucher=VoucherRef(1, "2026", 50_000 + i) if state is MatchState.POSTED else None,
            ),
            (entry,),
        )


def _breakdowns(seed: int) -> tuple[tuple[Money, PayoutBreakdown], ...]:
    """A pool of (net, breakdown) pairs, each summed from 5-40 real PlatformItems."""
    rng = random.Random(seed + 1)
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    pool = []
    for i in range(101):
        parts = []
        for k in range(rng.randrange(5, 40)):
            kind = ItemKind.PAYMENT if k % 9 else ItemKind.REFUND
            minor = rng.randrange(4_900, 99_900)
            amount = _dkk(minor if kind is ItemKind.PAYMENT else -minor)
            fee = _dkk(minor * 14 // 1000 + 180)
            parts.append(PlatformItem("stripe", f"txn_{i}_{k}", kind, amount, moment, fee=fee))
        breakdown = PayoutBreakdown.of_items("DKK", parts)
        pool.append((breakdown.net, breakdown))
    return tuple(pool)


def _payouts(n: int, seed: int) -> Iterator[PayoutRow]:
    rng = random.Random(seed + 1)
    pool = _breakdowns(seed)
    for i in range(n):
        provider = PROVIDERS[i % len(PROVIDERS)]
        net, breakdown = pool[i % len(pool)]
        payout = Payout(
            provider,
            f"po_{i:08d}",
            PayoutKind.PAYOUT if provider != "clearhaus" else PayoutKind.SETTLEMENT,
            net,
            _day(rng),
            statement_descriptor=f"{provider.upper()} PAYOUT {i:08d}",
        )
        bank = BankEntry(
            BankEntryOrigin.BOOKED, str(900_000 + i), 5820, payout.arrival_date, net, ""
        )
        yield PayoutRow(payout, breakdown, bank, f"m-{i:06d}", MatchState.POSTED)


def _open_bank(n: int, seed: int) -> Iterator[BankEntry]:
    rng = random.Random(seed + 2)
    for i in range(n):
        yield BankEntry(
            BankEntryOrigin.DRAFT if i % 4 == 0 else BankEntryOrigin.BOOKED,
            str(500_000 + i),
            5820,
            _day(rng),
            _AMOUNTS[i % POOL] if i % 7 else -_AMOUNTS[i % POOL],
            f"Indbetaling {rng.randrange(10**6):06d}",
            counterparty=f"Kunde {i}",
        )


def _open_items(n: int, seed: int) -> Iterator[PlatformItem]:
    rng = random.Random(seed + 3)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    fees = tuple(_dkk(m) for m in range(100, 2_000, 7))
    for i in range(n):
        moment = start + timedelta(minutes=rng.randrange(525_600))
        yield PlatformItem(
            PROVIDERS[i % len(PROVIDERS)],
            f"ch_{i:09d}",
            ItemKind.PAYMENT,
            _AMOUNTS[i % POOL],
            moment,
            fee=fees[i % len(fees)],
            customer_name=f"Kunde {i % 5000} ApS",
            invoice_ref=f"inv-{i}",
            plan="pro-monthly",
        )


def _vouchers(n: int, seed: int) -> Iterator[VoucherRow]:
    rng = random.Random(seed + 4)
    for i in range(n):
        day = _day(rng)
        yield VoucherRow(
            VoucherRef(1, "2026", 50_000 + i),
            f"m-{i + 1:06d}",
            day,
            _AMOUNTS[i % POOL],
            f"econdesk m-{i + 1:06d}",
            (f"economic:{100_000 + i}",),
            line_count=rng.randrange(2, 40),
            booked=i % 3 != 0,
            posted_at=datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=9),
        )


def _audit(n: int) -> Iterator[AuditRow]:
    start = datetime(2026, 1, 1, 8, tzinfo=UTC)
    for i in range(n):
        yield AuditRow(
            i + 1,
            start + timedelta(seconds=40 * i),
            "anna@example.dk" if i % 2 else "matcher",
            ("match.proposed", "match.approved", "voucher.posted")[i % 3],
            f"m-{i // 2 + 1:06d}",
            "state proposed -> approved",
            f"{i:064x}",
        )


def synthetic_report(matches: int, *, seed: int = 1) -> ReportData:
    posted = sum(1 for i in range(matches) if STATES[i % len(STATES)] is MatchState.POSTED)
    return ReportData(
        company="Nordlys Abonnement ApS",
        period_from=YEAR_START,
        period_to=date(2026, 12, 31),
        sources=(
            SourceInfo("e-conomic", "bank account 5820, daybook 1"),
            *(SourceInfo(p, "payouts and transactions") for p in PROVIDERS),
        ),
        matches=_matches(matches, seed),
        payouts=_payouts(matches // 5, seed),
        open_bank_entries=_open_bank(matches // 20, seed),
        open_items=_open_items(matches // 5, seed),
        vouchers=_vouchers(posted, seed),
        audit=_audit(2 * matches),
        clearing_balances=tuple(
            ClearingBalance(p, 5830 + k, Money.zero("DKK"), f"{p} clearing")
            for k, p in enumerate(PROVIDERS)
        ),
        timezone=ZoneInfo("Europe/Copenhagen"),
    )


def row_count(data: ReportData) -> int:
    """Consume every iterable (to time generation alone); returns the rows produced."""
    iterables = (data.matches, data.payouts, data.open_bank_entries, data.open_items,
                 data.vouchers, data.audit)  # fmt: skip
    return sum(sum(1 for _ in rows) for rows in iterables)
