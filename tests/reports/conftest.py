"""LibreOffice, headless, to recalculate the workbooks' formulas as a spreadsheet program does.

openpyxl writes formulas but never computes them, so only a real spreadsheet engine can show
that the totals add up. scripts/ensure-libreoffice.sh installs it where it can; without it the
tests that need it skip, saying so, except under CI=true, where they fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

Recalculate = Callable[[Path], Workbook]


@pytest.fixture(scope="session")
def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        reason = (
            "LibreOffice (soffice) is not installed, so the workbook's formulas cannot be "
            "recalculated: run scripts/ensure-libreoffice.sh"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return found


@pytest.fixture
def recalculate(soffice: str, tmp_path: Path) -> Recalculate:
    """Open a workbook in LibreOffice, let it compute every formula, and read the results."""
    profile = tmp_path / "lo-profile"  # its own profile: no clash with another soffice running

    def run(path: Path) -> Workbook:
        out = tmp_path / "recalculated"
        out.mkdir(exist_ok=True)
        result = subprocess.run(
            [soffice, "--headless", "--norestore", "--nolockcheck",
             f"-env:UserInstallation={profile.as_uri()}",
             "--convert-to", "xlsx", "--outdir", str(out), str(path)],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        converted = out / path.name
        assert converted.exists(), f"LibreOffice did not convert {path}: {result.stderr}"
        return load_workbook(converted, data_only=True)

    return run
