"""Published daily exchange rates: Danmarks Nationalbank's, with the ECB's as the fallback."""

from econdesk.connectors.rates.client import (
    ECB_URL,
    NATIONALBANKEN_URL,
    EcbClient,
    NationalbankenClient,
)
from econdesk.connectors.rates.parse import DailyRates, parse_ecb, parse_nationalbanken

__all__ = [
    "ECB_URL", "NATIONALBANKEN_URL", "DailyRates", "EcbClient", "NationalbankenClient",
    "parse_ecb", "parse_nationalbanken",
]  # fmt: skip
