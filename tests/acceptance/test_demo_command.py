"""`econdesk demo --self-test`: the desktop app on the built-in sandboxes, as a real process.

README, "Quick start": the demo needs no account, no network, no set-up. The self-test opens the
main window offscreen (on its own: no QT_QPA_PLATFORM and no display here, as on a build
server), fetches and matches the scenario, and exits 0; the demo's folder (config and database)
is gone afterwards.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from tests.acceptance.harness import COMMAND_TIMEOUT, econdesk_argv


def test_demo_self_test_shows_a_matched_scenario_and_leaves_nothing(
    scenario_file: Path, tmp_path: Path
) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    unset = {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"}
    env = {k: v for k, v in os.environ.items() if k not in unset} | {"TMPDIR": str(temporary)}
    done = subprocess.run(
        [*econdesk_argv(), "demo", "--self-test", "--scenario", str(scenario_file)],
        capture_output=True,
        text=True,
        env=env,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done
    shown = re.search(r"self-test: main window open, (\d+) matches, (\d+) bank lines", done.stdout)
    assert shown, done
    assert int(shown.group(1)) > 0 and int(shown.group(2)) > 0, done
    assert list(temporary.iterdir()) == [], "the demo left its folder behind"
