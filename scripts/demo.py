"""The quick start's first command: set up .venv and run econdesk's main job.

    python3 scripts/demo.py

Runs `econdesk demo` (the app on the built-in sandbox with generated data) once that command
exists; until then it shows the command line and the status of a fresh local store.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bootstrap import ensure_venv


def main() -> int:
    python = str(ensure_venv("-"))
    has_demo = (
        subprocess.run(
            [python, "-m", "econdesk", "demo", "--help"], capture_output=True, check=False
        ).returncode
        == 0
    )
    if has_demo:
        return subprocess.run(
            [python, "-m", "econdesk", "demo", *sys.argv[1:]], check=False
        ).returncode
    subprocess.run([python, "-m", "econdesk", "--help"], check=True)
    print()
    return subprocess.run([python, "-m", "econdesk", "status"], check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
