"""The rules page of the main window: the rules for the bank lines that are not platform money,
how many lines each caught, and the rules the bookkeeper's own repeated decisions suggest.

Add (Insert), change (Enter) and remove (Delete) run on the database worker through the
Workspace (the rules service: applied at once, audited); `changed` then tells the window to
load the period again, so the review and the dashboard show what the rules set aside.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from econdesk.domain.rules import BankRule, Suggestion
from econdesk.qt.formatting import Formatter
from econdesk.qt.i18n import QT_TRANSLATE_NOOP, tr
from econdesk.qt.labels import rule_label
from econdesk.qt.models.table import RIGHT, Column, RowTableModel
from econdesk.qt.rule_dialog import RuleDialog, describe
from econdesk.qt.tasks import Failure, TaskManager
from econdesk.qt.widgets.data_table import DataTable
from econdesk.qt.workspace import Workspace
from econdesk.services.rules import RuleCount

RULE_COLUMNS: list[Column[RuleCount]] = [
    Column(
        QT_TRANSLATE_NOOP("Columns", "Label"),
        lambda r, _f: rule_label(r.rule.label),
        lambda r: r.rule.label,
        width=200,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Conditions"),
        lambda r, f: describe(r.rule, f),
        lambda r: r.rule.describe(),
        stretch=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Lines caught"),
        lambda r, _f: str(r.caught),
        lambda r: r.caught,
        align=RIGHT,
        width=110,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Note"),
        lambda r, _f: r.rule.note,
        lambda r: r.rule.note,
        width=180,
    ),
]

SUGGESTION_COLUMNS: list[Column[Suggestion]] = [
    Column(
        QT_TRANSLATE_NOOP("Columns", "Label"),
        lambda s, _f: rule_label(s.rule.label),
        lambda s: s.rule.label,
        width=200,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Conditions"),
        lambda s, f: describe(s.rule, f),
        lambda s: s.rule.describe(),
        stretch=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Your decisions"),
        lambda s, _f: str(len(s.evidence)),
        lambda s: len(s.evidence),
        align=RIGHT,
        width=110,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Would catch"),
        lambda s, _f: str(s.would_catch),
        lambda s: s.would_catch,
        align=RIGHT,
        width=110,
    ),
]


def _rule_ref(r: RuleCount) -> str:
    return str(r.rule.id)


def _suggestion_ref(s: Suggestion) -> str:
    return f"{s.rule.label}|{s.rule.describe()}"


class RulesView(QWidget):
    changed = Signal()  # a rule was added, changed or removed: the period's lines changed
    message = Signal(str)
    failed = Signal(str, object)  # title, Failure

    def __init__(
        self,
        workspace: Workspace,
        tasks: TaskManager,
        formatter: Formatter | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rulesView")
        self.workspace = workspace
        self.tasks = tasks
        self.formatter = formatter or Formatter()
        self.loaded = False
        self.editor: RuleDialog | None = None
        self.model = RowTableModel[RuleCount](
            RULE_COLUMNS, _rule_ref, lambda r: r.rule.describe(), self.formatter, self
        )
        self.table = DataTable(self.model, self)
        self.table.setObjectName("rules")
        self.table.setSelectionMode(DataTable.SelectionMode.SingleSelection)
        self.suggested = RowTableModel[Suggestion](
            SUGGESTION_COLUMNS, _suggestion_ref, _suggestion_ref, self.formatter, self
        )
        self.suggestions = DataTable(self.suggested, self)
        self.suggestions.setObjectName("suggestions")
        self.suggestions.setSelectionMode(DataTable.SelectionMode.SingleSelection)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.add_button = QPushButton(self)
        self.edit_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.adopt_button = QPushButton(self)
        self.add_button.clicked.connect(lambda _checked=False: self.add())
        self.edit_button.clicked.connect(self.edit)
        self.remove_button.clicked.connect(self.remove)
        self.adopt_button.clicked.connect(self.adopt)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.suggestions.doubleClicked.connect(lambda _i: self.adopt())
        self._keys()
        self.suggestion_box = QGroupBox(self)
        box = QVBoxLayout(self.suggestion_box)
        box.addWidget(self.suggestions)
        box.addWidget(self.adopt_button, 0, Qt.AlignmentFlag.AlignLeft)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 3)
        layout.addLayout(buttons)
        layout.addWidget(self.suggestion_box, 2)
        self.retranslate()

    def _keys(self) -> None:
        """Insert adds, Enter changes, Delete removes; Enter on a suggestion adopts it."""
        for widget, key, slot in (
            (self.table, Qt.Key.Key_Return, self.edit),
            (self.table, Qt.Key.Key_Delete, self.remove),
            (self, Qt.Key.Key_Insert, self.add),
            (self.suggestions, Qt.Key.Key_Return, self.adopt),
        ):
            action = QAction(widget)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _c=False, s=slot: s())
            widget.addAction(action)

    def retranslate(self) -> None:
        self.intro.setText(
            tr(
                "Bank lines a rule catches are not platform money (rent, wages, tax…): they "
                "leave the review queue and the dashboard counts them apart. Rules apply at "
                "once and at every match run."
            )
        )
        self.add_button.setText(tr("&Add rule… (Insert)"))
        self.edit_button.setText(tr("&Change… (Enter)"))
        self.remove_button.setText(tr("Re&move (Delete)"))
        self.adopt_button.setText(tr("Add the &suggested rule…"))
        self.suggestion_box.setTitle(tr("Suggested from your own repeated decisions"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_formatter(self, formatter: Formatter) -> None:
        self.formatter = formatter
        self.model.set_formatter(formatter)
        self.suggested.set_formatter(formatter)

    # -- loading -------------------------------------------------------------------------------
    def load(self) -> None:
        def show(found: tuple[list[RuleCount], list[Suggestion]]) -> None:
            keep = self.table.current_object()
            self.model.set_rows(found[0])
            self.suggested.set_rows(found[1])
            if keep is None or not self.table.select_ref(_rule_ref(keep)):
                self.table.select_row(0)
            self.loaded = True

        self.tasks.run(
            self.workspace.rules,
            success=show,
            failure=lambda f: self.failed.emit(tr("Could not load the rules"), f),
        )

    # -- changes -------------------------------------------------------------------------------
    def add(self, rule: BankRule | None = None) -> None:
        self._edit(rule, adding=True)

    def edit(self) -> None:
        current = self.table.current_object()
        if current is None:
            self.message.emit(tr("Select a rule to change."))
            return
        self._edit(current.rule, adding=False)

    def adopt(self) -> None:
        current = self.suggestions.current_object()
        if current is None:
            self.message.emit(tr("No suggestion selected."))
            return
        self._edit(current.rule, adding=True)

    def _edit(self, rule: BankRule | None, *, adding: bool) -> None:
        dialog = RuleDialog(rule, self.workspace.config.economic.currency, self.formatter, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.editor = dialog

        def done() -> None:
            chosen = dialog.result_rule
            if chosen is None:
                return
            if adding:
                self._save(lambda: self.workspace.add_rule(chosen), tr("Rule added"))
            else:
                self._save(lambda: self.workspace.change_rule(chosen), tr("Rule changed"))

        dialog.accepted.connect(done)
        dialog.open()

    def remove(self) -> None:
        current = self.table.current_object()
        if current is None:
            self.message.emit(tr("Select a rule to remove."))
            return
        asked = QMessageBox.question(
            self,
            tr("Remove rule"),
            tr("Remove the rule for {0}? Its {1} lines go back to the review.").format(
                rule_label(current.rule.label), current.caught
            ),
        )
        if asked == QMessageBox.StandardButton.Yes:
            rule_id = current.rule.id
            self._save(lambda: self.workspace.remove_rule(rule_id), tr("Rule removed"))

    def _save(self, work: Callable[[], RuleCount], verb: str) -> None:
        def saved(count: RuleCount) -> None:
            self.message.emit(
                tr("{0}: {1}, {2} lines").format(verb, rule_label(count.rule.label), count.caught)
            )
            self.load()
            self.changed.emit()

        def failed(failure: Failure) -> None:
            self.failed.emit(tr("Could not save the rule"), failure)

        self.tasks.run(work, success=saved, failure=failed)
