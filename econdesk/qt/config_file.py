"""Editing the TOML config from the settings dialog: change keys, check, write atomically.

The file is re-rendered from its parsed content with the edits applied (comments are not kept;
the README documents every key). The new text is parsed by econdesk's own config reader before
it replaces the old file, so the dialog can never write a config the command line would refuse.
Secrets a user types go to the keyring (econdesk.secrets), never into this file.
"""

from __future__ import annotations

import copy
import json
import os
import re
import tomllib
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from econdesk.config import Config, parse_config
from econdesk.secrets import SecretStore

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
ORDER = ("app", "database", "economic", "providers", "matching", "posting")


def read_raw(path: Path) -> dict[str, Any]:
    """The file's content as nested dicts (decimals exact); empty when there is no file."""
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle, parse_float=Decimal)


def _key(name: str) -> str:
    return name if _BARE_KEY.match(name) else json.dumps(name)


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    raise TypeError(f"cannot write {type(value).__name__} to the config")


def render(data: Mapping[str, Any]) -> str:
    lines = ["# econdesk configuration (written by the app's settings; see README.md)."]

    def table(path: list[str], content: Mapping[str, Any]) -> None:
        scalars = {k: v for k, v in content.items() if not isinstance(v, Mapping)}
        tables = {k: v for k, v in content.items() if isinstance(v, Mapping)}
        if scalars or not tables:
            lines.extend(["", f"[{'.'.join(_key(p) for p in path)}]"])
            lines.extend(f"{_key(k)} = {_value(v)}" for k, v in scalars.items())
        for name, sub in tables.items():
            table([*path, name], sub)

    ordered = sorted(data, key=lambda k: (ORDER.index(k) if k in ORDER else len(ORDER), k))
    for name in ordered:
        content = data[name]
        if isinstance(content, Mapping):
            table([name], content)
    return "\n".join(lines) + "\n"


def set_key(data: dict[str, Any], dotted: str | tuple[str, ...], value: object) -> None:
    """Set (or with None remove) a key; `dotted` may be a tuple for names holding dots."""
    parts = dotted if isinstance(dotted, tuple) else tuple(dotted.split("."))
    node = data
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    if value is None or value == "":
        node.pop(parts[-1], None)
    else:
        node[parts[-1]] = value


def save(
    path: Path,
    data: Mapping[str, Any],
    *,
    secrets: Mapping[str, str] | None = None,
    store: SecretStore | None = None,
) -> Config:
    """Check and write `data` to `path` (0600, atomically); put `secrets` in the keyring first.

    A secret typed in the app is removed from the file, so the keyring's value is the one used.
    Returns the config as econdesk reads it back.
    """
    content = copy.deepcopy(dict(data))
    for name, value in (secrets or {}).items():
        if value:
            set_key(content, name, None)
    text = render(content)
    if secrets and any(secrets.values()):
        if store is None:
            from econdesk.secrets import default_store

            store = default_store()
        for name, value in secrets.items():
            if value:
                store.set(name, value)
    config = parse_config(text, path=path, secrets=store)  # refuses what econdesk would refuse
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    tmp.replace(path)
    return config
