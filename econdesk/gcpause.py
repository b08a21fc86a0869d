"""Pausing Python's cycle collector around bulk work, shared by every layer.

Bulk reads (a fetch of 100,000 entries) and matcher runs allocate millions of small acyclic
objects while the caller holds millions more; every full collection would walk them all again,
so the cost would grow faster than the input. Reference counting still frees everything; cycles
wait for the next collection after the pause.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector for the duration of a block.

    Pauses nest and may interleave (a whole fetch around its pages' decoding, two fetches on
    one event loop, two threads): the collector runs again when the last pause ends, and only
    if it was running before the first began.
    """
    _collector.pause()
    try:
        yield
    finally:
        _collector.resume()


class _CollectorPauses:
    """How many pauses are open, and whether the collector ran before the first."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open = 0
        self._was_enabled = False

    def pause(self) -> None:
        with self._lock:
            if self._open == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._open += 1

    def resume(self) -> None:
        with self._lock:
            self._open -= 1
            if self._open == 0 and self._was_enabled:
                gc.enable()


_collector = _CollectorPauses()
