"""`econdesk demo --self-test`: the desktop app on the built-in sandboxes, as a real process.

CONTRACT.md: demo "needs no account, no network, no set-up". The self-test opens the main
window offscreen, fetches and matches the scenario, and exits 0; the demo's folder (config
and database) is gone afterwards.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.acceptance.harness import SubprocessEcondesk


def test_demo_self_test_shows_a_matched_scenario_and_leaves_nothing(
    scenario_file: Path, tmp_path: Path
) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    done = SubprocessEcondesk()(
        "demo", "--self-test", "--scenario", str(scenario_file), env={"TMPDIR": str(temporary)}
    )
    shown = re.search(r"self-test: main window open, (\d+) matches, (\d+) bank lines", done.out)
    assert shown, done
    assert int(shown.group(1)) > 0 and int(shown.group(2)) > 0, done
    assert list(temporary.iterdir()) == [], "the demo left its folder behind"
