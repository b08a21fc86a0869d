"""Every error a connector shows a user is said through the catalogue, in Danish too.

The code is read as the catalogue tools read it: a message handed to a ConnectorError (or a
file problem, a payload field's failure, a mapping's ConfigError) must be `say(...)` of a
marked text, never a plain or f-string; every marked text of the connectors has a Danish
translation with the same placeholders. Then a few errors are said in Danish end to end.
"""

from __future__ import annotations

import ast
import string
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import econdesk.connectors
from econdesk.connectors import errors
from econdesk.connectors.economic.errors import economic_error
from econdesk.connectors.files.bankcsv import import_bank_csv
from econdesk.connectors.files.errors import FileImportError
from econdesk.connectors.files.text import SourceFile
from econdesk.connectors.http import RequestContext
from econdesk.connectors.payload import Fields
from econdesk.connectors.platform_http import error_for_status
from econdesk.i18n import catalogue
from econdesk.i18n.message import CONTEXT

PACKAGE = Path(econdesk.connectors.__file__).parent


def _error_classes(base: type) -> Iterator[str]:
    for cls in base.__subclasses__():
        yield cls.__name__
        yield from _error_classes(cls)


# callee name -> the position of the message among its positional arguments
SAID_AT = dict.fromkeys(("ConnectorError", *_error_classes(errors.ConnectorError)), 0)
SAID_AT |= {"ConfigError": 0, "RatesFormatError": 0, "single": 1, "fail": 1}


def _modules() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _message(call: ast.Call) -> ast.expr | None:
    func = call.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    if name == "add" and isinstance(func, ast.Attribute):
        receiver = ast.unparse(func.value)
        position = 0 if receiver.endswith("problems") else None
    else:
        position = SAID_AT.get(name or "")
    if position is None or len(call.args) <= position:
        return None
    return call.args[position]


def _plain_text(node: ast.expr) -> bool:
    """A literal, an f-string, a concatenation or str(...): English for every reader."""
    if isinstance(node, ast.Constant | ast.JoinedStr | ast.BinOp):
        return True
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "str"


def test_no_connector_error_is_raised_with_a_plain_english_text() -> None:
    plain = [
        f"{path.relative_to(PACKAGE.parent.parent)}:{node.lineno}: {ast.unparse(message)[:60]}"
        for path, module in _modules()
        for node in ast.walk(module)
        if isinstance(node, ast.Call)
        and (message := _message(node)) is not None
        and _plain_text(message)
    ]
    assert plain == [], "say(QT_TRANSLATE_NOOP('CLI', ...)) these:\n" + "\n".join(plain)


def _marked_texts() -> Iterator[tuple[str, str]]:
    for path, module in _modules():
        for node in ast.walk(module):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "QT_TRANSLATE_NOOP"
                and all(isinstance(a, ast.Constant) for a in node.args)
            ):
                context, source = (a.value for a in node.args)  # type: ignore[attr-defined]
                yield f"{path.name}:{node.lineno}", source
                assert context == CONTEXT, f"{path.name}:{node.lineno} marks {context!r}"


def _fields(text: str) -> list[tuple[str | None, str | None, str | None]]:
    return sorted(
        (name, spec, conversion)
        for _, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    )


def test_every_connector_text_has_a_danish_translation_with_the_same_placeholders() -> None:
    danish = catalogue("da")
    texts = list(_marked_texts())
    assert len(texts) > 150  # the scan sees the connectors' texts
    missing = [f"{where}: {source!r}" for where, source in texts
               if (CONTEXT, source) not in danish.texts]  # fmt: skip
    assert missing == [], "no Danish translation:\n" + "\n".join(missing)
    differ = [
        f"{where}: {source!r}"
        for where, source in texts
        if _fields(danish.translate(CONTEXT, source)) != _fields(source)
    ]
    assert differ == [], "the Danish text shows other values:\n" + "\n".join(differ)


def test_a_broken_bank_file_names_line_column_and_value_in_danish() -> None:
    text = "Dato;Tekst;Beløb\n01.03.2026;ok;10,00\n02.03.2026;bad;ti kroner\n03.03.2026;x;1,2,3\n"
    with pytest.raises(FileImportError) as caught:
        import_bank_csv(SourceFile("konto.csv", text.encode()), account_number=5820)
    error = caught.value
    assert error.render("da") == (
        'konto.csv linje 3, kolonne "Beløb": "ti kroner" er ikke et beløb (og 1 problem mere)'
    )
    assert str(error) == (
        'konto.csv line 3, column "Beløb": "ti kroner" is not an amount (and 1 more problem)'
    )


def _answer(status: int, body: bytes, path: str = "/journals/3/vouchers") -> httpx.Response:
    request = httpx.Request("POST", f"https://restapi.e-conomic.com{path}")
    headers = {"Content-Type": "application/json"}
    return httpx.Response(status, content=body, headers=headers, request=request)


def test_e_conomics_refusal_is_summarised_in_danish_with_its_own_words_kept() -> None:
    body = (
        b'{"message": "Validation error.", "logId": "abc-1", "errors": [{"arrayIndex": 1,'
        b' "entries": {"financeVouchers": [{"arrayIndex": 0, "account": {"errors": [{'
        b'"errorCode": "E1", "message": "Account does not allow direct entries.",'
        b' "value": "5830"}]}}, {"arrayIndex": 1, "text": {"errors": [{"errorCode": "E2",'
        b' "message": "Something odd happened."}]}}]}}]}'
    )
    ctx = RequestContext("e-conomic", "POST", "/journals/3/vouchers")
    error = economic_error(_answer(400, body), ctx)
    assert error.render("da") == (
        "e-conomic: bilag 2, linje 1: Konto 5830 tillader ikke direkte posteringer "
        "(og 1 problem mere) (support-id abc-1)"
    )
    assert str(error) == (
        "e-conomic: voucher 2, line 1: Account 5830 does not accept direct entries "
        "(and 1 more problem) (support id abc-1)"
    )
    [_, odd] = error.problems  # type: ignore[attr-defined]
    assert odd.message == "Something odd happened."  # e-conomic's words, as sent


@pytest.mark.parametrize(
    ("status", "danish"),
    [
        (401, "Stripe: den hemmelige nøgle blev ikke godtaget (Invalid API Key provided)"),
        (429, "Stripe: for mange forespørgsler (Invalid API Key provided)"),
        (503, "Stripe: Stripe fejlede hos sig selv (Invalid API Key provided)"),
    ],
)
def test_a_platforms_refusal_is_framed_in_danish_around_its_own_words(
    status: int, danish: str
) -> None:
    from econdesk.connectors.stripe.client import stripe_error  # the platform's own mapper

    body = b'{"error": {"message": "Invalid API Key provided", "type": "invalid_request_error"}}'
    ctx = RequestContext("Stripe", "GET", "/v1/payouts")
    error = stripe_error(_answer(status, body, "/v1/payouts"), ctx)
    assert error.render("da") == danish
    assert "Invalid API Key provided" in str(error)


def test_an_odd_answer_names_object_and_field_in_danish() -> None:
    fields = Fields("Stripe", "payout", {"id": "po_1", "amount": "12"})
    with pytest.raises(errors.MalformedResponse) as caught:
        fields.integer("amount")
    assert caught.value.render("da") == (
        "Stripe: payout po_1: feltet 'amount' skal være et heltal, fik str '12'"
    )
    assert (
        str(caught.value) == "Stripe: payout po_1: field 'amount' must be an integer, got str '12'"
    )


def test_the_default_credential_words_are_said_too() -> None:
    ctx = RequestContext("Chargebee", "GET", "/api/v2/transactions")
    error = error_for_status(_answer(401, b"{}", "/api/v2/transactions"), ctx, said="HTTP 401")
    assert error.render("da") == "Chargebee: API-nøglen blev ikke godtaget (HTTP 401)"
