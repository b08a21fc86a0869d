"""`econdesk demo`: the desktop app on the built-in sandboxes with a generated business.

Starts every registered sandbox on loopback with the "demo" scenario (a Danish subscription
business over three months), writes a config wired to them and a fresh SQLite store in a
temporary folder, opens the app on the scenario's period and fetches and matches there with
a progress dialog. No account, no network, nothing left behind (unless --keep).
`--self-test` does the same offscreen and exits 0 once the window shows the fetched period.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from econdesk.cli.context import Context

if TYPE_CHECKING:
    from econdesk.config import Config
    from econdesk.qt.workspace import Period
    from econdesk.sandbox.serve import RunningSandbox
    from econdesk.storage import Database


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="open the desktop app on the built-in sandbox with generated demo data",
    )
    parser.add_argument("--scenario", default="demo", help="a named scenario or a spec file")
    parser.add_argument("--seed", type=int, default=None, help="another business (default: fixed)")
    parser.add_argument(
        "--keep", action="store_true", help="keep the demo folder (config and database)"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the main window offscreen, fetch and show the demo, close; exit 0 if it worked",
    )
    parser.set_defaults(func=run)


def sandbox_document(running: list[RunningSandbox]) -> dict[str, Any]:
    """The sandboxes' connection document, as `econdesk init --sandbox` reads it."""
    from econdesk.sandbox.serve import connection_document

    return connection_document(running)


@dataclass
class Demo:
    """Running sandboxes, a config wired to them and a fresh store, in `folder`."""

    folder: Path
    running: list[RunningSandbox]
    config_path: Path
    config: Config
    db: Database
    first_day: date
    last_day: date

    @property
    def period(self) -> Period:
        """The month the app opens on: the scenario's last (a bookkeeper reconciles monthly;
        the earlier months are in the sandboxes, a Fetch away)."""
        from econdesk.qt.workspace import Period

        return Period.month_of(self.last_day)

    def close(self, *, keep: bool = False) -> None:
        from econdesk.sandbox.serve import stop_all

        self.db.dispose()
        stop_all(self.running)
        if not keep:
            shutil.rmtree(self.folder, ignore_errors=True)


LEAD_DAYS = 10  # payments of the previous month's last days are paid out in the shown one


def demo_fetch_period(period: Period) -> Period:
    """What the demo fetches for the shown month: from `LEAD_DAYS` before it, so the month's
    first deposits find the payments they pay out."""
    from econdesk.qt.workspace import Period

    return Period(period.start - timedelta(days=LEAD_DAYS), period.end)


def start_demo(scenario: str = "demo", seed: int | None = None) -> Demo:
    """Start the sandboxes with the scenario and prepare a config and a store for them."""
    from econdesk.config import load_config, starter_config
    from econdesk.sandbox.scenario import load_spec
    from econdesk.sandbox.serve import ServeOptions, start, stop_all
    from econdesk.storage import open_database

    spec = load_spec(scenario, seed=seed)
    folder = Path(tempfile.mkdtemp(prefix="econdesk-demo-"))
    running = start(ServeOptions(seed=spec.seed, scenario=scenario))
    try:
        config_path = folder / "config.toml"
        config_path.write_text(starter_config(sandbox_document(running)), encoding="utf-8")
        config = load_config(config_path, required=True)
        db = open_database(f"sqlite:///{folder / 'demo.sqlite3'}", actor="demo")
    except BaseException:
        stop_all(running)
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Demo(folder, running, config_path, config, db, spec.start, spec.end)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from econdesk.qt.app import run_app  # PySide6 only now, never for other commands
    from econdesk.qt.startup import fetch_and_match
    from econdesk.qt.workspace import Workspace

    demo = start_demo(args.scenario, args.seed)
    try:
        names = ", ".join(s.name for s in demo.running)
        print(f"econdesk demo: sandboxes {names} on loopback; files in {demo.folder}", file=ctx.err)
        return run_app(
            Workspace(demo.db, demo.config, demo.config_path),
            period=demo.period,
            language=demo.config.app.language,
            self_test=args.self_test,
            startup=lambda window, done: fetch_and_match(
                window, done, fetch=demo_fetch_period(window.period_bar.period)
            ),
        )
    finally:
        demo.close(keep=args.keep)
        if args.keep:
            print(f"econdesk demo: kept {demo.folder}", file=ctx.err)
