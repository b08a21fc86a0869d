"""Files holding personal data or secrets are readable and writable by the user alone.

The SQLite store (and its -wal/-shm files), report workbooks, privacy exports, the config and
the secrets fallback file: mode 0600 on Linux and macOS (folders econdesk creates: 0700); on
Windows an access list granting the current user alone, with inherited entries removed
(`icacls`). Whether the disk itself is encrypted is the operating system's part (README).
"""

from __future__ import annotations

import contextlib
import getpass
import logging
import os
import subprocess
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700

log = logging.getLogger(__name__)


def windows_acl_command(path: Path, user: str, *, folder: bool = False) -> list[str]:
    """The icacls call that leaves `user` alone with full control of `path`."""
    grant = f"{user}:(OI)(CI)F" if folder else f"{user}:F"
    return ["icacls", str(path), "/inheritance:r", "/grant:r", grant]


def restrict(path: Path) -> None:
    """Make an existing file (or folder) the user's alone; one we do not own is left as it is
    (a shared folder's owner decides there)."""
    folder = path.is_dir()
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        user = os.environ.get("USERNAME") or getpass.getuser()
        done = subprocess.run(
            windows_acl_command(path, user, folder=folder),
            capture_output=True,
            check=False,
        )
        if done.returncode != 0:
            log.warning("could not restrict access to %s (icacls %d)", path, done.returncode)
        return
    try:
        path.chmod(PRIVATE_FOLDER if folder else PRIVATE_FILE)
    except PermissionError:
        log.warning("could not restrict access to %s: it belongs to another user", path)


def private_folder(path: Path) -> Path:
    """Create `path` (and missing parents) readable by the user alone; an existing folder is
    left as it is."""
    if not path.exists():
        path.mkdir(parents=True, mode=PRIVATE_FOLDER)
        restrict(path)
    return path


def create_private_file(path: Path) -> None:
    """Create `path` empty with mode 0600 if it does not exist; restrict it if it does."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    restrict(path)


def write_private_text(path: Path, text: str) -> None:
    """Write `text` to `path` whole or not at all, readable by the user alone."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        restrict(tmp)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
