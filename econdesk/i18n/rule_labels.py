"""The rule labels' names in the user's language (econdesk.domain.rules.LABELS).

A label the bookkeeper typed (not one of the offered keys) is shown as typed.
"""

from __future__ import annotations

from econdesk.i18n import QT_TRANSLATE_NOOP, catalogue

CONTEXT = "RuleLabel"

NAMES = {
    "rent": QT_TRANSLATE_NOOP("RuleLabel", "Rent"),
    "wages": QT_TRANSLATE_NOOP("RuleLabel", "Wages"),
    "tax": QT_TRANSLATE_NOOP("RuleLabel", "Tax"),
    "vat": QT_TRANSLATE_NOOP("RuleLabel", "VAT"),
    "bank_fees": QT_TRANSLATE_NOOP("RuleLabel", "Bank fees"),
    "supplier": QT_TRANSLATE_NOOP("RuleLabel", "Supplier"),
    "transfer": QT_TRANSLATE_NOOP("RuleLabel", "Own transfer"),
    "loan": QT_TRANSLATE_NOOP("RuleLabel", "Loan"),
    "other": QT_TRANSLATE_NOOP("RuleLabel", "Other, not platform money"),
}


def label_name(label: str, language: str) -> str:
    source = NAMES.get(label)
    return catalogue(language).translate(CONTEXT, source) if source else label
