"""Where the app's icons and translations are, from a source tree or an installed bundle."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    """$ECONDESK_RESOURCES, else a bundle's, the installed package's or the repo's `resources`."""
    override = os.environ.get("ECONDESK_RESOURCES")
    bundle = getattr(sys, "_MEIPASS", None)
    here = Path(__file__).resolve()
    candidates = [
        Path(override) if override else None,
        Path(bundle) / "resources" if bundle else None,
        Path(sys.prefix) / "share" / "econdesk" / "resources",  # installed wheel (pipx, pip)
        here.parents[1] / "resources",  # the repository's resources/ when run from source
    ]
    for candidate in candidates:
        if candidate is not None and (candidate / "icons").is_dir():
            return candidate
    return here.parents[1] / "resources"


def translation_source(language: str) -> Path:
    """The Qt Linguist catalogue (.ts) of `language`: the one file translators edit."""
    return resources_dir() / "i18n" / f"econdesk_{language}.ts"
