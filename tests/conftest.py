"""Fixtures for the whole suite: an isolated home per test, databases, a real PostgreSQL.

- Every test runs with ECONDESK_HOME in its own temp folder and no ECONDESK_CONFIG/ECONDESK_DB,
  and with keyring's "fail" backend, so no test reads or writes the user's real config,
  database or keyring.
- `postgres_url` (session): a PostgreSQL server started once per session from the installed
  server binaries (initdb/pg_ctl) in a temp folder on a free loopback port; the URL of its
  maintenance database. `new_postgres_database(postgres_url)` makes an empty database and
  returns its URL; `postgres_database_url` is a fresh empty one per test.
- `sqlite_db`, `postgres_db`: a migrated `Database` per test; `db` runs the test on both.
- PostgreSQL tests skip only where no server binaries exist and $CI is unset; under CI a
  missing PostgreSQL fails the run.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from econdesk.storage import Database, open_database

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Two shared cores and a database behind many properties: time limits per example would only
# make the suite flaky; function-scoped fixtures (a database) are reused on purpose.
settings.register_profile(
    "econdesk",
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("econdesk")

PG_TEMPLATE = "econdesk_template"


@pytest.fixture(autouse=True)
def econdesk_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    home = tmp_path_factory.mktemp("econdesk-home")
    monkeypatch.setenv("ECONDESK_HOME", str(home))
    monkeypatch.delenv("ECONDESK_CONFIG", raising=False)
    monkeypatch.delenv("ECONDESK_DB", raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    return home


# -- PostgreSQL server -----------------------------------------------------------------------


def find_pg_bin() -> Path | None:
    """The folder holding initdb and pg_ctl: PATH, then the newest /usr/lib/postgresql/*/bin."""
    candidates: list[Path] = []
    found = shutil.which("initdb")
    if found:
        candidates.append(Path(found).resolve().parent)
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    candidates += versions
    candidates.append(Path("/usr/local/bin"))
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


def _server_user() -> str | None:
    """initdb refuses root: run the server as 'postgres' (or a made-up test user) if root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "econdesk-test"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    subprocess.run(
        [
            "useradd",
            "--system",
            "--no-create-home",
            "--shell",
            "/usr/sbin/nologin",
            "econdesk-test",
        ],
        check=True,
        capture_output=True,
    )
    return "econdesk-test"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run_as(user: str | None, argv: list[str]) -> subprocess.CompletedProcess[str]:
    if user is not None:
        argv = ["runuser", "-u", user, "--", *argv]
    return subprocess.run(argv, check=False, capture_output=True, text=True, timeout=120)


@contextlib.contextmanager
def postgres_server(pg_bin: Path) -> Iterator[str]:
    """A throw-away PostgreSQL server (fsync off) while the block runs: its maintenance URL.
    RuntimeError when it cannot be started. Also used by benchmarks/posting_faults.py."""
    user = _server_user()
    root = Path(tempfile.mkdtemp(prefix="econdesk-pg-"))
    data, sockets, log = root / "data", root / "sock", root / "server.log"
    sockets.mkdir()
    if user is not None:
        info = pwd.getpwnam(user)
        for path in (root, sockets):
            os.chown(path, info.pw_uid, info.pw_gid)
    init = _run_as(
        user,
        [str(pg_bin / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
         "--locale=C", "--no-sync"],
    )  # fmt: skip
    if init.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"initdb failed:\n{init.stdout}\n{init.stderr}")
    port = 0
    for _attempt in range(5):
        port = _free_port()
        options = (
            f"-h 127.0.0.1 -p {port} -k {sockets} -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=100"
        )
        start = _run_as(
            user,
            [str(pg_bin / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start"],
        )
        if start.returncode == 0:
            break
    else:
        server_log = log.read_text(errors="replace") if log.exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"pg_ctl start failed:\n{start.stdout}\n{start.stderr}\n{server_log}")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        _run_as(user, [str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"])
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """URL of the maintenance database of a throw-away PostgreSQL server for this session."""
    pg_bin = find_pg_bin()
    if pg_bin is None:
        if os.environ.get("CI"):
            pytest.fail(
                "PostgreSQL server binaries (initdb, pg_ctl) not found; .ci/run installs them"
            )
        pytest.skip("PostgreSQL server binaries not installed (set CI=1 to make this an error)")
    try:
        server = postgres_server(pg_bin)
        url = server.__enter__()
    except RuntimeError as exc:
        pytest.fail(str(exc))
    try:
        yield url
    finally:
        server.__exit__(None, None, None)


def _admin(postgres_url: str, sql: str) -> None:
    engine = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()


def new_postgres_database(postgres_url: str, *, template: str | None = None) -> str:
    """Create an empty database (or a copy of `template`) on the test server; return its URL."""
    name = f"t_{uuid.uuid4().hex[:16]}"
    suffix = f" TEMPLATE {template}" if template else ""
    _admin(postgres_url, f"CREATE DATABASE {name}{suffix}")
    return make_url(postgres_url).set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(postgres_url: str, url: str) -> None:
    name = make_url(url).database
    _admin(postgres_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def postgres_database_url(postgres_url: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test (dropped afterwards)."""
    url = new_postgres_database(postgres_url)
    yield url
    drop_postgres_database(postgres_url, url)


# -- migrated databases ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def _postgres_template(postgres_url: str) -> str:
    """A database migrated to the newest schema once, copied for each test (fast)."""
    _admin(postgres_url, f"DROP DATABASE IF EXISTS {PG_TEMPLATE}")
    _admin(postgres_url, f"CREATE DATABASE {PG_TEMPLATE}")
    url = make_url(postgres_url).set(database=PG_TEMPLATE).render_as_string(hide_password=False)
    open_database(url, actor="template").dispose()
    return PG_TEMPLATE


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite-template") / "template.sqlite3"
    open_database(f"sqlite:///{path}", actor="template").dispose()
    return path


@pytest.fixture
def sqlite_db(tmp_path: Path, _sqlite_template: Path) -> Iterator[Database]:
    """A migrated SQLite database (a file in tmp_path) with actor 'tester'."""
    path = tmp_path / "econdesk.sqlite3"
    shutil.copyfile(_sqlite_template, path)
    db = open_database(f"sqlite:///{path}", actor="tester")
    yield db
    db.dispose()


@pytest.fixture
def postgres_db(postgres_url: str, _postgres_template: str) -> Iterator[Database]:
    """A migrated PostgreSQL database of its own with actor 'tester'."""
    url = new_postgres_database(postgres_url, template=_postgres_template)
    db = open_database(url, actor="tester")
    yield db
    db.dispose()
    drop_postgres_database(postgres_url, url)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest) -> Database:
    """The test runs twice: on SQLite and on PostgreSQL."""
    name = "sqlite_db" if request.param == "sqlite" else "postgres_db"
    database: Database = request.getfixturevalue(name)
    return database
