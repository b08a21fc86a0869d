"""The app dies at every step between claim, send and record; the next runs post exactly once.

Each step is one place a process can stop: after the claim is committed, after the posting is
marked sent but before the request, after e-conomic committed it but before the answer was
recorded, after an answer was lost to a late commit, while looking a marker up, while recording
the voucher, while booking. The death is a BaseException no code in econdesk catches, so
nothing after it runs, as when the process is killed. Then clean runs follow until everything
is posted: no marker accepted twice, every match posted with the sandbox's voucher, nothing
left in doubt, the audit chain intact.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pytest

from econdesk.connectors import eventloop
from econdesk.connectors.economic.client import EconomicClient
from econdesk.connectors.economic.models import MarkerSearch, PostResult
from econdesk.connectors.errors import ConnectorError
from econdesk.connectors.http import RetryPolicy
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.sandbox.faults import FaultKind
from econdesk.storage import Database
from econdesk.storage.repos.postings import PostingRepository
from tests.services.posting_world import World, agreement, check_exactly_once

STEPS = (
    "claimed",
    "marked_sent",
    "committed_unrecorded",
    "late_commit_lost",
    "searching",
    "recording",
    "booking",
)


class Killed(BaseException):
    """The process died here."""


class Killer:
    """The real client, except that the process dies at `step` (once)."""

    def __init__(self, inner: EconomicClient, step: str, armed: list[bool]) -> None:
        self.inner, self.step, self.armed = inner, step, armed

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def _die(self, step: str) -> None:
        if self.step == step and self.armed[0]:
            self.armed[0] = False
            raise Killed(step)

    async def post_vouchers(
        self, journal_number: int, vouchers: Sequence[Mapping[str, Any]], *, idempotency_key: str
    ) -> PostResult:
        self._die("marked_sent")
        try:
            result = await self.inner.post_vouchers(
                journal_number, vouchers, idempotency_key=idempotency_key
            )
        except ConnectorError:
            self._die("late_commit_lost")
            raise
        self._die("committed_unrecorded")
        return result

    async def find_marker(
        self, marker: str, *, journals: Iterable[int] | None = None, years: Any = None
    ) -> MarkerSearch:
        self._die("searching")
        return await self.inner.find_marker(marker, journals=journals, years=years)

    async def book_draft_entries(
        self, journal_number: int, entry_numbers: Sequence[int], *, idempotency_key: str | None
    ) -> None:
        await self.inner.book_draft_entries(
            journal_number, entry_numbers, idempotency_key=idempotency_key
        )
        self._die("booking")


@pytest.mark.parametrize("step", STEPS)
def test_killed_at_each_step_then_posted_exactly_once(
    step: str, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    armed = [True]
    for name, at in (("mark_sent", "claimed"), ("mark_posted", "recording")):
        original = getattr(PostingRepository, name)

        def dying(self: Any, *args: Any, _o: Any = original, _at: str = at, **kw: Any) -> Any:
            if step == _at and armed[0]:
                armed[0] = False
                raise Killed(_at)
            return _o(self, *args, **kw)

        monkeypatch.setattr(PostingRepository, name, dying)
    with EconomicSandbox(agreement(51)) as sandbox:
        world = World.build(sqlite_db, sandbox, seed=51, count=3)
        if step in ("late_commit_lost", "searching"):
            sandbox.faults.script(FaultKind.COMMIT_LATE, method="POST", path="/vouchers", delay=0.3)
        service = world.service(
            batch_size=2,
            book=True,
            retry=RetryPolicy(attempts=1),
            wrap=lambda client: Killer(client, step, armed),
        )
        with pytest.raises(Killed):
            eventloop.run(service.post())
        check_exactly_once(world)
        for _ in range(4):
            sandbox.server.finish_deferred()
            eventloop.run(world.service(batch_size=2, book=True).post())
            if check_exactly_once(world)["posted"] == 3:
                break
        assert check_exactly_once(world) == {"posted": 3, "total": 3}
        with sqlite_db.reader() as store:
            assert store.postings.in_doubt() == []
            assert store.verify_audit().ok
