"""Create .venv beside the source and install econdesk into it (editable, with test tools).

Runs anywhere Python 3.11+ runs (Windows, macOS, Linux). Installing is skipped when nothing in
pyproject.toml changed since the last run, so calling it every time is cheap. Prints the path
of the virtualenv's python.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".econdesk-installed"


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_venv(extras: str = "test") -> Path:
    """The venv's python, with econdesk installed; `extras` "test" adds the test tools, "-" none."""
    if sys.version_info < (3, 11):  # noqa: UP036 - say so clearly on an old python
        raise SystemExit(f"econdesk needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    python = venv_python()
    if not python.exists():
        print(f"creating {VENV}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    installed = STAMP.read_text(encoding="utf-8").split() if STAMP.exists() else []
    # The stamp holds the pyproject digest and the extras installed with it ("test" or "-").
    if installed[:1] != [digest] or (extras != "-" and extras not in installed[1:]):
        target = f"{ROOT}[{extras}]" if extras != "-" else str(ROOT)
        print(f"installing {target} into {VENV}", file=sys.stderr)
        quiet = ["--quiet", "--disable-pip-version-check"]
        subprocess.run(
            [str(python), "-m", "pip", "install", *quiet, "-e", target],
            check=True,
            stdout=sys.stderr,  # stdout carries only the python path
        )
        kept = installed[1:] if installed[:1] == [digest] else []
        STAMP.write_text(" ".join([digest, *sorted({*kept, extras})]) + "\n", encoding="utf-8")
    return python


if __name__ == "__main__":
    print(ensure_venv(sys.argv[1] if len(sys.argv) > 1 else "test"))
