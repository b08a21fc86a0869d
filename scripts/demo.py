"""The quick start's first command: set up .venv and run econdesk's main job.

    python3 scripts/demo.py [--scenario NAME] [--seed N] [--keep]

Runs `econdesk demo`: the app on the built-in sandboxes with a generated business, showing
the scenario's last month fetched and matched within seconds.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bootstrap import ensure_venv


def main() -> int:
    python = str(ensure_venv("-"))
    demo = subprocess.Popen([python, "-m", "econdesk", "demo", *sys.argv[1:]])
    # Ctrl+C reaches the demo too, which closes and cleans up; waiting for it (instead of
    # killing it a moment later, as subprocess.run would) lets it finish that.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    return demo.wait()


if __name__ == "__main__":
    sys.exit(main())
