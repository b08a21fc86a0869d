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
)
from econdesk.connectors.http import RequestContext, body_excerpt, parse_retry_after

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

_FIELD_NAMES = {
    "account": "account",
    "contraAccount": "contra account",
    "vatAccount": "VAT code",
    "contraVatAccount": "contra VAT code",
    "customer": "customer",
    "currency": "currency",
    "accountingYear": "accounting year",
    "journal": "journal",
    "voucher": "voucher number",
    "text": "entry text",
    "date": "date",
    "amount": "amount",
    "exchangeRate": "exchange rate",
    "customerInvoice": "invoice number",
}


def _where(path: str) -> str:
    """`[1].entries.financeVouchers[0].account` -> `voucher 2, line 1`."""
    parts: list[str] = []
    voucher = re.match(r"\[(\d+)\]", path)
    if voucher:
        parts.append(f"voucher {int(voucher.group(1)) + 1}")
    line = re.search(r"entries\.\w+\[(\d+)\]", path)
    if line:
        parts.append(f"line {int(line.group(1)) + 1}")
    return ", ".join(parts)


def _field(path: str) -> str:
    """The innermost named field of a payload path (`...account.accountNumber` -> account)."""
    names = [p for p in _INDEX.sub("", path).split(".") if p]
    while names and names[-1] in ("accountNumber", "vatCode", "customerNumber", "code", "year"):
        if len(names) == 1:
            break
        names.pop()
    return names[-1] if names else ""


def sentence(problem: FieldProblem) -> str:
    """One problem as a bookkeeper reads it."""
    field = _field(problem.path)
    message = problem.message.strip().rstrip(".")
    lowered = message.lower()
    value = problem.value
    what = _FIELD_NAMES.get(field, field)
    if field in ("account", "contraAccount") and value:
        if "direct entr" in lowered:
            said = f"Account {value} does not accept direct entries"
        elif "barred" in lowered:
            said = f"Account {value} is barred"
        elif "not exist" in lowered or "not found" in lowered:
            said = f"Account {value} does not exist in e-conomic"
        else:
            said = f"Account {value}: {message}"
    elif field in ("vatAccount", "contraVatAccount") and value:
        if "not exist" in lowered or "not found" in lowered:
            said = f"VAT code {value} does not exist in e-conomic"
        elif "barred" in lowered:
            said = f"VAT code {value} is barred"
        else:
            said = f"VAT code {value}: {message}"
    elif field == "customer" and value and ("not exist" in lowered or "not found" in lowered):
        said = f"Customer {value} does not exist in e-conomic"
    elif field == "accountingYear" and value:
        said = f"Accounting year {value}: {message}"
    elif field == "text" and ("length" in lowered or "long" in lowered):
        said = "The entry text is longer than e-conomic allows (250 characters)"
    elif what:
        said = f"{what[0].upper()}{what[1:]}" + (f" {value}" if value else "") + f": {message}"
    else:
        said = message or "the request was refused"
    where = _where(problem.path)
    return f"{where}: {said}" if where else said


def _summary(problems: list[FieldProblem], fallback: str) -> str:
    if not problems:
        return fallback
    first = sentence(problems[0])
    more = len(problems) - 1
    return first + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else "")


# -- the mapper ------------------------------------------------------------------------------


def economic_error(response: httpx.Response, ctx: RequestContext) -> ConnectorError:
    """The ConnectorError for a failed e-conomic answer (legacy REST or the newer APIs)."""
    status = response.status_code
    body = _body(response)
    content_type = response.headers.get("Content-Type", "")
    if "problem+json" in content_type or "traceId" in body or "title" in body:
        return _problem_error(response, body, ctx)
    server_message = str(body.get("message") or "").strip()
    hint = str(body.get("developerHint") or "").strip()
    log_id = _text(body.get("logId"))
    detail = f"{ctx.describe()} -> HTTP {status}"
    if server_message:
        detail += f": {server_message}"
    if hint:
        detail += f" ({hint})"
    if not body:
        detail += f": {body_excerpt(response)}"
    common: dict[str, Any] = {"system": SYSTEM, "detail": detail, "log_id": log_id}
    if status == 401:
        return AuthError(
            "the app or agreement token was not accepted (wrong, or the agreement revoked "
            "econdesk's access); connect econdesk to e-conomic again",
            status=status,
            **common,
        )
    if status == 403:
        return AccessDenied(
            "the agreement's grant does not allow this"
            + (f" ({server_message.rstrip('.')})" if server_message else ""),
            status=status,
            **common,
        )
    if status == 404:
        return NotFound(f"not found: {ctx.path.split('?', 1)[0]}", status=status, **common)
    if status == 409:
        return Conflict(
            "the object was changed in e-conomic in the meantime; read it again",
            status=status,
            **common,
        )
    if status == 429:
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        return RateLimited(
            "e-conomic asks econdesk to slow down (rate limit reached); try again shortly",
            retry_after=retry_after,
            system=SYSTEM,
            detail=detail,
            log_id=log_id,
        )
    if status >= 500:
        return ServerError("e-conomic failed on its side; try again later", status=status, **common)
    if status in (400, 415, 422):
        problems = list(legacy_problems(body.get("errors")))
        allowed = body.get("allowedFilteringFields")
        if isinstance(allowed, list) and allowed:
            common["detail"] += f"; filterable: {', '.join(str(a) for a in allowed)}"
        return ValidationError(
            _summary(problems, server_message or "the request was refused"),
            problems=problems,
            status=status,
            **common,
        )
    return UnexpectedStatus(
        f"unexpected answer HTTP {status}" + (f": {server_message}" if server_message else ""),
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
    said = detail_text or title or f"HTTP {status}"
    common: dict[str, Any] = {"system": SYSTEM, "detail": detail, "log_id": log_id}
    if status == 401:
        return AuthError(
            "the app or agreement token was not accepted; connect econdesk to e-conomic again",
            status=status,
            **common,
        )
    if status == 403:
        return AccessDenied(f"the agreement's grant does not allow this ({said})", **common)
    if status == 404:
        return NotFound(f"not found: {said}", status=status, **common)
    if status == 409:
        return Conflict(f"changed in e-conomic in the meantime: {said}", status=status, **common)
    if status == 429:
        return RateLimited(
            "e-conomic asks econdesk to slow down (rate limit reached); try again shortly",
            retry_after=parse_retry_after(response.headers.get("Retry-After")),
            system=SYSTEM,
            detail=detail,
            log_id=log_id,
        )
    if status >= 500:
        return ServerError(f"e-conomic failed on its side: {said}", status=status, **common)
    messages = [p.message if not p.path else f"{p.path}: {p.message}" for p in problems]
    return ValidationError(
        "; ".join(messages) if messages else said, problems=problems, status=status, **common
    )
