"""The frozen app's entry point: the same `econdesk` command as the installed package."""

import sys

from econdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
