"""The reconciliation report for a period, from the store (and, when asked, from e-conomic).

Every sheet's rows stream from the database in batches (`yield_per`), inside one read
transaction, so the report sees one consistent moment of the store and its memory does not
grow with it: a store of a million matches writes in the same few tens of megabytes.

The period is the bank's: a match belongs to it when one of its bank entries is dated in it,
a payout by its arrival date, open bank entries by their date, platform items by their time in
the merchant's day (Copenhagen), as everywhere in econdesk. The audit trail runs from the
period's first day to the moment the report is written.

e-conomic is asked for the company's name and each platform's clearing-account balance (booked
and with drafts). When it cannot be asked (offline, no tokens, no network) the report is still
written, and says in its Summary why the balances are missing.
"""

from __future__ import annotations

import contextlib
import heapq
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import Select, and_, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import aliased
from sqlalchemy.sql import ColumnElement

from econdesk.connectors import eventloop
from econdesk.connectors.errors import ConnectorError
from econdesk.connectors.platform import MERCHANT_TZ
from econdesk.domain.model import BankEntry, Match, PlatformItem, Voucher, VoucherRef
from econdesk.domain.money import Money
from econdesk.domain.rollforward import RollForward
from econdesk.errors import ConfigError, EcondeskError, UsageError
from econdesk.i18n import QT_TRANSLATE_NOOP, formats
from econdesk.i18n.message import reason_of, say, say_text
from econdesk.reports import (
    AuditRow,
    ClearingBalance,
    MatchRow,
    PayoutRow,
    ReportData,
    ReportError,
    ReportResult,
    SourceInfo,
    VoucherRow,
    VoucherStatus,
    write_report,
)
from econdesk.storage import MATCH_KIND, REVERSAL_KIND, Database, Store
from econdesk.storage import models as db
from econdesk.storage.repos import bank as bank_repo
from econdesk.storage.repos import items as item_repo
from econdesk.storage.repos import matches as match_repo
from econdesk.storage.repos import payouts as payout_repo
from econdesk.storage.repos.posting_state import PostingStatus
from econdesk.storage.repos.postings import voucher_from_json

if TYPE_CHECKING:
    from econdesk.config import Config
    from econdesk.connectors.economic import models as eco

    AnySelect = Select[*tuple[Any, ...]]  # any SELECT, whatever its columns

BATCH = 1000  # rows fetched per round trip while streaming
PAYOUT_BATCH = 200  # payouts per batch: each brings its components along


@dataclass(frozen=True, slots=True)
class Period:
    """Days `start` to `end`, both included; either may be open."""

    start: date | None = None
    end: date | None = None

    def __post_init__(self) -> None:
        if self.start and self.end and self.end < self.start:
            before = QT_TRANSLATE_NOOP("CLI", "--to {0} is before --from {1}")
            raise UsageError(say(before, self.end, self.start))

    @property
    def bounded(self) -> bool:
        return self.start is not None or self.end is not None

    def days(self, column: Any) -> list[ColumnElement[bool]]:
        """Conditions for a date column."""
        conditions = []
        if self.start is not None:
            conditions.append(column >= self.start)
        if self.end is not None:
            conditions.append(column <= self.end)
        return conditions

    def moments(self, column: Any, tz: tzinfo) -> list[ColumnElement[bool]]:
        """Conditions for a timestamp column: from the first day's local midnight to the one
        after the last day."""
        conditions = []
        if self.start is not None:
            conditions.append(column >= _midnight(self.start, tz))
        if self.end is not None:
            conditions.append(column < _midnight(self.end + timedelta(days=1), tz))
        return conditions


def _midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(0), tz).astimezone(UTC)


# -- what e-conomic says -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Ledger:
    """The books' side of the report: the company, and where each clearing account stands."""

    company: str
    clearing: tuple[ClearingBalance, ...] = ()
    note: str = ""  # why the balances are missing, when they are

    @classmethod
    def unknown(cls, reason: str) -> Ledger:
        return cls(company="(company not read from e-conomic)", note=reason)


class LedgerPort(Protocol):
    """What the report asks e-conomic; `connectors.economic.EconomicClient` provides it."""

    async def agreement(self) -> eco.Agreement: ...

    async def account(self, number: int) -> eco.Account: ...


def clearing_accounts(config: Config) -> list[tuple[str, int]]:
    """(providers, account) for each clearing account, providers that share one named together
    ("clearhaus, frisbii"): a shared account's balance is listed once."""
    named: dict[int, list[str]] = {}
    for provider in config.every_provider().values():
        named.setdefault(provider.clearing_account, []).append(provider.name)
    return sorted((", ".join(sorted(names)), account) for account, names in named.items())


async def read_ledger(client: LedgerPort, clearing: Iterable[tuple[str, int]]) -> Ledger:
    """The agreement's company and each (providers, clearing account)'s balance, booked and
    with drafts."""
    agreement = await client.agreement()
    currency = agreement.base_currency
    balances = []
    for name, number in clearing:
        account = await client.account(number)
        booked = Money.of(account.balance or 0, currency)
        drafts = account.draft_balance
        balances.append(
            ClearingBalance(
                name,
                account.number,
                booked,
                account.name,
                Money.of(drafts, currency) if drafts is not None else None,
            )
        )
    return Ledger(agreement.company_name, tuple(balances))


LedgerClientFactory = Callable[[], contextlib.AbstractAsyncContextManager[LedgerPort]]


def fetch_ledger(config: Config, *, client: LedgerClientFactory) -> Ledger:
    """`read_ledger` for the config's clearing accounts; a failure (e-conomic unreachable, a
    token missing when `client()` builds the client) becomes the Ledger's note."""

    async def read() -> Ledger:
        async with client() as connected:
            return await read_ledger(connected, clearing_accounts(config))

    try:
        return eventloop.run(read())
    except (ConnectorError, ConfigError) as exc:
        unread = QT_TRANSLATE_NOOP("CLI", "clearing balances not read from e-conomic: {0}")
        return Ledger.unknown(say_text(unread, reason_of(exc)))


# -- the rows ----------------------------------------------------------------------------------


def _batches(store: Store, query: AnySelect, size: int, *, rows: bool = False) -> Iterator[Any]:
    """The query's results in lists of `size`, fetched as they are needed."""
    statement = query.execution_options(yield_per=size)
    result = store.session.execute(statement) if rows else store.session.scalars(statement)
    yield from result.partitions()


# The report reads plain rows (Core), not ORM objects: building an ORM instance per match,
# link and bank entry was most of a 20,000-match report's time, and nothing here is changed.


@dataclass(frozen=True, slots=True)
class _Link:
    role: str
    ref: str


class _MatchColumns:
    """A match's columns and its links, in the shape the match repository converts."""

    def __init__(self, row: Any, links: list[_Link]) -> None:
        self.__dict__.update(row._mapping)
        self.links = links


def _matches(store: Store, rows: Sequence[Any]) -> list[Match]:
    """Matches from rows of the matches table, with their links (one query for all)."""
    links: dict[int, list[_Link]] = {row.id: [] for row in rows}
    link = db.MatchLinkRow
    query = (
        select(link.match_id, link.role, link.ref)
        .where(link.match_id.in_(list(links)))
        .order_by(link.match_id, link.position)
    )
    for match_id, role, ref in store.session.execute(query):
        links[match_id].append(_Link(role, ref))
    return [match_repo.to_domain(_MatchColumns(row, links[row.id])) for row in rows]  # type: ignore[arg-type]


def _bank_entries(store: Store, refs: Iterable[str]) -> dict[str, BankEntry]:
    """The bank entries among `refs` that exist, by ref."""
    row = db.BankEntryRow
    wanted = list(dict.fromkeys(refs))
    found: dict[str, BankEntry] = {}
    for start in range(0, len(wanted), BATCH):
        query = select(*row.__table__.columns).where(row.ref.in_(wanted[start : start + BATCH]))
        for r in store.session.execute(query):
            found[r.ref] = bank_repo.to_domain(r)
    return found


def _with_bank_entries(store: Store, matches: Sequence[Match]) -> Iterator[MatchRow]:
    found = _bank_entries(store, (ref for m in matches for ref in m.bank_refs))
    for m in matches:
        yield MatchRow(m, tuple(found[ref] for ref in m.bank_refs if ref in found))


def _banked_in(period: Period) -> AnySelect:
    """Ids of matches with a bank entry dated in the period."""
    return (
        select(db.MatchLinkRow.match_id)
        .join(db.BankEntryRow, db.BankEntryRow.ref == db.MatchLinkRow.ref)
        .where(db.MatchLinkRow.role == "bank", *period.days(db.BankEntryRow.entry_date))
    )


def match_rows(store: Store, period: Period) -> Iterator[MatchRow]:
    query = select(*db.MatchRow.__table__.columns)
    if period.bounded:
        query = query.where(db.MatchRow.id.in_(_banked_in(period)))
    for part in _batches(store, query.order_by(db.MatchRow.id), BATCH, rows=True):
        yield from _with_bank_entries(store, _matches(store, part))


def _live_matches(store: Store, refs: Sequence[str]) -> dict[str, Match]:
    """The live match claiming each of `refs`, by ref."""
    links = store.session.execute(
        select(db.MatchLinkRow.ref, db.MatchLinkRow.match_id).where(
            db.MatchLinkRow.ref.in_(refs), db.MatchLinkRow.live
        )
    ).all()
    ids = {match_id for _, match_id in links}
    rows = store.session.scalars(select(db.MatchRow).where(db.MatchRow.id.in_(ids)))
    by_id = {row.id: match_repo.to_domain(row) for row in rows}
    return {ref: by_id[match_id] for ref, match_id in links}


def payout_rows(store: Store, period: Period) -> Iterator[PayoutRow]:
    query = select(db.PayoutRow).where(*period.days(db.PayoutRow.arrival_date))
    query = query.order_by(db.PayoutRow.arrival_date, db.PayoutRow.id)
    for part in _batches(store, query, PAYOUT_BATCH):
        payouts = [payout_repo.to_domain(row) for row in part]
        items = store.items.get_many(ref for p in payouts for ref in p.component_refs)
        matches = _live_matches(store, [p.ref for p in payouts])
        banks = store.bank_entries.get_many(m.bank_refs[0] for m in matches.values() if m.bank_refs)
        for p in payouts:
            match = matches.get(p.ref)
            bank = banks.get(match.bank_refs[0]) if match and match.bank_refs else None
            yield PayoutRow.build(
                p,
                [items[ref] for ref in p.component_refs if ref in items],
                bank_entry=bank,
                match_id=match.id if match else None,
                match_state=match.state if match else None,
            )


def _unclaimed(ref_column: Any) -> ColumnElement[bool]:
    """Not claimed by any live match, directly or as a payout's component."""
    claimed: ColumnElement[bool] = ref_column.not_in(
        select(db.MatchLinkRow.ref).where(db.MatchLinkRow.live)
    )
    return claimed


def open_bank_entries(store: Store, period: Period) -> Iterator[BankEntry]:
    row = db.BankEntryRow
    query = select(*row.__table__.columns).where(_unclaimed(row.ref), *period.days(row.entry_date))
    for part in _batches(store, query.order_by(row.entry_date, row.id), BATCH, rows=True):
        yield from (bank_repo.to_domain(r) for r in part)


def open_items(store: Store, period: Period, tz: tzinfo) -> Iterator[PlatformItem]:
    row = db.PlatformItemRow
    query = select(*row.__table__.columns).where(
        _unclaimed(row.ref), *period.moments(row.occurred_at, tz)
    )
    for part in _batches(store, query.order_by(row.occurred_at, row.id), BATCH, rows=True):
        yield from (item_repo.to_domain(r) for r in part)


@dataclass(frozen=True, slots=True)
class PostedVoucher:
    """A voucher econdesk posted, as the report lists it, with the lines it sent."""

    row: VoucherRow
    voucher: Voucher


def voucher_rows(store: Store, period: Period) -> Iterator[VoucherRow]:
    """Every voucher econdesk posted in the period, in voucher order (see `posted_vouchers`)."""
    return (posted.row for posted in posted_vouchers(store, period))


def posted_vouchers(store: Store, period: Period) -> Iterator[PostedVoucher]:
    """Every voucher econdesk posted in the period, in voucher order: a match's by its bank
    entry's date, like its match (originals later reversed, and the reposts, too); a reversal
    by its own date, which may be in a later period than what it reverses (`--date`).
    Nothing is left out for having been reversed: both stay in the books."""
    posting, other = db.PostingRow, aliased(db.PostingRow)
    query = (
        select(db.MatchRow, posting, other)
        .join(posting, posting.match_id == db.MatchRow.id)
        .outerjoin(other, _other_side(posting, other))  # a match posting's reversal
        .where(posting.kind == MATCH_KIND, posting.status == PostingStatus.POSTED.value)
        .order_by(posting.accounting_year, posting.voucher_number, posting.id)
    )
    if period.bounded:
        query = query.where(db.MatchRow.id.in_(_banked_in(period)))
    postings = (
        _posted_voucher(store, m, p, o) for part in _batches(store, query, BATCH, rows=True)
        for m, p, o in part
    )  # fmt: skip
    yield from heapq.merge(postings, reversal_vouchers(store, period), key=_voucher_order)


def _other_side(posting: Any, other: Any) -> ColumnElement[bool]:
    """The posted reversal of a match posting, or the match posting a reversal reverses:
    the same match, the same round, the other kind."""
    condition: ColumnElement[bool] = and_(
        other.match_id == posting.match_id,
        other.round == posting.round,
        other.kind != posting.kind,
        other.status == PostingStatus.POSTED.value,
    )
    return condition


def reversal_vouchers(store: Store, period: Period) -> list[PostedVoucher]:
    """The period's posted reversals (by their own date), in voucher order: few, so listed."""
    posting, other = db.PostingRow, aliased(db.PostingRow)
    query = (
        select(db.MatchRow, posting, other)
        .join(posting, posting.match_id == db.MatchRow.id)
        .outerjoin(other, _other_side(posting, other))
        .where(posting.kind == REVERSAL_KIND, posting.status == PostingStatus.POSTED.value)
    )
    found = (_posted_voucher(store, m, p, o) for m, p, o in store.session.execute(query))
    inside = [v for v in found if _within(period, v.row.entry_date)]
    return sorted(inside, key=_voucher_order)


def _within(period: Period, day: date) -> bool:
    return (period.start is None or period.start <= day) and (
        period.end is None or day <= period.end
    )


def _voucher_order(posted: PostedVoucher) -> tuple[str, int]:
    return posted.row.voucher.year, posted.row.voucher.number


def _posted_voucher(store: Store, match_row: Any, posting: Any, other: Any) -> PostedVoucher:
    """One posted voucher's row: a match posting (`other`: its reversal, if reversed) or a
    reversal (`other`: the match posting it reverses)."""
    match = match_repo.to_domain(match_row)
    voucher = voucher_from_json(json.loads(posting.voucher_json))
    ref = VoucherRef(posting.journal, posting.accounting_year, posting.voucher_number)
    amount = match.amount
    related: tuple[VoucherRef, ...] = ()
    if posting.kind == REVERSAL_KIND:
        status, amount = VoucherStatus.REVERSAL, -match.amount
        original = store.postings.at_round(match.id, posting.round)
        related = () if original is None else store.postings.vouchers(original)
    elif other is not None:
        status = VoucherStatus.REVERSED
        related = (VoucherRef(other.journal, other.accounting_year, other.voucher_number),)
    else:
        status = VoucherStatus.REPOSTED if posting.round else VoucherStatus.POSTED
    row = VoucherRow(
        voucher=ref,
        match_id=match.id,
        entry_date=min(line.entry_date for line in voucher.lines),
        amount=amount,
        text=voucher.marker,
        bank_refs=match.bank_refs,
        line_count=len(voucher.lines),
        # Booked when econdesk booked its drafts; otherwise not known (they may wait in
        # the daybook, or someone booked them in e-conomic since).
        booked=True if posting.booked_at is not None else None,
        posted_at=_aware(posting.updated_at),
        status=status,
        related=related,
        reason=posting.reason,
        posted_by=posting.claimed_by,
    )
    return PostedVoucher(row, voucher)


def audit_rows(store: Store, period: Period, tz: tzinfo) -> Iterator[AuditRow]:
    """Every event from the period's first day to now, in the log's order.

    Not only those inside the period: a month is reconciled after it ends, and that work
    (matching, approving, posting its entries) belongs in its report. The listing ends at the
    log's head, whose hash the Summary files to anchor the chain.
    """
    row = db.AuditEventRow
    since = Period(period.start, None).moments(row.occurred_at, tz)
    columns = (row.seq, row.occurred_at, row.actor, row.action, row.subjects_json)
    query = select(*columns, row.payload_json, row.hash).where(*since).order_by(row.seq)
    for part in _batches(store, query, BATCH, rows=True):
        for event in part:
            yield AuditRow(
                sequence=event.seq,
                at=_aware(event.occurred_at),
                actor=event.actor,
                action=event.action,
                subject=", ".join(json.loads(event.subjects_json)),
                detail=event.payload_json,  # canonical JSON, as the hash covers it
                hash=event.hash,
            )


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


# -- the report --------------------------------------------------------------------------------


def sources(store: Store, config: Config) -> tuple[SourceInfo, ...]:
    """What the report draws on, with when each was last synced: names and numbers only."""
    synced: dict[str, datetime] = {}
    for key in store.cursors.all():
        at = store.cursors.updated_at(key)
        source = key.partition(":")[0]
        if at is not None and (source not in synced or at > synced[source]):
            synced[source] = _aware(at)
    e = config.economic
    found = [
        SourceInfo(
            "e-conomic",
            f"bank account {e.bank_account or '(not set)'}, daybook {e.journal or '(not set)'}",
            synced.get("economic"),
        )
    ]
    for name, provider in sorted(config.providers.items()):
        detail = f"clearing account {provider.clearing_account}, fees {provider.fee_account}"
        found.append(SourceInfo(name, detail, synced.get(name)))
    for name, files in sorted(config.file_providers.items()):
        detail = (
            f"settlement files in {files.settlements_folder}, "
            f"clearing account {files.clearing_account}, fees {files.fee_account}"
        )
        found.append(SourceInfo(name, detail, synced.get(name)))
    for name, api in sorted(config.credential_providers.items()):
        detail = (
            f"API at {api.base_url}, "
            f"clearing account {api.clearing_account}, fees {api.fee_account}"
        )
        found.append(SourceInfo(name, detail, synced.get(name)))
    return tuple(found)


def known_secrets(config: Config, database_url: str) -> list[str]:
    """Every secret the config can reveal, so the workbook can be kept free of them."""
    held = [config.economic.app_secret_token, config.economic.agreement_grant_token]
    held += [p.api_key for p in config.providers.values()]
    for api in config.credential_providers.values():
        held += [api.client_secret, *([api.subscription_key] if api.subscription_key else [])]
    found = []
    for secret in held:
        with contextlib.suppress(ConfigError):  # not set anywhere: nothing to keep out
            found.append(secret.reveal())
    with contextlib.suppress(ValueError):
        password = make_url(database_url).password
        if password:
            found.append(str(password))
    return found


def _consistent_snapshot(store: Store) -> None:
    """One moment of the store for every sheet: PostgreSQL's default (read committed) would
    give each query its own; SQLite's read transaction already is one."""
    if store.session.get_bind().dialect.name == "postgresql":
        store.session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


def write_period_report(
    database: Database,
    path: Path,
    *,
    config: Config,
    period: Period,
    ledger: Ledger,
    tz: tzinfo = MERCHANT_TZ,
    now: datetime | None = None,
    pseudonymise: bool = False,
    language: str = "en",
    rollforward: Sequence[RollForward] = (),
) -> ReportResult:
    """Write the workbook for `period` at `path` in `language` (atomically; see
    `reports.write_report`); `pseudonymise`: customers' and payers' names become their
    pseudonyms, for sharing."""
    secrets = known_secrets(config, database.url)
    try:
        with database.reader() as store:
            _consistent_snapshot(store)
            pseudonyms = store.privacy.pseudonyms() if pseudonymise else None
            data = ReportData(
                company=ledger.company,
                period_from=period.start,
                period_to=period.end,
                sources=sources(store, config),
                matches=match_rows(store, period),
                payouts=payout_rows(store, period),
                open_bank_entries=open_bank_entries(store, period),
                open_items=open_items(store, period, tz),
                vouchers=voucher_rows(store, period),
                audit=audit_rows(store, period, tz),
                clearing_balances=ledger.clearing,
                clearing_note=ledger.note,
                rollforward=rollforward,
                generated_at=now or datetime.now(UTC),
                timezone=tz,
            )
            return write_report(
                data, path, secrets=secrets, pseudonyms=pseudonyms, language=language
            )
    except EcondeskError:
        raise
    except Exception as exc:  # a database error mid-stream: name it; nothing was written
        unwritten = QT_TRANSLATE_NOOP("CLI", "the report {0} was not written: {1}")
        raise ReportError(say(unwritten, path, exc)) from exc


def result_text(result: ReportResult, language: str = "en") -> str:
    wrote = QT_TRANSLATE_NOOP(
        "CLI",
        "wrote {0}: {1} matches, {2} payouts, {3} open bank entries, {4} open items, "
        "{5} vouchers, {6} audit events",
    )
    counts = (result.matches, result.payouts, result.open_bank_entries, result.open_items,
              result.vouchers, result.audit_events)  # fmt: skip
    return say(wrote, result.path, *(formats.count(n, language) for n in counts)).render(language)


__all__ = [
    "Ledger",
    "LedgerPort",
    "Period",
    "PostedVoucher",
    "fetch_ledger",
    "read_ledger",
    "result_text",
    "reversal_vouchers",
    "voucher_rows",
    "write_period_report",
]
