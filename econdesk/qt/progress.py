"""A cancellable progress dialog around a background job (polled, as Anki does)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from econdesk.qt.i18n import tr
from econdesk.qt.tasks import Failure, Job, TaskManager

POLL_MS = 100
R = TypeVar("R")


class JobDialog(QProgressDialog):
    """Shows a job's progress; Cancel asks the job to stop at its next safe point."""

    def __init__(
        self, job: Job, title: str, parent: QWidget | None = None, *, cancellable: bool = True
    ) -> None:
        super().__init__(job.label, tr("Cancel"), 0, 0, parent)
        if not cancellable:
            self.setCancelButton(None)  # a job that cannot stop safely
        self.setObjectName("jobDialog")
        self.job = job
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(300)  # quick jobs finish without a flash of a dialog
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(420)
        self.canceled.disconnect()  # by default Cancel would hide the dialog at once
        self.canceled.connect(self._cancel)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)
        self._timer.start()

    def poll(self) -> None:
        progress = self.job.progress
        if self.job.cancelled:
            self.setLabelText(tr("Stopping safely…"))
            return
        self.setMaximum(max(progress.total, 0))
        if progress.total:
            self.setValue(min(progress.done, progress.total))
        if progress.text:
            self.setLabelText(progress.text)

    def _cancel(self) -> None:
        self.job.cancel()
        self.setCancelButtonText(tr("Stopping…"))
        self.poll()

    def finish(self) -> None:
        self._timer.stop()
        self.reset()
        self.close()
        self.deleteLater()


def run_job(
    tasks: TaskManager,
    parent: QWidget | None,
    title: str,
    label: str,
    work: Callable[[Job], R],
    *,
    success: Callable[[R], None],
    failure: Callable[[Failure], None],
    uses_database: bool = True,
    cancellable: bool = True,
) -> tuple[Job, JobDialog]:
    """Run `work(job)` in the background behind a progress dialog; callbacks on the GUI thread."""
    job = Job(label)
    dialog = JobDialog(job, title, parent, cancellable=cancellable)

    def done(result: R) -> None:
        dialog.finish()
        success(result)

    def failed(failed_with: Failure) -> None:
        dialog.finish()
        failure(failed_with)

    tasks.run(lambda: work(job), success=done, failure=failed, uses_database=uses_database)
    return job, dialog
