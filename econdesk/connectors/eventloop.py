"""The one event loop every connector coroutine runs on, on a daemon thread of its own.

Connectors are async (a fetch keeps several requests in flight within a rate limit); the
services, the CLI and Qt's worker threads are not. They hand a coroutine to `run`, which runs
it on this loop and blocks the calling thread until it is done::

    from econdesk.connectors import eventloop

    report = eventloop.run(service.post(ids))

The loop lives as long as the process (it starts at the first `run`), so a client, its
connection pool and its locks may be kept and used by any number of `run` calls, from any
thread; coroutines from several threads run side by side on the one loop. Code already on an
event loop awaits the coroutine instead: `run` refuses to be called there, since the loop
would wait for itself.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

__all__ = ["loop", "run"]

T = TypeVar("T")

_lock = threading.Lock()
_loop: asyncio.AbstractEventLoop | None = None


def loop() -> asyncio.AbstractEventLoop:
    """The connectors' event loop, started on its daemon thread at the first call."""
    global _loop  # noqa: PLW0603 - one loop per process is the point of this module
    with _lock:
        if _loop is None:
            _loop = asyncio.new_event_loop()
            threading.Thread(
                target=_loop.run_forever, name="econdesk-connectors", daemon=True
            ).start()
        return _loop


def run(coro: Coroutine[Any, Any, T], timeout: float | None = None) -> T:
    """Run `coro` on the connectors' loop and return its result (or raise its exception).

    Blocks the calling thread, which must not itself be running an event loop. Should the
    wait end early (`timeout`, or Ctrl+C in the CLI), the coroutine is cancelled and its own
    cleanup (closing clients, the `finally` blocks) runs to the end before this returns.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        pass
    else:
        coro.close()
        raise RuntimeError(
            "eventloop.run() called from code running on an event loop: await the coroutine"
        )
    done = threading.Event()
    started: list[asyncio.Task[T]] = []

    def start() -> None:  # on the loop's thread
        task = asyncio.ensure_future(coro)
        task.add_done_callback(lambda _: done.set())
        started.append(task)

    def cancel() -> None:  # on the loop's thread, after `start`: callbacks run in order
        started[0].cancel()

    connectors = loop()
    connectors.call_soon_threadsafe(start)
    try:
        if not done.wait(timeout):
            raise TimeoutError(f"the connector call did not finish in {timeout} s")
    except BaseException:
        connectors.call_soon_threadsafe(cancel)
        done.wait()
        raise
    return started[0].result()


def _forget_in_child() -> None:
    # A forked child has the parent's loop object but not its thread: it starts its own.
    global _loop, _lock
    _loop, _lock = None, threading.Lock()


os.register_at_fork(after_in_child=_forget_in_child)
