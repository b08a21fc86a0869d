"""A report appears whole or not at all; bad targets are refused with a clear message."""

from __future__ import annotations

import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from econdesk.errors import UsageError
from econdesk.reports import MatchRow, ReportError, write_report
from tests.reports.factory import match_rows, sample_report


class DatabaseGone(RuntimeError):
    pass


def failing_rows(after: int) -> Iterator[MatchRow]:
    """Rows from a query that dies part-way, as a lost database connection would."""
    rows = match_rows()
    for i in range(after):
        yield rows[i % len(rows)]
    raise DatabaseGone("connection lost")


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system temp folder, moved where the test can see what is left in it."""
    folder = tmp_path / "system-tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_failure_midway_leaves_nothing_behind(tmp_path: Path, private_tmp: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(DatabaseGone):
        write_report(sample_report(matches=failing_rows(2_000)), out / "report.xlsx")
    assert list(out.iterdir()) == []
    assert list(private_tmp.iterdir()) == []


def test_failure_keeps_the_previous_report(tmp_path: Path, private_tmp: Path) -> None:
    target = tmp_path / "report.xlsx"
    write_report(sample_report(), target)
    before = target.read_bytes()
    with pytest.raises(DatabaseGone):
        write_report(sample_report(matches=failing_rows(10)), target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xlsx", "system-tmp"]
    assert list(private_tmp.iterdir()) == []
    # And a good run replaces it.
    write_report(sample_report(company="Other ApS"), target)
    assert load_workbook(target)["Summary"]["B3"].value == "Other ApS"


@pytest.mark.parametrize(
    ("name", "message"),
    [("report.csv", "must end in .xlsx"), ("missing/report.xlsx", "does not exist")],
)
def test_bad_targets_are_usage_errors(tmp_path: Path, name: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        write_report(sample_report(), tmp_path / name)


def test_a_folder_is_not_a_file_name(tmp_path: Path) -> None:
    (tmp_path / "x.xlsx").mkdir()
    with pytest.raises(UsageError, match="is a folder"):
        write_report(sample_report(), tmp_path / "x.xlsx")


def test_an_unwritable_folder_is_a_report_error(tmp_path: Path) -> None:
    # /proc accepts no new files, even from root, on every Linux.
    if not Path("/proc/self").is_dir():
        pytest.skip("needs Linux /proc: a folder nobody can create files in")
    with pytest.raises(ReportError, match=r"cannot write the report /proc/report\.xlsx"):
        write_report(sample_report(), Path("/proc/report.xlsx"))


def test_the_report_is_readable_by_the_user_alone(tmp_path: Path) -> None:
    """It names customers: mode 0600 whatever the umask (the user may share it knowingly)."""
    target = tmp_path / "report.xlsx"
    write_report(sample_report(), target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
