"""Talking to e-conomic and the platforms for the settings dialog: test, and read the chart.

Runs on a network worker. Answers are sentences a bookkeeper reads ("Connected to Demo ApS:
84 accounts, 12 VAT codes"); failures are the connectors' own errors, shown by the dialog.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from econdesk import composition
from econdesk.accounting.chart import Chart
from econdesk.composition import connect_economic
from econdesk.connectors import eventloop
from econdesk.connectors.platform import MERCHANT_TZ, PlatformSource, Window
from econdesk.errors import ConfigError
from econdesk.services.posting import read_chart

if TYPE_CHECKING:
    from econdesk.connectors.economic.client import EconomicClient


@dataclass(frozen=True)
class EconomicAnswer:
    summary: str
    chart: Chart
    agreement: str


def economic_client(
    base_url: str, app_secret: str, grant: str, journals_url: str | None = None
) -> EconomicClient:
    if not app_secret or not grant:
        raise ConfigError("type both e-conomic tokens (or keep the ones stored) to connect")
    return connect_economic(base_url, app_secret, grant, journals_url)


def test_economic(
    base_url: str, app_secret: str, grant: str, journals_url: str | None = None
) -> EconomicAnswer:
    """Read the agreement and its chart; the summary says what was found."""

    async def work() -> EconomicAnswer:
        async with economic_client(base_url, app_secret, grant, journals_url) as client:
            agreement = await client.agreement()
            chart, _years = await read_chart(client)
        who = f"{agreement.company_name} (agreement {agreement.agreement_number})"
        postable = sum(1 for a in chart.accounts.values() if not a.barred)
        summary = (
            f"{who}: {postable} accounts, {len(chart.vat_codes)} VAT codes, "
            f"{len(chart.journals)} daybooks, base currency {chart.base_currency}"
        )
        return EconomicAnswer(summary, chart, who)

    return eventloop.run(work())


def platform_client(provider: str, base_url: str, api_key: str) -> PlatformSource:
    if not api_key:
        raise ConfigError(f"type the {provider} API key (or keep the stored one) to connect")
    return composition.platform_client(provider, api_key, base_url)


def test_platform(provider: str, base_url: str, api_key: str) -> str:
    """Read the first page of the platform's first stream over the last week."""

    async def work() -> str:
        client = platform_client(provider, base_url, api_key)
        try:
            today = datetime.now(MERCHANT_TZ).date()
            window = Window(today - timedelta(days=7), today + timedelta(days=1))
            stream = client.streams[0]
            async for page in client.pages(stream, window):
                return (
                    f"{provider.capitalize()} answered: {len(page.items)} items and "
                    f"{len(page.payouts)} payouts on the first page of the last 7 days"
                )
            return f"{provider.capitalize()} answered: nothing in the last 7 days"
        finally:
            await client.aclose()

    return eventloop.run(work())


@dataclass(frozen=True)
class SourceAnswer:
    """What a source's API answered with the credentials typed: its payouts over the last
    week (a token was issued, or the call would have failed)."""

    source: str
    payouts: int


def test_credentials(
    source: str,
    base_url: str,
    client_id: str,
    client_secret: str,
    *,
    subscription_key: str = "",
    merchant_serial_numbers: Sequence[str] = (),
) -> SourceAnswer:
    """Fetch an access token with the client credentials and read the last week's payouts
    (Clearhaus settlements paid out, Vipps MobilePay payouts scheduled)."""
    if not client_id or not client_secret:
        raise ConfigError(f"type the {source} client id and secret (or keep the stored one)")

    async def work() -> SourceAnswer:
        client = composition.credential_client(
            source,
            base_url,
            client_id,
            client_secret,
            subscription_key=subscription_key,
            merchant_serial_numbers=merchant_serial_numbers,
        )
        try:
            today = datetime.now(MERCHANT_TZ).date()
            window = Window(today - timedelta(days=7), today + timedelta(days=1))
            payouts = 0
            async for page in client.pages(client.streams[0], window):
                payouts += len(page.payouts)
                break  # the first page answers the question
            return SourceAnswer(source, payouts)
        finally:
            await client.aclose()

    return eventloop.run(work())
