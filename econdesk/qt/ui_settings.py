"""Window geometry and UI choices (language, column widths) in an INI file beside the config.

Kept apart from config.toml: these are the app's memory of how the user left it, not settings
anyone edits. The path follows econdesk.paths, so $ECONDESK_HOME isolates it (tests, portable).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from econdesk import paths


def ui_settings() -> QSettings:
    return QSettings(str(paths.config_dir() / "ui.ini"), QSettings.Format.IniFormat)
