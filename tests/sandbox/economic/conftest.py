"""Fixtures for the e-conomic sandbox tests: a small generated agreement served on loopback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest
from jsonschema import Draft3Validator

from econdesk.connectors import jsonio
from econdesk.sandbox.economic import EconomicData, EconomicSandbox, generate_data

SCHEMAS = Path(__file__).parent / "schemas"  # e-conomic's own published draft-03 schemas


@cache
def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMAS / f"{name}.schema.json").read_text("utf-8"))
    return loaded


# Where a published schema contradicts itself: journals.journalNumber.get gives
# maximumVoucherNumber a *minimum* of 999999999, while journals.get (same object) gives it
# that value as its maximum. The collection schema's reading is the plausible one.
# Likewise the single period's schema allows a year name of 4 characters, the periods
# collection's 10: a year such as "2025/2026" is e-conomic's own name for a broken year.
KNOWN_DEFECTS = {
    ("journals.journalNumber.get", ("settings", "voucherNumbers", "maximumVoucherNumber")),
    (
        "accounting-years.accountingYear.periods.accountingYearPeriod.get",
        ("accountingYear", "year"),
    ),
}


def schema_errors(name: str, document: Any) -> list[str]:
    validator = Draft3Validator(schema(name))
    return [
        f"{list(e.absolute_path)}: {e.message}"
        for e in validator.iter_errors(document)
        if (name, tuple(e.absolute_path)) not in KNOWN_DEFECTS
    ]


@pytest.fixture
def econ_data() -> EconomicData:
    return generate_data(7, date(2025, 10, 1), date(2026, 3, 31), bank_entries=2500)


@pytest.fixture
def econ(econ_data: EconomicData) -> Iterator[EconomicSandbox]:
    with EconomicSandbox(econ_data) as running:
        yield running


@pytest.fixture
def http(econ: EconomicSandbox) -> Iterator[httpx.Client]:
    headers = {
        "X-AppSecretToken": econ.app_secret_token,
        "X-AgreementGrantToken": econ.agreement_grant_token,
    }
    # verify=False: plain http on loopback, and it spares loading a CA bundle per test.
    with httpx.Client(base_url=econ.base_url, headers=headers, verify=False) as client:
        yield client


@pytest.fixture
def check_schema() -> Any:
    """`check_schema(name, document)` -> the schema violations (an empty list when valid)."""
    return schema_errors


def body(response: httpx.Response) -> Any:
    return jsonio.loads(response.content)


@pytest.fixture
def read() -> Any:
    """`read(response)` -> its JSON with Decimal fractions."""
    return body
