"""A store with approved matches and an e-conomic sandbox holding their deposits, for posting.

Each deposit is booked in the sandbox the way the clearing profile expects (bank 5820 debit,
Stripe clearing 5830 credit), so after posting and booking, the sandbox's own books show
whether the clearing account nets to zero. Everything is drawn from a seed.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections import Counter
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from econdesk.accounting.marker import markers_in, match_marker
from econdesk.accounting.vouchers import PostingProfile
from econdesk.connectors.economic.client import EconomicClient
from econdesk.connectors.http import RetryPolicy
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
from econdesk.sandbox.economic import EconomicData, EconomicSandbox
from econdesk.sandbox.economic.generate import empty_agreement
from econdesk.sandbox.economic.store import Booked
from econdesk.services.mappings import MappingService
from econdesk.services.posting import EconomicPort, PostingOptions, PostingService
from econdesk.storage import Database

ROOT = Path(__file__).resolve().parents[2]  # the repository, for the processes started
BANK, CLEARING, FEES, DIFFERENCE = 5820, 5830, 7220, 7290
FIRST_DAY, LAST_DAY = date(2026, 1, 1), date(2026, 3, 31)
FAST_RETRY = RetryPolicy(attempts=3, base_delay=0.005, max_delay=0.02)

MAPPINGS = Mappings(
    providers=(ProviderMapping("stripe", CLEARING, FEES),),
    plans=(PlanMapping("stripe", "basic", 1010, "U25"), PlanMapping("stripe", "pro", 1020, "U25")),
    customers=(CustomerMapping("stripe", "cus_B2B", 7),),
    difference_account=DIFFERENCE,
    default_revenue_account=1010,
    default_vat_code="U25",
    tolerances={"stripe": Tolerance(Money.of("0.50", "DKK"))},
)


def agreement(seed: int) -> EconomicData:
    return empty_agreement(seed, FIRST_DAY, LAST_DAY)


def _deposit(
    rng: random.Random,
    n: int,
    day: date,
    entry_number: int,
    currency: str = "DKK",
    origin: BankEntryOrigin = BankEntryOrigin.BOOKED,
) -> tuple[BankEntry, list[PlatformItem]]:
    items: list[PlatformItem] = []
    for k in range(rng.randint(1, 4)):
        kind = ItemKind.REFUND if k and rng.random() < 0.2 else ItemKind.PAYMENT
        gross = rng.randint(5_000, 250_000)
        items.append(
            PlatformItem(
                provider="stripe",
                external_id=f"txn_{n}_{k}",
                kind=kind,
                amount=Money.from_minor(
                    gross if kind is ItemKind.PAYMENT else -gross // 10, currency
                ),
                occurred_at=datetime(day.year, day.month, day.day, 8, tzinfo=UTC)
                - timedelta(days=2),
                fee=Money.from_minor(gross * 14 // 1000 + 180, currency)
                if kind is ItemKind.PAYMENT
                else None,
                plan=rng.choice(["basic", "pro", None]),
                customer_id="cus_B2B" if rng.random() < 0.2 else f"cus_{n}_{k}",
                invoice_ref=str(20_000 + n * 10 + k),
            )
        )
    net = money_sum((i.net for i in items), currency)
    if net.amount <= 0:  # keep deposits positive: add a payment
        items.append(
            PlatformItem(
                provider="stripe",
                external_id=f"txn_{n}_x",
                kind=ItemKind.PAYMENT,
                amount=Money.of("500.00", currency) - net,
                occurred_at=datetime(day.year, day.month, day.day, 8, tzinfo=UTC),
                plan="basic",
            )
        )
        net = money_sum((i.net for i in items), currency)
    off = Money.from_minor(rng.choice([0, 0, 0, 1, -1, 7]), currency)  # within the tolerance
    entry = BankEntry(
        origin=origin,
        external_id=str(entry_number),
        account_number=BANK,
        entry_date=day,
        amount=net + off,
        text=f"STRIPE PAYOUT po_{n}",
    )
    return entry, items


def _split(entry: BankEntry, second_number: int) -> list[BankEntry]:
    """The deposit as two bank lines: about 60 % first, the rest four days later."""
    first = Money(
        (entry.amount.amount * Decimal("0.6")).quantize(Decimal(1)), entry.amount.currency
    )
    rest = replace(
        entry,
        external_id=str(second_number),
        entry_date=entry.entry_date + timedelta(days=4),
        amount=entry.amount - first,
    )
    return [replace(entry, amount=first), rest]


@dataclass
class World:
    sandbox: EconomicSandbox
    db: Database
    matches: list[Match] = field(default_factory=list)
    deposits: dict[str, Money] = field(default_factory=dict)  # match id -> deposit

    @classmethod
    def build(
        cls,
        db: Database,
        sandbox: EconomicSandbox,
        *,
        seed: int,
        count: int,
        currency: str = "DKK",
        from_file: bool = False,
        against: int = CLEARING,
        split: bool = False,
    ) -> World:
        """`from_file`: the deposits come from a bank statement file and are not in e-conomic
        (the direct profile); otherwise the bank feed booked them bank / `against` (the
        clearing account unless told otherwise). `split`: each deposit reaches the bank in two
        lines, the rest four days after the first part (over a weekend or holiday)."""
        assert currency == "DKK" or from_file, "booked foreign deposits need their DKK amount"
        rng = random.Random(seed)
        origin = BankEntryOrigin.FILE if from_file else BankEntryOrigin.BOOKED
        world = cls(sandbox, db)
        data = sandbox.data
        entries: list[BankEntry] = []
        items: list[PlatformItem] = []
        groups: list[tuple[BankEntry, list[PlatformItem]]] = []
        with data.lock:
            number = max(1000, data.last_entry_number) + 1
            for n in range(count):
                day = FIRST_DAY + timedelta(days=rng.randint(30, 85))
                entry, its = _deposit(rng, seed * 1000 + n, day, number, currency, origin)
                parts = _split(entry, number + 2) if split else [entry]
                for part in parts:
                    year = data.year_of(part.entry_date)
                    assert year is not None
                    amount = part.amount.amount
                    # The deposit as the bank feed booked it: bank debit, clearing credit.
                    legs = [] if from_file else [(BANK, amount, 0), (against, -amount, 1)]
                    for account, signed, offset in legs:
                        data.book(
                            Booked(
                                number + offset, year.year, account, part.entry_date, signed,
                                signed, "DKK", part.text, "financeVoucher",
                                voucher_number=90_000 + number,
                            )
                        )  # fmt: skip
                    number += 2
                entries.extend(parts)
                items.extend(its)
                groups.append((parts, its))
        with db.transaction() as store:
            store.bank_entries.upsert_many(entries)
            store.items.upsert_many(items)
            for parts, its in groups:
                net = money_sum((i.net for i in its), currency)
                amount = money_sum((p.amount for p in parts), currency)
                match = store.matches.create(
                    Match(
                        id="",
                        state=MatchState.APPROVED,
                        method=MatchMethod.PAYOUT,
                        score=0.99 if len(parts) == 1 else 0.7,
                        auto=len(parts) == 1,
                        bank_refs=tuple(p.ref for p in parts),
                        item_refs=tuple(i.ref for i in its),
                        amount=amount,
                        difference=amount - net,
                    )
                )
                world.matches.append(match)
                world.deposits[match.id] = amount
        return world

    # -- running ------------------------------------------------------------------------------
    def client(self, retry: RetryPolicy = FAST_RETRY) -> EconomicClient:
        return EconomicClient(
            self.sandbox.app_secret_token,
            self.sandbox.agreement_grant_token,
            base_url=self.sandbox.base_url,
            journals_url=self.sandbox.journals_url,
            retry=retry,
            timeout=5.0,
        )

    def service(
        self,
        *,
        batch_size: int = 3,
        book: bool = False,
        stale_after: timedelta = timedelta(0),
        wrap: Callable[[EconomicClient], EconomicPort] | None = None,
        retry: RetryPolicy = FAST_RETRY,
        profile: PostingProfile = PostingProfile.CLEARING,
        mappings: Mappings = MAPPINGS,
        exchange_rates: dict[str, Decimal] | None = None,
        clock: Callable[[], datetime] | None = None,
        bilag: bool = False,
        sale_rate: Callable[[str, date], Decimal] | None = None,
    ) -> PostingService:
        """`bilag`: attach the bilag after posting (off here: these worlds' fault scripts
        aim at the voucher POSTs, whose path the attachment upload shares)."""

        @asynccontextmanager
        async def factory() -> AsyncIterator[EconomicPort]:
            async with self.client(retry) as client:
                yield wrap(client) if wrap is not None else client

        options = PostingOptions(
            profile, journal=1, bank_account=BANK, book=book, batch_size=batch_size,
            stale_after=stale_after, exchange_rates=exchange_rates or {}, attach_bilag=bilag,
        )  # fmt: skip
        if clock is not None:
            options = replace(options, clock=clock)
        if sale_rate is not None:
            options = replace(options, sale_rate=sale_rate)
        return PostingService(self.db, factory, options, MappingService(self.db, mappings))

    # -- what happened --------------------------------------------------------------------
    def markers(self) -> dict[str, str]:
        return {m.id: match_marker(m) for m in self.matches}

    def vouchers_in_sandbox(self) -> dict[str, set[tuple[str, int]]]:
        """Marker -> the (year, voucher number) pairs e-conomic holds it under, drafts + booked."""
        data = self.sandbox.data
        found: dict[str, set[tuple[str, int]]] = {}
        with data.lock:
            for d in data.drafts.values():
                for marker in markers_in(d.text):
                    found.setdefault(marker, set()).add((d.year, d.voucher_number))
            for year, entries in data.by_year.items():
                for b in entries:
                    for marker in markers_in(b.text):
                        if b.voucher_number is not None:
                            found.setdefault(marker, set()).add((year, b.voucher_number))
        return found

    def accepted_posts(self) -> Counter[str]:
        """How many accepted POSTs (replays not counted) carried each marker."""
        counts: Counter[str] = Counter()
        with self.sandbox.data.lock:
            records = list(self.sandbox.data.posted)
        for record in records:
            bodies = record.body if isinstance(record.body, list) else [record.body]
            seen: set[str] = set()
            for body in bodies:
                for entries in body.get("entries", {}).values():
                    for entry in entries:
                        seen.update(markers_in(entry.get("text", "")))
            counts.update(seen)
        return counts

    def states(self) -> dict[str, Match]:
        with self.db.reader() as store:
            return {m.id: store.matches.get(m.id) for m in self.matches}


def write_config(
    path: Path, sandbox: EconomicSandbox, *, actor: str = "tester", book: bool = False
) -> Path:
    """A config file wired to the sandbox, with the same mappings as MAPPINGS."""
    path.write_text(
        f"""
[app]
actor = "{actor}"

[economic]
base_url = "{sandbox.base_url}"
journals_url = "{sandbox.journals_url}"
app_secret_token = "{sandbox.app_secret_token}"
agreement_grant_token = "{sandbox.agreement_grant_token}"
bank_account = {BANK}
journal = 1
difference_account = {DIFFERENCE}

[posting]
profile = "clearing"
book = {"true" if book else "false"}
revenue_account = 1010
vat_code = "U25"

[providers.stripe]
api_key = "sk_test_unused"
clearing_account = {CLEARING}
fee_account = {FEES}
tolerance_fixed = 0.50

[providers.stripe.plans.pro]
revenue_account = 1020
vat_code = "U25"

[providers.stripe.customers]
cus_B2B = 7
""",
        encoding="utf-8",
    )
    return path


def start_bookkeeper(
    folder: Path, sandbox: EconomicSandbox, db_url: str, name: str, *command: str
) -> subprocess.Popen[str]:
    """`econdesk COMMAND` run by bookkeeper `name` in a process of its own (the real command
    line, its own config file, the shared database), its output captured."""
    config = write_config(folder / f"{name}.toml", sandbox, actor=name)
    return subprocess.Popen(
        [sys.executable, "-m", "econdesk", "--config", str(config), "--db", db_url, *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=folder,
    )


def check_exactly_once(world: World) -> dict[str, Any]:
    """No marker posted twice; every posted match has the sandbox's voucher; none lost."""
    markers = world.markers()
    in_sandbox = world.vouchers_in_sandbox()
    accepted = world.accepted_posts()
    states = world.states()
    posted = 0
    for match_id, marker in markers.items():
        assert accepted[marker] <= 1, f"{match_id}: {marker} accepted {accepted[marker]} times"
        vouchers = in_sandbox.get(marker, set())
        assert len(vouchers) <= 1, f"{match_id}: {marker} is in vouchers {sorted(vouchers)}"
        match = states[match_id]
        assert match.state in (MatchState.APPROVED, MatchState.POSTED), f"{match_id} lost"
        if match.state is MatchState.POSTED:
            posted += 1
            assert match.voucher is not None
            assert vouchers == {(match.voucher.year, match.voucher.number)}, match_id
    return {"posted": posted, "total": len(markers)}


def clearing_balance(world: World) -> Decimal:
    return world.sandbox.data.balance(CLEARING)
