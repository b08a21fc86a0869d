"""Before the demo starts Qt on a Linux X11 desktop: are the libraries Qt's xcb plugin needs here?

Where one is missing Qt stops with "Could not load the Qt platform plugin "xcb"" and names
none of them. `ldd` on PySide6's plugins/platforms/libqxcb.so lists every library the plugin
needs, its Qt libraries' too, with "not found" for each one missing; qt-libs.txt (shared with
system-deps.sh) names the Debian/Ubuntu package of each. Missing packages are installed the
way system-deps.sh installs (as root, or with passwordless sudo); where that cannot be done,
one line says which packages to install. Standard library only: it runs before the venv does.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIBRARIES = HERE / "qt-libs.txt"
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$", re.MULTILINE)
_FIND_PYSIDE = (
    "import importlib.util as u; s = u.find_spec('PySide6'); "
    "print(s.submodule_search_locations[0] if s and s.submodule_search_locations else '')"
)


def packages(path: Path = LIBRARIES) -> dict[str, str]:
    """Library file name -> Debian/Ubuntu package, from qt-libs.txt."""
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if len(fields) >= 2 and not fields[0].startswith("#"):
            table[fields[0]] = fields[1]
    return table


def uses_xcb(args: Sequence[str], environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether `econdesk demo ARGS` will start Qt on its xcb (X11) platform."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    if not chosen:
        if "--self-test" in args:
            return False  # the self-test runs offscreen
        # Qt picks Wayland in a Wayland session, xcb everywhere else.
        return environ.get("XDG_SESSION_TYPE") != "wayland" or not environ.get("WAYLAND_DISPLAY")
    first = chosen.split(";")[0]  # "wayland;xcb": xcb only if Wayland fails
    return first.split(":")[0] == "xcb"


def missing_libraries(ldd_output: str) -> list[str]:
    """The libraries `ldd` reports "not found", each once, in its order."""
    return list(dict.fromkeys(_NOT_FOUND.findall(ldd_output)))


def advice(missing: Sequence[str], table: Mapping[str, str]) -> str:
    """One line: what is missing and which packages to install."""
    known = list(dict.fromkeys(table[lib] for lib in missing if lib in table))
    unknown = [lib for lib in missing if lib not in table]
    are = "is" if len(missing) == 1 else "are"
    line = f"Qt cannot start on X11 here: {', '.join(missing)} {are} missing"
    if known:
        line += f"; install with: sudo apt-get install {' '.join(known)}"
    if unknown:
        line += f" (and whatever package provides {', '.join(unknown)})"
    return line


def xcb_plugin(python: str) -> Path | None:
    """PySide6's libqxcb.so in the environment of `python`; None when there is none."""
    found = subprocess.run(
        [python, "-c", _FIND_PYSIDE], capture_output=True, text=True, check=False
    ).stdout.strip()
    plugin = Path(found) / "Qt" / "plugins" / "platforms" / "libqxcb.so" if found else None
    return plugin if plugin is not None and plugin.exists() else None


def run_ldd(plugin: Path) -> str:
    if shutil.which("ldd") is None:
        return ""  # nothing to go by: Qt will say what it says
    return subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=False).stdout


def install(names: Sequence[str]) -> bool:
    """system-deps.sh --install: True when it installed them (it could, and apt-get worked)."""
    script = HERE / "system-deps.sh"
    return subprocess.run(["bash", str(script), "--install", *names], check=False).returncode == 0


def check(
    python: str,
    args: Sequence[str],
    environ: Mapping[str, str],
    *,
    ldd: Callable[[Path], str] = run_ldd,
    installer: Callable[[Sequence[str]], bool] = install,
) -> str | None:
    """None when Qt can start (or will not use xcb); else the one line to show."""
    if not uses_xcb(args, environ):
        return None
    plugin = xcb_plugin(python)
    if plugin is None:
        return None
    missing = missing_libraries(ldd(plugin))
    if not missing:
        return None
    table = packages()
    names = list(dict.fromkeys(table[lib] for lib in missing if lib in table))
    if names and installer(names):
        missing = missing_libraries(ldd(plugin))
        if not missing:
            return None
    return advice(missing, table)
