"""Sync beside colleagues: a page is compared with the store without the writer lock, so
colleagues write meanwhile; what they wrote is taken into account when the page is stored."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event, text

from econdesk.storage import Database
from econdesk.storage.repos.bank import BankEntryRepository
from econdesk.storage.repos.items import PlatformItemRepository
from tests.services.test_sync import (
    Sandboxes,
    run,
    sandboxes,  # noqa: F401 - the module's sandboxes
)
from tests.storage.helpers import payment

Repository = type[PlatformItemRepository] | type[BankEntryRepository]


def first_plan_calls(
    monkeypatch: pytest.MonkeyPatch, repository: Repository, action: Callable[[], None]
) -> list[bool]:
    """Run `action` once, when the sync first compares objects of this kind with the store."""
    original = repository.plan
    done: list[bool] = []

    def plan(self: Any, objects: Iterable[Any]) -> Any:
        if not done:
            done.append(True)
            action()
        return original(self, objects)

    monkeypatch.setattr(repository, "plan", plan)
    return done


def impatient(db: Database) -> Database:
    """The same database as a colleague who waits at most 2 s for the writer lock."""
    colleague = Database(db.url, actor="jane")
    if colleague.dialect == "sqlite":

        @event.listens_for(colleague.engine, "connect")
        def _short_wait(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.execute("PRAGMA busy_timeout = 2000")

    return colleague


def test_a_colleague_writes_while_a_sync_compares_a_page(
    sandboxes: Sandboxes,  # noqa: F811
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    colleague = impatient(db)

    def colleague_writes() -> None:
        with colleague.transaction(lock_first=False) as store:
            if colleague.dialect == "postgresql":
                store.session.execute(text("SET LOCAL lock_timeout = '2s'"))
            store.items.upsert(payment("colleague"))

    try:
        done = first_plan_calls(monkeypatch, PlatformItemRepository, colleague_writes)
        assert run(sandboxes, db).ok
    finally:
        colleague.dispose()
    assert done
    with db.reader() as store:
        assert store.items.get("stripe:colleague") == payment("colleague")
        assert store.verify_audit().ok


@pytest.mark.parametrize("repository", [PlatformItemRepository, BankEntryRepository])
def test_a_purge_between_comparing_and_storing_keeps_what_it_took_out(
    sandboxes: Sandboxes,  # noqa: F811
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
    repository: Repository,
) -> None:
    """The purge is recorded after the sync read the cut-off and compared its objects, and
    before it stores them: nothing dated before the new cut-off is stored."""
    cut = date(2026, 3, 15)

    def purge() -> None:
        with db.transaction() as store:
            store.record("privacy.purged", ["privacy"], {"before": cut.isoformat()})

    done = first_plan_calls(monkeypatch, repository, purge)
    assert run(sandboxes, db).ok
    assert done
    with db.reader() as store:
        items, bank = store.items.find(), store.bank_entries.find()
    stored = items if repository is PlatformItemRepository else bank
    days = (
        [i.occurred_at.date() for i in items] if stored is items else [e.entry_date for e in bank]
    )
    assert days and min(days) >= cut


@pytest.mark.postgres
def test_a_sync_that_finds_nothing_new_does_not_wait_for_the_writer_lock(
    sandboxes: Sandboxes,  # noqa: F811
    postgres_db: Database,
) -> None:
    """A colleague's transaction holds the writer lock throughout: a sync of what is stored
    already writes only its cursors, under their own row locks, and is done meanwhile."""
    db = postgres_db
    assert run(sandboxes, db).ok
    colleague = Database(db.url, actor="jane")
    holding, release = threading.Event(), threading.Event()

    def hold_the_lock() -> None:
        with colleague.transaction():
            holding.set()
            release.wait(30)

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    try:
        assert holding.wait(10)
        report = run(sandboxes, db)
        done_while_held = holder.is_alive()
    finally:
        release.set()
        holder.join()
        colleague.dispose()
    assert report.ok and report.stored.inserted == 0
    assert done_while_held
