"""The review workspace: proposals with their explanation above, the two sides below.

Layout (top to bottom): period, source and search; the state filter with counts and amounts;
the proposals table (score bars) beside the explanation panel; platform lines and bank entries
side by side; the manual-match bar with the live sums. Keyboard first: A approve, Space
approve and go on to the next undecided one, R reject, P park, J/K next/previous, C correct,
V voucher preview, M match selected, Ctrl+Z undo; in the bank lines N sets a line aside as not
platform money. The review, the dashboard and the rules
are pages of the window (Ctrl+1, Ctrl+D, Ctrl+3); the dashboard and the rules page are built
when first shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from econdesk.domain.model import BankEntry, Match, MatchState, PlatformItem
from econdesk.domain.money import Money
from econdesk.qt import i18n
from econdesk.qt.errors import show_error
from econdesk.qt.formatting import Formatter
from econdesk.qt.i18n import QT_TRANSLATE_NOOP, tr
from econdesk.qt.labels import state_label
from econdesk.qt.live import LiveUpdates
from econdesk.qt.models.bank import BankEntryModel
from econdesk.qt.models.items import PlatformItemModel, PlatformLine
from econdesk.qt.models.matches import SCORE, MatchModel
from econdesk.qt.models.status import Claims
from econdesk.qt.operations import OperationsController
from econdesk.qt.privacy_prompt import PrivacyPrompt
from econdesk.qt.resources import icon
from econdesk.qt.review import ReviewController
from econdesk.qt.tasks import Failure, TaskManager
from econdesk.qt.ui_settings import ui_settings
from econdesk.qt.widgets.data_table import DataTable
from econdesk.qt.widgets.explanation import ExplanationPanel
from econdesk.qt.widgets.manual_match import ManualMatchBar
from econdesk.qt.widgets.period_bar import PeriodBar
from econdesk.qt.widgets.score_delegate import ScoreDelegate
from econdesk.qt.widgets.side_panel import SidePanel
from econdesk.qt.widgets.state_filter import ALL, StateFilter, Totals, accepts
from econdesk.qt.workspace import Period, Snapshot, Workspace

if TYPE_CHECKING:  # the dialogs are imported when first opened: a faster start
    from econdesk.config import Config
    from econdesk.matching.settings import MatchSettings
    from econdesk.qt.audit_dialog import AuditDialog
    from econdesk.qt.dashboard import DashboardView
    from econdesk.qt.period_dialog import PeriodDialog
    from econdesk.qt.rules_view import RulesView
    from econdesk.qt.settings_dialog import SettingsDialog
    from econdesk.services.changes import Changes


class MainWindow(QMainWindow):
    load_failed = Signal(object)  # Failure

    def __init__(
        self,
        workspace: Workspace,
        tasks: TaskManager | None = None,
        *,
        period: Period | None = None,
        formatter: Formatter | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.workspace = workspace
        self.tasks = tasks or TaskManager(parent=self)
        self.formatter = formatter or Formatter()
        self.snapshot: Snapshot | None = None
        self.claims = Claims()
        self.totals = Totals()
        self.source: str | None = None
        self.correcting: Match | None = None
        self.loading = False
        self.loaded_callbacks: list[Callable[[], None]] = []
        self.dashboard: DashboardView | None = None
        self.rules_view: RulesView | None = None
        self.audit_dialog: AuditDialog | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.period_dialog: PeriodDialog | None = None

        self.bank_model = BankEntryModel(self.formatter, self)
        self.lines_model = PlatformItemModel(self.formatter, self)
        self.match_model = MatchModel(self.bank_model.get, self.formatter, self)

        self.period_bar = PeriodBar(period or Period.month_of(date.today()), self)
        self.state_filter = StateFilter(self)
        self.proposals = DataTable(self.match_model, self)
        self.proposals.setObjectName("proposals")
        self.proposals.setItemDelegateForColumn(SCORE, ScoreDelegate(self.proposals))
        self.proposals.setSelectionMode(DataTable.SelectionMode.ExtendedSelection)
        self.explanation = ExplanationPanel(self)
        self.explanation.lookup = self._lookup_line
        self.lines_panel = SidePanel(
            QT_TRANSLATE_NOOP("SidePanel", "Platform"), self.lines_model, self
        )
        self.lines_panel.setObjectName("linesPanel")
        self.bank_panel = SidePanel(QT_TRANSLATE_NOOP("SidePanel", "Bank"), self.bank_model, self)
        self.bank_panel.setObjectName("bankPanel")
        self.manual_bar = ManualMatchBar(self)
        self.manual_bar.infer_fee = self._infer_fee
        self._fee_settings: tuple[Config, MatchSettings] | None = None
        self.operations = OperationsController(self.workspace, self.tasks, self, self)
        self.review = ReviewController(
            self.workspace, self.tasks, self.proposals, self.match_model.get, self
        )
        self.status_label = QLabel(self)
        self.privacy = PrivacyPrompt(
            self.workspace,
            self.tasks,
            self,
            message=self.show_message,
            failed=self.show_failure,
            reload=self.reload,
        )
        self.live = LiveUpdates(self.workspace.db, self)

        self._build_layout()
        self._build_actions()
        self._connect()
        self._apply_filters()
        self.period_bar.set_date_format(self.formatter.date_pattern)
        self.retranslate()
        self.resize(1440, 900)
        self._restore_geometry()

    # -- construction ---------------------------------------------------------------------
    def _build_layout(self) -> None:
        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(self.proposals)
        top.addWidget(self.explanation)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        top.setSizes([880, 520])
        sides = QSplitter(Qt.Orientation.Horizontal, self)
        sides.addWidget(self.lines_panel)
        sides.addWidget(self.bank_panel)
        sides.setSizes([820, 580])
        body = QSplitter(Qt.Orientation.Vertical, self)
        body.setObjectName("bodySplitter")
        body.addWidget(top)
        body.addWidget(sides)
        body.setSizes([480, 360])
        self.splitters = (top, sides, body)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.addWidget(self.period_bar)
        layout.addWidget(self.state_filter)
        layout.addWidget(body, 1)
        layout.addWidget(self.manual_bar)
        self._build_pages(central)
        self.statusBar().addPermanentWidget(self.status_label)

    def _build_pages(self, review: QWidget) -> None:
        """The review, the dashboard and the rules as pages; the last two filled when first
        shown (a faster start)."""
        self.pages = QTabWidget(self)
        self.pages.setObjectName("pages")
        self.pages.setDocumentMode(True)
        self.pages.addTab(review, "")
        self.dashboard_page, self.rules_page = QWidget(self), QWidget(self)
        self.page_layouts: dict[QWidget, QVBoxLayout] = {}
        for page in (self.dashboard_page, self.rules_page):
            self.page_layouts[page] = QVBoxLayout(page)
            self.page_layouts[page].setContentsMargins(0, 0, 0, 0)
            self.pages.addTab(page, "")
        self.pages.currentChanged.connect(self._page_shown)
        self.setCentralWidget(self.pages)

    def _page_shown(self, index: int) -> None:
        page = self.pages.widget(index)
        if page is self.dashboard_page:
            self._ensure_dashboard()
        elif page is self.rules_page:
            self._ensure_rules().load()

    def _action(
        self,
        name: str,
        shortcut: str | QKeySequence.StandardKey | None,
        slot: Callable[[], object],
        *,
        icon_name: str = "",
        local: bool = False,
    ) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if local:
            # Single letters act only where the focus is in the tables, never while typing.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.actions_by_name[name] = action
        return action

    def _build_actions(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        self._add_review_actions()
        self._add_window_actions()
        self._build_menus()
        self._build_toolbar()

    def _add_review_actions(self) -> None:
        """The single-letter keys, active only where the focus is in their table."""
        a = self._action
        review = [
            a(
                "approve",
                "A",
                lambda: self.review.decide(MatchState.APPROVED),
                icon_name="approve",
                local=True,
            ),
            a(
                "reject",
                "R",
                lambda: self.review.decide(MatchState.REJECTED),
                icon_name="reject",
                local=True,
            ),
            a(
                "park",
                "P",
                lambda: self.review.decide(MatchState.PARKED),
                icon_name="park",
                local=True,
            ),
            a(
                "approveNext",
                "Space",
                lambda: self.review.decide(MatchState.APPROVED, advance=True),
                local=True,
            ),
            a("reopen", "O", lambda: self.review.decide(MatchState.PROPOSED), local=True),
            a("next", "J", lambda: self.review.step(1), local=True),
            a("previous", "K", lambda: self.review.step(-1), local=True),
            a("correct", "C", self.start_correction, local=True),
            a("preview", "V", self.preview_voucher, local=True),
            a("reverse", None, self.reverse_posted, local=True),
        ]
        for action in review:
            self.proposals.addAction(action)
        # The same actions on the right mouse button (reversing a posted match among them).
        self.proposals.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        match_selected = a("matchSelected", "M", self.match_selected, local=True)
        for panel in (self.lines_panel, self.bank_panel):
            panel.table.addAction(match_selected)
        self.bank_panel.table.addAction(a("setAside", "N", self.set_aside, local=True))
        self.bank_panel.table.addAction(a("release", "Shift+N", self.release_aside, local=True))

    def _add_window_actions(self) -> None:
        """The actions with a shortcut anywhere in the window (and those only in the menus)."""
        a = self._action
        undo = a("undo", QKeySequence.StandardKey.Undo, self.review.undo, icon_name="undo")
        approve_auto = a(
            "approveAuto", "Ctrl+Shift+A", self.approve_all_auto, icon_name="approve-all"
        )
        reload_ = a("reload", QKeySequence.StandardKey.Refresh, self.reload, icon_name="reload")
        sync = a("sync", "Ctrl+Shift+F", self.sync, icon_name="sync")
        a("match", "Ctrl+Shift+M", self.match, icon_name="match")
        post = a("post", "Ctrl+Shift+P", self.post_approved, icon_name="post")
        a("export", "Ctrl+E", self.export_report, icon_name="export")
        a("signOff", None, self.show_period)
        self.privacy.action = a("purge", None, self.privacy.ask)
        find = a("find", QKeySequence.StandardKey.Find, self._focus_search)
        dashboard = a("dashboard", "Ctrl+D", self.show_dashboard, icon_name="dashboard")
        review = a("review", "Ctrl+1", self.show_review)
        rules = a("rules", "Ctrl+3", self.show_rules)
        settings = a(
            "settings",
            QKeySequence.StandardKey.Preferences,
            self.show_settings,
            icon_name="settings",
        )
        audit = a("audit", "Ctrl+L", self.show_audit, icon_name="audit")
        a("rollforward", None, self.show_rollforward)
        quit_ = a("quit", QKeySequence.StandardKey.Quit, self.close)
        self.addActions(
            [undo, approve_auto, reload_, sync, post, find, quit_, dashboard, audit, settings]
        )
        self.addActions([review, rules])

    def _fill(self, menu: QMenu, names: Sequence[str | None]) -> None:
        """Add the named actions in order; None stands for a separator."""
        for name in names:
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(self.actions_by_name[name])

    def _build_menus(self) -> None:
        menu = self.menuBar()
        self.file_menu = menu.addMenu("")
        self._fill(
            self.file_menu,
            [
                *("sync", "match", "post", "export", "signOff", "reload", None),
                *("audit", "purge", "settings", None, "quit"),
            ],
        )
        self.review_menu = menu.addMenu("")
        self._fill(
            self.review_menu,
            [
                *("approve", "approveNext", "reject", "park", "reopen", "approveAuto", None),
                *("undo", None),
                *("next", "previous", "correct", "preview", "matchSelected", None),
                "reverse",
            ],
        )
        self.view_menu = menu.addMenu("")
        self._fill(
            self.view_menu, ["find", None, "review", "dashboard", "rules", "rollforward", None]
        )
        self.language_menu = QMenu(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, self)
            action.setObjectName(f"language_{code}")
            action.setCheckable(True)
            action.triggered.connect(lambda _c=False, lang=code: self.set_language(lang))
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self.view_menu.addMenu(self.language_menu)

    def _build_toolbar(self) -> None:
        toolbar = self.addToolBar("main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for name in ("sync", "match", "approveAuto", "approve", "reject", "park", "undo", "post"):
            toolbar.addAction(self.actions_by_name[name])
        toolbar.addSeparator()
        toolbar.addAction(self.actions_by_name["dashboard"])
        self.toolbar = toolbar

    def _connect(self) -> None:
        self.period_bar.period_changed.connect(lambda _p: self.reload())
        self.period_bar.source_changed.connect(self._on_source)
        self.period_bar.search_changed.connect(self._on_search)
        self.state_filter.changed.connect(lambda _k: self._apply_filters())
        self.proposals.current_changed.connect(self.explanation.show_match)
        self.explanation.preview_requested.connect(lambda _m: self.preview_voucher())
        self.explanation.correct_requested.connect(lambda _m: self.start_correction())
        for panel in (self.lines_panel, self.bank_panel):
            panel.open_only_changed.connect(lambda _on: self._apply_filters())
            panel.table.selection_changed.connect(lambda _objs: self._on_side_selection())
        self.manual_bar.match_requested.connect(self.match_selected)
        self.manual_bar.cancel_requested.connect(self.cancel_correction)
        self.operations.message.connect(self.show_message)
        self.operations.failed.connect(self.show_failure)
        self.operations.reload_requested.connect(
            lambda text: self.reload(then=lambda: self.show_message(text))
        )
        self.proposals.current_changed.connect(
            lambda m: self.live.opened(None if m is None else m.id)
        )
        self.live.changed.connect(self.colleague_changed)
        self.live.presence.connect(self.match_model.set_open_by)
        self.review.changed.connect(self.matches_changed)
        self.review.message.connect(self.show_message)
        self.review.failed.connect(self.show_failure)

    # -- loading -------------------------------------------------------------------------------
    def reload(self, then: Callable[[], None] | None = None) -> None:
        """Load the period in the background; the tables stay usable meanwhile."""
        if then is not None:
            self.loaded_callbacks.append(then)
        period = self.period_bar.period
        self.loading = True
        self.show_message(
            tr("Loading {0} – {1}…").format(
                self.formatter.date(period.start), self.formatter.date(period.end)
            )
        )
        self.tasks.run(
            lambda: self.workspace.snapshot(period),
            success=self.apply_snapshot,
            failure=self._load_failed,
        )

    def _load_failed(self, failure: Failure) -> None:
        self.loading = False
        self.loaded_callbacks = []
        self.load_failed.emit(failure)
        self.show_failure(tr("Could not load the period"), failure)

    def apply_snapshot(self, snapshot: Snapshot) -> None:
        keep = self.proposals.current_object()
        self.snapshot = snapshot
        self.claims = snapshot.claims
        self.bank_model.set_rows(snapshot.bank)
        self.lines_model.set_rows(snapshot.lines)
        self.bank_model.set_claims(self.claims.holder)
        self.bank_model.set_aside(snapshot.aside)
        self.lines_model.set_claims(self.claims.holder)
        self.match_model.set_rows(snapshot.matches)
        self.match_model.set_locked(snapshot.locked)
        self.period_bar.set_providers(snapshot.providers)
        self._refresh_totals()
        self._apply_filters()
        if keep is None or not self.proposals.select_ref(keep.id):
            self.proposals.select_row(0)
        self.loading = False
        self.show_message(
            tr("{0} proposals, {1} platform lines, {2} bank lines.").format(
                len(snapshot.matches), len(snapshot.lines), len(snapshot.bank)
            )
        )
        if self.dashboard is not None:
            self.dashboard.set_snapshot(snapshot)
        callbacks, self.loaded_callbacks = self.loaded_callbacks, []
        for callback in callbacks:
            callback()

    def matches_changed(self, updated: list[Match]) -> None:
        """Fold changed or new matches into the models, counts and claims."""
        for match in updated:
            old = self.match_model.get(match.id)
            if old is not None:
                self.totals.add(old, -1)
            self.totals.add(match, 1)
        self.match_model.upsert(updated)
        changed = self.claims.update(updated)
        self.bank_model.set_claims(self.claims.holder, changed)
        self.lines_model.set_claims(self.claims.holder, changed)
        self.state_filter.set_totals(self.totals)
        self.explanation.show_match(self.proposals.current_object())
        if self.dashboard is not None and self.snapshot is not None:
            self.dashboard.set_snapshot(self._current_snapshot())

    def colleague_changed(self, changes: Changes) -> None:
        """Another process changed the store: refresh those matches, mark what others did,
        and reload the period when lines came or changed (a sync) or new matches appeared."""
        if not self.live.running:  # delivered after the window stopped listening (closing)
            return
        marks: dict[str, str] = {}
        for match in changes.matches:
            event = changes.last_event_for(match.id)
            if event is not None and event.actor != self.workspace.db.actor:
                marks[match.id] = tr("{0} by {1} just now").format(
                    state_label(match.state, match.auto), event.actor
                )
        known = [m for m in changes.matches if self.match_model.get(m.id) is not None]
        if known:
            self.matches_changed(known)
        self.match_model.set_marks(marks)
        if marks:
            first = next(iter(marks))
            self.show_message(f"{first}: {marks[first]}")
        if (changes.data_changed or len(known) < len(changes.matches)) and not self.loading:
            self.reload()

    def _refresh_totals(self) -> None:
        self.totals = Totals(m for m in self.match_model.rows if self._in_source(m))
        self.state_filter.set_totals(self.totals)

    # -- filters ---------------------------------------------------------------------------------
    def _in_source(self, match: Match) -> bool:
        if self.source is None:
            return True
        prefix = f"{self.source}:"
        return any(r.startswith(prefix) for r in match.item_refs)

    def _apply_filters(self) -> None:
        key = self.state_filter.current
        source = self.source
        in_source = self._in_source
        self.proposals.proxy.set_predicate(
            None if key == ALL and source is None else lambda m: accepts(key, m) and in_source(m)
        )
        correcting = self.correcting
        holder = self.claims.holder

        def side_ok(ref: str, open_only: bool) -> bool:
            held = holder.get(ref)
            if correcting is not None and held is not None and held.id == correcting.id:
                return True
            if open_only and held is not None:
                return False
            return source is None or held is None or in_source(held)

        lines_open = self.lines_panel.open_only.isChecked()
        bank_open = self.bank_panel.open_only.isChecked()
        self.lines_panel.table.proxy.set_predicate(
            lambda x: (source is None or x.provider == source) and side_ok(x.ref, lines_open)
        )
        aside = self.bank_model.aside  # not platform money: not open for matching

        def bank_ok(e: BankEntry) -> bool:
            if bank_open and e.ref in aside and e.ref not in holder:
                return False
            return side_ok(e.ref, bank_open)

        self.bank_panel.table.proxy.set_predicate(bank_ok)
        if not self.proposals.currentIndex().isValid():
            self.proposals.select_row(0)

    def _on_source(self, source: str | None) -> None:
        self.source = source
        self._refresh_totals()
        self._apply_filters()

    def _on_search(self, text: str) -> None:
        for table in (self.proposals, self.lines_panel.table, self.bank_panel.table):
            table.proxy.set_search(text)
        if not self.proposals.currentIndex().isValid():
            self.proposals.select_row(0)

    def _focus_search(self) -> None:
        self.period_bar.search.setFocus()
        self.period_bar.search.selectAll()

    # -- actions ---------------------------------------------------------------------------------
    def approve_all_auto(self) -> None:
        self.review.approve_auto(self.proposals.proxy.row_objects())

    def _side_selection(self) -> tuple[list[BankEntry], list[PlatformLine]]:
        return self.bank_panel.table.selected_objects(), self.lines_panel.table.selected_objects()

    def _on_side_selection(self) -> None:
        bank, lines = self._side_selection()
        self.manual_bar.update_selection(bank, lines)

    def match_selected(self) -> None:
        bank, lines = self._side_selection()
        if not self.manual_bar.selection.complete:
            self.show_message(
                tr("Select at least one bank line and one platform line, in one currency.")
            )
            return
        bank_refs, line_refs = [e.ref for e in bank], [x.ref for x in lines]
        if self.correcting is not None:
            self.review.correct(
                self.correcting, bank_refs, line_refs, lambda _m: self.cancel_correction()
            )
        else:
            self.review.match_by_hand(bank_refs, line_refs, lambda _m: self._clear_side_selection())

    def _infer_fee(self, bank: Money, nets: Money, items: list[PlatformItem]) -> Money | None:
        """The fee a manual match of these would carry (what Workspace.create_manual stores)."""
        from econdesk.services.manual_fees import infer_fee  # start-up: loads the matcher

        config = self.workspace.config
        if self._fee_settings is None or self._fee_settings[0] is not config:
            self._fee_settings = (config, self.workspace.match_settings())
        inferred = infer_fee(bank, nets, items, self._fee_settings[1])
        return inferred.fee if inferred is not None else None

    def _clear_side_selection(self) -> None:
        for panel in (self.lines_panel, self.bank_panel):
            panel.table.clearSelection()

    def start_correction(self) -> None:
        match = self.proposals.current_object()
        if match is None or match.state not in (MatchState.PROPOSED, MatchState.PARKED):
            self.show_message(tr("Only proposed or parked matches can be corrected."))
            return
        self.correcting = match
        self.manual_bar.set_correcting(match.id)
        self._apply_filters()
        self._clear_side_selection()
        for panel, refs in (
            (self.bank_panel, match.bank_refs),
            (self.lines_panel, match.item_refs),
        ):
            panel.table.select_refs(refs)
        self.show_message(
            tr(
                "Correcting {0}: change the selection on both sides, then save the correction."
            ).format(match.id)
        )

    def cancel_correction(self) -> None:
        self.correcting = None
        self.manual_bar.set_correcting(None)
        self._clear_side_selection()
        self._apply_filters()

    def show_review(self) -> None:
        """The review page, with the keys in the proposals (A, Space, R, J, K...)."""
        self.pages.setCurrentIndex(0)
        self.proposals.setFocus()
        if not self.proposals.currentIndex().isValid():
            self.proposals.select_row(0)

    def show_dashboard(self) -> None:
        self.pages.setCurrentWidget(self.dashboard_page)

    def _ensure_dashboard(self) -> DashboardView:
        from econdesk.qt.dashboard import DashboardView  # start-up: built when first shown

        if self.dashboard is None:
            self.dashboard = DashboardView(self.formatter, self.dashboard_page)
            self.page_layouts[self.dashboard_page].addWidget(self.dashboard)
            self.dashboard.show()
            if self.snapshot is not None:
                self.dashboard.set_snapshot(self._current_snapshot())
                self.dashboard.refresh()  # it is about to be shown
        return self.dashboard

    def show_rules(self) -> None:
        self.pages.setCurrentWidget(self.rules_page)
        if self.rules_view is not None:
            self.rules_view.table.setFocus()

    def _ensure_rules(self) -> RulesView:
        from econdesk.qt.rules_view import RulesView  # start-up: built when first shown

        if self.rules_view is None:
            view = RulesView(self.workspace, self.tasks, self.formatter, self.rules_page)
            self.page_layouts[self.rules_page].addWidget(view)
            view.show()
            view.changed.connect(self.reload)
            view.message.connect(self.show_message)
            view.failed.connect(self.show_failure)
            self.rules_view = view
        return self.rules_view

    # -- the bank lines that are not platform money --------------------------------------------
    def set_aside(self) -> None:
        """Set the selected open bank lines aside as not platform money, with a label."""
        from econdesk.domain.rules import LABELS
        from econdesk.qt.labels import rule_label

        chosen = [
            e.ref
            for e in self.bank_panel.table.selected_objects()
            if e.ref not in self.claims.holder and e.ref not in self.bank_model.aside
        ]
        if not chosen:
            self.show_message(tr("Select open bank lines to set aside."))
            return
        names = [rule_label(k) for k in LABELS]
        name, ok = QInputDialog.getItem(
            self,
            tr("Not platform money"),
            tr("{0} bank lines are:").format(len(chosen)),
            names,
            0,
            True,
        )
        if not ok or not name.strip():
            return
        label = LABELS[names.index(name)] if name in names else name.strip()
        self.tasks.run(
            lambda: self.workspace.set_aside(chosen, label),
            success=lambda done: self.reload(
                then=lambda: self.show_message(
                    tr("{0} bank lines set aside as {1}.").format(len(done), rule_label(label))
                )
            ),
            failure=lambda f: self.show_failure(tr("Could not set the lines aside"), f),
        )

    def release_aside(self) -> None:
        """The selected lines set aside are open again (a rule may catch them at the next run)."""
        chosen = [
            e.ref for e in self.bank_panel.table.selected_objects() if self.bank_model.is_aside(e)
        ]
        if not chosen:
            self.show_message(tr("Select bank lines that are set aside."))
            return
        self.tasks.run(
            lambda: self.workspace.release(chosen),
            success=lambda done: self.reload(
                then=lambda: self.show_message(
                    tr("{0} bank lines are open again.").format(len(done))
                )
            ),
            failure=lambda f: self.show_failure(tr("Could not open the lines again"), f),
        )

    def _current_snapshot(self) -> Snapshot:
        """The loaded period with the decisions made since it was loaded."""
        assert self.snapshot is not None
        return Snapshot(
            period=self.snapshot.period,
            bank=list(self.bank_model.rows),
            lines=list(self.lines_model.rows),
            matches=list(self.match_model.rows),
            claims=self.claims,
            providers=self.snapshot.providers,
            aside=self.snapshot.aside,
        )

    def show_settings(self) -> None:
        from econdesk.qt.settings_dialog import SettingsDialog  # start-up: loaded when first opened

        config, path = self.workspace.config, self.workspace.config_path
        if path is None:
            self.show_message(
                tr("No config file: start econdesk with --config or run econdesk init.")
            )
            return
        dialog = SettingsDialog(
            config,
            path,
            self.workspace.db,
            self.tasks,
            formatter=self.formatter,
            secrets=self.workspace.secrets,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._settings_saved)
        dialog.load()
        dialog.open()
        self.settings_dialog = dialog

    def _settings_saved(self, config: Config) -> None:
        self.workspace.config = config
        self.show_message(tr("Settings saved."))
        if config.app.language is not None:
            self.set_language(config.app.language)

    def show_audit(self) -> None:
        from econdesk.qt.audit_dialog import AuditDialog  # start-up: loaded when first opened

        dialog = AuditDialog(self.workspace.db, self.tasks, self.formatter, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.load()
        dialog.show()
        self.audit_dialog = dialog

    def show_period(self) -> None:
        """Sign off, approve or reopen the shown month (a dialog over the period service)."""
        from econdesk.qt.period_dialog import PeriodDialog  # start-up: loaded when first opened

        start = self.period_bar.period.start
        dialog = PeriodDialog(
            f"{start:%Y-%m}", lambda: self.workspace.services().periods(), self.tasks, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(lambda _s: self.reload())
        dialog.load()
        dialog.open()
        self.period_dialog = dialog

    def show_rollforward(self) -> None:
        self.operations.rollforward(self.period_bar.period)

    def reverse_posted(self) -> None:
        self.operations.reverse(self.proposals.current_object())

    def preview_voucher(self) -> None:
        self.operations.preview(self.proposals.current_object())

    def sync(self) -> None:
        self.operations.sync(self.period_bar.period)

    def match(self, then: Callable[[], None] | None = None) -> None:
        self.operations.match(then)

    def export_report(self) -> None:
        period = self.period_bar.period
        suggested = f"econdesk-{period.start.isoformat()}-{period.end.isoformat()}.xlsx"
        path, _filter = QFileDialog.getSaveFileName(
            self, tr("Reconciliation report"), suggested, tr("Excel workbook (*.xlsx)")
        )
        if path:
            self.operations.export(period, Path(path))

    def post_approved(self) -> None:
        approved = [
            m
            for m in self.match_model.rows
            if m.state is MatchState.APPROVED and self._in_source(m)
        ]
        self.operations.post(approved)

    # -- messages ----------------------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def show_failure(self, title: str, failure: Failure) -> None:
        self.show_message(title)
        show_error(self, title, failure)

    # -- language --------------------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        self.apply_formatter(i18n.install_language(language))
        ui_settings().setValue("language", language)

    def apply_formatter(self, formatter: Formatter) -> None:
        self.formatter = formatter
        for model in (self.bank_model, self.lines_model, self.match_model):
            model.set_formatter(formatter)
        for widget in (self.state_filter, self.explanation, self.manual_bar):
            widget.set_formatter(formatter)
        self.operations.formatter = formatter
        if self.dashboard is not None:
            self.dashboard.set_formatter(formatter)
        if self.rules_view is not None:
            self.rules_view.set_formatter(formatter)
        self.period_bar.set_date_format(formatter.date_pattern)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("econdesk – reconciliation"))
        self._retranslate_actions()
        self.privacy.retranslate()
        self._retranslate_menus_and_pages()
        for widget in (
            self.period_bar,
            self.explanation,
            self.manual_bar,
            self.lines_panel,
            self.bank_panel,
        ):
            widget.retranslate()
        self.state_filter.refresh()

    def _retranslate_actions(self) -> None:
        names = {
            **self._review_action_texts(),
            **self._line_action_texts(),
            **self._file_action_texts(),
            **self._view_action_texts(),
        }
        for name, (text, tip) in names.items():
            action = self.actions_by_name[name]
            action.setText(text)
            action.setToolTip(tip)
            action.setStatusTip(tip)

    @staticmethod
    def _review_action_texts() -> dict[str, tuple[str, str]]:
        """Text and tip of the Review menu's actions: deciding and moving between proposals."""
        return {
            "approve": (tr("&Approve"), tr("Approve the selected proposals (A)")),
            "reject": (tr("&Reject"), tr("Reject: the lines become open again (R)")),
            "park": (tr("&Park"), tr("Park for later (P)")),
            "reopen": (tr("Re&open"), tr("Back to proposed (O)")),
            "approveNext": (
                tr("Approve and &go on"),
                tr("Approve, then on to the next undecided proposal (Space)"),
            ),
            "next": (tr("&Next"), tr("Next proposal (J or Down)")),
            "previous": (tr("P&revious"), tr("Previous proposal (K or Up)")),
            "correct": (tr("&Correct…"), tr("Change which lines the proposal holds (C)")),
            "preview": (tr("&Voucher preview"), tr("The voucher this match will post (V)")),
            "reverse": (
                tr("Re&verse posted voucher…"),
                tr("Post a voucher reversing this posted match's; it becomes proposed again"),
            ),
            "undo": (tr("&Undo"), tr("Undo the last decision (Ctrl+Z)")),
            "approveAuto": (
                tr("Approve all &auto"),
                tr("Approve every proposal marked safe (Ctrl+Shift+A)"),
            ),
        }

    @staticmethod
    def _line_action_texts() -> dict[str, tuple[str, str]]:
        """Text and tip of the actions on the selected lines (the line tables' own actions)."""
        return {
            "matchSelected": (tr("&Match selected"), tr("Match the selected lines by hand (M)")),
            "setAside": (
                tr("&Not platform money…"),
                tr("Set the selected bank lines aside: rent, wages, tax… (N)"),
            ),
            "release": (
                tr("Back to &open"),
                tr("The selected lines set aside are open again (Shift+N)"),
            ),
        }

    @staticmethod
    def _file_action_texts() -> dict[str, tuple[str, str]]:
        """Text and tip of the File menu's actions: fetching, posting, reports, the app."""
        return {
            "reload": (tr("Re&load"), tr("Load the period again (F5)")),
            "sync": (
                tr("&Fetch"),
                tr("Fetch new bank entries and platform transactions (Ctrl+Shift+F)"),
            ),
            "match": (tr("&Match"), tr("Propose matches for everything open (Ctrl+Shift+M)")),
            "post": (tr("&Post…"), tr("Post the approved matches to e-conomic (Ctrl+Shift+P)")),
            "export": (tr("&Report…"), tr("Write the reconciliation report workbook (Ctrl+E)")),
            "signOff": (
                tr("Sign &off period…"),
                tr("Sign off, approve or reopen the month: a signed-off month is locked"),
            ),
            "settings": (tr("&Settings…"), tr("Connections, mappings, matching and the database")),
            "audit": (
                tr("&Audit log…"),
                tr("Every change, and a check that none was tampered with"),
            ),
            "quit": (tr("&Quit"), tr("Quit econdesk")),
        }

    @staticmethod
    def _view_action_texts() -> dict[str, tuple[str, str]]:
        """Text and tip of the View menu's actions: searching and the pages."""
        return {
            "find": (tr("&Find"), tr("Search (Ctrl+F)")),
            "dashboard": (tr("&Dashboard"), tr("The period's platform money at a glance (Ctrl+D)")),
            "review": (tr("Re&view"), tr("The proposals and the lines (Ctrl+1)")),
            "rules": (
                tr("R&ules…"),
                tr("Rules for the bank lines that are not platform money (Ctrl+3)"),
            ),
            "rollforward": (
                tr("&Clearing roll-forward…"),
                tr("Each clearing account's balance: what moved it and what is left on it"),
            ),
        }

    def _retranslate_menus_and_pages(self) -> None:
        self.file_menu.setTitle(tr("&File"))
        self.review_menu.setTitle(tr("&Review"))
        self.view_menu.setTitle(tr("&View"))
        self.language_menu.setTitle(tr("&Language"))
        for index, title in enumerate((tr("Review"), tr("Dashboard"), tr("Rules"))):
            self.pages.setTabText(index, title)
        current = i18n.current_language()
        for code, action in self.language_actions.items():
            action.setChecked(code == current)

    # -- lifetime ------------------------------------------------------------------------------
    def _lookup_line(self, ref: str) -> BankEntry | PlatformLine | None:
        return self.bank_model.get(ref) or self.lines_model.get(ref)

    def _restore_geometry(self) -> None:
        geometry = ui_settings().value("mainWindow/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        ui_settings().setValue("mainWindow/geometry", self.saveGeometry())
        self.live.stop()
        self.tasks.shutdown(wait=True)  # a decision being saved is never cut off
        super().closeEvent(event)
