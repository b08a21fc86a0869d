"""`econdesk clients list|add|remove|rename|use`: an accounting firm's clients.

Each client has its own config file, secrets and store (econdesk/clients.py); every command
works on one of them with `--client NAME`. `remove` forgets a client but keeps its data,
unless `--delete-data` is given; `rename` changes only the name, so the store and the
secrets stay reachable.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from econdesk.cli.context import Context
from econdesk.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from econdesk.clients import Client

# The config keys that may be secrets: removed from the client's keyring with its data.
SECRET_KEYS = (
    "economic.app_secret_token",
    "economic.agreement_grant_token",
    *(f"providers.{p}.api_key" for p in ("stripe", "frisbii", "chargebee")),
    *(f"providers.{p}.client_secret" for p in ("clearhaus", "mobilepay")),
    "providers.mobilepay.subscription_key",
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "clients", help=QT_TRANSLATE_NOOP("CLI help", "list, add, remove or rename clients")
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser(
        "list", help=QT_TRANSLATE_NOOP("CLI help", "the clients, the current one marked *")
    )
    listing.add_argument(
        "--json", action="store_true", help=QT_TRANSLATE_NOOP("CLI help", "print them as JSON")
    )
    listing.set_defaults(func=run_list)
    add = actions.add_parser(
        "add", help=QT_TRANSLATE_NOOP("CLI help", "add a client (its config, secrets and store)")
    )
    add.add_argument("name", metavar="NAME")
    add.add_argument(
        "--database",
        metavar="URL",
        help=QT_TRANSLATE_NOOP(
            "CLI help", "its store on a shared PostgreSQL server (default: its own SQLite file)"
        ),
    )
    add.add_argument(
        "--schema",
        metavar="NAME",
        help=QT_TRANSLATE_NOOP("CLI help", "its schema there (default: econdesk_<its id>)"),
    )
    add.set_defaults(func=run_add)
    remove = actions.add_parser(
        "remove", help=QT_TRANSLATE_NOOP("CLI help", "forget a client; its data stays")
    )
    remove.add_argument("name", metavar="NAME")
    remove.add_argument(
        "--delete-data",
        action="store_true",
        help=QT_TRANSLATE_NOOP("CLI help", "also delete its config, its store and its secrets"),
    )
    remove.set_defaults(func=run_remove)
    rename = actions.add_parser(
        "rename", help=QT_TRANSLATE_NOOP("CLI help", "rename a client; its data stays reachable")
    )
    rename.add_argument("name", metavar="NAME")
    rename.add_argument("new_name", metavar="NEW_NAME")
    rename.set_defaults(func=run_rename)
    use = actions.add_parser(
        "use", help=QT_TRANSLATE_NOOP("CLI help", "make a client the current one")
    )
    use.add_argument("name", metavar="NAME")
    use.set_defaults(func=run_use)


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    from econdesk import clients  # start-up: as every handler

    registry = clients.adopt_single_setup()
    if args.json:
        rows = [_json(c, c.name == registry.current) for c in registry.clients]
        ctx.print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not registry.clients:
        none = QT_TRANSLATE_NOOP("CLI", "no clients yet: `econdesk clients add NAME` adds one")
        ctx.print(ctx.say(none))
        return 0
    for client in registry.clients:
        mark = "*" if client.name == registry.current else " "
        ctx.print(f"{mark} {client.name:<32} {client.config_path}  {_store(client)}")
    return 0


def run_add(args: argparse.Namespace, ctx: Context) -> int:
    from econdesk import clients

    registry = clients.adopt_single_setup()
    client = clients.add(registry, args.name, database=args.database, schema=args.schema)
    clients.save_registry(clients.with_client(registry, client))
    added = QT_TRANSLATE_NOOP("CLI", "added {0}: config {1}, store {2}")
    ctx.print(ctx.say(added, client.name, client.config_path, _store(client)))
    nxt = QT_TRANSLATE_NOOP("CLI", "next: econdesk --client {0} init")
    ctx.print(ctx.say(nxt, _quoted(client.name)))
    return 0


def run_remove(args: argparse.Namespace, ctx: Context) -> int:
    from econdesk import clients

    registry, client = clients.without(clients.adopt_single_setup(), args.name)
    if args.delete_data:
        removed = _delete_data(client)
        clients.save_registry(registry)
        gone = QT_TRANSLATE_NOOP("CLI", "removed {0} and deleted its data: {1}")
        ctx.print(ctx.say(gone, client.name, ", ".join(removed) or "-"))
        return 0
    clients.save_registry(registry)
    kept = QT_TRANSLATE_NOOP(
        "CLI", "removed {0}; its data is kept (config {1}, store {2}); --delete-data deletes it"
    )
    ctx.print(ctx.say(kept, client.name, client.config_path, _store(client)))
    return 0


def _delete_data(client: Client) -> list[str]:
    """The client's files, its PostgreSQL schema and its keyring entries, gone."""
    from econdesk import clients
    from econdesk.secrets import store_for

    removed = [str(p) for p in clients.delete_files(client)]
    if client.schema and client.database_url.startswith("postgresql"):
        from econdesk.storage import drop_schema  # start-up: SQLAlchemy only here

        drop_schema(client.database_url, client.schema)
        removed.append(f"schema {client.schema}")
    store = store_for(client.secret_prefix)
    for key in SECRET_KEYS:
        store.delete(key)
    return removed


def run_rename(args: argparse.Namespace, ctx: Context) -> int:
    from econdesk import clients

    registry, client = clients.renamed(clients.adopt_single_setup(), args.name, args.new_name)
    clients.save_registry(registry)
    done = QT_TRANSLATE_NOOP("CLI", "renamed {0} to {1}; its config, store and secrets stay")
    ctx.print(ctx.say(done, args.name.strip(), client.name))
    return 0


def run_use(args: argparse.Namespace, ctx: Context) -> int:
    from econdesk import clients

    registry = clients.chosen(clients.adopt_single_setup(), args.name)
    clients.save_registry(registry)
    current = QT_TRANSLATE_NOOP("CLI", "{0} is the current client")
    ctx.print(ctx.say(current, registry.current))
    return 0


def _store(client: Client) -> str:
    from econdesk.config import mask_url

    shown = mask_url(client.database_url) or ""
    return f"{shown} (schema {client.schema})" if client.schema else shown


def _quoted(name: str) -> str:
    return f'"{name}"' if " " in name else name


def _json(client: Client, current: bool) -> dict[str, Any]:
    return {
        "name": client.name,
        "id": client.id,
        "current": current,
        "config": str(client.config_path),
        "database": _store(client),
    }
