"""Seeded scenarios of a Danish subscription business, shared by the demo, the sandboxes, the
tests and the benchmarks: `generate(spec)`, `load_scenario("demo" | "tiny" | FILE)`.
"""

from __future__ import annotations

from pathlib import Path

from econdesk.sandbox.scenario.catalog import FEE_MODELS, PLANS, Channel, FeeModel, Plan
from econdesk.sandbox.scenario.deposits import Deposit, DepositKind
from econdesk.sandbox.scenario.scenario import Scenario, generate
from econdesk.sandbox.scenario.spec import NAMED, ScenarioSpec, load_spec
from econdesk.sandbox.scenario.truth import ExpectedMatch, GroundTruth
from econdesk.sandbox.scenario.views import Customer, Invoice, Transaction


def load_scenario(name_or_file: str | Path, *, seed: int | None = None) -> Scenario:
    """Generate a named scenario or one described by a TOML/JSON spec file."""
    return generate(load_spec(name_or_file, seed=seed))


__all__ = [
    "FEE_MODELS", "NAMED", "PLANS", "Channel", "Customer", "Deposit", "DepositKind",
    "ExpectedMatch", "FeeModel", "GroundTruth", "Invoice", "Plan", "Scenario", "ScenarioSpec",
    "Transaction", "generate", "load_scenario", "load_spec",
]  # fmt: skip
