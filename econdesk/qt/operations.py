"""The long jobs behind the toolbar: fetch (sync), match, post, voucher preview.

Each runs on a worker behind a cancellable progress dialog, then reports in a sentence and
asks the window to reload the period. Errors come back as a Failure for the error box.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from econdesk.domain.model import Match, MatchState
from econdesk.i18n.message import text_in
from econdesk.qt.closed_texts import closed_period_text
from econdesk.qt.formatting import Formatter
from econdesk.qt.i18n import QT_TRANSLATE_NOOP, current_language, tr
from econdesk.qt.labels import translated
from econdesk.qt.progress import run_job
from econdesk.qt.tasks import Failure, Job, TaskManager
from econdesk.qt.workspace import Period, Workspace

if TYPE_CHECKING:  # the services are imported when a job first reports: a faster start
    from econdesk.accounting.effect import VoucherEffect
    from econdesk.accounting.vouchers import PreparedVoucher
    from econdesk.domain.rollforward import RollForward
    from econdesk.qt.reverse_dialog import ReverseDialog
    from econdesk.qt.rollforward_dialog import RollForwardDialog
    from econdesk.qt.voucher_dialog import VoucherDialog
    from econdesk.reports import ReportResult
    from econdesk.services.invoice_marking import MarkedInvoice
    from econdesk.services.matching import MatchRun
    from econdesk.services.posting import MatchOutcome, PostReport
    from econdesk.services.reversal import ReversalOutcome
    from econdesk.services.sync import SyncReport

R = TypeVar("R")


class OperationsController(QObject):
    message = Signal(str)
    failed = Signal(str, object)  # title, Failure
    reload_requested = Signal(str)  # reload, then show this message

    def __init__(
        self,
        workspace: Workspace,
        tasks: TaskManager,
        parent_widget: QWidget,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.tasks = tasks
        self.widget = parent_widget
        self.formatter = Formatter()
        self.running = False
        self.last_job: Job | None = None
        self.preview_dialog: VoucherDialog | None = None
        self.rollforward_dialog: RollForwardDialog | None = None
        self.exported: ReportResult | None = None
        self.mark_question: QMessageBox | None = None
        self.reverse_dialog: ReverseDialog | None = None
        self.reversed: ReversalOutcome | None = None

    def _start(
        self,
        title: str,
        label: str,
        work: Callable[[Job], R],
        done: Callable[[R], None],
        failure_title: str,
        *,
        cancellable: bool = True,
    ) -> None:
        if self.running:
            self.message.emit(tr("Another job is still running."))
            return
        self.running = True

        def finished(result: R) -> None:
            self.running = False
            done(result)

        def failed(failure: Failure) -> None:
            self.running = False
            self.failed.emit(failure_title, failure)
            self.reload_requested.emit(failure_title)  # what was stored before it is shown

        self.last_job, _dialog = run_job(
            self.tasks,
            self.widget,
            title,
            label,
            work,
            success=finished,
            failure=failed,
            cancellable=cancellable,
        )

    # -- sync ------------------------------------------------------------------------------------
    def sync(self, period: Period, then: Callable[[], None] | None = None) -> None:
        def done(report: SyncReport) -> None:
            stored = report.stored
            text = tr("Fetched: {0} new, {1} changed, {2} unchanged.").format(
                stored.inserted, stored.updated, stored.unchanged
            )
            if report.cancelled:
                text += " " + tr("Stopped on request; the next fetch goes on from there.")
            for source in report.failures:
                why = text_in(source.error, current_language())
                text += " " + tr("{0} failed: {1}").format(source.source, why)
            self.reload_requested.emit(text)
            if then is not None and not report.cancelled:
                then()

        self._start(
            tr("Fetching"),
            tr("Fetching bank entries and platform transactions…"),
            lambda job: self.workspace.sync(period, job),
            done,
            tr("Could not fetch"),
        )

    # -- match ---------------------------------------------------------------------------------
    def match(self, then: Callable[[], None] | None = None) -> None:
        def done(run: MatchRun) -> None:
            text = tr("{0} new proposals, {1} safe to approve; {2} bank lines still open.").format(
                len(run.proposals), len(run.auto), run.unmatched_bank
            )
            if run.after:  # a colleague's run finished while this one waited its turn
                text = tr("{0} matched a moment ago.").format(", ".join(run.after)) + " " + text
            self.reload_requested.emit(text)
            if then is not None:
                then()

        self._start(
            tr("Matching"),
            tr("Matching bank entries with platform payouts and payments…"),
            self.workspace.match,
            done,
            tr("Could not match"),
            cancellable=False,  # one transaction: the whole run is stored, or none of it
        )

    # -- post --------------------------------------------------------------------------------------
    def post(self, approved: list[Match]) -> None:
        ids = [m.id for m in approved if m.state is MatchState.APPROVED]
        if not ids:
            self.message.emit(tr("Nothing to post: no approved matches here."))
            return
        journal = self.workspace.config.economic.journal
        answer = QMessageBox.question(
            self.widget,
            tr("Post to e-conomic"),
            tr("Post {0} approved matches as vouchers to daybook {1}?").format(len(ids), journal),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return

        def done(report: PostReport) -> None:
            from econdesk.services.posting import Outcome  # start-up: loads httpx

            posted = report.by(Outcome.POSTED)
            sales = [o for o in posted if o.match_id in report.summaries]
            text = tr("Posted {0} of {1} vouchers.").format(len(posted) - len(sales), len(ids))
            if sales:  # the daily sales summaries of sources in sales mode, posted first
                text += " " + tr("Posted {0} daily sales summaries.").format(len(sales))
            if report.cancelled:
                text += " " + tr("Stopped on request; the rest stay approved.")
            attached = len(report.bilag.attached) + len(report.bilag.recovered)
            if attached:
                text += " " + tr("{0} bilag attached in e-conomic.").format(attached)
            if report.bilag.failed:
                text += " " + tr(
                    "{0} bilag not attached yet; the next posting attaches them."
                ).format(len(report.bilag.failed))
            problems = [o for o in report.outcomes if o.outcome is not Outcome.POSTED]
            self.reload_requested.emit(text)
            if posted:
                self.offer_marking([o.match_id for o in posted])
            if problems:
                box = QMessageBox(
                    QMessageBox.Icon.Warning,
                    tr("Not everything was posted"),
                    text,
                    parent=self.widget,
                )
                box.setObjectName("postReport")
                box.setInformativeText(tr("These stay approved and can be posted again:"))
                box.setDetailedText("\n".join(f"{o.match_id}: {_why(o)}" for o in problems))
                box.open()

        self._start(
            tr("Posting"),
            tr("Posting vouchers to e-conomic…"),
            lambda job: self.workspace.post(ids, job),
            done,
            tr("Could not post"),
        )

    # -- reverse ---------------------------------------------------------------------------------
    def reverse(self, match: Match | None) -> None:
        """Ask why (and, if the original's period is closed, on which day), then post the
        reversal of the match's voucher; the match comes back proposed."""
        if match is None or match.state is not MatchState.POSTED:
            self.message.emit(tr("Only a posted match can be reversed."))
            return
        from econdesk.qt.reverse_dialog import ReverseDialog  # start-up: on first use

        dialog = ReverseDialog(match, self.widget)
        dialog.chosen.connect(lambda reason, on: self._reverse(match, reason, on))
        self.reverse_dialog = dialog
        dialog.open()

    def _reverse(self, match: Match, reason: str, on: date | None) -> None:
        def done(outcome: ReversalOutcome) -> None:
            from econdesk.services.posting import Outcome  # start-up: loads httpx

            self.reversed = outcome
            if outcome.outcome is Outcome.POSTED and outcome.voucher is not None:
                text = tr("{0}: voucher {1} reversed by voucher {2}; proposed again.").format(
                    match.id,
                    ", ".join(str(r.number) for r in outcome.reverses),
                    outcome.voucher.number,
                )
                self.reload_requested.emit(text)
                return
            why = text_in(outcome.refusal or "", current_language())
            text = tr("{0} was not reversed: {1}").format(match.id, why)
            self.reload_requested.emit(text)
            box = QMessageBox(
                QMessageBox.Icon.Warning, tr("Not reversed"), text, parent=self.widget
            )
            box.setObjectName("reverseReport")
            box.open()

        self._start(
            tr("Reversing"),
            tr("Posting the reversal to e-conomic…"),
            lambda _job: self.workspace.reverse(match.id, reason, on),
            done,
            tr("Could not reverse"),
            cancellable=False,
        )

    # -- marking open invoices paid offline ------------------------------------------------------
    def offer_marking(self, posted: list[str]) -> None:
        """Ask, each time, whether to mark the open invoices these postings paid as paid in
        their platform; only platforms whose config allows it are asked about."""

        def ask(invoices: list[str]) -> None:
            if not invoices:
                return
            box = QMessageBox(
                QMessageBox.Icon.Question,
                tr("Mark invoices paid"),
                tr("Mark {0} open invoices as paid by bank transfer in their platform?").format(
                    len(invoices)
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                self.widget,
            )
            box.setObjectName("markPaidQuestion")
            box.setDetailedText("\n".join(invoices))
            box.finished.connect(lambda answer: mark(answer == QMessageBox.StandardButton.Yes))
            box.open()
            self.mark_question = box

        def mark(yes: bool) -> None:
            if not yes:
                self.message.emit(tr("The invoices stay open in their platform."))
                return
            self._start(
                tr("Marking invoices paid"),
                tr("Marking the invoices paid in their platforms…"),
                lambda job: self.workspace.mark_paid(posted, job),
                marked,
                tr("Could not mark the invoices paid"),
                cancellable=False,
            )

        def marked(results: list[MarkedInvoice]) -> None:
            done = [r for r in results if r.error is None]
            text = tr("Marked {0} of {1} invoices paid in their platform.").format(
                len(done), len(results)
            )
            self.message.emit(text)

        def failed(failure: Failure) -> None:
            self.failed.emit(tr("Could not mark the invoices paid"), failure)

        self.tasks.run(lambda: self.workspace.invoices_to_mark(posted), success=ask, failure=failed)

    # -- export ----------------------------------------------------------------------------------
    def export(self, period: Period, path: Path) -> None:
        def done(result: ReportResult) -> None:
            self.exported = result
            self.message.emit(
                tr(
                    "Wrote {0}: {1} matches, {2} open bank entries, {3} open platform items."
                ).format(
                    result.path.name, result.matches, result.open_bank_entries, result.open_items
                )
            )

        self._start(
            tr("Report"),
            tr("Writing the reconciliation report…"),
            lambda job: self.workspace.export(period, path, job),
            done,
            tr("Could not write the report"),
            cancellable=False,  # the workbook is written in one go (and atomically)
        )

    # -- voucher preview ----------------------------------------------------------------------
    def preview(self, match: Match | None) -> None:
        if match is None:
            self.message.emit(tr("Select a match to see its voucher."))
            return

        def show(built: tuple[PreparedVoucher, VoucherEffect]) -> None:
            from econdesk.qt.voucher_dialog import VoucherDialog  # start-up: on first use

            prepared, effect = built
            dialog = VoucherDialog(prepared, self.formatter, self.widget, effect=effect)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()
            self.preview_dialog = dialog

        def failed(failure: Failure) -> None:
            self.failed.emit(tr("No voucher for {0}").format(match.id), failure)

        self.message.emit(tr("Building the voucher for {0}…").format(match.id))
        self.tasks.run(
            lambda: self.workspace.preview(match), success=show, failure=failed, uses_database=False
        )

    # -- clearing roll-forward ----------------------------------------------------------------
    def rollforward(self, period: Period) -> None:
        def show(found: list[RollForward]) -> None:
            from econdesk.qt.rollforward_dialog import RollForwardDialog  # start-up: first use

            dialog = RollForwardDialog(found, period.start, period.end, self.formatter, self.widget)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()
            self.rollforward_dialog = dialog
            self.message.emit(tr("Clearing roll-forward read from e-conomic."))

        def failed(failure: Failure) -> None:
            self.failed.emit(tr("Could not read the clearing accounts"), failure)

        self.message.emit(tr("Reading the clearing accounts from e-conomic…"))
        self.tasks.run(lambda: self.workspace.rollforward(period), success=show, failure=failed)


def _why(outcome: MatchOutcome) -> str:
    """Why a match did not post, in the user's language when it is a closed year or period."""
    if outcome.closed is not None:
        return closed_period_text(outcome.closed)
    if outcome.reason:
        return text_in(outcome.reason, current_language())
    return translated(OUTCOME_TEXT.get(outcome.outcome, outcome.outcome))


# The posting outcomes (econdesk.services.posting.Outcome) a report names when no reason came.
OUTCOME_TEXT = {
    "posted": QT_TRANSLATE_NOOP("Labels", "posted"),
    "unposted": QT_TRANSLATE_NOOP("Labels", "not posted"),
    "in_doubt": QT_TRANSLATE_NOOP("Labels", "sent, not yet confirmed by e-conomic"),
    "busy": QT_TRANSLATE_NOOP("Labels", "being posted by another process"),
}
