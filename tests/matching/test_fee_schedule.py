"""An acquirer's fee schedule fitted on its settlements."""

from __future__ import annotations

from decimal import Decimal

from econdesk.matching.fee_schedule import FeeSample, fit, schedules


def sample(
    sales: int, payments: int, name: str, percent: str = "1.45", fixed: int = 25
) -> FeeSample:
    fees = round(sales * Decimal(percent) / 100) + fixed * payments
    return FeeSample("clearhaus", "DKK", sales, payments, int(fees), f"clearhaus:{name}")


def test_percent_and_fixed_are_recovered_from_settlements() -> None:
    found = fit([sample(1_000_00, 10, "a"), sample(4_980_00, 21, "b"), sample(29_900, 1, "c")])
    assert found is not None
    assert (found.percent, found.fixed_minor, found.samples) == (Decimal("1.450"), 25, 3)
    assert found.fee_minor(24_900, 2) == 361 + 25


def test_one_settlement_or_the_same_one_twice_teaches_nothing() -> None:
    one = sample(1_000_00, 10, "a")
    assert fit([one]) is None
    assert fit([one, one]) is None


def test_batches_of_one_average_payment_cannot_tell_percent_from_fixed() -> None:
    assert fit([sample(1_000_00, 10, "a"), sample(2_000_00, 20, "b")]) is None


def test_a_sample_survives_the_store_and_one_schedule_per_acquirer_and_currency() -> None:
    a = sample(1_000_00, 10, "a")
    again = FeeSample.decode("clearhaus", "DKK", a.encode())
    assert again == a
    assert FeeSample.decode("clearhaus", "DKK", "garbage") is None
    other = FeeSample("nets", "DKK", 50_000, 5, 1_000, "nets:x")
    assert [s.provider for s in schedules([a, sample(4_980_00, 21, "b"), other])] == ["clearhaus"]
