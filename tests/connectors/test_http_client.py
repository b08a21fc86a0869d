"""HttpClient over real loopback HTTP: retries, write safety, pacing, concurrency, secrecy."""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import logging
import random
import ssl
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from econdesk.connectors import jsonio
from econdesk.connectors.errors import (
    AuthError,
    ConnectionLost,
    MalformedResponse,
    RateLimited,
    RequestTimeout,
    SecretRedactingFilter,
    ServerError,
)
from econdesk.connectors.http import NO_RETRY, HttpClient, RetryPolicy, parse_retry_after
from econdesk.connectors.ratelimit import BudgetReport, ReportedBudget, RequestRate
from econdesk.sandbox.faults import FaultConfig, FaultKind, FaultPlan
from econdesk.sandbox.ratelimit import BucketLimiter
from econdesk.sandbox.server import Request, Response, Router, SandboxServer, json_response

SECRET = "sk_test_51SuperSecretToken"


class Backend:
    """A tiny API: GET /items/{n}, POST /items (counts what it created), slow and echo routes."""

    def __init__(self) -> None:
        self.created: list[Any] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.lock = threading.Lock()

    def router(self) -> Router:
        router = Router()
        router.get("/items/{n}", self.item)
        router.post("/items", self.create)
        router.get("/echo-auth", self.echo_auth)
        router.get("/not-json", lambda r: Response(200, b"<html>oops", {}))
        return router

    def item(self, request: Request) -> Response:
        with self.lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        threading.Event().wait(0.03)
        with self.lock:
            self.in_flight -= 1
        return json_response({"n": int(request.params["n"]), "amount": Decimal("0.10")})

    def create(self, request: Request) -> Response:
        with self.lock:
            self.created.append(request.json())
        return json_response({"id": len(self.created)}, 201)

    def echo_auth(self, request: Request) -> Response:
        return json_response({"error": f"token {request.header('authorization')} revoked"}, 401)


@pytest.fixture
def backend() -> Backend:
    return Backend()


@pytest.fixture
def server(backend: Backend) -> Iterator[SandboxServer]:
    with SandboxServer(backend.router(), name="api") as running:
        yield running


class Sleeps:
    """Records the client's waits instead of waiting, so retry tests take no time."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def make_client(server: SandboxServer, sleeps: Sleeps | None = None, **kwargs: Any) -> HttpClient:
    kwargs.setdefault("retry", RetryPolicy(attempts=4, base_delay=0.01))
    return HttpClient(
        server.base_url,
        system="TestAPI",
        headers={"Authorization": f"Bearer {SECRET}"},
        rng=random.Random(7),
        sleep=sleeps or Sleeps(),
        **kwargs,
    )


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def test_get_parses_fractions_as_decimal(server: SandboxServer) -> None:
    async def go() -> Any:
        async with make_client(server) as client:
            return await client.get_json("/items/3")

    assert run(go()) == {"n": 3, "amount": Decimal("0.10")}


def test_get_is_retried_after_5xx_429_and_drops(server: SandboxServer) -> None:
    server.faults.script(FaultKind.ERROR, times=1, path="/items")
    server.faults.script(FaultKind.THROTTLE, times=1, path="/items", retry_after=2)
    server.faults.script(FaultKind.DROP, times=1, path="/items")
    sleeps = Sleeps()

    async def go() -> Any:
        async with make_client(server, sleeps) as client:
            result = await client.get_json("/items/1")
            return result, client.stats

    result, stats = run(go())
    assert result["n"] == 1
    assert stats.retries == 3 and stats.throttled == 1
    assert len(server.exchanges(path="/items")) == 4
    assert any(w >= 2 for w in sleeps.waits)  # Retry-After honoured


def test_backoff_grows_exponentially_with_jitter() -> None:
    policy = RetryPolicy(base_delay=1, max_delay=100)
    rng = random.Random(1)
    delays = [policy.backoff(i, rng) for i in range(5)]
    for i, delay in enumerate(delays):
        assert 2**i / 2 <= delay <= 2**i
    assert len({round(d / 2**i, 6) for i, d in enumerate(delays)}) > 1  # not a fixed factor


def test_gives_up_after_the_attempts_with_a_clear_error(server: SandboxServer) -> None:
    server.faults.script(FaultKind.ERROR, times=10, path="/items")

    async def go() -> None:
        async with make_client(server) as client:
            await client.get_json("/items/1")

    with pytest.raises(ServerError) as caught:
        run(go())
    assert "TestAPI" in str(caught.value) and caught.value.status == 503
    assert len(server.exchanges()) == 4


def test_post_without_key_is_not_retried_after_5xx(server: SandboxServer, backend: Backend) -> None:
    server.faults.script(FaultKind.ERROR, method="POST")

    async def go() -> None:
        async with make_client(server) as client:
            await client.send_json("POST", "/items", {"a": 1})

    with pytest.raises(ServerError):
        run(go())
    assert len(server.exchanges(method="POST")) == 1


def test_post_without_key_after_accept_then_drop_reports_unknown_outcome(
    server: SandboxServer, backend: Backend
) -> None:
    server.faults.script(FaultKind.ACCEPT_THEN_DROP, method="POST")

    async def go() -> None:
        async with make_client(server) as client:
            await client.send_json("POST", "/items", {"a": 1})

    with pytest.raises(ConnectionLost) as caught:
        run(go())
    assert "lost before it answered" in str(caught.value)
    assert backend.created == [{"a": 1}]  # it did happen; the caller must check before retrying
    assert len(server.exchanges(method="POST")) == 1


def test_post_with_key_is_retried_with_the_same_key(
    server: SandboxServer, backend: Backend
) -> None:
    server.faults.script(FaultKind.ERROR, method="POST")
    server.faults.script(FaultKind.DROP, method="POST")

    async def go() -> Any:
        async with make_client(server) as client:
            return await client.send_json("POST", "/items", {"a": 1}, idempotency_key="match-7")

    assert run(go()) == {"id": 1}
    posts = server.exchanges(method="POST")
    assert [p.headers["idempotency-key"] for p in posts] == ["match-7"] * 3
    assert backend.created == [{"a": 1}]


def test_post_refused_with_429_is_retried_even_without_key(
    server: SandboxServer, backend: Backend
) -> None:
    server.faults.script(FaultKind.THROTTLE, method="POST", retry_after=1)

    async def go() -> Any:
        async with make_client(server) as client:
            return await client.send_json("POST", "/items", {"a": 1})

    assert run(go()) == {"id": 1}
    assert len(server.exchanges(method="POST")) == 2


def test_long_retry_after_is_not_waited_out(server: SandboxServer) -> None:
    server.faults.script(FaultKind.THROTTLE, retry_after=3600)

    async def go() -> None:
        async with make_client(server) as client:
            await client.get_json("/items/1")

    with pytest.raises(RateLimited) as caught:
        run(go())
    assert caught.value.retry_after == 3600


def test_timeout_becomes_request_timeout(backend: Backend) -> None:
    slow = SandboxServer(backend.router(), faults=FaultPlan(FaultConfig(latency_ms=300)))
    with slow:

        async def go() -> None:
            client = make_client(slow, timeout=0.05, retry=RetryPolicy(attempts=2, base_delay=0))
            async with client:
                await client.get_json("/items/1")

        with pytest.raises(RequestTimeout):
            run(go())
        assert len(slow.exchanges()) == 2  # retried once


def test_connection_refused_is_connection_lost() -> None:
    server = SandboxServer(Router()).start()
    url = server.base_url
    server.stop()  # nothing listens there any more
    refused = HttpClient(url, system="TestAPI", retry=RetryPolicy(attempts=2, base_delay=0))

    async def call() -> None:
        async with refused:
            await refused.send_json("POST", "/items", {})

    with pytest.raises(ConnectionLost) as caught:
        run(call())
    assert "could not connect" in str(caught.value)
    assert refused.stats.retries == 1  # never sent, so even a keyless POST was retried


def test_non_json_answer_names_the_request(server: SandboxServer) -> None:
    async def go() -> None:
        async with make_client(server) as client:
            await client.get_json("/not-json")

    with pytest.raises(MalformedResponse) as caught:
        run(go())
    assert "GET /not-json" in str(caught.value)


def test_bounded_concurrency(server: SandboxServer, backend: Backend) -> None:
    async def go() -> list[Any]:
        async with make_client(server, max_in_flight=3) as client:
            return await asyncio.gather(*(client.get_json(f"/items/{i}") for i in range(12)))

    results = run(go())
    assert [r["n"] for r in results] == list(range(12))
    assert backend.max_in_flight == 3  # several in flight, never more than allowed


def test_secrets_never_reach_messages_or_logs(
    server: SandboxServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="econdesk")

    async def go() -> None:
        async with make_client(server) as client:
            await client.get_json("/echo-auth")

    with pytest.raises(AuthError) as caught:
        run(go())
    error = caught.value
    assert "token *** revoked" in error.detail  # the server echoed it; we scrubbed it
    for text in (str(error), error.detail, error.technical(), caplog.text):
        assert SECRET not in text


def test_the_logging_filter_scrubs_registered_secrets(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("econdesk.test.redaction")
    scrub = SecretRedactingFilter([SECRET])
    logger.addFilter(scrub)
    try:
        with caplog.at_level(logging.INFO, logger="econdesk.test.redaction"):
            logger.info("calling with %s and %s", SECRET, "tok-123456")
            scrub.add("tok-123456")
            logger.info("again %s", "tok-123456")
    finally:
        logger.removeFilter(scrub)
    assert SECRET not in caplog.text and "again ***" in caplog.text


def test_request_rate_keeps_within_a_server_limit(backend: Backend) -> None:
    limiter = BucketLimiter(3, 0.15)  # 3 at once, 20 per second
    with SandboxServer(backend.router(), limiter=limiter) as server:

        async def go() -> None:
            client = make_client(server, max_in_flight=8, rate_limit=RequestRate(15, burst=1))
            async with client:
                await asyncio.gather(*(client.get_json(f"/items/{i}") for i in range(10)))

        run(go())
    assert limiter.rejected == 0


def parse_used(headers: httpx.Headers) -> BudgetReport | None:
    value = headers.get("X-Budget")
    if value is None:
        return None
    used, limit = value.split("/")
    return BudgetReport(float(used), float(limit), 1.0, float(headers.get("X-Cost", 1)))


def test_reported_budget_paces_a_cost_based_bucket(backend: Backend) -> None:
    limiter = BucketLimiter(
        30,
        1.0,
        cost=lambda method, path: 3,
        report=lambda s: {"X-Budget": f"{s.used:.0f}/{s.limit:.0f}", "X-Cost": f"{s.cost:.0f}"},
    )
    with SandboxServer(backend.router(), limiter=limiter) as server:
        policy = ReportedBudget(parse_used, assumed_limit=10, assumed_window=1)

        async def go() -> None:
            async with make_client(server, max_in_flight=6, rate_limit=policy) as client:
                await asyncio.gather(*(client.get_json(f"/items/{i}") for i in range(16)))

        run(go())
    assert limiter.rejected == 0  # 48 tokens through a 30-token bucket without one 429
    assert policy.reports == 16
    assert policy.estimated_cost("GET /items/15") == 3


def test_reported_budget_sends_only_a_few_requests_before_the_first_answer() -> None:
    async def go() -> tuple[int, int]:
        policy = ReportedBudget(parse_used, assumed_limit=100, assumed_window=1, probes=3)
        waiting = [asyncio.ensure_future(policy.acquire("GET /items")) for _ in range(5)]
        await asyncio.sleep(0.01)
        before = sum(w.done() for w in waiting)
        policy.settle("GET /items", waiting[0].result(), None)  # the first answer is in
        await asyncio.sleep(0.01)
        return before, sum(w.done() for w in waiting)

    assert run(go()) == (3, 5)


def test_cookies_a_server_sets_are_kept_and_sent_back() -> None:
    router = Router()
    router.get("/login", lambda r: json_response({}, headers={"Set-Cookie": "session=abc; Path=/"}))
    router.get("/plain", lambda r: json_response({}))
    router.get("/echo", lambda r: json_response({"cookie": r.headers.get("cookie")}))

    async def go() -> list[Any]:
        async with make_client(server) as client:
            before = await client.get_json("/echo")
            await client.get_json("/login")
            await client.get_json("/plain")  # sets none: the jar is left as it was
            return [before["cookie"], (await client.get_json("/echo"))["cookie"]]

    with SandboxServer(router) as server:
        assert run(go()) == [None, "session=abc"]


def test_retry_after_accepts_seconds_and_http_dates() -> None:
    assert parse_retry_after("3") == 3
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
    assert parse_retry_after("nan") is None
    later = parse_retry_after("Wed, 21 Oct 2099 07:28:00 GMT")
    assert later is not None and later > 1e9


def test_jsonio_round_trips_money_exactly() -> None:
    body = {"amount": Decimal("-1250.10"), "n": 3, "t": 'æøå "q"', "ok": True, "x": None}
    text = jsonio.dumps(body)
    assert (
        text == '{"amount":-1250.10,"n":3,"t":"\\u00e6\\u00f8\\u00e5 \\"q\\"","ok":true,"x":null}'
    )
    assert jsonio.loads(text) == body
    assert isinstance(jsonio.loads("[0.1]")[0], Decimal)
    with pytest.raises(ValueError):
        jsonio.dumps(Decimal("NaN"))


def test_proxies_named_by_the_environment_are_used(
    server: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", server.base_url)  # the test server plays the proxy

    async def go() -> Any:
        # Built after the variable is set: a client reads the environment once, when made.
        client = HttpClient("http://api.example.invalid", system="Proxied", retry=NO_RETRY)
        async with client:
            return await client.get_json("/items/4")

    assert run(go())["n"] == 4  # the host does not resolve: only the proxy could answer
    (exchange,) = server.exchanges()
    assert exchange.target == "http://api.example.invalid/items/4"  # a proxy's request form


def _self_signed(directory: Path) -> tuple[Path, Path]:
    pytest.importorskip("cryptography")
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


async def _answer_over_tls(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        await reader.readuntil(b"\r\n\r\n")
        body = b'{"secure": true}'
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
        await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass  # the client refused the certificate and hung up
    finally:
        writer.close()


def test_tls_is_verified_and_ssl_cert_file_names_more_trusted_cas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert, key = _self_signed(tmp_path)
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    for name in ("SSL_CERT_FILE", "SSL_CERT_DIR"):
        monkeypatch.delenv(name, raising=False)

    async def fetch() -> Any:
        tls = await asyncio.start_server(_answer_over_tls, "127.0.0.1", 0, ssl=server_context)
        port = tls.sockets[0].getsockname()[1]
        try:
            async with HttpClient(f"https://localhost:{port}", system="TLS", retry=NO_RETRY) as c:
                return await c.get_json("/secure")
        finally:
            tls.close()

    with pytest.raises(ConnectionLost) as caught:  # self-signed: not in certifi's bundle
        run(fetch())
    assert "certificate" in caught.value.detail.lower()
    # A company whose proxy inspects TLS hands programs its own CA this way.
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    assert run(fetch()) == {"secure": True}
