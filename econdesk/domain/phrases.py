"""Explanation terms as JSON records: {term, detail, weight} plus, since terms carry them,
{key, facts} (a nested phrase is a record of its own). A record without a key (written before
phrases existed) reads back as a term with only its English detail."""

from __future__ import annotations

from typing import Any

from econdesk.domain.model import ExplanationTerm, Fact, Phrase


def term_record(term: ExplanationTerm) -> dict[str, Any]:
    record: dict[str, Any] = {"term": term.term, "detail": term.detail, "weight": term.weight}
    if term.phrase is not None:
        record.update(phrase_record(term.phrase))
    return record


def phrase_record(said: Phrase) -> dict[str, Any]:
    return {"key": said.key, "facts": {name: _fact_record(v) for name, v in said.facts}}


def _fact_record(value: Fact) -> Any:
    return phrase_record(value) if isinstance(value, Phrase) else value


def term_from_record(record: dict[str, Any]) -> ExplanationTerm:
    key = record.get("key")
    said = phrase_from_record(record) if isinstance(key, str) else None
    return ExplanationTerm(record["term"], record["detail"], float(record["weight"]), said)


def phrase_from_record(record: dict[str, Any]) -> Phrase:
    facts = record.get("facts") or {}
    return Phrase(str(record["key"]), tuple((str(k), _fact(v)) for k, v in facts.items()))


def _fact(value: Any) -> Fact:
    if isinstance(value, dict):
        return phrase_from_record(value)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str | int | float):
        return value
    return str(value)
