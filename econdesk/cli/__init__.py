"""The `econdesk` command line (README, "The command line"): global options, a module a command.

Each `econdesk/cli/<name>.py` in COMMAND_MODULES exposes `register(subparsers) -> None`, which
adds its subparser and sets `func=handler` with `handler(args, ctx) -> int`. Modules are
imported at start-up, so they must import heavy things (PySide6, httpx clients) inside their
handlers, never at module level.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from econdesk import __version__, crashlog
from econdesk.cli.context import Context
from econdesk.cli.usage import Parser, peek_config, peek_option, speaking
from econdesk.connectors.errors import ConnectorError
from econdesk.errors import EcondeskError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import Message, say

# Add a command by adding its module name here (one line each).
COMMAND_MODULES: list[str] = [
    "init",
    "status",
    "audit",
    "sync",
    "match",
    "matches",
    "approve",
    "reject",
    "rules",
    "post",
    "reverse",
    "period",
    "report",
    "privacy",
    "gui",
    "demo",
    "sandbox",
    "clients",
]

# What `econdesk` with no command runs, once that command exists (README: the app).
DEFAULT_COMMAND = "gui"

Handler = Callable[[argparse.Namespace, Context], int]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

log = logging.getLogger("econdesk")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="econdesk",
        description=QT_TRANSLATE_NOOP(
            "CLI help", "Reconcile billing-platform money with Visma e-conomic bank entries."
        ),
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        help=QT_TRANSLATE_NOOP(
            "CLI help",
            "config file (default: $ECONDESK_CONFIG, then config.toml in the user config folder)",
        ),
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help=QT_TRANSLATE_NOOP(
            "CLI help",
            "database URL (default: $ECONDESK_DB, then an SQLite file in the user data folder)",
        ),
    )
    parser.add_argument(
        "--client",
        metavar="NAME",
        help=QT_TRANSLATE_NOOP(
            "CLI help",
            "the client to work on (default: $ECONDESK_CLIENT, then the current client; "
            "see `econdesk clients`)",
        ),
    )
    parser.add_argument("--version", action="version", version=f"econdesk {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"econdesk.cli.{name}")
        module.register(subparsers)
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run one command; returns the exit code (0 done, 1 failed, 2 usage or config wrong)."""
    err = stderr if stderr is not None else sys.stderr
    parser = build_parser()
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        # argparse's own messages in the user's language, read from --config if it says one
        early = Context(
            config_arg=peek_config(args_list),
            client_arg=peek_option(args_list, "--client"),
            stdout=stdout,
            stderr=err,
        )
        with speaking(lambda: early.language):
            args = _parse(parser, args_list, stdout, err)
    except SystemExit as exit_:  # argparse: --help/--version (0) or a usage error (2)
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    handler: Handler | None = getattr(args, "func", None)
    if handler is None:
        parser.print_help(stdout if stdout is not None else sys.stdout)
        return EXIT_OK
    logging.basicConfig(level=os.environ.get("ECONDESK_LOG_LEVEL", "WARNING").upper())
    ctx = Context(
        config_arg=args.config,
        db_arg=args.db,
        client_arg=args.client,
        stdout=stdout,
        stderr=err,
    )
    try:
        return handler(args, ctx)
    except EcondeskError as exc:  # said in the user's language when raised with a Message
        ctx.warn(exc)
        return exc.exit_code
    except ConnectorError as exc:  # an outside system refused or failed: the work failed
        log.info("%s", exc.technical())
        ctx.warn(exc)
        return EXIT_FAILED
    except KeyboardInterrupt:
        ctx.warn(say(QT_TRANSLATE_NOOP("CLI", "interrupted")))
        return 130
    except Exception as exc:  # one line, never a traceback nor the error's text (it can hold
        # SQL and customer data): what failed, and the log file that holds the detail
        log.debug("unexpected failure", exc_info=True)
        ctx.warn(_unexpected(args.command, exc))
        return EXIT_FAILED
    finally:
        ctx.close()


def _unexpected(command: str, error: Exception) -> Message:
    """What failed and its kind, and where the traceback was written (crashlog.py)."""
    path = crashlog.write_traceback(command, error)
    if path is None:
        return say(QT_TRANSLATE_NOOP("CLI", "{0} failed unexpectedly ({1})"), command,
                   crashlog.kind(error))  # fmt: skip
    return say(
        QT_TRANSLATE_NOOP("CLI", "{0} failed unexpectedly ({1}); the details are in {2}"),
        command,
        crashlog.kind(error),
        path,
    )


def _parse(
    parser: argparse.ArgumentParser,
    argv: list[str],
    stdout: TextIO | None,
    stderr: TextIO,
) -> argparse.Namespace:
    # argparse writes to sys.stdout/sys.stderr; point them at the caller's streams for the parse.
    saved = sys.stdout, sys.stderr
    sys.stdout = stdout if stdout is not None else saved[0]
    sys.stderr = stderr
    try:
        args = parser.parse_args(argv)
        if args.command is None and DEFAULT_COMMAND in COMMAND_MODULES:
            args = parser.parse_args([*argv, DEFAULT_COMMAND])
        return args
    finally:
        sys.stdout, sys.stderr = saved
