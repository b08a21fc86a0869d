"""Nationalbanken's and the ECB's rate documents served over loopback, from one RateHistory.

    with RatesSandbox(generate_history(date(2026, 1, 1), date(2026, 6, 30))) as rates:
        NationalbankenClient(rates.base_url)   # GET /api/currencyratesxml?lang=en|da
        EcbClient(rates.base_url)              # GET /stats/eurofxref/eurofxref-….xml

The shapes are the published ones (docs/booking-modes.md): Nationalbanken's latest day with
`lang=da` writing decimal commas, the ECB's gesmes envelope of Cube elements. The last day of
the history is "today": what the real feeds would answer on that day.
"""

from __future__ import annotations

from datetime import date, timedelta
from xml.sax.saxutils import quoteattr

from econdesk.sandbox.faults import FaultPlan
from econdesk.sandbox.rates.history import CURRENCIES, RateHistory
from econdesk.sandbox.server import Request, Response, Router, SandboxServer, ServedSandbox

XML = "text/xml; charset=utf-8"


def nationalbanken_xml(history: RateHistory, lang: str) -> bytes:
    day = history.nationalbanken_days()[-1]
    rates = history.nationalbanken(day)
    danish = lang == "da"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<exchangerates type="Exchange rates" author="Danmarks Nationalbank" refcur="DKK" '
        'refamt="1">',
        f'  <dailyrates id="{day.isoformat()}">',
    ]
    for code, rate in sorted(rates.items()):
        _, danish_name, english_name = CURRENCIES[code]
        name = danish_name if danish else english_name
        text = f"{rate:f}".replace(".", ",") if danish else f"{rate:f}"
        lines.append(f'    <currency code="{code}" desc={quoteattr(name)} rate="{text}" />')
    lines += ["  </dailyrates>", "</exchangerates>", ""]
    return "\n".join(lines).encode("utf-8")


def ecb_xml(history: RateHistory, days: list[date]) -> bytes:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" '
        'xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">',
        "\t<gesmes:subject>Reference rates</gesmes:subject>",
        "\t<gesmes:Sender>",
        "\t\t<gesmes:name>European Central Bank</gesmes:name>",
        "\t</gesmes:Sender>",
        "\t<Cube>",
    ]
    for day in sorted(days, reverse=True):  # newest first, as the ECB lists them
        lines.append(f"\t\t<Cube time='{day.isoformat()}'>")
        for code, rate in sorted(history.ecb(day).items()):
            lines.append(f"\t\t\t<Cube currency='{code}' rate='{rate:f}'/>")
        lines.append("\t\t</Cube>")
    lines += ["\t</Cube>", "</gesmes:Envelope>", ""]
    return "\n".join(lines).encode("utf-8")


class RatesSandbox(ServedSandbox):
    """Both banks' rate documents from one history; see the module docstring."""

    def __init__(
        self,
        history: RateHistory,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        faults: FaultPlan | None = None,
    ) -> None:
        self.history = history
        router = Router()
        router.get("/api/currencyratesxml", self.nationalbanken)
        router.get("/stats/eurofxref/eurofxref-daily.xml", self.ecb_daily)
        router.get("/stats/eurofxref/eurofxref-hist-90d.xml", self.ecb_90d)
        router.get("/stats/eurofxref/eurofxref-hist.xml", self.ecb_history)
        self.server = SandboxServer(router, name="rates", host=host, port=port, faults=faults)

    def nationalbanken(self, request: Request) -> Response:
        lang = request.query.get("lang", "en")
        return Response(200, nationalbanken_xml(self.history, lang), {"Content-Type": XML})

    def ecb_daily(self, request: Request) -> Response:
        return self._ecb(self.history.ecb_days()[-1:])

    def ecb_90d(self, request: Request) -> Response:
        since = self.history.last - timedelta(days=90)
        return self._ecb([d for d in self.history.ecb_days() if d > since])

    def ecb_history(self, request: Request) -> Response:
        return self._ecb(self.history.ecb_days())

    def _ecb(self, days: list[date]) -> Response:
        return Response(200, ecb_xml(self.history, days), {"Content-Type": XML})
