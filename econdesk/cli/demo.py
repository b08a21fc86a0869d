"""`econdesk demo`: the desktop app on the built-in sandboxes with a generated business.

Starts every registered sandbox on loopback with the "demo" scenario (a Danish subscription
business over three months), writes a config wired to them, the scenario's Clearhaus
settlement exports (for `[providers.clearhaus]`) and a fresh SQLite store in a temporary
folder, opens the app on the scenario's last month and fetches and matches it with
a progress dialog. No account, no network, nothing left behind (unless --keep).
`--self-test` does the same offscreen and exits 0 once the window shows the fetched period.

The sandboxes run in a process of their own (`econdesk demo --serve-sandboxes`): they start
while this one loads Qt and opens the store, and they answer the fetch on the other core. That
process reads its stdin until the demo closes it, so it ends with the demo however the demo
ends. The temporary folder is removed on exit, also on SIGTERM/SIGINT; a folder left by a demo
that was killed outright is swept by the next demo (it names the process that made it).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from econdesk.cli.context import Context
from econdesk.errors import EcondeskError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

if TYPE_CHECKING:
    from econdesk.config import Config
    from econdesk.qt.workspace import Period
    from econdesk.sandbox.serve import RunningSandbox
    from econdesk.storage import Database

FOLDER_PREFIX = "econdesk-demo-"
OWNER_FILE = "econdesk-demo.pid"  # in a demo folder: the id of the process that made it
SETTLEMENTS_FOLDER = "clearhaus"  # in a demo folder: the scenario's Clearhaus exports
SANDBOX_START_TIMEOUT = 60.0  # seconds the sandbox process may take to report its ports
WARM_UP = (  # imported while the sandboxes start (PySide6 only now, never for other commands)
    "econdesk.storage",
    "econdesk.qt.app",
    "econdesk.qt.startup",
    "econdesk.composition",
    "econdesk.services.sync",
    "econdesk.connectors.economic.client",
    "econdesk.connectors.stripe.client",
    "econdesk.connectors.frisbii.client",
    "econdesk.connectors.chargebee.client",
    "econdesk.connectors.files.clearhaus_folder",
    "econdesk.connectors.clearhaus.client",
    "econdesk.connectors.mobilepay.client",
    "econdesk.services.matching",
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help=QT_TRANSLATE_NOOP(
            "CLI help", "open the desktop app on the built-in sandbox with generated demo data"
        ),
    )
    parser.add_argument(
        "--scenario",
        default="demo",
        help=QT_TRANSLATE_NOOP("CLI help", "a named scenario or a spec file"),
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=None,
        help=QT_TRANSLATE_NOOP("CLI help", "another business (default: fixed)"),
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help=QT_TRANSLATE_NOOP("CLI help", "keep the demo folder (config and database)"),
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=QT_TRANSLATE_NOOP(
            "CLI help",
            "open the main window offscreen, fetch and show the demo, close; exit 0 if it worked",
        ),
    )
    # The demo's own sandbox process: serves until its stdin closes.
    parser.add_argument("--serve-sandboxes", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--store", default=None, help=argparse.SUPPRESS)  # ... creating this
    parser.add_argument("--clearhaus-folder", default=None, help=argparse.SUPPRESS)  # ... and
    parser.set_defaults(func=run)


def sandbox_document(running: list[RunningSandbox]) -> dict[str, Any]:
    """The sandboxes' connection document, as `econdesk init --sandbox` reads it."""
    from econdesk.sandbox.serve import connection_document  # start-up: the sandboxes load here

    return connection_document(running)


@dataclass
class Sandboxes:
    """Started sandboxes: their names, the connection document, the scenario's days, and how
    to stop them."""

    names: list[str]
    document: dict[str, Any]
    first_day: date
    last_day: date
    stop: Callable[[], None]
    pid: int | None = None  # the sandbox process, when they run in one

    @classmethod
    def in_process(
        cls, scenario: str, seed: int | None, clearhaus_folder: Path | None = None
    ) -> Sandboxes:
        # start-up: the sandboxes load only for the demo
        from econdesk.sandbox.scenario import load_spec
        from econdesk.sandbox.serve import ServeOptions, start, stop_all

        spec = load_spec(scenario, seed=seed)
        running = start(
            ServeOptions(seed=spec.seed, scenario=scenario, clearhaus_folder=clearhaus_folder)
        )
        return cls(
            [s.name for s in running],
            sandbox_document(running),
            spec.start,
            spec.end,
            lambda: stop_all(running),
        )

    def report(self) -> str:
        """What the sandbox process tells the demo, as one line."""
        days = {"first_day": self.first_day.isoformat(), "last_day": self.last_day.isoformat()}
        return json.dumps({"names": self.names, "document": self.document, **days})


class SandboxProcess:
    """`econdesk demo --serve-sandboxes` started in the background; `wait()` gives its ports.

    It also creates the demo's store at `store` (the schema's first migration loads a library
    this process can do without), while this process loads Qt.
    """

    def __init__(self, scenario: str, seed: int | None, store: Path, clearhaus: Path) -> None:
        command = [*_econdesk_command(), "demo", "--serve-sandboxes", "--scenario", scenario]
        command += ["--store", str(store), "--clearhaus-folder", str(clearhaus)]
        if seed is not None:
            command += ["--seed", str(seed)]
        package_root = str(Path(__file__).resolve().parents[2])
        path = os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p)
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": path},
        )

    def wait(self) -> Sandboxes:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()  # one JSON line once every sandbox listens
        if not line:
            self.stop()
            raise EcondeskError(
                f"the demo's sandboxes did not start (exit code {self.process.returncode})"
            )
        report = json.loads(line)
        return Sandboxes(
            list(report["names"]),
            dict(report["document"]),
            date.fromisoformat(report["first_day"]),
            date.fromisoformat(report["last_day"]),
            self.stop,
            self.process.pid,
        )

    def stop(self) -> None:
        if self.process.stdin is not None and not self.process.stdin.closed:
            self.process.stdin.close()  # the sandboxes stop once their stdin ends
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


def _econdesk_command() -> list[str]:
    if getattr(sys, "frozen", False):  # the app bundle: the executable is econdesk itself
        return [sys.executable]
    return [sys.executable, "-m", "econdesk"]


def serve_sandboxes(
    scenario: str, seed: int | None, store: str | None, clearhaus: str | None = None
) -> int:
    """The sandbox process: start (writing the Clearhaus exports), create the store, report
    as one JSON line, serve until stdin ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for the demo, which stops us
    sandboxes = Sandboxes.in_process(scenario, seed, Path(clearhaus) if clearhaus else None)
    try:
        if store is not None:
            from econdesk.storage import open_database  # start-up: SQLAlchemy only here

            open_database(_store_url(Path(store)), actor="demo").dispose()
        sys.stdout.write(sandboxes.report() + "\n")
        sys.stdout.flush()
        sys.stdin.buffer.read()  # until the demo closes the pipe, or dies
    finally:
        sandboxes.stop()
    return 0


def _store_url(path: Path) -> str:
    return f"sqlite:///{path}"


# -- the demo folder -------------------------------------------------------------------------
def new_demo_folder() -> Path:
    """A fresh temporary folder that names this process as its owner."""
    folder = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX))
    (folder / OWNER_FILE).write_text(f"{os.getpid()}\n", encoding="ascii")
    return folder


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def sweep_stale_folders(parent: Path | None = None) -> list[Path]:
    """Remove demo folders left by demos that were killed: only folders of ours (made by this
    user, holding the owner file) whose process is gone. Kept folders (--keep) have no owner
    file and stay. Returns the folders removed.

    POSIX only: on Windows `os.kill` would end the process it asks about, and the temporary
    folder is the system's to clean."""
    removed: list[Path] = []
    if sys.platform == "win32":
        return removed
    root = parent if parent is not None else Path(tempfile.gettempdir())
    try:
        candidates = list(root.glob(FOLDER_PREFIX + "*"))
    except OSError:
        return removed
    for folder in candidates:
        owner = folder / OWNER_FILE
        try:
            if not folder.is_dir() or folder.stat().st_uid != os.getuid():
                continue
            pid = int(owner.read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            continue
        if pid != os.getpid() and not _alive(pid):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


@dataclass
class Demo:
    """Running sandboxes, a config wired to them and a fresh store, in `folder`."""

    folder: Path
    sandboxes: Sandboxes
    config_path: Path
    config: Config
    db: Database
    first_day: date
    last_day: date
    closed: bool = field(default=False, init=False)

    @property
    def period(self) -> Period:
        """The month the app opens on: the scenario's last (a bookkeeper reconciles monthly;
        the earlier months are in the sandboxes, a Fetch away)."""
        from econdesk.qt.workspace import Period  # start-up: PySide6 only for the demo and gui

        return Period.month_of(self.last_day)

    def close(self, *, keep: bool = False) -> None:
        if self.closed:
            return
        self.closed = True
        try:
            self.db.dispose()
            self.sandboxes.stop()
        finally:
            if keep:
                (self.folder / OWNER_FILE).unlink(missing_ok=True)  # not for the sweep
            else:
                shutil.rmtree(self.folder, ignore_errors=True)


def start_demo(
    scenario: str = "demo",
    seed: int | None = None,
    *,
    separate_process: bool = True,
    meanwhile: Callable[[], object] | None = None,
) -> Demo:
    """Start the sandboxes with the scenario and prepare a config and a store for them.

    With `separate_process` the sandboxes start in their own process (which creates the
    store too) while this one runs `meanwhile` (the demo loads Qt there); otherwise they run
    in threads here.
    """
    from econdesk.config import starter_config, write_config  # start-up: not for --version

    folder = new_demo_folder()
    store = folder / "demo.sqlite3"
    process: SandboxProcess | None = None
    sandboxes: Sandboxes | None = None
    try:
        exports = folder / SETTLEMENTS_FOLDER  # written by the sandboxes, from their scenario
        process = SandboxProcess(scenario, seed, store, exports) if separate_process else None
        if meanwhile is not None:
            meanwhile()
        sandboxes = process.wait() if process else Sandboxes.in_process(scenario, seed, exports)
        from econdesk.storage import open_database  # start-up: SQLAlchemy only here

        db = open_database(_store_url(store), actor="demo")  # made (and migrated) by now
        config_path = folder / "config.toml"
        document = dict(sandboxes.document)
        # Clearhaus settles the Frisbii card payments: read from its API sandbox when one
        # runs, else from the exports beside the config; booked as Frisbii's payments are.
        providers = dict(document.get("providers", {}))
        clearhaus: dict[str, Any] = dict(
            providers.get("clearhaus", {"settlements_folder": SETTLEMENTS_FOLDER})
        )
        if "booking" in providers.get("frisbii", {}):
            clearhaus.setdefault("booking", providers["frisbii"]["booking"])
        document["providers"] = {**providers, "clearhaus": clearhaus}
        config = write_config(config_path, starter_config(document))
    except BaseException:
        if sandboxes is not None:
            sandboxes.stop()
        elif process is not None:
            process.stop()
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Demo(folder, sandboxes, config_path, config, db, sandboxes.first_day, sandboxes.last_day)


class Interrupted(SystemExit):
    """SIGTERM or SIGINT before the window was open: unwind, so the folder is removed."""


def _interrupt(signum: int, _frame: FrameType | None) -> None:
    raise Interrupted(128 + signum)


def run(args: argparse.Namespace, ctx: Context) -> int:
    if args.serve_sandboxes:
        return serve_sandboxes(args.scenario, args.seed, args.store, args.clearhaus_folder)
    previous = {s: signal.signal(s, _interrupt) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        for stale in sweep_stale_folders():
            ctx.warn(
                say(QT_TRANSLATE_NOOP("CLI", "demo: removed {0}, left by an earlier demo"), stale)
            )

        def warm_up() -> None:  # while the sandboxes start: what the window, fetch and match use
            for module in WARM_UP:
                importlib.import_module(module)

        demo = start_demo(args.scenario, args.seed, meanwhile=warm_up)
        try:
            return _show(demo, args, ctx)
        finally:
            for signum in previous:  # a second signal must not cut the clean-up short
                signal.signal(signum, signal.SIG_IGN)
            demo.close(keep=args.keep)
            if args.keep:
                ctx.warn(say(QT_TRANSLATE_NOOP("CLI", "demo: kept {0}"), demo.folder))
    except Interrupted as stop:
        return int(stop.code or 1)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _show(demo: Demo, args: argparse.Namespace, ctx: Context) -> int:
    from econdesk.qt.app import run_app  # start-up: PySide6 only for the demo and gui
    from econdesk.qt.startup import fetch_and_match
    from econdesk.qt.workspace import Workspace

    names = ", ".join(demo.sandboxes.names)
    where = QT_TRANSLATE_NOOP("CLI", "demo: sandboxes {0} on loopback; files in {1}")
    ctx.warn(say(where, names, demo.folder))
    return run_app(
        Workspace(demo.db, demo.config, demo.config_path),
        period=demo.period,
        language=demo.config.app.language,
        self_test=args.self_test,
        startup=fetch_and_match,
    )
