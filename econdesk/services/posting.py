"""Posting approved matches to e-conomic as vouchers: exactly once, whatever happens.

The guarantees and how they are kept:

- **One poster per match.** A match is claimed in the store before anything is sent
  (`store.postings.claim`, with the match row locked FOR UPDATE on PostgreSQL and the write
  lock held on SQLite), so two bookkeepers or two processes on one database never both send
  it; the claim also checks that the match is still the version the voucher was built from.
- **Retries are replays.** Each request carries one Idempotency-Key for the batch attempt; the
  client retries a lost answer or a 5xx under that key, and e-conomic answers a repeat from its
  cache for an hour (docs/economic-api.md#idempotency, docs/posting-safety.md).
- **A late commit is not a failure.** Every entry text carries the match's marker
  (`accounting.marker`). After a lost answer the marker is looked up: found means posted (with
  the voucher number found); not found leaves the posting *in doubt* (still sent), because
  e-conomic may still be committing it. Each run looks an in-doubt posting up again before
  anything else; within its key's hour it is resent under that same key, after the hour, with
  the marker still not found, it is failed and posted afresh. A match tried before, or whose
  lines another match's attempt covered, is looked up under those markers before it is sent.
- **The bank side is checked** (`bank_side`): under the clearing profile the deposit must have
  been booked against the clearing account the voucher empties; under the direct profile it
  must not already be on the bank account. A closed year or period, or settled VAT, leaves the
  match approved with the reason in plain words (`closed_periods`).
- **Every outcome is audited in the transaction that records it**: claimed, sent, in doubt,
  posted (and the match POSTED with its voucher number), failed with the reason (the match stays
  approved), refused before sending, recovered, booked. A match whose voucher's drafts this
  run booked has that noted on its posting (`booked_at`), for the report's "Booked" column.

A posting left claimed or sent that another process may still be sending is left alone until
it is older than `stale_after` (longer than the client can spend on one request with its
retries); one already marked in doubt is settled on the next run.
"""

from __future__ import annotations

import asyncio
import dataclasses
import enum
import uuid
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import select

from econdesk.accounting.chart import (
    AccountingYear,
    AccountingYearError,
    AgreementAccount,
    AgreementVatCode,
    Chart,
    JournalSettings,
)
from econdesk.accounting.effect import VoucherEffect, effect_of
from econdesk.accounting.marker import markers_in
from econdesk.accounting.request import voucher_body
from econdesk.accounting.sales_summary import SALES_KINDS, PreparedSummary, build_summary
from econdesk.accounting.validation import require_valid_mappings
from econdesk.accounting.voucher_modes import OpenInvoice, invoices_paid, pays_an_invoice
from econdesk.accounting.vouchers import (
    PREVIEWABLE,
    MatchMaterial,
    PostingProfile,
    PostingSettings,
    PreparedVoucher,
    VoucherError,
    build_voucher,
)
from econdesk.connectors.economic import models as eco
from econdesk.connectors.errors import (
    AccessDenied,
    AuthError,
    ConnectorError,
    FieldProblem,
    NotFound,
    RateLimited,
    ValidationError,
)
from econdesk.domain.model import (
    Mappings,
    Match,
    MatchState,
    Payout,
    PlatformItem,
    Voucher,
    VoucherRef,
)
from econdesk.errors import EcondeskError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import joined, reason_of, said_text, say, say_text
from econdesk.services.bank_side import BankSidePort, clearing_problems, direct_problems
from econdesk.services.bilag import AttachmentPort, BilagAttacher, BilagReport
from econdesk.services.closed_periods import ClosedKind, ClosedPeriod, closed_period_in
from econdesk.services.mappings import MappingService
from econdesk.services.sale_rates import RateSource, rated
from econdesk.services.sales_days import (
    RateOf,
    SalesDayError,
    complete_until,
    make_summaries,
    sales_sources,
    summary_material,
)
from econdesk.storage import (
    REVERSAL_KIND,
    Database,
    PeriodLockedError,
    Posting,
    PostingStateError,
    PostingStatus,
    Store,
    parse_summary_id,
    period_of,
    posting_subject,
)
from econdesk.storage.models import SalesSummaryRow
from econdesk.storage.repos.periods import locked_reason

# Errors after which e-conomic certainly did not create anything: no lookup needed.
_DEFINITE = (ValidationError, AuthError, AccessDenied, NotFound, RateLimited)


class EconomicPort(BankSidePort, AttachmentPort, Protocol):
    """What posting needs from e-conomic; `connectors.economic.EconomicClient` provides it."""

    async def base_currency(self) -> str: ...
    async def accounts(self) -> list[eco.Account]: ...
    async def vat_accounts(self) -> list[eco.VatAccount]: ...
    async def accounting_years(self) -> list[eco.AccountingYear]: ...
    async def journals(self) -> list[eco.Journal]: ...
    async def unpaid_invoices(self) -> list[eco.BookedInvoice]: ...

    async def post_vouchers(
        self, journal_number: int, vouchers: Sequence[Mapping[str, Any]], *, idempotency_key: str
    ) -> eco.PostResult: ...

    async def find_marker(
        self,
        marker: str,
        *,
        journals: Iterable[int] | None = None,
        years: Sequence[eco.AccountingYear] | None = None,
    ) -> eco.MarkerSearch: ...

    async def book_draft_entries(
        self, journal_number: int, entry_numbers: Sequence[int], *, idempotency_key: str | None
    ) -> None: ...


ClientFactory = Callable[[], AbstractAsyncContextManager[EconomicPort]]
Prepared = PreparedVoucher | PreparedSummary  # a payout's voucher, or a daily sales summary
Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


class Outgoing(Protocol):
    """A voucher on its way: built now (PreparedVoucher) or read back from its posting."""

    @property
    def voucher(self) -> Voucher: ...
    @property
    def body(self) -> Mapping[str, Any]: ...
    @property
    def match_id(self) -> str: ...
    @property
    def marker(self) -> str: ...


@dataclass(frozen=True, slots=True)
class _Stored:
    """A posting's voucher as it was sent, to send again under the same key."""

    voucher: Voucher
    body: Mapping[str, Any]

    @property
    def match_id(self) -> str:
        return self.voucher.match_id

    @property
    def marker(self) -> str:
        return self.voucher.marker


def _stored(posting: Posting) -> _Stored:
    return _Stored(posting.voucher, voucher_body(posting.voucher))


class _Look(enum.Enum):
    """Why a marker is looked up, which decides what "not found" means."""

    BEFORE_SEND = "before_send"  # about to send again: not found means send it
    LOST = "lost"  # the answer was lost: not found means still in doubt
    ANSWERED = "answered"  # answered without it: not found means not posted


class Outcome(enum.StrEnum):
    POSTED = "posted"  # in e-conomic, with its voucher number
    UNPOSTED = "unposted"  # still approved; `reason` says why
    IN_DOUBT = "in_doubt"  # sent, but e-conomic could not be asked; settled on the next run
    BUSY = "busy"  # another process is posting it


@dataclass(frozen=True, slots=True)
class MatchOutcome:
    match_id: str
    outcome: Outcome
    voucher: VoucherRef | None = None
    reason: str | None = None
    recovered: bool = False  # found in e-conomic by its marker rather than in an answer
    closed: ClosedPeriod | None = None  # refused: its date is in a closed year or period


@dataclass(frozen=True, slots=True)
class SummaryNote:
    """What a daily sales summary is, for the report: whose sales, which day, how many."""

    provider: str
    day: date
    sequence: int  # 0: the day's summary; 1, 2, ...: supplements
    items: int


@dataclass
class PostReport:
    outcomes: list[MatchOutcome] = field(default_factory=list)
    mappings_version: int = 0
    booked_entries: tuple[int, ...] = ()
    booking_error: str | None = None
    cancelled: bool = False
    bilag: BilagReport = field(default_factory=BilagReport)  # bilag attached this run
    # The daily sales summaries this run tried, by id ("s-000007"); their outcomes are in
    # `outcomes` like the matches', before them.
    summaries: dict[str, SummaryNote] = field(default_factory=dict)
    _at: dict[str, int] = field(default_factory=dict, repr=False)  # match id -> its index

    def add(self, outcome: MatchOutcome) -> None:
        """Report a match's outcome; a later one in the same run replaces an earlier one (in
        doubt from a crash, then failed after the key's hour, then posted afresh)."""
        at = self._at.get(outcome.match_id)
        if (
            at is not None
            and at < len(self.outcomes)
            and self.outcomes[at].match_id == outcome.match_id
        ):
            self.outcomes[at] = outcome
            return
        self._at[outcome.match_id] = len(self.outcomes)
        self.outcomes.append(outcome)

    def by(self, outcome: Outcome) -> list[MatchOutcome]:
        return [o for o in self.outcomes if o.outcome is outcome]

    @property
    def ok(self) -> bool:
        return not (self.by(Outcome.UNPOSTED) or self.by(Outcome.IN_DOUBT)) and not (
            self.booking_error or self.bilag.failed
        )


@dataclass
class Preview:
    """What `post` would send: the vouchers (lines and bodies) and what cannot be built."""

    vouchers: list[PreparedVoucher]
    refused: list[MatchOutcome]
    mappings_version: int
    base_currency: str
    # Each voucher's effect per account and what it leaves on the clearing account, by match.
    effects: dict[str, VoucherEffect] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PostingOptions:
    profile: PostingProfile
    journal: int
    bank_account: int
    book: bool = False  # book exactly the posted drafts afterwards (Journals API)
    batch_size: int = 25  # vouchers per request
    # Longer than one request can take with the client's retries (5 tries of <= 30 s with
    # backoff): an in-doubt posting younger than this may still be on its way.
    stale_after: timedelta = timedelta(minutes=10)
    exchange_rates: Mapping[str, Decimal] = field(default_factory=dict)
    voucher_language: str | None = None  # None: Danish for a DKK agreement, else English
    # e-conomic replays an Idempotency-Key for an hour: a posting in doubt is resent under its
    # key only this long after the key was first sent, leaving a margin before the hour ends.
    key_window: timedelta = timedelta(minutes=50)
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    attach_bilag: bool = True  # attach each posted voucher's bilag (PDF) in e-conomic
    # DKK per 100 units of a currency on a day (services/rates.py): a sale's rate in its
    # daily sales summary. None: only base-currency sales can be summarised.
    sale_rate: RateOf | None = None

    def settings(self) -> PostingSettings:
        return PostingSettings(
            self.profile,
            self.journal,
            self.bank_account,
            exchange_rates=self.exchange_rates,
            language=self.voucher_language,
        )


class PostingError(EcondeskError):
    """Posting could not start (e-conomic unreachable, mappings wrong, ...); nothing was sent."""


# -- reading the agreement ---------------------------------------------------------------------


async def read_chart(client: EconomicPort) -> tuple[Chart, list[eco.AccountingYear]]:
    """The agreement's chart as accounting's plain data, and the client's years (for searches)."""
    base, accounts, vats, years, journals = await asyncio.gather(
        client.base_currency(),
        client.accounts(),
        client.vat_accounts(),
        client.accounting_years(),
        client.journals(),
    )
    chart = Chart.of(
        (
            AgreementAccount(a.number, a.name, a.account_type, a.barred, a.block_direct_entries)
            for a in accounts
        ),
        (
            AgreementVatCode(
                v.code,
                v.rate_percent,
                v.name,
                v.barred,
                reverse_charge=v.contra_account is not None,
                account=v.account,
                contra_account=v.contra_account,
            )
            for v in vats
        ),
        (AccountingYear(y.year, y.from_date, y.to_date, y.closed) for y in years),
        base_currency=base,
        journals=(
            JournalSettings(
                j.number,
                j.name,
                j.entry_type_restricted_to,
                j.min_voucher_number,
                j.max_voucher_number,
            )
            for j in journals
        ),
    )
    return chart, years


# -- loading what a match explains --------------------------------------------------------------


def load_material(store: Store, match: Match) -> MatchMaterial:
    """The match's bank entries, platform items (a payout's components included) and payouts."""
    bank = store.bank_entries.get_many(match.bank_refs)
    refs = [*match.item_refs, *match.component_refs]
    items = store.items.get_many(refs)
    payouts = store.payouts.get_many(r for r in match.item_refs if r not in items)
    for payout in payouts.values():
        if not any(r in items for r in payout.component_refs):
            for component in store.payouts.components(payout.ref):
                items.setdefault(component.ref, component)
    ordered: list[PlatformItem] = list(dict.fromkeys(items.values()))
    return MatchMaterial(
        match=match,
        bank_entries=tuple(bank[r] for r in match.bank_refs if r in bank),
        items=tuple(ordered),
        payouts=tuple(p for p in payouts.values() if isinstance(p, Payout)),
        sale_base=store.sales.sale_base(i.ref for i in ordered),
        round=store.postings.rounds(match.id),  # reversed postings: the marker's round
    )


def _usable(
    store: Store, materials: list[MatchMaterial]
) -> tuple[list[MatchMaterial], list[MatchOutcome]]:
    """Leave out matches on a daybook draft that was deleted (or booked, and the booked entry
    could not take its place): there is no such deposit to post."""
    unusable = store.bank_entries.unusable(r for m in materials for r in m.match.bank_refs)
    if not unusable:
        return materials, []
    kept: list[MatchMaterial] = []
    refused: list[MatchOutcome] = []
    for material in materials:
        bad = [r for r in material.match.bank_refs if r in unusable]
        if bad:
            gone = QT_TRANSLATE_NOOP("CLI", "{0} is {1}")
            why = joined([say(gone, r, unusable[r]) for r in bad], "; ")
            no_deposit = QT_TRANSLATE_NOOP(
                "CLI", "{0}: there is no such deposit to post; reject the match and match again"
            )
            reason = say_text(no_deposit, why)
            refused.append(MatchOutcome(material.match.id, Outcome.UNPOSTED, reason=reason))
        else:
            kept.append(material)
    return kept, refused


def _open_periods(
    store: Store, materials: list[MatchMaterial]
) -> tuple[list[MatchMaterial], list[MatchOutcome]]:
    """Leave out matches in a signed-off month: posting in it needs the month reopened."""
    kept: list[MatchMaterial] = []
    refused: list[MatchOutcome] = []
    for material in materials:
        try:
            store.periods.ensure_open([material.match.id], "post")
        except PeriodLockedError as exc:
            refused.append(MatchOutcome(material.match.id, Outcome.UNPOSTED, reason=reason_of(exc)))
        else:
            kept.append(material)
    return kept, refused


def _effects(
    built: Sequence[PreparedVoucher],
    materials: Sequence[MatchMaterial],
    mappings: Mappings,
    chart: Chart,
) -> dict[str, VoucherEffect]:
    by_id = {m.match.id: m for m in materials}
    effects = {}
    bookings = {p.provider: p.booking for p in mappings.providers}
    for prepared in built:
        effects[prepared.match_id] = effect_of(prepared, by_id[prepared.match_id], chart, bookings)
    return effects


def _needs_invoice(item: PlatformItem, mappings: Mappings) -> bool:
    """Whether the item's voucher line names the booked invoice it pays: a payment of a
    `payments` source, or any item of a customer mapped to an e-conomic customer."""
    if not item.invoice_ref:
        return False
    pmap = mappings.provider(item.provider)
    if pays_an_invoice(pmap.booking if pmap else None, item.kind):
        return True
    return mappings.customer_number(item.provider, item.customer_id) is not None


async def with_open_invoices(
    client: EconomicPort, materials: list[MatchMaterial], mappings: Mappings
) -> list[MatchMaterial]:
    """The materials with the open booked invoices their items pay, read from e-conomic
    (`GET /invoices/unpaid`) only when some item needs one. Only e-conomic's own booked
    invoice numbers are ever sent as `customerInvoice`, never a platform's id."""
    wanted = {m.match.id for m in materials if any(_needs_invoice(i, mappings) for i in m.items)}
    if not wanted:
        return materials
    open_invoices = [
        OpenInvoice(i.number, i.customer_number, i.other_reference, i.remainder)
        for i in await client.unpaid_invoices()
    ]
    return [
        dataclasses.replace(m, invoices=invoices_paid(m.items, open_invoices))
        if m.match.id in wanted
        else m
        for m in materials
    ]


# -- the service ---------------------------------------------------------------------------------


class PostingService:
    """Preview and post approved matches. Create one per run; it is not shared across threads."""

    def __init__(
        self,
        db: Database,
        client_factory: ClientFactory,
        options: PostingOptions,
        mappings: MappingService,
        rates: RateSource | None = None,
    ) -> None:
        self.db = db
        self.client_factory = client_factory
        self.options = options
        self.mappings = mappings
        # The rate of each foreign sale's date (services/sale_rates.py); None: the payout's.
        self.rates = rates

    # -- preview -----------------------------------------------------------------------------
    async def preview(self, match_ids: Sequence[str] | None = None) -> Preview:
        """The vouchers `post` would send now. Reads e-conomic, writes nothing anywhere.

        Named matches may also be proposed or parked: their voucher is the one approving them
        would post, built by the same code. Without names, the approved ones."""
        async with self.client_factory() as client:
            chart, years = await read_chart(client)
            with self.db.reader() as store:
                mappings = self.mappings.current_in(store)
                postable = self._postable(store, match_ids, preview=True)
                materials, gone = _usable(store, postable)
                # `post` summarises the complete days first: their sales count as booked.
                materials, unsold = _summarised(store, materials, mappings, planned=True)
            self._check_mappings(mappings, chart, materials)
            materials = await with_open_invoices(client, materials, mappings)
            materials, unrated = await self._rated(materials, chart.base_currency)
            built, refused = self._build_all(materials, mappings, chart, preview=True)
            built, wrong_side = await self._check_bank_side(client, years, built, materials)
        refused = [*gone, *unsold, *unrated, *refused, *wrong_side]
        effects = _effects(built, materials, mappings, chart)
        return Preview(built, refused, mappings.version, chart.base_currency, effects)

    # -- post --------------------------------------------------------------------------------
    async def post(
        self,
        match_ids: Sequence[str] | None = None,
        *,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
    ) -> PostReport:
        """Post the approved matches (all, or those named) and report each one's outcome."""
        report = PostReport()
        async with self.client_factory() as client:
            chart, years = await read_chart(client)
            run = PostingRun(self, client, years, report)
            await run.settle_in_doubt()
            mappings = self.mappings.saved_current()
            report.mappings_version = mappings.version
            with self.db.reader() as store:
                materials, gone = _usable(store, self._postable(store, match_ids))
                materials, locked = _open_periods(store, materials)
            gone = [*gone, *locked]
            # Still in doubt: settled on a later run, never built or claimed again meanwhile.
            doubtful = {o.match_id for o in report.by(Outcome.IN_DOUBT)}
            materials = [m for m in materials if m.match.id not in doubtful]
            self._check_mappings(mappings, chart, materials)
            # The sales first: a payout in sales mode is posted once its sales are.
            await self._post_sales_days(run, chart, mappings, doubtful)
            with self.db.reader() as store:
                materials, unsold = _summarised(store, materials, mappings)
            materials = await with_open_invoices(client, materials, mappings)
            materials, unrated = await self._rated(materials, chart.base_currency)
            built, refused = self._build_all(materials, mappings, chart)
            built, wrong_side = await self._check_bank_side(client, years, built, materials)
            refused = [*gone, *unsold, *unrated, *refused, *wrong_side]
            self._refuse(refused, mappings.version, report)
            size = max(1, self.options.batch_size)
            done = len(refused)
            total = len(refused) + len(built)
            if progress:
                progress(done, total)
            for start in range(0, len(built), size):
                if cancel is not None and cancel():
                    report.cancelled = True
                    break
                batch = built[start : start + size]
                await run.post_batch(batch, mappings.version)
                done += len(batch)
                if progress:
                    progress(done, total)
            if self.options.attach_bilag:  # before booking: booking empties the daybook
                language = self.options.voucher_language or (
                    "da" if chart.base_currency == "DKK" else "en"
                )
                attacher = BilagAttacher(
                    self.db,
                    client,
                    load_material,
                    language=language,
                    stale_after=self.options.stale_after,
                    clock=self.options.clock,
                )
                report.bilag = await attacher.attach_missing()
            if self.options.book:
                await run.book()
        return report

    # -- daily sales summaries -----------------------------------------------------------------
    async def _post_sales_days(
        self, run: PostingRun, chart: Chart, mappings: Mappings, doubtful: set[str]
    ) -> None:
        """Summarise the complete days of the sources in sales mode, then post every summary
        not posted yet (a failed one again, as it was made: same items, same day)."""
        report = run.report
        if sales_sources(mappings):
            rate = self.options.sale_rate or _no_rate
            made = await asyncio.to_thread(
                make_summaries, self.db, mappings, chart.base_currency, rate
            )
            for what, reason in made.problems:
                report.add(MatchOutcome(f"{what}", Outcome.UNPOSTED, reason=reason))
        built: list[PreparedSummary] = []
        refused: list[MatchOutcome] = []
        with self.db.reader() as store:
            # Those the in-doubt step settled this run are reported as summaries too.
            for o in report.outcomes:
                if o.match_id.startswith("s-") and o.match_id not in report.summaries:
                    done = store.sales.get(o.match_id)
                    report.summaries[done.id] = SummaryNote(
                        done.provider, done.day, done.sequence, len(done.items)
                    )
            summaries = [s for s in store.sales.unposted() if s.id not in doubtful]
            for summary in summaries:
                report.summaries[summary.id] = SummaryNote(
                    summary.provider, summary.day, summary.sequence, len(summary.items)
                )
                try:
                    material = summary_material(store, summary)
                    built.append(
                        build_summary(
                            material,
                            mappings,
                            chart,
                            journal=self.options.journal,
                            language=self.options.voucher_language,
                        )
                    )
                except (EcondeskError, ValueError) as exc:
                    refused.append(_refusal(summary.id, exc))
        self._refuse(refused, mappings.version, report)
        size = max(1, self.options.batch_size)
        for start in range(0, len(built), size):
            await run.post_batch(built[start : start + size], mappings.version)

    def _refuse(self, refused: Sequence[MatchOutcome], version: int, report: PostReport) -> None:
        """Audit and report what could not be built or sent; it stays as it was. One
        transaction for all: each would hold the writer lock colleagues wait on."""
        if refused:
            with self.db.transaction() as store:
                store.record_many(
                    [
                        (
                            "posting.refused",
                            [outcome.match_id],
                            {"reason": outcome.reason, "mappings_version": version},
                        )
                        for outcome in refused
                    ]
                )
        for outcome in refused:
            report.add(outcome)

    # -- helpers -----------------------------------------------------------------------------
    async def _check_bank_side(
        self,
        client: EconomicPort,
        years: Sequence[eco.AccountingYear],
        built: list[PreparedVoucher],
        materials: Sequence[MatchMaterial],
    ) -> tuple[list[PreparedVoucher], list[MatchOutcome]]:
        """Leave out the vouchers whose bank side e-conomic holds otherwise than the profile
        needs (`bank_side`); those stay approved with the reason."""
        if not built:
            return built, []
        by_id = {m.match.id: m for m in materials}
        account = self.options.bank_account
        if self.options.profile is PostingProfile.CLEARING:
            problems = await clearing_problems(client, years, built, by_id, account)
        else:
            problems = await direct_problems(client, [by_id[p.match_id] for p in built], account)
        kept = [p for p in built if p.match_id not in problems]
        refused = [MatchOutcome(m, Outcome.UNPOSTED, reason=r) for m, r in problems.items()]
        return kept, refused

    def _postable(
        self, store: Store, match_ids: Sequence[str] | None, *, preview: bool = False
    ) -> list[MatchMaterial]:
        if match_ids:
            matches = [store.matches.get(m) for m in match_ids]
            states = PREVIEWABLE if preview else (MatchState.APPROVED,)
            wrong = [m.id for m in matches if m.state not in states]
            if wrong:
                only = (
                    QT_TRANSLATE_NOOP(
                        "CLI", "only proposed, parked or approved matches are previewed: {0}"
                    )
                    if preview
                    else QT_TRANSLATE_NOOP("CLI", "only approved matches are posted: {0}")
                )
                raise PostingError(say(only, ", ".join(wrong)))
        else:
            matches = store.matches.find(states=[MatchState.APPROVED])
        return [load_material(store, m) for m in matches]

    def _check_mappings(
        self, mappings: Mappings, chart: Chart, materials: Sequence[MatchMaterial]
    ) -> None:
        providers = {i.provider for m in materials for i in m.items}
        providers.update(p.provider for m in materials for p in m.payouts)  # acquirers' fees
        require_valid_mappings(
            mappings,
            chart,
            bank_account=self.options.bank_account,
            direct_profile=self.options.profile is PostingProfile.DIRECT,
            journal=self.options.journal,
            providers=sorted(providers),
        )

    async def _rated(
        self, materials: list[MatchMaterial], base: str
    ) -> tuple[list[MatchMaterial], list[MatchOutcome]]:
        """The materials with their foreign sales' rates; a thread of its own, since a rate
        the store lacks is fetched (services/rates.py runs its own event loop)."""
        if self.rates is None or all(i.currency == base for m in materials for i in m.items):
            return materials, []
        kept, missing = await asyncio.to_thread(rated, materials, base, self.rates)
        refused = [MatchOutcome(m, Outcome.UNPOSTED, reason=r) for m, r in missing.items()]
        return [k for k in kept if k.match.id not in missing], refused

    def _build_all(
        self,
        materials: Sequence[MatchMaterial],
        mappings: Mappings,
        chart: Chart,
        *,
        preview: bool = False,
    ) -> tuple[list[PreparedVoucher], list[MatchOutcome]]:
        built: list[PreparedVoucher] = []
        refused: list[MatchOutcome] = []
        settings = self.options.settings()
        for material in materials:
            try:
                built.append(build_voucher(material, mappings, chart, settings, preview=preview))
            except (EcondeskError, ValueError) as exc:  # VoucherError, MoneyError...
                refused.append(_refusal(material.match.id, exc))
        return built, refused


def _refusal(subject: str, exc: Exception) -> MatchOutcome:
    """Why a voucher could not be built, in plain words when its date is in a closed year."""
    if isinstance(exc, AccountingYearError):
        closed = None
        if exc.closed_year is not None and exc.day is not None:
            closed = ClosedPeriod(ClosedKind.YEAR, exc.day, exc.closed_year)
        reason = closed.reason() if closed is not None else reason_of(exc)
        return MatchOutcome(subject, Outcome.UNPOSTED, reason=reason, closed=closed)
    if isinstance(exc, EcondeskError):
        return MatchOutcome(subject, Outcome.UNPOSTED, reason=reason_of(exc))
    return MatchOutcome(subject, Outcome.UNPOSTED, reason=f"{subject}: {exc}")


_REFUSED = QT_TRANSLATE_NOOP("CLI", "e-conomic refused it: {0}")


def _no_rate(currency: str, day: date) -> Decimal:
    no_rates = QT_TRANSLATE_NOOP("CLI", "no exchange rates are set up to book a {0} sale of {1}")
    raise SalesDayError(say(no_rates, currency, day))


def _summarised(
    store: Store, materials: Sequence[MatchMaterial], mappings: Mappings, *, planned: bool = False
) -> tuple[list[MatchMaterial], list[MatchOutcome]]:
    """Leave out the payouts of sources in sales mode whose sales are not all in a posted
    daily sales summary: their voucher settles the clearing account those summaries fill.
    `planned` (a preview): a sale of a complete day counts, as `post` summarises it first."""
    sales = set(sales_sources(mappings))
    until = {p: complete_until(store, p) for p in sales} if planned else {}
    kept: list[MatchMaterial] = []
    refused: list[MatchOutcome] = []
    for material in materials:
        items = [i for i in material.items if i.provider in sales and i.kind in SALES_KINDS]
        refs = [i.ref for i in items]
        coverage = store.sales.coverage(refs) if refs else {}
        due = {
            i.ref
            for i in items
            if i.ref not in coverage
            and (end := until.get(i.provider)) is not None
            and i.occurred_at < end
        }
        missing = [r for r in refs if not coverage.get(r, ("", False))[1] and r not in due]
        if not missing:
            kept.append(material)
            continue
        first = missing[0]
        where = (
            f"its summary {coverage[first][0]} is not posted"
            if first in coverage
            else "its day is not complete or not summarised yet"
        )
        reason = (
            f"{material.match.id}: {len(missing)} of its {len(refs)} sales are in no posted "
            f"daily sales summary ({first}: {where}); post again once they are"
        )
        refused.append(MatchOutcome(material.match.id, Outcome.UNPOSTED, reason=reason))
    return kept, refused


class PostingRun:
    """One `post` (or `reverse`) call's conversation with e-conomic and the store."""

    def __init__(
        self,
        service: PostingService,
        client: EconomicPort,
        years: list[eco.AccountingYear],
        report: PostReport,
    ) -> None:
        self.db = service.db
        self.options = service.options
        self.client = client
        self.years = years
        self.report = report
        # Draft entry numbers to book, one tuple per voucher (a voucher is booked whole), and
        # the matches each voucher posts (marked booked once its entries are).
        self.to_book: list[tuple[int, ...]] = []
        self.matches_of: dict[tuple[int, ...], set[str]] = {}

    # -- looking for markers -------------------------------------------------------------
    async def search(self, voucher: Voucher) -> eco.MarkerSearch:
        """Where the voucher's marker is in e-conomic: every journal's drafts (the journal may
        have been changed in the config since) and the booked entries of the voucher's year."""
        years = [y for y in self.years if y.year == voucher.accounting_year]
        return await self.client.find_marker(
            voucher.marker, years=years or [y for y in self.years if not y.closed]
        )

    def voucher_found(self, found: eco.MarkerSearch, year: str) -> VoucherRef:
        drafts = sorted(found.drafts, key=lambda d: d.journal_entry_number)
        booked = sorted(found.booked, key=lambda b: b.entry_number)
        for draft in drafts:
            if draft.voucher_number is not None:
                return VoucherRef(draft.journal_number, draft.year or year, draft.voucher_number)
        for entry in booked:
            if entry.voucher_number is not None:
                return VoucherRef(self.options.journal, entry.year, entry.voucher_number)
        no_number = QT_TRANSLATE_NOOP("CLI", "marker {0} found without a voucher number")
        raise PostingStateError(say(no_number, found.marker))

    # -- in doubt: a run died, or an answer was lost -------------------------------------
    async def settle_in_doubt(self, only: Collection[str] | None = None) -> None:
        """Postings left claimed or sent: look each up before anything else happens to it.

        Found: posted. Claimed and not found: it was never sent, so failed (posted afresh
        below). Sent and not found: e-conomic may still be committing it, so within its
        Idempotency-Key's hour it is resent under that same key (e-conomic answers a repeat
        from the original); only after the hour, with the marker still not found, is it
        failed and posted afresh under a new key.
        """
        with self.db.reader() as store:
            in_doubt = store.postings.in_doubt()
        if only is not None:  # a reversal settles its own, and leaves the rest to `post`
            in_doubt = [p for p in in_doubt if p.match_id in only]
        now = self.options.clock()
        cutoff = now - self.options.stale_after
        # One marked in doubt is no longer on its way (its sender gave up waiting): settle it
        # now. One only claimed or sent may still be with a live process: wait `stale_after`.
        stale = [
            p
            for p in in_doubt
            if (p.status is PostingStatus.SENT and p.last_error is not None)
            or _as_utc(p.updated_at) <= cutoff
        ]
        results = await asyncio.gather(
            *(self.search(p.voucher) for p in stale), return_exceptions=True
        )
        resend: dict[str, list[Outgoing]] = {}
        for posting, found in zip(stale, results, strict=True):
            out = _stored(posting)
            if isinstance(found, BaseException):
                if not isinstance(found, ConnectorError):
                    raise found
                unasked = QT_TRANSLATE_NOOP(
                    "CLI", "still in doubt; e-conomic could not be asked: {0}"
                )
                why = say_text(unasked, reason_of(found))
                self._outcome(MatchOutcome(posting.match_id, Outcome.IN_DOUBT, reason=why))
            elif found.found:
                self._found(out, found, was=posting.status.value)
            elif posting.status is PostingStatus.CLAIMED:
                never_sent = QT_TRANSLATE_NOOP(
                    "CLI", "an interrupted run left it claimed; it was never sent"
                )
                self._fail(out, say_text(never_sent))
            elif now - _as_utc(posting.key_sent_at) < self.options.key_window:
                resend.setdefault(posting.batch_key, []).append(out)
            else:
                after_hour = QT_TRANSLATE_NOOP(
                    "CLI",
                    "sent {0} UTC, and its marker {1} is still not in e-conomic after its key's "
                    "hour: not posted",
                )
                sent_at = f"{_as_utc(posting.key_sent_at):%Y-%m-%d %H:%M}"
                self._fail(out, say_text(after_hour, sent_at, posting.voucher.marker))
        for key, outgoing in resend.items():  # one request per key, as first sent
            await self._send(outgoing, key)

    # -- one batch -----------------------------------------------------------------------
    async def post_batch(self, batch: Sequence[Prepared], mappings_version: int) -> None:
        key = f"econdesk-{uuid.uuid4().hex}"
        batch = await self._check_own_earlier(batch, key, mappings_version)
        claimed: list[Outgoing] = [p for p in batch if self._claim(p, key, mappings_version)]
        # Earlier attempts on the same lines (other matches) may have reached e-conomic.
        claimed = await self._check_earlier(claimed)
        await self.send_claimed(claimed, key)

    async def send_claimed(self, claimed: Sequence[Outgoing], key: str) -> None:
        """Send vouchers claimed under `key`; one tried before is looked up first (it may
        have reached e-conomic), and everything after is recorded as `post` records it."""
        retried = [p for p in claimed if self._attempts(p.match_id) > 1]
        if retried:
            settled = await self._settle_by_search(retried, look=_Look.BEFORE_SEND)
            claimed = [p for p in claimed if p.match_id not in settled]
        if claimed:
            await self._send(claimed, key)

    def _claim(self, prepared: Prepared, key: str, mappings_version: int) -> bool:
        if isinstance(prepared, PreparedSummary):
            return self._claim_summary(prepared, key, mappings_version)
        match_id = prepared.match_id
        try:
            with self.db.transaction() as store:
                # Lock the match row: a second poster waits here, then sees the claim.
                store.matches.lock_row(match_id)
                # A sign-off waits for the writer lock this holds, and refuses a month with a
                # claimed posting: once claimed here, the voucher may go out.
                store.periods.ensure_open([match_id], "post")
                match = store.matches.get(match_id)
                if match.version != prepared.match_version:
                    changed = QT_TRANSLATE_NOOP(
                        "CLI",
                        "{0} changed while its voucher was built (version {1} -> {2}); post again",
                    )
                    raise PostingStateError(
                        say(changed, match_id, prepared.match_version, match.version)
                    )
                store.postings.claim(prepared.voucher, f"{key}:{match_id}")
                store.record(
                    "posting.built",
                    [match_id],
                    {
                        "idempotency_key": key,
                        "marker": prepared.marker,
                        "mappings_version": mappings_version,
                        "profile": prepared.profile.value,
                        "deposit": prepared.deposit,
                        "deposit_base": prepared.deposit_base,
                        "exchange_rate": None
                        if prepared.exchange_rate is None
                        else f"{prepared.exchange_rate:f}",
                        "lines": len(prepared.lines),
                        "warnings": list(prepared.warnings),
                    },
                )
        except PostingStateError as exc:
            self._outcome(MatchOutcome(match_id, Outcome.BUSY, reason=reason_of(exc)))
            return False
        except PeriodLockedError as exc:  # signed off while its voucher was built
            self._outcome(MatchOutcome(match_id, Outcome.UNPOSTED, reason=reason_of(exc)))
            return False
        return True

    def _claim_summary(self, prepared: PreparedSummary, key: str, mappings_version: int) -> bool:
        subject = prepared.match_id
        try:
            with self.db.transaction() as store:
                # Lock the summary row: a second poster waits here, then sees the claim.
                store.session.execute(
                    select(SalesSummaryRow.id)
                    .where(SalesSummaryRow.id == parse_summary_id(subject))
                    .with_for_update()
                )
                # A signed-off month takes no new sales (the sign-off holds the same lock).
                month = period_of(prepared.day)
                if month in store.periods.locked_periods():
                    raise PeriodLockedError(locked_reason(subject, month, "post"))
                store.postings.claim(prepared.voucher, f"{key}:{subject}")
                store.record(
                    "posting.built",
                    [subject],
                    {
                        "idempotency_key": key,
                        "marker": prepared.marker,
                        "mappings_version": mappings_version,
                        "sales_day": prepared.day.isoformat(),
                        "provider": prepared.provider,
                        "sequence": prepared.sequence,
                        "items": prepared.item_count,
                        "lines": len(prepared.lines),
                    },
                )
        except PostingStateError as exc:
            self._outcome(MatchOutcome(subject, Outcome.BUSY, reason=reason_of(exc)))
            return False
        except PeriodLockedError as exc:
            self._outcome(MatchOutcome(subject, Outcome.UNPOSTED, reason=reason_of(exc)))
            return False
        return True

    def _attempts(self, match_id: str) -> int:
        with self.db.reader() as store:
            posting = store.postings.get(match_id)
        return 0 if posting is None else posting.attempts

    async def _check_own_earlier(
        self, batch: Sequence[Prepared], key: str, mappings_version: int
    ) -> list[Prepared]:
        """A match whose failed attempt carried another marker (its bank entry was a draft that
        has since been booked) is looked up under that marker before it is claimed: found is
        posted; not found goes on. Returns those still to post."""
        with self.db.reader() as store:
            earlier = [(p, store.postings.get(p.match_id)) for p in batch]
        olds = [
            (p, e)
            for p, e in earlier
            if e is not None and e.status is PostingStatus.FAILED and e.voucher.marker != p.marker
        ]
        if not olds:
            return list(batch)
        results = await asyncio.gather(
            *(self.search(e.voucher) for _, e in olds), return_exceptions=True
        )
        done: set[str] = set()
        for (p, e), found in zip(olds, results, strict=True):
            if isinstance(found, BaseException):
                if not isinstance(found, ConnectorError):
                    raise found
                unlooked = QT_TRANSLATE_NOOP("CLI", "could not look up its earlier marker {0}: {1}")
                why = say_text(unlooked, e.voucher.marker, reason_of(found))
                self._outcome(MatchOutcome(p.match_id, Outcome.UNPOSTED, reason=why))
                done.add(p.match_id)
            elif found.found:
                done.add(p.match_id)
                if self._claim(p, key, mappings_version):
                    self._found(_Stored(e.voucher, p.body), found)
        return [p for p in batch if p.match_id not in done]

    async def _check_earlier(self, claimed: Sequence[Outgoing]) -> list[Outgoing]:
        """Refuse those whose lines an earlier attempt of another match may have posted:
        its marker is in e-conomic, or it is still in doubt, or it cannot be looked up."""
        with self.db.reader() as store:
            pairs = [
                (p, earlier)
                for p in claimed
                for earlier in store.postings.earlier_attempts(p.match_id)
            ]
        if not pairs:
            return list(claimed)
        results = await asyncio.gather(
            *(self.search(e.voucher) for _, e in pairs), return_exceptions=True
        )
        blocked: dict[str, str] = {}
        for (p, earlier), found in zip(pairs, results, strict=True):
            what = say(
                QT_TRANSLATE_NOOP("CLI", "the earlier attempt {0} on the same lines (marker {1})"),
                earlier.match_id,
                earlier.voucher.marker,
            )
            if isinstance(found, BaseException):
                if not isinstance(found, ConnectorError):
                    raise found
                unchecked = QT_TRANSLATE_NOOP("CLI", "could not check whether {0} was posted: {1}")
                blocked.setdefault(p.match_id, say_text(unchecked, what, reason_of(found)))
            elif found.found:
                numbers = ", ".join(map(str, found.voucher_numbers)) or "?"
                again = QT_TRANSLATE_NOOP(
                    "CLI", "{0} is in e-conomic as voucher {1}: not posted again"
                )
                blocked.setdefault(p.match_id, say_text(again, what, numbers))
            elif earlier.status is not PostingStatus.FAILED:
                doubt = QT_TRANSLATE_NOOP("CLI", "{0} is still in doubt: not posted yet")
                blocked.setdefault(p.match_id, say_text(doubt, what))
        for p in claimed:
            if p.match_id in blocked:
                self._fail(p, blocked[p.match_id])
        return [p for p in claimed if p.match_id not in blocked]

    async def _settle_by_search(
        self, outgoing: Sequence[Outgoing], *, look: _Look, failure: str = ""
    ) -> set[str]:
        """Look each voucher's marker up; record found ones as posted. Returns those settled.

        Before sending again (BEFORE_SEND), one not found is left to be sent and one that
        cannot be looked up is failed (nothing was sent this time). After a lost answer
        (LOST), one not found stays in doubt: e-conomic may still be committing it. After an
        answer that lacked it (ANSWERED), the request is over: one not found did not post.
        """
        results = await asyncio.gather(
            *(self.search(p.voucher) for p in outgoing), return_exceptions=True
        )
        settled: set[str] = set()
        for p, found in zip(outgoing, results, strict=True):
            if isinstance(found, BaseException):
                if not isinstance(found, ConnectorError):
                    raise found
                if look is _Look.BEFORE_SEND:
                    unchecked = QT_TRANSLATE_NOOP(
                        "CLI", "could not check e-conomic before sending again: {0}"
                    )
                    self._fail(p, say_text(unchecked, reason_of(found)))
                else:
                    unasked = QT_TRANSLATE_NOOP(
                        "CLI", "{0}; e-conomic could not be asked either: {1}"
                    )
                    self._doubt(p, say_text(unasked, failure, reason_of(found)))
                settled.add(p.match_id)
            elif found.found:
                self._found(p, found)
                settled.add(p.match_id)
            elif look is _Look.LOST:
                not_yet = QT_TRANSLATE_NOOP(
                    "CLI",
                    "{0}; marker {1} is not in e-conomic yet, but e-conomic may still be "
                    "committing it: it is looked up again (and resent under the same key within "
                    "the hour) before anything else",
                )
                self._doubt(p, say_text(not_yet, failure, p.marker))
                settled.add(p.match_id)
            elif look is _Look.ANSWERED:
                absent = QT_TRANSLATE_NOOP("CLI", "{0}; marker {1} is not in e-conomic: not posted")
                self._fail(p, say_text(absent, failure, p.marker))
                settled.add(p.match_id)
        return settled

    def _found(self, p: Outgoing, found: eco.MarkerSearch, *, was: str | None = None) -> None:
        """The marker is in e-conomic: posted, under the first voucher number found."""
        ref = self.voucher_found(found, p.voucher.accounting_year)
        also = [
            VoucherRef(ref.journal, ref.year, n) for n in found.voucher_numbers if n != ref.number
        ]
        self._posted(p.match_id, ref, recovered=True, marker=p.marker, also=also, was=was)
        self._book_later(found.drafts, [p.match_id])

    async def _send(self, outgoing: Sequence[Outgoing], key: str) -> None:
        claimed: list[Outgoing] = []
        for p in outgoing:
            try:
                with self.db.transaction() as store:
                    store.postings.mark_sent(p.match_id, key)
            except PostingStateError as exc:  # another run settled it meanwhile
                self._elsewhere(p.match_id, exc)
                continue
            claimed.append(p)
        if not claimed:
            return
        try:
            result = await self.client.post_vouchers(
                self.options.journal, [p.body for p in claimed], idempotency_key=key
            )
        except _DEFINITE as exc:
            await self._refused(claimed, exc)
            return
        except ConnectorError as exc:
            # No answer, or a server failure: it may have been carried out, or be still under
            # way. Look, then record; not found is not proof that it will not appear.
            await self._settle_by_search(
                claimed,
                look=_Look.LOST,
                failure=say_text(
                    QT_TRANSLATE_NOOP("CLI", "no clear answer from e-conomic ({0})"),
                    reason_of(exc),
                ),
            )
            return
        missing = self._record_answer(claimed, result)
        if missing:  # answered, but without these: settle them by looking, not by guessing
            await self._settle_by_search(
                missing,
                look=_Look.ANSWERED,
                failure=say_text(QT_TRANSLATE_NOOP("CLI", "e-conomic's answer did not include it")),
            )

    async def _resend(self, vouchers: Sequence[Outgoing]) -> None:
        """Send again under a new key, after looking for any that got in after all."""
        settled = await self._settle_by_search(vouchers, look=_Look.BEFORE_SEND)
        rest = [p for p in vouchers if p.match_id not in settled]
        if rest:
            await self._send(rest, f"econdesk-{uuid.uuid4().hex}")

    def _record_answer(self, claimed: Sequence[Outgoing], result: eco.PostResult) -> list[Outgoing]:
        """Record each voucher e-conomic answered with; returns those the answer lacks."""
        ours = {p.marker: p.match_id for p in claimed}
        numbers: dict[str, list[VoucherRef]] = {}
        for voucher in result.vouchers:
            ref = VoucherRef(voucher.journal_number, voucher.year, voucher.voucher_number)
            mine: set[str] = set()
            for entry in voucher.entries:
                found = [m for m in markers_in(entry.text) if m in ours]
                mine.update(ours[m] for m in found)
                for marker in found:
                    refs = numbers.setdefault(marker, [])
                    if ref not in refs:
                        refs.append(ref)
            if mine:
                self._book_later(voucher.entries, mine)
        missing: list[Outgoing] = []
        for p in claimed:
            refs = sorted(numbers.get(p.marker, []), key=lambda r: r.number)
            if refs:
                self._posted(p.match_id, refs[0], recovered=False, marker=p.marker, also=refs[1:])
            else:
                missing.append(p)
        return missing

    async def _refused(self, claimed: Sequence[Outgoing], exc: ConnectorError) -> None:
        """e-conomic refused the request: nothing was created. Isolate the faulty vouchers."""
        problems: Sequence[FieldProblem] = getattr(exc, "problems", ())
        faulty = {pr.index for pr in problems if pr.index is not None}
        if len(claimed) == 1 or not isinstance(exc, ValidationError):
            for p in claimed:
                refused = say_text(_REFUSED, reason_of(exc))
                self._fail(p, refused, closed_period_in(problems, p.voucher))
            return
        if faulty:
            good = [p for i, p in enumerate(claimed) if i not in faulty]
            for i, p in enumerate(claimed):
                if i in faulty:
                    mine = [pr for pr in problems if pr.index == i]
                    why = "; ".join(map(str, mine)) or reason_of(exc)
                    closed = closed_period_in(mine, p.voucher)
                    self._fail(p, say_text(_REFUSED, why), closed)
            if good:
                await self._resend(good)
            return
        # No index to go by: halve until the faulty ones stand alone.
        middle = len(claimed) // 2
        for half in (claimed[:middle], claimed[middle:]):
            await self._resend(half)

    # -- recording -----------------------------------------------------------------------
    def _posted(
        self,
        match_id: str,
        ref: VoucherRef,
        *,
        recovered: bool,
        marker: str,
        also: Sequence[VoucherRef] = (),
        was: str | None = None,
    ) -> None:
        try:
            with self.db.transaction() as store:
                store.postings.mark_posted(match_id, ref)
                if recovered:
                    payload: dict[str, Any] = {"marker": marker, "voucher": ref.number}
                    if was is not None:
                        payload["from"] = was
                    store.record("posting.recovered", [match_id], payload)
                if also:
                    store.postings.mark_split(match_id, also)
                    store.record(
                        "posting.split",
                        [match_id],
                        {"vouchers": [r.number for r in (ref, *also)], "marker": marker},
                    )
        except PostingStateError as exc:
            self._elsewhere(match_id, exc)
            return
        self._outcome(MatchOutcome(match_id, Outcome.POSTED, ref, None, recovered))

    def _fail(self, p: Outgoing, reason: str, closed: ClosedPeriod | None = None) -> None:
        """It did not post: the match stays approved with the reason (in plain words when
        e-conomic refused its date as closed)."""
        if closed is not None:
            reversal = posting_subject(p.match_id)[0] == REVERSAL_KIND
            reason = said_text(closed.reversal_text()) if reversal else closed.reason()
        try:
            with self.db.transaction() as store:
                store.postings.mark_failed(p.match_id, reason)
        except PostingStateError as exc:
            self._elsewhere(p.match_id, exc)
            return
        self._outcome(MatchOutcome(p.match_id, Outcome.UNPOSTED, None, reason, closed=closed))

    def _doubt(self, p: Outgoing, reason: str) -> None:
        try:
            with self.db.transaction() as store:
                store.postings.mark_in_doubt(p.match_id, reason)
        except PostingStateError as exc:
            self._elsewhere(p.match_id, exc)
            return
        self._outcome(MatchOutcome(p.match_id, Outcome.IN_DOUBT, None, reason))

    def _elsewhere(self, match_id: str, exc: PostingStateError) -> None:
        """Another run settled this posting first: report what it recorded."""
        with self.db.reader() as store:
            posting = store.postings.get(match_id)
        if posting is not None and posting.status is PostingStatus.POSTED:
            outcome = MatchOutcome(match_id, Outcome.POSTED, posting.voucher_ref)
        else:
            outcome = MatchOutcome(match_id, Outcome.BUSY, reason=reason_of(exc))
        self._outcome(outcome)

    def _outcome(self, outcome: MatchOutcome) -> None:
        self.report.add(outcome)

    # -- booking -------------------------------------------------------------------------
    def _book_later(self, drafts: Iterable[eco.DraftEntry], match_ids: Iterable[str]) -> None:
        """Remember a voucher's draft entries in the posting journal, to book them whole, and
        the matches it posts."""
        by_voucher: dict[tuple[str | None, int | None], list[int]] = {}
        for d in drafts:
            if d.journal_number == self.options.journal:
                by_voucher.setdefault((d.year, d.voucher_number), []).append(d.journal_entry_number)
        matches = set(match_ids)
        for numbers in by_voucher.values():
            voucher = tuple(sorted(numbers))
            self.to_book.append(voucher)
            self.matches_of.setdefault(voucher, set()).update(matches)

    async def book(self) -> None:
        """Book exactly the drafts of the vouchers this run posted, in requests of at most
        500 entries that never split a voucher. Each match whose vouchers were booked is
        marked booked in its posting record."""
        vouchers = sorted(set(self.to_book))
        numbers = sorted(n for v in vouchers for n in v)
        if not numbers:
            return
        chunks: list[list[tuple[int, ...]]] = [[]]
        for voucher in vouchers:
            if chunks[-1] and sum(map(len, chunks[-1])) + len(voucher) > 500:
                chunks.append([])
            chunks[-1].append(voucher)
        booked: list[tuple[int, ...]] = []
        try:
            for chunk in chunks:
                await self.client.book_draft_entries(
                    self.options.journal,
                    [n for voucher in chunk for n in voucher],
                    idempotency_key=f"econdesk-book-{uuid.uuid4().hex}",
                )
                booked.extend(chunk)
        except ConnectorError as exc:
            unbooked = QT_TRANSLATE_NOOP("CLI", "posted, but booking the drafts failed: {0}")
            self.report.booking_error = say_text(unbooked, reason_of(exc))
            with self.db.transaction() as store:
                self._mark_booked(store, booked)  # the requests before the failure did book
                store.record(
                    "posting.book_failed",
                    [f"journal:{self.options.journal}"],
                    {"entries": numbers, "reason": str(exc)},
                )
            return
        self.report.booked_entries = tuple(numbers)
        with self.db.transaction() as store:
            self._mark_booked(store, booked)
            store.record(
                "posting.booked", [f"journal:{self.options.journal}"], {"entries": numbers}
            )

    def _mark_booked(self, store: Store, vouchers: Iterable[tuple[int, ...]]) -> None:
        """Mark the matches booked whose vouchers were all booked (a match split over several
        vouchers counts once every one of them is)."""
        done = set(vouchers)
        pending = {m for v, ms in self.matches_of.items() if v not in done for m in ms}
        matches = {m for v in done for m in self.matches_of.get(v, ())} - pending
        store.postings.mark_booked(matches)


def _as_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


__all__ = [
    "ClientFactory",
    "EconomicPort",
    "MatchOutcome",
    "Outcome",
    "PostReport",
    "PostingError",
    "PostingOptions",
    "PostingRun",
    "PostingService",
    "Preview",
    "SummaryNote",
    "VoucherError",
    "load_material",
    "read_chart",
]
