"""Explanation terms: built as data by the matcher, rendered in the reader's language.

A term's `phrase` names a text of this module's table and the facts it shows; `render()` puts
them into the text of a language, with that language's number, money and date forms. The
term's `detail` is the English rendering, which is all a term stored before phrases had:
such a term is shown as it was written.

Fact formats in a text: `{x:money}` an amount in minor units of the phrase's `currency`,
`{x:percent}` a share in [0, 1], `{x:date}` an ISO date; a nested phrase renders in place,
an integer as a number, a string as it is (references and names are never translated).
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from econdesk.domain.model import ExplanationTerm, Fact, Phrase
from econdesk.domain.money import Money
from econdesk.i18n import QT_TRANSLATE_NOOP, catalogue
from econdesk.i18n import formats as fmt

CONTEXT = "Explanation"

TEXTS: Mapping[str, str] = {
    # amounts
    "amount.equal": QT_TRANSLATE_NOOP("Explanation", "{what} equals the bank amount"),
    "amount.within": QT_TRANSLATE_NOOP(
        "Explanation",
        "{what} differs by {difference:money} {currency}, within the tolerance of {allowed:money}",
    ),
    "amount.converted": QT_TRANSLATE_NOOP(
        "Explanation",
        "{amount:money} {currency} converted at {rate:money} per 100 of {day:date} ({source})",
    ),
    "what.payout": QT_TRANSLATE_NOOP("Explanation", "payout"),
    "what.payment": QT_TRANSLATE_NOOP("Explanation", "payment"),
    "what.payments": QT_TRANSLATE_NOOP("Explanation", "the {count} payments"),
    "what.items": QT_TRANSLATE_NOOP("Explanation", "the {count} items"),
    "what.provider_items": QT_TRANSLATE_NOOP("Explanation", "the {count} {provider} items"),
    "what.provider_items_less_fees": QT_TRANSLATE_NOOP(
        "Explanation", "the {count} {provider} items less {model} fees"
    ),
    "what.platform_payout": QT_TRANSLATE_NOOP("Explanation", "{provider} {kind} {payout}"),
    "source.own_sales": QT_TRANSLATE_NOOP(
        "Explanation",
        "matched from the acquirer's own {count} transactions ({provider}, no gateway in front)",
    ),
    "what.items_naming": QT_TRANSLATE_NOOP(
        "Explanation", "net of the {count} items naming {payout}"
    ),
    # dates
    "date.inside": QT_TRANSLATE_NOOP("Explanation", "{what} {lag}, inside {lo}..{hi}"),
    "date.outside": QT_TRANSLATE_NOOP("Explanation", "{what} {lag}, outside {lo}..{hi}"),
    "date.named": QT_TRANSLATE_NOOP("Explanation", "items from {day:date}, as the text says"),
    "what.booked": QT_TRANSLATE_NOOP("Explanation", "booked"),
    "what.booked_after_payment": QT_TRANSLATE_NOOP("Explanation", "booked after the payment:"),
    "what.booked_after_last_item": QT_TRANSLATE_NOOP("Explanation", "booked after the last item:"),
    "what.booked_after_its_last_item": QT_TRANSLATE_NOOP(
        "Explanation", "booked after its last item:"
    ),
    "what.booked_after_arrival": QT_TRANSLATE_NOOP("Explanation", "booked after arrival:"),
    "what.booked_after_invoice": QT_TRANSLATE_NOOP("Explanation", "paid after the invoice:"),
    "what.open_invoice": QT_TRANSLATE_NOOP("Explanation", "the open invoice"),
    "days.same": QT_TRANSLATE_NOOP("Explanation", "the same bank day"),
    "days.later.one": QT_TRANSLATE_NOOP("Explanation", "{n} bank day later"),
    "days.later": QT_TRANSLATE_NOOP("Explanation", "{n} bank days later"),
    "days.earlier.one": QT_TRANSLATE_NOOP("Explanation", "{n} bank day earlier"),
    "days.earlier": QT_TRANSLATE_NOOP("Explanation", "{n} bank days earlier"),
    # the bank text
    "descriptor": QT_TRANSLATE_NOOP("Explanation", "{word} in bank text ({source})"),
    "name": QT_TRANSLATE_NOOP(
        "Explanation", "{name} in bank text ({similarity:percent} of the name)"
    ),
    "names": QT_TRANSLATE_NOOP("Explanation", "{names} in bank text"),
    "reference.full": QT_TRANSLATE_NOOP("Explanation", "{ref} in bank text"),
    "reference.cut": QT_TRANSLATE_NOOP(
        "Explanation", "{ref} in bank text, cut after {shown} of {length} characters"
    ),
    "reference.fik": QT_TRANSLATE_NOOP("Explanation", "FIK payment id for {ref} in bank text"),
    "reference.number": QT_TRANSLATE_NOOP("Explanation", "{word} in bank text (number of {ref})"),
    "reference.invoice": QT_TRANSLATE_NOOP(
        "Explanation", "invoice number {word} in bank text: open invoice {ref}"
    ),
    "reference.invoice_bare": QT_TRANSLATE_NOOP(
        "Explanation", "{word} in bank text, without the word invoice: open invoice {ref}"
    ),
    "invoice.part_payment": QT_TRANSLATE_NOOP(
        "Explanation",
        "pays {paid:money} {currency} of the {open:money} {currency} open: the rest, "
        "{rest:money} {currency}, stays open on invoice {ref}; a person must check it",
    ),
    "invoice.overpayment": QT_TRANSLATE_NOOP(
        "Explanation",
        "pays {paid:money} {currency}, more than the {open:money} {currency} open: the excess, "
        "{excess:money} {currency}, stays as credit on customer {customer}; a person must "
        "check it",
    ),
    "invoice.ambiguous": QT_TRANSLATE_NOOP(
        "Explanation", "{count} open invoices fit this transfer; a person must choose"
    ),
    # combinations and their search
    "sequence.start": QT_TRANSLATE_NOOP(
        "Explanation", "consecutive items; its start touch the neighbouring deposits' items"
    ),
    "sequence.end": QT_TRANSLATE_NOOP(
        "Explanation", "consecutive items; its end touch the neighbouring deposits' items"
    ),
    "sequence.both": QT_TRANSLATE_NOOP(
        "Explanation",
        "consecutive items; its start and end touch the neighbouring deposits' items",
    ),
    "unique": QT_TRANSLATE_NOOP("Explanation", "the only combination of the candidates"),
    "search.budget": QT_TRANSLATE_NOOP("Explanation", "search stopped by its budget"),
    # fees, breakdowns, people and memory
    "fee.inferred": QT_TRANSLATE_NOOP("Explanation", "fees of {fee:money} {currency} inferred"),
    "fee.inferred_model": QT_TRANSLATE_NOOP(
        "Explanation", "fees of {fee:money} {currency} inferred ({model})"
    ),
    "fee.inferred_from_model": QT_TRANSLATE_NOOP(
        "Explanation",
        "fees of {fee:money} {currency} inferred from the {model} model: no payout report "
        "states them",
    ),
    "fee.inferred_from_fee_model": QT_TRANSLATE_NOOP(
        "Explanation",
        "fees of {fee:money} {currency} inferred from the fee model: no payout report states them",
    ),
    "fee.inferred_schedule": QT_TRANSLATE_NOOP(
        "Explanation",
        "fees of {fee:money} {currency} inferred for {payments} payments from {provider}'s fee "
        "schedule ({percent} % + {fixed:money} {currency} a payment), learned from {samples} "
        "settlements",
    ),
    "breakdown.unspecified": QT_TRANSLATE_NOOP(
        "Explanation",
        "no settlement from {provider} states this deposit: its card payments by sales day "
        "stand in; a person must check it",
    ),
    "spans.ambiguous": QT_TRANSLATE_NOOP(
        "Explanation", "{count} spans of sales days fit this deposit; a person must choose"
    ),
    "postings.held": QT_TRANSLATE_NOOP(
        "Explanation", "holds {kinds} of {provider}, booked on its own accounts"
    ),
    "postings.reserve_withheld": QT_TRANSLATE_NOOP("Explanation", "a reserve withheld"),
    "postings.reserve_released": QT_TRANSLATE_NOOP("Explanation", "a reserve paid out"),
    "postings.other": QT_TRANSLATE_NOOP("Explanation", "other postings"),
    "split.parts": QT_TRANSLATE_NOOP("Explanation", "arrived in {count} parts: {parts}"),
    "split.part": QT_TRANSLATE_NOOP("Explanation", "{amount:money} {currency} on {day:date}"),
    "breakdown.none": QT_TRANSLATE_NOOP(
        "Explanation",
        "the platform gives no breakdown of this payout; a person must check it",
    ),
    "manual": QT_TRANSLATE_NOOP("Explanation", "matched by hand by {actor}"),
    "learned.words": QT_TRANSLATE_NOOP(
        "Explanation", "bank text words {words} went to {target} before"
    ),
    "learned.rule": QT_TRANSLATE_NOOP("Explanation", "rule {words} -> {target}"),
    "learned.rule_note": QT_TRANSLATE_NOOP("Explanation", "rule {words} -> {target} ({note})"),
}

# The term names as a column or the app's terms list shows them.
TERM_NAMES: Mapping[str, str] = {
    "reference": QT_TRANSLATE_NOOP("Explanation", "reference"),
    "amount": QT_TRANSLATE_NOOP("Explanation", "amount"),
    "date": QT_TRANSLATE_NOOP("Explanation", "date"),
    "descriptor": QT_TRANSLATE_NOOP("Explanation", "descriptor"),
    "name": QT_TRANSLATE_NOOP("Explanation", "name"),
    "learned": QT_TRANSLATE_NOOP("Explanation", "learned"),
    "sequence": QT_TRANSLATE_NOOP("Explanation", "sequence"),
    "fee": QT_TRANSLATE_NOOP("Explanation", "fee"),
    "unique": QT_TRANSLATE_NOOP("Explanation", "unique"),
    "search": QT_TRANSLATE_NOOP("Explanation", "search"),
    "breakdown": QT_TRANSLATE_NOOP("Explanation", "breakdown"),
    "manual": QT_TRANSLATE_NOOP("Explanation", "manual"),
    "postings": QT_TRANSLATE_NOOP("Explanation", "postings"),
    "split": QT_TRANSLATE_NOOP("Explanation", "split"),
    "source": QT_TRANSLATE_NOOP("Explanation", "source"),
    "exchange": QT_TRANSLATE_NOOP("Explanation", "exchange"),
    "ambiguous": QT_TRANSLATE_NOOP("Explanation", "ambiguous"),
}
JOIN = "join"  # a phrase whose facts are phrases, shown one after another with "; "
AND = "and"  # a phrase whose facts are phrases, shown as "a and b"


def phrase(key: str, **facts: Fact) -> Phrase:
    if key not in (JOIN, AND) and key not in TEXTS:
        raise KeyError(f"no explanation text {key!r}")
    return Phrase(key, tuple(facts.items()))


def joined(*parts: Phrase) -> Phrase:
    return Phrase(JOIN, tuple((str(i), p) for i, p in enumerate(parts)))


def both(*parts: Phrase) -> Phrase:
    return Phrase(AND, tuple((str(i), p) for i, p in enumerate(parts)))


def explained(term: str, weight: float, said: Phrase) -> ExplanationTerm:
    """A term whose English `detail` is rendered from `said`."""
    return ExplanationTerm(term, render_phrase(said, "en"), weight, said)


def render(term: ExplanationTerm, language: str) -> str:
    """The term's text in `language`; a term stored without a phrase keeps its own text."""
    if term.phrase is None:
        return term.detail
    return render_phrase(term.phrase, language)


def term_name(term: str, language: str) -> str:
    source = TERM_NAMES.get(term)
    return term if source is None else catalogue(language).translate(CONTEXT, source)


def explanation_text(terms: Iterable[ExplanationTerm], language: str) -> str:
    """All terms on one line: "reference +0.60: po_… in bank text; amount +0.30: …"."""
    return "; ".join(
        f"{term_name(t.term, language)} {_weight(t.weight, language)}: {render(t, language)}"
        for t in terms
    )


def _weight(weight: float, language: str) -> str:
    text = f"{weight:+.2f}"
    return text.replace(".", ",") if language == "da" else text


def render_phrase(said: Phrase, language: str) -> str:
    if said.key in (JOIN, AND):
        parts = [render_phrase(p, language) for _, p in said.facts if isinstance(p, Phrase)]
        if said.key == JOIN:
            return "; ".join(parts)
        word = catalogue(language).translate(CONTEXT, QT_TRANSLATE_NOOP("Explanation", " and "))
        return word.join(parts)
    source = TEXTS.get(said.key)
    if source is None:  # a key from a newer version: show its facts rather than nothing
        return ", ".join(f"{k}={v}" for k, v in said.facts)
    text = catalogue(language).translate(CONTEXT, source)
    return _Renderer(language, dict(said.facts)).format(text, **dict(said.facts))


class _Renderer(string.Formatter):
    def __init__(self, language: str, facts: dict[str, Fact]) -> None:
        self.language = language
        self.facts = facts

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Phrase):
            return render_phrase(value, self.language)
        if format_spec == "money":
            currency = str(self.facts.get("currency", ""))
            return fmt.money(Money.from_minor(int(value), currency), self.language)
        if format_spec == "percent":
            return fmt.percent(float(value), self.language)
        if format_spec == "date":
            return fmt.day(date.fromisoformat(str(value)), self.language)
        if isinstance(value, int) and not isinstance(value, bool):
            return fmt.number(value, self.language)
        return str(value)
