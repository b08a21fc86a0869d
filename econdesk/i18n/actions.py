"""The audit log's actions as a reader names them, for the report and the app.

An event's action is a stable code ("match.approved"); auditors and bookkeepers read the label
in their language. An action without a label here is shown as its code.
"""

from __future__ import annotations

from typing import Final

from econdesk.i18n import QT_TRANSLATE_NOOP

CONTEXT = "Audit"

ACTION_TEXT: Final = {
    "match.created": QT_TRANSLATE_NOOP("Audit", "match proposed"),
    "match.proposed": QT_TRANSLATE_NOOP("Audit", "match back to proposed"),
    "match.approved": QT_TRANSLATE_NOOP("Audit", "match approved"),
    "match.rejected": QT_TRANSLATE_NOOP("Audit", "match rejected"),
    "match.parked": QT_TRANSLATE_NOOP("Audit", "match parked"),
    "match.posted": QT_TRANSLATE_NOOP("Audit", "match posted"),
    "match.withdrawn": QT_TRANSLATE_NOOP("Audit", "match withdrawn"),
    "match.reversed": QT_TRANSLATE_NOOP("Audit", "match's voucher reversed"),
    "match.revised": QT_TRANSLATE_NOOP("Audit", "match revised"),
    "match.ref_replaced": QT_TRANSLATE_NOOP("Audit", "match's bank entry replaced"),
    "match.run": QT_TRANSLATE_NOOP("Audit", "matching run"),
    "posting.built": QT_TRANSLATE_NOOP("Audit", "voucher built"),
    "posting.claimed": QT_TRANSLATE_NOOP("Audit", "voucher claimed for posting"),
    "posting.sent": QT_TRANSLATE_NOOP("Audit", "voucher sent"),
    "posting.posted": QT_TRANSLATE_NOOP("Audit", "voucher posted"),
    "posting.recovered": QT_TRANSLATE_NOOP("Audit", "voucher found after an interruption"),
    "posting.in_doubt": QT_TRANSLATE_NOOP("Audit", "voucher in doubt"),
    "posting.failed": QT_TRANSLATE_NOOP("Audit", "voucher not posted"),
    "posting.refused": QT_TRANSLATE_NOOP("Audit", "voucher refused"),
    "posting.split": QT_TRANSLATE_NOOP("Audit", "voucher split"),
    "posting.booked": QT_TRANSLATE_NOOP("Audit", "draft entries booked"),
    "posting.book_failed": QT_TRANSLATE_NOOP("Audit", "booking draft entries failed"),
    "reversal.built": QT_TRANSLATE_NOOP("Audit", "reversal voucher built"),
    "bilag.attached": QT_TRANSLATE_NOOP("Audit", "bilag attached"),
    "bilag.failed": QT_TRANSLATE_NOOP("Audit", "bilag not attached"),
    "period.signed_off": QT_TRANSLATE_NOOP("Audit", "period signed off"),
    "period.approved": QT_TRANSLATE_NOOP("Audit", "period sign-off approved"),
    "period.reopened": QT_TRANSLATE_NOOP("Audit", "period reopened"),
    "bank_entry.changed": QT_TRANSLATE_NOOP("Audit", "bank entry changed"),
    "bank_entry.booked": QT_TRANSLATE_NOOP("Audit", "draft bank entry booked"),
    "bank_entry.gone": QT_TRANSLATE_NOOP("Audit", "draft bank entry gone"),
    "bank_entry.double_match": QT_TRANSLATE_NOOP("Audit", "bank entry in two matches"),
    "platform_item.changed": QT_TRANSLATE_NOOP("Audit", "platform item changed"),
    "payout.changed": QT_TRANSLATE_NOOP("Audit", "payout changed"),
    "sync.stored": QT_TRANSLATE_NOOP("Audit", "sync stored"),
    "sync.done": QT_TRANSLATE_NOOP("Audit", "sync done"),
    "mappings.saved": QT_TRANSLATE_NOOP("Audit", "accounts and mappings saved"),
    "privacy.purged": QT_TRANSLATE_NOOP("Audit", "personal data pseudonymised"),
}


def action_text(action: str) -> str:
    """The action's English label (translate it in the "Audit" context), else its code."""
    return ACTION_TEXT.get(action, action)
