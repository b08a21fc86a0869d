import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from econdesk.matching.text import (
    fold,
    name_similarity,
    name_tokens,
    squash,
    text_dates,
    text_names,
    tokens,
)


def test_fold_spells_out_danish_letters_and_drops_other_accents() -> None:
    assert fold("Søren Ærø, Åsa Müller-Frédéric") == "SOEREN AEROE, AASA MUELLER-FREDERIC"


def test_squash_keeps_letters_and_digits_only() -> None:
    assert squash("po_1Pgc79B7WZ01zg-x y") == "PO1PGC79B7WZ01ZGXY"
    assert squash("Ærø 12/3") == "AEROE123"
    assert tokens("CH2400017 2026-03-05") == ["CH2400017", "2026", "03", "05"]


@pytest.mark.parametrize(
    "bank_text",
    [
        "Overførsel Søren Mølgaard",
        "OVERFOERSEL SOEREN MOELGAARD",
        "OVERFORSEL SOREN MOLGAARD",  # the bank dropped the letters instead of spelling them
        "MOBILEPAY SOREN MOLG",  # cut off by the bank
    ],
)
def test_danish_names_compare_however_the_bank_spells_them(bank_text: str) -> None:
    name = name_tokens("Søren Mølgaard")
    assert name_similarity(name, text_names(tokens(bank_text))) == 1.0


def test_name_similarity_is_the_share_of_the_name_shown() -> None:
    name = name_tokens("Søren Jensen")
    assert name_similarity(name, text_names(tokens("MOBILEPAY JENSEN"))) == pytest.approx(6 / 11)
    assert name_similarity(name, text_names(tokens("Kvist & Krone ApS"))) == 0.0


def test_company_forms_and_short_words_say_nothing_about_who_paid() -> None:
    assert name_tokens("Birk Consult ApS") == ("BIRK", "CONSULT")
    assert name_tokens("Tårnby Auto I/S") == ("TARNBY", "AUTO")


def test_dates_in_bank_text_take_the_year_that_puts_them_before_the_booking() -> None:
    booked = date(2026, 1, 2)
    assert text_dates("MobilePay Subscriptions 31.12", booked) == (date(2025, 12, 31),)
    assert text_dates("MOBILEPAY A/S 31.12.25", booked) == (date(2025, 12, 31),)
    assert text_dates("Clearhaus CH2400017 2025-12-30", booked) == (date(2025, 12, 30),)
    # After the booking, or too long before it, or not a date at all: nothing.
    assert text_dates("Faktura 05.01", booked) == ()
    assert text_dates("Husleje 01.10.25", booked) == ()
    assert text_dates("Beløb 1.250,00", booked) == ()


def test_with_a_vocabulary_a_name_must_also_explain_the_text() -> None:
    vocabulary = frozenset(name_tokens("Sørensen VVS Horsens ApS") + name_tokens("Møller VVS"))
    text = text_names(tokens("Overførsel Sørensen VVS Horsens ApS"))
    right = name_similarity(name_tokens("Sørensen VVS Horsens ApS"), text, vocabulary)
    other = name_similarity(name_tokens("Møller VVS Horsens A/S"), text, vocabulary)
    assert right == 1.0
    assert other < 0.4 < name_similarity(name_tokens("Møller VVS Horsens A/S"), text)


@given(st.text())
def test_tokens_are_the_alphanumeric_runs_of_the_folded_text(text: str) -> None:
    # whatever finds them, the words are exactly the runs of letters and digits
    assert tokens(text) == re.findall(r"[A-Z0-9]+", fold(text))


def test_tokens_drop_what_folding_leaves_lower_case() -> None:
    # "ª" folds to a lower-case "a" (NFKD), which is no word character
    assert fold("Nº 12 ªb") == "No 12 aB"
    assert tokens("Nº 12 ªb") == ["N", "12", "B"]
