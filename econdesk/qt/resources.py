"""Where the app's icons and translations are, from a source tree or an installed bundle."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

from econdesk.resources import resources_dir

__all__ = ["icon", "resources_dir", "translation_file"]


def icon(name: str) -> QIcon:
    """An icon from resources/icons/<name>.svg (an empty icon when missing, never a crash)."""
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def translation_file(language: str) -> Path:
    return resources_dir() / "i18n" / f"econdesk_{language}.qm"
