from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from econdesk.domain import CurrencyMismatch, Money, MoneyError, money_sum

currencies = st.sampled_from(["DKK", "EUR", "SEK", "JPY", "KWD"])
minor = st.integers(min_value=-(10**12), max_value=10**12)


def test_minor_units_follow_the_currency_exponent() -> None:
    assert Money.from_minor(12500, "DKK").amount == Decimal("125.00")
    assert Money.from_minor(125, "JPY").amount == Decimal(125)
    assert Money.from_minor(1, "KWD").amount == Decimal("0.001")


def test_floats_and_bools_are_refused() -> None:
    with pytest.raises(MoneyError):
        Money.of(1.1, "DKK")  # type: ignore[arg-type]
    with pytest.raises(MoneyError):
        Money.from_minor(True, "DKK")
    with pytest.raises(MoneyError):
        Money.of("NaN", "DKK")


def test_mixing_currencies_is_refused() -> None:
    with pytest.raises(CurrencyMismatch):
        Money.of("1", "DKK") + Money.of("1", "EUR")
    with pytest.raises(CurrencyMismatch):
        assert Money.of("1", "DKK") < Money.of("1", "EUR")


def test_bad_currency_code_is_named() -> None:
    with pytest.raises(MoneyError, match="'DK'"):
        Money.of("1", "DK")


def test_the_constructor_checks_every_time_not_only_the_first() -> None:
    # Currency normalisation is cached and a finite Decimal skips a call: neither may let
    # anything through that the checks refuse.
    for _ in range(3):
        assert Money(Decimal("1.50"), " dkk ").currency == "DKK"
        assert Money(7, "eur").amount == Decimal(7)  # type: ignore[arg-type]
        with pytest.raises(MoneyError):
            Money(Decimal("NaN"), "DKK")
        with pytest.raises(MoneyError):
            Money(Decimal("Infinity"), "DKK")
        with pytest.raises(MoneyError):
            Money(1.5, "DKK")  # type: ignore[arg-type]
        with pytest.raises(MoneyError, match="'DKKX'"):
            Money(Decimal(1), "dkkx")


def test_rounding_is_half_up_to_the_minor_unit() -> None:
    assert Money.of("0.125", "DKK").rounded() == Money.of("0.13", "DKK")
    assert Money.of("-0.125", "DKK").rounded() == Money.of("-0.13", "DKK")
    assert Money.of("0.125", "DKK").bankers_rounded() == Money.of("0.12", "DKK")
    assert Money.of("1250", "DKK").format() == "1250.00"


def test_to_minor_refuses_hidden_precision() -> None:
    with pytest.raises(MoneyError):
        Money.of("0.001", "DKK").to_minor()


@given(minor, currencies)
def test_minor_round_trip(value: int, currency: str) -> None:
    assert Money.from_minor(value, currency).to_minor() == value


@given(minor, minor, currencies)
def test_addition_is_exact_in_minor_units(a: int, b: int, currency: str) -> None:
    total = Money.from_minor(a, currency) + Money.from_minor(b, currency)
    assert total.to_minor() == a + b
    assert (total - Money.from_minor(b, currency)).to_minor() == a


@given(st.lists(minor, max_size=30), currencies)
def test_sum_matches_integer_sum(values: list[int], currency: str) -> None:
    assert money_sum((Money.from_minor(v, currency) for v in values), currency).to_minor() == sum(
        values
    )


@given(
    minor, st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=10), currencies
)
def test_allocation_loses_nothing(value: int, weights: list[int], currency: str) -> None:
    if sum(weights) == 0:
        weights[0] = 1
    parts = Money.from_minor(value, currency).allocate(weights)
    assert sum(p.to_minor() for p in parts) == value
    assert len(parts) == len(weights)


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=6, min_value=-(10**9), max_value=10**9
    ),
    currencies,
)
def test_rounding_is_within_half_a_minor_unit(value: Decimal, currency: str) -> None:
    money = Money.of(value, currency)
    half = Decimal(1).scaleb(-money.exponent) / 2
    assert abs(money.rounded().amount - value) <= half
    assert money.rounded().rounded() == money.rounded()
