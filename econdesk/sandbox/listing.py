"""Time-ordered collections the billing-platform sandboxes page through, rendered on demand.

A platform list is newest first, filtered by a time range and walked by cursor. A
`Listing` keeps only each object's sort time and row number; the JSON object is rendered when
a page asks for it, so a sandbox over a million-item scenario does not hold a million dicts.
`tamper` replaces one object's JSON (or a field of it) for the malformed-payload tests.

Also here: what every platform sandbox shares (`PlatformSandbox`: serving its routes with its
auth, error bodies and rate limit on the shared server) and the request helpers they need
(repeated query parameters, HTTP Basic and Bearer credentials).
"""

from __future__ import annotations

import base64
import binascii
import bisect
import copy
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import parse_qs, urlsplit

from econdesk.sandbox.faults import FaultPlan
from econdesk.sandbox.ratelimit import BucketLimiter
from econdesk.sandbox.server import ErrorBodies, Request, Response, Router, SandboxServer

Json = dict[str, Any]
_DELETE = object()


class Listing:
    """Objects sorted newest first by (time, id), with range slicing and id lookup."""

    def __init__(
        self,
        times: Sequence[int],
        ids: Callable[[int], str],
        render: Callable[[int], Json],
    ) -> None:
        # Sort rows by (time, id) descending, as the platforms list them.
        order = sorted(range(len(times)), key=lambda r: (times[r], ids(r)), reverse=True)
        self._rows = order
        self._neg_times = [-times[r] for r in order]  # ascending, for bisect
        self._id_of = ids
        self._render = render
        self._positions: dict[str, int] | None = None
        self._tampered: dict[str, Json] = {}

    @classmethod
    def of(cls, objects: Iterable[Json], time_field: str, id_field: str = "id") -> Listing:
        """A listing over ready JSON objects (tests, small fixtures)."""
        rows = list(objects)
        return cls(
            [int(o[time_field]) for o in rows],
            lambda r: str(rows[r][id_field]),
            lambda r: copy.deepcopy(rows[r]),
        )

    def __len__(self) -> int:
        return len(self._rows)

    # -- lookups ----------------------------------------------------------------------------
    def _position_of(self, object_id: str) -> int | None:
        if self._positions is None:
            self._positions = {self._id_of(r): i for i, r in enumerate(self._rows)}
        return self._positions.get(object_id)

    def get(self, object_id: str) -> Json | None:
        pos = self._position_of(object_id)
        return None if pos is None else self.render_at(pos)

    def render_at(self, position: int) -> Json:
        row = self._rows[position]
        object_id = self._id_of(row)
        tampered = self._tampered.get(object_id)
        return copy.deepcopy(tampered) if tampered is not None else self._render(row)

    def id_at(self, position: int) -> str:
        return self._id_of(self._rows[position])

    # -- ranges -----------------------------------------------------------------------------
    def span(self, newest_before: int | None, oldest_from: int | None) -> range:
        """Positions of objects with oldest_from <= time < newest_before (None: unbounded)."""
        lo = 0 if newest_before is None else bisect.bisect_right(self._neg_times, -newest_before)
        hi = (
            len(self._rows)
            if oldest_from is None
            else bisect.bisect_right(self._neg_times, -oldest_from)
        )
        return range(lo, max(lo, hi))

    def position_after(self, object_id: str) -> int | None:
        """The position just after `object_id` (for `starting_after` cursors)."""
        pos = self._position_of(object_id)
        return None if pos is None else pos + 1

    def walk(self, positions: range, keep: Callable[[Json], bool] | None = None) -> Iterator[Json]:
        for pos in positions:
            obj = self.render_at(pos)
            if keep is None or keep(obj):
                yield obj

    # -- malformed-payload tests ----------------------------------------------------------
    def tamper(self, object_id: str, changes: Mapping[str, Any]) -> None:
        """Serve `object_id` with `changes` applied (a value of `DELETE` removes the field;
        dotted keys reach into nested objects)."""
        current = self.get(object_id)
        if current is None:
            raise KeyError(object_id)
        for dotted, value in changes.items():
            target = current
            *parents, last = dotted.split(".")
            for key in parents:
                target = target[key]
            if value is _DELETE:
                target.pop(last, None)
            else:
                target[last] = value
        self._tampered[object_id] = current

    def restore(self, object_id: str) -> None:
        """Serve `object_id` as rendered again (undo `tamper`)."""
        self._tampered.pop(object_id, None)


DELETE = _DELETE  # the marker for `Listing.tamper` that removes a field


def query_lists(request: Request) -> dict[str, list[str]]:
    """Every value of every query parameter (`state=a&state=b`, `expand[]=…`)."""
    return parse_qs(urlsplit(request.target).query, keep_blank_values=True)


def basic_user(request: Request) -> str | None:
    """The user name of HTTP Basic credentials (the API key on Stripe, Frisbii, Chargebee)."""
    header = request.header("authorization") or ""
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return decoded.partition(":")[0]


def bearer_token(request: Request) -> str | None:
    header = request.header("authorization") or ""
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


class PlatformSandbox(ABC):
    """A platform's routes, auth, error bodies and rate limit; `server()` serves them."""

    name: str
    errors: type[ErrorBodies] = ErrorBodies

    @abstractmethod
    def router(self) -> Router:
        """Each platform says its own."""

    @abstractmethod
    def authenticate(self, request: Request) -> Response | None:
        """Each platform says its own."""

    @abstractmethod
    def default_limiter(self) -> BucketLimiter:
        """Each platform says its own."""

    def server(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        faults: FaultPlan | None = None,
        limiter: BucketLimiter | None = None,
    ) -> SandboxServer:
        """The sandbox on loopback (not started); `limiter` replaces the platform's limit."""
        return SandboxServer(
            self.router(),
            name=self.name,
            host=host,
            port=port,
            auth=self.authenticate,
            limiter=limiter or self.default_limiter(),
            faults=faults,
            errors=self.errors(),
        )
