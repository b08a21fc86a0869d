"""Translatable names for the domain's enums (match states, methods, item kinds)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from econdesk.domain.model import (
    BankEntryOrigin,
    ExplanationTerm,
    ItemKind,
    MatchMethod,
    MatchState,
)
from econdesk.i18n.explain import render
from econdesk.qt.i18n import QT_TRANSLATE_NOOP

# The text is marked for lupdate here and translated when shown (context "Labels").
STATE_TEXT: dict[MatchState, str] = {
    MatchState.PROPOSED: QT_TRANSLATE_NOOP("Labels", "Proposed"),
    MatchState.APPROVED: QT_TRANSLATE_NOOP("Labels", "Approved"),
    MatchState.REJECTED: QT_TRANSLATE_NOOP("Labels", "Rejected"),
    MatchState.PARKED: QT_TRANSLATE_NOOP("Labels", "Parked"),
    MatchState.POSTED: QT_TRANSLATE_NOOP("Labels", "Posted"),
    MatchState.WITHDRAWN: QT_TRANSLATE_NOOP("Labels", "Withdrawn"),
}
AUTO_TEXT = QT_TRANSLATE_NOOP("Labels", "Auto")
OPEN_TEXT = QT_TRANSLATE_NOOP("Labels", "Open")

METHOD_TEXT: dict[MatchMethod, str] = {
    MatchMethod.REFERENCE: QT_TRANSLATE_NOOP("Labels", "Reference"),
    MatchMethod.PAYOUT: QT_TRANSLATE_NOOP("Labels", "Payout"),
    MatchMethod.ONE_TO_ONE: QT_TRANSLATE_NOOP("Labels", "One to one"),
    MatchMethod.SUBSET: QT_TRANSLATE_NOOP("Labels", "Sum of items"),
    MatchMethod.LEARNED: QT_TRANSLATE_NOOP("Labels", "Learned"),
    MatchMethod.MANUAL: QT_TRANSLATE_NOOP("Labels", "Manual"),
}

KIND_TEXT: dict[ItemKind, str] = {
    ItemKind.PAYMENT: QT_TRANSLATE_NOOP("Labels", "Payment"),
    ItemKind.REFUND: QT_TRANSLATE_NOOP("Labels", "Refund"),
    ItemKind.CHARGEBACK: QT_TRANSLATE_NOOP("Labels", "Chargeback"),
    ItemKind.FEE: QT_TRANSLATE_NOOP("Labels", "Fee"),
    ItemKind.ADJUSTMENT: QT_TRANSLATE_NOOP("Labels", "Adjustment"),
    ItemKind.INVOICE: QT_TRANSLATE_NOOP("Labels", "Open invoice"),
}

ORIGIN_TEXT: dict[BankEntryOrigin, str] = {
    BankEntryOrigin.BOOKED: QT_TRANSLATE_NOOP("Labels", "Booked"),
    BankEntryOrigin.DRAFT: QT_TRANSLATE_NOOP("Labels", "Daybook"),
    BankEntryOrigin.FILE: QT_TRANSLATE_NOOP("Labels", "Bank file"),
}

# The matcher's explanation terms (their details: term_detail below).
TERM_TEXT: dict[str, str] = {
    "reference": QT_TRANSLATE_NOOP("Labels", "Reference"),
    "amount": QT_TRANSLATE_NOOP("Labels", "Amount"),
    "date": QT_TRANSLATE_NOOP("Labels", "Date"),
    "name": QT_TRANSLATE_NOOP("Labels", "Name"),
    "descriptor": QT_TRANSLATE_NOOP("Labels", "Descriptor"),
    "sequence": QT_TRANSLATE_NOOP("Labels", "Sequence"),
    "fee": QT_TRANSLATE_NOOP("Labels", "Fee"),
    "unique": QT_TRANSLATE_NOOP("Labels", "Unique"),
    "search": QT_TRANSLATE_NOOP("Labels", "Search"),
    "learned": QT_TRANSLATE_NOOP("Labels", "Learned"),
    "manual": QT_TRANSLATE_NOOP("Labels", "Manual"),
    "breakdown": QT_TRANSLATE_NOOP("Labels", "Breakdown"),
    "ambiguous": QT_TRANSLATE_NOOP("Labels", "Ambiguous"),
}


def translated(text: str) -> str:
    """A text marked above, in the current language."""
    return QCoreApplication.translate("Labels", text)


def state_label(state: MatchState | None, auto: bool = False) -> str:
    if state is None:
        return translated(OPEN_TEXT)
    if state is MatchState.PROPOSED and auto:
        return translated(AUTO_TEXT)
    return translated(STATE_TEXT[state])


def method_label(method: MatchMethod) -> str:
    return translated(METHOD_TEXT[method])


def kind_label(kind: ItemKind) -> str:
    return translated(KIND_TEXT[kind])


def origin_label(origin: BankEntryOrigin) -> str:
    return translated(ORIGIN_TEXT[origin])


def term_label(term: str) -> str:
    known = TERM_TEXT.get(term)
    return translated(known) if known is not None else term.capitalize()


def term_detail(term: ExplanationTerm) -> str:
    """What the term found, in the app's language (a term stored without data: as written)."""
    from econdesk.qt.i18n import current_language

    return render(term, current_language())


def rule_label(label: str) -> str:
    """A rule's label (rent, wages...) in the current language; one the user typed as typed."""
    from econdesk.i18n.rule_labels import CONTEXT, NAMES

    source = NAMES.get(label)
    return QCoreApplication.translate(CONTEXT, source) if source else label


def action_label(action: str) -> str:
    """An audit event's action ("match.reversed") as its reader names it, in the current
    language; an action without a label is shown as its code."""
    from econdesk.i18n.actions import CONTEXT, action_text

    return QCoreApplication.translate(CONTEXT, action_text(action))
