"""`econdesk sandbox serve`: the built-in fake e-conomic and billing-platform APIs on loopback.

Prints the base URLs, the demo credentials, a config to paste and the URL for `econdesk init
--sandbox URL`, then serves until Ctrl+C (or SIGTERM). Which sandboxes exist is
`econdesk/sandbox/serve.py`'s registry.
"""

from __future__ import annotations

import argparse
import signal
import threading
from typing import Any

from econdesk.cli.context import Context
from econdesk.i18n import QT_TRANSLATE_NOOP


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sandbox", help=QT_TRANSLATE_NOOP("CLI help", "the built-in fake APIs for demos and tests")
    )
    actions = parser.add_subparsers(dest="sandbox_command", metavar="ACTION", required=True)
    serve = actions.add_parser(
        "serve",
        help=QT_TRANSLATE_NOOP(
            "CLI help", "run the fake e-conomic and billing-platform APIs on loopback until stopped"
        ),
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help=QT_TRANSLATE_NOOP("CLI help", "address to listen on (default %(default)s)"),
    )
    serve.add_argument(
        "--port",
        type=int,
        default=0,
        help=QT_TRANSLATE_NOOP(
            "CLI help", "first port; each sandbox takes the next one (default: free ports)"
        ),
    )
    serve.add_argument(
        "--seed",
        type=int,
        help=QT_TRANSLATE_NOOP(
            "CLI help", "seed for the generated data (default: the scenario's own seed, else 1)"
        ),
    )
    serve.add_argument(
        "--scenario",
        metavar="NAME|FILE",
        help=QT_TRANSLATE_NOOP(
            "CLI help", "a named scenario (e.g. demo, tiny) or a TOML/JSON scenario file"
        ),
    )
    serve.add_argument(
        "--latency-ms",
        type=float,
        default=0.0,
        help=QT_TRANSLATE_NOOP("CLI help", "added latency per request, in milliseconds"),
    )
    serve.add_argument(
        "--fault-rate",
        type=float,
        default=0.0,
        help=QT_TRANSLATE_NOOP(
            "CLI help", "share of requests that fail (5xx, 429, dropped connections), 0..1"
        ),
    )
    serve.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help=QT_TRANSLATE_NOOP(
            "CLI help", "serve only this sandbox (repeatable), e.g. --only economic"
        ),
    )
    serve.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context, stop: threading.Event | None = None) -> int:
    # start-up: the sandboxes (and httpx, jsonschema) load only for this command
    from econdesk.sandbox.scenario import load_spec
    from econdesk.sandbox.serve import (
        ServeOptions,
        describe,
        serve_connections,
        start,
        stop_all,
    )

    seed = args.seed
    if seed is None:  # a scenario (file) names its own business; --seed picks another
        seed = load_spec(args.scenario).seed if args.scenario else ServeOptions().seed
    options = ServeOptions(
        host=args.host,
        port=args.port,
        seed=seed,
        scenario=args.scenario,
        latency_ms=args.latency_ms,
        fault_rate=args.fault_rate,
    )
    running = start(options, args.only)
    try:
        running.append(serve_connections(options, running))
        heading = ctx.say(QT_TRANSLATE_NOOP("CLI", "config.toml for these sandboxes:"))
        ctx.print(describe(running, config_heading=heading))
        ctx.print(ctx.say(QT_TRANSLATE_NOOP("CLI", "Serving; press Ctrl+C to stop.")))
        ctx.out.flush()
        done = stop if stop is not None else _until_signalled()
        while not done.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        stop_all(running)
    return 0


def _until_signalled() -> threading.Event:
    """An event set by SIGTERM (Ctrl+C arrives as KeyboardInterrupt)."""
    event = threading.Event()
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: event.set())
    return event
