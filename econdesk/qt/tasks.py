"""Background work, the way Anki does it: one serialized database worker, parallel network workers.

Services are plain Python; they take a `Job` for progress and cancellation (no Qt in them). The
GUI thread submits work here and gets `success`/`failure` called back on the GUI thread through
a queued signal. Progress is polled by the caller (see progress.py) rather than signalled per
step, so a chatty service cannot flood the event loop.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, Signal

log = logging.getLogger(__name__)

R = TypeVar("R")


class Cancelled(Exception):
    """Raised inside a job when the user pressed Cancel; not an error to show."""


@dataclass(frozen=True)
class Progress:
    done: int = 0
    total: int = 0  # 0: unknown
    text: str = ""


class Job:
    """Handed to a background function: report progress, check for cancellation (thread-safe)."""

    def __init__(self, label: str = "") -> None:
        self.label = label
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._progress = Progress(text=label)

    # -- called from the worker ------------------------------------------------------------
    def report(self, done: int = 0, total: int = 0, text: str = "") -> None:
        with self._lock:
            self._progress = Progress(done, total, text or self._progress.text)

    def check(self) -> None:
        """Stop here (raise Cancelled) if the user asked to cancel."""
        if self._cancel.is_set():
            raise Cancelled(self.label)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    # -- called from the GUI -----------------------------------------------------------------
    def cancel(self) -> None:
        self._cancel.set()

    @property
    def progress(self) -> Progress:
        with self._lock:
            return self._progress


@dataclass(frozen=True)
class Failure:
    """An exception from a background function, with its traceback text for the details."""

    error: BaseException
    trace: str


class TaskManager(QObject):
    """`run(fn, success=..., failure=...)`; `fn` runs on a worker, the callbacks on the GUI."""

    _deliver = Signal(object)  # a Callable[[], None], called on the GUI thread

    def __init__(self, network_workers: int = 4, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # One database worker: writes never race each other and reads see them in order.
        self._db = ThreadPoolExecutor(1, thread_name_prefix="econdesk-db")
        self._net = ThreadPoolExecutor(network_workers, thread_name_prefix="econdesk-net")
        self._deliver.connect(self._on_deliver, Qt.ConnectionType.QueuedConnection)
        self._pending = 0
        self._closed = False

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def run(
        self,
        fn: Callable[[], R],
        *,
        success: Callable[[R], None] | None = None,
        failure: Callable[[Failure], None] | None = None,
        uses_database: bool = True,
    ) -> Future[R]:
        """Run `fn()` off the GUI thread; exactly one of the callbacks runs on the GUI thread."""
        assert threading.current_thread() is threading.main_thread(), "submit from the GUI thread"
        executor = self._db if uses_database else self._net
        self._pending += 1
        future = executor.submit(fn)
        future.add_done_callback(
            lambda f: self._deliver.emit(lambda: self._settle(f, success, failure))
        )
        return future

    def run_on_main(self, closure: Callable[[], None]) -> None:
        """Call `closure` on the GUI thread (from any thread)."""
        self._deliver.emit(closure)

    def _on_deliver(self, closure: Callable[[], None]) -> None:
        closure()

    def _settle(
        self,
        future: Future[R],
        success: Callable[[R], None] | None,
        failure: Callable[[Failure], None] | None,
    ) -> None:
        """On the GUI thread: hand a finished job's result or error to its callback."""
        self._pending -= 1
        if self._closed:
            return
        error = future.exception()
        if error is None:
            if success is not None:
                success(future.result())
            return
        trace = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        if failure is not None:
            failure(Failure(error, trace))
        elif not isinstance(error, Cancelled):
            log.error("background task failed without a handler:\n%s", trace)

    def shutdown(self, wait: bool = True) -> None:
        """Stop taking work; with `wait`, let running work finish (a write is never cut off)."""
        self._closed = True
        self._db.shutdown(wait=wait, cancel_futures=True)
        self._net.shutdown(wait=wait, cancel_futures=True)
