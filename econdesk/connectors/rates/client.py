"""Fetching the rate documents: Nationalbanken's latest day, the ECB's day, 90 days or history.

Both are public files without authentication; a sandbox on loopback serves the same shapes
(econdesk/sandbox/rates). Errors are the connectors' own: a document that cannot be read is a
`MalformedResponse` naming the bank.
"""

from __future__ import annotations

import httpx

from econdesk.connectors.errors import MalformedResponse
from econdesk.connectors.http import HttpClient
from econdesk.connectors.rates.parse import (
    DailyRates,
    RatesFormatError,
    parse_ecb,
    parse_nationalbanken,
)

NATIONALBANKEN_URL = "https://www.nationalbanken.dk"
ECB_URL = "https://www.ecb.europa.eu"
NATIONALBANKEN_PATH = "/api/currencyratesxml"
ECB_PATHS = {
    "daily": "/stats/eurofxref/eurofxref-daily.xml",
    "90d": "/stats/eurofxref/eurofxref-hist-90d.xml",
    "history": "/stats/eurofxref/eurofxref-hist.xml",
}


class NationalbankenClient:
    """Danmarks Nationalbank's rates of the latest publication day (DKK per 100 units)."""

    SYSTEM = "Danmarks Nationalbank"

    def __init__(
        self,
        base_url: str = NATIONALBANKEN_URL,
        *,
        lang: str = "en",
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.lang = lang
        self.http = HttpClient(base_url, system=self.SYSTEM, transport=transport)

    async def latest(self) -> list[DailyRates]:
        response = await self.http.request("GET", NATIONALBANKEN_PATH, params={"lang": self.lang})
        try:
            return parse_nationalbanken(response.content)
        except RatesFormatError as exc:
            raise MalformedResponse(exc.said, obj="exchange rates", system=self.SYSTEM) from None

    async def aclose(self) -> None:
        await self.http.aclose()


class EcbClient:
    """The ECB's euro reference rates, converted to DKK per 100 units through the DKK rate."""

    SYSTEM = "ECB"

    def __init__(
        self, base_url: str = ECB_URL, *, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.http = HttpClient(base_url, system=self.SYSTEM, transport=transport)

    async def fetch(self, span: str) -> list[DailyRates]:
        """`span`: "daily" (the latest day), "90d" (the last 90 days) or "history" (all)."""
        response = await self.http.request("GET", ECB_PATHS[span])
        try:
            return parse_ecb(response.content)
        except RatesFormatError as exc:
            raise MalformedResponse(exc.said, obj="exchange rates", system=self.SYSTEM) from None

    async def aclose(self) -> None:
        await self.http.aclose()
