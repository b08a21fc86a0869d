"""The generic loopback server: routing, auth hook, rate limiter, every fault kind, recording."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from decimal import Decimal

import httpx
import pytest

from econdesk.sandbox.faults import FaultConfig, FaultKind, FaultPlan
from econdesk.sandbox.ratelimit import BucketLimiter, BucketState
from econdesk.sandbox.server import Request, Response, Router, SandboxServer, json_response


class Counter:
    def __init__(self) -> None:
        self.created: list[dict[str, object]] = []
        self.lock = threading.Lock()

    def create(self, request: Request) -> Response:
        with self.lock:
            self.created.append(request.json())
        return json_response({"id": len(self.created)}, 201)


@pytest.fixture
def store() -> Counter:
    return Counter()


@pytest.fixture
def server(store: Counter) -> Iterator[SandboxServer]:
    router = Router()
    router.get("/things/{number}", lambda r: json_response({"number": r.params["number"]}))
    router.get("/money", lambda r: json_response({"amount": Decimal("1250.10")}))
    router.post("/things", store.create)
    router.get("/boom", lambda r: 1 / 0)  # type: ignore[arg-type,return-value]
    with SandboxServer(router, name="test") as running:
        yield running


def test_routes_path_parameters_and_decimal_numbers(server: SandboxServer) -> None:
    with httpx.Client(base_url=server.base_url) as http:
        assert http.get("/things/2016_6_2017").json() == {"number": "2016_6_2017"}
        assert http.get("/money").content == b'{"amount":1250.10}'
        assert http.get("/nowhere").status_code == 404
        assert http.delete("/things/1").status_code == 405
        assert http.get("/boom").status_code == 500


def test_records_what_was_received(server: SandboxServer, store: Counter) -> None:
    with httpx.Client(base_url=server.base_url) as http:
        http.post("/things", json={"a": 1}, headers={"X-Token": "t"})
        http.get("/things/7?x=1")
    posts = server.exchanges(method="POST")
    assert [p.json() for p in posts] == [{"a": 1}]
    assert posts[0].headers["x-token"] == "t" and posts[0].status == 201
    assert server.exchanges(path=r"^/things/\d+$")[0].target == "/things/7?x=1"


def test_auth_hook_refuses_before_anything_else(store: Counter) -> None:
    router = Router()
    router.post("/things", store.create)

    def auth(request: Request) -> Response | None:
        if request.header("x-token") == "good":
            return None
        return json_response({"error": "bad token"}, 401)

    with SandboxServer(router, auth=auth) as server, httpx.Client(base_url=server.base_url) as h:
        assert h.post("/things", json={}, headers={"X-Token": "bad"}).status_code == 401
        assert h.post("/things", json={}, headers={"X-Token": "good"}).status_code == 201
    assert len(store.created) == 1


def test_token_bucket_answers_429_with_retry_after_and_reports_headers() -> None:
    router = Router()
    router.get("/x", lambda r: json_response({}))
    limiter = BucketLimiter(
        3, 60, cost=lambda m, p: 1, report=lambda s: {"X-Used": f"{s.used:.0f}/{s.limit:.0f}"}
    )
    with (
        SandboxServer(router, limiter=limiter) as server,
        httpx.Client(base_url=server.base_url) as http,
    ):
        answers = [http.get("/x") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert [a.headers["X-Used"] for a in answers[:3]] == ["1/3", "2/3", "3/3"]
    assert int(answers[3].headers["Retry-After"]) >= 1
    assert limiter.rejected == 1


def test_bucket_state_is_what_the_report_sees() -> None:
    seen: list[BucketState] = []

    def report(state: BucketState) -> dict[str, str]:
        seen.append(state)
        return {}

    limiter = BucketLimiter(10, 1, cost=lambda m, p: 4, report=report)
    assert limiter.check("GET", "/").allowed
    assert seen[-1].used == pytest.approx(4, abs=0.1) and seen[-1].cost == 4


@pytest.mark.parametrize("status", [500, 503])
def test_scripted_server_error(server: SandboxServer, store: Counter, status: int) -> None:
    server.faults.script(FaultKind.ERROR, method="POST", status=status)
    with httpx.Client(base_url=server.base_url) as http:
        assert http.post("/things", json={}).status_code == status
        assert http.post("/things", json={}).status_code == 201  # only the first one
    assert len(store.created) == 1  # the failed one did nothing


def test_scripted_throttle_sends_retry_after(server: SandboxServer) -> None:
    server.faults.script(FaultKind.THROTTLE, path="^/things", retry_after=3)
    with httpx.Client(base_url=server.base_url) as http:
        answer = http.get("/things/1")
    assert answer.status_code == 429 and answer.headers["Retry-After"] == "3"


def test_dropped_connection_gets_no_answer_and_does_nothing(
    server: SandboxServer, store: Counter
) -> None:
    server.faults.script(FaultKind.DROP, method="POST")
    with (
        httpx.Client(base_url=server.base_url) as http,
        pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)),
    ):
        http.post("/things", json={"n": 1})
    assert store.created == []
    assert server.exchanges()[-1].status is None
    assert server.exchanges()[-1].fault is FaultKind.DROP


def test_accept_then_drop_does_the_work_but_never_answers(
    server: SandboxServer, store: Counter
) -> None:
    server.faults.script(FaultKind.ACCEPT_THEN_DROP, method="POST", skip=1)
    with httpx.Client(base_url=server.base_url) as http:
        assert http.post("/things", json={"n": 1}).status_code == 201
        with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
            http.post("/things", json={"n": 2})
        assert http.post("/things", json={"n": 3}).status_code == 201
    assert store.created == [{"n": 1}, {"n": 2}, {"n": 3}]


def test_handler_can_ask_to_drop_after_doing_the_work(store: Counter) -> None:
    router = Router()
    router.post("/x", lambda r: Response(201, b"{}", drop_after=True))
    with SandboxServer(router) as server, httpx.Client(base_url=server.base_url) as http:
        with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
            http.post("/x", json={})
        assert server.exchanges()[0].fault is FaultKind.ACCEPT_THEN_DROP


def test_added_latency_overlaps_across_connections() -> None:
    router = Router()
    router.get("/x", lambda r: json_response({}))
    plan = FaultPlan(FaultConfig(latency_ms=150))
    with SandboxServer(router, faults=plan) as server, httpx.Client() as http:
        http.get(f"{server.base_url}/x")  # warm up outside the measurement
        threads = [
            threading.Thread(target=http.get, args=(f"{server.base_url}/x",)) for _ in range(4)
        ]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
    assert elapsed >= 0.15  # every request waited ...
    assert elapsed < 0.5  # ... at the same time: one after another would take 0.6 s


def test_random_faults_are_deterministic_under_a_seed() -> None:
    def run(seed: int) -> list[FaultKind | None]:
        plan = FaultPlan(FaultConfig.mixed(0.5, seed=seed))
        return [
            plan.decide("POST", f"/x?page={i % 7}", b"{}", is_write=True).kind for i in range(200)
        ]

    first, again, other = run(1), run(1), run(2)
    assert first == again
    assert first != other
    kinds = {k for k in first if k is not None}
    assert kinds == set(FaultKind)
    assert 60 < sum(k is not None for k in first) < 140


def test_accept_then_drop_is_never_drawn_for_reads() -> None:
    plan = FaultPlan(FaultConfig(accept_then_drop_rate=1.0))
    assert plan.decide("GET", "/x", b"", is_write=False).kind is None
    assert plan.decide("POST", "/x", b"", is_write=True).kind is FaultKind.ACCEPT_THEN_DROP


def test_fault_rates_are_checked() -> None:
    with pytest.raises(ValueError):
        FaultConfig(error_rate=0.8, drop_rate=0.5)


def test_stop_releases_the_port() -> None:
    server = SandboxServer(Router()).start()
    url = server.base_url
    server.stop()
    with pytest.raises(httpx.ConnectError):
        httpx.get(url, timeout=1)
