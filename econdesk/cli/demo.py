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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from econdesk.cli.context import Context

if TYPE_CHECKING:
    from econdesk.sandbox.serve import RunningSandbox


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
    document: dict[str, Any] = {"economic": {}, "providers": {}}
    for sandbox in running:
        table = sandbox.config_table
        if table == "economic":
            document["economic"] = dict(sandbox.config)
        elif table.startswith("providers."):
            document["providers"][table.removeprefix("providers.")] = dict(sandbox.config)
    return document


def run(args: argparse.Namespace, ctx: Context) -> int:
    from econdesk.config import load_config, starter_config
    from econdesk.sandbox.scenario import load_spec
    from econdesk.sandbox.serve import ServeOptions, start, stop_all
    from econdesk.storage import open_database

    spec = load_spec(args.scenario, seed=args.seed)
    folder = Path(tempfile.mkdtemp(prefix="econdesk-demo-"))
    running = start(ServeOptions(seed=spec.seed, scenario=args.scenario))
    try:
        config_path = folder / "config.toml"
        config_path.write_text(starter_config(sandbox_document(running)), encoding="utf-8")
        config = load_config(config_path, required=True)
        db = open_database(f"sqlite:///{folder / 'demo.sqlite3'}", actor="demo")
        names = ", ".join(s.name for s in running)
        print(f"econdesk demo: sandboxes {names} on loopback; files in {folder}", file=ctx.err)
        try:
            return _open_app(args, config, config_path, db, (spec.start, spec.end))
        finally:
            db.dispose()
    finally:
        stop_all(running)
        if args.keep:
            print(f"econdesk demo: kept {folder}", file=ctx.err)
        else:
            shutil.rmtree(folder, ignore_errors=True)


def _open_app(
    args: argparse.Namespace, config: Any, config_path: Path, db: Any, period: tuple[Any, Any]
) -> int:
    from econdesk.qt.app import run_app
    from econdesk.qt.startup import fetch_and_match
    from econdesk.qt.workspace import Period, Workspace

    workspace = Workspace(db, config, config_path)
    period_shown = Period(*period)
    return run_app(
        workspace,
        period=period_shown,
        language=config.app.language,
        self_test=args.self_test,
        startup=fetch_and_match,
    )
