"""Filter expressions: the documented escapes, grouping, and a round trip through the sandbox."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from econdesk.connectors.economic import filters as flt
from econdesk.sandbox.economic.filters import FilterError, parse_filter

GETTERS = {"text": lambda item: item.text, "amount": lambda item: item.amount}


def test_the_escape_table() -> None:
    assert flt.escape("$") == "$$"
    assert flt.escape("(a)") == "$(a$)"
    assert flt.escape("5*3,2") == "5$*3$,2"
    assert flt.escape("[x]") == "[x]"  # `$[` does not work on the live API: sent as is
    assert flt.escape("$(") == "$$$("


def test_literals_and_operators() -> None:
    assert str(flt.eq("ean", None)) == "ean$eq:$null:"
    assert str(flt.gte("date", date(2024, 1, 1))) == "date$gte:2024-01-01"
    assert str(flt.lt("amount", Decimal("1E+2"))) == "amount$lt:100"
    assert str(flt.eq("barred", True)) == "barred$eq:true"
    assert str(flt.starts_with("text", "ED-m*")) == "text$like:ED-m$**"
    assert str(flt.is_in("customerNumber", [2, 5, 7])) == "customerNumber$in:[2,5,7]"
    with pytest.raises(ValueError):
        flt.is_in("customerNumber", range(201))
    with pytest.raises(ValueError):
        flt.eq("name) or (1", 1)


def test_grouping_adds_parentheses_only_where_needed() -> None:
    a, b, c = flt.eq("a", 1), flt.eq("b", 2), flt.eq("c", 3)
    assert str(a & b & c) == "a$eq:1$and:b$eq:2$and:c$eq:3"
    assert str((a | b) & c) == "(a$eq:1$or:b$eq:2)$and:c$eq:3"
    assert str(a & (b | c)) == "a$eq:1$and:(b$eq:2$or:c$eq:3)"
    assert flt.all_of(None, None) is None


@given(st.text(min_size=1, max_size=40))
def test_any_text_is_found_exactly_by_contains(text: str) -> None:
    node = parse_filter(str(flt.contains("text", text)), GETTERS)
    assert node.test(SimpleNamespace(text=f"before {text} after"), GETTERS)
    if text.upper().lower() == text.lower():  # string filters are case-insensitive
        assert node.test(SimpleNamespace(text=text.upper()), GETTERS)
    if "x" not in text.lower():
        assert not node.test(SimpleNamespace(text="x"), GETTERS)


@given(st.text(alphabet=st.sampled_from("ab$()*,[] "), min_size=1, max_size=12))
def test_equality_round_trips_through_the_escapes(text: str) -> None:
    node = parse_filter(str(flt.eq("text", text)), GETTERS)
    assert node.test(SimpleNamespace(text=text), GETTERS)
    assert not node.test(SimpleNamespace(text=text + "b"), GETTERS)


def test_the_sandbox_refuses_what_e_conomic_refuses() -> None:
    with pytest.raises(FilterError) as caught:
        parse_filter("name$eq:x", GETTERS)
    assert caught.value.field == "name"
    for bad in ("text$eq:a$[b", "text$zz:1", "(text$eq:a", "amount$in:[a,b]"):
        with pytest.raises(FilterError):
            parse_filter(bad, GETTERS)
    combined = parse_filter("amount$gt:10$and:(text$like:ab$or:text$eq:$null:)", GETTERS)
    assert combined.test(SimpleNamespace(text="xaby", amount=Decimal("10.5")), GETTERS)
    assert combined.test(SimpleNamespace(text=None, amount=11), GETTERS)
    assert not combined.test(SimpleNamespace(text="zz", amount=11), GETTERS)
    wildcard = parse_filter("text$like:ED-*-x", GETTERS)
    assert wildcard.test(SimpleNamespace(text="ed-m-1-X"), GETTERS)
    assert not wildcard.test(SimpleNamespace(text="a ED-m-1-x"), GETTERS)
