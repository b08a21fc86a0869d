"""Runs of consecutive items that tile the stream beat shifted look-alikes."""

from itertools import pairwise

import pytest

from econdesk.matching.tiling import chain_fits


def test_the_true_tiling_has_the_best_chain_and_touches_its_neighbours() -> None:
    cuts = [0, 5, 9, 15, 20]
    true_runs = [(a, b, rank) for rank, (a, b) in enumerate(pairwise(cuts))]
    shifted = [(6, 10, 1)]  # deposit 1's amount also fits one item later
    fits = chain_fits(true_runs + shifted, gap_cost=0.001)
    for fit in fits[:4]:
        assert fit.through == 4.0
    assert fits[1].start_touch and fits[1].end_touch
    assert not fits[0].start_touch  # nothing before the first deposit
    assert fits[4].through < fits[1].through
    assert not fits[4].start_touch


def test_a_deposit_never_appears_twice_in_a_chain() -> None:
    # One deposit's amount fits two adjacent runs: a chain may take only one of them.
    fits = chain_fits([(0, 3, 0), (3, 6, 0)], gap_cost=0.001)
    assert [f.through for f in fits] == [1.0, 1.0]
    assert not fits[0].end_touch and not fits[1].start_touch


def test_gaps_cost_a_little_per_skipped_item() -> None:
    fits = chain_fits([(0, 3, 0), (5, 8, 1)], gap_cost=0.01)
    assert fits[0].through == pytest.approx(1.98)
    assert fits[1].through == pytest.approx(1.98)
