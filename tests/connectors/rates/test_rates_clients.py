"""Nationalbanken's and the ECB's rate documents, fetched over loopback from the sandbox."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest

from econdesk.connectors.errors import MalformedResponse
from econdesk.connectors.rates import EcbClient, NationalbankenClient, parse_ecb
from econdesk.connectors.rates.parse import RatesFormatError, parse_nationalbanken
from econdesk.sandbox.rates import RatesSandbox, generate_history
from econdesk.sandbox.server import Response

FIRST, LAST = date(2026, 1, 1), date(2026, 5, 15)  # 15 May 2026: the Friday after Ascension


@pytest.fixture(scope="module")
def rates() -> Iterator[RatesSandbox]:
    with RatesSandbox(generate_history(FIRST, LAST, seed=3)) as running:
        yield running


def test_nationalbanken_latest_in_english_and_danish(rates: RatesSandbox) -> None:
    async def both() -> tuple[list, list]:  # type: ignore[type-arg]
        en = NationalbankenClient(rates.base_url, lang="en")
        da = NationalbankenClient(rates.base_url, lang="da")
        try:
            return await en.latest(), await da.latest()
        finally:
            await en.aclose()
            await da.aclose()

    english, danish = asyncio.run(both())
    # No rates on Ascension Day (14 May) or the Friday after: the latest is Wednesday's.
    assert [d.day for d in english] == [date(2026, 5, 13)]
    assert english == danish  # the decimal comma read as the same numbers
    assert english[0].per_100 == rates.history.nationalbanken(date(2026, 5, 13))
    assert english[0].per_100["EUR"] == Decimal("746.04")
    assert english[0].source == "nationalbanken"
    sent = rates.server.exchanges(method="GET")
    assert any("lang=da" in e.target for e in sent)


def test_ecb_documents_convert_to_dkk_per_100(rates: RatesSandbox) -> None:
    async def fetch() -> dict[str, list]:  # type: ignore[type-arg]
        client = EcbClient(rates.base_url)
        try:
            return {span: await client.fetch(span) for span in ("daily", "90d", "history")}
        finally:
            await client.aclose()

    got = asyncio.run(fetch())
    daily, recent, history = got["daily"], got["90d"], got["history"]
    # The ECB publishes on Ascension Day and the Friday after (TARGET days).
    assert [d.day for d in daily] == [LAST]
    assert recent[-1].day == LAST and (LAST - recent[0].day).days < 90
    assert history[0].day == date(2026, 1, 2)  # 1 January is a TARGET holiday
    assert all(d.day.weekday() < 5 for d in history)
    assert date(2026, 4, 3) not in {d.day for d in history}  # Good Friday
    day = history[-1]
    ecb = rates.history.ecb(LAST)
    assert day.per_100["EUR"] == 100 * ecb["DKK"]
    usd = (100 * ecb["DKK"] / ecb["USD"]).quantize(Decimal("0.000001"))
    assert day.per_100["USD"] == usd
    # Derived from the euro rates, within a few øre of Nationalbanken's quote.
    quoted = rates.history.nationalbanken(date(2026, 5, 13))["USD"]
    assert abs(history[-3].per_100["USD"] - quoted) < Decimal("0.5")


def test_the_ecbs_own_example_document_reads() -> None:
    body = b"""<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01"
 xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
<gesmes:subject>Reference rates</gesmes:subject>
<Cube><Cube time='2026-03-02'><Cube currency='USD' rate='1.0800'/>
<Cube currency='DKK' rate='7.4604'/></Cube></Cube></gesmes:Envelope>"""
    (day,) = parse_ecb(body)
    assert day.day == date(2026, 3, 2)
    assert day.per_100 == {"EUR": Decimal("746.040000"), "USD": Decimal("690.777778")}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<exchangerates", "not well-formed XML"),
        (b"<rates/>", 'expected <exchangerates refcur="DKK">, got <rates>'),
        (b'<exchangerates refcur="DKK"/>', "no <dailyrates>"),
        (
            b'<exchangerates><dailyrates id="2026-13-01"/></exchangerates>',
            "dailyrates id: expected a date YYYY-MM-DD, got '2026-13-01'",
        ),
        (
            b'<exchangerates><dailyrates id="2026-01-05"><currency code="EUR" rate="x"/>'
            b"</dailyrates></exchangerates>",
            "dailyrates 2026-01-05 currency EUR: expected a rate, got 'x'",
        ),
        (
            b'<!DOCTYPE x [<!ENTITY a "b">]><exchangerates>&a;</exchangerates>',
            "not well-formed XML",
        ),
    ],
)
def test_a_bad_nationalbanken_document_names_what_is_wrong(body: bytes, message: str) -> None:
    with pytest.raises(RatesFormatError, match=message.replace("[", r"\[")):
        parse_nationalbanken(body)


def test_a_suspended_currency_is_left_out_and_a_comma_thousands_rate_reads() -> None:
    body = (
        b'<exchangerates refcur="DKK"><dailyrates id="2026-01-05">'
        b'<currency code="RUB" desc="Russiske rubler" rate="-"/>'
        b'<currency code="XAU" desc="Guld" rate="1.234,5"/>'
        b"</dailyrates></exchangerates>"
    )
    (day,) = parse_nationalbanken(body)
    assert day.per_100 == {"XAU": Decimal("1234.5")}


def test_a_malformed_answer_is_a_connector_error_naming_the_bank(rates: RatesSandbox) -> None:
    rates.server.router.get("/broken/api/currencyratesxml", lambda q: Response(200, b"<html>"))

    async def fetch() -> None:
        client = NationalbankenClient(f"{rates.base_url}/broken")
        try:
            await client.latest()
        finally:
            await client.aclose()

    with pytest.raises(MalformedResponse) as caught:
        asyncio.run(fetch())
    assert str(caught.value).startswith("Danmarks Nationalbank: Nationalbanken's rates is not")
