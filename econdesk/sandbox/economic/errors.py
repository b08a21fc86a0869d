"""Error answers in e-conomic's documented shapes (docs/economic-api.md#errors).

Legacy REST: `{"message", "developerHint", "logId", "httpStatusCode", "errors"?, "logTime"}`,
with the real 404 wording "Resource not found." (observed). The Journals API answers
`application/problem+json` with `type, title, status, detail, errors[], traceId`.

Error codes: E06000 ("does not exist"), E04740 (too many decimals) and E04810 (page size)
are documented or verified; the others the sandbox uses (E04300 required, E04400 too long,
E07xxx account rules) are its own, since e-conomic's full list is not public. Clients must
not depend on codes.
"""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime
from typing import Any

from econdesk.sandbox.server import ErrorBodies, Request, Response, json_response

PROBLEM_JSON = "application/problem+json; charset=utf-8"
JOURNALS_API_PREFIX = "/journalsapi/"

_log_ids = itertools.count(1)


def log_id() -> str:
    return f"{next(_log_ids):016x}-CPH"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def legacy_error(status: int, message: str, hint: str, **extra: Any) -> Response:
    body: dict[str, Any] = {
        "message": message,
        "developerHint": hint,
        "logId": log_id(),
        "httpStatusCode": status,
    }
    body.update(extra)
    body["logTime"] = _now()
    return json_response(body, status)


def validation_error(errors: Any) -> Response:
    return legacy_error(
        400,
        "Validation error.",
        "Inspect validation errors and correct your request.",
        errors=errors,
    )


def problem(
    status: int, title: str, detail: str = "", errors: list[dict[str, Any]] | None = None
) -> Response:
    body: dict[str, Any] = {
        "type": f"https://httpstatuses.io/{status}",
        "title": title,
        "status": status,
    }
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = errors
    body["traceId"] = uuid.uuid4().hex
    body["traceTimeUtc"] = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    return json_response(body, status, content_type=PROBLEM_JSON)


class EconomicErrorBodies(ErrorBodies):
    """The framework's own answers (404, 405, 5xx, 429) in e-conomic's wording."""

    def _newer(self, request: Request) -> bool:
        return request.path.startswith(JOURNALS_API_PREFIX)

    def not_found(self, request: Request) -> Response:
        if self._newer(request):
            return problem(404, "Not Found", f"No resource at {request.path}")
        return legacy_error(
            404,
            "Resource not found.",
            "The requested resource does not exist. Follow the links the API returns.",
        )

    def method_not_allowed(self, request: Request) -> Response:
        if self._newer(request):
            return problem(405, "Method Not Allowed")
        return legacy_error(
            405,
            f"The HTTP method {request.method} is not allowed here.",
            "Check the documentation.",
        )

    def server_error(self, request: Request, status: int) -> Response:
        if self._newer(request):
            return problem(status, "Internal Server Error", "An unexpected error occurred.")
        return legacy_error(
            status, "An unexpected error occurred.", "Try again, or contact e-conomic support."
        )

    def too_many_requests(self, request: Request, retry_after: float | None) -> Response:
        if self._newer(request):
            return problem(429, "Too Many Requests", "Check info in the response headers.")
        return legacy_error(
            429, "Too many requests.", "Check the X-RateLimiting header and slow down."
        )

    def crashed(self, request: Request, exc: Exception) -> Response:
        return legacy_error(
            500, "An unexpected error occurred.", f"sandbox: {type(exc).__name__}: {exc}"
        )
