"""The app's thin door to the store and the services; every method runs on a worker thread.

Windows never touch a database session or an HTTP client themselves: they ask the Workspace
through the TaskManager and get frozen domain objects back. Business rules stay in the services
(and below); this class only picks what to load for a period and forwards decisions.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from econdesk.composition import Services, match_settings
from econdesk.config import Config
from econdesk.connectors.platform import MERCHANT_TZ
from econdesk.domain.model import (
    BankEntry,
    Match,
    MatchMethod,
    MatchState,
    Payout,
    PlatformItem,
)
from econdesk.domain.money import Money, money_sum
from econdesk.errors import EcondeskError
from econdesk.i18n.explain import explained, phrase
from econdesk.qt.models.status import Claims
from econdesk.qt.tasks import Job
from econdesk.storage import Database, Store

if TYPE_CHECKING:
    from econdesk.accounting.effect import VoucherEffect
    from econdesk.accounting.vouchers import PreparedVoucher
    from econdesk.domain.rollforward import RollForward
    from econdesk.domain.rules import BankRule, Suggestion
    from econdesk.matching.settings import MatchSettings
    from econdesk.reports import ReportResult
    from econdesk.secrets import SecretStore
    from econdesk.services.invoice_marking import MarkedInvoice
    from econdesk.services.matching import MatchingService, MatchRun
    from econdesk.services.posting import PostingService, PostReport
    from econdesk.services.reversal import ReversalOutcome
    from econdesk.services.rules import RuleCount
    from econdesk.services.sync import SyncProgress, SyncReport

PlatformLine = PlatformItem | Payout
# Payouts for a period's last days arrive after it, and its first deposits settle the days
# before it: a past period is fetched with this margin on both sides.
SETTLING = timedelta(days=10)


@dataclass(frozen=True)
class Period:
    """Both ends inclusive, as a bookkeeper says "1 to 31 March"."""

    start: date
    end: date

    @classmethod
    def month_of(cls, day: date) -> Period:
        first = day.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return cls(first, following - timedelta(days=1))

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def local_bounds(self) -> tuple[datetime, datetime]:
        """[start, end + 1 day) as aware datetimes in the computer's time zone."""
        zone = datetime.now().astimezone().tzinfo
        return (
            datetime.combine(self.start, time(), tzinfo=zone),
            datetime.combine(self.end + timedelta(days=1), time(), tzinfo=zone),
        )


@dataclass
class Snapshot:
    """Everything the review window shows for one period, loaded in one read transaction."""

    period: Period
    bank: list[BankEntry]
    lines: list[PlatformLine]
    matches: list[Match]
    claims: Claims = field(default_factory=Claims)
    providers: list[str] = field(default_factory=list)
    # Bank lines set aside as not platform money: ref -> label (rent, wages, tax...).
    aside: dict[str, str] = field(default_factory=dict)
    locked: frozenset[str] = frozenset()  # ids of matches in a signed-off month


def _refs(match: Match) -> tuple[str, ...]:
    return (*match.bank_refs, *match.item_refs, *match.component_refs)


class Workspace:
    """One database and the config its connections come from; safe to call from the workers."""

    def __init__(
        self,
        db: Database | Callable[[], Database],
        config: Config | None = None,
        config_path: Path | None = None,
        secrets: SecretStore | None = None,
    ) -> None:
        # A callable opens the database on first use - on the database worker, while the
        # window is being built (opening checks the schema, which takes a moment).
        self._db = db if isinstance(db, Database) else None
        self._open = None if isinstance(db, Database) else db
        self._lock = threading.Lock()
        self.config = config if config is not None else Config()
        self.config_path = config_path
        self.secrets = secrets  # a firm's client's own keyring names; None: the plain names

    @property
    def db(self) -> Database:
        with self._lock:
            if self._db is None:
                assert self._open is not None
                self._db = self._open()
            return self._db

    def snapshot(self, period: Period) -> Snapshot:
        since, until = period.local_bounds()
        with self.db.reader() as store:
            # a draft since booked is shown once, as its booked entry; a deleted one not at all
            bank = store.bank_entries.find(since=period.start, until=period.end, current_only=True)
            items = store.items.find(since=since, until=until)
            payouts = store.payouts.find(since=period.start, until=period.end)
            shown = {e.ref for e in bank} | {i.ref for i in items} | {p.ref for p in payouts}
            matches = [m for m in store.matches.find() if any(r in shown for r in _refs(m))]
            # Lines of this period's matches that fall outside it (a payment made on the 31st,
            # paid out on the 2nd) are shown too, so every match can be read in full.
            named = {r for m in matches for r in _refs(m)} - shown
            extra_bank = store.bank_entries.get_many(named)
            extra_items = store.items.get_many(named - extra_bank.keys())
            extra_payouts = store.payouts.get_many(named - extra_bank.keys() - extra_items.keys())
            aside = store.rules.lines(e.ref for e in bank)
            locked = _locked(store, matches)
        lines: list[PlatformLine] = [
            *payouts,
            *items,
            *extra_items.values(),
            *extra_payouts.values(),
        ]
        return Snapshot(
            period=period,
            bank=[*bank, *extra_bank.values()],
            lines=lines,
            matches=matches,
            claims=Claims(matches),
            providers=sorted({line.provider for line in lines}),
            aside={ref: a.label for ref, a in aside.items()},
            locked=locked,
        )

    def decide_many(self, matches: list[Match], to: MatchState) -> list[Match]:
        """One decision on several matches, all or nothing.

        Approvals and rejections go through the matching service (they teach the matcher and
        remember rejected pairs); parking and reopening are plain state changes.
        """
        ids = [m.id for m in matches]
        if to is MatchState.APPROVED:
            return self.matching().approve(ids)
        if to is MatchState.REJECTED:
            return self.matching().reject(ids)
        with self.db.transaction() as store:
            return [store.matches.transition(m.id, to, expected_version=m.version) for m in matches]

    def services(self) -> Services:
        """The services for the current config (Settings may have changed it), from the
        composition root the command line uses too."""
        return Services(self.config, lambda: self.db)

    def matching(self) -> MatchingService:
        return self.services().matching()

    def match_settings(self) -> MatchSettings:
        return match_settings(self.config)

    def match(self, job: Job) -> MatchRun:
        """Propose matches for everything open (one transaction: all of the run or none)."""
        job.report(text="Matching bank entries with platform payouts and payments…")
        return self.matching().run()

    # -- fetching, posting ----------------------------------------------------------------------
    def sync(self, period: Period, job: Job) -> SyncReport:
        """Fetch the period (and a settling margin around it) from every configured source.

        A period reaching today syncs incrementally (each source goes on from where it
        finished); an earlier one is fetched in full, which is idempotent.
        """
        service = self.services().sync()
        if service.economic is None and not service.platforms:
            raise EcondeskError(
                "nothing to sync: set up e-conomic and a platform in Settings (or the config file)"
            )
        today = datetime.now(MERCHANT_TZ).date()
        pinned = period.end < today
        start, end = (
            (period.start - SETTLING, min(today, period.end + SETTLING)) if pinned else (None, None)
        )

        def progress(step: SyncProgress) -> None:
            counts = f"{step.pages} pages, {step.inserted} new, {step.updated} changed"
            job.report(text=f"{step.source}: {counts}")

        return service.run(start, end, progress=progress, cancel=job)

    def posting(self) -> PostingService:
        return self.services().posting()

    def preview(self, match: Match) -> tuple[PreparedVoucher, VoucherEffect]:
        """The voucher the match would post, also before it is approved, with its effect per
        account and what it leaves on the clearing account: the posting service's preview (the
        code `post` runs), which reads the agreement's chart and writes nothing.
        VoucherError/MappingError/PostingError say why not."""
        from econdesk.accounting.vouchers import VoucherError  # start-up: loaded on first use
        from econdesk.connectors import eventloop

        preview = eventloop.run(self.posting().preview([match.id]))
        if preview.refused:
            raise VoucherError(preview.refused[0].reason or match.id)
        prepared = preview.vouchers[0]
        return prepared, preview.effects[prepared.match_id]

    def post(self, match_ids: list[str], job: Job) -> PostReport:
        def progress(done: int, total: int) -> None:
            job.report(done, total, f"{done} of {total} vouchers")

        from econdesk.connectors import eventloop

        service = self.posting()
        return eventloop.run(
            service.post(match_ids or None, progress=progress, cancel=lambda: job.cancelled)
        )

    def reverse(self, match_id: str, reason: str, on: date | None) -> ReversalOutcome:
        """Post the reversal of a posted match (services/reversal.py); ReversalError and
        PeriodLockedError say why not."""
        from econdesk.connectors import eventloop

        return eventloop.run(self.services().reversal().reverse(match_id, reason=reason, on=on))

    def invoices_to_mark(self, match_ids: list[str]) -> list[str]:
        """The open invoices these posted matches paid that their platform's config allows
        econdesk to mark paid offline (provider and number, for the confirmation)."""
        due = self.services().invoice_marking().due(match_ids)
        return [f"{d.item.provider} {d.item.invoice_ref or d.item.external_id}" for d in due]

    def mark_paid(self, match_ids: list[str], job: Job) -> list[MarkedInvoice]:
        """Mark those invoices paid offline in their platforms (audited by the service)."""
        from econdesk.connectors import eventloop

        job.report(text="Marking the invoices paid in their platforms…")
        return eventloop.run(self.services().invoice_marking().mark(match_ids))

    def export(self, period: Period, path: Path, job: Job) -> ReportResult:
        """The reconciliation workbook for the period (balances from e-conomic when reachable)."""
        from econdesk.qt.i18n import current_language
        from econdesk.services import report  # start-up: openpyxl loads on the first export

        job.report(text=f"Reading the clearing balances from e-conomic for {path.name}…")
        ledger = self.services().ledger()
        job.check()
        rollforward: list[RollForward] = []
        if not ledger.note:  # e-conomic answered: its clearing accounts' entries too
            job.report(text=f"Reading the clearing accounts' entries for {path.name}…")
            rollforward, _ = self.services().rollforward().for_period(period.start, period.end)
            job.check()
        job.report(text=f"Writing {path.name}…")
        return report.write_period_report(
            self.db,
            path,
            config=self.config,
            period=report.Period(period.start, period.end),
            ledger=ledger,
            language=current_language(),
            rollforward=rollforward,
        )

    def rollforward(self, period: Period) -> list[RollForward]:
        """Each clearing account's roll-forward over the period (reads e-conomic)."""
        from econdesk.connectors import eventloop

        service = self.services().rollforward()
        return eventloop.run(service.compute(period.start, period.end))

    # -- rules for the bank lines that are not platform money ---------------------------------
    def rules(self) -> tuple[list[RuleCount], list[Suggestion]]:
        """The rules with how many lines each caught, and the rules the bookkeeper's repeated
        decisions suggest."""
        service = self.services().rules()
        return service.rules(), service.suggestions()

    def add_rule(self, rule: BankRule) -> RuleCount:
        return self.services().rules().add(rule)

    def change_rule(self, rule: BankRule) -> RuleCount:
        return self.services().rules().change(rule)

    def remove_rule(self, rule_id: int) -> RuleCount:
        return self.services().rules().remove(rule_id)

    def set_aside(self, refs: list[str], label: str) -> list[str]:
        return self.services().rules().set_aside(refs, label)

    def release(self, refs: list[str]) -> list[str]:
        return self.services().rules().release(refs)

    def matches(self, match_ids: list[str]) -> list[Match]:
        with self.db.reader() as store:
            return [store.matches.get(m) for m in match_ids]

    # -- hand-made matches (thin adapters until the review service takes them over) ---------
    def create_manual(self, bank_refs: list[str], line_refs: list[str], note: str = "") -> Match:
        """A match the bookkeeper made by selecting lines on both sides: approved at once."""
        settings = self.match_settings()
        with self.db.transaction() as store:
            draft = _manual_draft(store, "", bank_refs, line_refs, note, settings=settings)
            return store.matches.create(draft)

    def revise(self, match: Match, bank_refs: list[str], line_refs: list[str]) -> Match:
        """The corrected content of a proposal (same id, state kept), as a manual match."""
        settings = self.match_settings()
        with self.db.transaction() as store:
            draft = _manual_draft(
                store, match.id, bank_refs, line_refs, match.note, settings=settings
            )
            return store.matches.revise(replace(draft, version=match.version))

    def unrevise(self, current: Match, before: Match) -> Match:
        """Undo a correction: the proposal gets back the content it had as `before` (its refs,
        method, score, difference and explanation; state kept), audited as a revision."""
        with self.db.transaction() as store:
            return store.matches.revise(replace(before, note=current.note, version=current.version))

    def restore(self, match: Match, state: MatchState) -> Match:
        """Undo a decision: bring `match` back to `state` (through proposed when needed)."""
        with self.db.transaction() as store:
            current = match
            if current.state is not state and not current.can_become(state):
                current = store.matches.transition(
                    current.id, MatchState.PROPOSED, expected_version=current.version
                )
            if current.state is not state:
                current = store.matches.transition(
                    current.id, state, expected_version=current.version
                )
            return current


def _locked(store: Store, matches: list[Match]) -> frozenset[str]:
    """The matches whose bank entries fall in a signed-off month."""
    locked = store.periods.locked_periods()
    if not locked:
        return frozenset()
    months = store.periods.periods_of_matches(m.id for m in matches)
    return frozenset(m for m, found in months.items() if found & locked)


def _manual_draft(
    store: Store,
    match_id: str,
    bank_refs: list[str],
    line_refs: list[str],
    note: str,
    *,
    settings: MatchSettings | None = None,
) -> Match:
    bank = store.bank_entries.get_many(bank_refs)
    items = store.items.get_many(line_refs)
    payouts = store.payouts.get_many(set(line_refs) - items.keys())
    missing = [
        r for r in (*bank_refs, *line_refs) if r not in bank and r not in items and r not in payouts
    ]
    if missing:
        raise EcondeskError(f"these lines are no longer in the store: {', '.join(missing)}")
    currencies = {bank[r].amount.currency for r in bank_refs} | {
        (items.get(r) or payouts[r]).currency for r in line_refs
    }
    if len(currencies) != 1:
        raise EcondeskError(
            "a match must be in one currency; the selection mixes " + ", ".join(sorted(currencies))
        )
    currency = currencies.pop()
    total = money_sum((bank[r].amount for r in bank_refs), currency)
    nets = money_sum(
        (items[r].net if r in items else payouts[r].amount for r in line_refs), currency
    )
    components = tuple(c for r in line_refs if r in payouts for c in payouts[r].component_refs)
    explanation = [explained("manual", 1.0, phrase("manual", actor=store.actor))]
    inferred = None
    if settings is not None:  # a fee the platform does not state, as the matcher infers it
        from econdesk.services.manual_fees import infer_fee  # start-up: loads the matcher

        inferred = infer_fee(total, nets, [items[r] for r in line_refs if r in items], settings)
    if inferred is not None:
        explanation.append(inferred.term())
    return Match(
        id=match_id,
        state=MatchState.APPROVED,
        method=MatchMethod.MANUAL,
        score=1.0,
        auto=False,
        bank_refs=tuple(bank_refs),
        item_refs=tuple(line_refs),
        component_refs=components,
        amount=total,
        difference=total - nets + (inferred.fee if inferred else Money.zero(currency)),
        inferred_fee=inferred.fee if inferred else None,
        explanation=tuple(explanation),
        note=note,
    )
