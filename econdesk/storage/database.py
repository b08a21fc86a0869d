"""Opening the store: engine, sessions, transactions, schema migrations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from econdesk import filemodes, paths
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say
from econdesk.storage.audit import ACTOR_KEY, ROW_LOCKS_ONLY_KEY, default_actor, lock_writes
from econdesk.storage.engine import BEGIN_OPTION, create_engine_for
from econdesk.storage.errors import StorageError
from econdesk.storage.schema_version import is_latest
from econdesk.storage.store import Store


class Database:
    """One database (SQLite file or PostgreSQL), shared by every thread of the process.

    Write with `with db.transaction() as store: ...` (commits at the end, rolls back on an
    exception, and holds the store's writer lock for the whole block, so writers in every
    process queue rather than collide: SQLite's write lock, PostgreSQL's advisory lock). Read
    with `with db.reader() as store: ...` (never writes, never blocks a writer). Sessions are
    not shared between threads: open one per unit of work.
    """

    def __init__(
        self,
        url: str,
        *,
        actor: str | None = None,
        echo: bool = False,
        schema: str | None = None,
    ) -> None:
        self.url = url
        self.schema = schema
        self.actor = actor or default_actor()
        self.engine: Engine = create_engine_for(url, echo=echo, schema=schema)
        info = {ACTOR_KEY: self.actor}
        writer = self.engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})
        self._writer = sessionmaker(bind=writer, expire_on_commit=False, info=info)
        self._reader = sessionmaker(bind=self.engine, expire_on_commit=False, info=info)

    @property
    def dialect(self) -> str:
        """ "sqlite" or "postgresql"."""
        return self.engine.dialect.name

    @property
    def display_url(self) -> str:
        """The URL with any password hidden: safe for logs, messages and the UI."""
        shown = make_url(self.url).render_as_string(hide_password=True)
        return f"{shown} (schema {self.schema})" if self.schema else shown

    def __repr__(self) -> str:
        return f"Database({self.display_url!r}, actor={self.actor!r})"

    @contextmanager
    def transaction(
        self, *, lock_first: bool = True, row_locks_only: bool = False
    ) -> Iterator[Store]:
        """A write transaction: everything in the block commits together, or nothing does.

        `lock_first=False` (PostgreSQL; SQLite's writer lock is always taken at BEGIN): the
        block may read before it takes the writer lock, which it takes with
        `store.lock_writes()` or, at the latest, at its first write (flush or DML statement),
        so that it never holds a row lock while it waits for the writer lock. What it read
        before must be checked again under the lock: a match's version is (every UPDATE of a
        match checks it), anything else the block reads again.

        `row_locks_only=True` (PostgreSQL): the block never takes the writer lock (and so
        cannot append to the audit log: `lock_writes` refuses); it writes one small row of
        its own (a sync cursor), which it locks with SELECT ... FOR UPDATE before it reads
        it, and nothing else, so colleagues' approvals do not wait behind it. Holding one
        row lock and waiting for no other, it can be in no deadlock. Exchange rates are
        stored this way too: rows written once and never changed, inserted in key order
        with ON CONFLICT DO NOTHING, which no writer-lock holder ever touches.
        """
        session = self._writer()
        try:
            with _busy_as_error(self), session.begin():
                if row_locks_only:
                    session.info[ROW_LOCKS_ONLY_KEY] = session.get_transaction()
                elif lock_first:
                    lock_writes(session)
                else:
                    event.listen(session, "before_flush", _lock_before_flush)
                    event.listen(session, "do_orm_execute", _lock_before_dml)
                yield Store(session)
        finally:
            session.close()

    @contextmanager
    def reader(self) -> Iterator[Store]:
        """A read-only unit of work (rolled back at the end, so nothing is ever written)."""
        session = self._reader()
        try:
            with _busy_as_error(self):
                yield Store(session)
        finally:
            session.rollback()
            session.close()

    def session(self, *, write: bool = False) -> Session:
        """A bare Session for code that manages its own transaction (e.g. a paging table model).

        The caller must close it. Prefer `transaction()` / `reader()`.
        """
        return (self._writer if write else self._reader)()

    # -- schema ----------------------------------------------------------------------------
    def migrate(self, revision: str = "head") -> None:
        """Bring the schema to `revision` (default: the newest this econdesk knows)."""
        # Nearly every start finds the schema current: say so without loading alembic, which
        # costs a large share of the app's start-up time.
        if revision == "head" and is_latest(self.engine):
            return
        from econdesk.storage.migrate import upgrade  # start-up: alembic only when needed

        upgrade(self.engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"}), revision)

    def schema_revision(self) -> str | None:
        from econdesk.storage.migrate import current_revision  # start-up: as above

        return current_revision(self.engine)

    def compact_freed_pages(self) -> None:
        """After erasing data: on SQLite, fold the write-ahead log into the file and empty it,
        so the old page images (holding what was erased) leave the -wal file too. PostgreSQL
        keeps old row versions until VACUUM, which its administrator runs (README)."""
        if self.dialect == "sqlite":
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def dispose(self) -> None:
        self.engine.dispose()


def _lock_before_flush(session: Session, *_: Any) -> None:
    lock_writes(session)


def _lock_before_dml(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        lock_writes(state.session)


@contextmanager
def _busy_as_error(db: Database) -> Iterator[None]:
    try:
        yield
    except OperationalError as exc:
        text = str(exc.orig)
        if "locked" in text or "busy" in text:
            busy = QT_TRANSLATE_NOOP(
                "CLI", "the database {0} stayed busy (another econdesk is writing): try again"
            )
            raise StorageError(say(busy, db.display_url)) from None
        if "could not connect" in text or "Connection refused" in text:
            raise StorageError(
                say(QT_TRANSLATE_NOOP("CLI", "cannot reach the database {0}"), db.display_url)
            ) from None
        raise


def create_schema(db: Database) -> None:
    """The client's schema on a shared PostgreSQL server, made when it is not there yet."""
    with db.engine.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA IF NOT EXISTS "{db.schema}"')


def drop_schema(url: str, schema: str) -> None:
    """Remove a client's schema and everything in it (`clients remove --delete-data`)."""
    engine = create_engine_for(url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    finally:
        engine.dispose()


def default_url() -> str:
    """The SQLite file in the user data folder (or under $ECONDESK_HOME)."""
    return paths.sqlite_url(paths.default_database_file())


def _private_sqlite_file(path: Path) -> None:
    """The store holds payers' names: the file (and the -wal/-shm files SQLite makes with the
    same mode) is the user's alone. A folder econdesk creates for it is too."""
    filemodes.private_folder(path.parent)
    filemodes.create_private_file(path)
    for extra in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if extra.exists():
            filemodes.restrict(extra)


def open_database(
    url: str | None = None,
    *,
    actor: str | None = None,
    migrate: bool = True,
    schema: str | None = None,
) -> Database:
    """Open (creating the SQLite file and its folder, or the PostgreSQL `schema`, if needed)
    and migrate to the newest schema.

    Refuses, with SchemaError, a database made by a newer econdesk.
    """
    url = url or default_url()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        _private_sqlite_file(Path(parsed.database).expanduser())
    db = Database(url, actor=actor, schema=schema)
    if migrate:
        try:
            if schema:
                create_schema(db)
            db.migrate()
        except OperationalError as exc:
            db.dispose()
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
            cannot = QT_TRANSLATE_NOOP("CLI", "cannot open the database {0}: {1}")
            raise StorageError(say(cannot, db.display_url, reason)) from None
        except BaseException:
            db.dispose()
            raise
    return db
