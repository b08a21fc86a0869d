"""A folder of Clearhaus exports: summaries paired with their transaction files by name,
settlements chosen by payout date, the same settlement in two exports taken once."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from econdesk.connectors.files.clearhaus import write_clearhaus
from econdesk.connectors.files.clearhaus_folder import ExportPair, export_pairs, read_folder
from econdesk.connectors.files.errors import FileImportError
from econdesk.connectors.platform import Window
from econdesk.sandbox.scenario import Scenario, ScenarioSpec, generate

START, END = date(2026, 3, 1), date(2026, 3, 31)


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return generate(ScenarioSpec(seed=3, size=80, start=START, end=END, name="clearhaus-folder"))


def test_exports_are_paired_by_name_and_chosen_by_payout_date(
    scenario: Scenario, tmp_path: Path
) -> None:
    settlements, lines = scenario.clearhaus_report()
    march = [s for s in settlements if s.payout_date < date(2026, 3, 16)]
    later = [s for s in settlements if s.payout_date >= date(2026, 3, 16)]
    ids = {s.settlement_id for s in march}
    write_clearhaus(
        march,
        [ln for ln in lines if ln.settlement_id in ids],
        tmp_path / "Clearhaus-Settlements-1.csv",
        tmp_path / "Clearhaus-Transactions-1.csv",
    )
    write_clearhaus(later, [], tmp_path / "settlements-2.csv")  # a summary alone
    (tmp_path / "notes.txt").write_text("not an export", encoding="utf-8")
    assert export_pairs(tmp_path) == [
        ExportPair(
            tmp_path / "Clearhaus-Settlements-1.csv", tmp_path / "Clearhaus-Transactions-1.csv"
        ),
        ExportPair(tmp_path / "settlements-2.csv", None),
    ]
    window = Window(date(2026, 3, 10), date(2026, 3, 20))
    got = {p.external_id: p for p in read_folder(tmp_path, window)}
    assert set(got) == {
        s.settlement_id for s in settlements if window.start <= s.payout_date < window.end
    }
    assert all(p.has_breakdown == (p.external_id in ids) for p in got.values())
    assert len(read_folder(tmp_path)) == len(settlements)


def test_two_exports_disagreeing_about_a_settlement_are_an_error(
    scenario: Scenario, tmp_path: Path
) -> None:
    settlements, lines = scenario.clearhaus_report()
    write_clearhaus(settlements, lines, tmp_path / "a-settlements.csv")
    changed = dataclasses.replace(settlements[0], payout_descriptor="CH0000000 2026-03-02")
    write_clearhaus([changed], [], tmp_path / "b-settlements.csv")
    with pytest.raises(FileImportError) as caught:
        read_folder(tmp_path)
    assert str(caught.value) == (
        f'b-settlements.csv, column "settlement_id": "{changed.settlement_id}" '
        "differs from a-settlements.csv about this settlement"
    )
