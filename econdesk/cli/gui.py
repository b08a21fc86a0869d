"""`econdesk gui` (and `econdesk` alone): the desktop app on the configured connections."""

from __future__ import annotations

import argparse
from typing import Any

from econdesk.cli.context import Context
from econdesk.i18n import QT_TRANSLATE_NOOP


def _several_clients(args: argparse.Namespace) -> bool:
    """No client or config named, and the firm has more than one client."""
    import os

    from econdesk import clients, paths

    named = args.client or args.config or os.environ.get(clients.CLIENT_ENV)
    if named or os.environ.get(paths.CONFIG_ENV):
        return False
    return len(clients.adopt_single_setup().clients) > 1


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "gui",
        help=QT_TRANSLATE_NOOP("CLI help", "open the desktop app on the configured connections"),
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=QT_TRANSLATE_NOOP(
            "CLI help",
            "open the main window, load the current month, close it; exit 0 if that worked",
        ),
    )
    parser.add_argument(
        "--firm",
        action="store_true",
        help=QT_TRANSLATE_NOOP(
            "CLI help", "open the overview of every client (the default when there are several)"
        ),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from econdesk.qt.app import run_app  # start-up: PySide6 only now, never for other commands
    from econdesk.qt.workspace import Workspace

    if not args.self_test and (args.firm or _several_clients(args)):
        from econdesk.qt.firm_app import run_firm_app

        return run_firm_app()

    config = ctx.config  # a wrong config fails here, before any window opens
    # The store is opened by the app's database worker while the window is being built.
    workspace = Workspace(lambda: ctx.database, config, ctx.config_path, ctx.secrets)
    return run_app(workspace, language=config.app.language, self_test=args.self_test)
