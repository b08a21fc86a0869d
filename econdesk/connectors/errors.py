"""What can go wrong when econdesk talks to an outside system, in words a bookkeeper reads.

Every connector raises a subclass of `ConnectorError`. Its message is said with
`econdesk.i18n.message.say`, so `error.render("da")` is the sentence in the user's language and
`str(error)` the English one ("Account 5830 does not accept direct entries"); the outside
system's own words are shown as it sent them. `detail` carries the technical part
(HTTP status, method, path, the server's own message) and `log_id` the id the system's
support desk asks for. Neither ever contains a credential: messages are built from response
bodies and paths, and `redact` scrubs any registered secret that slips in anyway.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from econdesk.errors import Said
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import Message, say

REDACTED = "***"


def verbatim(text: str) -> Message:
    """The outside system's own words, shown as it sent them in every language."""
    return say("{0}", text)


def redact(text: str, secrets: Iterable[str]) -> str:
    """`text` with every occurrence of each secret (at least 4 characters) replaced."""
    for secret in sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return text


def and_more(first: Said, more: int) -> Message:
    """The first problem, and how many more there are ("... (and 2 more problems)")."""
    if more == 0:
        return say("{0}", first)
    if more == 1:
        return say(QT_TRANSLATE_NOOP("CLI", "{0} (and 1 more problem)"), first)
    return say(QT_TRANSLATE_NOOP("CLI", "{0} (and {1} more problems)"), first, more)


class SecretRedactingFilter(logging.Filter):
    """A logging filter that scrubs known secrets from every record passing through it.

    Attach it to the handler (or logger) that writes the connectors' logs; the connectors
    register their tokens with `add`.
    """

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets: set[str] = {s for s in secrets if s}

    def add(self, *secrets: str) -> None:
        self._secrets.update(s for s in secrets if s)

    def filter(self, record: logging.LogRecord) -> bool:
        if self._secrets:
            record.msg = redact(record.getMessage(), self._secrets)
            record.args = None
        return True


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One rejected field; `path` mirrors the payload, e.g. `entries.financeVouchers[3].text`."""

    path: str
    message: str
    code: str | None = None
    value: str | None = None
    index: int | None = None  # the index of the top-level array element (voucher) at fault

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ConnectorError(Exception):
    """Base of every connector failure.

    `message` is for the user (in English; `render` says it in another language); `detail` for
    the log and support; `system` names the outside system ("e-conomic", "Stripe"); `status` is
    the HTTP status when there was one.
    """

    retryable: bool = False

    def __init__(
        self,
        message: Said,
        *,
        system: str = "",
        detail: str = "",
        log_id: str | None = None,
        status: int | None = None,
    ) -> None:
        # a plain text (a test's stand-in) is shown as it is, in every language
        self._said: Said = verbatim(message) if isinstance(message, str) else message
        self.message = str(message)
        super().__init__(self.message)
        self.system = system
        self.detail = detail
        self.log_id = log_id
        self.status = status

    def render(self, language: str) -> str:
        """The sentence for the user in `language` ("en", "da"), after the system's name."""
        text = self._said.render(language)
        if self.system:
            text = f"{self.system}: {text}"
        if self.log_id:
            text += say(QT_TRANSLATE_NOOP("CLI", " (support id {0})"), self.log_id).render(language)
        return text

    @property
    def said(self) -> Said:
        """The whole sentence, to be said later in the reader's language (as EcondeskError's)."""
        return self

    def __str__(self) -> str:
        return self.render("en")

    def technical(self) -> str:
        """A one-line technical description for logs and 'show details' boxes."""
        parts = [str(self)]
        if self.status is not None:
            parts.append(f"HTTP {self.status}")
        if self.detail:
            parts.append(self.detail)
        return " | ".join(parts)


class AuthError(ConnectorError):
    """The credentials are wrong, expired or revoked (HTTP 401)."""


class AccessDenied(ConnectorError):
    """The credentials are fine but lack the right to do this (HTTP 403)."""


class NotFound(ConnectorError):
    """The object asked for does not exist (HTTP 404)."""


class Conflict(ConnectorError):
    """The object changed under us (HTTP 409)."""


class ValidationError(ConnectorError):
    """The system refused the request's content; `problems` says which fields and why."""

    def __init__(
        self,
        message: Said,
        *,
        problems: Iterable[FieldProblem] = (),
        system: str = "",
        detail: str = "",
        log_id: str | None = None,
        status: int | None = 400,
    ) -> None:
        super().__init__(message, system=system, detail=detail, log_id=log_id, status=status)
        self.problems: tuple[FieldProblem, ...] = tuple(problems)


class RateLimited(ConnectorError):
    """The system asked us to slow down and retries did not get through (HTTP 429)."""

    retryable = True

    def __init__(
        self,
        message: Said,
        *,
        retry_after: float | None = None,
        system: str = "",
        detail: str = "",
        log_id: str | None = None,
    ) -> None:
        super().__init__(message, system=system, detail=detail, log_id=log_id, status=429)
        self.retry_after = retry_after


class ServerError(ConnectorError):
    """The system failed on its side (HTTP 5xx)."""

    retryable = True


class ConnectionLost(ConnectorError):
    """No answer: the connection failed, was dropped, or timed out.

    For a write this means the outcome is unknown: the request may or may not have been
    carried out. Callers must check before trying again without an idempotency key.
    """

    retryable = True


class RequestTimeout(ConnectionLost):
    """The system did not answer within the configured time."""


class MalformedResponse(ConnectorError):
    """The system answered, but not in the documented shape; names the object and field."""

    def __init__(
        self,
        message: Said,
        *,
        obj: str = "",
        field: str = "",
        system: str = "",
        detail: str = "",
    ) -> None:
        super().__init__(message, system=system, detail=detail)
        self.obj = obj
        self.field = field


class UnexpectedStatus(ConnectorError):
    """Any other HTTP status that a connector has no better name for."""
