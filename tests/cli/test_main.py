import io
import subprocess
import sys

from econdesk import __version__
from econdesk.cli import main


def test_version_prints_and_exits_zero() -> None:
    out = io.StringIO()
    assert main(["--version"], stdout=out) == 0
    assert out.getvalue().strip() == f"econdesk {__version__}"


def test_help_lists_global_options() -> None:
    out = io.StringIO()
    assert main(["--help"], stdout=out) == 0
    assert "--config FILE" in out.getvalue()
    assert "--db URL" in out.getvalue()


def test_unknown_command_is_a_usage_error() -> None:
    err = io.StringIO()
    assert main(["no-such-command"], stderr=err) == 2
    assert "invalid choice" in err.getvalue()


def test_python_dash_m_runs_the_same_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "econdesk", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"econdesk {__version__}"
