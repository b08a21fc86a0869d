"""The clearing accounts' roll-forward for a period, from e-conomic and the store.

For each platform's clearing account (platforms sharing one are named together) e-conomic is
asked for the account's entries, booked and draft, from the first accounting year up to the
period's end (`GET /accounts/{n}/accounting-years/{year}/entries` per year, and the daybooks'
draft lines touching it), and for the other entries of the vouchers they belong to
(`GET /accounting-years/{year}/entries?filter=voucherNumber$in:[...]`), which tell a payout
from a fee or a payment (domain/rollforward.py). The opening balance is every entry before
the period; should a year carry opening entries (`entryType` "openingEntry" or
"transferredOpeningEntry", which e-conomic books when the year before is closed ⚠️ inferred
from the entry types it lists), the years before it are left out, their balance being in
those entries (docs/clearing-rollforward.md).

The store says what is still open at the end: deposits on the clearing account whose voucher
is not posted (payouts in transit through econdesk), and, for a source whose payments stand on
the clearing account (`settle`, `sales`), payments not yet paid out or paid out but not yet in
the bank.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Protocol

from econdesk.accounting.marker import markers_in
from econdesk.accounting.voucher_modes import booked_elsewhere
from econdesk.connectors import eventloop
from econdesk.connectors.errors import ConnectorError
from econdesk.connectors.platform import MERCHANT_TZ
from econdesk.domain.booking import BookingMode
from econdesk.domain.model import (
    BankEntryOrigin,
    ItemKind,
    MatchState,
    Payout,
    PlatformItem,
    make_ref,
)
from econdesk.domain.rollforward import (
    AccountRoles,
    BookedBy,
    ClearingEntry,
    OpenItem,
    OpenKind,
    RollForward,
    roll_forward,
)
from econdesk.errors import ConfigError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import reason_of, say_text
from econdesk.services.bank_side import AccountLinesPort
from econdesk.storage import Database, Store

if TYPE_CHECKING:
    from econdesk.config import Config
    from econdesk.connectors.economic import models as eco

# Entry types that carry a balance over from the year before (e-conomic lists both).
OPENING_ENTRIES = frozenset({"openingEntry", "transferredOpeningEntry"})


class RollForwardPort(AccountLinesPort, Protocol):
    """What the roll-forward asks e-conomic; `connectors.economic.EconomicClient` provides it."""

    async def base_currency(self) -> str: ...

    async def account(self, number: int) -> eco.Account: ...

    async def accounting_years(
        self, start: date | None = None, end: date | None = None
    ) -> list[eco.AccountingYear]: ...

    async def voucher_entries(
        self, year: eco.AccountingYear, voucher_numbers: Iterable[int]
    ) -> list[eco.BookedEntry]: ...


ClientFactory = Callable[[], contextlib.AbstractAsyncContextManager[RollForwardPort]]


@dataclass(frozen=True, slots=True)
class ClearingSource:
    """One clearing account and the platforms whose deposits and payments go through it."""

    account: int
    providers: tuple[str, ...]
    bookings: tuple[BookingMode | None, ...]  # each provider's booking mode

    @property
    def name(self) -> str:
        return ", ".join(self.providers)


def clearing_sources(config: Config) -> list[ClearingSource]:
    """The config's clearing accounts, each with the platforms that share it."""
    shared: dict[int, list[tuple[str, BookingMode | None]]] = {}
    for name, p in sorted(config.every_provider().items()):
        shared.setdefault(p.clearing_account, []).append((name, p.booking))
    return [
        ClearingSource(account, tuple(n for n, _ in named), tuple(b for _, b in named))
        for account, named in sorted(shared.items())
    ]


def account_roles(config: Config) -> AccountRoles:
    providers = config.every_provider().values()
    e = config.economic
    differences = {e.difference_account, e.exchange_difference_account}
    return AccountRoles(
        bank=frozenset(() if e.bank_account is None else (e.bank_account,)),
        fees=frozenset(p.fee_account for p in providers),
        differences=frozenset(d for d in differences if d is not None),
        clearing=frozenset(p.clearing_account for p in providers),
    )


@dataclass
class _Read:
    """One clearing account as read from e-conomic."""

    name: str
    entries: list[ClearingEntry]
    bank_refs: dict[str, str]  # clearing entry ref -> the bank entry's store ref, for payouts


class RollForwardService:
    def __init__(
        self,
        db: Database,
        client_factory: ClientFactory,
        sources: Sequence[ClearingSource],
        roles: AccountRoles,
    ) -> None:
        self.db = db
        self.client_factory = client_factory
        self.sources = list(sources)
        self.roles = roles

    @classmethod
    def of(cls, config: Config, db: Database, client_factory: ClientFactory) -> RollForwardService:
        return cls(db, client_factory, clearing_sources(config), account_roles(config))

    async def compute(self, start: date, end: date) -> list[RollForward]:
        """Each clearing account's roll-forward over start..end, per currency."""
        async with self.client_factory() as client:
            base = await client.base_currency()
            years = await client.accounting_years(None, end)
            reads = await asyncio.gather(
                *(self._read(client, s.account, years, start, end) for s in self.sources)
            )
        found: list[RollForward] = []
        with self.db.reader() as store:
            for source, read in zip(self.sources, reads, strict=True):
                items = _open_items(store, source, read, self.roles, end)
                found += roll_forward(
                    sources=source.name,
                    account=source.account,
                    account_name=read.name,
                    base_currency=base,
                    start=start,
                    end=end,
                    entries=read.entries,
                    roles=self.roles,
                    open_items=items,
                )
        return found

    def for_period(
        self, start: date | None, end: date | None, *, today: date | None = None
    ) -> tuple[list[RollForward], str]:
        """`compute` for a report's period (open ends: from the first accounting year, up to
        today); when e-conomic cannot be asked, nothing and the reason."""
        first = start or date(1900, 1, 1)
        last = end or today or date.today()
        try:
            return eventloop.run(self.compute(first, last)), ""
        except (ConnectorError, ConfigError) as exc:
            unread = QT_TRANSLATE_NOOP("CLI", "clearing roll-forward not read from e-conomic: {0}")
            return [], say_text(unread, reason_of(exc))

    async def _read(
        self,
        client: RollForwardPort,
        account: int,
        years: Sequence[eco.AccountingYear],
        start: date,
        end: date,
    ) -> _Read:
        if not years:
            return _Read("", [], {})
        first = min(y.from_date for y in years)
        about, fetched = await asyncio.gather(
            client.account(account), client.fetch_bank(account, first, end, drafts=True)
        )
        booked = _since_opening(fetched.booked, years, start)
        by_name = {y.year: y for y in years}
        wanted: dict[str, set[int]] = {}
        for e in booked:
            if e.voucher_number is not None:
                wanted.setdefault(e.year, set()).add(e.voucher_number)
        answers = await asyncio.gather(
            *(client.voucher_entries(by_name[y], n) for y, n in wanted.items() if y in by_name)
        )
        vouchers: dict[tuple[str, int | None], list[eco.BookedEntry]] = {}
        for entries in answers:
            for x in entries:
                vouchers.setdefault((x.year, x.voucher_number), []).append(x)
        read = _Read(about.name, [], {})
        for e in booked:
            read.entries.append(_booked_entry(e, account, vouchers, read.bank_refs, self.roles))
        for d in fetched.drafts:
            read.entries.append(_draft_entry(d, account, read.bank_refs, self.roles))
        return read


def _since_opening(
    booked: Iterable[eco.BookedEntry], years: Sequence[eco.AccountingYear], start: date
) -> list[eco.BookedEntry]:
    """The entries from the latest year (starting on or before `start`) that opens with
    opening entries; all of them when none does."""
    entries = list(booked)
    opened = [
        y.from_date
        for y in years
        if y.from_date <= start
        and any(e.year == y.year and e.entry_type in OPENING_ENTRIES for e in entries)
    ]
    if not opened:
        return entries
    since = max(opened)
    return [e for e in entries if e.entry_date >= since]


def _booked_entry(
    e: eco.BookedEntry,
    account: int,
    vouchers: dict[tuple[str, int | None], list[eco.BookedEntry]],
    bank_refs: dict[str, str],
    roles: AccountRoles,
) -> ClearingEntry:
    others = [
        x for x in vouchers.get((e.year, e.voucher_number), []) if x.account_number != account
    ]
    # The voucher line's other side carries its text; a voucher of many lines (econdesk's)
    # has a text per line.
    same = [x for x in others if x.text == e.text] or others
    ref = f"entry {e.year}:{e.entry_number}"
    bank = next((x for x in same if x.account_number in roles.bank), None)
    if bank is not None:
        bank_refs[ref] = make_ref(BankEntryOrigin.BOOKED.value, str(bank.entry_number))
    return ClearingEntry(
        entry_date=e.entry_date,
        amount=e.amount,
        amount_base=e.amount_base,
        text=e.text,
        partners=frozenset(x.account_number for x in same),
        ref=ref,
        customer=any(x.customer_number is not None for x in same),
        booked_by=_booked_by(e.text),
    )


def _draft_entry(
    d: eco.DraftEntry, account: int, bank_refs: dict[str, str], roles: AccountRoles
) -> ClearingEntry:
    sign = 1 if d.account_number == account else -1
    other = d.contra_account_number if sign == 1 else d.account_number
    base = d.amount_base if d.amount_base is not None else d.amount
    ref = f"draft {d.journal_entry_number}"
    if other is not None and other in roles.bank:
        bank_refs[ref] = make_ref(BankEntryOrigin.DRAFT.value, str(d.journal_entry_number))
    return ClearingEntry(
        entry_date=d.entry_date,
        amount=d.amount * sign,
        amount_base=base * sign,
        text=d.text,
        partners=frozenset({other} if other is not None else set()),
        ref=ref,
        customer=d.customer_number is not None and sign == -1,
        draft=True,
        booked_by=_booked_by(d.text),
    )


def _booked_by(text: str) -> BookedBy:
    return BookedBy.ECONDESK if markers_in(text) else BookedBy.OTHERS


# -- what is open at the end ----------------------------------------------------------------


def _open_items(
    store: Store, source: ClearingSource, read: _Read, roles: AccountRoles, end: date
) -> list[OpenItem]:
    return [
        *_deposits_awaiting_voucher(store, read, roles, end),
        *_payments_on_clearing(store, source, end),
    ]


def _deposits_awaiting_voucher(
    store: Store, read: _Read, roles: AccountRoles, end: date
) -> list[OpenItem]:
    """Deposits the bank feed (not econdesk) booked on the clearing account by `end` whose
    match is not posted."""
    found = []
    for e in read.entries:
        bank_ref = read.bank_refs.get(e.ref)
        if bank_ref is None or e.entry_date > end or e.booked_by is BookedBy.ECONDESK:
            continue
        match = store.matches.live_match_for(bank_ref)
        if match is not None and match.state is MatchState.POSTED:
            continue
        found.append(
            OpenItem(
                OpenKind.DEPOSIT_AWAITING_VOUCHER,
                bank_ref,
                e.entry_date,
                e.amount,
                match_id=match.id if match is not None else None,
                match_state=match.state if match is not None else None,
            )
        )
    return found


def _payments_on_clearing(store: Store, source: ClearingSource, end: date) -> list[OpenItem]:
    """Payments an integration (`settle`) or econdesk's sales (`sales`) put on the clearing
    account whose payout is not settled by `end`: not paid out, not yet in the bank, or in
    the bank with its voucher not posted."""
    until = datetime.combine(end + timedelta(days=1), time(0), MERCHANT_TZ)
    found = []
    for provider, booking in zip(source.providers, source.bookings, strict=True):
        # The items the voucher builder leaves out as booked already (voucher_modes.py).
        kinds = [k for k in ItemKind if booked_elsewhere(booking, k)]
        if not kinds:
            continue
        items = store.items.find(provider=provider, until=until, kinds=kinds)
        payouts = _payout_of_items(store, items)
        for item in items:
            open_item = _standing(store, item, payouts.get(item.ref), end)
            if open_item is not None:
                found.append(open_item)
    return found


def _standing(
    store: Store, item: PlatformItem, payout: Payout | None, end: date
) -> OpenItem | None:
    day = item.occurred_at.astimezone(MERCHANT_TZ).date()
    if payout is None:
        return OpenItem(OpenKind.NOT_PAID_OUT, item.ref, day, item.amount)
    if payout.arrival_date > end:
        return OpenItem(
            OpenKind.PAYOUT_NOT_IN_BANK,
            item.ref,
            day,
            item.amount,
            payout_ref=payout.ref,
            arrives=payout.arrival_date,
        )
    match = store.matches.live_match_for(payout.ref) or store.matches.live_match_for(item.ref)
    if match is not None and match.state is MatchState.POSTED:
        return None
    return OpenItem(
        OpenKind.PAID_OUT_AWAITING_VOUCHER,
        item.ref,
        day,
        item.amount,
        match_id=match.id if match is not None else None,
        match_state=match.state if match is not None else None,
        payout_ref=payout.ref,
        arrives=payout.arrival_date,
    )


def _payout_of_items(store: Store, items: Sequence[PlatformItem]) -> dict[str, Payout]:
    """Each item's payout: the one listing it as a component, else the one its `payout_ref`
    names (a payout's ref, or its id at the item's platform)."""
    by_item: dict[str, Payout] = {}
    for payout in store.payouts.find():
        for ref in payout.component_refs:
            by_item[ref] = payout
    named = {i.payout_ref for i in items if i.payout_ref}
    named |= {make_ref(i.provider, i.payout_ref) for i in items if i.payout_ref}
    known = store.payouts.get_many(named)
    for i in items:
        if i.ref not in by_item and i.payout_ref:
            found = known.get(i.payout_ref) or known.get(make_ref(i.provider, i.payout_ref))
            if found is not None:
                by_item[i.ref] = found
    return by_item
