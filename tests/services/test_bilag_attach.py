"""Each posted voucher gets its bilag attached in e-conomic exactly once, over loopback, also
when a run dies between posting and attaching, or between the upload and recording it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from pypdf import PdfReader

from econdesk.connectors import eventloop
from econdesk.connectors.economic.client import EconomicClient
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.sandbox.faults import FaultKind
from econdesk.services.posting import Outcome
from econdesk.storage import BilagStatus, Database
from tests.services.posting_world import World, agreement

UPLOAD = r"/attachment/file$"


@pytest.fixture
def sandbox() -> Iterator[EconomicSandbox]:
    with EconomicSandbox(agreement(seed=11)) as running:
        yield running


def _uploads(sandbox: EconomicSandbox) -> list[str]:
    return [e.path for e in sandbox.server.exchanges("POST", UPLOAD)]


def _statuses(db: Database) -> dict[str, BilagStatus]:
    with db.reader() as store:
        return {b.match_id: b.status for b in store.bilag.all()}


def test_post_attaches_one_pdf_per_voucher_and_never_again(
    db: Database, sandbox: EconomicSandbox
) -> None:
    world = World.build(db, sandbox, seed=11, count=3)
    report = eventloop.run(world.service(bilag=True).post())
    assert report.ok, report
    assert sorted(report.bilag.attached) == sorted(m.id for m in world.matches)
    documents = sandbox.data.documents
    assert len(documents) == 3 and len(_uploads(sandbox)) == 3
    with db.reader() as store:
        vouchers = {p.match_id: p.voucher_ref for p in store.postings.find()}
    for match in world.matches:
        ref = vouchers[match.id]
        assert ref is not None
        document = documents[(ref.journal, ref.year, ref.number)]
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(document.content)).pages)
        assert f"{ref.number}" in text and match.id in text
        assert "frisbii" not in text and "stripe:txn_" in text  # the deposit's own items
    assert set(_statuses(db).values()) == {BilagStatus.ATTACHED}
    # A second run has nothing to attach: nothing is uploaded or asked again.
    again = eventloop.run(world.service(bilag=True).post())
    assert again.bilag.attached == [] and len(_uploads(sandbox)) == 3
    with db.reader() as store:
        assert [e.action for e in store.audit_events()].count("bilag.attached") == 3
        assert store.verify_audit().ok


def test_a_crash_between_posting_and_attaching_is_attached_by_the_next_post(
    sqlite_db: Database, sandbox: EconomicSandbox
) -> None:
    world = World.build(sqlite_db, sandbox, seed=12, count=2)
    first = eventloop.run(world.service(bilag=False).post())  # dies before attaching
    assert len(first.by(Outcome.POSTED)) == 2 and sandbox.data.documents == {}
    later = eventloop.run(world.service(bilag=True).post())  # nothing new to post
    assert later.outcomes == []
    assert sorted(later.bilag.attached) == sorted(m.id for m in world.matches)
    assert len(sandbox.data.documents) == 2 and len(_uploads(sandbox)) == 2


class Killed(Exception):
    """The process dying (an ordinary exception: the shared event loop must live on)."""


@dataclass
class _DiesAfterUpload:
    """The run is killed right after e-conomic took the upload, before it is recorded."""

    inner: EconomicClient

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    async def attach_voucher_file(self, *args: Any) -> None:
        await self.inner.attach_voucher_file(*args)
        raise Killed


def test_a_crash_after_the_upload_is_looked_up_and_not_sent_again(
    db: Database, sandbox: EconomicSandbox
) -> None:
    world = World.build(db, sandbox, seed=13, count=1)
    with pytest.raises(Killed):
        eventloop.run(world.service(bilag=True, wrap=_DiesAfterUpload).post())
    assert len(sandbox.data.documents) == 1
    assert set(_statuses(db).values()) == {BilagStatus.SENDING}
    report = eventloop.run(world.service(bilag=True).post())  # stale_after 0: look it up now
    assert report.bilag.recovered == [world.matches[0].id] and report.bilag.attached == []
    assert len(_uploads(sandbox)) == 1  # asked with GET, never uploaded twice
    assert sandbox.server.exchanges("GET", r"/attachment$")
    assert set(_statuses(db).values()) == {BilagStatus.ATTACHED}
    with db.reader() as store:
        (event,) = store.audit_events(action_prefix="bilag.attached")
    assert event.payload["recovered"] is True


def test_a_lost_answer_to_the_upload_is_settled_by_looking(
    sqlite_db: Database, sandbox: EconomicSandbox
) -> None:
    world = World.build(sqlite_db, sandbox, seed=14, count=1)
    sandbox.faults.script(FaultKind.ACCEPT_THEN_DROP, method="POST", path=UPLOAD)
    report = eventloop.run(world.service(bilag=True).post())
    assert report.ok, report
    assert report.bilag.recovered == [world.matches[0].id]
    assert len(_uploads(sandbox)) == 1 and len(sandbox.data.documents) == 1


def test_a_refused_upload_stays_pending_and_is_sent_by_a_later_run(
    sqlite_db: Database, sandbox: EconomicSandbox
) -> None:
    world = World.build(sqlite_db, sandbox, seed=15, count=1)
    sandbox.faults.script(FaultKind.ERROR, method="POST", path=UPLOAD, status=500)
    first = eventloop.run(world.service(bilag=True).post())
    assert not first.ok and first.bilag.failed and sandbox.data.documents == {}
    assert set(_statuses(sqlite_db).values()) == {BilagStatus.PENDING}
    second = eventloop.run(world.service(bilag=True).post())
    assert second.ok and second.bilag.attached == [world.matches[0].id]
    assert len(sandbox.data.documents) == 1
