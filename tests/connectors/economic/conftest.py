"""An e-conomic sandbox agreement on loopback and clients for it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest

from econdesk.connectors.economic import EconomicClient
from econdesk.connectors.http import RetryPolicy
from econdesk.sandbox.economic import EconomicData, EconomicSandbox, generate_data

# Two accounting years: the split year 2025/2026 (to 30 June 2026) and 2026/2027.
START, END = date(2025, 10, 1), date(2026, 8, 31)


class Sleeps:
    """Stands in for asyncio.sleep: records the waits, so retry tests take no time."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def econ_data() -> EconomicData:
    return generate_data(11, START, END, bank_entries=2400)


@pytest.fixture
def econ(econ_data: EconomicData) -> Iterator[EconomicSandbox]:
    with EconomicSandbox(econ_data) as running:
        yield running


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def make_client(econ: EconomicSandbox, sleeps: Sleeps) -> Callable[..., EconomicClient]:
    def make(**options: Any) -> EconomicClient:
        options.setdefault("retry", RetryPolicy(attempts=4, base_delay=0.01))
        options.setdefault("sleep", sleeps)
        return EconomicClient(
            econ.app_secret_token,
            econ.agreement_grant_token,
            base_url=econ.base_url,
            journals_url=econ.journals_url,
            **options,
        )

    return make
