"""What scenario to generate: a seed, a size and a period, plus the rates that shape it.

Named scenarios ("tiny", "demo", "benchmark") and TOML/JSON spec files load through
`load_spec`, so `econdesk sandbox serve --scenario NAME|FILE` and the tests share one door.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from econdesk.errors import ConfigError

MAX_SIZE = 5_000_000
MAX_PERIOD_DAYS = 731


@dataclass(frozen=True, slots=True)
class ScenarioSpec:
    """`size` is the target number of platform items (money movements); the result lands
    within a few percent of it for sizes above a few hundred."""

    seed: int = 2026
    size: int = 2_000
    start: date = date(2026, 3, 1)
    end: date = date(2026, 5, 31)  # inclusive: the last day payments are taken
    name: str = "custom"
    # Probabilities (not money, so float is fine).
    failure_rate: float = 0.04  # a payment attempt fails; retried three days later
    refund_rate: float = 0.015
    chargeback_rate: float = 0.004  # card and Stripe payments only
    manual_payout_rate: float = 0.06  # Stripe payouts without a breakdown
    difference_rate: float = 0.012  # deposits off by a few øre of rounding or FX
    late_booking_rate: float = 0.08  # the bank shows a deposit one bank day later
    decoy_rate: float = 0.04  # near-miss bank lines per deposit
    # Frisbii customers with an invoice in dunning, most of them paid by bank transfer or
    # MobilePay outside Frisbii; and Chargebee invoices paid by a transfer nobody recorded.
    dunning_rate: float = 0.02
    unrecorded_rate: float = 0.5  # of Chargebee's invoices left open
    draft_days: int = 6  # bank lines after end - draft_days are unbooked daybook lines
    every_case: bool = True  # force each kind of event at least once, even in tiny scenarios
    # The books: False, only the bank (econdesk books the sales); True, a billing platform's
    # e-conomic integration has booked every invoice, and the card payments (Frisbii, Stripe)
    # onto their clearing accounts (sandbox/economic/integration.py).
    integration: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or self.seed < 0:
            raise ConfigError(f"must be a non-negative integer, got {self.seed!r}", key="seed")
        if isinstance(self.size, bool) or not isinstance(self.size, int):
            raise ConfigError(f"must be an integer, got {self.size!r}", key="size")
        if not 1 <= self.size <= MAX_SIZE:
            raise ConfigError(f"must be between 1 and {MAX_SIZE:,}, got {self.size}", key="size")
        if self.end < self.start:
            raise ConfigError(f"end {self.end} is before start {self.start}", key="end")
        if (self.end - self.start).days >= MAX_PERIOD_DAYS:
            raise ConfigError(f"the period may span at most {MAX_PERIOD_DAYS} days", key="end")
        for name in (
            "failure_rate",
            "refund_rate",
            "chargeback_rate",
            "manual_payout_rate",
            "difference_rate",
            "late_booking_rate",
            "decoy_rate",
            "dunning_rate",
        ):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or not 0 <= value <= 0.5:
                raise ConfigError(f"must be a number between 0 and 0.5, got {value!r}", key=name)
        if not isinstance(self.unrecorded_rate, (int, float)) or not 0 <= self.unrecorded_rate <= 1:
            raise ConfigError(
                f"must be a number between 0 and 1, got {self.unrecorded_rate!r}",
                key="unrecorded_rate",
            )
        if self.draft_days < 0:
            raise ConfigError("must not be negative", key="draft_days")
        if not isinstance(self.integration, bool):
            raise ConfigError(f"must be true or false, got {self.integration!r}", key="integration")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


NAMED: dict[str, ScenarioSpec] = {
    # A handful of items over one month: every case once, for unit tests.
    "tiny": ScenarioSpec(
        seed=7, size=24, start=date(2026, 3, 1), end=date(2026, 3, 31), name="tiny", decoy_rate=0.2
    ),
    # Pleasant to look at in the app: a few hundred items over three months.
    "demo": ScenarioSpec(seed=2026, size=600, name="demo"),
    # The demo's business with an integration that books invoices and card payments.
    "integrated": ScenarioSpec(seed=2026, size=600, name="integrated", integration=True),
    # The matcher's accuracy and speed benchmark.
    "benchmark": ScenarioSpec(seed=1, size=100_000, name="benchmark"),
}


def _parse_date(value: object, key: str, path: Path) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ConfigError(f"not a date (YYYY-MM-DD): {value!r}", key=key, path=path)


def spec_from_mapping(data: dict[str, Any], path: Path) -> ScenarioSpec:
    """A spec from a parsed TOML/JSON table; a `[scenario]` table is accepted too."""
    if "scenario" in data and isinstance(data["scenario"], dict):
        data = data["scenario"]
    base = NAMED.get(str(data.get("base", "")), ScenarioSpec(name=path.stem))
    known = {f.name for f in fields(ScenarioSpec)}
    unknown = sorted(set(data) - known - {"base"})
    if unknown:
        raise ConfigError(
            f"unknown keys {', '.join(unknown)}; known: {', '.join(sorted(known))}", path=path
        )
    values: dict[str, Any] = {k: v for k, v in data.items() if k != "base"}
    for key in ("start", "end"):
        if key in values:
            values[key] = _parse_date(values[key], key, path)
    try:
        return replace(base, **values)
    except ConfigError as exc:
        raise ConfigError(str(exc), path=path) from exc
    except TypeError as exc:
        raise ConfigError(str(exc), path=path) from exc


def load_spec(name_or_file: str | Path, *, seed: int | None = None) -> ScenarioSpec:
    """A named scenario or a `.toml`/`.json` spec file; `seed` overrides the spec's seed."""
    text = str(name_or_file)
    if text in NAMED:
        spec = NAMED[text]
    else:
        path = Path(text)
        if path.suffix.lower() not in (".toml", ".json"):
            names = ", ".join(sorted(NAMED))
            raise ConfigError(
                f"no scenario named {text!r}; use one of {names} or a .toml/.json spec file",
                key="scenario",
            )
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise ConfigError(f"cannot read the scenario file: {exc.strerror}", path=path) from exc
        try:
            if path.suffix.lower() == ".toml":
                data = tomllib.loads(raw.decode("utf-8-sig"))
            else:
                data = json.loads(raw.decode("utf-8-sig"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise ConfigError(f"not a valid scenario spec: {exc}", path=path) from exc
        if not isinstance(data, dict):
            raise ConfigError("a scenario spec must be a table/object", path=path)
        spec = spec_from_mapping(data, path)
    return replace(spec, seed=seed) if seed is not None else spec
