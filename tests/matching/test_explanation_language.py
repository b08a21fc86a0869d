"""Explanations are data (a phrase: key and facts) and read in English or Danish."""

from __future__ import annotations

import dataclasses
import json

from sqlalchemy import update

from econdesk.domain import ExplanationTerm
from econdesk.domain.phrases import term_from_record, term_record
from econdesk.i18n import catalogue
from econdesk.i18n.explain import (
    CONTEXT,
    TERM_NAMES,
    TEXTS,
    explained,
    explanation_text,
    joined,
    phrase,
    render,
)
from econdesk.matching.scoring import amount_term, date_term, name_term, what
from econdesk.storage import Database
from econdesk.storage.models import MatchRow
from tests.storage.helpers import entry, payment, proposal


def test_the_matcher_records_facts_and_renders_them_in_either_language() -> None:
    within = amount_term(0.45, -123456, 200000, "DKK", what("payout"))
    assert within is not None and within.phrase is not None
    assert within.phrase.key == "amount.within"
    assert within.phrase.fact("difference") == -123456
    assert within.detail == (
        "payout differs by -1234.56 DKK, within the tolerance of 2000.00"
    )  # English as before
    assert render(within, "da") == (
        "udbetalingen afviger med -1.234,56 DKK, inden for tolerancen på 2.000,00"
    )
    same_day = date_term(0.25, 0, (-1, 3), what("booked"))
    assert same_day is not None
    assert render(same_day, "en") == "booked the same bank day, inside -1..3"
    assert render(same_day, "da") == "bogført samme bankdag, inden for -1..3"
    later = date_term(0.25, 2, (-1, 3), what("booked_after_payment"))
    assert later is not None and render(later, "da") == (
        "bogført efter betalingen: 2 bankdage senere, inden for -1..3"
    )
    named = name_term(0.3, "ACME ApS", 0.85)
    assert render(named, "en") == "ACME ApS in bank text (85% of the name)"
    assert render(named, "da") == "ACME ApS i bankteksten (85\u00a0% af navnet)"


def test_references_and_names_are_shown_as_they_are() -> None:
    cut = explained(
        "reference",
        0.55,
        phrase("reference.cut", ref="ff6e2401-a1d…", shown=8, length=36),
    )
    assert cut.detail == "ff6e2401-a1d… in bank text, cut after 8 of 36 characters"
    assert render(cut, "da") == "ff6e2401-a1d… i bankteksten, afkortet efter 8 af 36 tegn"
    two = explained(
        "reference",
        0.55,
        joined(phrase("reference.full", ref="INV-1"), phrase("reference.full", ref="INV-2")),
    )
    assert render(two, "da") == "INV-1 i bankteksten; INV-2 i bankteksten"


def test_one_line_text_names_the_terms_with_danish_decimal_commas() -> None:
    equal = amount_term(0.45, 0, 100, "DKK", what("payout"))
    assert equal is not None
    assert explanation_text([equal], "en") == "amount +0.45: payout equals the bank amount"
    assert explanation_text([equal], "da") == "beløb +0,45: udbetalingen svarer til bankbeløbet"


def test_a_term_stored_before_phrases_reads_back_as_it_was_written() -> None:
    old = {"term": "amount", "detail": "payout equals the bank amount", "weight": 0.45}
    term = term_from_record(old)
    assert term == ExplanationTerm("amount", "payout equals the bank amount", 0.45)
    assert render(term, "da") == "payout equals the bank amount"  # no data to translate


def test_a_phrase_survives_json_nested_phrases_included() -> None:
    term = date_term(0.25, -1, (-1, 3), what("booked"))
    assert term is not None
    record = json.loads(json.dumps(term_record(term)))
    assert record["key"] == "date.inside"
    assert record["facts"]["lag"] == {"key": "days.earlier.one", "facts": {"n": 1}}
    assert term_from_record(record) == term


def test_every_explanation_text_has_a_danish_translation() -> None:
    danish = catalogue("da")
    missing = [
        source
        for source in [*TEXTS.values(), *TERM_NAMES.values()]
        if (CONTEXT, source) not in danish.texts
    ]
    assert missing == [], "translate them in resources/i18n/econdesk_da.ts"


def test_storage_keeps_the_phrase_and_still_reads_old_rows(sqlite_db: Database) -> None:
    equal = amount_term(0.45, 0, 100, "DKK", what("payout"))
    assert equal is not None
    with sqlite_db.transaction() as store:
        store.bank_entries.upsert(entry(1))
        store.items.upsert(payment("p1"))
        made = store.matches.create(
            dataclasses.replace(proposal(["economic:1"], ["stripe:p1"]), explanation=(equal,))
        )
    with sqlite_db.reader() as store:
        assert store.matches.get(made.id).explanation == (equal,)
    old = json.dumps([{"term": "amount", "detail": "payout equals the bank amount", "weight": 1}])
    with sqlite_db.transaction() as store:
        store.session.execute(update(MatchRow).values(explanation_json=old))
    with sqlite_db.reader() as store:
        (term,) = store.matches.get(made.id).explanation
    assert (term.detail, term.phrase, term.weight) == ("payout equals the bank amount", None, 1.0)
