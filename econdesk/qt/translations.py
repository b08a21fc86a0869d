"""Keeping the translations in step with the code (Qt Linguist's own tools).

    python -m econdesk.qt.translations update    # new texts into resources/i18n/*.ts
    python -m econdesk.qt.translations release   # .ts -> .qm, loaded by i18n.py

Translate in Qt Linguist (pyside6-linguist) or any .ts editor: the one catalogue of the app, the
command line, the report and the match explanations. Both the .ts (the source) and
the .qm (what the app loads) are committed; a test fails when either lags behind the code.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from econdesk.qt.resources import resources_dir

LANGUAGES = ("da",)  # English is the source language
PACKAGE = Path(__file__).resolve().parent


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease beside this Python, else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found (it comes with PySide6)")
    return found


MARKS = ('translate("', "QT_TRANSLATE_NOOP(")  # how a module outside the windows marks texts


def sources() -> list[Path]:
    """The app's windows, and every module outside them that marks texts for the catalogue
    (explanations, the report, the command line: econdesk.i18n reads the same .ts)."""
    outside = [
        path
        for path in PACKAGE.parent.rglob("*.py")
        if PACKAGE not in path.parents
        and any(mark in path.read_text(encoding="utf-8") for mark in MARKS)
    ]
    return sorted({*PACKAGE.rglob("*.py"), *outside})


def ts_file(language: str) -> Path:
    return resources_dir() / "i18n" / f"econdesk_{language}.ts"


def qm_file(language: str) -> Path:
    return resources_dir() / "i18n" / f"econdesk_{language}.qm"


def update(language: str, ts: Path | None = None) -> str:
    """Collect every text from the code into the .ts (kept translations stay; gone ones go)."""
    target = ts or ts_file(language)
    target.parent.mkdir(parents=True, exist_ok=True)
    command = [
        tool("pyside6-lupdate"),
        *map(str, sources()),
        "-no-obsolete",
        "-locations",
        "none",  # no line numbers: the .ts changes only when texts do
        "-target-language",
        {"da": "da_DK"}.get(language, language),
        "-ts",
        str(target),
    ]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def release(language: str, ts: Path | None = None, qm: Path | None = None) -> None:
    command = [
        tool("pyside6-lrelease"),
        str(ts or ts_file(language)),
        "-qm",
        str(qm or qm_file(language)),
    ]
    subprocess.run(command, check=True, capture_output=True, text=True)


def main(argv: list[str]) -> int:
    what = argv[0] if argv else ""
    if what not in ("update", "release"):
        print(__doc__)
        return 2
    for language in LANGUAGES:
        if what == "update":
            print(update(language).strip())
        else:
            release(language)
            print(f"wrote {qm_file(language)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
