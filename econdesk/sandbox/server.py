"""A small real-HTTP loopback server that every sandbox is built on.

Why the standard library's ThreadingHTTPServer: it speaks real HTTP/1.1 with keep-alive over
a real socket (so clients meet real connection handling, timeouts and dropped sockets), needs
no dependency, and one thread per connection lets added latency overlap across concurrent
requests exactly as a remote server's would.

A sandbox is a `Router` (route table) plus its data; this module does the rest:

    router = Router()
    router.get("/v1/payouts/{id}", lambda req: json_response(store.payout(req.params["id"])))
    server = SandboxServer(router, name="stripe", auth=check_bearer, limiter=..., errors=...)
    with server:                                  # start() ... stop(), ephemeral port
        client = Client(server.base_url)
        server.faults.script(FaultKind.DROP, method="POST", path="/v1/refunds")
        ...
        posted = server.exchanges(method="POST")  # what was received, and what was answered

Per request, in order: record -> added latency -> auth hook -> rate limiter -> injected fault
(5xx / 429 / drop) -> route handler -> (accept-then-drop: close instead of answering).
"""

from __future__ import annotations

import dataclasses
import logging
import re
import socket
import struct
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qs, unquote, urlsplit

from econdesk.connectors import jsonio
from econdesk.sandbox.faults import FaultKind, FaultPlan
from econdesk.sandbox.ratelimit import BucketLimiter

JSON = "application/json; charset=utf-8"
log = logging.getLogger("econdesk.sandbox")


@dataclass(frozen=True, slots=True)
class Request:
    method: str
    path: str  # decoded path, no query
    target: str  # the raw request target: path and query as sent
    query: Mapping[str, str]  # first value of each query parameter (names as sent)
    headers: Mapping[str, str]  # lower-cased names
    body: bytes
    params: Mapping[str, str] = field(default_factory=dict)  # from the route pattern
    base_url: str = ""  # scheme://host:port of this server, for self links
    deferred: bool = False  # carried out late (FaultKind.COMMIT_LATE), long after it arrived

    def json(self) -> Any:
        return jsonio.loads(self.body)

    def header(self, name: str, default: str | None = None) -> str | None:
        return self.headers.get(name.lower(), default)

    def with_params(self, params: Mapping[str, str]) -> Request:
        return dataclasses.replace(self, params=params)


@dataclass(slots=True)
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    drop_after: bool = False  # carry out, then close the connection without answering

    @property
    def content_type(self) -> str | None:
        return self.headers.get("Content-Type")


def json_response(
    data: Any,
    status: int = 200,
    headers: Mapping[str, str] | None = None,
    content_type: str = JSON,
) -> Response:
    """A JSON answer; Decimal values are written as JSON numbers."""
    return raw_json_response(jsonio.dumpb(data), status, headers, content_type)


def raw_json_response(
    body: bytes,
    status: int = 200,
    headers: Mapping[str, str] | None = None,
    content_type: str = JSON,
) -> Response:
    return Response(status, body, {"Content-Type": content_type, **(headers or {})})


Handler = Callable[[Request], Response]
AuthHook = Callable[[Request], Response | None]  # None: let it through


class ErrorBodies:
    """How a sandbox words the answers the framework makes up itself; override per API."""

    def not_found(self, request: Request) -> Response:
        return json_response({"error": f"no route for {request.method} {request.path}"}, 404)

    def method_not_allowed(self, request: Request) -> Response:
        return json_response({"error": f"{request.method} not allowed on {request.path}"}, 405)

    def server_error(self, request: Request, status: int) -> Response:
        return json_response({"error": "internal server error"}, status)

    def too_many_requests(self, request: Request, retry_after: float | None) -> Response:
        return json_response({"error": "too many requests"}, 429)

    def crashed(self, request: Request, exc: Exception) -> Response:
        return json_response({"error": f"sandbox crashed: {type(exc).__name__}: {exc}"}, 500)


class Router:
    """Routes `{name}` path patterns (one segment each) to handlers, per method."""

    def __init__(self) -> None:
        self._routes: list[tuple[str, re.Pattern[str], Handler]] = []

    def add(self, method: str, pattern: str, handler: Handler) -> None:
        parts = re.split(r"\{(\w+)\}", pattern)  # literal, name, literal, name, ...
        regex = "".join(
            f"(?P<{part}>[^/]+)" if i % 2 else re.escape(part) for i, part in enumerate(parts)
        )
        self._routes.append((method.upper(), re.compile(f"^{regex}/?$"), handler))

    def get(self, pattern: str, handler: Handler) -> None:
        self.add("GET", pattern, handler)

    def post(self, pattern: str, handler: Handler) -> None:
        self.add("POST", pattern, handler)

    def put(self, pattern: str, handler: Handler) -> None:
        self.add("PUT", pattern, handler)

    def delete(self, pattern: str, handler: Handler) -> None:
        self.add("DELETE", pattern, handler)

    def resolve(self, method: str, path: str) -> tuple[Handler, dict[str, str]] | str:
        """The handler and path parameters, or "404"/"405" when nothing fits."""
        path_matched = False
        for route_method, regex, handler in self._routes:
            hit = regex.match(path)
            if hit is None:
                continue
            path_matched = True
            if route_method == method:
                return handler, {k: unquote(v) for k, v in hit.groupdict().items()}
        return "405" if path_matched else "404"


@dataclass(slots=True)
class Exchange:
    """One request as received, and what became of it (filled in once it is answered)."""

    seq: int
    method: str
    target: str
    headers: Mapping[str, str]
    body: bytes
    at: float
    status: int | None = None  # None while in progress, or dropped without an answer
    fault: FaultKind | None = None
    done: bool = False

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0]

    def json(self) -> Any:
        return jsonio.loads(self.body)


class SandboxServer:
    """Serves a router on loopback in a background thread; see the module docstring."""

    def __init__(
        self,
        router: Router,
        *,
        name: str = "sandbox",
        host: str = "127.0.0.1",
        port: int = 0,
        auth: AuthHook | None = None,
        limiter: BucketLimiter | None = None,
        faults: FaultPlan | None = None,
        errors: ErrorBodies | None = None,
        sleep: Callable[[float], None] = time.sleep,
        record_bodies: bool = True,
        on_deferred: Callable[[Request], None] | None = None,
    ) -> None:
        self.router = router
        self.name = name
        self.auth = auth
        self.limiter = limiter
        self.faults = faults or FaultPlan()
        self.errors = errors or ErrorBodies()
        self.record_bodies = record_bodies
        self._sleep = sleep
        self._host = host
        self._port = port
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None
        self._log: list[Exchange] = []
        self._log_lock = threading.Lock()
        self._seq = 0
        self._in_flight = 0
        self.peak_in_flight = 0  # the most requests ever being answered at once
        # COMMIT_LATE: `on_deferred` hears of each such request on arrival (e-conomic's sandbox
        # holds its Idempotency-Key as in progress); the timers carry them out later.
        self.on_deferred = on_deferred
        self._deferred: list[threading.Timer] = []

    # -- lifecycle ------------------------------------------------------------------------
    def start(self) -> SandboxServer:
        if self._httpd is not None:
            return self
        httpd = _Server((self._host, self._port), _RequestHandler)
        httpd.app = self
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"sandbox-{self.name}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.finish_deferred()
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError(f"sandbox {self.name} is not running")
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        host = self._host if self._host not in ("", "0.0.0.0") else "127.0.0.1"
        return f"http://{host}:{self.port}"

    # -- inspection ---------------------------------------------------------------------
    def exchanges(self, method: str | None = None, path: str | None = None) -> list[Exchange]:
        """Requests received so far, oldest first; `path` is a regex searched in the path."""
        pattern = re.compile(path) if path else None
        with self._log_lock:
            log = list(self._log)
        return [
            e
            for e in log
            if (method is None or e.method == method.upper())
            and (pattern is None or pattern.search(e.path))
        ]

    def pending_deferred(self) -> int:
        """How many late commits (FaultKind.COMMIT_LATE) are still to be carried out."""
        with self._log_lock:
            return sum(1 for t in self._deferred if t.is_alive())

    def finish_deferred(self, timeout: float = 30.0) -> None:
        """Wait until every late commit scheduled so far has been carried out."""
        with self._log_lock:
            timers, self._deferred = list(self._deferred), []
        for timer in timers:
            timer.join(timeout)

    def clear_exchanges(self) -> None:
        with self._log_lock:
            self._log.clear()
            self.peak_in_flight = self._in_flight

    # -- the pipeline ---------------------------------------------------------------------
    def handle(self, request: Request) -> Response | None:
        """Answer one request; None means close the connection without answering."""
        exchange = self._record(request)
        with self._log_lock:
            self._in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self._in_flight)
        try:
            return self._handle(request, exchange)
        finally:
            with self._log_lock:
                self._in_flight -= 1

    def _handle(self, request: Request, exchange: Exchange) -> Response | None:
        is_write = request.method not in ("GET", "HEAD", "OPTIONS")
        decision = self.faults.decide(
            request.method, request.target, request.body, is_write=is_write
        )
        if decision.latency_seconds > 0:
            self._sleep(decision.latency_seconds)
        response, fault = self._answer(
            request, decision.kind, decision.status, decision.retry_after, decision.commit_delay
        )
        dropped = response is None or response.drop_after
        with self._log_lock:
            exchange.status = None if dropped or response is None else response.status
            exchange.fault = fault
            exchange.done = True
        return None if dropped else response

    def _answer(
        self,
        request: Request,
        fault: FaultKind | None,
        status: int,
        retry_after: float,
        commit_delay: float = 0.0,
    ) -> tuple[Response | None, FaultKind | None]:
        if self.auth is not None and (refusal := self.auth(request)) is not None:
            return refusal, None
        limit_headers: dict[str, str] = {}
        if self.limiter is not None:
            decision = self.limiter.check(request.method, request.target)
            limit_headers = decision.headers
            if not decision.allowed:
                response = self.errors.too_many_requests(request, decision.retry_after)
                if decision.retry_after is not None:
                    response.headers.setdefault("Retry-After", _seconds(decision.retry_after))
                response.headers.update(limit_headers)
                return response, None
        if fault is FaultKind.DROP:
            return None, fault
        if fault is FaultKind.ERROR:
            return _with(self.errors.server_error(request, status), limit_headers), fault
        if fault is FaultKind.THROTTLE:
            response = self.errors.too_many_requests(request, retry_after)
            response.headers["Retry-After"] = _seconds(retry_after)
            return _with(response, limit_headers), fault
        resolved = self.router.resolve(request.method, request.path)
        if resolved == "404":
            return _with(self.errors.not_found(request), limit_headers), None
        if resolved == "405":
            return _with(self.errors.method_not_allowed(request), limit_headers), None
        assert not isinstance(resolved, str)
        handler, params = resolved
        if fault is FaultKind.COMMIT_LATE:
            self._defer(
                handler, dataclasses.replace(request, params=params, deferred=True), commit_delay
            )
            return None, fault
        try:
            response = handler(request.with_params(params))
        except Exception as exc:  # a sandbox bug must show up as a 500, not a hung client
            response = self.errors.crashed(request, exc)
        response = _with(response, limit_headers)
        if fault is FaultKind.ACCEPT_THEN_DROP:
            response.drop_after = True
            return response, fault
        return response, FaultKind.ACCEPT_THEN_DROP if response.drop_after else None

    def _defer(self, handler: Handler, request: Request, delay: float) -> None:
        """Carry `request` out `delay` seconds from now; its connection closes unanswered."""
        if self.on_deferred is not None:
            self.on_deferred(request)

        def perform() -> None:
            try:
                handler(request)
            except Exception:  # a sandbox bug: nobody is waiting for this answer
                log.exception("%s: a late commit failed", self.name)

        timer = threading.Timer(delay, perform)
        timer.daemon = True
        with self._log_lock:
            self._deferred = [t for t in self._deferred if t.is_alive()]
            self._deferred.append(timer)
        timer.start()

    def _record(self, request: Request) -> Exchange:
        with self._log_lock:
            self._seq += 1
            exchange = Exchange(
                self._seq,
                request.method,
                request.target,
                request.headers,
                request.body if self.record_bodies else b"",
                time.monotonic(),
            )
            self._log.append(exchange)
            return exchange


class ServedSandbox:
    """A sandbox that holds its own `SandboxServer` and starts, stops and is addressed by it."""

    server: SandboxServer

    def start(self) -> Self:
        self.server.start()
        return self

    def stop(self) -> None:
        self.server.stop()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        return self.server.base_url


def _with(response: Response, headers: Mapping[str, str]) -> Response:
    for name, value in headers.items():
        response.headers.setdefault(name, value)
    return response


def _seconds(value: float) -> str:
    return str(max(1, round(value + 0.4999)))  # Retry-After is whole seconds, rounded up


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    allow_reuse_address = True
    app: SandboxServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hung up (timeout, test over) is normal here, not worth a traceback.
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like every real API
    # Headers and body go out in two writes; with Nagle on, the body waits for the client's
    # delayed ACK, a stall on every request (benchmarks/economic_fetch.py gives its size).
    # Real APIs answer without that stall.
    disable_nagle_algorithm = True
    server: _Server
    timeout = 30  # an idle keep-alive connection is closed after this

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    def do_PATCH(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    def do_HEAD(self) -> None:
        self._dispatch()

    def log_message(self, format: str, *args: Any) -> None:
        return None  # the app records exchanges itself; stderr stays quiet

    def _dispatch(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        split = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(split.query, keep_blank_values=True).items()}
        app = self.server.app
        request = Request(
            method=self.command.upper(),
            path=unquote(split.path),
            target=self.path,
            query=query,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            # Links are built for the host the client asked for, as a real API's are.
            base_url=f"http://{host}" if (host := self.headers.get("Host")) else app.base_url,
        )
        response = app.handle(request)
        if response is None:
            self._drop()
            return
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if self.command != "HEAD" and response.body:
            self.wfile.write(response.body)

    def _drop(self) -> None:
        """Close the socket at once (RST), without a status line: the client gets no answer."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
