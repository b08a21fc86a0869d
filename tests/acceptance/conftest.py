"""Fixtures for the acceptance tests: a small scenario file and the sandboxes serving it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.acceptance.harness import (
    InProcessEcondesk,
    ServedSandboxes,
    SubprocessEcondesk,
    serve_sandboxes,
)

# The scenario's money moves in March 2026; the last deposits reach the bank late in April.
PERIOD = (date(2026, 3, 1), date(2026, 4, 30))

# A small business (about 40 platform items, every kind of event once), so a whole run through
# real processes stays within seconds. Written as a user writes a scenario file; its own seed
# is what `sandbox serve --scenario FILE` must generate (no --seed given).
SCENARIO_TOML = """\
[scenario]
base = "tiny"       # March 2026, every case at least once
seed = 11
size = 40
decoy_rate = 0.2    # bank lines that must not match
"""


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    path = tmp_path / "acceptance-scenario.toml"
    path.write_text(SCENARIO_TOML, encoding="utf-8")
    return path


@pytest.fixture
def served(scenario_file: Path) -> Iterator[ServedSandboxes]:
    """`econdesk sandbox serve --scenario FILE` running for one test."""
    sandboxes = serve_sandboxes("--scenario", str(scenario_file))
    try:
        yield sandboxes
    finally:
        sandboxes.stop()


@pytest.fixture
def econdesk() -> SubprocessEcondesk:
    return SubprocessEcondesk()


@pytest.fixture
def econdesk_in_process() -> InProcessEcondesk:
    return InProcessEcondesk()
