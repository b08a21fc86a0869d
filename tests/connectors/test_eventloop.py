"""The connectors' one event loop: sync callers from any thread, a client kept between calls."""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection

import pytest

from econdesk.connectors import eventloop
from econdesk.connectors.http import HttpClient
from econdesk.sandbox.server import Request, Response, Router, SandboxServer, json_response


def slow_item(request: Request) -> Response:
    time.sleep(0.2)
    return json_response({"n": int(request.params["n"])})


@pytest.fixture
def server() -> Iterator[SandboxServer]:
    router = Router()
    router.get("/items/{n}", slow_item)
    with SandboxServer(router) as running:
        yield running


def test_a_client_serves_many_calls_from_many_threads(server: SandboxServer) -> None:
    client = HttpClient(server.base_url, system="Loop", max_in_flight=4)
    threads: set[str] = set()

    async def fetch(n: int) -> int:
        threads.add(threading.current_thread().name)
        return int((await client.get_json(f"/items/{n}"))["n"])

    assert eventloop.run(fetch(0)) == 0  # from this thread
    with ThreadPoolExecutor(4) as workers:  # as Qt's workers and the CLI call it
        got = list(workers.map(lambda n: eventloop.run(fetch(n)), range(1, 5)))
    eventloop.run(client.aclose())
    assert got == [1, 2, 3, 4]
    assert threads == {"econdesk-connectors"}  # every call ran on the one loop's thread
    assert server.peak_in_flight == 4  # side by side on the loop, not one call after another


def test_failures_reach_the_caller() -> None:
    async def fail() -> None:
        raise LookupError("no such agreement")

    with pytest.raises(LookupError, match="no such agreement"):
        eventloop.run(fail())


def test_calling_it_from_the_loop_itself_fails_instead_of_waiting_forever() -> None:
    async def nested() -> int:
        return 1

    async def outer() -> str:
        inner = nested()
        with pytest.raises(RuntimeError, match="await the coroutine") as caught:
            eventloop.run(inner)
        return str(caught.value)

    assert "event loop" in eventloop.run(outer(), timeout=5)
    assert asyncio.run(outer())  # on any other running loop as well


def test_a_wait_that_ends_early_cancels_the_coroutine_and_waits_for_its_cleanup() -> None:
    cleaned = threading.Event()

    async def forever() -> None:
        try:
            await asyncio.sleep(60)
        finally:
            await asyncio.sleep(0.05)  # closing a client takes a round trip or two
            cleaned.set()

    with pytest.raises(TimeoutError):
        eventloop.run(forever(), timeout=0.05)
    assert cleaned.is_set()


def _answer_in_child(conn: Connection) -> None:
    async def answer() -> int:
        return 42

    try:
        conn.send(eventloop.run(answer(), timeout=5))
    except TimeoutError:
        conn.send("timed out")


def test_a_forked_child_starts_a_loop_of_its_own() -> None:
    eventloop.loop()  # running here; its thread is not copied into a child
    fork = multiprocessing.get_context("fork")
    here, there = fork.Pipe()
    child = fork.Process(target=_answer_in_child, args=(there,))
    child.start()
    try:
        assert here.poll(10)
        assert here.recv() == 42
    finally:
        child.join(5)
