"""Attaching each posted voucher's bilag in e-conomic, exactly once, also across crashes.

For every posted voucher without an attached bilag (`store.bilag.missing()`: those posted
just now, and any an earlier run left without one), the bilag is drawn (`econdesk.bilag`) and
uploaded to `POST /journals/{n}/vouchers/{year}-{number}/attachment/file`:

1. A bilag that may have reached e-conomic before (status "sending", or tried before) is looked
   up first (`GET .../attachment`): found means attached, and nothing is sent again.
2. "sending" is committed before the upload, so a run that dies after the upload and before
   recording it leaves that trace for step 1 of the next run.
3. After the upload: attached. If the upload fails, it is looked up again (a lost answer may
   hide a success, and a 409 means the voucher has a document): found is attached, not found
   goes back to pending with the reason, to be sent by a later run; when e-conomic cannot be
   asked at all it stays "sending".

Bilag are attached before the drafts are booked (booking moves them out of the daybook).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol

from econdesk.accounting.vouchers import MatchMaterial
from econdesk.bilag import (
    AuditStamp,
    BilagSheet,
    ReversalSheet,
    render_bilag,
    render_reversal,
)
from econdesk.connectors.economic import models as eco
from econdesk.connectors.errors import ConnectorError
from econdesk.domain.model import Match, VoucherRef
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import reason_of, say, say_text
from econdesk.storage import (
    REVERSAL_KIND,
    Bilag,
    BilagStatus,
    Database,
    Posting,
    PostingStateError,
    Store,
)

MaterialLoader = Callable[[Store, Match], MatchMaterial]


class AttachmentPort(Protocol):
    """What attaching needs from e-conomic; `connectors.economic.EconomicClient` provides it."""

    async def voucher_attachment(
        self, journal_number: int, year: str, voucher_number: int
    ) -> eco.VoucherAttachment | None: ...

    async def attach_voucher_file(
        self, journal_number: int, year: str, voucher_number: int, pdf: bytes, filename: str
    ) -> None: ...


@dataclass
class BilagReport:
    attached: list[str] = field(default_factory=list)  # match ids, attached now
    recovered: list[str] = field(default_factory=list)  # found in e-conomic, not sent again
    failed: list[tuple[str, str]] = field(default_factory=list)  # (match id, reason)


class BilagAttacher:
    def __init__(
        self,
        db: Database,
        client: AttachmentPort,
        load_material: MaterialLoader,
        *,
        language: str = "da",
        stale_after: timedelta = timedelta(minutes=10),
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.db = db
        self.client = client
        self.load_material = load_material
        self.language = language
        # A bilag another run marked "sending" less than this ago may still be on its way.
        self.stale_after = stale_after
        self.clock = clock

    async def attach_missing(self, only: Collection[str] | None = None) -> BilagReport:
        """Attach every missing bilag, or those of the subjects `only` names."""
        report = BilagReport()
        with self.db.reader() as store:
            missing = store.bilag.missing()
        if only is not None:
            missing = [b for b in missing if b.match_id in only]
        cutoff = self.clock() - self.stale_after
        for bilag in missing:
            if bilag.status is BilagStatus.SENDING and _aware(bilag.updated_at) > cutoff:
                continue  # another run is sending it now
            try:
                await self._attach(bilag, report)
            except PostingStateError:
                continue  # another run moved it on meanwhile: it is that run's
        return report

    def sheet(self, store: Store, bilag: Bilag) -> BilagSheet | ReversalSheet:
        """What the voucher's bilag shows, from the store."""
        posting = store.postings.at_voucher(bilag.match_id, bilag.voucher)
        if posting is None:
            raise PostingStateError(
                say(QT_TRANSLATE_NOOP("CLI", "{0} has no posting"), bilag.match_id)
            )
        if posting.kind == REVERSAL_KIND:
            return self._reversal_sheet(store, bilag, posting)
        material = self.load_material(store, store.matches.get(bilag.match_id))
        audit = _stamp(store, bilag.match_id, "match.posted", bilag.voucher)
        return BilagSheet(
            voucher_ref=bilag.voucher,
            voucher=posting.voucher,
            match=material.match,
            bank=tuple(material.bank_entries),
            items=tuple(material.items),
            payouts=tuple(material.payouts),
            audit=audit,
            language=self.language,
            split=store.postings.vouchers(posting) if posting.split else (),
        )

    def _reversal_sheet(self, store: Store, bilag: Bilag, posting: Posting) -> ReversalSheet:
        match_id = "m-" + bilag.match_id.removeprefix("r-")
        reversed_ = store.postings.at_round(match_id, posting.round)
        return ReversalSheet(
            voucher_ref=bilag.voucher,
            voucher=posting.voucher,
            match_id=match_id,
            reverses=() if reversed_ is None else store.postings.vouchers(reversed_),
            reversed_marker="" if reversed_ is None else reversed_.voucher.marker,
            reason=posting.reason or "",
            audit=_stamp(store, match_id, "match.reversed", bilag.voucher, key="reversal"),
            language=self.language,
        )

    async def _attach(self, bilag: Bilag, report: BilagReport) -> None:
        ref = bilag.voucher
        if bilag.status is BilagStatus.SENDING or bilag.attempts:
            try:
                found = await self.client.voucher_attachment(ref.journal, ref.year, ref.number)
            except ConnectorError as exc:
                unasked = QT_TRANSLATE_NOOP("CLI", "could not ask e-conomic: {0}")
                report.failed.append((bilag.match_id, say_text(unasked, reason_of(exc))))
                return
            if found is not None:
                self._attached(bilag, report, recovered=True)
                return
        with self.db.reader() as store:
            sheet = self.sheet(store, bilag)
        pdf = render_reversal(sheet) if isinstance(sheet, ReversalSheet) else render_bilag(sheet)
        with self.db.transaction() as store:
            bilag = store.bilag.mark_sending(
                bilag, sha256=hashlib.sha256(pdf).hexdigest(), size=len(pdf)
            )
        try:
            await self.client.attach_voucher_file(
                ref.journal, ref.year, ref.number, pdf, sheet.filename
            )
        except ConnectorError as exc:
            await self._settle_after_failure(bilag, report, exc)
            return
        self._attached(bilag, report, recovered=False)

    async def _settle_after_failure(
        self, bilag: Bilag, report: BilagReport, failure: ConnectorError
    ) -> None:
        ref = bilag.voucher
        try:
            found = await self.client.voucher_attachment(ref.journal, ref.year, ref.number)
        except ConnectorError as exc:  # left "sending": the next run looks it up first
            unasked = QT_TRANSLATE_NOOP(
                "CLI", "the upload failed ({0}) and e-conomic could not be asked: {1}"
            )
            why = say_text(unasked, reason_of(failure), reason_of(exc))
            report.failed.append((bilag.match_id, why))
            return
        if found is not None:
            self._attached(bilag, report, recovered=True)
            return
        untaken = QT_TRANSLATE_NOOP("CLI", "e-conomic did not take the bilag: {0}")
        reason = say_text(untaken, reason_of(failure))
        with self.db.transaction() as store:
            store.bilag.mark_failed(bilag, reason)
        report.failed.append((bilag.match_id, reason))

    def _attached(self, bilag: Bilag, report: BilagReport, *, recovered: bool) -> None:
        """Record it attached (PostingStateError when another run already did)."""
        with self.db.transaction() as store:
            if store.bilag.get(bilag.voucher) is None:  # found without a row: make one
                bilag = store.bilag.mark_sending(bilag, sha256="", size=0)
            store.bilag.mark_attached(bilag, recovered=recovered)
        (report.recovered if recovered else report.attached).append(bilag.match_id)


def _stamp(
    store: Store, subject: str, action: str, voucher: VoucherRef, *, key: str = "voucher"
) -> AuditStamp | None:
    """The audit event that recorded this voucher (`payload[key]` names its number): the
    latest such event of the subject when none names it (events before numbers were kept)."""
    events = store.audit_events(subject=subject, action_prefix=action, limit=50)
    named = [e for e in events if (e.payload.get(key) or {}).get("number") == voucher.number]
    chosen = named or events[:1]
    if not chosen:
        return None
    e = chosen[0]
    return AuditStamp(e.seq, e.occurred_at, e.actor, e.action, e.hash)


def _aware(moment: datetime | None) -> datetime:
    if moment is None:
        return datetime.min.replace(tzinfo=UTC)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
