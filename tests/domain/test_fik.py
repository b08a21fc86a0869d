"""FIK payment ids: check digits, code lines, and the forms bank text shows them in."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from econdesk.domain.fik import (
    FikError,
    fik_check_digit,
    is_valid_payment_id,
    make_payment_id,
    parse_fik,
)


def test_the_published_example() -> None:
    # +71<004040400000669+12345678<: 14 data digits, check digit 9.
    assert fik_check_digit("00404040000066") == 9
    ref = parse_fik("Betal med +71<004040400000669+81234567< senest 1. april")
    assert ref is not None
    assert (ref.card_type, ref.payment_id, ref.creditor) == ("71", "004040400000669", "81234567")
    assert ref.number == "404040000066"
    assert ref.code_line() == "+71<004040400000669+81234567<"


def test_a_sum_that_is_a_multiple_of_ten_gives_zero_not_ten() -> None:
    assert fik_check_digit("00000000000000") == 0
    assert make_payment_id(0) == "000000000000000"


@given(st.integers(min_value=1, max_value=10**14 - 1))
def test_made_ids_are_valid_and_carry_their_number(number: int) -> None:
    payment_id = make_payment_id(number)
    assert len(payment_id) == 15 and is_valid_payment_id(payment_id)
    ref = parse_fik(f"IK71 {payment_id}")
    assert ref is not None and ref.number == str(number)


@given(st.integers(min_value=1, max_value=10**14 - 1), st.integers(min_value=1, max_value=9))
def test_a_changed_check_digit_is_caught(number: int, delta: int) -> None:
    payment_id = make_payment_id(number)
    broken = payment_id[:-1] + str((int(payment_id[-1]) + delta) % 10)
    assert not is_valid_payment_id(broken)
    assert parse_fik(f"IK71 {broken}") is None
    with pytest.raises(FikError, match="wrong check digit"):
        parse_fik(f"+71<{broken}+81234567<")


def test_loose_forms_and_non_fik_text() -> None:
    assert parse_fik("FIK 71 000000000102343 Fjord") is not None
    assert parse_fik("Overførsel Faktura 10234 Hansen") is None
    assert parse_fik("+73<+81234567<") is not None  # type 73 has no payment id
    with pytest.raises(FikError):
        make_payment_id(10**15)
