"""A proposal the matcher withdrew counts under its own filter button, not under "All"."""

from __future__ import annotations

from econdesk.domain import Match, MatchMethod, MatchState, Money
from econdesk.qt.labels import state_label
from econdesk.qt.widgets.state_filter import ALL, Totals, accepts


def a_match(state: MatchState, amount: str) -> Match:
    return Match(
        id="m-000001",
        state=state,
        method=MatchMethod.ONE_TO_ONE,
        score=0.9,
        auto=False,
        bank_refs=("economic:1",),
        item_refs=("chargebee:txn_a",),
        amount=Money.of(amount, "DKK"),
        difference=Money.of("0", "DKK"),
    )


def test_withdrawn_proposals_are_counted_apart_from_the_workspace() -> None:
    withdrawn = a_match(MatchState.WITHDRAWN, "500.00")
    proposed = a_match(MatchState.PROPOSED, "300.00")
    totals = Totals([withdrawn, proposed])
    assert totals.count["withdrawn"] == 1 and totals.count[ALL] == 1
    assert totals.sums[ALL] == {"DKK": Money.of("300.00", "DKK")}
    assert accepts("withdrawn", withdrawn) and not accepts(ALL, withdrawn)
    assert state_label(MatchState.WITHDRAWN) == "Withdrawn"
