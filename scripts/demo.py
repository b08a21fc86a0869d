"""The quick start's first command: set up .venv and run econdesk's main job.

    python3 scripts/demo.py [--scenario NAME] [--seed N] [--keep]

Runs `econdesk demo`: the app on the built-in sandboxes with a generated business, showing
the scenario's last month fetched and matched within seconds. On a Linux X11 desktop it first
checks that the libraries Qt needs there are installed, installs them where it may (qt_deps.py)
and otherwise says in one line which packages to install.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bootstrap import ensure_venv
from qt_deps import check as check_qt_libraries


def main() -> int:
    python = str(ensure_venv("-"))
    problem = check_qt_libraries(python, sys.argv[1:], os.environ)
    if problem is not None:
        print(f"demo: {problem}", file=sys.stderr)
        return 1
    demo = subprocess.Popen([python, "-m", "econdesk", "demo", *sys.argv[1:]])
    # Ctrl+C reaches the demo too, which closes and cleans up; waiting for it (instead of
    # killing it a moment later, as subprocess.run would) lets it finish that.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    return demo.wait()


if __name__ == "__main__":
    sys.exit(main())
