"""The app's error box says a connector's failure in the app's language, its detail as sent."""

from __future__ import annotations

import httpx

from econdesk.connectors.http import RequestContext
from econdesk.connectors.stripe.client import stripe_error
from econdesk.qt import i18n
from econdesk.qt.errors import error_box, explain
from econdesk.qt.tasks import Failure


def _refused() -> Exception:
    request = httpx.Request("GET", "https://api.stripe.com/v1/payouts")
    body = b'{"error": {"message": "Invalid API Key provided", "type": "invalid_request_error"}}'
    response = httpx.Response(401, content=body, request=request)
    return stripe_error(response, RequestContext("Stripe", "GET", "/v1/payouts"))


def test_a_refused_key_reads_in_danish_in_a_danish_app(qtbot) -> None:
    error = _refused()
    i18n.install_language("da")
    try:
        sentence, technical = explain(error)
        box = error_box(None, "Synkronisering", Failure(error, ""))
    finally:
        i18n.install_language("en")
    assert box is not None
    qtbot.addWidget(box)
    assert sentence == "Stripe: den hemmelige nøgle blev ikke godtaget (Invalid API Key provided)"
    assert box.text() == sentence
    assert "HTTP 401" in technical and "GET /v1/payouts" in technical
    english, _ = explain(error)
    assert english == "Stripe: the secret key was not accepted (Invalid API Key provided)"
