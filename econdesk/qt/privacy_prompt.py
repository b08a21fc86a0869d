"""The app offers the retention purge once a financial year has passed its five years.

`check()` asks the store in the background whether there is personal data older than the
newest year whose retention has ended; when there is, the File menu's "Erase old personal
data…" names that year and the status bar says so. Choosing it asks once more, then runs
`econdesk privacy purge --before YEAR`'s service and reloads the window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from econdesk.qt.i18n import tr
from econdesk.qt.tasks import Failure, TaskManager
from econdesk.qt.workspace import Workspace
from econdesk.services.privacy import PurgeOffer, PurgeResult, purge, purge_offer


class PrivacyPrompt(QObject):
    def __init__(
        self,
        workspace: Workspace,
        tasks: TaskManager,
        window: QWidget,
        *,
        message: Callable[[str], None],
        failed: Callable[[str, Failure], None],
        reload: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self.workspace = workspace
        self.tasks = tasks
        self.window = window
        self.message = message
        self.failed = failed
        self.reload = reload
        self.offer: PurgeOffer | None = None
        self.action: QAction | None = None
        self.last_result: PurgeResult | None = None

    def check(self) -> None:
        """Look for a year past its retention (in the background); quiet when there is none."""

        def work() -> PurgeOffer | None:
            with self.workspace.db.reader() as store:
                return purge_offer(store)

        self.tasks.run(work, success=self._offered, failure=lambda _f: None)

    def _offered(self, offer: PurgeOffer | None) -> None:
        self.offer = offer
        self.retranslate()
        if offer is not None:
            self.message(
                tr(
                    "Personal data from before {0} has passed its retention: "
                    "File > Erase old personal data…"
                ).format(offer.cutoff.first_day.isoformat())
            )

    def retranslate(self) -> None:
        if self.action is None:
            return
        self.action.setEnabled(self.offer is not None)
        self.action.setText(
            tr("&Erase personal data before {0}…").format(self.offer.cutoff.label)
            if self.offer is not None
            else tr("&Erase old personal data…")
        )
        tip = tr("Pseudonymise names once five years have passed since the financial year ended")
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)

    def ask(self) -> None:
        offer = self.offer
        if offer is None:
            return
        answer = QMessageBox.question(
            self.window,
            tr("Erase old personal data"),
            tr(
                "The Bookkeeping Act's five years have passed for everything dated before {0}. "
                "Replace the names in {1} bank entries and platform items with pseudonyms "
                "(customer 4711)? Amounts, ids, matches and vouchers are kept. This cannot be "
                "undone."
            ).format(offer.cutoff.first_day.isoformat(), offer.rows),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.tasks.run(
            lambda: purge(self.workspace.db, offer.cutoff),
            success=self._done,
            failure=lambda failure: self.failed(tr("Could not erase the personal data"), failure),
        )

    def _done(self, result: PurgeResult) -> None:
        self.last_result = result
        counts = result.counts
        self.message(
            tr("Pseudonymised {0} platform items and {1} bank entries from before {2}.").format(
                counts.items, counts.bank_entries, result.cutoff.first_day.isoformat()
            )
        )
        self.check()
        self.reload()
