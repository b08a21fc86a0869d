"""A payout reaching the bank in two or a few lines: proposed, explained, never unattended."""

from econdesk.domain import MatchMethod
from econdesk.i18n.explain import render
from econdesk.matching import MatchSettings
from tests.matching.factory import bank, item, only, payout, run

# Clearhaus settles on Friday 17 May 2024; Monday 20 May is Whit Monday, no bank day.
SALE_1 = item("clearhaus", "tx-1", "2500.00", "2024-05-14", fee="36.55")
SALE_2 = item("clearhaus", "tx-2", "1750.00", "2024-05-15", fee="25.58")
SETTLEMENT = payout("clearhaus", "stl-3", "4187.87", "2024-05-17",
                    components=(SALE_1, SALE_2), descriptor="CLEARHAUS")  # fmt: skip
ITEMS = [SALE_1, SALE_2]


def test_a_settlement_in_two_parts_over_whit_monday_is_proposed_but_not_auto() -> None:
    banks = [
        bank(1, "2500.00", "2024-05-17", "CLEARHAUS A/S 12345"),
        bank(2, "1687.87", "2024-05-21", "CLEARHAUS A/S 12345"),
    ]
    result = run(banks, ITEMS, [SETTLEMENT])
    m = only(result, "economic:1")
    assert m.bank_refs == ("economic:1", "economic:2")
    assert (m.method, m.item_refs) == (MatchMethod.PAYOUT, ("clearhaus:stl-3",))
    assert m.difference.is_zero() and str(m.amount.amount) == "4187.87"
    assert not m.auto and m.score < MatchSettings().auto_threshold
    said = {t.term: t for t in m.explanation}
    assert render(said["split"], "en") == (
        "arrived in 2 parts: 2500.00 DKK on 17.05.2024 and 1687.87 DKK on 21.05.2024"
    )
    assert render(said["split"], "da") == (
        "kom i 2 dele: 2.500,00 DKK den 17.05.2024 og 1.687,87 DKK den 21.05.2024"
    )
    # Tuesday after Whit Monday is the next bank day, inside the arrival window
    assert render(said["date"], "en") == "booked after arrival: 1 bank day later, inside -1..3"
    assert "descriptor" in said


def test_three_parts_are_found_too() -> None:
    banks = [
        bank(1, "2000.00", "2024-05-17", "CLEARHAUS"),
        bank(2, "1000.00", "2024-05-21", "CLEARHAUS"),
        bank(3, "1187.87", "2024-05-22", "CLEARHAUS"),
    ]
    m = only(run(banks, ITEMS, [SETTLEMENT]), "economic:3")
    assert len(m.bank_refs) == 3 and not m.auto


def test_parts_outside_the_arrival_window_are_not_a_split() -> None:
    banks = [
        bank(1, "2500.00", "2024-05-17", "CLEARHAUS"),
        bank(2, "1687.87", "2024-05-29", "CLEARHAUS"),  # 7 bank days later
    ]
    result = run(banks, ITEMS, [SETTLEMENT])
    assert all(len(m.bank_refs) == 1 for m in result.proposals)
    assert "clearhaus:stl-3" in result.unmatched_items or not any(
        "clearhaus:stl-3" in m.item_refs for m in result.proposals
    )


def test_parts_on_two_bank_accounts_are_not_a_split() -> None:
    banks = [
        bank(1, "2500.00", "2024-05-17", "CLEARHAUS", account=5820),
        bank(2, "1687.87", "2024-05-21", "CLEARHAUS", account=5821),
    ]
    result = run(banks, ITEMS, [SETTLEMENT])
    assert not any("clearhaus:stl-3" in m.item_refs for m in result.proposals)


def test_a_payout_that_arrived_whole_is_not_also_a_split() -> None:
    banks = [
        bank(1, "4187.87", "2024-05-17", "CLEARHAUS"),
        bank(2, "2500.00", "2024-05-17", "CLEARHAUS"),
        bank(3, "1687.87", "2024-05-21", "CLEARHAUS"),
    ]
    result = run(banks, ITEMS, [SETTLEMENT])
    whole = only(result, "economic:1")
    assert whole.bank_refs == ("economic:1",) and whole.auto
    assert {"economic:2", "economic:3"} <= set(result.unmatched_bank)


def test_amounts_alone_must_fit_one_way_only() -> None:
    plain = [
        bank(1, "2500.00", "2024-05-17", "Indbetaling"),
        bank(2, "1687.87", "2024-05-21", "Indbetaling"),
    ]
    m = only(run(plain, ITEMS, [SETTLEMENT]), "economic:1")
    assert len(m.bank_refs) == 2 and not m.auto
    assert "descriptor" not in {t.term for t in m.explanation}
    two_ways = [*plain, bank(3, "1687.87", "2024-05-22", "Indbetaling")]
    result = run(two_ways, ITEMS, [SETTLEMENT])
    assert not any(len(m.bank_refs) > 1 for m in result.proposals)
