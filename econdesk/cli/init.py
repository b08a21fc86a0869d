"""`econdesk init [--sandbox URL] [--force]`: write a starter config.

With --sandbox, the config is wired to a running `econdesk sandbox serve`: econdesk reads the
sandbox's connection document at `URL/econdesk-sandbox.json` (base URLs and demo credentials
of the fake e-conomic and platforms) and writes them in.
"""

from __future__ import annotations

import argparse
from typing import Any

from econdesk.cli.context import Context
from econdesk.errors import EcondeskError, UsageError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

SANDBOX_DOCUMENT = "econdesk-sandbox.json"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "init", help=QT_TRANSLATE_NOOP("CLI help", "write a starter config")
    )
    parser.add_argument(
        "--sandbox",
        metavar="URL",
        help=QT_TRANSLATE_NOOP("CLI help", "wire the config to a running `econdesk sandbox serve`"),
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help=QT_TRANSLATE_NOOP("CLI help", "overwrite an existing config"),
    )
    parser.set_defaults(func=run)


def fetch_sandbox_document(url: str) -> dict[str, Any]:
    """The sandbox's connection document, checked for the keys the config needs."""
    import httpx  # start-up: loads only for `init --sandbox`

    where = f"{url.rstrip('/')}/{SANDBOX_DOCUMENT}"
    try:
        response = httpx.get(where, timeout=10.0)
        response.raise_for_status()
        document: Any = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise EcondeskError(
            f"cannot read the sandbox's connections from {where}: {exc} "
            "(is `econdesk sandbox serve` running there?)"
        ) from None
    economic = document.get("economic") if isinstance(document, dict) else None
    if not isinstance(economic, dict) or "base_url" not in economic:
        raise EcondeskError(
            f"{where} does not describe an e-conomic sandbox (no economic.base_url)"
        )
    providers = document.get("providers", {})
    if not isinstance(providers, dict):
        raise EcondeskError(f"{where}: providers must be an object")
    return dict(document)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from econdesk.config import starter_config, write_config  # start-up: not for --version

    path = ctx.config_path
    if path.exists() and not args.force:
        exists = QT_TRANSLATE_NOOP("CLI", "{0} exists already (use --force to overwrite it)")
        raise UsageError(say(exists, path))
    document = fetch_sandbox_document(args.sandbox) if args.sandbox else None
    write_config(path, starter_config(document))  # checked first; 0600: may hold credentials
    ctx.print(ctx.say(QT_TRANSLATE_NOOP("CLI", "wrote {0}"), path))
    if document is not None:
        names = ", ".join(sorted(document.get("providers", {})))
        names = names or ctx.say(QT_TRANSLATE_NOOP("CLI", "no platforms"))
        wired = QT_TRANSLATE_NOOP("CLI", "wired to the sandbox at {0} (e-conomic, {1})")
        ctx.print(ctx.say(wired, args.sandbox, names))
    else:
        ctx.print(
            ctx.say(
                QT_TRANSLATE_NOOP(
                    "CLI", "next: fill in the accounts and credentials, then run `econdesk sync`"
                )
            )
        )
    return 0
