"""scripts/demo.py finds the X11 libraries Qt's xcb plugin lacks before it starts Qt."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("qt_deps", ROOT / "scripts" / "qt_deps.py")
assert _spec is not None and _spec.loader is not None
qt_deps = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(qt_deps)

# `ldd libqxcb.so` on a desktop without libxcb-icccm4 and libxcb-keysyms1 (abridged)
LDD = """\
\tlinux-vdso.so.1 (0x00007ffd4b5f2000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/plugins/platforms/../../lib/libQt6XcbQpa.so.6 (0x7f0b)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f0bb9e12000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-util.so.1 => /lib/x86_64-linux-gnu/libxcb-util.so.1 (0x00007f0bb9e0a000)
\tlibxcb-keysyms.so.1 => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f0bb9d7f000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibfancy-x11.so.2 => not found
\t/lib64/ld-linux-x86-64.so.2 (0x00007f0bba000000)
"""
DESKTOP = {"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"}


def test_the_missing_libraries_are_read_from_ldd_each_once() -> None:
    assert qt_deps.missing_libraries(LDD) == [
        "libxcb-icccm.so.4",
        "libxcb-keysyms.so.1",
        "libfancy-x11.so.2",
    ]
    assert qt_deps.missing_libraries(LDD.replace("not found", "/lib/x.so (0x1)")) == []


def test_one_line_names_the_libraries_and_the_packages_to_install() -> None:
    table = qt_deps.packages()
    line = qt_deps.advice(qt_deps.missing_libraries(LDD), table)
    assert line == (
        "Qt cannot start on X11 here: libxcb-icccm.so.4, libxcb-keysyms.so.1, "
        "libfancy-x11.so.2 are missing; install with: sudo apt-get install libxcb-icccm4 "
        "libxcb-keysyms1 (and whatever package provides libfancy-x11.so.2)"
    )
    assert "\n" not in line
    assert qt_deps.advice(["libxcb-cursor.so.0"], table) == (
        "Qt cannot start on X11 here: libxcb-cursor.so.0 is missing; "
        "install with: sudo apt-get install libxcb-cursor0"
    )


@pytest.mark.parametrize(
    ("args", "environ", "platform", "xcb"),
    [
        ((), DESKTOP, "linux", True),
        ((), {"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ((), {"QT_QPA_PLATFORM": "xcb:display=:1"}, "linux", True),
        (("--self-test",), DESKTOP, "linux", False),  # offscreen
        (("--self-test",), {**DESKTOP, "QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ((), {**DESKTOP, "QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ((), {**DESKTOP, "QT_QPA_PLATFORM": "wayland;xcb"}, "linux", False),
        ((), {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ((), DESKTOP, "win32", False),
        ((), DESKTOP, "darwin", False),
    ],
)
def test_only_a_start_on_xcb_is_checked(
    args: tuple[str, ...], environ: dict[str, str], platform: str, xcb: bool
) -> None:
    assert qt_deps.uses_xcb(args, environ, platform) is xcb


class FakeSystem:
    """ldd answers LDD until the packages are installed, where installing is allowed."""

    def __init__(self, *, can_install: bool) -> None:
        self.can_install = can_install
        self.installed: list[str] = []

    def ldd(self, plugin: Path) -> str:
        assert plugin.name == "libqxcb.so" and plugin.exists()
        if {"libxcb-icccm4", "libxcb-keysyms1"} <= set(self.installed):
            return LDD.replace("not found", "/usr/lib/x.so (0x1)")
        return LDD.replace("\tlibfancy-x11.so.2 => not found\n", "")

    def install(self, names: Sequence[str]) -> bool:
        if self.can_install:
            self.installed += names
        return self.can_install


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PySide6's xcb plugin: Linux")
def test_missing_packages_are_installed_where_allowed_else_named() -> None:
    allowed = FakeSystem(can_install=True)
    assert (
        qt_deps.check(sys.executable, [], DESKTOP, ldd=allowed.ldd, installer=allowed.install)
        is None
    )
    assert allowed.installed == ["libxcb-icccm4", "libxcb-keysyms1"]
    refused = FakeSystem(can_install=False)
    line = qt_deps.check(sys.executable, [], DESKTOP, ldd=refused.ldd, installer=refused.install)
    assert line == (
        "Qt cannot start on X11 here: libxcb-icccm.so.4, libxcb-keysyms.so.1 are missing; "
        "install with: sudo apt-get install libxcb-icccm4 libxcb-keysyms1"
    )
    untouched = FakeSystem(can_install=True)
    offscreen = {**DESKTOP, "QT_QPA_PLATFORM": "offscreen"}
    assert qt_deps.check(sys.executable, [], offscreen, ldd=untouched.ldd) is None


@pytest.mark.skipif(shutil.which("ldd") is None, reason="needs ldd (glibc Linux)")
def test_the_list_covers_every_x11_library_of_the_real_plugin() -> None:
    plugin = qt_deps.xcb_plugin(sys.executable)
    assert plugin is not None, "PySide6 has no xcb platform plugin here"
    output = qt_deps.run_ldd(plugin)
    needed = {line.split()[0] for line in output.splitlines() if "=>" in line}
    x11 = {lib for lib in needed if lib.startswith(("libxcb", "libX", "libxkb", "libEGL", "libGL"))}
    assert x11 and x11 <= set(qt_deps.packages()), sorted(x11 - set(qt_deps.packages()))
    assert set(qt_deps.missing_libraries(output)) <= set(qt_deps.packages())


def test_system_deps_reads_the_same_list(tmp_path: Path) -> None:
    script = ROOT / "scripts" / "system-deps.sh"
    text = script.read_text(encoding="utf-8")
    assert "qt-libs.txt" in text
    assert not any(package in text for package in qt_deps.packages().values())
    tools = tmp_path / "bin"  # the tools it uses, but no apt-get and no sudo
    tools.mkdir()
    for tool in ("dirname", "id"):
        found = shutil.which(tool)
        assert found is not None
        (tools / tool).symlink_to(found)
    bash = shutil.which("bash")
    assert bash is not None
    cannot = subprocess.run(
        [bash, str(script), "--install", "libxcb-icccm4"],
        env={"PATH": str(tools)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert (cannot.returncode, cannot.stdout, cannot.stderr) == (1, "", "")
