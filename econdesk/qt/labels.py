"""Translatable names for the domain's enums (match states, methods, item kinds)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from econdesk.domain.model import BankEntryOrigin, ItemKind, MatchMethod, MatchState

# The text is marked for lupdate here and translated when shown (context "Labels").
STATE_TEXT: dict[MatchState, str] = {
    MatchState.PROPOSED: QT_TRANSLATE_NOOP("Labels", "Proposed"),
    MatchState.APPROVED: QT_TRANSLATE_NOOP("Labels", "Approved"),
    MatchState.REJECTED: QT_TRANSLATE_NOOP("Labels", "Rejected"),
    MatchState.PARKED: QT_TRANSLATE_NOOP("Labels", "Parked"),
    MatchState.POSTED: QT_TRANSLATE_NOOP("Labels", "Posted"),
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
}

ORIGIN_TEXT: dict[BankEntryOrigin, str] = {
    BankEntryOrigin.BOOKED: QT_TRANSLATE_NOOP("Labels", "Booked"),
    BankEntryOrigin.DRAFT: QT_TRANSLATE_NOOP("Labels", "Daybook"),
    BankEntryOrigin.FILE: QT_TRANSLATE_NOOP("Labels", "Bank file"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def state_label(state: MatchState | None, auto: bool = False) -> str:
    if state is None:
        return tr(OPEN_TEXT)
    if state is MatchState.PROPOSED and auto:
        return tr(AUTO_TEXT)
    return tr(STATE_TEXT[state])


def method_label(method: MatchMethod) -> str:
    return tr(METHOD_TEXT[method])


def kind_label(kind: ItemKind) -> str:
    return tr(KIND_TEXT[kind])


def origin_label(origin: BankEntryOrigin) -> str:
    return tr(ORIGIN_TEXT[origin])
