"""The rule labels' names, and what is wrong with a rule, in the user's language
(econdesk.domain.rules: LABELS, RuleError.problem).

A label the bookkeeper typed (not one of the offered keys) is shown as typed.
"""

from __future__ import annotations

from collections.abc import Callable

from econdesk.domain.money import Money
from econdesk.domain.rules import BankRule, RuleError, Sign
from econdesk.i18n import QT_TRANSLATE_NOOP, catalogue, formats

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


# RuleError.problem -> its text ("CLI" context: the command line says them too).
PROBLEMS = {
    "label": QT_TRANSLATE_NOOP("CLI", "label: give a label of 1 to {0} characters"),
    "condition": QT_TRANSLATE_NOOP(
        "CLI", "a rule needs a text, a pattern, a counterparty or an amount range to go by"
    ),
    "pattern": QT_TRANSLATE_NOOP("CLI", "pattern {0!r}: {1}"),
    "minimum": QT_TRANSLATE_NOOP("CLI", "minimum: the amount range is of sizes; give {0}"),
    "maximum": QT_TRANSLATE_NOOP("CLI", "maximum: the amount range is of sizes; give {0}"),
    "currencies": QT_TRANSLATE_NOOP("CLI", "minimum and maximum must be in one currency"),
    "order": QT_TRANSLATE_NOOP("CLI", "minimum {0} is above maximum {1}"),
}


def problem_source(error: RuleError) -> str:
    """The catalogue text for what is wrong with a rule ({0}... filled with error.values)."""
    return PROBLEMS.get(error.problem, str(error))


def label_name(label: str, language: str) -> str:
    source = NAMES.get(label)
    return catalogue(language).translate(CONTEXT, source) if source else label


CONDITIONS = {
    "contains": QT_TRANSLATE_NOOP("RuleLabel", "text contains “{0}”"),
    "pattern": QT_TRANSLATE_NOOP("RuleLabel", "text matches /{0}/"),
    "counterparty": QT_TRANSLATE_NOOP("RuleLabel", "counterparty “{0}”"),
    "range": QT_TRANSLATE_NOOP("RuleLabel", "amount {0} – {1}"),
    "minimum": QT_TRANSLATE_NOOP("RuleLabel", "amount at least {0}"),
    "maximum": QT_TRANSLATE_NOOP("RuleLabel", "amount at most {0}"),
    Sign.IN.value: QT_TRANSLATE_NOOP("RuleLabel", "money in"),
    Sign.OUT.value: QT_TRANSLATE_NOOP("RuleLabel", "money out"),
}


def describe(rule: BankRule, language: str, money: Callable[[Money], str] | None = None) -> str:
    """The rule's conditions in `language`; amounts as `money` writes them (else with the
    currency code in the language's number format)."""
    show = money or (lambda m: formats.money_with_code(m, language))

    def said(key: str, *values: object) -> str:
        return catalogue(language).translate(CONTEXT, CONDITIONS[key]).format(*values)

    parts = [
        said(key, value)
        for key, value in (
            ("contains", rule.contains),
            ("pattern", rule.pattern),
            ("counterparty", rule.counterparty),
        )
        if value
    ]
    low, high = rule.minimum, rule.maximum
    if low is not None and high is not None:
        parts.append(said("range", show(low), show(high)))
    elif low is not None:
        parts.append(said("minimum", show(low)))
    elif high is not None:
        parts.append(said("maximum", show(high)))
    if rule.sign is not None:
        parts.append(said(rule.sign.value))
    return ", ".join(parts)
