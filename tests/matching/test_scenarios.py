"""The matcher against the scenario generator's ground truth (the benchmark measures more)."""

import pytest

from econdesk.matching import MatchInputs, default_settings, match
from econdesk.sandbox.scenario import load_scenario


@pytest.mark.parametrize("name", ["tiny", "demo"])
def test_auto_proposals_agree_with_the_ground_truth_and_little_is_missed(name: str) -> None:
    scenario = load_scenario(name)
    truth = scenario.truth
    result = match(
        MatchInputs(scenario.bank_entries, scenario.all_items(), scenario.payouts),
        default_settings(),
    )
    right = 0
    for m in result.proposals:
        expected = truth.for_bank(m.bank_refs[0])
        correct = (
            expected is not None
            and m.item_refs == tuple(sorted(expected.item_refs))
            and sorted(m.component_refs) == sorted(expected.component_refs)
            and m.difference == expected.difference
        )
        right += correct
        if m.auto:
            assert correct, (m, expected)
        assert m.bank_refs[0] not in truth.unmatched or not m.auto
    assert right >= 0.95 * len(truth.matches)
    for ref in truth.undeposited_item_refs:
        assert all(ref not in m.item_refs for m in result.proposals if m.auto)
