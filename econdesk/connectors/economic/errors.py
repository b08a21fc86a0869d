"""e-conomic's error answers turned into sentences a bookkeeper understands.

Three documented shapes (docs/economic-api.md#errors):

- legacy REST: `{"message", "developerHint", "logId", "httpStatusCode", "errors", "logTime"}`
  where `errors` mirrors the request payload: `{"field": {"errors": [{errorCode, message,
  value, developerHint}]}}`, arrays as lists of objects carrying `arrayIndex`; for a bulk POST
  the top level itself is such a list. A rejected filter sends `errors` as a list of strings
  plus `allowedFilteringFields`.
- the newer APIs: `application/problem+json` with `title`, `detail`, `errors[]` of
  `{message, errorCode, property}`, `traceId`.
- a 409 on the newer APIs: `{"message", "developerHint", "logId", "property"}`.

Each becomes a ConnectorError subclass whose message names the thing in the books ("Account
5830 does not accept direct entries", "voucher 2, line 1: ..."), with the server's own words,
the status and the request in `detail`, and `logId`/`traceId` as `log_id` for e-conomic support.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import httpx

from econdesk.connectors import jsonio
from econdesk.connectors.errors import (
    AccessDenied,
    AuthError,
    Conflict,
    ConnectorError,
    FieldProblem,
    NotFound,
    RateLimited,
    ServerError,
    UnexpectedStatus,
    ValidationError,
    and_more,
    verbatim,
)
from econdesk.connectors.http import RequestContext, body_excerpt, parse_retry_after
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import Message, say

SYSTEM = "e-conomic"

_INDEX = re.compile(r"\[(\d+)\]")


def _body(response: httpx.Response) -> Mapping[str, Any]:
    try:
        data = jsonio.loads(response.content)
    except ValueError:
        return {}
    return data if isinstance(data, Mapping) else {}


def _text(value: object) -> str | None:
    if value is None:
        return None
    return str(value)


def legacy_problems(errors: object, path: str = "") -> Iterator[FieldProblem]:
    """Every field problem in a legacy `errors` tree, with its payload path."""
    if isinstance(errors, list):
        for position, item in enumerate(errors):
            if isinstance(item, str):
                yield FieldProblem(path, item)
            elif isinstance(item, Mapping):
                index = item.get("arrayIndex", position)
                yield from legacy_problems(item, f"{path}[{index}]")
        return
    if not isinstance(errors, Mapping):
        return
    for key, value in errors.items():
        if key == "arrayIndex":
            continue
        if key == "errors" and isinstance(value, list):
            for error in value:
                if isinstance(error, Mapping):
                    yield FieldProblem(
                        path,
                        str(error.get("message") or "is not valid"),
                        _text(error.get("errorCode")),
                        _text(error.get("value")),
                        _top_index(path),
                    )
                elif isinstance(error, str):
                    yield FieldProblem(path, error, index=_top_index(path))
            continue
        yield from legacy_problems(value, f"{path}.{key}" if path else key)


def _top_index(path: str) -> int | None:
    found = re.match(r"\[(\d+)\]", path)
    return int(found.group(1)) if found else None


# -- wording ---------------------------------------------------------------------------------

# The fields a bookkeeper knows by name, as a sentence opens with them
_FIELD_NAMES = {
    "account": QT_TRANSLATE_NOOP("CLI", "Account"),
    "contraAccount": QT_TRANSLATE_NOOP("CLI", "Contra account"),
    "vatAccount": QT_TRANSLATE_NOOP("CLI", "VAT code"),
    "contraVatAccount": QT_TRANSLATE_NOOP("CLI", "Contra VAT code"),
    "customer": QT_TRANSLATE_NOOP("CLI", "Customer"),
    "currency": QT_TRANSLATE_NOOP("CLI", "Currency"),
    "accountingYear": QT_TRANSLATE_NOOP("CLI", "Accounting year"),
    "journal": QT_TRANSLATE_NOOP("CLI", "Journal"),
    "voucher": QT_TRANSLATE_NOOP("CLI", "Voucher number"),
    "text": QT_TRANSLATE_NOOP("CLI", "Entry text"),
    "date": QT_TRANSLATE_NOOP("CLI", "Date"),
    "amount": QT_TRANSLATE_NOOP("CLI", "Amount"),
    "exchangeRate": QT_TRANSLATE_NOOP("CLI", "Exchange rate"),
    "customerInvoice": QT_TRANSLATE_NOOP("CLI", "Invoice number"),
}


def _where(path: str) -> Message | None:
    """`[1].entries.financeVouchers[0].account` -> `voucher 2, line 1`."""
    voucher = re.match(r"\[(\d+)\]", path)
    line = re.search(r"entries\.\w+\[(\d+)\]", path)
    number = int(voucher.group(1)) + 1 if voucher else None
    row = int(line.group(1)) + 1 if line else None
    if number is not None and row is not None:
        return say(QT_TRANSLATE_NOOP("CLI", "voucher {0}, line {1}"), number, row)
    if number is not None:
        return say(QT_TRANSLATE_NOOP("CLI", "voucher {0}"), number)
    if row is not None:
        return say(QT_TRANSLATE_NOOP("CLI", "line {0}"), row)
    return None


def _field(path: str) -> str:
    """The innermost named field of a payload path (`...account.accountNumber` -> account)."""
    names = [p for p in _INDEX.sub("", path).split(".") if p]
    while names and names[-1] in ("accountNumber", "vatCode", "customerNumber", "code", "year"):
        if len(names) == 1:
            break
        names.pop()
    return names[-1] if names else ""


def _unknown(lowered: str) -> bool:
    return "not exist" in lowered or "not found" in lowered


def _account(value: str, message: str, lowered: str) -> Message:
    if "direct entr" in lowered:
        return say(QT_TRANSLATE_NOOP("CLI", "Account {0} does not accept direct entries"), value)
    if "barred" in lowered:
        return say(QT_TRANSLATE_NOOP("CLI", "Account {0} is barred"), value)
    if _unknown(lowered):
        return say(QT_TRANSLATE_NOOP("CLI", "Account {0} does not exist in e-conomic"), value)
    return say(QT_TRANSLATE_NOOP("CLI", "Account {0}: {1}"), value, message)


def _vat_code(value: str, message: str, lowered: str) -> Message:
    if _unknown(lowered):
        return say(QT_TRANSLATE_NOOP("CLI", "VAT code {0} does not exist in e-conomic"), value)
    if "barred" in lowered:
        return say(QT_TRANSLATE_NOOP("CLI", "VAT code {0} is barred"), value)
    return say(QT_TRANSLATE_NOOP("CLI", "VAT code {0}: {1}"), value, message)


def _said(field: str, value: str | None, message: str) -> Message:
    """What is wrong, in the bookkeeper's words; e-conomic's own message kept as it is."""
    lowered = message.lower()
    if field in ("account", "contraAccount") and value:
        return _account(value, message, lowered)
    if field in ("vatAccount", "contraVatAccount") and value:
        return _vat_code(value, message, lowered)
    if field == "customer" and value and _unknown(lowered):
        return say(QT_TRANSLATE_NOOP("CLI", "Customer {0} does not exist in e-conomic"), value)
    if field == "text" and ("length" in lowered or "long" in lowered):
        return say(
            QT_TRANSLATE_NOOP(
                "CLI", "The entry text is longer than e-conomic allows (250 characters)"
            )
        )
    if field:
        what = (
            say(_FIELD_NAMES[field])
            if field in _FIELD_NAMES
            else verbatim(field[0].upper() + field[1:])
        )
        if value:
            return say("{0} {1}: {2}", what, value, message)
        return say("{0}: {1}", what, message)
    return verbatim(message) if message else REFUSED


def sentence(problem: FieldProblem) -> Message:
    """One problem as a bookkeeper reads it."""
    message = problem.message.strip().rstrip(".")
    said = _said(_field(problem.path), problem.value, message)
    where = _where(problem.path)
    return say("{0}: {1}", where, said) if where else said


def _summary(problems: list[FieldProblem], fallback: Message) -> Message:
    if not problems:
        return fallback
    return and_more(sentence(problems[0]), len(problems) - 1)


REFUSED = say(QT_TRANSLATE_NOOP("CLI", "the request was refused"))
SLOW_DOWN = say(
    QT_TRANSLATE_NOOP(
        "CLI", "e-conomic asks econdesk to slow down (rate limit reached); try again shortly"
    )
)


# -- the mapper ------------------------------------------------------------------------------


def economic_error(response: httpx.Response, ctx: RequestContext) -> ConnectorError:
    """The ConnectorError for a failed e-conomic answer (legacy REST or the newer APIs)."""
    status = response.status_code
    body = _body(response)
    content_type = response.headers.get("Content-Type", "")
    if "problem+json" in content_type or "traceId" in body or "title" in body:
        return _problem_error(response, body, ctx)
    server_message = str(body.get("message") or "").strip()
    detail = _legacy_detail(response, body, ctx, server_message)
    log_id = _text(body.get("logId"))
    if status == 429:
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        return RateLimited(
            SLOW_DOWN,
            retry_after=retry_after,
            system=SYSTEM,
            detail=detail,
            log_id=log_id,
        )
    common: dict[str, Any] = {"system": SYSTEM, "detail": detail, "log_id": log_id}
    if status in (400, 415, 422):
        return _legacy_refusal(status, body, server_message, common)
    return _legacy_status_error(status, server_message, ctx, common)


def _legacy_detail(
    response: httpx.Response, body: Mapping[str, Any], ctx: RequestContext, server_message: str
) -> str:
    """The technical detail line: request, status, the server's message and developer hint."""
    hint = str(body.get("developerHint") or "").strip()
    detail = f"{ctx.describe()} -> HTTP {response.status_code}"
    if server_message:
        detail += f": {server_message}"
    if hint:
        detail += f" ({hint})"
    if not body:
        detail += f": {body_excerpt(response)}"
    return detail


def _legacy_refusal(
    status: int, body: Mapping[str, Any], server_message: str, common: dict[str, Any]
) -> ValidationError:
    """A legacy 400/415/422: the field problems, and which fields a filter may name."""
    problems = list(legacy_problems(body.get("errors")))
    allowed = body.get("allowedFilteringFields")
    if isinstance(allowed, list) and allowed:
        common["detail"] += f"; filterable: {', '.join(str(a) for a in allowed)}"
    return ValidationError(
        _summary(problems, verbatim(server_message) if server_message else REFUSED),
        problems=problems,
        status=status,
        **common,
    )


def _legacy_status_error(
    status: int, server_message: str, ctx: RequestContext, common: dict[str, Any]
) -> ConnectorError:
    """A legacy failure the status alone explains (auth, access, missing, conflict, server)."""
    if status == 401:
        return AuthError(
            say(
                QT_TRANSLATE_NOOP(
                    "CLI",
                    "the app or agreement token was not accepted (wrong, or the agreement "
                    "revoked econdesk's access); connect econdesk to e-conomic again",
                )
            ),
            status=status,
            **common,
        )
    if status == 403:
        return AccessDenied(
            say(
                QT_TRANSLATE_NOOP("CLI", "the agreement's grant does not allow this ({0})"),
                server_message.rstrip("."),
            )
            if server_message
            else say(QT_TRANSLATE_NOOP("CLI", "the agreement's grant does not allow this")),
            status=status,
            **common,
        )
    if status == 404:
        return NotFound(
            say(QT_TRANSLATE_NOOP("CLI", "not found: {0}"), ctx.path.split("?", 1)[0]),
            status=status,
            **common,
        )
    if status == 409:
        return Conflict(
            say(
                QT_TRANSLATE_NOOP(
                    "CLI", "the object was changed in e-conomic in the meantime; read it again"
                )
            ),
            status=status,
            **common,
        )
    if status >= 500:
        return ServerError(
            say(QT_TRANSLATE_NOOP("CLI", "e-conomic failed on its side; try again later")),
            status=status,
            **common,
        )
    return UnexpectedStatus(
        say(QT_TRANSLATE_NOOP("CLI", "unexpected answer HTTP {0}: {1}"), status, server_message)
        if server_message
        else say(QT_TRANSLATE_NOOP("CLI", "unexpected answer HTTP {0}"), status),
        status=status,
        **common,
    )


def _problem_error(
    response: httpx.Response, body: Mapping[str, Any], ctx: RequestContext
) -> ConnectorError:
    status = response.status_code
    title = str(body.get("title") or "").strip()
    detail_text = str(body.get("detail") or "").strip()
    log_id = _text(body.get("traceId"))
    problems: list[FieldProblem] = []
    for item in body.get("errors") or []:
        if isinstance(item, Mapping):
            problems.append(
                FieldProblem(
                    str(item.get("property") or ""),
                    str(item.get("message") or "is not valid"),
                    _text(item.get("errorCode")),
                )
            )
    detail = f"{ctx.describe()} -> HTTP {status}"
    for part in (title, detail_text, _text(body.get("errorCode"))):
        if part:
            detail += f": {part}"
    said = verbatim(detail_text or title or f"HTTP {status}")
    common: dict[str, Any] = {"system": SYSTEM, "detail": detail, "log_id": log_id}
    if status == 401:
        return AuthError(
            say(
                QT_TRANSLATE_NOOP(
                    "CLI",
                    "the app or agreement token was not accepted; "
                    "connect econdesk to e-conomic again",
                )
            ),
            status=status,
            **common,
        )
    if status == 403:
        return AccessDenied(
            say(QT_TRANSLATE_NOOP("CLI", "the agreement's grant does not allow this ({0})"), said),
            **common,
        )
    if status == 404:
        return NotFound(
            say(QT_TRANSLATE_NOOP("CLI", "not found: {0}"), said), status=status, **common
        )
    if status == 409:
        return Conflict(
            say(QT_TRANSLATE_NOOP("CLI", "changed in e-conomic in the meantime: {0}"), said),
            status=status,
            **common,
        )
    if status == 429:
        return RateLimited(
            SLOW_DOWN,
            retry_after=parse_retry_after(response.headers.get("Retry-After")),
            system=SYSTEM,
            detail=detail,
            log_id=log_id,
        )
    if status >= 500:
        return ServerError(
            say(QT_TRANSLATE_NOOP("CLI", "e-conomic failed on its side: {0}"), said),
            status=status,
            **common,
        )
    messages = [p.message if not p.path else f"{p.path}: {p.message}" for p in problems]
    return ValidationError(
        verbatim("; ".join(messages)) if messages else said,
        problems=problems,
        status=status,
        **common,
    )
