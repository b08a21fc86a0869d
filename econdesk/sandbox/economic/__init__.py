"""A faithful local e-conomic: legacy REST and the Journals API's booking, on loopback.

`EconomicSandbox(data)` serves an `EconomicData` agreement, made by
`generate_data(seed)` or `from_bank_entries(entries)`.
"""

from econdesk.sandbox.economic.app import (
    JOURNALS_API,
    SANDBOX_AGREEMENT_GRANT_TOKEN,
    SANDBOX_APP_SECRET_TOKEN,
    EconomicSandbox,
)
from econdesk.sandbox.economic.generate import from_bank_entries, generate_data
from econdesk.sandbox.economic.store import EconomicData

__all__ = [
    "JOURNALS_API",
    "SANDBOX_AGREEMENT_GRANT_TOKEN",
    "SANDBOX_APP_SECRET_TOKEN",
    "EconomicData",
    "EconomicSandbox",
    "from_bank_entries",
    "generate_data",
]
