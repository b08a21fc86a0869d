"""What every Frisbii sandbox answer shares: the account's time zone and the error body
`{error, message, path, timestamp, http_status, http_reason, request_id}`."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, tzinfo
from http import HTTPStatus
from zoneinfo import ZoneInfo

from econdesk.sandbox.server import Request, Response, json_response

ACCOUNT_TZ: tzinfo = ZoneInfo("Europe/Copenhagen")


def error_body(request: Request, status: int, message: str) -> Response:
    reason = HTTPStatus(status).phrase
    return json_response(
        {
            "error": reason,
            "message": message,
            "path": request.path,
            "timestamp": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "http_status": status,
            "http_reason": reason,
            "request_id": uuid.uuid4().hex,
        },
        status,
    )
