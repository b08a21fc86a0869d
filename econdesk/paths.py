"""Where econdesk keeps its files: the platform's user folders, or $ECONDESK_HOME for dev/tests.

Windows: %APPDATA%/econdesk (config) and %LOCALAPPDATA%/econdesk (data); macOS:
~/Library/Application Support/econdesk; Linux: ~/.config/econdesk and ~/.local/share/econdesk.
With ECONDESK_HOME=/some/dir everything lives under that one folder instead, so a developer or a
test can run a second, throw-away econdesk beside the real one.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "econdesk"
HOME_ENV = "ECONDESK_HOME"
CONFIG_ENV = "ECONDESK_CONFIG"
DB_ENV = "ECONDESK_DB"


def _home_override() -> Path | None:
    value = os.environ.get(HOME_ENV)
    return Path(value).expanduser() if value else None


def config_dir() -> Path:
    home = _home_override()
    if home is not None:
        return home / "config"
    return platformdirs.user_config_path(APP_NAME, appauthor=False, roaming=True)


def data_dir() -> Path:
    home = _home_override()
    if home is not None:
        return home / "data"
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def log_dir() -> Path:
    home = _home_override()
    if home is not None:
        return home / "logs"
    return platformdirs.user_log_path(APP_NAME, appauthor=False)


def default_config_file() -> Path:
    return config_dir() / "config.toml"


def default_database_file() -> Path:
    return data_dir() / "econdesk.sqlite3"


def secrets_fallback_file() -> Path:
    """The 0600 file that holds secrets where the OS offers no keyring."""
    return config_dir() / "secrets.json"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.resolve().as_posix()}"
