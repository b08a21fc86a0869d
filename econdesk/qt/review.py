"""What the bookkeeper does to proposals: decide, undo, match by hand, correct.

Every change runs on the database worker; the result comes back as updated Match objects that
the window folds into its models. The cursor stays on the row the bookkeeper was on: if the
decided match leaves the current filter, the next one slides into that row and is selected.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from econdesk.domain.model import Match, MatchState
from econdesk.qt.i18n import tr
from econdesk.qt.labels import state_label
from econdesk.qt.tasks import Failure, TaskManager
from econdesk.qt.widgets.data_table import DataTable
from econdesk.qt.workspace import Workspace

UNDO_DEPTH = 100


VERB = {
    MatchState.APPROVED: "Approved",
    MatchState.REJECTED: "Rejected",
    MatchState.PARKED: "Parked",
    MatchState.PROPOSED: "Reopened",
}


@dataclass(frozen=True)
class UndoStep:
    label: str
    before: tuple[Match, ...]  # the matches as they were; undo brings each back to its state
    created: tuple[str, ...] = ()  # match ids a manual match created (undo rejects them)
    revised: tuple[Match, ...] = ()  # proposals as they were before a correction (undo restores)


class ReviewController(QObject):
    """Decisions on the proposals table; `changed` carries the updated matches."""

    changed = Signal(list)  # list[Match]
    message = Signal(str)
    failed = Signal(str, object)  # title, Failure

    def __init__(
        self,
        workspace: Workspace,
        tasks: TaskManager,
        proposals: DataTable[Match],
        lookup: Callable[[str], Match | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.tasks = tasks
        self.proposals = proposals
        self.lookup = lookup  # the newest version of a match, by id
        self.undo_stack: list[UndoStep] = []
        self.pending: set[str] = set()

    # -- decisions --------------------------------------------------------------------------
    def targets(self) -> list[Match]:
        chosen = self.proposals.selected_objects()
        current = self.proposals.current_object()
        if not chosen and current is not None:
            chosen = [current]
        return [m for m in chosen if m.id not in self.pending]

    def decide(self, to: MatchState, *, advance: bool = False) -> None:
        """Decide on the selection (or the current row); with `advance` the cursor goes on at
        once to the next proposal nobody has decided on, so a bookkeeper can walk the month
        one key per match while the decisions are saved behind."""
        targets = self.targets()
        allowed = [m for m in targets if m.can_become(to)]
        if not allowed:
            if targets:
                m = targets[0]
                self.message.emit(
                    tr("{0} is {1} and cannot be {2}.").format(
                        m.id, state_label(m.state).lower(), state_label(to).lower()
                    )
                )
            return
        self._submit(allowed, to, tr(VERB[to]))
        if advance:
            self._to_next_undecided()

    def approve_auto(self, matches: Sequence[Match]) -> None:
        """Approve exactly the proposals the matcher marked safe (among those given)."""
        auto = [
            m
            for m in matches
            if m.state is MatchState.PROPOSED and m.auto and m.id not in self.pending
        ]
        if not auto:
            self.message.emit(tr("No auto-approvable proposals here."))
            return
        self._submit(auto, MatchState.APPROVED, tr("Approved automatically"), keep_selection=True)

    def _submit(
        self, matches: list[Match], to: MatchState, verb: str, keep_selection: bool = False
    ) -> None:
        row = self.proposals.currentIndex().row()
        ids = {m.id for m in matches}
        self.pending |= ids

        def done(updated: list[Match]) -> None:
            self.pending -= ids
            self._push(UndoStep(verb, tuple(matches)))
            self._apply(updated, row)
            names = ", ".join(m.id for m in updated[:3]) + ("…" if len(updated) > 3 else "")
            self.message.emit(tr("{0}: {1}  (Ctrl+Z undoes)").format(verb, names))

        def failed(failure: Failure) -> None:
            self.pending -= ids
            self.failed.emit(tr("Could not save the decision"), failure)

        self.tasks.run(
            lambda: self.workspace.decide_many(matches, to), success=done, failure=failed
        )

    # -- undo -------------------------------------------------------------------------------
    def undo(self) -> None:
        if not self.undo_stack:
            self.message.emit(tr("Nothing to undo."))
            return
        step = self.undo_stack.pop()
        now = [self.lookup(m.id) or m for m in step.before]
        row = self.proposals.currentIndex().row()

        def work() -> list[Match]:
            restored = [
                self.workspace.restore(cur, old.state)
                for cur, old in zip(now, step.before, strict=True)
            ]
            for match_id in step.created:
                created = self.lookup(match_id)
                if created is not None:
                    restored.append(self.workspace.restore(created, MatchState.REJECTED))
            for old in step.revised:
                restored.append(self.workspace.unrevise(self.lookup(old.id) or old, old))
            return restored

        def done(updated: list[Match]) -> None:
            self._apply(updated, row)
            if step.before or step.revised:
                self.proposals.select_ref((*step.before, *step.revised)[0].id)
            self.message.emit(tr("Undone: {0}").format(step.label))

        def failed(failure: Failure) -> None:
            self.failed.emit(tr("Could not undo"), failure)

        self.tasks.run(work, success=done, failure=failed)

    def _push(self, step: UndoStep) -> None:
        self.undo_stack.append(step)
        del self.undo_stack[:-UNDO_DEPTH]

    # -- manual match and correction -------------------------------------------------------------
    def match_by_hand(
        self, bank_refs: list[str], line_refs: list[str], done: Callable[[Match], None]
    ) -> None:
        def finished(match: Match) -> None:
            self._push(UndoStep(tr("Manual match"), (), (match.id,)))
            self._apply([match], self.proposals.currentIndex().row())
            self.message.emit(tr("Matched by hand as {0} (approved).").format(match.id))
            done(match)

        def failed(failure: Failure) -> None:
            self.failed.emit(tr("Could not match the selected lines"), failure)

        self.tasks.run(
            lambda: self.workspace.create_manual(bank_refs, line_refs),
            success=finished,
            failure=failed,
        )

    def correct(
        self,
        match: Match,
        bank_refs: list[str],
        line_refs: list[str],
        done: Callable[[Match], None],
    ) -> None:
        def finished(updated: Match) -> None:
            self._push(UndoStep(tr("Correction"), (), revised=(match,)))
            self._apply([updated], self.proposals.currentIndex().row())
            self.proposals.select_ref(updated.id)
            self.message.emit(tr("Corrected {0}.  (Ctrl+Z undoes)").format(updated.id))
            done(updated)

        def failed(failure: Failure) -> None:
            self.failed.emit(tr("Could not save the correction"), failure)

        self.tasks.run(
            lambda: self.workspace.revise(match, bank_refs, line_refs),
            success=finished,
            failure=failed,
        )

    # -- cursor ---------------------------------------------------------------------------------
    def _apply(self, updated: list[Match], row: int) -> None:
        """Fold in the results; if the row under the cursor left the filter, take the next."""
        current = self.proposals.current_object()
        self.changed.emit(updated)
        if row < 0:
            return
        still_shown = current is not None and self.proposals.shows(current.id)
        if not still_shown or not self.proposals.currentIndex().isValid():
            # Qt moves the cursor up when its row goes; the bookkeeper expects the next one.
            self.proposals.select_row(row)

    def _to_next_undecided(self) -> None:
        """The next proposed match below the cursor (else above it) not being saved now."""
        shown = self.proposals.proxy.row_objects()
        row = self.proposals.currentIndex().row()
        order = [*range(row + 1, len(shown)), *range(0, max(row, 0))]
        for candidate in order:
            match = shown[candidate]
            if match.state is MatchState.PROPOSED and match.id not in self.pending:
                self.proposals.select_row(candidate)
                return
        self.message.emit(tr("Every proposal here is decided."))

    def step(self, delta: int) -> None:
        row = self.proposals.currentIndex().row()
        self.proposals.select_row(0 if row < 0 else row + delta)
