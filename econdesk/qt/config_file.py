"""Editing the TOML config from the settings dialog: change keys, check, write atomically.

The file is edited as a tomlkit document, so the user's comments, key order and blank lines
stay as they were: a changed value keeps its line (and its trailing comment), a new key goes
at the end of its table, a new table at the end of its parent. The new text is parsed by
econdesk's own config reader before it replaces the old file, so the dialog can never write a
config the command line would refuse. Secrets a user types go to the keyring
(econdesk.secrets), never into this file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, MutableMapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.container import Container
from tomlkit.items import Float, InlineTable, Item, Table, Trivia
from tomlkit.toml_document import TOMLDocument

from econdesk.config import Config, write_config
from econdesk.secrets import SecretStore, default_store

HEADER = "econdesk configuration (written by the app's settings; see README.md)."


def read_raw(path: Path) -> TOMLDocument:
    """The file as an editable document; a new one, headed by a comment, when there is none."""
    if not path.exists():
        document = tomlkit.document()
        document.add(tomlkit.comment(HEADER))
        document.add(tomlkit.nl())
        return document
    return tomlkit.parse(path.read_text(encoding="utf-8"))


def copy_raw(document: TOMLDocument) -> TOMLDocument:
    """An independent copy, layout and all."""
    return tomlkit.parse(document.as_string())


def _item(value: object) -> Item:
    if isinstance(value, Decimal):  # written digit for digit: 0.90 stays 0.90, never a float
        return Float(float(value), Trivia(), format(value, "f"))
    return tomlkit.item(value)


def _same(current: object, value: object) -> bool:
    """Whether `current` (from the file) already says `value`: then its text is left alone."""
    if isinstance(value, Decimal) and isinstance(current, Float):
        return Decimal(current.as_string().replace("_", "")) == value
    plain = current.unwrap() if isinstance(current, Item) else current
    return type(plain) is type(value) and plain == value


def _headers(container: Container) -> Iterator[Table]:
    """The tables that have a [header] line, in the order they stand in the file."""
    for _key, value in container.body:
        if isinstance(value, Table):
            if not value.is_super_table():
                yield value
            yield from _headers(value.value)


def _new_table(
    document: TOMLDocument, parent: MutableMapping[str, Any], name: str
) -> Table | InlineTable:
    """A table added at the end of `parent`, set off from the table after it by a blank line
    (tomlkit sets it off from the one before); inside an inline table, an inline table."""
    if isinstance(parent, InlineTable):
        inline = tomlkit.inline_table()
        parent[name] = inline
        return inline
    table = tomlkit.table()  # header-less while it holds only tables ([providers])
    parent[name] = table
    headers = list(_headers(document))
    at = next((i for i, header in enumerate(headers) if header is table), len(headers))
    following = headers[at + 1 : at + 2]  # by identity: tables compare by content
    if following and "\n" not in following[0].trivia.indent:
        following[0].trivia.indent = "\n" + following[0].trivia.indent
    return table


def set_key(document: TOMLDocument, dotted: str | tuple[str, ...], value: object) -> None:
    """Set (or with None or "" remove) a key; `dotted` may be a tuple for names holding dots.

    Tables may be written any way TOML allows: [headers], dotted keys or inline tables."""
    parts = dotted if isinstance(dotted, tuple) else tuple(dotted.split("."))
    remove = value is None or value == ""
    node: MutableMapping[str, Any] = document
    for part in parts[:-1]:
        child = node.get(part)
        if child is None:
            if remove:
                return
            child = _new_table(document, node, part)
        if not isinstance(child, MutableMapping):
            raise TypeError(f"{'.'.join(parts)}: {part} is not a table in the config file")
        node = child
    name = parts[-1]
    if remove:
        node.pop(name, None)
    elif name not in node or not _same(node[name], value):
        node[name] = _item(value)


def save(
    path: Path,
    data: TOMLDocument,
    *,
    secrets: Mapping[str, str] | None = None,
    store: SecretStore | None = None,
) -> Config:
    """Check and write `data` to `path` (0600, atomically); put `secrets` in the keyring first.

    A secret typed in the app is removed from the file, so the keyring's value is the one used.
    Returns the config as econdesk reads it back.
    """
    content = copy_raw(data)
    for name, value in (secrets or {}).items():
        if value:
            set_key(content, name, None)
    text = content.as_string()
    if secrets and any(secrets.values()):
        if store is None:
            store = default_store()
        for name, value in secrets.items():
            if value:
                store.set(name, value)
    return write_config(path, text, secrets=store)  # refuses what econdesk would refuse
